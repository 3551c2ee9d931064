/*
 * estimate.c — the coordination window estimated from the data
 * (--window auto).
 *
 * CooRnet's estimate_coord_interval (Giglietto, Righetti, Rossi & Marino
 * 2020, "It takes a village to manipulate the media", Information,
 * Communication & Society 23(6); the R function of the CooRnet package)
 * looks at how fast links spread: per link shared more than once, the
 * time from the first share to the second; the links whose second share
 * came within the q-quantile (q = 0.1) of those times are the quickest
 * ones; for each, the time from the first share until more than p = 50%
 * of its shares were made; the window is the p-quantile (the median) of
 * those times.
 *
 * What is done better here:
 *  - every timed trace's keys count, not only links (reposts of one post
 *    and copies of one text spread the same way);
 *  - a "share" is the first action of each distinct account on the key:
 *    one account acting on a key again is not a second sharer, and in
 *    CooRnet it would shorten the time to the second share to nothing;
 *  - the window is at least the data's time resolution: with times given
 *    to the minute (the IRA files) two actions of the same minute may be
 *    59 s apart, and CooRnet's estimate of 0 s would miss them.
 *
 * Relies on coord.c's records (emit and sort) and libm.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* R's quantile type 7 of sorted x[0..n), n >= 1. */
static double quantile7(const int64_t *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return (double)x[n - 1];
    return (double)x[lo] + (h - (double)lo) * (double)(x[lo + 1] - x[lo]);
}

bool cib_window_coornet(const int64_t *first, const size_t *start,
                        size_t n_keys, double q, double p,
                        cib_window_estimate *est)
{
    est->q = q;
    est->p = p;
    est->keys = est->quick_keys = 0;
    est->coornet_s = 0;
    int64_t *d2 = malloc((n_keys ? n_keys : 1) * sizeof *d2);
    int64_t *dp = malloc((n_keys ? n_keys : 1) * sizeof *dp);
    size_t *which = malloc((n_keys ? n_keys : 1) * sizeof *which);
    bool ok = false;
    if (d2 == NULL || dp == NULL || which == NULL)
        goto done;
    size_t n = 0;
    for (size_t k = 0; k < n_keys; k++) {
        size_t count = start[k + 1] - start[k];
        if (count < 2)
            continue;
        which[n] = k;
        d2[n++] = first[start[k] + 1] - first[start[k]];
    }
    est->keys = n;
    if (n == 0)
        goto done;
    int64_t *sorted = dp; /* borrow dp to sort a copy of d2 */
    memcpy(sorted, d2, n * sizeof *d2);
    qsort(sorted, n, sizeof *sorted, cmp_i64);
    double cut = quantile7(sorted, n, q);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if ((double)d2[i] > cut)
            continue;
        size_t k = which[i], count = start[k + 1] - start[k];
        /* the first rank r (1-based) with r / count > p */
        size_t r = (size_t)floor(p * (double)count) + 1;
        if (r > count)
            r = count;
        d2[m++] = first[start[k] + r - 1] - first[start[k]];
    }
    est->quick_keys = m;
    qsort(d2, m, sizeof *d2, cmp_i64);
    est->coornet_s = (int64_t)ceil(quantile7(d2, m, p));
    ok = true;
done:
    free(d2);
    free(dp);
    free(which);
    return ok;
}

/* The largest of one day, hour, minute or second dividing every time. */
static int64_t resolution(const cib_events *e)
{
    static const int64_t STEPS[] = {86400, 3600, 60};
    for (size_t s = 0; s < sizeof STEPS / sizeof *STEPS; s++) {
        bool all = e->n > 0;
        for (size_t i = 0; i < e->n && all; i++)
            all = e->time[i] % STEPS[s] == 0;
        if (all)
            return STEPS[s];
    }
    return 1;
}

/* Append the first time of each distinct account in every key run of
 * records rec (sorted by key, time order inside) to *first, one list per
 * key.  mark[] (per account) holds the last run that saw the account. */
static int first_actions(const coord_rec *rec, size_t n, const int64_t *time,
                         uint32_t *mark, uint32_t *run, int64_t **first,
                         size_t *n_first, size_t *cap_first, size_t **start,
                         size_t *n_keys, size_t *cap_start)
{
    for (size_t s = 0; s < n; (*run)++) {
        size_t e = s + 1;
        while (e < n && rec[e].key == rec[s].key)
            e++;
        size_t before = *n_first;
        for (size_t i = s; i < e; i++) {
            if (mark[rec[i].account] == *run)
                continue;
            mark[rec[i].account] = *run;
            if (cib_grow((void **)first, cap_first, *n_first + 1,
                         sizeof **first))
                return CIB_ENOMEM;
            (*first)[(*n_first)++] = time[rec[i].ord];
        }
        if (*n_first - before >= 2) {
            if (cib_grow((void **)start, cap_start, *n_keys + 2,
                         sizeof **start))
                return CIB_ENOMEM;
            (*start)[*n_keys] = before;
            (*start)[++*n_keys] = *n_first;
        } else {
            *n_first = before; /* one account: no spread to measure */
        }
        s = e;
    }
    return CIB_OK;
}

int coord_estimate_window(const coord_src *src, const coord_time_order *order,
                          const cib_coord_options *opt,
                          cib_window_estimate *est)
{
    const cib_events *e = &src->store->events;
    memset(est, 0, sizeof *est);
    est->automatic = true;
    est->resolution_s = resolution(e);
    size_t na = src->store->accounts.n;
    uint32_t *mark = malloc((na ? na : 1) * sizeof *mark);
    if (mark == NULL)
        return CIB_ENOMEM;
    memset(mark, 0xff, (na ? na : 1) * sizeof *mark);
    int64_t *first = NULL;
    size_t *start = NULL;
    size_t n_first = 0, cap_first = 0, n_keys = 0, cap_start = 0;
    uint32_t run = 0;
    int rc = CIB_OK;
    for (int t = 0; t < CIB_TRACE_COUNT && rc == CIB_OK; t++) {
        if (!opt->traces[t] || !coord_traces[t].timed)
            continue;
        coord_rec *rec = NULL;
        size_t n = 0;
        uint64_t events = 0;
        rc = coord_emit(src, order, (cib_trace)t, NULL, &rec, &n, &events);
        if (rc == CIB_OK)
            rc = coord_radix_sort(rec, n, false);
        if (rc == CIB_OK)
            rc = first_actions(rec, n, order->time, mark, &run, &first,
                               &n_first, &cap_first, &start, &n_keys,
                               &cap_start);
        free(rec);
    }
    free(mark);
    if (rc == CIB_OK) {
        if (n_keys == 0 && cib_grow((void **)&start, &cap_start, 1,
                                    sizeof *start))
            rc = CIB_ENOMEM;
        else if (n_keys == 0)
            start[0] = 0;
    }
    if (rc == CIB_OK) {
        bool ok = cib_window_coornet(first, start, n_keys, 0.1, 0.5, est);
        if (!ok && n_keys > 0)
            rc = CIB_ENOMEM;
        est->fallback = !ok;
        est->window_s = ok ? est->coornet_s : opt->window_s;
        if (ok && est->window_s < est->resolution_s)
            est->window_s = est->resolution_s;
    }
    free(first);
    free(start);
    return rc;
}
