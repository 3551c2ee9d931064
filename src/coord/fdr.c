/*
 * fdr.c — the traces' pair lists merged into tested pairs: each pair's
 * p-value under the null model (null.c), fused over traces, and the
 * Benjamini-Hochberg step over all pairs of accounts.
 *
 * Fusion: a pair's p-value is min over the traces that ran of its
 * p-value on that trace, times their number (Bonferroni).  The traces
 * read the same events (a post's link and its text), so they are not
 * independent; Bonferroni is valid under any dependence, Fisher's
 * combination would not be.
 *
 * False discoveries (Benjamini & Hochberg 1995, "Controlling the false
 * discovery rate", JRSS B 57): the m hypotheses are all N(N-1)/2 pairs of
 * the N accounts that acted on some key, not only the pairs that met —
 * a pair that never met is a hypothesis with p = 1.  Sorted p-values
 * p(1) <= ... : the pairs of ranks 1..i* are kept, i* the largest i with
 * p(i) <= i q / m.  Since i is at most the number of pairs that met (C),
 * a pair with p > C q / m can never be kept, and only the pairs below
 * that bound are sorted.  The q-value of a kept pair is min over j >= i
 * of p(j) m / j, which involves only pairs below the bound.
 *
 * Memory: one record per pair below the bound; the merge itself streams.
 * Both passes run on --threads threads over slices of the pairs (by first
 * account), put back together in order.
 */

#define COORD_MAX_SLICES 64
#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A cursor over a slice of the traces' sorted lists (pairs in
 * [lo, hi)), yielding pairs in order. */
typedef struct cursor {
    size_t pos[CIB_TRACE_COUNT], end[CIB_TRACE_COUNT];
} cursor;

static size_t lower_bound(const coord_pair_list *l, uint64_t key)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->rec[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void cursor_init(cursor *cu, const coord_merge_in *in, uint64_t lo,
                        uint64_t hi)
{
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        cu->pos[t] = lower_bound(&in->list[t], lo);
        cu->end[t] = hi == UINT64_MAX ? in->list[t].n
                                      : lower_bound(&in->list[t], hi);
    }
}

static bool next_pair(const coord_merge_in *in, cursor *cu, uint64_t *pair,
                      uint32_t w[CIB_TRACE_COUNT])
{
    uint64_t next = UINT64_MAX;
    bool any = false;
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        const coord_pair_list *l = &in->list[t];
        if (cu->pos[t] < cu->end[t] && l->rec[cu->pos[t]].key <= next) {
            next = l->rec[cu->pos[t]].key;
            any = true;
        }
    }
    if (!any)
        return false;
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        const coord_pair_list *l = &in->list[t];
        w[t] = 0;
        if (cu->pos[t] < cu->end[t] && l->rec[cu->pos[t]].key == next)
            w[t] = l->rec[cu->pos[t]++].ord;
    }
    *pair = next;
    return true;
}

/* The pair's two conditional expectations on one trace: given a, of b's
 * meetings, and given b, of a's (null.c; per stratum where kept, strata.c);
 * stratified sums stop once both pass `limit` (INFINITY: exact). */
static void lambdas(const coord_null *nl, uint32_t a, uint32_t b,
                    double limit, double *l1, double *l2)
{
    if (nl->strata) {
        coord_strata_lambdas(nl->strata, a, b, limit, l1, l2);
    } else {
        *l1 = cib_null_lambda(nl->d[b], nl->c[a], nl->m);
        *l2 = cib_null_lambda(nl->d[a], nl->c[b], nl->m);
    }
}

/* Natural log of the pair's fused p-value. */
static double pair_log_p(const coord_merge_in *in, uint64_t pair,
                         const uint32_t w[CIB_TRACE_COUNT], unsigned n_ran)
{
    uint32_t a = (uint32_t)(pair >> 32), b = (uint32_t)pair;
    double best = 0.0;
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        if (!in->ran[t] || w[t] == 0)
            continue;
        double l1, l2;
        lambdas(&in->null[t], a, b, INFINITY, &l1, &l2);
        double lp = coord_log_p(w[t], l1, l2);
        if (lp < best)
            best = lp;
    }
    best += log((double)(n_ran ? n_ran : 1));
    return best < 0.0 ? best : 0.0;
}

