#!/usr/bin/env bash
# hostile_inputs.sh — the table of hostile and strange inputs (issue 6):
# each row below is one input, the exit status CONTRACT.md gives it, a
# pattern its message on stderr must match, and what the report must then
# say.  No input may crash cibscan (a signal fails the case), and a run
# that fails must leave no output folder behind.  The inputs are made in
# a scratch folder by the generator below; bad_input.sh holds the plainly
# malformed files (empty, unterminated quote, directory, ...).
source "$CIBSCAN_TESTLIB"
W=$WORK

# hostile NAME EXIT STDERR_REGEX CHECK -- ARGS...
# CHECK is a Python expression that must be true after a successful run,
# over j (report.json), accounts and edges (accounts.csv / edges.csv as
# lists of dicts, read with Python's csv module) and err (stderr); "-" when
# the run must fail and write nothing.
hostile() {
  local name=$1 want_exit=$2 want_msg=$3 check=$4
  shift 5
  local out="$W/out-$name"
  # --no-significance: a handful of rows is too little for the pair test
  # (issue 5); these cases check reading, and count plain co-actions
  "$CIBSCAN" detect --quiet --no-significance --out "$out" "$@" >"$W/$name.stdout" 2>"$W/$name.stderr"
  local got=$?
  if [ "$got" -ge 128 ]; then fail "$name: crashed with signal $((got - 128))"; return; fi
  expect_eq "$name: exit status" "$want_exit" "$got"
  expect_match "$name: message" "$want_msg" "$(cat "$W/$name.stderr")"
  if [ "$check" == "-" ]; then
    if [ -e "$out" ]; then fail "$name: left an output folder behind"; else pass; fi
    return
  fi
  if [ ! -f "$out/report.json" ]; then fail "$name: no report.json"; return; fi
  local verdict
  verdict=$(python3 - "$out" "$W/$name.stderr" "$check" <<'PY'
import csv, json, sys
out, errfile, check = sys.argv[1:4]
j = json.load(open(out + '/report.json'))
accounts = list(csv.DictReader(open(out + '/accounts.csv', newline='', encoding='utf-8')))
edges = list(csv.DictReader(open(out + '/edges.csv', newline='', encoding='utf-8')))
err = open(errfile, encoding='utf-8', errors='replace').read()
ok = eval(check)
print('ok' if ok else 'events=%s accounts=%s rejected=%s duplicates=%s edges=%d' % (
    j['input']['events'], j['input']['accounts'], j['input']['rejected_rows'],
    j['input'].get('duplicate_rows'), len(edges)))
PY
)
  if [ "$verdict" == "ok" ]; then pass; else fail "$name: $check is false ($verdict)"; fi
}

# ---------------------------------------------------------------- inputs
python3 - "$W" <<'PY'
import gzip, os, random, sys
w = sys.argv[1]
def put(name, text, enc='utf-8'):
    open(os.path.join(w, name), 'wb').write(text.encode(enc) if isinstance(text, str) else text)
