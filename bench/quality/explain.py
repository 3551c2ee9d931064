#!/usr/bin/env python3
"""explain.py TRUTH.csv ACCOUNTS.csv EDGES.csv [--json]

Why are organic accounts clustered?  For every false positive (an account
in a cluster whose truth has no network), its kind from the truth file
(organic, news) and the traces of the kept edges that tie it to other
accounts of its cluster.  Prints one line: false positives by kind, and
the traces carrying their in-cluster edges (share of edge weight), e.g.

    fp 9: news 9; traces url 48% text 48% hashtag 4%; clusters 3 (news 3)

and, with --json, the same as a JSON object.  Standard library only.
"""
import csv
import json
import sys
from collections import Counter, defaultdict


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    truth_path, accounts_path, edges_path = argv[1:4]
    as_json = "--json" in argv[4:]
    truth = {}
    with open(truth_path, newline="") as f:
        for row in csv.DictReader(f):
            kind = row.get("kind") or ("farm" if row["network_id"] else "organic")
            truth[row["account_id"]] = (row["network_id"], kind)
    cluster = {}
    with open(accounts_path, newline="") as f:
        for row in csv.DictReader(f):
            if row["cluster_id"]:
                cluster[row["account_id"]] = row["cluster_id"]
    fps = {a for a, c in cluster.items() if a in truth and not truth[a][0]}
    by_kind = Counter(truth[a][1] for a in fps)
    traces = Counter()
    with open(edges_path, newline="") as f:
        reader = csv.DictReader(f)
        names = [n for n in reader.fieldnames
                 if n not in ("source", "target", "weight", "p_value", "q_value")
                 and not n.endswith("_p") and n not in ("p_value", "score")]
        for row in reader:
            s, t = row["source"], row["target"]
            if cluster.get(s) is None or cluster.get(s) != cluster.get(t):
                continue
            if s not in fps and t not in fps:
                continue
            for n in names:
                try:
                    traces[n] += float(row[n] or 0)
                except ValueError:
                    pass
    # clusters holding false positives, by the kind of most of them
    members = defaultdict(list)
    for a in fps:
        members[cluster[a]].append(truth[a][1])
    cluster_kinds = Counter(Counter(k).most_common(1)[0][0]
                            for k in members.values())
    total = sum(traces.values()) or 1
    share = {n: round(v / total, 3) for n, v in traces.most_common() if v}
    if as_json:
        print(json.dumps({"false_positives": len(fps), "by_kind": by_kind,
                          "trace_share": share,
                          "clusters": len(members),
                          "clusters_by_kind": cluster_kinds}))
        return
    kinds = " ".join(f"{k} {v}" for k, v in by_kind.most_common()) or "-"
    tr = " ".join(f"{n} {round(100 * v)}%" for n, v in share.items()) or "-"
    ck = " ".join(f"{k} {v}" for k, v in cluster_kinds.most_common())
    print(f"fp {len(fps)}: {kinds}; traces {tr}; clusters {len(members)}"
          + (f" ({ck})" if ck else ""))


if __name__ == "__main__":
    main(sys.argv)
