/*
 * profile.c — cib_profiles_build: the cluster profile of profile.h.
 * Relies on the summary (clusters, rhythm), the store (accounts, texts,
 * hashtags, URLs), the normalised keys (folded hashtags, URL domains),
 * the rhythm stage's time-zone database, logodds.c and profile_items.c
 * (the items of many events, on the run's --threads).
 *
 * Items are counted once per event (an event that says "vote" three times
 * counts one): a post is the unit an operator produces, and repeating a
 * word inside one post should not make it distinctive.
 */
#include "profile.h"
#include "profile_items.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUARTER 900     /* seconds per bin of the population histogram */
#define MAX_BINS 4000000 /* about 114 years of quarter hours */


static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

static int cmp_i64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

static double median(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ------------------------------------------------------------ grouping */

static int group_rows(cib_profiles *p, const cib_report_input *in)
{
    const cib_events *e = &in->store->events;
    uint32_t nc = p->n_clusters;
    p->row_start = calloc((size_t)nc + 2, sizeof *p->row_start);
    p->pair_start = calloc((size_t)nc + 2, sizeof *p->pair_start);
    if (!p->row_start || !p->pair_start)
        return CIB_ENOMEM;
    /* counts shifted by one so that the prefix sum gives starts */
    for (size_t i = 0; i < e->n; i++) {
        uint32_t k = cib_report_cluster_of(in, e->account[i]);
        if (k)
            p->row_start[k]++;
    }
    size_t np = in->coord ? in->coord->n_pairs : 0;
    for (size_t i = 0; i < np; i++) {
        const cib_pair *pr = &in->coord->pairs[i];
        uint32_t k = cib_report_cluster_of(in, pr->a);
        if (k && k == cib_report_cluster_of(in, pr->b))
            p->pair_start[k]++;
    }
    for (uint32_t k = 1; k <= nc; k++) {
        p->row_start[k] += p->row_start[k - 1];
        p->pair_start[k] += p->pair_start[k - 1];
    }
    p->rows = malloc((p->row_start[nc] + 1) * sizeof *p->rows);
    p->pair_idx = malloc((p->pair_start[nc] + 1) * sizeof *p->pair_idx);
    size_t *fill = malloc(((size_t)nc + 1) * sizeof *fill);
    if (!p->rows || !p->pair_idx || !fill) {
        free(fill);
        return CIB_ENOMEM;
    }
    for (uint32_t k = 0; k < nc; k++)
        fill[k] = p->row_start[k];
    for (size_t i = 0; i < e->n; i++) {
        uint32_t k = cib_report_cluster_of(in, e->account[i]);
        if (k)
            p->rows[fill[k - 1]++] = (uint32_t)i;
    }
    for (uint32_t k = 0; k < nc; k++)
        fill[k] = p->pair_start[k];
    for (size_t i = 0; i < np; i++) {
        const cib_pair *pr = &in->coord->pairs[i];
        uint32_t k = cib_report_cluster_of(in, pr->a);
        if (k && k == cib_report_cluster_of(in, pr->b))
            p->pair_idx[fill[k - 1]++] = i;
    }
    free(fill);
    return CIB_OK;
}

/* ------------------------------------------------------------ audience */

static double per_follower(const cib_accounts *acc, uint32_t a)
{
    double f = acc->followers[a] > 0 ? (double)acc->followers[a] : 1.0;
    return (double)acc->n_events[a] / f;
}

static int audience(cib_profiles *p, const cib_report_input *in,
                    const cib_summary *s)
{
    const cib_accounts *acc = &in->store->accounts;
    double *v = malloc((acc->n + 1) * sizeof *v);
    if (v == NULL)
        return CIB_ENOMEM;
    size_t n = 0;
    for (size_t a = 0; a < acc->n; a++)
        if (acc->followers[a] >= 0)
            v[n++] = per_follower(acc, (uint32_t)a);
    p->population_audience_accounts = (uint32_t)n;
    p->population_events_per_follower = median(v, n);
    for (uint32_t k = 0; k < p->n_clusters; k++) {
        const cib_cluster *cl = s->clusters[k].cluster;
        cib_cluster_profile *cp = &p->clusters[k];
        n = 0;
        for (uint32_t i = 0; i < cl->size; i++) {
            uint32_t a = cl->accounts[i];
            if (a < acc->n && acc->followers[a] >= 0)
                v[n++] = per_follower(acc, a);
        }
        cp->audience_accounts = (uint32_t)n;
        cp->events_per_follower = median(v, n);
        double pop = p->population_events_per_follower;
        cp->audience_ratio = n && pop > 0 ? cp->events_per_follower / pop : NAN;
    }
    free(v);
    return CIB_OK;
}

/* ------------------------------------------------------------ creation */

/* Month number (year * 12 + month - 1) of Unix time t, UTC. */
static int64_t month_of(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL)
        return INT64_MIN;
    return ((int64_t)tm.tm_year + 1900) * 12 + tm.tm_mon;
}

