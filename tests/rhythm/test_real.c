/*
 * test_real.c — the rhythm stage on the real data sets of
 * $CIBSCAN_SHARED (data/real/README.md gives their provenance and the
 * facts asserted here).  Skipped when CIBSCAN_SHARED is not set.
 *
 * What is asserted, and why it is the right answer:
 *  - IRA Russian-language tweets (3 % sample): operators in St Petersburg
 *    (UTC+3, no DST since 2014): offset within one hour of +3, weekend
 *    rest (README: Mon-Sun shares 14.2 .. 12.5).
 *  - Reddit submissions by the accounts Reddit listed as IRA: east of
 *    Greenwich (+1 .. +4); normal Reddit users: the Americas (-3 .. -10)
 *    with no weekend rest (their weekend is busier).
 *  - @realDonaldTrump 2015-16: US Eastern with US DST; in Eastern time
 *    Android tweets fall 05-10 h (47 %) far more than iPhone ones (11 %)
 *    and iPhone ones 15-21 h (50 %) more than Android ones (27 %).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest/ingest.h"
#include "rhythm/rhythm.h"
#include "store/store.h"
#include "mini_csv.h"
#include "synth_events.h"

typedef struct fixture {
    cib_tzdb *db;
    const char *shared;
} fixture;

static int setup(void **state)
{
    static fixture fx;
    cib_error err;
    fx.shared = getenv("CIBSCAN_SHARED");
    if (cib_tzdb_new(&fx.db, NULL, &err) != 0)
        return -1;
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    cib_tzdb_free(fx->db);
    return 0;
}

/* Times of column `time_col` in rows whose `filter_col` equals
 * `filter_val` (filter_col NULL: every row). */
static events load(const fixture *fx, const char *file, const char *time_col,
                   const char *filter_col, const char *filter_val)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", fx->shared, file);
    mini_csv c;
    if (!mini_csv_open(&c, path))
        fail_msg("cannot read %s", path);
    char *f[64];
    int n = mini_csv_row(&c, f, 64);
    int tc = mini_csv_col(f, n, time_col);
    int fc = filter_col ? mini_csv_col(f, n, filter_col) : -1;
    assert_true(tc >= 0 && (filter_col == NULL || fc >= 0));
    events e = {0};
    size_t bad = 0;
    while ((n = mini_csv_row(&c, f, 64)) >= 0) {
        if (n <= tc || (fc >= 0 && (n <= fc || strcmp(f[fc], filter_val) != 0)))
            continue;
        int64_t t;
        if (mini_csv_time(f[tc], &t))
            ev_push(&e, t);
        else
            bad++;
    }
    mini_csv_close(&c);
    assert_int_equal(bad, 0);
    return e;
}

static cib_rhythm profile(const fixture *fx, const events *e)
{
    cib_rhythm r;
    cib_error err;
    assert_int_equal(cib_rhythm_profile(&r, e->t, e->n, fx->db, &err), 0);
    return r;
}

static void print(const char *name, const cib_rhythm *r)
{
    /* the figures the docs quote, printed for the record */
    printf("# %-22s %7llu events  %-22s UTC%+.1f dst=%d conf=%.2f (runner-up %s "
           "UTC%+.1f, %.1f nats) %s start=%d end=%d lunch=%.2f night=%.2f rest=",
           name, (unsigned long long)r->events, r->zone, r->utc_offset_hours, r->dst,
           r->zone_confidence, r->runner_up, r->runner_up_offset_hours,
           r->zone_evidence, cib_pattern_name(r->pattern), r->workday_start_hour,
           r->workday_end_hour, r->lunch_dip, r->night_share);
    for (int d = 0; d < 7; d++)
        if (r->rest_day[d])
            printf("%s ", cib_weekday_name(d));
    printf("\n");
}

static bool in_class(const fixture *fx, const cib_rhythm *r, const char *zone)
{
    if (strcmp(r->zone, zone) == 0)
        return true;
    for (unsigned i = 0; i < r->n_zones_equivalent && i < CIB_MAX_EQUIV_ZONES; i++)
        if (strcmp(cib_tzdb_name(fx->db, r->zones_equivalent[i]), zone) == 0)
            return true;
    return false;
}

static void test_ira_russian(void **state)
{
    fixture *fx = *state;
    if (fx->shared == NULL)
        skip();
    events e = load(fx, "ira538/ira538_timestamps_3pct_sample.csv", "publish_date",
                    "language", "Russian");
    assert_int_equal(e.n, 17589); /* README: the sample's Russian rows */
    cib_rhythm r = profile(fx, &e);
    print("ira538 Russian", &r);
    assert_true(r.utc_offset_hours >= 2.0 && r.utc_offset_hours <= 4.0);
    assert_false(r.dst);
    assert_true(r.rest_day[5] && r.rest_day[6]);
    for (int d = 0; d < 5; d++)
        assert_false(r.rest_day[d]);
    free(e.t);
}

static void test_reddit(void **state)
{
    fixture *fx = *state;
    if (fx->shared == NULL)
        skip();
    events e = load(fx, "reddit_ira_suspicious/suspicious_submissions.csv", "created",
                    NULL, NULL);
    assert_int_equal(e.n, 11555);
    cib_rhythm r = profile(fx, &e);
    print("reddit suspicious", &r);
    assert_true(r.utc_offset_hours >= 1.0 && r.utc_offset_hours <= 4.0);
    free(e.t);

    e = load(fx, "reddit_normal_sample/normal_submissions_sample.csv", "created",
             NULL, NULL);
    assert_int_equal(e.n, 25745);
    r = profile(fx, &e);
    print("reddit normal", &r);
    assert_true(r.utc_offset_hours >= -10.0 && r.utc_offset_hours <= -3.0);
    assert_false(r.rest_day[5] || r.rest_day[6]);
    /* README: the normal users' weekend is busier (18.8 and 19.4 %) */
    assert_true(r.day_share[5] > r.day_share[2] && r.day_share[6] > r.day_share[2]);
    free(e.t);
}

