#!/usr/bin/env bash
# report_html.sh — report.html as a reader sees it, in headless Chromium
# (Debian's chromium, installed by scripts/install-test-deps.sh):
#   1. the `make demo` run (synth --seed 7, detect): every cluster has its
#      section with four charts of non-zero size, and the tally figures on
#      the page equal report.json's;
#   2. the October 2016 IRA files (README section 1): the same checks;
#   3. account ids that are HTML (<script>, <img onerror>) show as text and
#      run nothing, also with the page's Content-Security-Policy removed;
#   4. network.graphml and network.gexf parse with Python's xml.etree and
#      hold as many nodes and edges as edges.csv says.
# Screenshots (PNG) of runs 1 and 2 are written to $WORK, and copied to
# $CIBSCAN_SCREENSHOTS when set (`make screenshots` sets it to
# docs/screenshots).
source "$CIBSCAN_TESTLIB"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
[ -n "$CHROMIUM" ] || { echo "chromium not found: run scripts/install-test-deps.sh" >&2; exit 1; }
R=ira538
for f in ira538_2016-10-04_to_05.csv ira538_2016-10-06.csv ira538_2016-10-07_to_08.csv; do
  need_shared "$R/$f"
done

# chrome ARGS...: headless Chromium with a fresh profile, no network use.
chrome() {
  local profile
  profile=$(mktemp -d "$WORK/chrome.XXXXXX")
  timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$profile" "$@" 2>/dev/null
  local rc=$?
  rm -rf "$profile"
  return $rc
}

# measured_dom HTML OUT: the DOM after layout, each chart's rendered size in
# data-w / data-h.  The page itself runs no script and forbids scripts
# (CSP), so a copy without the CSP gets a few lines that measure.
measured_dom() {
  python3 - "$1" "$1.measure.html" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
s = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', '', s, count=1)
probe = ("<script>document.querySelectorAll('svg').forEach(function(e){"
         "var r=e.getBoundingClientRect();e.setAttribute('data-w',Math.round(r.width));"
         "e.setAttribute('data-h',Math.round(r.height));});"
         "document.body.setAttribute('data-measured','yes');</script>")
s = s.replace('</body>', probe + '</body>')
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PY
  chrome --dump-dom --window-size=1280,4000 "file://$1.measure.html" > "$2"
}

