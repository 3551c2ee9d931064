/*
 * profile.c — cib_rhythm_profile and its variants: bin the events once
 * (bins.c), fill the UTC hour-of-week histogram, span and peak months
 * (timeline.c), and with a tz database infer the zone (zone.c) and read
 * the shift off the local profile (shift.c).
 */
#include <math.h>
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

int cib_rhythm_each_group(size_t n_groups, const int64_t *times,
                          const uint32_t *group_of, size_t n, const cib_tzdb *db,
                          cib_rhythm_group_fn fn, void *ctx, cib_error *err)
{
    /* counting sort of the times by group, then one profile per group */
    size_t *start = calloc(n_groups + 1, sizeof *start);
    size_t *next = malloc((n_groups ? n_groups : 1) * sizeof *next);
    int64_t *sorted = malloc((n ? n : 1) * sizeof *sorted);
    cib_rhythm *r = malloc(sizeof *r);
    int rc = start && next && sorted && r ? CIB_OK : CIB_ENOMEM;
    if (rc == CIB_OK) {
        for (size_t i = 0; i < n; i++)
            if (group_of[i] < n_groups)
                start[group_of[i] + 1]++;
        for (size_t g = 0; g < n_groups; g++)
            start[g + 1] += start[g];
        memcpy(next, start, n_groups * sizeof *next);
        for (size_t i = 0; i < n; i++)
            if (group_of[i] < n_groups)
                sorted[next[group_of[i]]++] = times[i];
    } else {
        cib_error_set(err, rc, NULL, 0, "out of memory grouping %zu events", n);
    }
    for (size_t g = 0; rc == CIB_OK && g < n_groups; g++) {
        rc = profile(r, sorted + start[g], start[g + 1] - start[g], db, -1, err);
        if (rc == CIB_OK)
            rc = fn(ctx, g, r);
    }
    free(start);
    free(next);
    free(sorted);
    free(r);
    return rc;
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