/* P(X >= k) for X ~ Binomial(n, q), summed term by term in logs. */
static double binomial_tail(uint32_t k, uint32_t n, double q)
{
    if (k == 0)
        return 1.0;
    if (q <= 0)
        return 0.0;
    if (q >= 1)
        return 1.0;
    double sum = 0, lq = log(q), l1q = log1p(-q);
    for (uint32_t j = k; j <= n; j++)
        sum += exp(lgamma(n + 1.0) - lgamma(j + 1.0) - lgamma(n - j + 1.0) +
                   j * lq + (n - j) * l1q);
    return sum > 1 ? 1 : sum;
}

/* Count of v[0..n) (sorted) equal to x. */
static size_t count_equal(const int64_t *v, size_t n, int64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x) lo = mid + 1; else hi = mid;
    }
    size_t c = 0;
    while (lo + c < n && v[lo + c] == x)
        c++;
    return c;
}

static int creation(cib_profiles *p, const cib_report_input *in,
                    const cib_summary *s)
{
    const cib_accounts *acc = &in->store->accounts;
    int64_t *pop = malloc((acc->n + 1) * sizeof *pop);
    int64_t *mine = malloc((acc->n + 1) * sizeof *mine);
    if (!pop || !mine) {
        free(pop);
        free(mine);
        return CIB_ENOMEM;
    }
    size_t np = 0;
    for (size_t a = 0; a < acc->n; a++)
        if (acc->created[a] != CIB_UNKNOWN_TIME &&
            (pop[np] = month_of(acc->created[a])) != INT64_MIN)
            np++;
    qsort(pop, np, sizeof *pop, cmp_i64);
    size_t months = 0;
    for (size_t i = 0; i < np; i++)
        months += i == 0 || pop[i] != pop[i - 1];
    p->population_created_known = (uint32_t)np;
    for (uint32_t k = 0; k < p->n_clusters; k++) {
        const cib_cluster *cl = s->clusters[k].cluster;
        cib_cluster_profile *cp = &p->clusters[k];
        size_t n = 0;
        for (uint32_t i = 0; i < cl->size; i++) {
            uint32_t a = cl->accounts[i];
            if (a < acc->n && acc->created[a] != CIB_UNKNOWN_TIME &&
                (mine[n] = month_of(acc->created[a])) != INT64_MIN)
                n++;
        }
        cp->created_known = (uint32_t)n;
        cp->busiest_share = cp->population_share = cp->batch_p = NAN;
        if (n == 0)
            continue;
        qsort(mine, n, sizeof *mine, cmp_i64);
        int64_t best = mine[0];
        size_t best_n = 0;
        for (size_t i = 0, run = 0; i < n; i++) {
            run = i && mine[i] == mine[i - 1] ? run + 1 : 1;
            if (run > best_n) { /* earliest month wins ties */
                best_n = run;
                best = mine[i];
            }
        }
        int64_t y = best >= 0 ? best / 12 : -((-best + 11) / 12);
        snprintf(cp->busiest_month, sizeof cp->busiest_month,
                 "%04d-%02d", (int)y, (int)(best - y * 12 + 1));
        cp->busiest_count = (uint32_t)best_n;
        cp->busiest_share = (double)best_n / (double)n;
        cp->population_share = (double)count_equal(pop, np, best) / (double)np;
        double tail = binomial_tail((uint32_t)best_n, (uint32_t)n,
                                    cp->population_share);
        double b = tail * (double)(months ? months : 1);
        cp->batch_p = b > 1 ? 1 : b;
    }
    free(pop);
    free(mine);
    return CIB_OK;
}

