#!/usr/bin/env bash
# End-to-end tests of structured libraries and CI gates: JSON / JSON Lines /
# YAML / CSV inputs with exact positions, help-desk presets, every output
# format (SARIF validated against the OASIS schema), baselines, scores, and
# malformed input. Usage: library_test.sh VOICELINT SOURCE_DIR
set -u
vl=$1
src=$2
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
export NO_COLOR=1
# shellcheck source=assert.sh
. "$src/tests/cli/assert.sh"
lacks() {  # lacks NAME FILE TEXT
  grep -qF -- "$3" "$2"; local s=$?
  [ $s -ne 0 ] || { echo "  '$3' unexpectedly in $2" >&2; }
  check "$1" $((s == 0))
}
# spans NAME JSON-OUTPUT FILE EXPECTED...: the file bytes under each finding's
# byte span, in order, must be exactly EXPECTED...
spans() {
  local name=$1 json=$2 file=$3; shift 3
  "$py" - "$json" "$file" "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
data = open(sys.argv[2], 'rb').read()
got = [data[f['offset']['byte'][0]:f['offset']['byte'][1]].decode() for f in doc['files'][0]['findings']]
want = sys.argv[3:]
if got != want:
    print(f"  spans {got} != {want}", file=sys.stderr); sys.exit(1)
PY
  check "$name" $?
}

# --- Positions inside escaped JSON strings ------------------------------------
printf '%s\n' '{"replies": [' \
  '  {"key": "a", "body": "Caf\u00e9 \"hey\" \ud83d\ude00 and\nno problem"},' \
  '  {"key": "b", "body": "Fine\u0020\u0020you guys"}' ']}' >escaped.json
expect_exit "json library with findings exits 1" 1 \
  "$vl" check --no-config --text-field 'replies[*].body' --id-field key --format json escaped.json
spans "spans in escaped JSON point at the raw characters" out.txt escaped.json \
  'hey' 'no problem' 'you guys'
contains "record id and path in JSON" out.txt '"record":{"id":"a","path":"replies[0].body"}'
contains "record of the second reply" out.txt '"record":{"id":"b","path":"replies[1].body"}'
contains "column counts code points after escapes" out.txt '"line":2,"column":37'
expect_exit "text output points into the file" 1 \
  "$vl" check --no-config --text-field 'replies[*].body' --id-field key escaped.json
contains "clang-style header with the file position" out.txt "escaped.json:2:37: warning:"
contains "record named in text output" out.txt "(record a)"

# --- Multi-line CSV fields ------------------------------------------------------
printf 'id,title,body\r\nc-1,Greeting,"Thanks, ""friend"".\r\nHey, no problem!"\r\nc-2,Plain,you guys rock\r\n' >replies.csv
expect_exit "csv library" 1 "$vl" check --no-config --text-field body --id-field id --format json replies.csv
spans "spans in a multi-line quoted CSV field" out.txt replies.csv 'Hey' 'no problem' 'you guys'
contains "csv finding on the field's second line" out.txt '"match":"Hey","line":3,"column":1'
contains "csv record path names the row" out.txt '"record":{"id":"c-1","path":"[0].body"}'

# --- JSON Lines and YAML ----------------------------------------------------------
printf '{"id": "l1", "text": "Hello there"}\n\n{"id": "l2", "text": "hey you people"}\n' >lines.jsonl
expect_exit "jsonl library" 1 "$vl" check --no-config --text-field text --id-field id --format json lines.jsonl
spans "jsonl spans" out.txt lines.jsonl 'hey' 'you people'
contains "jsonl record" out.txt '"record":{"id":"l2","path":"[1].text"}'
printf 'replies:\n  - id: y1\n    text: "Hey \\u00e9"\n  - id: y2\n    text: |\n      Thanks.\n      No problem!\n' >lib.yaml
expect_exit "yaml library" 1 "$vl" check --no-config --text-field 'replies[*].text' --id-field id --format json lib.yaml
spans "yaml spans" out.txt lib.yaml 'Hey' 'No problem'

