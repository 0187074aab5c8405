"""voicelint for Python: brand-voice checks of English and Chinese messages.

A thin ctypes binding over the C API of libvoicelint.so (include/voicelint/
voicelint.h); no dependency beyond the standard library.

    import voicelint

    linter = voicelint.Linter()              # the embedded default rulebook
    for f in linter.check("Hey, no problem!"):
        print(f.line, f.column, f.rule, f.message, f.suggestions[:1])
    print(linter.fix("Hey, no problem!"))    # "Hello, my pleasure!"

Rules: ``Linter(rules=None)`` uses the default rulebook; ``rules`` may be a
path or a list of paths of YAML rule files or folders ("default" names the
embedded rulebook); ``Linter.from_string(yaml)`` compiles one rule file given
as text. Mistakes raise ``voicelint.Error`` carrying the library's message,
``file:line:col: message`` for rule files.

Positions: every finding has its span as ``(begin, end)`` half-open pairs in
UTF-8 bytes (``byte``), UTF-16 code units (``utf16``, what JavaScript and LSP
count) and code points (``codepoint``: index a Python ``str`` with it), plus a
1-based ``line`` and ``column`` (in code points).

Thread-safety: a Linter may be shared by any number of threads; each thread
gets its own scratch memory from the library on first use.

The library is found through the ``VOICELINT_LIBRARY`` environment variable
(a path to libvoicelint.so), else next to this package, else by the system's
dynamic loader (an installed libvoicelint.so.0).
"""

from __future__ import annotations

import ctypes
import json
import os
import threading
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple, Union

__all__ = ["Error", "Finding", "Fix", "Linter", "library_version"]

_LEVELS = {1: "suggestion", 2: "warning", 3: "error"}
_LEVEL_VALUES = {name: value for value, name in _LEVELS.items()}
_APPLICABILITY = {0: "display", 1: "unsafe", 2: "safe"}
_STATUS_NAMES = {
    -1: "VL_ERR_ARG",
    -2: "VL_ERR_NOMEM",
    -3: "VL_ERR_IO",
    -4: "VL_ERR_RULES",
    -5: "VL_ERR_UTF8",
    -99: "VL_ERR_INTERNAL",
}