/* ------------------------------------------------------------ vocabulary */

/* Everyone's counts: events per item per vocabulary, and the totals. */
typedef struct vocab_counts {
    uint64_t *count[CIB_VOCAB_COUNT]; /* by item id */
    size_t cap[CIB_VOCAB_COUNT];
    uint64_t total[CIB_VOCAB_COUNT];
    uint64_t weight; /* each counted event stands for this many */
} vocab_counts;

/* Everyone's counts come from at most this many events: beyond, every
 * k-th event is counted k times (a regular sample of the input order),
 * so that the profile of ten million events does not cost a minute.
 * The clusters' own counts are always complete. */
#define BACKGROUND_EVENTS 2000000

static int count_event(void *ctx, size_t pos, const cib_item_ref *items,
                       size_t n)
{
    vocab_counts *vc = ctx;
    (void)pos;
    uint64_t k = vc->weight;
    for (size_t j = 0; j < n; j++) {
        uint32_t v = items[j].vocab, id = items[j].id;
        if (id >= vc->cap[v]) {
            size_t old = vc->cap[v];
            if (cib_grow((void **)&vc->count[v], &vc->cap[v],
                         (size_t)id + 1, sizeof *vc->count[v]))
                return CIB_ENOMEM;
            memset(vc->count[v] + old, 0,
                   (vc->cap[v] - old) * sizeof *vc->count[v]);
        }
        vc->count[v][id] += k;
        vc->total[v] += k;
    }
    return CIB_OK;
}

static int count_all(vocab_counts *vc, cib_strings *pool,
                     const cib_report_input *in, unsigned threads)
{
    const cib_events *e = &in->store->events;
    size_t k = e->n > BACKGROUND_EVENTS
                   ? (e->n + BACKGROUND_EVENTS - 1) / BACKGROUND_EVENTS : 1;
    vc->weight = k;
    /* events 0, k, 2k, ... */
    return cib_items_walk(pool, in, NULL, k, (e->n + k - 1) / k, threads,
                          count_event, vc);
}

static int cmp_distinct(const void *pa, const void *pb)
{
    const cib_distinct *a = pa, *b = pb;
    if (a->z != b->z)
        return a->z > b->z ? -1 : 1;
    return (a->item > b->item) - (a->item < b->item);
}

