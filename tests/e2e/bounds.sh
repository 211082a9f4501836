#!/usr/bin/env bash
# Bounded cost per input: each hostile file gets an error naming
# file:line:col, quickly and in little memory, or is handled in linear time.
#   markdown: a table of 10 000 columns (cmark-gfm's tables cost the square
#             of their columns), 1 000 000 list items, a 20 001-line message
#   TOML:     100 000 unknown keys (quadratic printing once took 12 s at 40 000)
#   templates: 20 000 nested sections, partials that multiply
# Every run is limited in time (timeout) and memory (ulimit -v), so a
# regression fails here instead of stalling CI. Generated: too big for git.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
now=2026-05-01T00:00:00Z
# 2 GiB of address space, far more than any case needs when bounded. Not
# under AddressSanitizer (scripts/sanitize.sh), whose shadow memory alone
# reserves terabytes of address space.
# 30 s: linear work takes 4 s at most (100 000 keys); quadratic took over a
# minute. AddressSanitizer makes sitrep about 7 times slower.
seconds=30
[ -n "${SITREP_UNDER_ASAN:-}" ] && seconds=240
limit_memory() { if [ -z "${SITREP_UNDER_ASAN:-}" ]; then ulimit -v $((2 * 1024 * 1024)); fi; }

fresh_site() {
  rm -rf "$tmp/site" && mkdir -p "$tmp/site"
  cp -r "$repo/schemas" "$repo/themes" "$repo/tests/fixtures/base/content" "$tmp/site/"
}

run() {  # name, expected exit, grep pattern the output must contain, command...
  local name=$1 want=$2 pattern=$3; shift 3
  (cd "$tmp/site" && limit_memory && timeout "$seconds" "$sitrep" "$@") >"$tmp/out.txt" 2>&1
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc (want $want)"; head -20 "$tmp/out.txt"; failures=$((failures + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -qE "$pattern" "$tmp/out.txt"; then
    echo "FAIL $name: output lacks /$pattern/"; head -20 "$tmp/out.txt"; failures=$((failures + 1)); return
  fi
  echo "ok   $name"
}

pm=content/postmortems/base.md
# The base postmortem with $1 appended to its last section.
postmortem_plus() { cat "$repo/tests/fixtures/base/$pm" - >"$tmp/site/$pm"; }
body_lines=$(wc -l <"$repo/tests/fixtures/base/$pm")
front_matter_end=$(grep -n '^+++$' "$repo/tests/fixtures/base/$pm" | sed -n 2p | cut -d: -f1)

fresh_site
/usr/bin/python3 -c '
n = 10000
print()
print("|" + "|".join("c%d" % i for i in range(n)) + "|")
print("|" + "|".join("-" for i in range(n)) + "|")
print("|" + "|".join("x" for i in range(n)) + "|")' | postmortem_plus
run "table of 10 000 columns" 1 \
  "^$pm:$((body_lines + 3)):1: error: table with 10000 columns; the limit is 128 \[markdown-too-complex\]" \
  check --now "$now"

fresh_site
/usr/bin/python3 -c '
print()
print("| a | b |\n|---|---|\n| 1 | 2 |")' | postmortem_plus
run "table of 2 columns still fine" 0 "" check --now "$now"

fresh_site
/usr/bin/python3 -c 'import sys; sys.stdout.write("\n" + "*a\n" * 1000000)' | postmortem_plus
run "1 000 000 list items" 1 \
  "^$pm:$((front_matter_end + 20001)):1: error: Markdown text longer than 20000 lines \[markdown-too-complex\]" \
  check --now "$now"

inc=content/incidents/base.toml
fresh_site
/usr/bin/python3 - "$tmp/site/$inc" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
lines = "".join("- item %d\n" % i for i in range(20001))
# The first update's message becomes 20 001 lines of Markdown.
old = 'message = "We are looking into API errors."'
assert old in text
open(path, "w").write(text.replace(old, 'message = """\n' + lines + 'We are looking into API errors."""', 1))
PY
run "update message of 20 001 lines" 1 \
  "^$inc:[0-9]+:[0-9]+: error: 'message' line 20001: Markdown text longer than 20000 lines \[markdown-too-complex\]" \
  check --now "$now"

fresh_site
/usr/bin/python3 - "$tmp/site/$inc" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
keys = "".join("unknown_%d = 1\n" % i for i in range(100000))
open(path, "w").write(keys + text)
PY
run "100 000 unknown keys, in linear time" 1 "^$inc:100000:1: error: unknown key 'unknown_99999' \[unknown-key\]" \
  check --now "$now"

fresh_site; mkdir -p "$tmp/site/content/templates"
/usr/bin/python3 -c 'import sys; n = 20000; sys.stdout.write("{{#a}}\n" * n + "x\n" + "{{/a}}\n" * n)' \
  >"$tmp/site/content/templates/robots.mustache"
run "template of 20 000 nested sections" 1 \
  "^content/templates/robots.mustache:1:1: error: sections nest more than 64 deep \[template-error\]" \
  build --now "$now" --out "$tmp/out"

fresh_site; mkdir -p "$tmp/site/content/templates"
# Each partial includes the one below it ten times: 10^8 copies of the last.
for i in 1 2 3 4 5 6 7; do
  printf '{{> bomb%d}}%.0s' $(seq 1 10 | sed "s/.*/$((i + 1))/") >"$tmp/site/content/templates/bomb$i.mustache"
done
printf '%01000d\n' 0 >"$tmp/site/content/templates/bomb8.mustache"
printf '{{> bomb1}}\n' >"$tmp/site/content/templates/robots.mustache"
run "partials that multiply" 1 "error: expands \(with its partials\) to over 4194304 bytes \[template-error\]" \
  build --now "$now" --out "$tmp/out"
[ -e "$tmp/out" ] && { echo "FAIL partials that multiply: a failed build wrote $tmp/out"; failures=$((failures + 1)); }

echo "$failures failure(s)"
[ "$failures" = 0 ]
