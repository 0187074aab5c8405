"""The Python binding over libvoicelint.so, cross-checked with the CLI."""

import concurrent.futures
import json
import os
import subprocess
import sys
import threading

import pytest

import voicelint

VOICELINT_BIN = os.environ["VOICELINT_BIN"]
DRAFT = "Hey, no problem! 喂，你们不知道吗？\n😀 Calm down, you people."

RULES = """\
glossary: brand
terms:
  - id: hey
    avoid: [hey]
    prefer: [Hello, Good morning]
  - id: dont-know
    avoid: [不知道]
    level: error
"""


def cli(*args, text=""):
    return subprocess.run(
        [VOICELINT_BIN, *args], input=text, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def linter():
    with voicelint.Linter() as linter:
        yield linter


def test_version():
    assert voicelint.library_version() == cli("--version").split()[1]


def test_findings_match_the_cli(linter):
    findings = linter.check(DRAFT)
    expected = json.loads(cli("check", "--no-config", "--format", "json", "-", text=DRAFT))
    expected = expected["files"][0]["findings"]
    assert [f.rule for f in findings] == [e["rule"] for e in expected]
    for f, e in zip(findings, expected):
        assert f.level == e["level"]
        assert f.message == e["message"]
        assert f.match == e["match"]
        assert (f.line, f.column) == (e["line"], e["column"])
        assert list(f.byte) == e["offset"]["byte"]
        assert list(f.utf16) == e["offset"]["utf16"]
        assert list(f.codepoint) == e["offset"]["codepoint"]
        assert f.replacement == (e["fix"] or {}).get("replacement")
        assert f.applicability == e["applicability"]
        if f.fix is not None:
            assert list(f.fix.byte) == e["fix"]["byte"]
            assert f.fix.applicability == e["fix"]["applicability"]
        assert f.suggestions == tuple(e["suggestions"])


def test_spans_select_the_match_in_every_unit(linter):
    findings = linter.check(DRAFT)
    assert len(findings) >= 6
    encoded = DRAFT.encode("utf-8")
    utf16 = DRAFT.encode("utf-16-le")
    for f in findings:
        assert DRAFT[f.codepoint[0] : f.codepoint[1]] == f.match
        assert encoded[f.byte[0] : f.byte[1]].decode() == f.match
        assert utf16[2 * f.utf16[0] : 2 * f.utf16[1]].decode("utf-16-le") == f.match
    people = next(f for f in findings if f.rule == "ritz.you-people")
    assert people.level == "error" and people.line == 2
    assert people.utf16[0] == people.codepoint[0] + 1  # 😀 is two UTF-16 units


def test_fix_matches_the_cli_and_is_idempotent(linter):
    fixed = linter.fix(DRAFT)
    assert fixed == cli("fix", "--no-config", "-", text=DRAFT)
    assert fixed.startswith("Hello, my pleasure! 您好，")
    assert linter.fix(fixed) == fixed
    assert linter.fix(b"HEY") == b"HELLO"


def test_markdown_and_min_level(linter):
    text = "Use `hey` in code, but hey. 你们好"
    assert len(linter.check(text)) == 3
    md = linter.check(text, markdown=True)
    assert [(f.rule, f.byte) for f in md] == [
        ("ritz.casual-greeting", (23, 26)),
        ("service-zh.ni-hao", (28, 37)),
    ]
    assert [f.rule for f in linter.check(text, min_level="warning")] == [
        "ritz.casual-greeting",
        "ritz.casual-greeting",
    ]
    with pytest.raises(ValueError):
        linter.check(text, min_level="loud")


def test_check_json_has_the_cli_finding_schema(linter):
    data = linter.check_json("Hey. 喂")
    expected = json.loads(cli("check", "--no-config", "--format", "json", "-", text="Hey. 喂"))
    strip = lambda f: {k: v for k, v in f.items() if k != "path"}
    assert data["findings"] == [strip(f) for f in expected["files"][0]["findings"]]
    assert data["summary"]["findings"] == 2
    assert data["notes"] == []


def test_empty_and_invalid_text(linter):
    assert linter.check("") == []
    assert linter.fix("") == ""
    # A lone surrogate cannot be UTF-8: the library notes it and checks the rest.
    findings = linter.check("\udc80 hey you people")
    assert [f.rule for f in findings] == ["ritz.casual-greeting", "ritz.you-people"]
    data = linter.check_json(b"\xff hey")
    assert data["notes"][0]["byte"] == 0
    assert [f["match"] for f in data["findings"]] == ["hey"]
    with pytest.raises(TypeError):
        linter.check(5)


def test_rules_from_files_folders_and_text(tmp_path):
    path = tmp_path / "brand.yml"
    path.write_text(RULES, encoding="utf-8")
    for rules in (str(path), path, [path], [tmp_path]):
        with voicelint.Linter(rules) as linter:
            assert linter.rule_count == 2
            assert [f.level for f in linter.check("hey, 我不知道")] == ["warning", "error"]
    with voicelint.Linter([path, "default"]) as linter:
        assert linter.rule_count > 2
    linter = voicelint.Linter.from_string(RULES)
    # The rule does not say its fix is safe: only unsafe_fixes applies it.
    assert linter.fix("Hey, 不知道") == "Hey, 不知道"
    assert linter.fix("Hey, 不知道", unsafe_fixes=True) == "Hello, 不知道"
    assert linter.check("Hey, 不知道")[0].fix.note != ""
    linter.close()
    with pytest.raises(voicelint.Error):
        linter.check("hey")


def test_errors_carry_the_library_message(tmp_path):
    with pytest.raises(voicelint.Error) as error:
        voicelint.Linter.from_string("glossary: b\nterms:\n  - id: x\n    avoud: [a]\n", "b.yml")
    assert str(error.value).startswith("b.yml:4:5: ")
    assert "avoud" in str(error.value)
    assert error.value.status == -4
    with pytest.raises(voicelint.Error) as error:
        voicelint.Linter(tmp_path / "missing.yml")
    assert error.value.status == -3
    assert "missing.yml" in str(error.value)
    with pytest.raises(ValueError):
        voicelint.Linter([])


def test_threads_share_one_linter(linter):
    texts = [DRAFT, "Certainly!", "hang on, you guys", "你們不知道嗎？餵！", "", "OK? Yeah."] * 5
    expected = [linter.check(t) for t in texts]
    expected_fixes = [linter.fix(t) for t in texts]
    seen_threads = set()

    def work(round_):
        seen_threads.add(threading.get_ident())
        order = texts[round_ % len(texts):] + texts[: round_ % len(texts)]
        got = [linter.check(t) for t in order]
        fixes = [linter.fix(t) for t in order]
        shift = round_ % len(texts)
        want = expected[shift:] + expected[:shift]
        want_fixes = expected_fixes[shift:] + expected_fixes[:shift]
        return got == want and fixes == want_fixes

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(64)))
    assert len(seen_threads) > 1
    # One scratch per thread that checked, plus this one.
    assert len(linter._scratches) == len(seen_threads | {threading.get_ident()})


def test_missing_library_is_a_clear_error():
    env = dict(os.environ, VOICELINT_LIBRARY="/nonexistent/libvoicelint.so")
    run = subprocess.run(
        [sys.executable, "-c", "import voicelint"], env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "cannot load libvoicelint (set VOICELINT_LIBRARY" in run.stderr
