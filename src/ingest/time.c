/*
 * time.c — cib_parse_time: the time values activity exports carry, parsed
 * by hand (no strptime, no locale, no time zone database): this runs once
 * per row, so it is a straight scan over the bytes.
 *
 * Calendar arithmetic is Howard Hinnant's days_from_civil ("chrono-
 * Compatible Low-Level Date Algorithms",
 * http://howardhinnant.github.io/date_algorithms.html), exact for the
 * proleptic Gregorian calendar.  Relies on ingest.h only.
 */
#include "ingest.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* [1970-01-01T00:00:00Z, 2100-01-01T00:00:00Z): 47482 days * 86400. */
#define TIME_MIN 0
#define TIME_END INT64_C(4102444800)

typedef struct cursor {
    const char *p, *e;
} cursor;

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31), after Hinnant. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                  /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Exactly n digits. */
static bool num(cursor *c, int n, int *out)
{
    if (c->e - c->p < n)
        return false;
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(c->p[i]))
            return false;
        v = v * 10 + (c->p[i] - '0');
    }
    c->p += n;
    *out = v;
    return true;
}

/* One or two digits. */
static bool num12(cursor *c, int *out)
{
    if (c->e - c->p >= 2 && is_digit(c->p[1]))
        return num(c, 2, out);
    return num(c, 1, out);
}

static bool lit(cursor *c, char ch)
{
    if (c->p < c->e && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

/* Case-insensitive ASCII word of exactly strlen(w) letters. */
static bool word(cursor *c, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(c->e - c->p) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((c->p[i] | 0x20) != w[i])
            return false;
    c->p += n;
    return true;
}

/* Seconds east of UTC from "+HH:MM", "+HHMM" or "+HH" (or '-'). */
static bool offset(cursor *c, int64_t *secs)
{
    int sign = c->p < c->e && *c->p == '-' ? -1 : 1;
    if (!lit(c, '+') && !lit(c, '-'))
        return false;
    int h, m = 0;
    if (!num(c, 2, &h))
        return false;
    if (c->p < c->e) {
        lit(c, ':');
        if (!num(c, 2, &m))
            return false;
    }
    if (h > 23 || m > 59)
        return false;
    *secs = sign * (h * 3600 + m * 60);
    return true;
}

/* Two edge times are accepted as ISO 8601 and real clocks write them:
 * 24:00:00 is the end of the day, the same instant as 00:00:00 of the
 * next (ISO 8601:2004 4.2.3); a leap second hh:mm:60 is counted as the
 * second after hh:mm:59, i.e. 23:59:60 reads as 00:00:00 of the next day,
 * since Unix time has no leap seconds (POSIX folds them the same way). */
static bool finish(int y, int mo, int d, int h, int mi, int s, int64_t off,
                   int64_t *out)
{
    bool end_of_day = h == 24 && mi == 0 && s == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
        (h > 23 && !end_of_day) || mi > 59 || s > 60)
        return false;
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
                off;
    if (t < TIME_MIN || t >= TIME_END)
        return false;
    *out = t;
    return true;
}

/* Unix seconds: digits, optionally ".digits" (dropped). */
static bool parse_unix(cursor c, int64_t *out)
{
    int64_t v = 0;
    int n = 0;
    while (c.p < c.e && is_digit(*c.p)) {
        if (++n > 12) /* far past 2100 already; keeps v from overflowing */
            return false;
        v = v * 10 + (*c.p++ - '0');
    }
    if (n == 0)
        return false;
    if (lit(&c, '.')) {
        if (c.p == c.e)
            return false;
        while (c.p < c.e && is_digit(*c.p))
            c.p++;
    }
    if (c.p != c.e || v >= TIME_END)
        return false;
    *out = v;
    return true;
}

/* YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)frac]]][ ][Z|UTC|GMT|+HH[:MM]] */
static bool parse_iso(cursor c, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    int64_t off = 0;
    if (!num(&c, 4, &y) || !lit(&c, '-') || !num(&c, 2, &mo) ||
        !lit(&c, '-') || !num(&c, 2, &d))
        return false;
    if (c.p == c.e)
        return finish(y, mo, d, 0, 0, 0, 0, out);
    if (!lit(&c, 'T') && !lit(&c, 't') && !lit(&c, ' '))
        return false;
    if (!num(&c, 2, &h) || !lit(&c, ':') || !num(&c, 2, &mi))
        return false;
    if (lit(&c, ':')) {
        if (!num(&c, 2, &s))
            return false;
        if (lit(&c, '.') || lit(&c, ',')) {
            if (c.p == c.e || !is_digit(*c.p))
                return false;
            while (c.p < c.e && is_digit(*c.p))
                c.p++;
        }
    }
    lit(&c, ' ');
    if (c.p < c.e) {
        if (!lit(&c, 'Z') && !lit(&c, 'z') && !word(&c, "utc") &&
            !word(&c, "gmt") && !offset(&c, &off))
            return false;
    }
    if (c.p != c.e)
        return false;
    return finish(y, mo, d, h, mi, s, off, out);
}

/* Twitter API v1.1 "created_at": "Wed Oct 10 20:19:24 +0000 2018". */
static bool parse_twitter(cursor c, int64_t *out)
{
    static const char *const days[7] = {"mon", "tue", "wed", "thu",
                                        "fri", "sat", "sun"};
    static const char *const months[12] = {"jan", "feb", "mar", "apr",
                                           "may", "jun", "jul", "aug",
                                           "sep", "oct", "nov", "dec"};
    bool day_ok = false;
    for (int i = 0; i < 7 && !day_ok; i++)
        day_ok = word(&c, days[i]);
    if (!day_ok || !lit(&c, ' '))
        return false;
    int mo = 0;
    for (int i = 0; i < 12 && mo == 0; i++)
        if (word(&c, months[i]))
            mo = i + 1;
    int d, h, mi, s, y;
    int64_t off;
    if (mo == 0 || !lit(&c, ' ') || !num12(&c, &d) || !lit(&c, ' ') ||
        !num(&c, 2, &h) || !lit(&c, ':') || !num(&c, 2, &mi) ||
        !lit(&c, ':') || !num(&c, 2, &s) || !lit(&c, ' '))
        return false;
    cursor zone = {c.p, c.p};
    while (c.p < c.e && *c.p != ' ')
        c.p++;
    zone.e = c.p;
    if (!offset(&zone, &off) || zone.p != zone.e || !lit(&c, ' ') ||
        !num(&c, 4, &y) || c.p != c.e)
        return false;
    return finish(y, mo, d, h, mi, s, off, out);
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

bool cib_parse_time(const char *s, size_t n, int64_t *out)
{
    cursor c = {s, s + n};
    while (c.p < c.e && is_space(*c.p))
        c.p++;
    while (c.e > c.p && is_space(c.e[-1]))
        c.e--;
    if (c.p == c.e)
        return false;
    if ((*c.p | 0x20) >= 'a' && (*c.p | 0x20) <= 'z')
        return parse_twitter(c, out);
    /* A date has a '-' after four digits; anything else numeric is Unix
     * seconds. */
    if (c.e - c.p > 4 && c.p[4] == '-')
        return parse_iso(c, out);
    return parse_unix(c, out);
}
