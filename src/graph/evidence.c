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
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ pairs */

uint32_t cib_cluster_pairs_add(cib_cluster_pairs *sums,
                               const cib_clustering *cl, const cib_pair *pr)
{
    uint32_t ka = cib_clustering_number(cl, pr->a);
    uint32_t kb = cib_clustering_number(cl, pr->b);
    if (ka != kb) {
        if (ka)
            sums[ka - 1].cut_weight += pr->total;
        if (kb)
            sums[kb - 1].cut_weight += pr->total;
        return 0;
    }
    if (ka == 0)
        return 0;
    cib_cluster_pairs *c = &sums[ka - 1];
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
    return ka;
}

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
    /* the sums in one array for cib_cluster_pairs_add, then copied */
    cib_cluster_pairs *sums =
        calloc(out->n_clusters ? out->n_clusters : 1, sizeof *sums);
    if (sums == NULL) {
        free(lp);
        return CIB_ENOMEM;
    }
    for (size_t p = 0; p < coord->n_pairs; p++) {
        const cib_pair *pr = &coord->pairs[p];
        uint32_t ka = cib_cluster_pairs_add(sums, cl, pr);
        if (ka == 0)
            continue;
        lp[n++] = (kp){ka, pr->log10_p};
    }
    for (uint32_t k = 0; k < out->n_clusters; k++)
        out->clusters[k].pairs = sums[k];
    free(sums);
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
    if (n < 2 || c->pairs.internal_pairs == 0) {
        c->score = c->strength = c->density = c->cohesion = 0;
        return;
    }
    double s = -c->median_log10_p / 10;
    c->strength = s < 0 ? 0 : s > 1 ? 1 : s;
    c->density = (double)c->pairs.internal_pairs / (n * (n - 1) / 2);
    if (c->density > 1)
        c->density = 1;
    c->cohesion = (double)c->pairs.internal_weight /
                  (double)(c->pairs.internal_weight + c->pairs.cut_weight);
    c->score = cbrt(c->strength * c->density * c->cohesion);
}

/* ------------------------------------------------------------ domains */

/* Counts by 64-bit key (open addressing; a key is never 0 here: domain
 * string ids and cluster numbers start at 1).  Millions of link shares
 * fall on a few thousand domains: counting them in a small table costs
 * one pass, where sorting the shares cost seconds at ten million events. */
typedef struct cmap {
    uint64_t *key, *count;
    size_t cap, n;
} cmap;

static int cmap_add(cmap *m, uint64_t k)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 1024;
        uint64_t *nk = calloc(nc, sizeof *nk), *nv = calloc(nc, sizeof *nv);
        if (nk == NULL || nv == NULL) {
            free(nk);
            free(nv);
            return CIB_ENOMEM;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (m->key[i] == 0)
                continue;
            uint64_t k = m->key[i];
            size_t j = cib_hash64(&k, sizeof k, 0) & (nc - 1);
            while (nk[j])
                j = (j + 1) & (nc - 1);
            nk[j] = m->key[i];
            nv[j] = m->count[i];
        }
        free(m->key);
        free(m->count);
        m->key = nk;
        m->count = nv;
        m->cap = nc;
    }
    size_t j = cib_hash64(&k, sizeof k, 0) & (m->cap - 1);
    while (m->key[j] && m->key[j] != k)
        j = (j + 1) & (m->cap - 1);
    if (m->key[j] == 0) {
        m->key[j] = k;
        m->n++;
    }
    m->count[j]++;
    return CIB_OK;
}

static uint64_t cmap_get(const cmap *m, uint64_t k)
{
    if (m->cap == 0)
        return 0;
    size_t j = cib_hash64(&k, sizeof k, 0) & (m->cap - 1);
    while (m->key[j]) {
        if (m->key[j] == k)
            return m->count[j];
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

static void cmap_free(cmap *m)
{
    free(m->key);
    free(m->count);
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

typedef struct kc {
    uint64_t key, count;
} kc;

static int cmp_kc(const void *x, const void *y)
{
    const kc *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

static int domain_evidence(cib_evidence_set *out, const cib_clustering *cl,
                           const cib_store *store, const cib_norm *norm)
{
    const cib_events *e = &store->events;
    if (norm == NULL || norm->url_domain == NULL || e->n_urls == 0)
        return CIB_OK;
    cmap all = {0}, mine = {0};
    uint64_t total = 0;
    int rc = CIB_OK;
    for (size_t i = 0; rc == CIB_OK && i < e->n; i++) {
        uint32_t k = cib_clustering_number(cl, e->account[i]);
        for (uint32_t u = e->url_begin[i]; rc == CIB_OK &&
                                           u < e->url_begin[i + 1]; u++) {
            uint32_t d = norm->url_domain[u];
            if (d == 0)
                continue;
            total++;
            rc = cmap_add(&all, d);
            if (rc == CIB_OK && k)
                rc = cmap_add(&mine, (uint64_t)k << 32 | d);
        }
    }
    /* the (cluster, domain) counts in cluster order */
    kc *c = malloc((mine.n ? mine.n : 1) * sizeof *c);
    size_t n = 0;
    if (rc == CIB_OK && c == NULL)
        rc = CIB_ENOMEM;
    for (size_t j = 0; rc == CIB_OK && j < mine.cap; j++)
        if (mine.key[j])
            c[n++] = (kc){mine.key[j], mine.count[j]};
    if (rc == CIB_OK && n > 1)
        qsort(c, n, sizeof *c, cmp_kc);
    dom_ctx ctx = {store->strings};
    for (size_t s = 0; rc == CIB_OK && s < n;) {
        uint32_t k = (uint32_t)(c[s].key >> 32);
        size_t end = s;
        uint64_t links = 0;
        while (end < n && (uint32_t)(c[end].key >> 32) == k)
            links += c[end++].count;
        cib_cluster_evidence *ce = &out->clusters[k - 1];
        ce->links = links;
        cib_domain_lift *l = malloc((end - s) * sizeof *l);
        if (l == NULL) {
            rc = CIB_ENOMEM;
            break;
        }
        for (size_t i = s; i < end; i++) {
            uint32_t d = (uint32_t)c[i].key;
            uint64_t others = cmap_get(&all, d) - c[i].count;
            double share = (double)c[i].count / (double)links;
            double rest = (double)(total - links);
            double os = rest > 0 ? (double)others / rest : 0;
            l[i - s] = (cib_domain_lift){d, c[i].count, share, os,
                                          os > 0 ? share / os : INFINITY};
        }
        qsort_r(l, end - s, sizeof *l, cmp_lift, &ctx);
        ce->n_domains = end - s < CIB_EVIDENCE_TOP ? end - s : CIB_EVIDENCE_TOP;
        memcpy(ce->domains, l, ce->n_domains * sizeof *l);
        free(l);
        s = end;
    }
    free(c);
    cmap_free(&all);
    cmap_free(&mine);
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
        uint32_t a = e->account[i], k = cib_clustering_number(cl, a);
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
        qsort(pairs, n, sizeof *pairs, graph_cmp_u64);
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
