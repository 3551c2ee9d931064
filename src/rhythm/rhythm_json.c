/*
 * rhythm_json.c — a cib_rhythm as JSON (jansson): the one writer of the
 * CONTRACT.md "rhythm" keys, shared by the report (report.json) and the
 * CLI (`cibscan rhythm --json`).  Unknown values are null, never NaN or
 * -1, so scripts can test for them.
 */
#include <math.h>
#include <string.h>

#include "rhythm_internal.h"

/* json_object_set_new with every failure (a NULL value included) folded
 * into one flag. */
static void put(json_t *obj, const char *key, json_t *value, bool *ok)
{
    if (value == NULL || json_object_set_new(obj, key, value) != 0)
        *ok = false;
}

static json_t *real_or_null(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *hour_or_null(int h)
{
    return h >= 0 ? json_integer(h) : json_null();
}

static json_t *counts(const uint64_t *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_integer((json_int_t)v[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *string_list(const char *const *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_string(s[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

int cib_rhythm_json_set(json_t *obj, const cib_rhythm *r, const cib_tzdb *db,
                        cib_error *err)
{
    bool ok = true, zone = r->zone[0] != '\0';
    put(obj, "zone", zone ? json_string(r->zone) : json_null(), &ok);
    put(obj, "utc_offset_hours", zone ? real_or_null(r->utc_offset_hours) : json_null(), &ok);
    put(obj, "zone_confidence", zone ? real_or_null(r->zone_confidence) : json_null(), &ok);
    put(obj, "pattern", json_string(cib_pattern_name(r->pattern)), &ok);
    put(obj, "workday_start_hour", hour_or_null(r->workday_start_hour), &ok);
    put(obj, "workday_end_hour", hour_or_null(r->workday_end_hour), &ok);
    put(obj, "lunch_dip", real_or_null(r->lunch_dip), &ok);
    put(obj, "night_share", real_or_null(r->night_share), &ok);
    const char *rest[7];
    size_t n_rest = 0;
    for (int d = 0; d < 7; d++)
        if (r->rest_day[d])
            rest[n_rest++] = cib_weekday_name(d);
    put(obj, "rest_days", string_list(rest, n_rest), &ok);
    put(obj, "hour_of_week_utc", counts(r->hour_of_week_utc, CIB_HOURS_PER_WEEK), &ok);

    /* beyond the contract */
    put(obj, "dst", zone ? json_boolean(r->dst) : json_null(), &ok);
    const char *eq[CIB_MAX_EQUIV_ZONES];
    size_t n_eq = 0;
    for (unsigned i = 0; db && i < r->n_zones_equivalent && i < CIB_MAX_EQUIV_ZONES; i++) {
        const char *name = cib_tzdb_name(db, r->zones_equivalent[i]);
        if (name)
            eq[n_eq++] = name;
    }
    put(obj, "zones_equivalent", string_list(eq, n_eq), &ok);
    put(obj, "runner_up", r->runner_up[0] ? json_string(r->runner_up) : json_null(), &ok);
    put(obj, "runner_up_offset_hours",
        r->runner_up[0] ? real_or_null(r->runner_up_offset_hours) : json_null(), &ok);
    put(obj, "lunch_hour", hour_or_null(r->lunch_hour), &ok);
    json_t *share = json_array();
    for (int d = 0; share && d < 7; d++)
        if (json_array_append_new(share, real_or_null(r->day_share[d])) != 0) {
            json_decref(share);
            share = NULL;
        }
    put(obj, "day_share", share, &ok);
    put(obj, "hour_of_week_local",
        zone ? counts(r->hour_of_week_local, CIB_HOURS_PER_WEEK) : json_null(), &ok);
    if (!ok)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory writing rhythm JSON");
    return CIB_OK;
}

int cib_rhythm_active_json_set(json_t *obj, const cib_rhythm *r, cib_error *err)
{
    bool ok = true;
    char buf[32];
    put(obj, "first", r->events ? json_string(cib_time_iso(r->first, buf, sizeof buf))
                                : json_null(), &ok);
    put(obj, "last", r->events ? json_string(cib_time_iso(r->last, buf, sizeof buf))
                               : json_null(), &ok);
    const char *peaks[CIB_MAX_PEAK_MONTHS];
    for (unsigned i = 0; i < r->n_peak_months && i < CIB_MAX_PEAK_MONTHS; i++)
        peaks[i] = r->peak_months[i];
    put(obj, "peak_months", string_list(peaks, r->n_peak_months), &ok);
    if (!ok)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory writing rhythm JSON");
    return CIB_OK;
}
