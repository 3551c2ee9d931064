/*
 * test_time.c — cib_parse_time on every form it accepts and the values it
 * must refuse.
 *
 * Reference instants, worked by hand: 2020-01-01 is day 18262 after
 * 1970-01-01 (50 years of 365 days + 12 leap days 1972..2016); 2020-10-05
 * is 278 days later (Jan..Sep 2020 = 31+29+31+30+31+30+31+31+30 = 274, plus
 * 4), day 18540, so 2020-10-05T00:00Z = 18540 * 86400 = 1601856000, and
 * 07:14:03 adds 7*3600 + 14*60 + 3 = 26043: T = 1601882043.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/ingest.h"

#define T_20201005_071403 INT64_C(1601882043)
#define T_20201005 INT64_C(1601856000)

static int64_t parse_ok(const char *s)
{
    int64_t t = -1;
    if (!cib_parse_time(s, strlen(s), &t))
        fail_msg("'%s' should parse", s);
    return t;
}

static void refuse(const char *s)
{
    int64_t t = 12345;
    if (cib_parse_time(s, strlen(s), &t))
        fail_msg("'%s' should be refused, got %lld", s, (long long)t);
    assert_int_equal(t, 12345); /* untouched */
}

/* One instant written in every ISO form: Z, the offsets +02:00 (09:14
 * local), +0200, +02, -05:00 (02:14 local), the space form, fractions. */
static void test_iso_forms(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2020-10-05T07:14:03Z"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05t07:14:03z"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05T09:14:03+02:00"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05T09:14:03+0200"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05T09:14:03+02"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05T02:14:03-05:00"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05 07:14:03"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05 07:14:03 UTC"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05 07:14:03+00:00"), T_20201005_071403);
    assert_int_equal(parse_ok("2020-10-05T07:14:03.987Z"), T_20201005_071403);
    assert_int_equal(parse_ok("  2020-10-05T07:14:03Z\r\n"), T_20201005_071403);
    /* minutes only: 07:14 is 26040 s into the day */
    assert_int_equal(parse_ok("2020-10-05 07:14"), T_20201005 + 26040);
    /* date alone: midnight UTC */
    assert_int_equal(parse_ok("2020-10-05"), T_20201005);
    /* an offset that crosses midnight: 00:30+01:00 is 23:30Z the day
     * before */
    assert_int_equal(parse_ok("2020-10-05T00:30:00+01:00"),
                     T_20201005 - 1800);
}

/* Unix seconds, with the fraction dropped (not rounded). */
static void test_unix_seconds(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("1601882043"), T_20201005_071403);
    assert_int_equal(parse_ok("1601882043.987"), T_20201005_071403);
    assert_int_equal(parse_ok("0"), 0);
    refuse("-5");
    refuse("16e8");
    refuse("1601882043.");
    refuse("1601882043.5x");
    /* 2100-01-01 = day 47482 (130 years * 365 + 32 leap days) * 86400 */
    refuse("4102444800");
    assert_int_equal(parse_ok("4102444799"), INT64_C(4102444799));
    /* a millisecond epoch is far past 2100 */
    refuse("1601882043000");
}

/* The accepted range is [1970-01-01, 2100-01-01) UTC. */
static void test_range(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("1970-01-01T00:00:00Z"), 0);
    refuse("1969-12-31T23:59:59Z");
    refuse("1969-06-01");
    assert_int_equal(parse_ok("2099-12-31T23:59:59Z"), INT64_C(4102444799));
    refuse("2100-01-01T00:00:00Z");
    refuse("2100-01-01");
    /* 1970-01-01T00:30+01:00 is 1969-12-31T23:30Z */
    refuse("1970-01-01T00:30:00+01:00");
}

/* Feb 29 exists in leap years only: 2020 (divisible by 4) and 2000
 * (divisible by 400), not 2019 or 2100 (divisible by 100, not 400). */
static void test_leap_days(void **state)
{
    (void)state;
    /* 2020-02-29 = day 18262 + 31 + 28 = 18321; * 86400 = 1582934400 */
    assert_int_equal(parse_ok("2020-02-29"), INT64_C(1582934400));
    /* 2000-02-29: 2000-01-01 is day 10957 (30*365 + 7 leap days), + 59 */
    assert_int_equal(parse_ok("2000-02-29"), INT64_C(11016) * 86400);
    refuse("2019-02-29");
    refuse("2020-02-30");
    refuse("2020-04-31");
    /* the day after Feb 29 2020 is Mar 1 = day 18322 */
    assert_int_equal(parse_ok("2020-03-01"), INT64_C(18322) * 86400);
}

