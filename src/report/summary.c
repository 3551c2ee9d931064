/*
 * summary.c — the per-cluster figures every output is written from:
 * assets by type and platform, followers, events and their span, the
 * cluster's internal pairs per trace, its score, its top domains and its
 * rhythm profile.  Relies on the store, the normalised URL domains, the
 * coord pairs, the clustering and cib_rhythm_profile.
 *
 * Cost: O(pairs + events + URLs·log) — one pass over the kept pairs, one
 * counting sort of the clustered events, a sort of each cluster's domains.
 */
#include "internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

const char *cib_report_str(const cib_report_input *in, uint32_t id)
{
    return cib_strings_get(in->store->strings, id, NULL);
}

char *cib_report_thousands(int64_t v, char *buf, size_t n)
{
    char digits[32];
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int len = snprintf(digits, sizeof digits, "%" PRIu64, u);
    char tmp[48];
    size_t o = 0;
    if (v < 0)
        tmp[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            tmp[o++] = ',';
        tmp[o++] = digits[i];
    }
    tmp[o] = '\0';
    snprintf(buf, n, "%s", tmp);
    return buf;
}

uint32_t cib_report_cluster_of(const cib_report_input *in, uint32_t a)
{
    return cib_clustering_number(in->clusters, a);
}

uint32_t cib_report_publisher_of(const cib_report_input *in, uint32_t a)
{
    return cib_clustering_number(in->publishers, a);
}

/* ------------------------------------------------------------- accounts */

static int add_platform(cib_cluster_summary *c, size_t *cap,
                        uint32_t platform, cib_asset asset)
{
    size_t i = 0;
    while (i < c->n_platforms && c->platforms[i].platform != platform)
        i++;
    if (i == c->n_platforms) {
        if (cib_grow((void **)&c->platforms, cap, i + 1, sizeof *c->platforms))
            return CIB_ENOMEM;
        memset(&c->platforms[i], 0, sizeof c->platforms[i]);
        c->platforms[i].platform = platform;
        c->n_platforms++;
    }
    c->platforms[i].assets[asset]++;
    c->platforms[i].total++;
    return CIB_OK;
}

/* qsort_r comparators get the string pool as context so that ties are
 * broken by name, which keeps output order independent of interning. */
static int cmp_platform(const void *pa, const void *pb, void *ctx)
{
    const cib_platform_count *a = pa, *b = pb;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return strcmp(cib_strings_get(ctx, a->platform, NULL),
                  cib_strings_get(ctx, b->platform, NULL));
}

static int summarise_accounts(cib_cluster_summary *c,
                              const cib_report_input *in)
{
    const cib_accounts *acc = &in->store->accounts;
    size_t cap = 0;
    for (uint32_t i = 0; i < c->cluster->size; i++) {
        uint32_t a = c->cluster->accounts[i];
        if (a >= acc->n)
            continue;
        cib_asset asset = acc->asset[a] < CIB_ASSET_COUNT
                              ? (cib_asset)acc->asset[a] : CIB_ASSET_ACCOUNT;
        c->assets[asset]++;
        if (acc->followers[a] >= 0) {
            c->followers_total += acc->followers[a];
            c->followers_known++;
        }
        if (acc->platform[a] && add_platform(c, &cap, acc->platform[a], asset))
            return CIB_ENOMEM;
    }
    if (c->n_platforms > 1)
        qsort_r(c->platforms, c->n_platforms, sizeof *c->platforms,
                cmp_platform, in->store->strings);
    return CIB_OK;
}

/* ------------------------------------------------------------- pairs */

/* Degree and strength of every account, and each cluster's kept pairs
 * (graph.h cib_cluster_pairs_add).  Returns 0 or CIB_ENOMEM. */
