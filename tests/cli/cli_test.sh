#!/usr/bin/env bash
# End-to-end tests of the voicelint command line: exit codes, stdin, fix,
# configuration discovery, errors. Usage: cli_test.sh VOICELINT SOURCE_DIR
set -u
vl=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
export NO_COLOR=1
# shellcheck source=assert.sh
. "$src/tests/cli/assert.sh"

# Exit codes and standard input.
echo "Hello, thank you for writing." >clean.txt
expect_exit "clean text exits 0" 0 "$vl" check --no-config clean.txt
printf 'Hey, no problem!\n' >casual.txt
expect_exit "findings exit 1" 1 "$vl" check --no-config casual.txt
contains "clang-style header" out.txt "casual.txt:1:1: warning:"
contains "fix-it line" out.txt "Hello"
expect_exit "stdin is read with -" 1 sh -c "printf 'Hey there' | '$vl' check --no-config -"
contains "stdin is named -" out.txt "-:1:1: warning:"
expect_exit "--fail-on error ignores warnings" 0 "$vl" check --no-config --fail-on error casual.txt
expect_exit "--level error hides warnings" 0 "$vl" check --no-config --level error --fail-on suggestion casual.txt
expect_exit "--exit-zero exits 0 with findings" 0 "$vl" check --no-config --exit-zero casual.txt
expect_exit "missing file exits 2" 2 "$vl" check --no-config casual.txt nope.txt
contains "missing file is named" err.txt "nope.txt"
expect_exit "bad flag exits 2" 2 "$vl" check --no-config --format xml casual.txt

# Output formats.
expect_exit "json" 1 "$vl" check --no-config --format json casual.txt
contains "json summary" out.txt '"summary":{"files":1,"messages":1,"findings":2'
contains "json offsets" out.txt '"offset":{"byte":[0,3],"utf16":[0,3],"codepoint":[0,3]}'
expect_exit "jsonl" 1 "$vl" check --no-config --format jsonl casual.txt
check "jsonl has one line per finding" $(( $(wc -l <out.txt) != 2 ))
expect_exit "no colour when NO_COLOR is set" 1 "$vl" check --no-config --color always --no-color casual.txt
check "no escape codes" $(grep -c $'\x1b' out.txt)
expect_exit "colour when forced" 1 env -u NO_COLOR "$vl" check --no-config --color always casual.txt
check "escape codes" $(( $(grep -c $'\x1b' out.txt) == 0 ))

# Folders, Markdown, binary, invalid UTF-8, unreadable files.
mkdir -p lib/sub lib/.hidden
printf 'Hey!\n' >lib/a.txt
printf 'Use `hey` in code, but ok here.\n' >lib/sub/b.md
printf 'hey\n' >lib/.hidden/c.txt
printf 'hey\n' >lib/ignored.csv
printf 'hey\0binary' >lib/d.txt
printf 'ok \xff then hey\n' >lib/e.txt
expect_exit "folders are walked" 1 "$vl" check --no-config lib
contains "txt in folder" out.txt "lib/a.txt:1:1"
contains "md code span skipped, prose checked" out.txt "lib/sub/b.md:1:24"
check "hidden folders skipped" $(grep -c "hidden" out.txt)
check "other extensions skipped" $(grep -c "ignored.csv" out.txt)
contains "binary skipped with a note" err.txt "lib/d.txt: skipped: binary file"
contains "invalid UTF-8 noted" out.txt "lib/e.txt:1:4: note: invalid UTF-8 (byte 0xFF)"
contains "rest of invalid file checked" out.txt "lib/e.txt:1:11: warning"
if [ "$(id -u)" != 0 ]; then
  printf 'hey\n' >locked.txt && chmod 000 locked.txt
  expect_exit "unreadable file exits 2" 2 "$vl" check --no-config locked.txt casual.txt
  contains "others still checked" out.txt "casual.txt:1:1"
fi

