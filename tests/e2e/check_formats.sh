#!/usr/bin/env bash
# `sitrep check --format github|sarif|gitlab` on invalid fixtures, each
# format read back by an independent reader:
#   sarif   Microsoft's SARIF validator (sarif-multitool, tests/ci_formats,
#           installed by test.sh), which must find no error or warning and
#           skip no file; a deliberately broken log goes through the same
#           run and must be reported, so the check is known to be able to fail
#   github  parsed back by read_ci_formats.py against GitHub's documented
#           workflow-command shape and escaping
#   gitlab  Code Quality fields and types checked by read_ci_formats.py
# and all three must carry the same (rule, path, line, col) set, levels and
# messages as `--format json`, with the same exit code.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-05-01T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

# A site root as check_fixtures.sh makes it: base + the case's files.
make_site() {  # case name, root
  local dir="$repo/tests/fixtures/invalid/$1" root=$2
  mkdir -p "$root"
  cp -r "$repo/schemas" "$repo/tests/fixtures/base/content" "$root/"
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 ! -name expected.txt ! -name exit ! -name remove ! -name args ! -name setup.sh \
     -exec cp -r {} "$root/" \;)
  if [ -f "$dir/remove" ]; then while read -r f; do [ -n "$f" ] && rm -rf "${root:?}/$f"; done <"$dir/remove"; fi
  [ -f "$dir/setup.sh" ] && (cd "$root" && bash "$dir/setup.sh")
  return 0
}

cases=(multiple-files format-json action-overdue file-unreadable local-time-gap)
for c in "${cases[@]}"; do make_site "$c" "$tmp/sites/$c"; done
# A message holding every character GitHub escapes (% , : CR LF): a
# component status read from a TOML string with escapes.
make_site multiple-files "$tmp/sites/escapes"
sed 's|components = { api = "operational" }|components = { api = "50%, down:\\r\\nnow" }|' \
  "$repo/tests/fixtures/base/content/incidents/base.toml" >"$tmp/sites/escapes/content/incidents/base.toml"
cases+=(escapes)

sarif_files=()
for c in "${cases[@]}"; do
  root="$tmp/sites/$c"
  out="$tmp/out/$c"
  mkdir -p "$out"
  # Run from the folder above the site with --root, as a CI job at the
  # checkout root does: paths then name the site's folder.
  for f in json github sarif gitlab; do
    (cd "$tmp/sites" && "$sitrep" check --root "$c" --now "$now" --format "$f") >"$out/$f.out" 2>"$out/$f.err"
    echo $? >"$out/$f.exit"
  done
  # The validator skips (with a note only) a file whose name does not end in .sarif.
  mkdir -p "$tmp/sarif" && cp "$out/sarif.out" "$tmp/sarif/$c.sarif"
  sarif_files+=("$tmp/sarif/$c.sarif")
  if python3 "$repo/tests/e2e/read_ci_formats.py" "$out"; then ok "$c: github, sarif and gitlab read back as --format json"
  else fail "$c: read back"; fi
done

# The escapes case really holds the characters it is about.
if grep -qF '50%25, down%3A%0D%0Anow' "$tmp/out/escapes/github.out"; then fail "escapes: data must not encode ':' or ','"; fi
if grep -qF "unknown component status '50%25, down:%0D%0Anow'" "$tmp/out/escapes/github.out"; then ok "escapes: % CR LF encoded in a message, ':' ',' kept"
else fail "escapes: github message"; grep escapes -r "$tmp/out/escapes/github.out" | head -3; fi

# A broken log through the same validator run: must be reported, or the
# check below could never fail.
cat >"$tmp/broken.sarif" <<'EOF'
{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{"tool": {"driver":
{"name": "sitrep", "version": "0"}}, "results": [{"ruleId": "x", "level": "error", "message": {"text": "m"},
"locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.toml"}, "region": {"startLine": 0}}}]}]}]}
EOF
validator="$repo/tests/ci_formats/node_modules/.bin/sarif-multitool-linux"
if [ -x "$validator" ]; then
  # The validator exits 0 whatever it finds; its findings are in the SARIF
  # log it writes with --output, read by sarif_findings.py.
  "$validator" validate --output "$tmp/validation.sarif" "${sarif_files[@]}" "$tmp/broken.sarif" >"$tmp/validator.txt" 2>&1
  rc=$?
  if [ $rc != 0 ] || [ ! -s "$tmp/validation.sarif" ]; then fail "sarif-multitool did not run (exit $rc)"; cat "$tmp/validator.txt"
  elif grep -q 'skipped' "$tmp/validator.txt"; then fail "sarif-multitool skipped a log"; cat "$tmp/validator.txt"
  else
    python3 "$repo/tests/e2e/sarif_findings.py" "$tmp/validation.sarif" >"$tmp/findings.txt"
    if grep -q 'broken.sarif' "$tmp/findings.txt"; then ok "sarif-multitool reports the deliberately broken log"
    else fail "sarif-multitool found nothing wrong with the broken log"; fi
    if grep -v 'broken.sarif' "$tmp/findings.txt" | grep -q .; then fail "sarif-multitool: sitrep's SARIF"; grep -v 'broken.sarif' "$tmp/findings.txt"
    else ok "sarif-multitool validate: ${#sarif_files[@]} logs, no error or warning"; fi
  fi
else
  fail "sarif-multitool is not installed (run ./test.sh, or npm ci in tests/ci_formats)"
fi

# Exit codes as the text form: 1 with errors, 0 with warnings only.
for c in multiple-files action-overdue; do
  (cd "$tmp/sites/$c" && "$sitrep" check --now "$now") >/dev/null 2>&1
  want=$?
  for f in github sarif gitlab; do
    got=$(cat "$tmp/out/$c/$f.exit")
    if [ "$got" = "$want" ]; then ok "$c --format $f exits $want as --format text"; else fail "$c --format $f exits $got, text $want"; fi
  done
done

# The summary stays on stderr; stdout is the report alone.
if [ "$(cat "$tmp/out/multiple-files/sarif.err")" = "sitrep check: 8 errors, 0 warnings" ]; then ok "summary line on stderr"
else fail "summary on stderr: $(cat "$tmp/out/multiple-files/sarif.err")"; fi

# Deterministic: a second run writes the same bytes.
(cd "$tmp/sites" && "$sitrep" check --root multiple-files --now "$now" --format sarif -j 4) >"$tmp/again.sarif" 2>/dev/null
if cmp -s "$tmp/again.sarif" "$tmp/out/multiple-files/sarif.out"; then ok "sarif is byte-identical across runs"; else fail "sarif differs between runs"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