static int summarise_pairs(cib_summary *s, const cib_report_input *in)
{
    if (in->coord == NULL)
        return CIB_OK;
    cib_cluster_pairs *sums =
        calloc(s->n_clusters ? s->n_clusters : 1, sizeof *sums);
    if (sums == NULL)
        return CIB_ENOMEM;
    for (size_t p = 0; p < in->coord->n_pairs; p++) {
        const cib_pair *pr = &in->coord->pairs[p];
        if (pr->a < in->store->accounts.n && pr->b < in->store->accounts.n) {
            s->degree[pr->a]++;
            s->degree[pr->b]++;
            s->strength[pr->a] += pr->total;
            s->strength[pr->b] += pr->total;
        }
        cib_cluster_pairs_add(sums, in->clusters, pr);
    }
    for (uint32_t k = 0; k < s->n_clusters; k++)
        s->clusters[k].pairs = sums[k];
    free(sums);
    return CIB_OK;
}

/* The score, in [0, 1]: internal edge density times cohesion,
 *   density  = internal kept pairs / (size·(size-1)/2)
 *   cohesion = internal weight / (internal weight + weight of kept pairs
 *              with one end outside)
 * so a cluster scores 1 when every two of its accounts co-acted and none
 * co-acted with anyone outside.  A simple stand-in until a statistical
 * score exists; 0 for clusters of fewer than two accounts. */
static double cluster_score(const cib_cluster_summary *c)
{
    double n = c->cluster->size;
    if (n < 2 || c->pairs.internal_weight == 0)
        return 0.0;
    double density = (double)c->pairs.internal_pairs / (n * (n - 1) / 2);
    double cohesion = (double)c->pairs.internal_weight /
                      (double)(c->pairs.internal_weight + c->pairs.cut_weight);
    double score = density * cohesion;
    return score > 1.0 ? 1.0 : score;
}

/* ------------------------------------------------------------- events */

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

static int cmp_domain(const void *pa, const void *pb, void *ctx)
{
    const cib_domain_count *a = pa, *b = pb;
    if (a->shares != b->shares)
        return a->shares > b->shares ? -1 : 1;
    return strcmp(cib_strings_get(ctx, a->domain, NULL),
                  cib_strings_get(ctx, b->domain, NULL));
}

/* Top domains of the events rows[0..n): count each URL's registrable
 * domain, keep the CIB_TOP_DOMAINS most shared. */
static int top_domains(cib_cluster_summary *c, const cib_report_input *in,
                       const uint32_t *rows, size_t n)
{
    const cib_events *e = &in->store->events;
    if (in->norm == NULL || in->norm->url_domain == NULL)
        return CIB_OK;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += e->url_begin[rows[i] + 1] - e->url_begin[rows[i]];
    if (m == 0)
        return CIB_OK;
    uint32_t *ids = malloc(m * sizeof *ids);
    cib_domain_count *runs = malloc(m * sizeof *runs);
    if (ids == NULL || runs == NULL) {
        free(ids);
        free(runs);
        return CIB_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t j = e->url_begin[rows[i]]; j < e->url_begin[rows[i] + 1];
             j++)
            if (in->norm->url_domain[j])
                ids[k++] = in->norm->url_domain[j];
    qsort(ids, k, sizeof *ids, cmp_u32);
    size_t nr = 0;
    for (size_t i = 0; i < k; i++) {
        if (nr && runs[nr - 1].domain == ids[i]) {
            runs[nr - 1].shares++;
        } else {
            runs[nr].domain = ids[i];
            runs[nr].shares = 1;
            nr++;
        }
    }
    qsort_r(runs, nr, sizeof *runs, cmp_domain, in->store->strings);
    c->n_top_domains = nr < CIB_TOP_DOMAINS ? nr : CIB_TOP_DOMAINS;
    memcpy(c->top_domains, runs, c->n_top_domains * sizeof *runs);
    free(ids);
    free(runs);
    return CIB_OK;
}

/* Group the rows of clustered events by cluster (a counting sort) and
 * summarise each cluster's events. */