/* Score the sorted, counted items of one cluster; keep the top ones. */
static void score_cluster(cib_cluster_profile *cp, const vocab_counts *vc,
                          const cib_item_ref *items, const uint64_t *counts,
                          size_t n)
{
    uint64_t n_i[CIB_VOCAB_COUNT] = {0};
    for (size_t j = 0; j < n; j++)
        n_i[items[j].vocab] += counts[j];
    for (size_t j = 0; j < n; j++) {
        uint32_t v = items[j].vocab;
        double y_i = (double)counts[j];
        /* with a sampled background an item may be missing from it, or
         * counted less than the cluster alone uses it */
        double all = items[j].id < vc->cap[v]
                         ? (double)vc->count[v][items[j].id] : 0;
        double rest = all > y_i ? all - y_i : 0;
        double n_j = (double)vc->total[v] > (double)n_i[v]
                         ? (double)vc->total[v] - (double)n_i[v] : 0;
        double delta;
        double z = cib_logodds_z(y_i, (double)n_i[v], rest, n_j,
                                 CIB_LOGODDS_ALPHA0, &delta);
        if (counts[j] < 2 || !(z >= 1.96))
            continue;
        cib_distinct d = {.item = items[j].id, .count = counts[j],
                          .rest = (uint64_t)rest, .delta = delta,
                          .z = z};
        size_t *m = &cp->n_top[v];
        cib_distinct *top = cp->top[v];
        if (*m < CIB_PROFILE_TOP) {
            top[(*m)++] = d;
        } else if (cmp_distinct(&d, &top[CIB_PROFILE_TOP - 1]) < 0) {
            top[CIB_PROFILE_TOP - 1] = d;
        } else {
            continue;
        }
        qsort(top, *m, sizeof *top, cmp_distinct);
    }
}

/* The clusters' items, gathered along one walk over every clustered
 * row (cluster by cluster, p->rows order); a cluster is scored when the
 * walk leaves it. */
typedef struct cluster_walk {
    cib_profiles *p;
    const vocab_counts *vc;
    uint32_t k;          /* the cluster whose rows come now */
    cib_item_ref *items; /* its items so far */
    size_t n, cap_items;
    uint64_t *counts;
    size_t cap_counts;
} cluster_walk;

/* Sort items by (vocabulary, id) as cib_item_cmp orders them with the
 * shared LSD radix sort (cib_radix_sort), since a big cluster gathers
 * millions of items and qsort's comparisons were the profile's largest
 * sort.  Equal items are identical, so the result is qsort's to the byte.
 * qsort sorts fewer than 16 items, where it is the quicker (measured:
 * 0.09 against 0.18 us at 8 items, 0.25 against 0.23 at 16, 56 against
 * 7 at 1,023), and any number when there is no memory for the radix
 * sort's buffer. */
static void sort_items(cib_item_ref *v, size_t n)
{
    static const cib_radix_field by[2] = {
        {offsetof(cib_item_ref, vocab), 4, 0},
        {offsetof(cib_item_ref, id), 4, 0}};
    if (n < 16 || cib_radix_sort(v, n, sizeof *v, by, 2) != CIB_OK)
        qsort(v, n, sizeof *v, cib_item_cmp);
}

/* Count and score the items gathered for cluster w->k, then move on. */
static int finish_cluster(cluster_walk *w)
{
    cib_cluster_profile *cp = &w->p->clusters[w->k++];
    size_t n = w->n;
    w->n = 0;
    if (n == 0)
        return CIB_OK;
    sort_items(w->items, n);
    if (cib_grow((void **)&w->counts, &w->cap_counts, n, sizeof *w->counts))
        return CIB_ENOMEM;
    cib_item_ref *items = w->items;
    size_t m = 0;
    for (size_t j = 0; j < n; j++) {
        if (m && cib_item_cmp(&items[j], &items[m - 1]) == 0) {
            w->counts[m - 1]++;
        } else {
            items[m] = items[j];
            w->counts[m++] = 1;
        }
    }
    score_cluster(cp, w->vc, items, w->counts, m);
    return CIB_OK;
}

static int cluster_event(void *ctx, size_t pos, const cib_item_ref *items,
                         size_t n)
{
    cluster_walk *w = ctx;
    int rc = CIB_OK;
    while (rc == CIB_OK && pos >= w->p->row_start[w->k + 1])
        rc = finish_cluster(w);
    if (rc != CIB_OK)
        return rc;
    if (cib_grow((void **)&w->items, &w->cap_items, w->n + n + 1,
                 sizeof *w->items))
        return CIB_ENOMEM;
    bool seen[CIB_VOCAB_COUNT] = {false};
    for (size_t j = 0; j < n; j++) {
        w->items[w->n++] = items[j];
        seen[items[j].vocab] = true;
    }
    cib_cluster_profile *cp = &w->p->clusters[w->k];
    for (int v = 0; v < CIB_VOCAB_COUNT; v++)
        cp->vocab_events[v] += seen[v];
    return CIB_OK;
}

