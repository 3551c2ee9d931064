/*
 * test_tzdb.c — the time-zone database: calendar arithmetic, POSIX TZ
 * footers, TZif parsing, and the offsets of real zones at instants whose
 * local time is a matter of public record (the EU switches at 01:00 UTC
 * on the last Sundays of March and October; the US at 02:00 local on the
 * second Sunday of March and the first of November; Iran dropped DST in
 * 2022; Nigeria keeps UTC+1 all year).  Epoch seconds are the UTC dates
 * in the comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rhythm/rhythm.h"
#include "rhythm/rhythm_internal.h"
#include "synth_events.h"

static void offset_is(const cib_tzdb *db, const char *zone, int64_t t,
                      int32_t want, bool want_dst)
{
    long z = cib_tzdb_find(db, zone);
    assert_true(z >= 0);
    int32_t off;
    bool dst;
    assert_int_equal(cib_tzdb_offset(db, (size_t)z, t, &off, &dst), 0);
    if (off != want || dst != want_dst)
        fail_msg("%s at %lld: %d (dst %d), want %d (dst %d)", zone, (long long)t,
                 off, dst, want, want_dst);
}

static void test_civil(void **state)
{
    (void)state;
    /* 2000-02-29 is day 11016 after 1970-01-01 (30 years, 7 of them leap,
     * plus 59 days); 1969-12-31 is day -1. */
    assert_int_equal(rh_days_from_civil(2000, 2, 29), 11016);
    assert_int_equal(rh_days_from_civil(1969, 12, 31), -1);
    int64_t y;
    int m, d;
    rh_civil_from_days(11016, &y, &m, &d);
    assert_true(y == 2000 && m == 2 && d == 29);
    rh_civil_from_days(-1, &y, &m, &d);
    assert_true(y == 1969 && m == 12 && d == 31);
    /* 1970-01-01 was a Thursday (Monday-first index 3); 1970-01-05 a
     * Monday. */
    assert_int_equal(rh_weekday(0), 3);
    assert_int_equal(rh_weekday(4), 0);
    assert_int_equal(rh_weekday(-1), 2);
    assert_false(rh_is_leap(1900));
    assert_true(rh_is_leap(2000));
    assert_int_equal(rh_days_in_month(2024, 2), 29);
}

