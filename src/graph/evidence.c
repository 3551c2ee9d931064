/*
 * evidence.c — why each cluster's accounts are together: per-trace pairs,
 * keys and delays, the graded score, the domains the cluster amplifies
 * and its shares of watched domains and URLs.
 *
 * The score (graph.h) multiplies three things a reader checks: are the
 * pairs strong (the test's p-values), does everybody co-act with
 * everybody (density), and does the cluster keep to itself (cohesion);
 * the cube root keeps it graded instead of collapsing products of three
 * fractions towards 0.  Its strength part saturates at p = 1e-10, far
 * beyond any false discovery rate over the pairs of a billion accounts.
 *
 * Domain lift: a cluster's share of links to a domain against the share
 * of that domain among everybody else's links, the "domains it
 * amplifies" table CooRnet's reports show as the top domains of a
 * network, made comparable across networks by the baseline.
 *
 * Relies on the coord result and cib_coord_evidence, the normalised URL
 * keys and domains, and the watchlist of normalize.h.
 */
#include "graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t cluster_of(const cib_clustering *cl, uint32_t a)
{
    if (cl->cluster_of == NULL || a >= cl->n_accounts)
        return 0;
    uint32_t k = cl->cluster_of[a];
    return k <= cl->n_clusters ? k : 0;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* ------------------------------------------------------------ pairs */

typedef struct kp {
    uint32_t k;
    double v;
} kp;

static int cmp_kp(const void *x, const void *y)
{
    const kp *a = x, *b = y;
    if (a->k != b->k)
        return a->k < b->k ? -1 : 1;
    return (a->v > b->v) - (a->v < b->v);
}

static int pairs_evidence(cib_evidence_set *out, const cib_clustering *cl,
                          const cib_coord_result *coord)
{
    kp *lp = malloc((coord->n_pairs ? coord->n_pairs : 1) * sizeof *lp);
    if (lp == NULL)
        return CIB_ENOMEM;
    size_t n = 0;
    for (size_t p = 0; p < coord->n_pairs; p++) {
        const cib_pair *pr = &coord->pairs[p];
        uint32_t ka = cluster_of(cl, pr->a), kb = cluster_of(cl, pr->b);
        if (ka != kb) {
            if (ka)
                out->clusters[ka - 1].cut_weight += pr->total;
            if (kb)
                out->clusters[kb - 1].cut_weight += pr->total;
            continue;
        }
        if (ka == 0)
            continue;
        cib_cluster_evidence *c = &out->clusters[ka - 1];
        c->internal_pairs++;
        c->internal_weight += pr->total;
        for (int t = 0; t < CIB_TRACE_COUNT; t++) {
            if (pr->weight[t] == 0)
                continue;
            c->trace[t].pairs++;
            c->trace[t].total_weight += pr->weight[t];
            if (pr->weight[t] > c->trace[t].max_weight)
                c->trace[t].max_weight = pr->weight[t];
        }
        lp[n++] = (kp){ka, pr->log10_p};
    }
    if (n > 1)
        qsort(lp, n, sizeof *lp, cmp_kp);
    for (size_t s = 0; s < n;) {
        size_t e = s;
        while (e < n && lp[e].k == lp[s].k)
            e++;
        size_t m = e - s;
        double med = m % 2 ? lp[s + m / 2].v
                           : (lp[s + m / 2 - 1].v + lp[s + m / 2].v) / 2;
        out->clusters[lp[s].k - 1].median_log10_p = med;
        s = e;
    }
    free(lp);
    return CIB_OK;
}

static void score(cib_cluster_evidence *c, uint32_t size)
{
    double n = size;
    if (n < 2 || c->internal_pairs == 0) {
        c->score = c->strength = c->density = c->cohesion = 0;
        return;
    }
    double s = -c->median_log10_p / 10;
    c->strength = s < 0 ? 0 : s > 1 ? 1 : s;
    c->density = (double)c->internal_pairs / (n * (n - 1) / 2);
    if (c->density > 1)
        c->density = 1;
    c->cohesion = (double)c->internal_weight /
                  (double)(c->internal_weight + c->cut_weight);
    c->score = cbrt(c->strength * c->density * c->cohesion);
}

/* ------------------------------------------------------------ domains */

/* (domain, count) runs of the sorted ids v[0..n) into runs; returns how
 * many. */
static size_t runs(const uint64_t *v, size_t n, uint64_t *key,
                   uint64_t *count)
{
    size_t r = 0;
    for (size_t i = 0; i < n; i++) {
        if (r && key[r - 1] == v[i]) {
            count[r - 1]++;
        } else {
            key[r] = v[i];
            count[r++] = 1;
        }
    }
    return r;
}

static uint64_t lookup(const uint64_t *key, const uint64_t *count, size_t n,
                       uint64_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && key[lo] == k ? count[lo] : 0;
}

typedef struct dom_ctx {
    const cib_strings *strings;
} dom_ctx;

static int cmp_lift(const void *x, const void *y, void *ctx)
{
    const cib_domain_lift *a = x, *b = y;
    if (a->shares != b->shares)
        return a->shares > b->shares ? -1 : 1;
    const dom_ctx *d = ctx;
    return strcmp(cib_strings_get(d->strings, a->domain, NULL),
                  cib_strings_get(d->strings, b->domain, NULL));
}

static int domain_evidence(cib_evidence_set *out, const cib_clustering *cl,
                           const cib_store *store, const cib_norm *norm)
{
    const cib_events *e = &store->events;
    if (norm == NULL || norm->url_domain == NULL || e->n_urls == 0)
        return CIB_OK;
    size_t nu = e->n_urls;
    uint64_t *all = malloc(nu * sizeof *all), *mine = malloc(nu * sizeof *mine);
    uint64_t *akey = malloc(nu * sizeof *akey), *acnt = malloc(nu * sizeof *acnt);
    uint64_t *ckey = malloc(nu * sizeof *ckey), *ccnt = malloc(nu * sizeof *ccnt);
    int rc = all && mine && akey && acnt && ckey && ccnt ? CIB_OK : CIB_ENOMEM;
    size_t na = 0, nm = 0, nr_all = 0, nr_mine = 0;
    uint64_t total = 0;
    for (size_t i = 0; rc == CIB_OK && i < e->n; i++) {
        uint32_t k = cluster_of(cl, e->account[i]);
        for (uint32_t u = e->url_begin[i]; u < e->url_begin[i + 1]; u++) {
            uint32_t d = norm->url_domain[u];
            if (d == 0)
                continue;
            all[na++] = d;
            if (k)
                mine[nm++] = (uint64_t)k << 32 | d;
        }
    }
    if (rc == CIB_OK) {
        qsort(all, na, sizeof *all, cmp_u64);
        qsort(mine, nm, sizeof *mine, cmp_u64);
        nr_all = runs(all, na, akey, acnt);
        nr_mine = runs(mine, nm, ckey, ccnt);
        total = na;
    }
    dom_ctx ctx = {store->strings};
    /* per cluster: its runs are consecutive in ckey (sorted by cluster) */
    for (size_t s = 0; rc == CIB_OK && s < nr_mine;) {
        uint32_t k = (uint32_t)(ckey[s] >> 32);
        size_t end = s;
        uint64_t links = 0;
        while (end < nr_mine && (uint32_t)(ckey[end] >> 32) == k)
            links += ccnt[end++];
        cib_cluster_evidence *c = &out->clusters[k - 1];
        c->links = links;
        cib_domain_lift *l = malloc((end - s) * sizeof *l);
        if (l == NULL) {
            rc = CIB_ENOMEM;
            break;
        }
        for (size_t i = s; i < end; i++) {
            uint32_t d = (uint32_t)ckey[i];
            uint64_t others = lookup(akey, acnt, nr_all, d) - ccnt[i];
            double share = (double)ccnt[i] / (double)links;
            double rest = (double)(total - links);
            double os = rest > 0 ? (double)others / rest : 0;
            l[i - s] = (cib_domain_lift){d, ccnt[i], share, os,
                                          os > 0 ? share / os : INFINITY};
        }
        qsort_r(l, end - s, sizeof *l, cmp_lift, &ctx);
        c->n_domains = end - s < CIB_EVIDENCE_TOP ? end - s : CIB_EVIDENCE_TOP;
        memcpy(c->domains, l, c->n_domains * sizeof *l);
        free(l);
        s = end;
    }
    free(all);
    free(mine);
    free(akey);
    free(acnt);
    free(ckey);
    free(ccnt);
    return rc;
}

/* ------------------------------------------------------------ watchlist */

static int cmp_hit(const void *x, const void *y)
{
    const cib_watch_hit *a = x, *b = y;
    if (a->shares != b->shares)
        return a->shares > b->shares ? -1 : 1;
    return (a->entry > b->entry) - (a->entry < b->entry);
}

static int watch_evidence(cib_evidence_set *out, const cib_clustering *cl,
                          const cib_store *store, const cib_norm *norm,
                          const cib_watchlist *wl)
{
    const cib_events *e = &store->events;
    if (wl == NULL || norm == NULL || norm->url_key == NULL || e->n_urls == 0)
        return CIB_OK;
    uint32_t ns = cib_strings_count(store->strings);
    int64_t *hit = malloc((size_t)ns * sizeof *hit);
    uint8_t *seen = calloc(store->accounts.n ? store->accounts.n : 1, 1);
    uint64_t *pairs = NULL; /* cluster << 32 | entry, one per match */
    size_t n = 0, cap = 0;
    int rc = hit && seen ? CIB_OK : CIB_ENOMEM;
    for (uint32_t i = 0; rc == CIB_OK && i < ns; i++)
        hit[i] = -2; /* not looked up yet */
    for (size_t i = 0; rc == CIB_OK && i < e->n; i++) {
        uint32_t a = e->account[i], k = cluster_of(cl, a);
        for (uint32_t u = e->url_begin[i]; rc == CIB_OK &&
                                           u < e->url_begin[i + 1]; u++) {
            uint32_t id = norm->url_key[u];
            if (id == 0 || id >= ns)
                continue;
            if (hit[id] == -2) {
                size_t len;
                const char *s = cib_strings_get(store->strings, id, &len);
                hit[id] = cib_watchlist_match(wl, s, len);
            }
            if (hit[id] < 0)
                continue;
            out->watch_shares++;
            if (!(seen[a] & 1)) {
                seen[a] |= 1;
                out->watch_accounts++;
                if (k)
                    out->clusters[k - 1].watch_accounts++;
            }
            if (k == 0)
                continue;
            out->clusters[k - 1].watch_shares++;
            if (cib_grow((void **)&pairs, &cap, n + 1, sizeof *pairs))
                rc = CIB_ENOMEM;
            else
                pairs[n++] = (uint64_t)k << 32 | (uint64_t)hit[id];
        }
    }
    if (rc == CIB_OK && n > 1)
        qsort(pairs, n, sizeof *pairs, cmp_u64);
    /* per cluster, its (entry, matches) runs, most matched first */
    cib_watch_hit *h = malloc((n ? n : 1) * sizeof *h);
    if (rc == CIB_OK && h == NULL)
        rc = CIB_ENOMEM;
    for (size_t s = 0; rc == CIB_OK && s < n;) {
        uint32_t k = (uint32_t)(pairs[s] >> 32);
        size_t nh = 0;
        while (s < n && (uint32_t)(pairs[s] >> 32) == k) {
            size_t t = s;
            while (t < n && pairs[t] == pairs[s])
                t++;
            h[nh++] = (cib_watch_hit){(uint32_t)pairs[s], t - s};
            s = t;
        }
        qsort(h, nh, sizeof *h, cmp_hit);
        cib_cluster_evidence *c = &out->clusters[k - 1];
        c->n_watch = nh < CIB_EVIDENCE_TOP ? nh : CIB_EVIDENCE_TOP;
        memcpy(c->watch, h, c->n_watch * sizeof *h);
    }
    free(h);
    free(pairs);
    free(hit);
    free(seen);
    return rc;
}

/* ------------------------------------------------------------ public */

int cib_graph_evidence(cib_evidence_set *out, const cib_clustering *cl,
                       const cib_coord_result *coord, const cib_store *store,
                       const cib_norm *norm, const cib_watchlist *wl,
                       cib_error *err)
{
    memset(out, 0, sizeof *out);
    uint32_t nc = cl->n_clusters;
    out->watchlist = wl != NULL;
    out->clusters = calloc(nc ? nc : 1, sizeof *out->clusters);
    cib_trace_evidence *tev =
        malloc(((size_t)nc ? nc : 1) * CIB_TRACE_COUNT * sizeof *tev);
    if (out->clusters == NULL || tev == NULL) {
        free(tev);
        cib_evidence_set_free(out);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    out->n_clusters = nc;
    for (uint32_t k = 0; k < nc; k++)
        out->clusters[k].median_log10_p = NAN;
    int rc = pairs_evidence(out, cl, coord);
    if (rc == CIB_OK && nc)
        rc = cib_coord_evidence(tev, nc, cl->cluster_of, store, norm, coord,
                                err);
    for (uint32_t k = 0; rc == CIB_OK && k < nc; k++) {
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            out->clusters[k].trace[t].co = tev[(size_t)k * CIB_TRACE_COUNT + t];
        score(&out->clusters[k], cl->clusters[k].size);
    }
    free(tev);
    if (rc == CIB_OK)
        rc = domain_evidence(out, cl, store, norm);
    if (rc == CIB_OK)
        rc = watch_evidence(out, cl, store, norm, wl);
    if (rc != CIB_OK) {
        cib_evidence_set_free(out);
        return cib_error_set(err, rc, NULL, 0,
                             "out of memory while gathering evidence");
    }
    return CIB_OK;
}

void cib_evidence_set_free(cib_evidence_set *e)
{
    if (e == NULL)
        return;
    free(e->clusters);
    memset(e, 0, sizeof *e);
}