static int distinctive(cib_profiles *p, const cib_report_input *in)
{
    /* as many threads as the run's --threads (profile_items.c: the same
     * ids, so the same profile, whatever the number) */
    unsigned threads = in->run.coord ? in->run.coord->threads : 1;
    vocab_counts vc = {0};
    int rc = count_all(&vc, p->items, in, threads);
    cluster_walk w = {.p = p, .vc = &vc};
    if (rc == CIB_OK && p->n_clusters > 0)
        rc = cib_items_walk(p->items, in, p->rows, 0,
                            p->row_start[p->n_clusters], threads,
                            cluster_event, &w);
    while (rc == CIB_OK && w.k < p->n_clusters)
        rc = finish_cluster(&w);
    for (int v = 0; v < CIB_VOCAB_COUNT; v++)
        free(vc.count[v]);
    free(w.items);
    free(w.counts);
    return rc;
}

/* ------------------------------------------------------------ samples */

static int cmp_sample(const void *pa, const void *pb)
{
    const cib_sample_text *a = pa, *b = pb;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return (a->text > b->text) - (a->text < b->text);
}

/* The cluster's most repeated texts: repetition is what coordination
 * looks like in a feed. */
static int samples(cib_profiles *p, const cib_report_input *in)
{
    const cib_events *e = &in->store->events;
    size_t most = 0;
    for (uint32_t k = 0; k < p->n_clusters; k++)
        if (p->row_start[k + 1] - p->row_start[k] > most)
            most = p->row_start[k + 1] - p->row_start[k];
    uint32_t *texts = malloc((most + 1) * sizeof *texts);
    if (texts == NULL)
        return CIB_ENOMEM;
    for (uint32_t k = 0; k < p->n_clusters && e->text; k++) {
        cib_cluster_profile *cp = &p->clusters[k];
        size_t n = 0;
        for (size_t r = p->row_start[k]; r < p->row_start[k + 1]; r++)
            if (e->text[p->rows[r]])
                texts[n++] = e->text[p->rows[r]];
        qsort(texts, n, sizeof *texts, cmp_u32);
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && texts[j] == texts[i])
                j++;
            cib_sample_text st = {texts[i], j - i};
            if (cp->n_samples < CIB_PROFILE_SAMPLES) {
                cp->samples[cp->n_samples++] = st;
            } else if (cmp_sample(&st, &cp->samples[CIB_PROFILE_SAMPLES - 1]) <
                       0) {
                cp->samples[CIB_PROFILE_SAMPLES - 1] = st;
            } else {
                i = j;
                continue;
            }
            qsort(cp->samples, cp->n_samples, sizeof *cp->samples,
                  cmp_sample);
            i = j;
        }
    }
    free(texts);
    return CIB_OK;
}

/* ------------------------------------------------------------ daily curve */

/* The population's events in quarter-hour bins from `*t0`; NULL with
 * *nbins 0 when there are no events or the span is absurd. */
static uint32_t *population_bins(const cib_report_input *in, int64_t *t0,
                                 size_t *nbins, int *rc)
{
    int64_t first, last;
    *nbins = 0;
    *rc = CIB_OK;
    if (!cib_store_span(in->store, &first, &last))
        return NULL;
    int64_t f = first - ((first % QUARTER) + QUARTER) % QUARTER;
    if ((last - f) / QUARTER >= MAX_BINS)
        return NULL;
    size_t n = (size_t)((last - f) / QUARTER) + 1;
    uint32_t *bins = calloc(n, sizeof *bins);
    if (bins == NULL) {
        *rc = CIB_ENOMEM;
        return NULL;
    }
    const cib_events *e = &in->store->events;
    for (size_t i = 0; i < e->n; i++)
        bins[(e->time[i] - f) / QUARTER]++;
    *t0 = f;
    *nbins = n;
    return bins;
}