# --- Presets and HTML --------------------------------------------------------------
cat >zendesk.json <<'JSON'
{"macros": [
  {"id": 360001, "title": "Refund", "active": true, "actions": [
    {"field": "status", "value": "solved"},
    {"field": "comment_value", "value": "Hey {{ticket.requester.first_name}}, no problem."}]},
  {"id": 360002, "title": "Retired", "active": false, "actions": [
    {"field": "comment_value", "value": "yo"}]},
  {"id": 360003, "title": "Html", "active": true, "actions": [
    {"field": "comment_value_html", "value": "<p>Hi &amp; hey<br>you guys</p>"}]}],
 "count": 3}
JSON
expect_exit "zendesk preset" 1 "$vl" check --no-config --source zendesk --format json zendesk.json
spans "zendesk: comment actions of active macros, HTML stripped" out.txt zendesk.json \
  'Hey' 'no problem' 'hey' 'you guys'
lacks "zendesk: inactive macros skipped" out.txt '"match":"yo"'
lacks "zendesk: non-comment actions skipped" out.txt 'status'
contains "zendesk record" out.txt '"record":{"id":"360003","path":"macros[2].actions[0].value"}'
printf '[{"id": 1, "title": "a", "content": "hey", "content_html": "<div>hey</div>"},\n {"id": 2, "title": "b", "content_html": "<div>No problem &amp; you guys</div>"}]\n' >freshdesk.json
expect_exit "freshdesk preset" 1 "$vl" check --no-config --source freshdesk --format json freshdesk.json
spans "freshdesk: content, else content_html" out.txt freshdesk.json 'hey' 'No problem' 'you guys'
printf '{"type": "list", "data": [{"type": "saved_reply", "id": "9", "name": "n", "body": "<p>Hey there</p>"}]}\n' >intercom.json
expect_exit "intercom preset" 1 "$vl" check --no-config --source intercom --format json intercom.json
spans "intercom: body" out.txt intercom.json 'Hey there'
contains "intercom record" out.txt '"record":{"id":"9","path":"data[0].body"}'
printf '{"_embedded": {"replies": [{"id": 77, "name": "n", "text": "<p>Sorry, no problem&nbsp;at all</p>"}]}}\n' >helpscout.json
expect_exit "helpscout preset" 1 "$vl" check --no-config --source helpscout --format json helpscout.json
spans "helpscout: text, &nbsp; inside the match" out.txt helpscout.json 'no problem&nbsp;at all'

# --- Configuration globs ---------------------------------------------------------
mkdir -p proj/macros proj/data
printf 'inputs:\n  - {glob: "macros/*.json", source: zendesk}\n  - {glob: "*.csv", text: body, id: id}\n' >proj/.voicelint.yml
cp zendesk.json proj/macros/z.json
cp replies.csv proj/data/r.csv
printf '{"name": "not a library", "version": "hey"}\n' >proj/data/package.json
expect_exit "inputs: globs pick selectors per file" 1 "$vl" check --format json proj
contains "config glob: zendesk macros read" out.txt '"path":"macros[0].actions[1].value"'
contains "config glob: csv read by file name" out.txt '"record":{"id":"c-2","path":"[1].body"}'
lacks "a data file without a selector is skipped in a folder" out.txt 'package.json'
expect_exit "a named structured file without a selector is an error" 2 "$vl" check --no-config zendesk.json
contains "the error says how to select" err.txt "--text-field"
printf 'inputs:\n  - {glob: "*.json", text: "a..b"}\n' >proj/bad.yml
expect_exit "a bad selector in the config is a located error" 2 "$vl" check --config proj/bad.yml zendesk.json
contains "config selector error located" err.txt "proj/bad.yml:2:"