static void test_posix_rules(void **state)
{
    (void)state;
    rh_posix_tz tz;
    /* Iran since 2022: fixed +3:30 (POSIX counts west, hence -3:30). */
    assert_true(rh_posix_parse("<+0330>-3:30", &tz));
    assert_int_equal(tz.std_off, 12600);
    assert_false(tz.has_dst);

    /* US Eastern: DST from 2021-03-14 07:00 UTC (02:00 EST) to
     * 2021-11-07 06:00 UTC (02:00 EDT). */
    assert_true(rh_posix_parse("EST5EDT,M3.2.0,M11.1.0", &tz));
    assert_int_equal(tz.std_off, -18000);
    assert_int_equal(tz.dst_off, -14400);
    int64_t s, e;
    rh_posix_year(&tz, 2021, &s, &e);
    assert_int_equal(s, 1615705200);
    assert_int_equal(e, 1636264800);

    /* EU rule as Europe/Tirane writes it: 2021-03-28 01:00 UTC and
     * 2021-10-31 01:00 UTC. */
    assert_true(rh_posix_parse("CET-1CEST,M3.5.0,M10.5.0/3", &tz));
    rh_posix_year(&tz, 2021, &s, &e);
    assert_int_equal(s, 1616893200);
    assert_int_equal(e, 1635642000);
    int32_t off;
    bool dst;
    rh_posix_at(&tz, 1616893200 - 1, &off, &dst);
    assert_true(off == 3600 && !dst);
    rh_posix_at(&tz, 1616893200, &off, &dst);
    assert_true(off == 7200 && dst);

    /* Southern hemisphere (Sydney): mid-January is summer time (+11). */
    assert_true(rh_posix_parse("AEST-10AEDT,M10.1.0,M4.1.0/3", &tz));
    rh_posix_at(&tz, 1610712000, &off, &dst); /* 2021-01-15 12:00 UTC */
    assert_true(off == 39600 && dst);
    rh_posix_at(&tz, 1626350400, &off, &dst); /* 2021-07-15 */
    assert_true(off == 36000 && !dst);

    /* Negative DST (Europe/Dublin): "summer" is standard, winter is DST
     * at GMT. */
    assert_true(rh_posix_parse("IST-1GMT0,M10.5.0,M3.5.0/1", &tz));
    rh_posix_at(&tz, 1610712000, &off, &dst);
    assert_true(off == 0 && dst);
    rh_posix_at(&tz, 1626350400, &off, &dst);
    assert_true(off == 3600 && !dst);

    /* Permanent DST written as a rule covering the whole year stays in DST
     * across New Year (RFC 8536 section 3.3.1 example). */
    assert_true(rh_posix_parse("EST5EDT,0/0,J365/25", &tz));
    rh_posix_at(&tz, 1610712000, &off, &dst);
    assert_true(off == -14400 && dst);
    rh_posix_at(&tz, 1609459200 + 5 * 3600, &off, &dst); /* 2021-01-01 05:00 */
    assert_true(off == -14400 && dst);

    /* Julian day 60 is March 1 even in a leap year: 2024-03-01 00:00 UTC
     * for a zone at UTC with the switch at midnight. */
    assert_true(rh_posix_parse("XXX0YYY,J60/0,J300/0", &tz));
    rh_posix_year(&tz, 2024, &s, &e);
    assert_int_equal(s, 1709251200);

    assert_false(rh_posix_parse("", &tz));
    assert_false(rh_posix_parse("CET", &tz));
    assert_false(rh_posix_parse("CET-1CEST,M13.5.0,M10.5.0", &tz));
    assert_false(rh_posix_parse("CET-1CEST,M3.5.0", &tz));
}

static void test_tirane(void **state)
{
    const cib_tzdb *db = *state;
    offset_is(db, "Europe/Tirane", 1610712000, 3600, false); /* winter */
    offset_is(db, "Europe/Tirane", 1626350400, 7200, true);  /* summer */
    /* the 2021 change at 01:00 UTC, both ways */
    offset_is(db, "Europe/Tirane", 1616893200 - 1, 3600, false);
    offset_is(db, "Europe/Tirane", 1616893200, 7200, true);
    offset_is(db, "Europe/Tirane", 1635642000 - 1, 7200, true);
    offset_is(db, "Europe/Tirane", 1635642000, 3600, false);
    /* 2050 (after the transitions a fat TZif lists, from the footer) and
     * 2150 (past the expanded table, the rule itself) */
    offset_is(db, "Europe/Tirane", 2524651200, 3600, false);
    offset_is(db, "Europe/Tirane", 2540289600, 7200, true);
    offset_is(db, "Europe/Tirane", 5680324800, 3600, false);
    offset_is(db, "Europe/Tirane", 5695963200, 7200, true);
}

static void test_tehran_lagos_new_york(void **state)
{
    const cib_tzdb *db = *state;
    /* Iran: +4:30 in the summer of 2020, +3:30 in the summer of 2023
     * (DST abolished in 2022), +3:30 in winter. */
    offset_is(db, "Asia/Tehran", 1591012800, 16200, true);
    offset_is(db, "Asia/Tehran", 1685620800, 12600, false);
    offset_is(db, "Asia/Tehran", 1610712000, 12600, false);
    /* Nigeria: +1 all year. */
    offset_is(db, "Africa/Lagos", 1610712000, 3600, false);
    offset_is(db, "Africa/Lagos", 1626350400, 3600, false);
    offset_is(db, "Africa/Lagos", 5695963200, 3600, false);
    /* New York: the 2021 spring change at 07:00 UTC. */
    offset_is(db, "America/New_York", 1615705200 - 1, -18000, false);
    offset_is(db, "America/New_York", 1615705200, -14400, true);
    offset_is(db, "America/New_York", 5695963200, -14400, true);
}