class Error(Exception):
    """A failure reported by libvoicelint: ``status`` is the vl_status code
    (e.g. -4, VL_ERR_RULES) and the message is vl_last_error()."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Fix:
    """The machine edit of a finding: replace ``byte`` (UTF-8 offsets,
    half-open; may reach beyond the finding's span, e.g. an article that must
    agree) with ``replacement``. ``applicability`` is "safe" (applied by
    ``Linter.fix``) or "unsafe" (it may change the meaning or read wrong;
    applied only with ``unsafe_fixes=True``); ``note`` says why it is not
    safe."""

    byte: Tuple[int, int]
    utf16: Tuple[int, int]
    codepoint: Tuple[int, int]
    replacement: str
    applicability: str
    note: str


@dataclass(frozen=True)
class Finding:
    """One taboo phrase in a checked text."""

    rule: str  # "<glossary>.<id>"
    level: str  # "error", "warning" or "suggestion"
    message: str
    match: str  # the text of the span
    byte: Tuple[int, int]  # UTF-8 byte offsets, half-open
    utf16: Tuple[int, int]  # UTF-16 code-unit offsets
    codepoint: Tuple[int, int]  # code-point offsets (str indexes)
    line: int  # 1-based
    column: int  # 1-based, in code points
    suggestions: Tuple[str, ...]  # best first, fitted to the place (case, script)
    applicability: str = "display"  # "safe", "unsafe" or "display" (no machine edit)
    fix: Optional[Fix] = None

    @property
    def replacement(self) -> Optional[str]:
        """What the fix writes for this finding, or None when it has none."""
        return self.fix.replacement if self.fix is not None else None


class _Span(ctypes.Structure):
    _fields_ = [("begin", ctypes.c_size_t), ("end", ctypes.c_size_t)]


class _Finding(ctypes.Structure):
    _fields_ = [
        ("rule", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("match", ctypes.c_char_p),
        ("level", ctypes.c_int),
        ("byte", _Span),
        ("utf16", _Span),
        ("codepoint", _Span),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
        ("suggestions", ctypes.POINTER(ctypes.c_char_p)),
        ("suggestion_count", ctypes.c_size_t),
    ]


class _Edit(ctypes.Structure):
    _fields_ = [
        ("applicability", ctypes.c_int),
        ("byte", _Span),
        ("utf16", _Span),
        ("codepoint", _Span),
        ("replacement", ctypes.c_char_p),
        ("note", ctypes.c_char_p),
    ]


class _Options(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("min_level", ctypes.c_int),
        ("input", ctypes.c_int),
        ("unsafe_fixes", ctypes.c_int),
    ]


def _load_library() -> ctypes.CDLL:
    explicit = os.environ.get("VOICELINT_LIBRARY")
    if explicit:
        candidates = [explicit]
    else:
        here = os.path.dirname(os.path.abspath(__file__))
        candidates = [
            os.path.join(here, name)
            for name in ("libvoicelint.so", "libvoicelint.so.0")
            if os.path.exists(os.path.join(here, name))
        ]
        candidates.append("libvoicelint.so.0")
    errors = []
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError as e:
            errors.append(str(e))
    raise Error(
        "cannot load libvoicelint (set VOICELINT_LIBRARY to its path): " + "; ".join(errors)
    )


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    p = ctypes.POINTER
    vp = ctypes.c_void_p
    sigs = {
        "vl_version": (ctypes.c_char_p, []),
        "vl_last_error": (ctypes.c_char_p, []),
        "vl_free": (None, [vp]),
        "vl_ruleset_default": (ctypes.c_int, [p(vp)]),
        "vl_ruleset_load": (ctypes.c_int, [p(vp), p(ctypes.c_char_p), ctypes.c_size_t]),
        "vl_ruleset_from_string": (
            ctypes.c_int,
            [p(vp), ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p],
        ),
        "vl_ruleset_rule_count": (ctypes.c_size_t, [vp]),
        "vl_ruleset_free": (None, [vp]),
        "vl_scratch_new": (ctypes.c_int, [p(vp), vp]),
        "vl_scratch_free": (None, [vp]),
        "vl_check": (
            ctypes.c_int,
            [vp, vp, ctypes.c_char_p, ctypes.c_size_t, p(_Options), p(vp)],
        ),
        "vl_result_count": (ctypes.c_size_t, [vp]),
        "vl_result_at": (p(_Finding), [vp, ctypes.c_size_t]),
        "vl_result_fix_at": (p(_Edit), [vp, ctypes.c_size_t]),
        "vl_result_to_json": (ctypes.c_int, [vp, p(vp), p(ctypes.c_size_t)]),
        "vl_result_free": (None, [vp]),
        "vl_fix": (
            ctypes.c_int,
            [vp, vp, ctypes.c_char_p, ctypes.c_size_t, p(_Options), p(vp), p(ctypes.c_size_t)],
        ),
    }
    for name, (restype, argtypes) in sigs.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


_lib = _declare(_load_library())


def library_version() -> str:
    """The version of the loaded libvoicelint, e.g. "0.2.0"."""
    return _lib.vl_version().decode()


def _raise_for(status: int) -> None:
    if status != 0:
        message = _lib.vl_last_error().decode("utf-8", "replace")
        name = _STATUS_NAMES.get(status, str(status))
        raise Error(message or name, status)


def _encode(text: Union[str, bytes]) -> bytes:
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        # Lone surrogates become invalid UTF-8, which the library reports as
        # notes while checking the rest.
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"text must be str or bytes, not {type(text).__name__}")


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _options(markdown: bool, min_level: str, unsafe_fixes: bool = False) -> _Options:
    if min_level not in _LEVEL_VALUES:
        raise ValueError(f"min_level must be one of {sorted(_LEVEL_VALUES)}, not {min_level!r}")
    return _Options(
        ctypes.sizeof(_Options), _LEVEL_VALUES[min_level], 1 if markdown else 0,
        1 if unsafe_fixes else 0,
    )


class Linter:
    """Compiled rules, ready to check messages. Build once, share freely."""

    def __init__(self, rules: Union[None, str, os.PathLike, Sequence[Union[str, os.PathLike]]] = None):
        handle = ctypes.c_void_p()
        if rules is None:
            _raise_for(_lib.vl_ruleset_default(ctypes.byref(handle)))
        else:
            paths = [rules] if isinstance(rules, (str, bytes, os.PathLike)) else list(rules)
            if not paths:
                raise ValueError("rules: give at least one path, or None for the default rulebook")
            encoded = [os.fsencode(path) for path in paths]
            array = (ctypes.c_char_p * len(encoded))(*encoded)
            _raise_for(_lib.vl_ruleset_load(ctypes.byref(handle), array, len(encoded)))
        self._init(handle)

    @classmethod
    def from_string(cls, yaml: str, name: str = "<string>") -> "Linter":
        """Compiles one rule file given as text; ``name`` appears in errors."""
        data = yaml.encode("utf-8")
        handle = ctypes.c_void_p()
        _raise_for(_lib.vl_ruleset_from_string(ctypes.byref(handle), data, len(data), name.encode()))
        linter = cls.__new__(cls)
        linter._init(handle)
        return linter

    def _init(self, handle: ctypes.c_void_p) -> None:
        self._ruleset = handle
        self._local = threading.local()
        self._lock = threading.Lock()
        self._scratches: List[ctypes.c_void_p] = []

    @property
    def rule_count(self) -> int:
        return int(_lib.vl_ruleset_rule_count(self._ruleset))

    def _scratch(self) -> ctypes.c_void_p:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            if not self._ruleset:
                raise Error("the linter is closed", -1)
            scratch = ctypes.c_void_p()
            _raise_for(_lib.vl_scratch_new(ctypes.byref(scratch), self._ruleset))
            with self._lock:
                self._scratches.append(scratch)
            self._local.scratch = scratch
        return scratch

    def _check(self, text: Union[str, bytes], markdown: bool, min_level: str) -> ctypes.c_void_p:
        data = _encode(text)
        options = _options(markdown, min_level)
        result = ctypes.c_void_p()
        _raise_for(
            _lib.vl_check(
                self._ruleset, self._scratch(), data, len(data), ctypes.byref(options),
                ctypes.byref(result),
            )
        )
        return result

    def check(
        self, text: Union[str, bytes], markdown: bool = False, min_level: str = "suggestion"
    ) -> List[Finding]:
        """The findings in ``text``, ordered by position. ``markdown`` skips
        code, link targets, HTML comments and block quotes; ``min_level``
        leaves out findings below it."""
        result = self._check(text, markdown, min_level)
        try:
            findings = []
            for i in range(_lib.vl_result_count(result)):
                f = _lib.vl_result_at(result, i).contents
                e = _lib.vl_result_fix_at(result, i).contents
                applicability = _APPLICABILITY.get(e.applicability, "display")
                fix = None
                if e.replacement is not None:
                    fix = Fix(
                        byte=(e.byte.begin, e.byte.end),
                        utf16=(e.utf16.begin, e.utf16.end),
                        codepoint=(e.codepoint.begin, e.codepoint.end),
                        replacement=_decode(e.replacement),
                        applicability=applicability,
                        note=_decode(e.note),
                    )
                findings.append(
                    Finding(
                        rule=_decode(f.rule),
                        level=_LEVELS[f.level],
                        message=_decode(f.message),
                        match=_decode(f.match),
                        byte=(f.byte.begin, f.byte.end),
                        utf16=(f.utf16.begin, f.utf16.end),
                        codepoint=(f.codepoint.begin, f.codepoint.end),
                        line=f.line,
                        column=f.column,
                        suggestions=tuple(
                            _decode(f.suggestions[k]) for k in range(f.suggestion_count)
                        ),
                        applicability=applicability,
                        fix=fix,
                    )
                )
            return findings
        finally:
            _lib.vl_result_free(result)

    def check_json(
        self, text: Union[str, bytes], markdown: bool = False, min_level: str = "suggestion"
    ) -> dict:
        """The check as the library's JSON (vl_result_to_json): findings in
        the schema of ``voicelint check --format json``, notes about the input
        (e.g. invalid UTF-8) and a summary."""
        result = self._check(text, markdown, min_level)
        buffer = ctypes.c_void_p()
        length = ctypes.c_size_t()
        try:
            _raise_for(_lib.vl_result_to_json(result, ctypes.byref(buffer), ctypes.byref(length)))
            try:
                return json.loads(ctypes.string_at(buffer, length.value).decode("utf-8"))
            finally:
                _lib.vl_free(buffer)
        finally:
            _lib.vl_result_free(result)

    def fix(
        self,
        text: Union[str, bytes],
        markdown: bool = False,
        min_level: str = "suggestion",
        unsafe_fixes: bool = False,
    ):
        """``text`` with the safe fixes applied (with ``unsafe_fixes=True``
        also those that may change the meaning or read wrong; see
        ``Finding.fix``). Returns the same type as given."""
        data = _encode(text)
        options = _options(markdown, min_level, unsafe_fixes)
        buffer = ctypes.c_void_p()
        length = ctypes.c_size_t()
        _raise_for(
            _lib.vl_fix(
                self._ruleset, self._scratch(), data, len(data), ctypes.byref(options),
                ctypes.byref(buffer), ctypes.byref(length),
            )
        )
        try:
            fixed = ctypes.string_at(buffer, length.value)
        finally:
            _lib.vl_free(buffer)
        return fixed if isinstance(text, bytes) else fixed.decode("utf-8", "surrogatepass")

    def close(self) -> None:
        """Frees the rules and every thread's scratch; call it when no thread
        is checking any more. Further use raises Error."""
        with self._lock:
            scratches, self._scratches = self._scratches, []
        for scratch in scratches:
            _lib.vl_scratch_free(scratch)
        if self._ruleset:
            _lib.vl_ruleset_free(self._ruleset)
            self._ruleset = ctypes.c_void_p()
        self._local = threading.local()

    def __enter__(self) -> "Linter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            if getattr(self, "_ruleset", None):
                self.close()
        except Exception:  # interpreter shutdown may have torn down the module
            pass