H = 'account_id,time,url\n'
# three accounts co-share two links within 10 s: 3 pairs (a1-a2, a1-a3, a2-a3)
rows = ['a%d,2020-01-01T10:00:%02dZ,http://x.org/%d' % (a, 3 * a + k, k) for a in (1, 2, 3) for k in (1, 2)]
put('sorted.csv', H + '\n'.join(sorted(rows, key=lambda r: r.split(',')[1])) + '\n')
put('shuffled.csv', H + '\n'.join(reversed(sorted(rows, key=lambda r: r.split(',')[1]))) + '\n')
put('dups.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\n' * 3 + 'a2,2020-01-01T10:00:00Z,http://x.org/1\n')
put('leap.csv', H + 'a1,2016-12-31T23:59:60Z,http://x.org/1\n')
put('h24.csv', H + 'a1,2020-01-31T24:00:00Z,http://x.org/1\n')
put('h24bad.csv', H + 'a1,2020-01-31T24:00:00Z,http://x.org/1\na1,2020-01-31T24:00:01Z,http://x.org/2\n')
put('single_account.csv', H + ''.join('solo,2020-01-01T10:%02d:00Z,http://x.org/%d\n' % (i, i % 3) for i in range(50)))
put('single_row.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\n')
# 2,500 accounts on one link in one minute, twice: both keys saturate
put('saturated.csv', H + ''.join('u%d,2020-01-01T10:00:%02dZ,http://x.org/%s\n' % (i, i % 60, k) for k in ('hot', 'hot2') for i in range(2500)))
put('one_network.csv', 'account_id,time,network\n' + ''.join('u%d,2020-01-01T10:%02d:00Z,10.0.0.1\n' % (i, i % 60) for i in range(2500)))
put('ghost.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\nghost,never,http://x.org/1\nghost,,http://x.org/2\n')
put('latin1.csv', 'account_id,time,text\na1,2020-01-01T10:00:00Z,plain\na2,2020-01-01T10:00:00Z,caf\xe9 cr\xe8me\n', 'latin-1')
put('utf16.csv', 'account_id,time\na1,2020-01-01T10:00:00Z\n', 'utf-16')
put('nul.csv', b'account_id,time,text\na1,2020-01-01T10:00:00Z,nul\x00here\na2,2020-01-01T10:00:00Z,ok\n')
# U+202E RIGHT-TO-LEFT OVERRIDE and U+200F RLM inside ids, Hebrew text
put('rtl.csv', 'account_id,time,text\nevil\u202etxt.exe,2020-01-01T10:00:00Z,\u05e9\u05dc\u05d5\u05dd\n\u200fabc,2020-01-01T10:00:01Z,x\n')
# "ab" and "a<ZWSP>b" are two accounts: ids are never normalised
put('zw_ids.csv', H + 'ab,2020-01-01T10:00:00Z,http://x.org/1\na\u200bb,2020-01-01T10:00:01Z,http://x.org/1\n')
# two accounts post two long texts within 5 s; the second copy of each has
# zero-width spaces and joiners inside words: the text trace still links them
t1 = 'the minister lied about the budget again and the people will not forget it'
t2 = 'share this before they delete it the truth about the election is coming out'
zw = lambda s: s.replace('e', 'e\u200b', 3).replace('th', 't\u200dh', 2)
put('zw_text.csv', 'account_id,time,text\n' + 'z1,2020-01-01T10:00:00Z,%s\nz2,2020-01-01T10:00:05Z,%s\nz1,2020-01-01T11:00:00Z,%s\nz2,2020-01-01T11:00:05Z,%s\n' % (t1, zw(t1), t2, zw(t2)))
put('astral.csv', H + '\U0001F600\U0001D400,2020-01-01T10:00:00Z,http://x.org/\U0001F600\n')
put('bom_crlf.csv', '\ufeff' + H.replace('\n', '\r\n') + 'a1,2020-01-01T10:00:00Z,http://x.org/1\r\na2,2020-01-01T10:00:01Z,http://x.org/1\r\n')
put('cr_only.csv', H.replace('\n', '\r') + 'a1,2020-01-01T10:00:00Z,http://x.org/1\ra2,2020-01-01T10:00:01Z,http://x.org/1\r')
put('no_final_newline.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\na2,2020-01-01T10:00:01Z,http://x.org/1')
# a text over three lines: the bad row after it starts on line 5
put('multiline.csv', 'account_id,time,text\na1,2020-01-01T10:00:00Z,"one\ntwo, ""three""\nfour"\na2,bad-time,x\n')
put('blank_lines.csv', H + '\n   \n\t\na1,2020-01-01T10:00:00Z,http://x.org/1\n\n\na2,2020-01-01T10:00:01Z,http://x.org/1\n  \n')
put('repeated_header.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\n' + H + 'a2,2020-01-01T10:00:01Z,http://x.org/1\n')
put('wide_header.csv', ','.join(['account_id', 'time'] + ['c%d' % i for i in range(5000)]) + '\n')
put('wide_row.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\n' + 'a2,2020-01-01T10:00:01Z' + ',x' * 5000 + '\n')
put('concat.csv.gz', gzip.compress((H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\n').encode()) + gzip.compress(b'a2,2020-01-01T10:00:01Z,http://x.org/1\n'))
put('trailing_garbage.csv.gz', gzip.compress((H + 'a1,2020-01-01T10:00:00Z,http://x.org/1\n').encode()) + b'garbage!')
random.seed(1)
put('random.bin', bytes(random.getrandbits(8) for _ in range(4096)))
put('limits.csv', H + ''.join('a%d,2020-01-01T10:00:%02dZ,http://x.org/%d\n' % (i, i, i) for i in range(6)))
put('bad_times.csv', 'account_id,time\na1,9999-01-01T00:00:00Z\na1,-5\na1,123456789012345678901234567890\na1,2020-02-30\na1,2020-01-01T10:00:00Z\n')
put('mixed_times.csv', 'account_id,time\na1,2020-01-01T10:00:00Z\na2,1577872801\na3,Wed Jan 01 10:00:02 +0000 2020\na4,2020-01-01 11:00:03+01:00\n')
# non-ASCII paths: x.org/ä1 and x.org/ö1 are different links (their
# canonical forms were once cut short to one key "x.org/%C3", linking all
# four accounts); r1 r2 share the ä links, s1 s2 the ö ones, all four
# within 3 s of each other
put('non_ascii_urls.csv', H + ''.join('%s,2020-01-01T10:%02d:%02dZ,http://x.org/%s%d\n' % (a, m, s, c, m) for m in (1, 2) for (a, c, s) in (('r1', '\u00e4', 0), ('r2', '\u00e4', 1), ('s1', '\u00f6', 2), ('s2', '\u00f6', 3))))
put('long_url.csv', H + 'a1,2020-01-01T10:00:00Z,http://x.org/?' + '&'.join('p%d=%d' % (i, i) for i in range(10000)) + '\n')
put('many_tags.csv', 'account_id,time,hashtags\na1,2020-01-01T10:00:00Z,' + ' '.join('#t%d' % i for i in range(10000)) + '\n')
put('only_hashes.csv', 'account_id,time,hashtags,url\na1,2020-01-01T10:00:00Z,# ## #,| | |\n')
PY
printf '%s\n' 'account_id,time,url' > "$W/bomb_head"
{ cat "$W/bomb_head"; head -c 100000000 /dev/zero; } | gzip -c > "$W/bomb.csv.gz"
{ cat "$W/bomb_head"; head -c 100000000 /dev/zero | tr '\0' 'a'; } | zstd -q -c > "$W/bomb.csv.zst"
mkdir -p "$W/outfile_dir"; : > "$W/out_is_a_file"

T="j['stats']['traces']"
# ---------------------------------------------------------------- the table
#       case                 exit message                                   check -- args
hostile in_time_order          0 ''                                        "len(edges) == 3" -- "$W/sorted.csv"
hostile out_of_time_order      0 ''                                        "len(edges) == 3 and j['input']['first_time'] == '2020-01-01T10:00:04Z'" -- "$W/shuffled.csv"
hostile duplicate_rows         0 '2 rows repeat.*counted once'             "j['input']['events'] == 2 and j['input']['duplicate_rows'] == 2" -- "$W/dups.csv"
hostile same_file_twice        0 '6 rows repeat'                           "j['input']['events'] == 6 and j['input']['duplicate_rows'] == 6 and len(edges) == 3" -- "$W/sorted.csv" "$W/shuffled.csv"
hostile leap_second            0 ''                                        "j['input']['first_time'] == '2017-01-01T00:00:00Z'" -- "$W/leap.csv"
hostile hour_24                0 ''                                        "j['input']['last_time'] == '2020-02-01T00:00:00Z'" -- "$W/h24.csv"
hostile hour_24_past_midnight  0 "h24bad\.csv:3: .*'time'"                 "j['input']['rejected_rows'] == 1" -- "$W/h24bad.csv"
hostile single_account         0 ''                                        "len(accounts) == 1 and len(edges) == 0 and j['clusters'] == []" -- "$W/single_account.csv"
hostile single_row             0 ''                                        "j['input']['events'] == 1 and len(edges) == 0" -- "$W/single_row.csv"
hostile one_link_for_all       0 ''                                        "$T['url']['saturated_keys'] == 2 and len(edges) == 0 and len(accounts) == 2500" -- "$W/saturated.csv"
hostile one_network_for_all    0 ''                                        "$T['network']['saturated_keys'] == 1 and len(edges) == 0" -- "$W/one_network.csv"
hostile account_only_bad_rows  0 "ghost\.csv:3: "                          "j['input']['rejected_rows'] == 2 and [a['account_id'] for a in accounts] == ['a1']" -- "$W/ghost.csv"
hostile latin1_text            0 'latin1\.csv:3: invalid UTF-8'            "j['input']['rejected_rows'] == 1 and j['input']['events'] == 1" -- "$W/latin1.csv"
hostile latin1_text_strict     2 'latin1\.csv:3: invalid UTF-8'            - -- --strict "$W/latin1.csv"
hostile utf16_file             2 'utf16\.csv:1: UTF-16'                    - -- "$W/utf16.csv"
hostile nul_byte               0 'nul\.csv:2: NUL byte'                    "j['input']['rejected_rows'] == 1" -- "$W/nul.csv"
hostile rtl_override_ids       0 ''                                        "sorted(a['account_id'] for a in accounts) == sorted(['evil\u202etxt.exe', '\u200fabc'])" -- "$W/rtl.csv"
hostile zero_width_ids         0 ''                                        "sorted(a['account_id'] for a in accounts) == ['ab', 'a\u200bb']" -- "$W/zw_ids.csv"
hostile zero_width_text        0 ''                                        "len(edges) == 1 and int(edges[0]['text']) == 2" -- --traces text --window 60 "$W/zw_text.csv"
hostile astral_chars           0 ''                                        "accounts[0]['account_id'] == '\U0001F600\U0001D400'" -- "$W/astral.csv"
hostile bom_and_crlf           0 ''                                        "j['input']['events'] == 2 and accounts[0]['account_id'] == 'a1'" -- "$W/bom_crlf.csv"
hostile cr_only_line_ends      0 ''                                        "j['input']['events'] == 2" -- "$W/cr_only.csv"
hostile no_final_newline       0 ''                                        "j['input']['events'] == 2" -- "$W/no_final_newline.csv"
hostile multiline_text         0 'multiline\.csv:5: '                      "j['input']['events'] == 1 and j['input']['rejected_rows'] == 1" -- "$W/multiline.csv"
hostile blank_lines            0 ''                                        "j['input']['events'] == 2 and j['input']['rejected_rows'] == 0" -- "$W/blank_lines.csv"
hostile header_repeated        0 "repeated_header\.csv:3: .*'time'"        "j['input']['events'] == 2 and j['input']['rejected_rows'] == 1" -- "$W/repeated_header.csv"
hostile header_5002_columns    2 'wide_header\.csv:1: .*column limit'      - -- "$W/wide_header.csv"
hostile row_5002_fields        0 'wide_row\.csv:3: .*fields'               "j['input']['events'] == 1 and j['input']['rejected_rows'] == 1" -- "$W/wide_row.csv"
hostile gzip_bomb              2 'bomb\.csv\.gz: .*decompression bomb'     - -- "$W/bomb.csv.gz"
hostile zstd_bomb              2 'bomb\.csv\.zst: .*decompression bomb'    - -- "$W/bomb.csv.zst"
hostile gzip_members           0 ''                                        "j['input']['events'] == 2" -- "$W/concat.csv.gz"
hostile gzip_trailing_garbage  2 'trailing_garbage\.csv\.gz: .*corrupt'    - -- "$W/trailing_garbage.csv.gz"
hostile random_bytes           2 'random\.bin'                             - -- "$W/random.bin"
hostile max_events_hit         3 'limits\.csv:7: event limit reached: .* 5 events' - -- --max-events 5 "$W/limits.csv"
hostile max_events_exact       0 ''                                        "j['input']['events'] == 6" -- --max-events 6 "$W/limits.csv"
hostile max_accounts_hit       3 'limits\.csv:6: account limit reached: .* 4 accounts' - -- --max-accounts 4 "$W/limits.csv"
hostile bad_times              0 'bad_times\.csv:2: '                      "j['input']['rejected_rows'] == 4 and j['input']['events'] == 1" -- "$W/bad_times.csv"
hostile mixed_time_forms       0 ''                                        "j['input']['events'] == 4 and j['input']['last_time'] == '2020-01-01T10:00:03Z'" -- "$W/mixed_times.csv"
hostile non_ascii_urls         0 ''                                        "sorted((e['source'], e['target']) for e in edges) == [('r1', 'r2'), ('s1', 's2')]" -- --traces url --window 10 --min-repeat 2 "$W/non_ascii_urls.csv"
hostile url_10000_params       0 ''                                        "j['input']['events'] == 1" -- "$W/long_url.csv"
hostile hashtags_10000         0 ''                                        "j['input']['events'] == 1" -- "$W/many_tags.csv"
hostile only_separators        0 ''                                        "j['input']['events'] == 1 and j['input']['rejected_rows'] == 0" -- "$W/only_hashes.csv"
hostile out_dir_is_a_file      3 'out_is_a_file'                           - -- --out "$W/out_is_a_file" "$W/single_row.csv"

# Standard input, gzip-compressed: read like a file.
out="$W/out-stdin"
gzip -c "$W/sorted.csv" | "$CIBSCAN" detect --quiet --out "$out" - 2>"$W/stdin.stderr"
expect_eq "stdin_gzip: exit status" 0 $?
expect_eq "stdin_gzip: events" 6 "$(json "$out/report.json" "j['input']['events']")"

# A report.json that is a folder: nothing is moved into place, the other
# files are not left half-written, and the folder is kept.
mkdir -p "$W/blocked/report.json"
"$CIBSCAN" detect --quiet --out "$W/blocked" "$W/sorted.csv" 2>"$W/blocked.stderr"
expect_eq "report_json_is_a_folder: exit status" 3 $?
expect_match "report_json_is_a_folder: message" 'report\.json.*not a regular file' "$(cat "$W/blocked.stderr")"
if [ -e "$W/blocked/accounts.csv" ] || ls -A "$W/blocked" | grep -q staging; then
  fail "report_json_is_a_folder: files left behind"; else pass; fi
if [ -d "$W/blocked/report.json" ]; then pass; else fail "report_json_is_a_folder: folder gone"; fi
# "out_dir_is_a_file" above must leave the file as it was (empty)
expect_eq "out_dir_is_a_file: file untouched" 0 "$(stat -c %s "$W/out_is_a_file")"

# Memory exhaustion: with the address space capped (ulimit -v, KiB),
# detect on 200,000 events (which needs about 900 MB) must stop with exit
# 3 and say what ran out, never crash or leave output.  At ~100 MB the
# event store runs out during ingest, at ~250 MB the pair count does
# (measured on Debian 12).  Sanitizer builds reserve terabytes of shadow
# memory and cannot even start under a cap, so a cap is skipped where
# `cibscan --version` cannot run under it.
python3 - "$W/big.csv" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('account_id,time,url,text\n')
    for i in range(200000):
        f.write('acct%d,2020-01-%02dT10:%02d:%02dZ,http://x.org/%d,some text number %d\n' % (i % 50000, 1 + i % 28, i % 60, i % 59, i, i))
PY
for cap in 100000 250000; do
  if { (ulimit -v $cap; "$CIBSCAN" --version) >/dev/null 2>&1; } 2>/dev/null; then
    { (ulimit -v $cap; "$CIBSCAN" detect --quiet --out "$W/out-oom$cap" "$W/big.csv") 2>"$W/oom$cap.stderr"; } 2>/dev/null
    got=$?
    if [ "$got" -ge 128 ]; then fail "memory_exhaustion_$cap: crashed with signal $((got - 128))"; fi
    expect_eq "memory_exhaustion_$cap: exit status" 3 "$got"
    expect_match "memory_exhaustion_$cap: message" 'out of memory' "$(cat "$W/oom$cap.stderr")"
    if [ -e "$W/out-oom$cap" ]; then fail "memory_exhaustion_$cap: left an output folder"; else pass; fi
  else
    echo "memory_exhaustion_$cap: skipped (this build cannot start under ulimit -v $cap)"
  fi
done

finish
