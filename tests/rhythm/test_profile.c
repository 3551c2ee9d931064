/*
 * test_profile.c — the parts of a rhythm profile that need no time-zone
 * inference (UTC hour of week, span, monthly timeline, peak months), and
 * the JSON and text writers.  Expected values are counted by hand from
 * the planted events in each test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rhythm/rhythm.h"
#include "synth_events.h"

#define MONDAY_1970_01_05 INT64_C(345600)
#define DAY INT64_C(86400)

static void test_hour_of_week_utc(void **state)
{
    (void)state;
    /* 1970-01-01 00:00 UTC was a Thursday: Monday-first index 3 * 24 = 72;
     * one second before it is Wednesday 23:00 (71); Monday 1970-01-05
     * 00:00 is 0 and the last second of that week 167. */
    int64_t t[] = {0, -1, MONDAY_1970_01_05, MONDAY_1970_01_05 + 7 * DAY - 1,
                   MONDAY_1970_01_05 + 7 * DAY + 3600 * 5 + 59};
    cib_rhythm r;
    cib_error err;
    assert_int_equal(cib_rhythm_profile(&r, t, 5, NULL, &err), 0);
    assert_int_equal(r.events, 5);
    assert_int_equal(r.first, -1);
    assert_int_equal(r.last, MONDAY_1970_01_05 + 7 * DAY + 3600 * 5 + 59);
    assert_int_equal(r.hour_of_week_utc[72], 1);
    assert_int_equal(r.hour_of_week_utc[71], 1);
    assert_int_equal(r.hour_of_week_utc[0], 1);
    assert_int_equal(r.hour_of_week_utc[167], 1);
    assert_int_equal(r.hour_of_week_utc[5], 1);
    uint64_t sum = 0;
    for (int i = 0; i < CIB_HOURS_PER_WEEK; i++)
        sum += r.hour_of_week_utc[i];
    assert_int_equal(sum, 5);
    /* five events over five distinct hours */
    assert_int_equal(r.active_hours, 5);
    /* no database: nothing local */
    assert_string_equal(r.zone, "");
    assert_int_equal(r.pattern, CIB_PATTERN_UNDETERMINED);
    assert_true(isnan(r.utc_offset_hours));
}

static void test_empty(void **state)
{
    (void)state;
    cib_rhythm r;
    cib_error err;
    assert_int_equal(cib_rhythm_profile(&r, NULL, 0, NULL, &err), 0);
    assert_int_equal(r.events, 0);
    assert_int_equal(r.first, 0);
    assert_int_equal(r.last, 0);
    assert_int_equal(r.n_peak_months, 0);
    cib_timeline *tl;
    assert_int_equal(cib_timeline_new(&tl, NULL, 0, &err), 0);
    assert_int_equal(tl->n_months, 0);
    cib_timeline_free(tl);
}

/* Unix seconds of the 15th of month m (1..12) of 2020, noon UTC, plus k
 * minutes. */
static int64_t mid_month(int m, int k)
{
    static const int days_before[12] = {0, 31, 60, 91, 121, 152, 182, 213, 244,
                                        274, 305, 335}; /* 2020 is leap */
    return INT64_C(1577836800) + (days_before[m - 1] + 14) * DAY + 12 * 3600 + k * 60;
}