static void test_candidates(void **state)
{
    const cib_tzdb *db = *state;
    /* zone1970.tab and zone.tab together list over 400 names */
    assert_true(cib_tzdb_count(db) > 300);
    const char *must[] = {"Europe/Tirane", "Asia/Tehran", "Africa/Lagos",
                          "America/New_York", "Europe/Paris", "UTC"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        assert_true(cib_tzdb_find(db, must[i]) >= 0);
    assert_int_equal(cib_tzdb_find(db, "Mars/Olympus_Mons"), -1);
    assert_int_equal(cib_tzdb_find(db, NULL), -1);
    for (size_t i = 0; i < cib_tzdb_count(db); i++) {
        const char *n = cib_tzdb_name(db, i);
        assert_non_null(n);
        assert_true(strncmp(n, "posix/", 6) != 0 && strncmp(n, "right/", 6) != 0);
        assert_int_equal(cib_tzdb_find(db, n), (long)i);
    }
    assert_null(cib_tzdb_name(db, cib_tzdb_count(db)));
    int32_t off;
    assert_int_equal(cib_tzdb_offset(db, cib_tzdb_count(db), 0, &off, NULL),
                     CIB_EUSAGE);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

static void test_folder_without_tables(void **state)
{
    (void)state;
    /* A folder with two TZif files, one text file and a posix/ copy but no
     * zone tables: the walk takes the two TZif files only. */
    char dir[] = "/tmp/cibscan_tzdb_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], sub[512];
    snprintf(sub, sizeof sub, "%s/Europe", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/Europe/Tirane", dir);
    copy_file("/usr/share/zoneinfo/Europe/Tirane", path);
    snprintf(path, sizeof path, "%s/Lagos", dir);
    copy_file("/usr/share/zoneinfo/Africa/Lagos", path);
    snprintf(path, sizeof path, "%s/README", dir);
    FILE *f = fopen(path, "w");
    fputs("not a zone\n", f);
    fclose(f);
    snprintf(sub, sizeof sub, "%s/posix", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/posix/Lagos", dir);
    copy_file("/usr/share/zoneinfo/Africa/Lagos", path);

    cib_tzdb *db;
    cib_error err;
    assert_int_equal(cib_tzdb_new(&db, dir, &err), 0);
    assert_int_equal(cib_tzdb_count(db), 2);
    assert_true(cib_tzdb_find(db, "Europe/Tirane") >= 0);
    assert_true(cib_tzdb_find(db, "Lagos") >= 0);
    cib_tzdb_free(db);

    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

static void test_bad_input(void **state)
{
    (void)state;
    cib_tzdb *db = (cib_tzdb *)1;
    cib_error err;
    assert_int_equal(cib_tzdb_new(&db, "/nonexistent/zoneinfo", &err), CIB_EIO);
    assert_null(db);
    assert_string_equal(err.file, "/nonexistent/zoneinfo");

    /* Garbage, a truncated file and an out-of-range type index are not
     * TZif. */
    rh_zone z;
    memset(&z, 0, sizeof z);
    const unsigned char junk[] = "this is not a zone file at all, not even close";
    assert_int_equal(rh_tzif_parse(&z, junk, sizeof junk), CIB_EINPUT);
    FILE *f = fopen("/usr/share/zoneinfo/Europe/Tirane", "rb");
    unsigned char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_int_equal(rh_tzif_parse(&z, buf, 60), CIB_EINPUT);
    assert_int_equal(rh_tzif_parse(&z, buf, n), 0);
    assert_true(z.n > 100); /* CET/CEST switches since 1914 and to 2100 */
    rh_zone_clear(&z);
    /* the 64-bit body's first type index points past the type count: the
     * body starts after the 32-bit one (RFC 8536 section 3.2 sizes) and
     * its own 44-byte header, and its indices after 8-byte times */
    unsigned char bad[4096];
    memcpy(bad, buf, n);
    uint32_t c[6];
    for (int i = 0; i < 6; i++)
        c[i] = (uint32_t)bad[20 + 4 * i] << 24 | (uint32_t)bad[21 + 4 * i] << 16 |
               (uint32_t)bad[22 + 4 * i] << 8 | bad[23 + 4 * i];
    /* c: isut, isstd, leap, time, type, chars */
    size_t v1 = c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    size_t v2 = 44 + v1;
    uint32_t time2 = (uint32_t)bad[v2 + 32] << 24 | (uint32_t)bad[v2 + 33] << 16 |
                     (uint32_t)bad[v2 + 34] << 8 | bad[v2 + 35];
    bad[v2 + 44 + 8 * (size_t)time2] = 0xff;
    assert_int_equal(rh_tzif_parse(&z, bad, n), CIB_EINPUT);
}

static void test_every_footer_parses(void **state)
{
    const cib_tzdb *db = *state;
    /* Every zone tzdata ships is TZif v2+ with a footer rule (RFC 8536
     * requires one for v2+ files); about 120 of them keep DST today. */
    size_t with_dst = 0;
    for (size_t i = 0; i < db->n; i++) {
        assert_true(db->zones[i].has_rule);
        with_dst += db->zones[i].rule.has_dst;
        /* tables ascend */
        for (size_t k = 1; k < db->zones[i].n; k++)
            assert_true(db->zones[i].at[k] > db->zones[i].at[k - 1]);
    }
    assert_true(with_dst > 80 && with_dst < 200);
}

static void test_mutated_tzif(void **state)
{
    (void)state;
    /* 1500 random corruptions each of a long file and a short one (bytes
     * flipped, truncated): each parses or is refused as CIB_EINPUT, and
     * never crashes, leaks (ASan build) or loops. */
    const char *files[] = {"/usr/share/zoneinfo/America/New_York",
                           "/usr/share/zoneinfo/Africa/Lagos"};
    uint64_t s = 12345;
    for (int file = 0; file < 2; file++) {
        FILE *f = fopen(files[file], "rb");
        assert_non_null(f);
        unsigned char orig[8192], buf[8192];
        size_t n = fread(orig, 1, sizeof orig, f);
        fclose(f);
        for (int round = 0; round < 1500; round++) {
            memcpy(buf, orig, n);
            size_t len = n;
            int flips = 1 + (int)(ev_rand(&s) % 4);
            for (int k = 0; k < flips; k++)
                buf[ev_rand(&s) % n] ^= (unsigned char)(1u << (ev_rand(&s) % 8));
            if (round % 3 == 0)
                len = (size_t)(ev_rand(&s) % n);
            rh_zone z;
            memset(&z, 0, sizeof z);
            int rc = rh_tzif_parse(&z, buf, len);
            assert_true(rc == 0 || rc == CIB_EINPUT);
            if (rc == 0) {
                assert_true(z.n >= 1 && z.at[0] == INT64_MIN);
                int32_t off;
                bool dst;
                rh_zone_at(&z, 1626350400, &off, &dst);
                assert_true(off > -90000 && off < 93600);
            }
            rh_zone_clear(&z);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil),
        cmocka_unit_test(test_posix_rules),
        cmocka_unit_test(test_tirane),
        cmocka_unit_test(test_tehran_lagos_new_york),
        cmocka_unit_test(test_candidates),
        cmocka_unit_test(test_folder_without_tables),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_every_footer_parses),
        cmocka_unit_test(test_mutated_tzif),
    };
    return cmocka_run_group_tests(tests, tzdb_setup, tzdb_teardown);
}