/* Share of the population's events per local hour of day in zone `z`
 * (-1: UTC). */
static void day_curve(double out[24], const uint32_t *bins, size_t n,
                      int64_t t0, const cib_tzdb *db, long z)
{
    double c[24] = {0}, total = 0;
    int32_t off = 0;
    for (size_t b = 0; b < n; b++) {
        if (bins[b] == 0)
            continue;
        int64_t t = t0 + (int64_t)b * QUARTER;
        if (z >= 0 && cib_tzdb_offset(db, (size_t)z, t, &off, NULL) != CIB_OK)
            off = 0;
        int64_t local = t + off;
        int h = (int)((((local % 86400) + 86400) % 86400) / 3600);
        c[h] += bins[b];
        total += bins[b];
    }
    for (int h = 0; h < 24; h++)
        out[h] = total > 0 ? c[h] / total : 0;
}

static int population_days(cib_profiles *p, const cib_report_input *in,
                           const cib_summary *s)
{
    int64_t t0 = 0;
    size_t n;
    int rc;
    uint32_t *bins = population_bins(in, &t0, &n, &rc);
    if (bins == NULL)
        return rc;
    for (uint32_t k = 0; k < p->n_clusters; k++) {
        const cib_cluster_summary *c = &s->clusters[k];
        cib_cluster_profile *cp = &p->clusters[k];
        long z = -1;
        if (c->has_rhythm && c->rhythm.zone[0] && in->tzdb)
            z = cib_tzdb_find(in->tzdb, c->rhythm.zone);
        /* the same zone as an earlier cluster: copy its curve */
        uint32_t j = 0;
        for (; j < k; j++) {
            const cib_cluster_summary *o = &s->clusters[j];
            bool same = z < 0 ? !(o->has_rhythm && o->rhythm.zone[0])
                              : o->has_rhythm &&
                                    strcmp(o->rhythm.zone, c->rhythm.zone) == 0;
            if (same && p->clusters[j].has_population_day)
                break;
        }
        if (j < k)
            memcpy(cp->population_day, p->clusters[j].population_day,
                   sizeof cp->population_day);
        else
            day_curve(cp->population_day, bins, n, t0, in->tzdb, z);
        cp->has_population_day = true;
    }
    free(bins);
    return CIB_OK;
}

/* ------------------------------------------------------------ public */

int cib_profiles_build(cib_profiles **out, const cib_report_input *in,
                       const cib_summary *s, cib_error *err)
{
    cib_profiles *p = calloc(1, sizeof *p);
    *out = NULL;
    if (p == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    p->n_clusters = s->n_clusters;
    p->clusters = calloc(s->n_clusters + 1, sizeof *p->clusters);
    p->items = cib_strings_new();
    int rc = p->clusters && p->items ? CIB_OK : CIB_ENOMEM;
    if (rc == CIB_OK)
        rc = group_rows(p, in);
    if (rc == CIB_OK)
        rc = audience(p, in, s);
    if (rc == CIB_OK)
        rc = creation(p, in, s);
    if (rc == CIB_OK)
        rc = distinctive(p, in);
    if (rc == CIB_OK)
        rc = samples(p, in);
    if (rc == CIB_OK)
        rc = population_days(p, in, s);
    if (rc != CIB_OK) {
        cib_profiles_free(p);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0,
                             "out of memory profiling clusters");
    }
    *out = p;
    return CIB_OK;
}

void cib_profiles_free(cib_profiles *p)
{
    if (p == NULL)
        return;
    free(p->clusters);
    cib_strings_free(p->items);
    free(p->rows);
    free(p->row_start);
    free(p->pair_idx);
    free(p->pair_start);
    free(p);
}