static int summarise_events(cib_summary *s, const cib_report_input *in,
                            int rhythm, cib_error *err)
{
    const cib_events *e = &in->store->events;
    uint32_t nc = s->n_clusters;
    size_t *start = calloc((size_t)nc + 2, sizeof *start);
    if (start == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < e->n; i++)
        start[cib_report_cluster_of(in, e->account[i]) + 1]++;
    for (uint32_t k = 1; k <= nc + 1; k++)
        start[k] += start[k - 1];
    /* rows of cluster k (1..nc) are rows[start[k] - base ..) */
    size_t base = start[1], total = start[nc + 1] - base;
    uint32_t *rows = malloc((total ? total : 1) * sizeof *rows);
    int64_t *times = malloc((total ? total : 1) * sizeof *times);
    size_t *fill = malloc(((size_t)nc + 1) * sizeof *fill);
    int rc = CIB_OK;
    if (rows == NULL || times == NULL || fill == NULL) {
        rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    for (uint32_t k = 0; k <= nc; k++)
        fill[k] = start[k] - (k ? base : 0);
    for (size_t i = 0; i < e->n; i++) {
        uint32_t k = cib_report_cluster_of(in, e->account[i]);
        if (k)
            rows[fill[k]++] = (uint32_t)i;
    }
    for (uint32_t k = 1; k <= nc && rc == CIB_OK; k++) {
        cib_cluster_summary *c = &s->clusters[k - 1];
        const uint32_t *r = rows + (start[k] - base);
        size_t n = start[k + 1] - start[k];
        c->events = n;
        for (size_t i = 0; i < n; i++) {
            times[i] = e->time[r[i]];
            if (i == 0 || times[i] < c->first)
                c->first = times[i];
            if (i == 0 || times[i] > c->last)
                c->last = times[i];
        }
        if (top_domains(c, in, r, n))
            rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        else if (rhythm != CIB_SUMMARY_NO_RHYTHM) {
            const cib_tzdb *db =
                rhythm == CIB_SUMMARY_FULL_RHYTHM ? in->tzdb : NULL;
            rc = cib_rhythm_profile(&c->rhythm, times, n, db, err);
            c->has_rhythm = rc == CIB_OK;
        }
    }
done:
    free(start);
    free(rows);
    free(times);
    free(fill);
    return rc;
}

/* ------------------------------------------------------------- public */

int cib_summary_build(cib_summary *out, const cib_report_input *in,
                      int rhythm, cib_error *err)
{
    memset(out, 0, sizeof *out);
    size_t na = in->store->accounts.n;
    uint32_t nc = in->clusters ? in->clusters->n_clusters : 0;
    out->degree = calloc(na ? na : 1, sizeof *out->degree);
    out->strength = calloc(na ? na : 1, sizeof *out->strength);
    out->clusters = calloc(nc ? nc : 1, sizeof *out->clusters);
    if (!out->degree || !out->strength || !out->clusters) {
        cib_summary_free(out);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    out->n_clusters = nc;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        out->traces_ran[t] = in->coord && in->coord->trace[t].ran;
    for (uint32_t k = 1; k <= nc; k++) {
        cib_cluster_summary *c = &out->clusters[k - 1];
        c->number = k;
        c->cluster = &in->clusters->clusters[k - 1];
        out->clustered_accounts += c->cluster->size;
        if (summarise_accounts(c, in)) {
            cib_summary_free(out);
            return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        }
    }
    if (summarise_pairs(out, in) != CIB_OK) {
        cib_summary_free(out);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    for (uint32_t k = 0; k < nc; k++)
        out->clusters[k].score =
            in->evidence && k < in->evidence->n_clusters
                ? in->evidence->clusters[k].score /* graph stage's score */
                : cluster_score(&out->clusters[k]);
    int rc = summarise_events(out, in, rhythm, err);
    if (rc) {
        cib_summary_free(out);
        return rc;
    }
    return CIB_OK;
}

void cib_summary_free(cib_summary *s)
{
    if (s->clusters)
        for (uint32_t k = 0; k < s->n_clusters; k++)
            free(s->clusters[k].platforms);
    free(s->clusters);
    free(s->degree);
    free(s->strength);
    memset(s, 0, sizeof *s);
}

int cib_summary_strongest(const cib_summary *s, const cib_cluster_summary *c)
{
    int best = -1;
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        const cib_trace_pairs *ev = &c->pairs.trace[t];
        if (!s->traces_ran[t] || ev->pairs == 0)
            continue;
        if (best < 0 || ev->pairs > c->pairs.trace[best].pairs ||
            (ev->pairs == c->pairs.trace[best].pairs &&
             ev->total_weight > c->pairs.trace[best].total_weight))
            best = t;
    }
    return best;
}