typedef struct ranked {
    double log_p; /* natural log; for discoveries later the log q-value */
    uint64_t pair;
} ranked;

static int by_p_then_pair(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->log_p != b->log_p)
        return a->log_p < b->log_p ? -1 : 1;
    return (a->pair > b->pair) - (a->pair < b->pair);
}

static int by_pair(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    return (a->pair > b->pair) - (a->pair < b->pair);
}

/* The work of one thread: the pairs whose first account lies in its
 * slice.  Pass 1 collects the pairs that could pass; pass 2 the kept
 * pairs.  Slices are put back together in order, so the result does not
 * depend on the number of threads. */
typedef struct slice {
    const coord_merge_in *in;
    uint64_t lo, hi;  /* pair keys [lo, hi) */
    unsigned n_ran;
    double bound;     /* pass 1: largest log p worth ranking */
    const double *lim; /* pass 1: lambda_limits for that bound */
    const ranked *disc; /* pass 2: the discoveries, sorted by pair */
    size_t n_disc;
    ranked *r;        /* pass 1 result */
    cib_pair *kept;   /* pass 2 result */
    size_t n, cap;
    uint64_t candidates;
    int rc;
} slice;

/* Weights up to this have a precomputed lambda limit (lambda_limits). */
#define LIMIT_WEIGHTS 64

/* lim[x] for x = 1..LIMIT_WEIGHTS: the largest lambda for which a weight
 * of x on one trace can still give the pair a log p-value at most
 * log_bound, i.e. log(2 n_ran) + log P(Poisson(lim) >= x) = log_bound
 * (the tail grows with lambda, so bisection finds it); 0 when not even
 * lambda -> 0 would do. */
static void lambda_limits(double lim[LIMIT_WEIGHTS + 1], double log_bound,
                          unsigned n_ran)
{
    double target = log_bound - log(2.0 * (n_ran ? n_ran : 1));
    lim[0] = 0.0;
    for (uint32_t x = 1; x <= LIMIT_WEIGHTS; x++) {
        double lo = 0.0, hi = 1.0;
        while (cib_poisson_log_sf(x, hi) <= target && hi < 1e12)
            hi *= 2.0;
        for (int it = 0; it < 100; it++) {
            double mid = 0.5 * (lo + hi);
            if (cib_poisson_log_sf(x, mid) <= target)
                lo = mid;
            else
                hi = mid;
        }
        lim[x] = lo;
    }
}

/* Whether the pair's p-value may be at most exp(log_bound): on some trace
 * the smaller of its two lambdas is at most the limit for its weight
 * there (lambda_limits; weights above LIMIT_WEIGHTS are always
 * computed).  The stratified sums stop as soon as both pass the limit,
 * so most pairs, which met once in a crowd, are ruled out after a few
 * strata. */
static bool may_pass(const coord_merge_in *in, uint64_t pair,
                     const uint32_t w[CIB_TRACE_COUNT],
                     const double lim[LIMIT_WEIGHTS + 1])
{
    uint32_t a = (uint32_t)(pair >> 32), b = (uint32_t)pair;
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        if (!in->ran[t] || w[t] == 0)
            continue;
        if (w[t] > LIMIT_WEIGHTS)
            return true;
        double limit = lim[w[t]];
        double l1, l2;
        lambdas(&in->null[t], a, b, limit, &l1, &l2);
        if ((l1 < l2 ? l1 : l2) <= limit)
            return true;
    }
    return false;
}

static void *rank_slice(void *arg)
{
    slice *sl = arg;
    cursor cu;
    cursor_init(&cu, sl->in, sl->lo, sl->hi);
    uint64_t pair;
    uint32_t w[CIB_TRACE_COUNT];
    while (next_pair(sl->in, &cu, &pair, w)) {
        sl->candidates++;
        if (!may_pass(sl->in, pair, w, sl->lim))
            continue;
        double lp = pair_log_p(sl->in, pair, w, sl->n_ran);
        if (lp > sl->bound)
            continue;
        if (cib_grow((void **)&sl->r, &sl->cap, sl->n + 1, sizeof *sl->r)) {
            sl->rc = CIB_ENOMEM;
            return NULL;
        }
        sl->r[sl->n++] = (ranked){lp, pair};
    }
    return NULL;
}