# check_page DIR: DOM assertions against DIR/report.json; prints
# "ok N" or the failures.
check_page() {
  measured_dom "$1/report.html" "$1/dom.html"
  python3 - "$1/report.json" "$1/dom.html" <<'PY'
import json, sys
from html.parser import HTMLParser
j = json.load(open(sys.argv[1]))
class Dom(HTMLParser):
    """Elements with their attributes, parent chain and text."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.all = [], []
    def handle_starttag(self, tag, attrs):
        el = {'tag': tag, 'a': dict(attrs), 'text': '', 'up': list(self.stack)}
        self.all.append(el)
        if tag not in ('meta', 'br', 'use', 'path', 'img', 'input', 'link', 'rect'):
            self.stack.append(el)
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]['tag'] == tag:
                del self.stack[i:]
                break
    def handle_data(self, d):
        for el in self.stack:
            el['text'] += d
d = Dom()
d.feed(open(sys.argv[2], encoding='utf-8').read())
bad = []
def num(t):
    return int(t.strip().replace(',', ''))
body = [e for e in d.all if e['tag'] == 'body']
if not body or body[0]['a'].get('data-measured') != 'yes':
    bad.append('the measuring script did not run')
# tally figures
fig = {e['a']['data-k']: e for e in d.all if 'fig' in e['a'].get('class', '').split()}
cl = j['clusters']
want = {'clusters': len(cl), 'clustered_accounts': j['stats']['clustered_accounts'],
        'followers': sum(c['followers_total'] for c in cl),
        'cluster_events': sum(c['events'] for c in cl)}
for a in ('account', 'page', 'group'):
    want['asset_' + a] = sum(c['assets'][a] for c in cl)
for k, v in want.items():
    b = [x for x in d.all if x['tag'] == 'b' and fig.get(k) in x['up']]
    if not b or num(b[0]['text']) != v:
        bad.append(f'tally {k}: page {b[0]["text"] if b else None}, json {v}')
# cluster table rows and sections
rows = {e['a']['data-cluster']: e for e in d.all if e['tag'] == 'tr' and 'data-cluster' in e['a']}
secs = {e['a']['id']: e for e in d.all if e['tag'] == 'section' and 'cluster' in e['a'].get('class', '')}
for i, c in enumerate(cl):
    row = rows.get(c['id'])
    if row is None:
        bad.append(f'no table row for {c["id"]}')
        continue
    cells = {x['a']['data-k']: x for x in d.all if x['tag'] == 'td' and row in x['up'] and 'data-k' in x['a']}
    for k, v in (('size', c['size']), ('followers_total', c['followers_total']),
                 ('events', c['events']), ('account', c['assets']['account']),
                 ('page', c['assets']['page']), ('group', c['assets']['group'])):
        if k not in cells or num(cells[k]['text']) != v:
            bad.append(f'{c["id"]} {k}: page {cells[k]["text"] if k in cells else None}, json {v}')
    if i >= 50:
        continue
    sec = secs.get(c['id'])
    if sec is None:
        bad.append(f'no section for {c["id"]}')
        continue
    charts = {x['a']['data-chart']: x for x in d.all if x['tag'] == 'figure' and sec in x['up']}
    for kind in ('heatmap', 'daily', 'timeline', 'network'):
        f = charts.get(kind)
        svg = [x for x in d.all if x['tag'] == 'svg' and f in x['up']] if f else []
        if not svg:
            bad.append(f'{c["id"]}: no {kind} chart')
        elif int(svg[0]['a'].get('data-w', 0)) <= 0 or int(svg[0]['a'].get('data-h', 0)) <= 0:
            bad.append(f'{c["id"]}: {kind} chart has no size')
    spans = {x['a']['data-k']: x for x in d.all if x['tag'] == 'span' and sec in x['up'] and 'data-k' in x['a']}
    for k, v in (('events', c['events']), ('followers_total', c['followers_total'])):
        if k in spans and num(spans[k]['text']) != v:
            bad.append(f'{c["id"]} section {k}: {spans[k]["text"]} != {v}')
over = [x for x in d.all if x['tag'] == 'figure' and x['a'].get('data-chart') == 'overview-network']
if cl and not over:
    bad.append('no overview network')
if bad:
    print('\n'.join(bad[:20]))
else:
    print('ok', len(cl))
PY
}

# check_xml DIR: GraphML and GEXF node and edge counts against edges.csv.
check_xml() {
  python3 - "$1" <<'PY'
import csv, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
rows = list(csv.DictReader(open(f'{d}/edges.csv', newline='', encoding='utf-8')))
# accounts.csv / edges.csv cells may carry the formula-neutralising quote
ids = {r[k] for r in rows for k in ('source', 'target')}
g = ET.parse(f'{d}/network.graphml').getroot()
G = '{http://graphml.graphdrawing.org/xmlns}'
x = ET.parse(f'{d}/network.gexf').getroot()
X = '{http://gexf.net/1.3}'
out = [len(rows), len(ids),
       len(g.findall(f'.//{G}node')), len(g.findall(f'.//{G}edge')),
       len(x.findall(f'.//{X}node')), len(x.findall(f'.//{X}edge'))]
print(' '.join(map(str, out)))
PY
}

# ---------------------------------------------------------------- 1. demo
mkdir -p "$WORK/demo"
"$CIBSCAN" synth --seed 7 --out "$WORK/demo/events.csv" --truth "$WORK/demo/truth.csv"
expect_eq "synth exit" 0 $?
"$CIBSCAN" detect --quiet "$WORK/demo/events.csv" --out "$WORK/demo/report"
expect_eq "demo detect exit" 0 $?
expect_eq "demo page as report.json says" "ok $(json "$WORK/demo/report/report.json" "len(j['clusters'])")" \
  "$(check_page "$WORK/demo/report")"
if [ "$(json "$WORK/demo/report/report.json" "len(j['clusters'])")" -ge 1 ]; then pass; else fail "demo: no cluster"; fi
read -r e_rows e_ids g_nodes g_edges x_nodes x_edges < <(check_xml "$WORK/demo/report")
expect_eq "demo graphml nodes = accounts in edges.csv" "$e_ids" "$g_nodes"
expect_eq "demo graphml edges = rows of edges.csv" "$e_rows" "$g_edges"
expect_eq "demo gexf nodes = accounts in edges.csv" "$e_ids" "$x_nodes"
expect_eq "demo gexf edges = rows of edges.csv" "$e_rows" "$x_edges"
# the profile: the planted operators post far more per follower than the
# median account, and use hashtags nobody else uses
ratio=$(json "$WORK/demo/report/report.json" "min(c['profile']['audience']['ratio'] for c in j['clusters'])")
if python3 -c "import sys; sys.exit(0 if float('$ratio') > 3 else 1)"; then pass; else fail "demo audience ratio $ratio <= 3"; fi
# each cluster's evidence gives the median p-value of its pairs, as the
# median of its internal pairs' p_value in edges.csv, and an engagement
# line
medians=$(python3 - "$WORK/demo/report" <<'PY'
import csv, json, math, re, statistics, sys
d = sys.argv[1]
j = json.load(open(d + '/report.json'))
h = open(d + '/report.html', encoding='utf-8').read()
cl = {a: c['id'] for c in j['clusters'] for a in c['accounts']}
ps = {}
for e in csv.DictReader(open(d + '/edges.csv')):
    if cl.get(e['source']) and cl.get(e['source']) == cl.get(e['target']):
        ps.setdefault(cl[e['source']], []).append(math.log10(float(e['p_value'])))
ok = 0
for c in j['clusters']:
    sec = h[h.index('id="%s"' % c['id']):]
    sec = sec[:sec.index('</section>')]
    shown = re.search(r'data-median-p>([^<]+)<', sec).group(1)
    # the median of the log p-values (mean of the middle two for an even
    # count); edges.csv rounds p to 3 digits, the page shows 2
    v = sorted(ps[c['id']])
    med = (v[(len(v) - 1) // 2] + v[len(v) // 2]) / 2
    ok += abs(math.log10(float(shown)) - med) < 0.03 and 'data-engagement' in sec
print(ok, len(j['clusters']))
PY
)
read -r ok n <<<"$medians"
expect_eq "demo: median p and engagement in every cluster's evidence" "$n" "$ok"
tags=$(json "$WORK/demo/report/report.json" "min(len(c['profile']['distinctive']['hashtags']) for c in j['clusters'])")
if [ "$tags" -ge 1 ]; then pass; else fail "demo: a cluster without distinctive hashtags"; fi

# ---------------------------------------------------------------- 2. IRA
"$CIBSCAN" detect --quiet \
  --map account_id=author_id,time=publish_date,text=content,action=post_type,followers=followers \
  --out "$WORK/ira" "$SHARED/$R/ira538_2016-10-04_to_05.csv" \
  "$SHARED/$R/ira538_2016-10-06.csv" "$SHARED/$R/ira538_2016-10-07_to_08.csv"
expect_eq "IRA detect exit" 0 $?
expect_eq "IRA page as report.json says" "ok $(json "$WORK/ira/report.json" "len(j['clusters'])")" \
  "$(check_page "$WORK/ira")"
read -r e_rows e_ids g_nodes g_edges x_nodes x_edges < <(check_xml "$WORK/ira")
expect_eq "IRA graphml nodes" "$e_ids" "$g_nodes"
expect_eq "IRA graphml edges" "$e_rows" "$g_edges"
expect_eq "IRA gexf nodes" "$e_ids" "$x_nodes"
expect_eq "IRA gexf edges" "$e_rows" "$x_edges"

# ---------------------------------------------------------------- 3. escaping
# Four accounts share the same two links within seconds, twice: one
# cluster whose ids are markup.
python3 - "$WORK/evil.csv" <<'PY'
import csv, sys
ids = ['<script>document.title="pwned"</script>', '<img src=x onerror="document.title=1">',
       '"><b id=inj>bold</b>', 'plain&amp;']
w = csv.writer(open(sys.argv[1], 'w', newline=''))
w.writerow(['account_id', 'time', 'url', 'text', 'platform'])
for k in range(6):
    for i, a in enumerate(ids):
        w.writerow([a, f'2020-01-0{1 + k}T10:00:{10 + i:02d}Z', f'https://example.org/{k}',
                    f'<i>same</i> text {k}', '<u>pl</u>'])
PY
# --no-significance: a few rows are too few for the pair test (issue 5)
"$CIBSCAN" detect --quiet --no-significance --min-cluster 2 "$WORK/evil.csv" --out "$WORK/evil"
expect_eq "evil detect exit" 0 $?
chrome --dump-dom --window-size=1280,2000 "file://$WORK/evil/report.html" > "$WORK/evil/dom.html"
measured_dom "$WORK/evil/report.html" "$WORK/evil/dom-nocsp.html"
for dom in dom.html dom-nocsp.html; do
  read -r scripts imgs bolds title shown < <(python3 - "$WORK/evil/$dom" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.title, self.intitle, self.text = [], '', False, []
    def handle_starttag(self, t, a):
        self.tags.append((t, dict(a)))
        self.intitle = t == 'title'
    def handle_endtag(self, t):
        self.intitle = False
    def handle_data(self, d):
        if self.intitle: self.title += d
        self.text.append(d)
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
text = ''.join(p.text)
# script elements, less the measuring probe of the CSP-less copy
probe = sum(1 for t, a in p.tags if t == 'script')
imgs = sum(1 for t, a in p.tags if t == 'img')
bolds = sum(1 for t, a in p.tags if a.get('id') == 'inj')
shown = int('<script>document.title="pwned"</script>' in text and '<img src=x onerror=' in text)
print(probe - (1 if 'nocsp' in sys.argv[1] else 0), imgs, bolds, p.title.replace(' ', '_'), shown)
PY
)
  expect_eq "$dom: no script element from the data" 0 "$scripts"
  expect_eq "$dom: no img element" 0 "$imgs"
  expect_eq "$dom: no injected element" 0 "$bolds"
  expect_eq "$dom: title untouched" "cibscan_report" "$title"
  expect_eq "$dom: the ids are shown as text" 1 "$shown"
done
read -r e_rows e_ids g_nodes g_edges x_nodes x_edges < <(check_xml "$WORK/evil")
expect_eq "evil graphml nodes" "$e_ids" "$g_nodes"
expect_eq "evil gexf edges" "$e_rows" "$x_edges"
if [ "$e_rows" -ge 1 ]; then pass; else fail "evil: no pair kept"; fi

# ---------------------------------------------------------------- screenshots
for run in demo:demo/report ira:ira; do
  name=${run%%:*}
  chrome --screenshot="$WORK/report-$name.png" --window-size=1280,4000 \
    --force-device-scale-factor=0.8 "file://$WORK/${run#*:}/report.html" >/dev/null
  size=$(stat -c %s "$WORK/report-$name.png" 2>/dev/null || echo 0)
  if [ "$size" -gt 10000 ]; then pass; else fail "screenshot $name: $size bytes"; fi
  if [ -n "${CIBSCAN_SCREENSHOTS:-}" ]; then
    mkdir -p "$CIBSCAN_SCREENSHOTS" && cp "$WORK/report-$name.png" "$CIBSCAN_SCREENSHOTS/"
  fi
done
finish
