# lib.bash — helpers for end-to-end tests of the built binary.  Sourced by
# tests/e2e/*.sh, which ctest runs with CIBSCAN (the binary),
# CIBSCAN_TESTDATA (tests/data) and CIBSCAN_SHARED (../shared/data/real).
set -uo pipefail

: "${CIBSCAN:?CIBSCAN must name the built binary}"
TESTDATA=${CIBSCAN_TESTDATA:-}
SHARED=${CIBSCAN_SHARED:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" == "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# expect_match WHAT REGEX TEXT
expect_match() {
  if [[ "$3" =~ $2 ]]; then pass; else fail "$1: '$3' does not match /$2/"; fi
}

# need_shared FILE: skip the test (ctest counts exit 77 as skipped only when
# told; we fail instead, since CI always has shared/) when shared data is
# missing.
need_shared() {
  [ -f "$SHARED/$1" ] || { echo "missing shared data: $SHARED/$1" >&2; exit 1; }
}

# json FILE PYTHON_EXPR: evaluate an expression over the parsed JSON `j`.
json() {
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"
}

finish() {
  echo "$checks checks passed, $failures failed"
  [ "$failures" -eq 0 ]
  exit $?
}
