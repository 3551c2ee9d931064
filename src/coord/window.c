/*
 * window.c — the sweep every trace shares: from records sorted by key,
 * the account pairs that co-act on each key.
 *
 * Timed traces: inside a key's run (events in time order) event j meets
 * every earlier event i with t_j - t_i <= W (inclusive, as CooRTweet's
 * time_window), kept by a two-pointer window.  Untimed traces: every two
 * distinct accounts of the run meet.
 *
 * Saturation: a key whose run has more than max_window events inside one
 * window (timed) or more than max_window distinct accounts (untimed) is
 * left out and counted.  Such a key is one nearly everybody acted on (a
 * viral link, a carrier's NAT address); its pairs would say nothing about
 * who acts together, yet their number grows with the square of the crowd.
 * A first pass over the run decides saturation before any pair is
 * counted, so a saturated key leaves no trace in the table.  Cost per
 * kept key: O(run + sum over events of the window before them), which
 * the bound caps at run * max_window.
 *
 * The null model's sums (null.c) come from the same pass: every meeting
 * of two actions of different accounts adds to both accounts' crowd (in
 * the other action's stratum when stratified, strata.c).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Events i < j of one run are within the window: t_j - t_i <= W.  Times
 * are sorted, so the difference is taken unsigned to stay defined even
 * for extreme values. */
static bool within(int64_t ti, int64_t tj, int64_t w)
{
    return (uint64_t)tj - (uint64_t)ti <= (uint64_t)w;
}

/* The most events any window of the run [s, e) holds. */
static size_t max_occupancy(const coord_sweep_in *in, size_t s, size_t e)
{
    size_t lo = s, best = 0;
    for (size_t j = s; j < e; j++) {
        int64_t tj = in->time[in->rec[j].ord];
        while (!within(in->time[in->rec[lo].ord], tj, in->window_s))
            lo++;
        if (j - lo + 1 > best)
            best = j - lo + 1;
    }
    return best;
}

/* The null source of the run starting at s (sources.c). */
static uint32_t run_source(const coord_sweep_in *in, size_t s)
{
    return in->stratum_of ? in->stratum_of[(uint32_t)in->rec[s].key]
                          : coord_key_map_get(in->stratum_map, in->rec[s].key);
}

/* Count the pairs of a timed run; *met tells whether any pair met.  Each
 * meeting of two records of different accounts adds one to both
 * accounts' crowd c (null may be NULL).  Stratified, every record's
 * stratum is the run's source and its delay class (coord_stratum); the
 * record is one action of its account there, and its crowd is first
 * counted per delay class of the records it meets in `cls`
 * (COORD_DELAY_CLASSES counters per record of the run) and added to the
 * strata table once per record and class: a burst's meetings grow with
 * the square of its crowd, the table's lookups only with the records. */
static int sweep_timed(const coord_sweep_in *in, size_t s, size_t e,
                       uint32_t run, coord_pairs *pairs, coord_null *null,
                       uint64_t *cls, bool *met)
{
    bool strata = null && null->strata;
    uint8_t *cl = strata ? (uint8_t *)(cls + (e - s) * COORD_DELAY_CLASSES)
                         : NULL;
    uint32_t base = 0; /* stratum of the run's source, class 0 */
    if (strata) {
        uint32_t source = run_source(in, s);
        base = coord_stratum(source, 0, in->window_s);
        int64_t t0 = in->time[in->rec[s].ord];
        memset(cls, 0, (e - s) * COORD_DELAY_CLASSES * sizeof *cls);
        for (size_t j = s; j < e; j++) {
            int64_t tj = in->time[in->rec[j].ord];
            cl[j - s] = (uint8_t)(coord_stratum(source,
                                                (int64_t)((uint64_t)tj -
                                                          (uint64_t)t0),
                                                in->window_s) -
                                  base);
        }
    }
    size_t lo = s;
    for (size_t j = s; j < e; j++) {
        int64_t tj = in->time[in->rec[j].ord];
        while (!within(in->time[in->rec[lo].ord], tj, in->window_s))
            lo++;
        uint32_t b = in->rec[j].account;
        for (size_t i = lo; i < j; i++) {
            uint32_t a = in->rec[i].account;
            if (a == b)
                continue;
            if (coord_pairs_touch(pairs, a, b, run))
                return CIB_ENOMEM;
            if (null) {
                null->c[a]++;
                null->c[b]++;
            }
            /* each account's crowd counts the other's action in the
             * other's stratum: P(a draw from stratum s lands in a's
             * windows) = c_{a,s} / M_s */
            if (strata) {
                cls[(i - s) * COORD_DELAY_CLASSES + cl[j - s]]++;
                cls[(j - s) * COORD_DELAY_CLASSES + cl[i - s]]++;
            }
            *met = true;
        }
    }
    if (!strata)
        return CIB_OK;
    for (size_t j = s; j < e; j++) {
        uint32_t a = in->rec[j].account;
        if (coord_strata_action(null->strata, a, base + cl[j - s]))
            return CIB_ENOMEM;
        for (uint32_t k = 0; k < COORD_DELAY_CLASSES; k++) {
            uint64_t n = cls[(j - s) * COORD_DELAY_CLASSES + k];
            if (n && coord_strata_crowd(null->strata, a, base + k, n))
                return CIB_ENOMEM;
        }
    }
    return CIB_OK;
}