static void test_timeline_and_peaks(void **state)
{
    (void)state;
    /* 2020, events per month: 10 12 9 11 10 50 10 9 12 11 10 30.
     * Median 10.5, absolute deviations' median (MAD) 1.0; June's modified
     * z = 0.6745 * 39.5 = 26.6 and December's 13.2 pass 3.5 and twice the
     * median; 12 (z 1.0) does not. */
    const int per[12] = {10, 12, 9, 11, 10, 50, 10, 9, 12, 11, 10, 30};
    events e = {0};
    for (int m = 1; m <= 12; m++)
        for (int k = 0; k < per[m - 1]; k++)
            ev_push(&e, mid_month(m, k));
    cib_rhythm r;
    cib_error err;
    assert_int_equal(cib_rhythm_profile(&r, e.t, e.n, NULL, &err), 0);
    assert_int_equal(r.n_peak_months, 2);
    assert_string_equal(r.peak_months[0], "2020-06");
    assert_string_equal(r.peak_months[1], "2020-12");

    cib_timeline *tl;
    assert_int_equal(cib_timeline_new(&tl, e.t, e.n, &err), 0);
    assert_int_equal(tl->first_year, 2020);
    assert_int_equal(tl->first_month, 1);
    assert_int_equal(tl->n_months, 12);
    for (int m = 0; m < 12; m++)
        assert_int_equal(tl->counts[m], per[m]);
    cib_timeline_free(tl);

    /* every month alike: nothing stands out */
    e.n = 0;
    for (int m = 1; m <= 12; m++)
        for (int k = 0; k < 10; k++)
            ev_push(&e, mid_month(m, k));
    assert_int_equal(cib_rhythm_profile(&r, e.t, e.n, NULL, &err), 0);
    assert_int_equal(r.n_peak_months, 0);

    /* a burst after silence: March alone holds events, the median month
     * is 0, so March stands out */
    e.n = 0;
    ev_push(&e, mid_month(1, 0));
    for (int k = 0; k < 40; k++)
        ev_push(&e, mid_month(3, k));
    ev_push(&e, mid_month(12, 0));
    assert_int_equal(cib_rhythm_profile(&r, e.t, e.n, NULL, &err), 0);
    assert_int_equal(r.n_peak_months, 3);
    assert_string_equal(r.peak_months[0], "2020-03");
    /* equal counts: earlier month first */
    assert_string_equal(r.peak_months[1], "2020-01");

    /* two months only: too short to call a peak */
    e.n = 0;
    ev_push(&e, mid_month(1, 0));
    for (int k = 0; k < 40; k++)
        ev_push(&e, mid_month(2, k));
    assert_int_equal(cib_rhythm_profile(&r, e.t, e.n, NULL, &err), 0);
    assert_int_equal(r.n_peak_months, 0);

    /* across New Year: December 2019 to February 2020 is three months */
    int64_t t[2] = {INT64_C(1577836800) - DAY, mid_month(2, 0)};
    assert_int_equal(cib_timeline_new(&tl, t, 2, &err), 0);
    assert_int_equal(tl->first_year, 2019);
    assert_int_equal(tl->first_month, 12);
    assert_int_equal(tl->n_months, 3);
    assert_int_equal(tl->counts[0], 1);
    assert_int_equal(tl->counts[1], 0);
    assert_int_equal(tl->counts[2], 1);
    cib_timeline_free(tl);
    free(e.t);
}

static void test_sparse_long_span(void **state)
{
    (void)state;
    /* three events 60 years apart take the sorting path of the binning;
     * the histogram is the same as for the dense path */
    int64_t t[] = {MONDAY_1970_01_05 + 3600, INT64_C(1893456000) + 3600 * 2,
                   MONDAY_1970_01_05 + 3600};
    cib_rhythm r;
    cib_error err;
    assert_int_equal(cib_rhythm_profile(&r, t, 3, NULL, &err), 0);
    assert_int_equal(r.hour_of_week_utc[1], 2);
    /* 2030-01-01 was a Tuesday: 24 + 2 */
    assert_int_equal(r.hour_of_week_utc[26], 1);
    assert_int_equal(r.active_hours, 2);
}

