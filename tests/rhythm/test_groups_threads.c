/*
 * test_groups_threads.c — cib_rhythm_each_group_threads gives every group
 * the profile the one-thread walk gives, whatever the number of threads,
 * calls back once per group, and stops on the callback's code.  Groups
 * are planted offices (synth_events.h) in known zones, interleaved in the
 * input so that the grouping itself is exercised.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "rhythm/rhythm.h"
#include "synth_events.h"

#define DAY_2021_01_04 18631 /* a Monday */
/* more groups than two chunks of the walk (64 groups each), so that
 * several threads really share them */
#define N_GROUPS 300

static const char *const ZONES[3] = {"Africa/Lagos", "Europe/Tirane",
                                     "America/New_York"};

/* What a test keeps of each group's profile. */
typedef struct kept {
    int calls;
    uint64_t events;
    char zone[64];
    double offset;
    cib_pattern pattern;
    uint64_t how_local[CIB_HOURS_PER_WEEK];
} kept;

typedef struct table {
    kept g[N_GROUPS];
    size_t stop_at; /* a group whose callback fails; N_GROUPS: none */
} table;

static int keep(void *ctx, size_t group, const cib_rhythm *r)
{
    table *t = ctx;
    kept *k = &t->g[group];
    k->calls++;
    k->events = r->events;
    memcpy(k->zone, r->zone, sizeof k->zone);
    k->offset = r->utc_offset_hours;
    k->pattern = r->pattern;
    memcpy(k->how_local, r->hour_of_week_local, sizeof k->how_local);
    return group == t->stop_at ? 99 : 0;
}

/* Group g: an office in ZONES[g % 3], 8 weeks, 2 events a working hour;
 * every 10th group keeps only 10 events (below CIB_RHYTHM_MIN_EVENTS, so
 * no zone).  The events of all groups are dealt round-robin into one
 * array, so no group's events are contiguous. */
static void build(const cib_tzdb *db, events *all, uint32_t **group_of)
{
    events per[N_GROUPS];
    size_t most = 0, total = 0;
    for (int g = 0; g < N_GROUPS; g++) {
        office_spec o = {.zone = ZONES[g % 3], .first_day = DAY_2021_01_04,
                         .days = 56, .start_hour = 9, .end_hour = 18,
                         .per_hour = 2, .lunch_hour = -1, .lunch_keep = 1,
                         .noise_per_day = 0.2, .seed = 1 + (uint64_t)g};
        o.rest[5] = o.rest[6] = true;
        memset(&per[g], 0, sizeof per[g]);
        ev_office(&per[g], db, &o);
        if (g % 10 == 9 && per[g].n > 10)
            per[g].n = 10;
        most = per[g].n > most ? per[g].n : most;
        total += per[g].n;
    }
    *group_of = malloc(total * sizeof **group_of);
    assert_non_null(*group_of);
    for (size_t i = 0; i < most; i++)
        for (int g = 0; g < N_GROUPS; g++)
            if (i < per[g].n) {
                (*group_of)[all->n] = (uint32_t)g;
                ev_push(all, per[g].t[i]);
            }
    for (int g = 0; g < N_GROUPS; g++)
        free(per[g].t);
}

static void test_threads_same_profiles(void **state)
{
    const cib_tzdb *db = *state;
    events all = {0};
    uint32_t *group_of = NULL;
    build(db, &all, &group_of);
    cib_error err;
    table *one = calloc(1, sizeof *one), *many = calloc(1, sizeof *many);
    assert_non_null(one);
    assert_non_null(many);
    one->stop_at = N_GROUPS;
    assert_int_equal(cib_rhythm_each_group(N_GROUPS, all.t, group_of, all.n,
                                           db, keep, one, &err), 0);
    /* the planted offsets come back (test_zone_synth.c shows the office
     * method finds them); January and February hold no clock change, so
     * Lagos may be named by any zone at +1 then, but +1 it is */
    assert_true(one->g[0].zone[0] != '\0');
    assert_true(one->g[0].offset == 1.0);
    assert_true(one->g[3].offset == 1.0);
    assert_true(one->g[2].offset == -5.0); /* New York's standard offset */
    assert_string_equal(one->g[9].zone, ""); /* 10 events: too few */
    assert_int_equal(one->g[9].events, 10);
    for (unsigned threads = 0; threads <= 3; threads++) {
        memset(many, 0, sizeof *many);
        many->stop_at = N_GROUPS;
        assert_int_equal(cib_rhythm_each_group_threads(
                             N_GROUPS, all.t, group_of, all.n, db, threads,
                             keep, many, &err),
                         0);
        for (int g = 0; g < N_GROUPS; g++) {
            /* each group once, and the serial walk's profile: a profile
             * depends on its group's times only */
            assert_int_equal(many->g[g].calls, 1);
            assert_int_equal(many->g[g].events, one->g[g].events);
            assert_string_equal(many->g[g].zone, one->g[g].zone);
            assert_true(many->g[g].offset == one->g[g].offset ||
                        (isnan(many->g[g].offset) && isnan(one->g[g].offset)));
            assert_int_equal(many->g[g].pattern, one->g[g].pattern);
            assert_memory_equal(many->g[g].how_local, one->g[g].how_local,
                                sizeof one->g[g].how_local);
        }
    }
    /* a failing callback stops the walk and its code comes back */
    memset(many, 0, sizeof *many);
    many->stop_at = 200;
    assert_int_equal(cib_rhythm_each_group_threads(N_GROUPS, all.t, group_of,
                                                   all.n, db, 2, keep, many,
                                                   &err),
                     99);
    assert_int_equal(many->g[200].calls, 1);
    free(one);
    free(many);
    free(group_of);
    free(all.t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_same_profiles),
    };
    return cmocka_run_group_tests(tests, tzdb_setup, tzdb_teardown);
}