# --- Malformed input ---------------------------------------------------------------
printf '{"replies": [\n  {"body": "hey"},\n  {"body": "yo" "x"}\n]}\n' >broken.json
printf 'id,body\n1,"never closed\n' >broken.csv
expect_exit "malformed JSON and CSV exit 2, the rest still checked" 2 \
  "$vl" check --no-config --text-field 'replies[*].body' --format json broken.json escaped.json
contains "json error located" err.txt "broken.json:3:17: error: expected ',' or '}' after an object member"
contains "other files still checked" out.txt '"match":"you guys"'
contains "file error in JSON output" out.txt '"error":"broken.json:3:17: expected'
expect_exit "malformed CSV exits 2" 2 "$vl" check --no-config --text-field body broken.csv replies.csv
contains "csv error located" err.txt "broken.csv:2:3: error: unterminated quoted field"
contains "csv: other files still checked" out.txt "replies.csv:3:1: warning"
expect_exit "2 outranks 1" 2 "$vl" check --no-config --text-field body broken.csv replies.csv --format sarif
expect_exit "bad --text-field is a usage error" 2 "$vl" check --no-config --text-field 'a[' replies.csv

# --- Output formats ---------------------------------------------------------------
sel=(--no-config --text-field 'replies[*].body' --id-field key)
expect_exit "sarif" 1 "$vl" check "${sel[@]}" --format sarif escaped.json
cp out.txt escaped.sarif
"$py" "$src/tests/cli/validate_sarif.py" "$src/tests/data/sarif-schema-2.1.0.json" escaped.sarif
check "SARIF validates against the 2.1.0 schema" $?
"$vl" check --no-config --text-field body broken.csv replies.csv --format sarif >errors.sarif 2>/dev/null
"$py" "$src/tests/cli/validate_sarif.py" "$src/tests/data/sarif-schema-2.1.0.json" errors.sarif
check "SARIF with a tool notification validates" $?
"$py" -c 'import json,sys; d=json.load(open("escaped.sarif")); d["runs"][0]["results"][0]["level"]="loud"; json.dump(d, open("bad.sarif","w"))'
"$py" "$src/tests/cli/validate_sarif.py" "$src/tests/data/sarif-schema-2.1.0.json" bad.sarif 2>/dev/null
check "the validator rejects an invalid SARIF level" $(( $? == 0 ))
"$py" - escaped.sarif <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["columnKind"] == "unicodeCodePoints"
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert ids == ["ritz.casual-greeting", "ritz.no-problem", "ritz.you-guys"], ids
for rule in run["tool"]["driver"]["rules"]:
    assert rule["shortDescription"]["text"] and rule["help"]["text"], rule
r = run["results"][0]
assert r["ruleId"] == "ritz.casual-greeting" and r["level"] == "warning"
region = r["locations"][0]["physicalLocation"]["region"]
assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 37, 40), region
assert (region["charOffset"], region["charLength"]) == (len('{"replies": [\n') + 36, 3), region
assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "escaped.json"
fix = r["fixes"][0]["artifactChanges"][0]["replacements"][0]
assert fix["insertedContent"]["text"] == "hello" and fix["deletedRegion"] == region, fix
assert r["properties"]["record"] == {"id": "a", "path": "replies[0].body"}
assert "messageScore" in r["properties"] and "score" in run["properties"]
assert len({x["partialFingerprints"]["voicelintFinding/v1"] for x in run["results"]}) == 3
PY
check "SARIF rules, region, fix, record, score" $?
# Fingerprints do not depend on lines: insert a line above and compare.
cp escaped.json fp.json
"$vl" check "${sel[@]}" --format sarif fp.json >fp1.sarif
{ echo; cat escaped.json; } >fp.json
"$vl" check "${sel[@]}" --format sarif fp.json >fp2.sarif
"$py" - fp1.sarif fp2.sarif <<'PY'
import json, sys
results = lambda p: json.load(open(p))["runs"][0]["results"]
fps = lambda p: [r["partialFingerprints"] for r in results(p)]
lines = lambda p: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(p)]
a, b = sys.argv[1], sys.argv[2]
sys.exit(0 if len(fps(a)) == 3 and lines(a) != lines(b) and fps(a) == fps(b) else 1)
PY
check "partialFingerprints are stable when lines move" $?