static void test_json_and_table(void **state)
{
    (void)state;
    cib_tzdb *db;
    cib_error err;
    assert_int_equal(cib_tzdb_new(&db, NULL, &err), 0);
    office_spec o = {.zone = "Europe/Tirane", .first_day = 18631, .days = 365,
                     .start_hour = 9, .end_hour = 18, .per_hour = 10,
                     .lunch_hour = 13, .lunch_keep = 0.3, .seed = 11};
    o.rest[5] = o.rest[6] = true;
    events e = {0};
    ev_office(&e, db, &o);
    cib_rhythm r;
    assert_int_equal(cib_rhythm_profile(&r, e.t, e.n, db, &err), 0);

    json_t *obj = json_object();
    assert_int_equal(cib_rhythm_json_set(obj, &r, db, &err), 0);
    assert_int_equal(cib_rhythm_active_json_set(obj, &r, &err), 0);
    const char *keys[] = {"zone", "utc_offset_hours", "zone_confidence", "pattern",
                          "workday_start_hour", "workday_end_hour", "lunch_dip",
                          "night_share", "rest_days", "hour_of_week_utc"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        assert_non_null(json_object_get(obj, keys[i]));
    assert_string_equal(json_string_value(json_object_get(obj, "pattern")), "office");
    assert_true(json_real_value(json_object_get(obj, "utc_offset_hours")) == 1.0);
    assert_int_equal(json_integer_value(json_object_get(obj, "workday_start_hour")), 9);
    json_t *rest = json_object_get(obj, "rest_days");
    assert_int_equal(json_array_size(rest), 2);
    assert_string_equal(json_string_value(json_array_get(rest, 0)), "Sat");
    assert_string_equal(json_string_value(json_array_get(rest, 1)), "Sun");
    json_t *how = json_object_get(obj, "hour_of_week_utc");
    assert_int_equal(json_array_size(how), 168);
    /* every event lands in exactly one hour of the week */
    json_int_t sum = 0;
    for (size_t i = 0; i < 168; i++)
        sum += json_integer_value(json_array_get(how, i));
    assert_int_equal(sum, (json_int_t)e.n);
    bool paris = false;
    json_t *eq = json_object_get(obj, "zones_equivalent");
    for (size_t i = 0; i < json_array_size(eq); i++)
        paris |= strcmp(json_string_value(json_array_get(eq, i)), "Europe/Paris") == 0;
    assert_true(paris);
    /* the first event: Monday 2021-01-04 09:xx local = 08:xx UTC */
    assert_true(strncmp(json_string_value(json_object_get(obj, "first")),
                        "2021-01-04T08:", 14) == 0);
    json_decref(obj);

    /* unknown values are null, not NaN */
    cib_rhythm bare;
    assert_int_equal(cib_rhythm_profile(&bare, e.t, 10, NULL, &err), 0);
    obj = json_object();
    assert_int_equal(cib_rhythm_json_set(obj, &bare, NULL, &err), 0);
    assert_true(json_is_null(json_object_get(obj, "zone")));
    assert_true(json_is_null(json_object_get(obj, "lunch_dip")));
    assert_true(json_is_null(json_object_get(obj, "workday_start_hour")));
    assert_string_equal(json_string_value(json_object_get(obj, "pattern")),
                        "undetermined");
    char *text = json_dumps(obj, 0);
    assert_non_null(text);
    assert_null(strstr(text, "nan"));
    free(text);
    json_decref(obj);

    FILE *f = tmpfile();
    cib_rhythm_table_header(f);
    cib_rhythm_table_row(f, "all", &r);
    cib_rhythm_table_row(f, "tiny", &bare);
    rewind(f);
    char buf[2048];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_non_null(strstr(buf, "Europe/Berlin"));
    assert_non_null(strstr(buf, "+1:00"));
    assert_non_null(strstr(buf, "Sat,Sun"));
    assert_non_null(strstr(buf, "undetermined"));

    free(e.t);
    cib_tzdb_free(db);
}

static void test_extreme_times(void **state)
{
    (void)state;
    cib_tzdb *db;
    cib_error err;
    assert_int_equal(cib_tzdb_new(&db, NULL, &err), 0);
    /* 200 hourly-ish events plus the int64 extremes: no overflow (UBSan),
     * no absurd allocation; first/last keep the raw values, and a span of
     * billions of years has no peak months. */
    int64_t t[200];
    for (int i = 0; i < 200; i++)
        t[i] = INT64_C(1600000000) + i * 3700;
    t[0] = INT64_MIN;
    t[1] = INT64_MAX;
    cib_rhythm r;
    assert_int_equal(cib_rhythm_profile(&r, t, 200, db, &err), 0);
    assert_int_equal(r.first, INT64_MIN);
    assert_int_equal(r.last, INT64_MAX);
    assert_int_equal(r.n_peak_months, 0);
    assert_int_equal(r.events, 200);
    cib_timeline *tl;
    assert_int_equal(cib_timeline_new(&tl, t, 200, &err), CIB_EINPUT);
    assert_null(tl);
    /* beyond 2100 the zone rules are evaluated year by year */
    for (int i = 0; i < 200; i++)
        t[i] = INT64_C(4102444800) + i * 86400 * 3;
    assert_int_equal(cib_rhythm_profile(&r, t, 200, db, &err), 0);
    assert_true(r.zone[0] != '\0');
    cib_tzdb_free(db);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(cib_pattern_name(CIB_PATTERN_ROUND_THE_CLOCK), "round-the-clock");
    assert_string_equal(cib_pattern_name(CIB_PATTERN_OFFICE), "office");
    assert_string_equal(cib_pattern_name((cib_pattern)99), "undetermined");
    assert_string_equal(cib_weekday_name(4), "Fri");
    assert_string_equal(cib_weekday_name(7), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hour_of_week_utc),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_timeline_and_peaks),
        cmocka_unit_test(test_sparse_long_span),
        cmocka_unit_test(test_json_and_table),
        cmocka_unit_test(test_extreme_times),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
