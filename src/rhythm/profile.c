/*
 * profile.c — cib_rhythm_profile and its variants: bin the events once
 * (bins.c), fill the UTC hour-of-week histogram, span and peak months
 * (timeline.c), and with a tz database infer the zone (zone.c) and read
 * the shift off the local profile (shift.c).  The per-group walk can run
 * on several threads (pthreads); the tz database is read only.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "rhythm_internal.h"

const char *cib_pattern_name(cib_pattern p)
{
    switch (p) {
    case CIB_PATTERN_OFFICE: return "office";
    case CIB_PATTERN_ORGANIC: return "organic";
    case CIB_PATTERN_ROUND_THE_CLOCK: return "round-the-clock";
    default: return "undetermined";
    }
}

const char *cib_weekday_name(int day)
{
    static const char *const names[7] = {"Mon", "Tue", "Wed", "Thu",
                                         "Fri", "Sat", "Sun"};
    return day >= 0 && day < 7 ? names[day] : "?";
}

static void init(cib_rhythm *out)
{
    memset(out, 0, sizeof *out);
    out->utc_offset_hours = NAN;
    out->zone_confidence = NAN;
    out->pattern = CIB_PATTERN_UNDETERMINED;
    out->workday_start_hour = out->workday_end_hour = -1;
    out->lunch_dip = NAN;
    out->night_share = NAN;
    out->runner_up_offset_hours = NAN;
    out->zone_evidence = NAN;
    out->lunch_hour = -1;
    for (int d = 0; d < 7; d++)
        out->day_share[d] = NAN;
}

static int profile(cib_rhythm *out, const int64_t *times, size_t n,
                   const cib_tzdb *db, long forced, cib_error *err)
{
    init(out);
    rh_bins b;
    int rc = rh_bins_build(&b, times, n);
    if (rc == CIB_OK && n > 0) {
        out->events = n;
        out->first = b.first;
        out->last = b.last;
        out->active_hours = b.hours;
        for (size_t p = 0; p < b.n; p++) {
            int64_t qw = rh_floormod(b.bin[p] + 3 * 96, RH_BINS_PER_WEEK);
            out->hour_of_week_utc[qw / 4] += b.count[p];
        }
        rc = rh_peak_months(out, &b);
    }
    if (rc == CIB_OK && db != NULL && db->n > 0 && n >= CIB_RHYTHM_MIN_EVENTS &&
        b.hours >= CIB_RHYTHM_MIN_HOURS) {
        rh_local local;
        bool office_like = false;
        rc = rh_infer_zone(out, &b, db, forced, &local, &office_like);
        if (rc == CIB_OK)
            rh_shift_metrics(out, &local, office_like);
        rh_local_free(&local);
    }
    rh_bins_free(&b);
    if (rc != CIB_OK)
        return cib_error_set(err, rc, NULL, 0, "out of memory profiling %zu events", n);
    return CIB_OK;
}

int cib_rhythm_profile(cib_rhythm *out, const int64_t *times, size_t n,
                       const cib_tzdb *db, cib_error *err)
{
    return profile(out, times, n, db, -1, err);
}

int cib_rhythm_profile_zone(cib_rhythm *out, const int64_t *times, size_t n,
                            const cib_tzdb *db, const char *zone,
                            cib_error *err)
{
    long z = cib_tzdb_find(db, zone);
    if (z < 0) {
        init(out);
        return cib_error_set(err, CIB_EUSAGE, NULL, 0, "unknown time zone '%s'",
                             zone ? zone : "(null)");
    }
    return profile(out, times, n, db, z, err);
}

/* Counting sort of the times by group: the times of group g are
 * (*sorted)[(*start)[g] .. (*start)[g + 1]), in input order.  Returns 0 or
 * CIB_ENOMEM (nothing allocated then). */
static int group_times(size_t n_groups, const int64_t *times,
                       const uint32_t *group_of, size_t n, size_t **start_out,
                       int64_t **sorted_out)
{
    size_t *start = calloc(n_groups + 1, sizeof *start);
    size_t *next = malloc((n_groups ? n_groups : 1) * sizeof *next);
    int64_t *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!start || !next || !sorted) {
        free(start);
        free(next);
        free(sorted);
        return CIB_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (group_of[i] < n_groups)
            start[group_of[i] + 1]++;
    for (size_t g = 0; g < n_groups; g++)
        start[g + 1] += start[g];
    memcpy(next, start, n_groups * sizeof *next);
    for (size_t i = 0; i < n; i++)
        if (group_of[i] < n_groups)
            sorted[next[group_of[i]]++] = times[i];
    free(next);
    *start_out = start;
    *sorted_out = sorted;
    return CIB_OK;
}