/* Twitter API v1.1 created_at. 2018-10-10 is day 17814 (2018-01-01 = day
 * 17532, + 282 = 31+28+31+30+31+30+31+31+30 + 9); 20:19:24 = 73164 s:
 * 17814 * 86400 + 73164 = 1539202764. */
static void test_twitter_form(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("Wed Oct 10 20:19:24 +0000 2018"),
                     INT64_C(1539202764));
    /* +0200 local 22:19:24 is the same instant */
    assert_int_equal(parse_ok("Wed Oct 10 22:19:24 +0200 2018"),
                     INT64_C(1539202764));
    refuse("Wed Oct 10 20:19:24 2018");
    refuse("Wed Foo 10 20:19:24 +0000 2018");
    refuse("Xyz Oct 10 20:19:24 +0000 2018");
}

static void test_garbage(void **state)
{
    (void)state;
    refuse("");
    refuse("   ");
    refuse("yesterday");
    refuse("2016-13-45"); /* month 13 */
    refuse("2016-00-10");
    refuse("2016-10-00");
    /* 24:00:00 is the next day's midnight (test_end_of_day_and_leap_
     * second); any later time in hour 24 is not a time */
    refuse("2020-10-05T24:00:01Z");
    refuse("2020-10-05T24:01:00Z");
    refuse("2020-10-05T25:00:00Z");
    refuse("2020-10-05T07:60:00Z");
    refuse("2020-10-05T07:14:61Z");
    refuse("2020-10-05T07:14:03+24:00");
    refuse("2020-10-05T07:14:03+02:60");
    refuse("2020-10-05T07:14:03Zjunk");
    refuse("2020-10-05X07:14:03");
    refuse("2020-10-5");
    refuse("20-10-05");
    refuse("2020-10-05T07");
    refuse("2020-10-05T07:14:03.");
    refuse("10/05/2020");
}

/* Edge times accepted on purpose (issue 6): 24:00:00 is the next day's
 * 00:00:00 (ISO 8601 end of day) and a leap second hh:mm:60 the second
 * after hh:mm:59 (Unix time has none).  2020-10-06T00:00Z = T_20201005 +
 * 86400; 2017-01-01T00:00Z is day 17167 (47 years of 365 days + 12 leap
 * days 1972..2016) * 86400 = 1483228800, right after the real leap second
 * 2016-12-31T23:59:60Z. */
static void test_end_of_day_and_leap_second(void **state)
{
    (void)state;
    const int64_t oct6 = T_20201005 + 86400, jan1 = INT64_C(1483228800);
    assert_int_equal(parse_ok("2020-10-05T24:00:00Z"), oct6);
    assert_int_equal(parse_ok("2020-10-05 24:00"), oct6);
    assert_int_equal(parse_ok("2016-12-31T24:00:00Z"), jan1);
    /* 24:00+02:00 local is 22:00Z the same day */
    assert_int_equal(parse_ok("2020-10-05T24:00:00+02:00"), oct6 - 7200);
    assert_int_equal(parse_ok("Mon Oct 05 24:00:00 +0000 2020"), oct6);
    assert_int_equal(parse_ok("2016-12-31T23:59:60Z"), jan1);
    /* 07:14:60 = 07:15:00 = 26100 s into the day */
    assert_int_equal(parse_ok("2020-10-05 07:14:60"), T_20201005 + 26100);
}

/* The length argument is honoured: the bytes after n are not read. */
static void test_length_bound(void **state)
{
    (void)state;
    const char *s = "2020-10-05T07:14:03Z trailing garbage";
    int64_t t;
    assert_true(cib_parse_time(s, 20, &t));
    assert_int_equal(t, T_20201005_071403);
    assert_true(cib_parse_time("2020-10-0599", 10, &t));
    assert_int_equal(t, T_20201005);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_forms),
        cmocka_unit_test(test_unix_seconds),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_leap_days),
        cmocka_unit_test(test_twitter_form),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_end_of_day_and_leap_second),
        cmocka_unit_test(test_length_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