printf 'Hey, 100%% sure: no problem,\nokay\n' >gh.txt
expect_exit "github" 1 "$vl" check --no-config --format github gh.txt
contains "github annotation" out.txt "::warning file=gh.txt,line=1,col=1,endLine=1,endColumn=4,title=ritz.casual-greeting::"
cp gh.txt 'we,ird:name.txt'
expect_exit "github property escaping" 1 "$vl" check --no-config --format github 'we,ird:name.txt'
contains "github escapes , and : in properties" out.txt "file=we%2Cird%3Aname.txt,"
printf '{"id": "50%%\\noff", "text": "hey"}\n' >gh.jsonl
expect_exit "github data escaping" 1 "$vl" check --no-config --format github --text-field text --id-field id gh.jsonl
contains "github escapes % and line breaks in data" out.txt "(record 50%25%0Aoff)"

printf 'Hey <you> & "friends"\n' >x.txt
expect_exit "checkstyle" 1 "$vl" check --no-config --format checkstyle x.txt escaped.json --text-field 'replies[*].body'
contains "checkstyle header" out.txt '<checkstyle version="4.3">'
contains "checkstyle error" out.txt '<error line="1" column="1" severity="warning" message="Greet guests warmly: &quot;Hey&quot;'
contains "checkstyle source" out.txt 'source="voicelint.ritz.casual-greeting"/>'
"$py" -c 'import sys, xml.dom.minidom as m; m.parse("out.txt")'
check "checkstyle is well-formed XML" $?

expect_exit "junit" 1 "$vl" check "${sel[@]}" --format junit escaped.json x.txt
"$py" - out.txt <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "3", root.attrib
cases = root.findall("./testsuite/testcase")
assert [c.get("name") for c in cases] == ["a (replies[0].body)", "b (replies[1].body)", "x.txt"]
body = cases[0].find("failure").text
assert "escaped.json:2:37: warning:" in body and "[ritz.no-problem]" in body, body
PY
check "junit: one test case per message, findings in the failure" $?

expect_exit "rdjsonl" 1 "$vl" check "${sel[@]}" --format rdjsonl escaped.json
"$py" - out.txt <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
d = lines[0]
assert d["location"]["path"] == "escaped.json" and d["severity"] == "WARNING"
# reviewdog columns are UTF-8 bytes: "Caf\u00e9 \"" is ASCII in the file, so bytes = code points here.
assert d["location"]["range"]["start"] == {"line": 2, "column": 37}, d
assert d["suggestions"][0]["text"] == "hello" and d["code"]["value"] == "ritz.casual-greeting"
assert len(lines) == 3
PY
check "rdjsonl diagnostics with suggestions" $?
printf '您好，喂？\n' >zh.txt
expect_exit "rdjsonl byte columns" 1 "$vl" check --no-config --format rdjsonl zh.txt
contains "rdjsonl column counts UTF-8 bytes" out.txt '"start":{"line":1,"column":10}'