int cib_rhythm_each_group(size_t n_groups, const int64_t *times,
                          const uint32_t *group_of, size_t n, const cib_tzdb *db,
                          cib_rhythm_group_fn fn, void *ctx, cib_error *err)
{
    /* counting sort of the times by group, then one profile per group */
    size_t *start = NULL;
    int64_t *sorted = NULL;
    cib_rhythm *r = malloc(sizeof *r);
    int rc = r ? group_times(n_groups, times, group_of, n, &start, &sorted)
               : CIB_ENOMEM;
    if (rc != CIB_OK)
        cib_error_set(err, rc, NULL, 0, "out of memory grouping %zu events", n);
    for (size_t g = 0; rc == CIB_OK && g < n_groups; g++) {
        rc = profile(r, sorted + start[g], start[g + 1] - start[g], db, -1, err);
        if (rc == CIB_OK)
            rc = fn(ctx, g, r);
    }
    free(start);
    free(sorted);
    free(r);
    return rc;
}

/* ------------------------------------------------------------ threads */

/* What the workers of cib_rhythm_each_group_threads share: the grouped
 * times (read only), the next chunk of groups to take, and the first
 * failure.  Groups are handed out in chunks from an atomic counter, so a
 * thread that drew heavy groups does not hold the others up; a group's
 * profile depends on its own times only, so who computes it does not
 * change it. */
#define GROUP_CHUNK 64

typedef struct group_walk {
    size_t n_groups;
    const size_t *start;
    const int64_t *sorted;
    const cib_tzdb *db;
    cib_rhythm_group_fn fn;
    void *ctx;
    atomic_size_t next;
    atomic_int failed;   /* set once any worker fails: the rest stop */
    pthread_mutex_t lock;
    int rc;              /* the failure of the lowest group, under lock */
    size_t rc_group;
    cib_error err;
} group_walk;

static void walk_fail(group_walk *w, size_t g, int rc, const cib_error *err)
{
    pthread_mutex_lock(&w->lock);
    if (w->rc == CIB_OK || g < w->rc_group) {
        w->rc = rc;
        w->rc_group = g;
        w->err = *err;
    }
    pthread_mutex_unlock(&w->lock);
    atomic_store(&w->failed, 1);
}

static void *walk_worker(void *arg)
{
    group_walk *w = arg;
    cib_rhythm *r = malloc(sizeof *r);
    cib_error err = {0};
    if (r == NULL) {
        cib_error_set(&err, CIB_ENOMEM, NULL, 0, "out of memory");
        walk_fail(w, 0, CIB_ENOMEM, &err);
        return NULL;
    }
    while (!atomic_load(&w->failed)) {
        size_t g0 = atomic_fetch_add(&w->next, GROUP_CHUNK);
        if (g0 >= w->n_groups)
            break;
        size_t g1 = g0 + GROUP_CHUNK < w->n_groups ? g0 + GROUP_CHUNK
                                                   : w->n_groups;
        for (size_t g = g0; g < g1; g++) {
            int rc = profile(r, w->sorted + w->start[g],
                             w->start[g + 1] - w->start[g], w->db, -1, &err);
            if (rc == CIB_OK)
                rc = w->fn(w->ctx, g, r);
            if (rc != CIB_OK) {
                walk_fail(w, g, rc, &err);
                break;
            }
        }
    }
    free(r);
    return NULL;
}

int cib_rhythm_each_group_threads(size_t n_groups, const int64_t *times,
                                  const uint32_t *group_of, size_t n,
                                  const cib_tzdb *db, unsigned threads,
                                  cib_rhythm_group_fn fn, void *ctx,
                                  cib_error *err)
{
    if (threads <= 1 || n_groups < 2 * GROUP_CHUNK)
        return cib_rhythm_each_group(n_groups, times, group_of, n, db, fn,
                                     ctx, err);
    if (threads > 64)
        threads = 64;
    size_t *start = NULL;
    int64_t *sorted = NULL;
    int rc = group_times(n_groups, times, group_of, n, &start, &sorted);
    if (rc != CIB_OK)
        return cib_error_set(err, rc, NULL, 0,
                             "out of memory grouping %zu events", n);
    group_walk w = {.n_groups = n_groups, .start = start, .sorted = sorted,
                    .db = db, .fn = fn, .ctx = ctx, .rc = CIB_OK};
    atomic_init(&w.next, 0);
    atomic_init(&w.failed, 0);
    pthread_mutex_init(&w.lock, NULL);
    pthread_t tid[64];
    unsigned started = 0;
    /* the calling thread is one of the workers */
    for (unsigned t = 1; t < threads; t++) {
        if (pthread_create(&tid[started], NULL, walk_worker, &w) != 0)
            break; /* fewer threads: the work is the same */
        started++;
    }
    walk_worker(&w);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&w.lock);
    free(start);
    free(sorted);
    if (w.rc != CIB_OK && err != NULL)
        *err = w.err;
    return w.rc;
}

static int store_group(void *ctx, size_t group, const cib_rhythm *r)
{
    ((cib_rhythm *)ctx)[group] = *r;
    return CIB_OK;
}

int cib_rhythm_profile_groups(cib_rhythm *out, size_t n_groups,
                              const int64_t *times, const uint32_t *group_of,
                              size_t n, const cib_tzdb *db, cib_error *err)
{
    return cib_rhythm_each_group(n_groups, times, group_of, n, db, store_group,
                                 out, err);
}