/* Binary search for pair in the sorted discoveries; SIZE_MAX if absent. */
static size_t find_disc(const ranked *d, size_t n, uint64_t pair)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d[mid].pair < pair)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && d[lo].pair == pair ? lo : SIZE_MAX;
}

static void *keep_slice(void *arg)
{
    slice *sl = arg;
    const cib_coord_options *opt = sl->in->opt;
    cursor cu;
    cursor_init(&cu, sl->in, sl->lo, sl->hi);
    uint64_t pair;
    uint32_t w[CIB_TRACE_COUNT];
    while (next_pair(sl->in, &cu, &pair, w)) {
        cib_pair p = {.a = (uint32_t)(pair >> 32), .b = (uint32_t)pair};
        bool plain = false;
        for (int t = 0; t < CIB_TRACE_COUNT; t++) {
            p.weight[t] = w[t];
            p.total += w[t];
            plain |= w[t] >= opt->min_repeat;
        }
        if (!opt->significance && !plain)
            continue;
        size_t d = find_disc(sl->disc, sl->n_disc, pair);
        bool keep = opt->significance
                        ? d != SIZE_MAX && p.total >= opt->min_repeat
                        : plain;
        if (!keep)
            continue;
        double lp = pair_log_p(sl->in, pair, w, sl->n_ran);
        p.log10_p = lp / M_LN10;
        p.p_value = exp(lp);
        p.q_value = d != SIZE_MAX ? exp(sl->disc[d].log_p) : NAN;
        if (cib_grow((void **)&sl->kept, &sl->cap, sl->n + 1,
                     sizeof *sl->kept)) {
            sl->rc = CIB_ENOMEM;
            return NULL;
        }
        sl->kept[sl->n++] = p;
    }
    return NULL;
}

/* Run fn over `threads` slices of the pair keys, split by first account
 * (the calling thread takes the first slice). */
static void run_slices(slice *sl, unsigned threads, void *(*fn)(void *))
{
    pthread_t tid[COORD_MAX_SLICES];
    bool started[COORD_MAX_SLICES] = {false};
    for (unsigned t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, fn, &sl[t]) == 0;
    fn(&sl[0]);
    for (unsigned t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            fn(&sl[t]);
    }
}

static unsigned make_slices(slice *sl, const coord_merge_in *in,
                            unsigned n_ran)
{
    unsigned threads = in->opt->threads ? in->opt->threads : 1;
    if (threads > COORD_MAX_SLICES)
        threads = COORD_MAX_SLICES;
    for (unsigned t = 0; t < threads; t++) {
        uint64_t a0 = (uint64_t)in->n_accounts * t / threads;
        uint64_t a1 = (uint64_t)in->n_accounts * (t + 1) / threads;
        sl[t] = (slice){.in = in, .lo = a0 << 32,
                        .hi = t + 1 == threads ? UINT64_MAX : a1 << 32,
                        .n_ran = n_ran, .rc = CIB_OK};
    }
    return threads;
}

/* Pass 1: every pair's p-value; those that could pass kept in *out,
 * ranked, and cut by Benjamini-Hochberg.  On return (*out)[0..*kept)
 * are the discoveries, sorted by pair, log_p holding their log q-value. */
