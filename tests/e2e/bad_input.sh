#!/usr/bin/env bash
# bad_input.sh — malformed inputs: each gives its CONTRACT.md exit status
# and a message naming what is wrong, never crashes, and never leaves an
# output folder behind (a run that exits non-zero writes nothing; a run that
# rejects rows still writes the whole report and counts them).
source "$CIBSCAN_TESTLIB"

good_header='account_id,time,url'
row_a='a1,2020-01-01T10:00:00Z,http://x.org/1'

# case NAME EXPECTED_EXIT STDERR_REGEX REJECTED(-|N) -- ARGS...
# REJECTED is the input.rejected_rows the report must hold when the run
# succeeds ("-" when it must fail and write no report).
case_run() {
  local name=$1 want_exit=$2 want_msg=$3 want_rejected=$4
  shift 5
  local out="$WORK/out-$name"
  "$CIBSCAN" detect --quiet --out "$out" "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr"
  local got=$?
  local msg
  msg=$(cat "$WORK/$name.stderr")
  expect_eq "$name: exit status" "$want_exit" "$got"
  expect_match "$name: message" "$want_msg" "$msg"
  if [ "$got" -ge 128 ]; then fail "$name: crashed with signal $((got - 128))"; fi
  if [ "$want_rejected" == "-" ]; then
    if [ -e "$out" ]; then fail "$name: left an output folder behind"; else pass; fi
  else
    expect_eq "$name: rejected rows" "$want_rejected" \
      "$(json "$out/report.json" "j['input']['rejected_rows']")"
    if ls -A "$out" | grep -q staging; then fail "$name: staging left"; else pass; fi
  fi
}

W=$WORK
: > "$W/empty.csv"
printf '%s\n' "$good_header" > "$W/header_only.csv"
printf 'user,time,url\nu1,2020-01-01T10:00:00Z,http://x\n' > "$W/no_account.csv"
printf '%s\n%s\na2,2020-01-01T10:00:05Z,"http://x.org/1\n' "$good_header" "$row_a" > "$W/unterminated.csv"
printf '%s\n%s\na2,2020-01-01T10:00:05Z,http://x.org/\xff\xfe\n' "$good_header" "$row_a" > "$W/bad_utf8.csv"
{ printf '%s\n%s\na2,2020-01-01T10:00:05Z,' "$good_header" "$row_a"
  head -c 10485760 /dev/zero | tr '\0' 'x'; printf '\n'; } > "$W/huge_field.csv"
printf '%s\n%s\na2,1969-12-31T23:59:59Z,http://x.org/1\n' "$good_header" "$row_a" > "$W/before_1970.csv"
printf '%s\n%s\na2,2100-01-01T00:00:00Z,http://x.org/1\n' "$good_header" "$row_a" > "$W/after_2100.csv"
printf '%s\n%s\na2,2020-01-01T10:00:05Z,http://x.org/1,extra\n' "$good_header" "$row_a" > "$W/too_many.csv"
printf '%s\n%s\na2,yesterday,http://x.org/1\n' "$good_header" "$row_a" > "$W/bad_time.csv"
printf '%s\n%s\n,2020-01-01T10:00:05Z,http://x.org/1\n' "$good_header" "$row_a" > "$W/empty_account.csv"
{ printf '%s\n' "$good_header"; for i in $(seq 1 2000); do printf 'a%d,2020-01-01T10:00:%02dZ,http://x.org/%d\n' "$i" $((i % 60)) "$i"; done; } | gzip -c > "$W/full.csv.gz"
head -c $(( $(stat -c %s "$W/full.csv.gz") / 2 )) "$W/full.csv.gz" > "$W/truncated.csv.gz"
mkdir -p "$W/a_directory"
printf '%s\n%s\n%s\n' "$good_header" "$row_a" "$row_a" | sed '3s/^a1/a2/' > "$W/full_a.csv"
printf 'account_id,time,time\na1,2020-01-01T10:00:00Z,2020-01-01T11:00:00Z\n' > "$W/dup_time.csv"
printf 'account_id,Account_ID,time\na1,a2,2020-01-01T10:00:00Z\n' > "$W/dup_account.csv"
printf 'account_id,time,notes,notes\na1,2020-01-01T10:00:00Z,x,y\n' > "$W/dup_unread.csv"

case_run empty_file         2 'empty\.csv.*(empty|no header)'            -  -- "$W/empty.csv"
case_run header_only        0 'no events'                               0  -- "$W/header_only.csv"
case_run missing_account    2 "no_account\.csv:1: .*account_id"         -  -- "$W/no_account.csv"
case_run unknown_format     1 "format.*'tweets'"                        -  -- --format tweets "$W/header_only.csv"
case_run unterminated_quote 2 'unterminated\.csv:3: .*unterminated'     -  -- "$W/unterminated.csv"
case_run invalid_utf8       0 'bad_utf8\.csv:3: .*UTF-8'                1  -- "$W/bad_utf8.csv"
case_run invalid_utf8_strict 2 'bad_utf8\.csv:3: .*UTF-8'               -  -- --strict "$W/bad_utf8.csv"
case_run huge_field         0 'huge_field\.csv:3: .*(limit|long)'       1  -- "$W/huge_field.csv"
case_run before_1970        0 "before_1970\.csv:3: .*'time'"            1  -- "$W/before_1970.csv"
case_run after_2100         0 "after_2100\.csv:3: .*'time'"             1  -- "$W/after_2100.csv"
case_run bad_time           0 "bad_time\.csv:3: .*'time'"               1  -- "$W/bad_time.csv"
case_run empty_account      0 "empty_account\.csv:3: .*'account_id'"    1  -- "$W/empty_account.csv"
case_run truncated_gz       2 'truncated\.csv\.gz.*(truncated|corrupt)' -  -- "$W/truncated.csv.gz"
case_run directory          3 'a_directory.*directory'                  -  -- "$W/a_directory"
case_run nonexistent        3 'no_such\.csv.*(No such file|not exist)'  -  -- "$W/no_such.csv"
case_run too_many_fields    0 'too_many\.csv:3: .*fields'               1  -- "$W/too_many.csv"
# every row rejected (here: a CSV read as JSON Lines) is bad input, exit
# 2 naming the file and its 3 rows (to the JSON Lines reader the header
# is a line like the others), not an empty report with exit 0
case_run all_rejected       2 "full_a\.csv: none of its 3 rows could be read" - -- --format jsonl "$W/full_a.csv"
case_run no_input           1 'no INPUT'                                -  --
case_run bad_window         1 "window.*'soon'"                          -  -- --window soon "$W/header_only.csv"
case_run unknown_trace      1 "unknown trace 'likes'"                   -  -- --traces url,likes "$W/header_only.csv"

# A column cibscan reads that appears twice is ambiguous: which one holds
# the data?  Refused, naming it.  A repeated column it does not read is fine.
case_run dup_time_column    2 "dup_time\.csv:1: column 'time' appears more than once" - -- "$W/dup_time.csv"
case_run dup_account_case   2 "dup_account\.csv:1: column 'account_id' appears more than once" - -- "$W/dup_account.csv"
case_run dup_unread_column  0 '^$'                                      0  -- "$W/dup_unread.csv"

# A good file read together with a bad one: nothing is written at all.
case_run good_then_missing  3 'no_such\.csv'                            -  -- "$W/full.csv.gz" "$W/no_such.csv"

finish