# fix: atomic rewrite keeping permissions, idempotent, --diff, stdin.
printf 'HEY you guys,\nno problem!\n' >fixme.txt
chmod 640 fixme.txt
expect_exit "fix --diff" 1 "$vl" fix --no-config --diff fixme.txt
contains "diff header" out.txt "--- a/fixme.txt"
contains "diff hunk" out.txt "+HELLO you all,"
contains "diff leaves the file" fixme.txt "HEY you guys"
expect_exit "fix rewrites" 0 "$vl" fix --no-config fixme.txt
contains "fixed text" fixme.txt "HELLO you all,"
contains "fixed second line" fixme.txt "my pleasure!"
check "permissions kept" $([ "$(stat -c %a fixme.txt)" = 640 ]; echo $?)
cp fixme.txt once.txt
expect_exit "fix again" 0 "$vl" fix --no-config fixme.txt
check "fixing twice changes nothing" $(cmp -s fixme.txt once.txt; echo $?)
check "no temporary files left" $(ls | grep -c voicelint-)
expect_exit "fix stdin" 0 sh -c "printf 'Hey. 喂，你们好' | '$vl' fix --no-config -"
contains "fixed stdin" out.txt "Hello. 您好，您好"

# Configuration: found by walking up; disable, levels, allow, fail-on, packs.
mkdir -p proj/docs
cat >proj/.voicelint.yml <<'YML'
disable: [ritz.ok]
levels: {ritz.casual-greeting: error}
allow: [hey jude]
fail-on: error
YML
printf 'ok, Hey Jude is on. Hey!\n' >proj/docs/x.txt
expect_exit "config found by walking up" 1 "$vl" check proj/docs/x.txt
contains "re-levelled rule" out.txt "x.txt:1:21: error:"
check "disabled rule" $(grep -c "ritz.ok" out.txt)
check "allow list" $(grep -c ":1:5:" out.txt)
printf 'disable: [ritz.no-such-rule]\n' >bad.yml
expect_exit "unknown rule in config exits 2" 2 "$vl" check --config bad.yml casual.txt
contains "config error located" err.txt "bad.yml:1:11: error: no rule or glossary named 'ritz.no-such-rule'"
mkdir -p pack
cat >pack/brand.yml <<'YML'
glossary: brand
terms:
  - id: cheap
    avoid: [cheap]
    prefer: [affordable]
    examples: {flag: ["It is cheap."], pass: ["It is affordable."]}
YML
expect_exit "--rules replaces the default" 0 sh -c "printf 'Hey, it is fine' | '$vl' check --no-config --rules pack -"
expect_exit "--rules pack flags" 1 sh -c "printf 'So cheap' | '$vl' check --no-config --rules pack --rules default -"

# Rule files: located errors, rules list/explain/test.
cat >pack2.yml <<'YML'
glossary: broken
terms:
  - id: a
    avoid: []
    colour: red
YML
expect_exit "malformed rule file exits 2" 2 "$vl" check --no-config --rules pack2.yml casual.txt
contains "empty avoid located" err.txt "pack2.yml:4:12: error: 'avoid' is empty"
contains "unknown key located" err.txt "pack2.yml:5:5: error: unknown key 'colour'"
expect_exit "rules list" 0 "$vl" rules list --no-config
contains "rules list shows ids" out.txt "ritz.casual-greeting"
expect_exit "rules explain" 0 "$vl" rules explain --no-config ritz.casual-greeting
contains "explain shows location" out.txt "rules/ritz/en.yml:"
expect_exit "rules explain unknown" 2 "$vl" rules explain --no-config ritz.no-such-rule
expect_exit "rules test on a good pack" 0 "$vl" rules test --no-config pack
cat >pack/wrong.yml <<'YML'
glossary: wrong
terms:
  - id: hey
    avoid: [hey]
    examples: {flag: ["They said hi."], pass: ["Hey there"]}
YML
expect_exit "rules test fails on bad examples" 1 "$vl" rules test --no-config pack
contains "failing flag example located" err.txt "pack/wrong.yml:5:23: error: flag example was not flagged"
contains "failing pass example located" err.txt "pack/wrong.yml:5:48: error: pass example was flagged"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