static int rank_pairs(const coord_merge_in *in, cib_significance *sig,
                      unsigned n_ran, ranked **out, size_t *kept)
{
    *out = NULL;
    *kept = 0;
    size_t upper = 0;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        upper += in->list[t].n;
    double m = sig->hypotheses;
    if (upper == 0 || m <= 0)
        return CIB_OK;
    slice sl[COORD_MAX_SLICES];
    unsigned threads = make_slices(sl, in, n_ran);
    double bound = log((double)upper * sig->fdr / m);
    double lim[LIMIT_WEIGHTS + 1];
    lambda_limits(lim, bound, n_ran);
    for (unsigned t = 0; t < threads; t++) {
        sl[t].bound = bound;
        sl[t].lim = lim;
    }
    run_slices(sl, threads, rank_slice);
    size_t n = 0;
    int rc = CIB_OK;
    for (unsigned t = 0; t < threads; t++) {
        n += sl[t].n;
        sig->candidates += sl[t].candidates;
        if (sl[t].rc != CIB_OK)
            rc = sl[t].rc;
    }
    ranked *r = rc == CIB_OK ? malloc((n ? n : 1) * sizeof *r) : NULL;
    if (rc == CIB_OK && r == NULL)
        rc = CIB_ENOMEM;
    size_t k = 0;
    for (unsigned t = 0; t < threads; t++) {
        if (r && sl[t].n)
            memcpy(r + k, sl[t].r, sl[t].n * sizeof *r);
        k += sl[t].n;
        free(sl[t].r);
    }
    if (rc != CIB_OK) {
        free(r);
        return rc;
    }
    if (n > 1)
        qsort(r, n, sizeof *r, by_p_then_pair);
    double log_m = log(m), log_q = log(sig->fdr);
    size_t cut = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].log_p <= log_q + log((double)(i + 1)) - log_m)
            cut = i + 1;
    sig->discoveries = cut;
    sig->log10_p_cut = cut ? r[cut - 1].log_p / M_LN10 : -INFINITY;
    /* q-values of the discoveries: running minimum from the cut down */
    double run = INFINITY;
    for (size_t i = cut; i-- > 0;) {
        double lq = r[i].log_p + log_m - log((double)(i + 1));
        if (lq < run)
            run = lq;
        r[i].log_p = run < 0.0 ? run : 0.0;
    }
    if (cut > 1)
        qsort(r, cut, sizeof *r, by_pair);
    *out = r;
    *kept = cut;
    return CIB_OK;
}

/* Accounts with an action on some trace that ran. */
static uint64_t active_accounts(const coord_merge_in *in)
{
    uint64_t n = 0;
    for (uint32_t a = 0; a < in->n_accounts; a++) {
        bool any = false;
        for (int t = 0; t < CIB_TRACE_COUNT && !any; t++)
            any = in->ran[t] && in->null[t].d && in->null[t].d[a] > 0;
        n += any;
    }
    return n;
}

int coord_merge(cib_coord_result *out, const coord_merge_in *in)
{
    cib_significance *sig = &out->significance;
    const cib_coord_options *opt = in->opt;
    memset(sig, 0, sizeof *sig);
    sig->applied = opt->significance;
    sig->fdr = opt->fdr;
    sig->log10_p_cut = -INFINITY;
    unsigned n_ran = 0;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        n_ran += in->ran[t];
    sig->traces = n_ran;
    sig->accounts = active_accounts(in);
    sig->hypotheses = (double)sig->accounts * ((double)sig->accounts - 1) / 2;

    ranked *disc;
    size_t n_disc;
    int rc = rank_pairs(in, sig, n_ran, &disc, &n_disc);
    if (rc != CIB_OK)
        return rc;

    slice sl[COORD_MAX_SLICES];
    unsigned threads = make_slices(sl, in, n_ran);
    for (unsigned t = 0; t < threads; t++) {
        sl[t].disc = disc;
        sl[t].n_disc = n_disc;
    }
    run_slices(sl, threads, keep_slice);
    size_t n = 0;
    for (unsigned t = 0; t < threads; t++) {
        n += sl[t].n;
        if (sl[t].rc != CIB_OK)
            rc = sl[t].rc;
    }
    out->pairs = rc == CIB_OK ? malloc((n ? n : 1) * sizeof *out->pairs)
                              : NULL;
    if (rc == CIB_OK && out->pairs == NULL)
        rc = CIB_ENOMEM;
    for (unsigned t = 0; t < threads; t++) {
        if (out->pairs && sl[t].n)
            memcpy(out->pairs + out->n_pairs, sl[t].kept,
                   sl[t].n * sizeof *out->pairs);
        out->n_pairs += out->pairs ? sl[t].n : 0;
        free(sl[t].kept);
    }
    free(disc);
    return rc;
}
