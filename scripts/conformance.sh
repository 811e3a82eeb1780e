#!/usr/bin/env bash
# Loads fresh exports in the outside consumers of ../shared/conformance (other people's code,
# called from there, never copied here) and in pandas and LibreOffice:
#   1. builds a dataset through the data layer in a fresh DATA_DIR and writes every export
#      format (scripts/conformance-data.ts);
#   2. FEVER: the official scorer (fever/check.py) on claims.jsonl + pages.jsonl;
#   3. brat: brat's own parser and verifier (brat/check.py, Python 3.10);
#   4. W3C: the W3C test-suite assertions (w3c/validate.mjs, with the article texts);
#   5. pandas: csv-raw, csv, spans, doccano and Label Studio spans against the article text;
#   6. LibreOffice Calc: the spreadsheet CSV opens with non-Latin text intact and no formula.
# Prints each check's summary, then the totals as 'N passed, N failed'; exits 1 if any fails.
# CONFORMANCE_DIR overrides ../shared/conformance.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${CONFORMANCE_DIR:-$ROOT/../shared/conformance}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
OUT="$TMP/out"
START=$SECONDS
PASSED=0
FAILED=0
SUMMARY=()

# Debian's python3 has pandas (python3-pandas); a pyenv shim earlier on PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"
# brat opens files in mode 'rUb', which Python 3.11 refuses: it needs 3.10.
PY310="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python 2>/dev/null | head -1)"
[ -n "$PY310" ] || PY310="$(command -v python3.10 || true)"

# Runs one check, shows its output and adds its last 'N passed, N failed' line to the totals.
run_check() {
  local name="$1"; shift
  local log="$TMP/$name.log" status line p f
  "$@" >"$log" 2>&1
  status=$?
  grep -v '^PASS' "$log" | grep -v '^\s*$' | tail -n 12 | sed "s/^/  [$name] /"
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)"
  if [ -n "$line" ]; then
    p="${line%% passed*}"; f="${line#*, }"; f="${f%% failed*}"
  else
    p=0; f=1
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  SUMMARY+=("$name: $p passed, $f failed")
}

# validate.mjs prints 'Summary: N document(s) checked; MUST failures: M; EXTRA errors: E'.
w3c_check() {
  local dir="$TMP/w3c" texts=()
  mkdir -p "$dir"
  # A symlink, not a copy: run the shared script with this project's ajv beside it.
  ln -s "$SHARED/w3c/validate.mjs" "$dir/validate.mjs"
  ln -s "$ROOT/node_modules" "$dir/node_modules"
  while IFS= read -r arg; do [ -n "$arg" ] && texts+=(--text "$arg"); done <"$OUT/w3c-texts.txt"
  node --preserve-symlinks --preserve-symlinks-main "$dir/validate.mjs" --schemas "$SHARED/w3c/schemas" --quiet "${texts[@]}" "$OUT/w3c.jsonld" >"$TMP/w3c.out" 2>&1
  local status=$? line docs bad
  line="$(grep '^Summary:' "$TMP/w3c.out" | tail -1)"
  echo "$line"
  docs="$(sed -E 's/^Summary: ([0-9]+) document.*/\1/' <<<"$line")"
  bad="$(sed -E 's/.*MUST failures: ([0-9]+); EXTRA errors: ([0-9]+).*/\1 \2/' <<<"$line")"
  [ -n "$line" ] || { docs=0; bad="1 0"; }
  set -- $bad
  local failed=$(($1 + $2))
  [ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
  echo "$((docs - (failed > docs ? docs : failed))) passed, $failed failed"
  return "$status"
}

echo "conformance: building the dataset and exporting every format..."
if ! DATA_DIR="$TMP/data" AUTH_SECRET=conformance-check "$ROOT/node_modules/.bin/tsx" "$ROOT/scripts/conformance-data.ts" "$OUT"; then
  echo "conformance: could not build the dataset"
  echo "0 passed, 1 failed"
  exit 1
fi
"$PY" -m zipfile -e "$OUT/fever.zip" "$OUT/fever"
"$PY" -m zipfile -e "$OUT/brat.zip" "$OUT/brat"

run_check fever "$PY" "$SHARED/fever/check.py" "$OUT/fever/claims.jsonl" "$OUT/fever/pages.jsonl"
if [ -n "$PY310" ]; then
  run_check brat "$PY310" "$SHARED/brat/check.py" "$OUT/brat"
else
  echo "  [brat] no Python 3.10 found (pyenv's versions/3.10* or python3.10): brat cannot run on 3.11"
  FAILED=$((FAILED + 1)); SUMMARY+=("brat: not run (no Python 3.10)")
fi
run_check w3c w3c_check
run_check pandas "$PY" "$ROOT/scripts/conformance-tables.py" "$OUT"
if command -v soffice >/dev/null; then
  run_check libreoffice "$PY" "$ROOT/scripts/conformance-spreadsheet.py" "$OUT"
else
  echo "  [libreoffice] soffice not found (Debian: libreoffice-calc-nogui)"
  FAILED=$((FAILED + 1)); SUMMARY+=("libreoffice: not run (no soffice)")
fi

echo "conformance summary ($((SECONDS - START)) s):"
printf '  %s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