/* Events of the local hours lo..hi (inclusive) in a local profile. */
static uint64_t hours_sum(const cib_rhythm *r, int lo, int hi)
{
    uint64_t s = 0;
    for (int i = 0; i < CIB_HOURS_PER_WEEK; i++)
        if (i % 24 >= lo && i % 24 <= hi)
            s += r->hour_of_week_local[i];
    return s;
}

static void test_trump(void **state)
{
    fixture *fx = *state;
    if (fx->shared == NULL)
        skip();
    const char *file = "trump_tweets_robinson2016/trump_tweets_df.csv";
    events e = load(fx, file, "created_utc", NULL, NULL);
    assert_int_equal(e.n, 1512);
    cib_rhythm r = profile(fx, &e);
    print("trump all", &r);
    assert_true(in_class(fx, &r, "America/New_York"));
    assert_true(r.utc_offset_hours == -5.0);
    assert_true(r.dst);
    free(e.t);

    events a = load(fx, file, "created_utc", "source", "Twitter for Android");
    events i = load(fx, file, "created_utc", "source", "Twitter for iPhone");
    assert_int_equal(a.n, 762);
    assert_int_equal(i.n, 628);
    cib_rhythm ra, ri;
    cib_error err;
    assert_int_equal(cib_rhythm_profile_zone(&ra, a.t, a.n, fx->db,
                                             "America/New_York", &err), 0);
    assert_int_equal(cib_rhythm_profile_zone(&ri, i.t, i.n, fx->db,
                                             "America/New_York", &err), 0);
    /* README (computed there): Android 47 % at 05-10 ET, iPhone 11 %;
     * iPhone 50 % at 15-21 ET, Android 27 % — 355/762, 66/628, 313/628,
     * 202/762 tweets */
    assert_int_equal(hours_sum(&ra, 5, 10), 355);
    assert_int_equal(hours_sum(&ri, 5, 10), 66);
    assert_int_equal(hours_sum(&ri, 15, 21), 313);
    assert_int_equal(hours_sum(&ra, 15, 21), 202);
    /* each half inferred on its own, for the record */
    r = profile(fx, &a);
    print("trump Android", &r);
    r = profile(fx, &i);
    print("trump iPhone", &r);
    free(a.t);
    free(i.t);
}

/* The path `cibscan rhythm --group-by` takes: ingest with a group column,
 * map the group string ids to dense indices, profile every group at once. */
static void test_through_ingest(void **state)
{
    fixture *fx = *state;
    if (fx->shared == NULL)
        skip();
    char path[1024];
    snprintf(path, sizeof path, "%s/trump_tweets_robinson2016/trump_tweets_df.csv",
             fx->shared);
    cib_store *store = cib_store_new();
    cib_ingest_options opt;
    cib_ingest_options_init(&opt);
    opt.format = CIB_FORMAT_ACTIVITY;
    char spec[] = "account_id=source,time=created_utc";
    cib_error err;
    assert_int_equal(cib_ingest_parse_map(&opt, spec, &err), 0);
    opt.group_by = "source";
    opt.warn = NULL;
    assert_int_equal(cib_ingest_file(store, path, &opt, NULL, &err), 0);
    const cib_events *ev = &store->events;
    assert_int_equal(ev->n, 1512);

    /* group string id -> dense index */
    uint32_t n_ids = cib_strings_count(store->strings);
    uint32_t *dense = malloc(n_ids * sizeof *dense);
    uint32_t *group = malloc(ev->n * sizeof *group);
    for (uint32_t i = 0; i < n_ids; i++)
        dense[i] = UINT32_MAX;
    size_t n_groups = 0;
    uint32_t names[16];
    for (size_t i = 0; i < ev->n; i++) {
        uint32_t id = ev->group[i];
        if (dense[id] == UINT32_MAX && n_groups < 16) {
            names[n_groups] = id;
            dense[id] = (uint32_t)n_groups++;
        }
        group[i] = dense[id];
    }
    /* Android, iPhone, Web Client, iPad, Instagram (README section 5) */
    assert_int_equal(n_groups, 5);
    cib_rhythm out[5];
    assert_int_equal(cib_rhythm_profile_groups(out, n_groups, ev->time, group, ev->n,
                                               fx->db, &err), 0);
    for (size_t g = 0; g < n_groups; g++) {
        const char *name = cib_strings_get(store->strings, names[g], NULL);
        if (strcmp(name, "Twitter for Android") == 0)
            assert_int_equal(out[g].events, 762);
        if (strcmp(name, "Twitter for iPhone") == 0)
            assert_int_equal(out[g].events, 628);
        if (strcmp(name, "Instagram") == 0) /* one tweet: too few */
            assert_int_equal(out[g].pattern, CIB_PATTERN_UNDETERMINED);
    }
    free(dense);
    free(group);
    cib_store_free(store);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ira_russian),
        cmocka_unit_test(test_reddit),
        cmocka_unit_test(test_trump),
        cmocka_unit_test(test_through_ingest),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