/* The null sums of a timed run: each record's account gets one action
 * (the crowds c, and the strata's sums, were counted by sweep_timed). */
static void null_timed(const coord_sweep_in *in, size_t s, size_t e,
                       coord_null *null)
{
    for (size_t j = s; j < e; j++)
        null->d[in->rec[j].account]++;
    null->m += e - s;
}

/* Distinct accounts of an untimed run (sorted by account) into *acc. */
static int distinct_accounts(const coord_sweep_in *in, size_t s, size_t e,
                             uint32_t **acc, size_t *cap, size_t *d)
{
    *d = 0;
    for (size_t j = s; j < e; j++) {
        uint32_t a = in->rec[j].account;
        if (*d && (*acc)[*d - 1] == a)
            continue;
        if (cib_grow((void **)acc, cap, *d + 1, sizeof **acc))
            return CIB_ENOMEM;
        (*acc)[(*d)++] = a;
    }
    return CIB_OK;
}

int coord_sweep(const coord_sweep_in *in, coord_pairs *pairs,
                coord_null *null, cib_trace_stats *st)
{
    uint32_t *acc = NULL;
    size_t acc_cap = 0;
    uint64_t *cls = NULL;
    size_t cls_bytes = 0;
    size_t bound = in->max_window ? in->max_window : SIZE_MAX;
    uint32_t run = 0;
    int rc = CIB_OK;
    for (size_t s = 0; s < in->n && rc == CIB_OK; run++) {
        size_t e = s + 1;
        while (e < in->n && in->rec[e].key == in->rec[s].key)
            e++;
        st->keys++;
        bool met = false;
        if (in->time) {
            if (max_occupancy(in, s, e) > bound) {
                st->saturated_keys++;
            } else {
                /* per-record class counters and classes (stratified) */
                size_t need = (e - s) * (COORD_DELAY_CLASSES * sizeof *cls + 1);
                if (null && null->strata && need > cls_bytes) {
                    uint64_t *ncls = realloc(cls, need);
                    if (ncls == NULL) {
                        rc = CIB_ENOMEM;
                        break;
                    }
                    cls = ncls;
                    cls_bytes = need;
                }
                rc = sweep_timed(in, s, e, run, pairs, null, cls, &met);
                if (rc == CIB_OK && null)
                    null_timed(in, s, e, null);
                st->actions += e - s;
            }
        } else {
            size_t d;
            rc = distinct_accounts(in, s, e, &acc, &acc_cap, &d);
            if (rc == CIB_OK && d > bound) {
                st->saturated_keys++;
            } else if (rc == CIB_OK) {
                for (size_t i = 0; rc == CIB_OK && i < d; i++)
                    for (size_t j = i + 1; rc == CIB_OK && j < d; j++) {
                        rc = coord_pairs_touch(pairs, acc[i], acc[j], run);
                        met = true;
                    }
                for (size_t i = 0; null && i < d; i++) {
                    null->d[acc[i]]++;
                    null->c[acc[i]] += d - 1;
                }
                if (null)
                    null->m += d;
                st->actions += d;
            }
        }
        if (met)
            st->co_keys++;
        s = e;
    }
    free(acc);
    free(cls);
    return rc;
}