# --- Baselines ---------------------------------------------------------------------
cp replies.csv lib.csv
expect_exit "baseline is written" 0 "$vl" baseline base.json --no-config --text-field body --id-field id lib.csv
contains "baseline reports its size" err.txt "recorded 3 findings in base.json"
contains "baseline keeps rule, path, record, match" base.json '"record": "c-1"'
expect_exit "no new findings: exit 0" 0 "$vl" check --no-config --text-field body --id-field id --baseline base.json lib.csv
contains "baseline summary" out.txt "Baseline: 3 known findings not reported; 0 fixed since the baseline."
# A new finding, one fixed, and lines shifted: only the new one fails.
printf 'id,title,body\r\nc-0,New,"Sure.\r\nyo, pal"\r\nc-1,Greeting,"Thanks, ""friend"".\r\nHey, my pleasure!"\r\nc-2,Plain,you guys rock\r\n' >lib.csv
expect_exit "a new finding fails" 1 "$vl" check --no-config --text-field body --id-field id --baseline base.json lib.csv
contains "the new finding is reported" out.txt "lib.csv:3:1: warning:"
lacks "known findings are not reported" out.txt "lib.csv:5:1: warning"
contains "fixed findings are listed" out.txt 'fixed: lib.csv#c-1: "no problem" [ritz.no-problem]'
expect_exit "baseline in JSON" 1 "$vl" check --no-config --text-field body --id-field id --baseline base.json --format json lib.csv
contains "baseline counts in JSON" out.txt '"baseline":{"known":2,"new":2,"fixed":[{"rule":"ritz.no-problem"'
printf 'hey hey hey\n' >dup.txt
"$vl" baseline dup-base.json --no-config dup.txt 2>/dev/null
contains "duplicates are counted" dup-base.json '"count": 3'
printf 'hey hey hey hey\n' >dup.txt
expect_exit "a fourth duplicate is new" 1 "$vl" check --no-config --baseline dup-base.json dup.txt
check "exactly one duplicate reported" $(( $(grep -c "warning:" out.txt) != 1 ))
expect_exit "missing baseline is an error" 2 "$vl" check --no-config --baseline nope.json dup.txt
contains "missing baseline says how to create it" err.txt "voicelint baseline nope.json"
echo '{"version": 2}' >bad-base.json
expect_exit "a malformed baseline is an error" 2 "$vl" check --no-config --baseline bad-base.json dup.txt

# --- fix leaves structured files alone ----------------------------------------------
cp escaped.json fixme.json
expect_exit "fix skips a structured file" 0 "$vl" fix --no-config fixme.json
cmp -s escaped.json fixme.json
check "the structured file is unchanged" $?
contains "fix says why it skipped" err.txt "fixme.json: skipped: fix rewrites text and Markdown files"

# --- Scores, summary, gates -------------------------------------------------------
expect_exit "summary of a library" 1 "$vl" check --no-config --text-field 'replies[*].body' --id-field key escaped.json
contains "messages and score" out.txt "2 messages checked; brand-voice score 85/100 (0 encouraged phrases used)."
contains "top rules" out.txt "Top rules: ritz.casual-greeting (1), ritz.no-problem (1), ritz.you-guys (1)"
contains "messages with most findings" out.txt "Most findings: escaped.json#a (2, score 80), escaped.json#b (1, score 90)"
expect_exit "--min-score below the score passes" 0 "$vl" check "${sel[@]}" --fail-on error --min-score 80 escaped.json
expect_exit "--min-score above the score fails" 1 "$vl" check "${sel[@]}" --fail-on error --min-score 90 escaped.json
contains "--min-score explains" err.txt "brand-voice score 85 is below --min-score 90"
expect_exit "json scores per message" 1 "$vl" check "${sel[@]}" --format json escaped.json
contains "message scores" out.txt '"messages":[{"id":"a","path":"replies[0].body","findings":2,"preferred_used":0,"score":80}'
contains "library score" out.txt '"score":85,"top_rules"'
printf '{"id": 1, "text": "Certainly, it would be my pleasure. Hey!"}\n' >bonus.jsonl
expect_exit "encouraged phrases win points back" 1 "$vl" check --no-config --text-field text --format json bonus.jsonl
contains "score with bonus: 100 - 10 + 3 x 5, at most 100" out.txt '"findings":1,"preferred_used":3,"score":100'
expect_exit "--level and --fail-on apply to records" 0 "$vl" check "${sel[@]}" --level error escaped.json
expect_exit "progress never reaches a non-terminal" 1 "$vl" check "${sel[@]}" escaped.json
lacks "no progress line in captured stderr" err.txt "messages checked ("

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
