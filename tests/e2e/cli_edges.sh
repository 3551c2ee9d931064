#!/usr/bin/env bash
# cli_edges.sh — command-line cases found by trying cibscan as a new user:
# each has the CONTRACT.md exit status (1 usage, 3 I/O) and says why.
source "$CIBSCAN_TESTLIB"

"$CIBSCAN" synth --events 3000 --seed 2 --out "$WORK/ev.csv" --truth "$WORK/truth.csv" || fail "synth"
"$CIBSCAN" detect --quiet "$WORK/ev.csv" --out "$WORK/out" || fail "detect"

# run NAME EXPECTED_EXIT STDERR_REGEX -- COMMAND...
run() {
  local name=$1 want=$2 re=$3; shift 4
  "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
  expect_eq "$name: exit" "$want" "$?"
  expect_match "$name: message" "$re" "$(cat "$WORK/$name.err")"
}

run synth_same_file 1 'same file' -- "$CIBSCAN" synth --events 100 --out "$WORK/x.csv" --truth "$WORK/x.csv"
[ -e "$WORK/x.csv" ] && fail "synth_same_file wrote x.csv" || pass
run traces_empty 1 'list is empty' -- "$CIBSCAN" detect --traces "" --out "$WORK/o1" "$WORK/ev.csv"
run stdin_twice 1 'given 2 times' -- "$CIBSCAN" detect --out "$WORK/o2" - - < "$WORK/ev.csv"
touch "$WORK/a_file"
run out_under_file 3 'a_file: exists and is not a folder' -- "$CIBSCAN" detect --out "$WORK/a_file/report" "$WORK/ev.csv"
if [ -e /dev/full ]; then
  run rhythm_full 3 'cannot write' -- bash -c "'$CIBSCAN' rhythm --json '$WORK/ev.csv' > /dev/full"
  run eval_full 3 'cannot write' -- bash -c "'$CIBSCAN' eval --truth '$WORK/truth.csv' '$WORK/out/accounts.csv' > /dev/full"
fi

# eval --json - prints the JSON alone, so it parses; its figures equal the
# table's (the same run's precision)
"$CIBSCAN" eval --truth "$WORK/truth.csv" --json - "$WORK/out/accounts.csv" > "$WORK/eval.json"
expect_eq "eval --json - parses" ok "$(json "$WORK/eval.json" "'ok' if 'precision' in j else 'no'")"

# A staging folder left by a killed run (its process no longer exists) is
# removed by the next run into the same folder.
mkdir -p "$WORK/out/.cibscan-staging-2147483646"
echo partial > "$WORK/out/.cibscan-staging-2147483646/report.json"
"$CIBSCAN" detect --quiet "$WORK/ev.csv" --out "$WORK/out" || fail "detect again"
if [ -e "$WORK/out/.cibscan-staging-2147483646" ]; then fail "stale staging kept"; else pass; fi
finish
