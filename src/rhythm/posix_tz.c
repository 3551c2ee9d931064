/*
 * posix_tz.c — the POSIX TZ strings found in the footer of TZif files
 * (RFC 8536 section 3.3, POSIX.1-2017 section 8.3), which give a zone's
 * rule for instants after its last listed transition: "EST5EDT,M3.2.0,
 * M11.1.0", "<+0330>-3:30", "IST-1GMT0,M10.5.0,M3.5.0/1" (negative DST).
 * Only what TZif footers use is read; the RFC 8536 extensions (rule
 * times from -167 to 167 hours) are accepted.  Relies on civil.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rhythm_internal.h"

/* Zone abbreviation: "<...>" or three or more letters. */
static const char *skip_name(const char *s)
{
    if (*s == '<') {
        const char *e = strchr(s, '>');
        return (e && e - s >= 2) ? e + 1 : NULL;
    }
    const char *p = s;
    while (isalpha((unsigned char)*p))
        p++;
    return p - s >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] with hh up to max_h; seconds into *out. */
static const char *parse_hms(const char *s, int max_h, int32_t *out)
{
    int sign = 1;
    if (*s == '+' || *s == '-') {
        if (*s == '-')
            sign = -1;
        s++;
    }
    if (!isdigit((unsigned char)*s))
        return NULL;
    long part[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        if (i > 0) {
            if (*s != ':')
                break;
            s++;
            if (!isdigit((unsigned char)*s))
                return NULL;
        }
        char *end;
        part[i] = strtol(s, &end, 10);
        if (end == s || end - s > 3)
            return NULL;
        s = end;
    }
    if (part[0] > max_h || part[1] > 59 || part[2] > 59)
        return NULL;
    *out = (int32_t)(sign * (part[0] * 3600 + part[1] * 60 + part[2]));
    return s;
}

static const char *parse_date(const char *s, rh_rule_date *d)
{
    char *end;
    if (*s == 'J') {
        d->kind = 'J';
        d->day = (int)strtol(s + 1, &end, 10);
        if (end == s + 1 || d->day < 1 || d->day > 365)
            return NULL;
        s = end;
    } else if (*s == 'M') {
        d->kind = 'M';
        d->month = (int)strtol(s + 1, &end, 10);
        if (end == s + 1 || *end != '.' || d->month < 1 || d->month > 12)
            return NULL;
        s = end + 1;
        d->week = (int)strtol(s, &end, 10);
        if (end == s || *end != '.' || d->week < 1 || d->week > 5)
            return NULL;
        s = end + 1;
        d->day = (int)strtol(s, &end, 10);
        if (end == s || d->day < 0 || d->day > 6)
            return NULL;
        s = end;
    } else if (isdigit((unsigned char)*s)) {
        d->kind = 'N';
        d->day = (int)strtol(s, &end, 10);
        if (d->day > 365)
            return NULL;
        s = end;
    } else {
        return NULL;
    }
    d->time = 2 * 3600; /* POSIX default: 02:00 local */
    if (*s == '/')
        s = parse_hms(s + 1, 167, &d->time);
    return s;
}

bool rh_posix_parse(const char *s, rh_posix_tz *out)
{
    memset(out, 0, sizeof *out);
    int32_t west;
    if (!(s = skip_name(s)) || !(s = parse_hms(s, 24, &west)))
        return false;
    out->std_off = -west;
    out->dst_off = out->std_off;
    if (*s == '\0')
        return true;
    if (!(s = skip_name(s)))
        return false;
    out->has_dst = true;
    out->dst_off = out->std_off + 3600; /* POSIX default: one hour ahead */
    if (*s && *s != ',') {
        if (!(s = parse_hms(s, 24, &west)))
            return false;
        out->dst_off = -west;
    }
    if (*s == '\0') {
        /* No rule given: tzcode's default is the US rule. */
        out->start = (rh_rule_date){'M', 0, 2, 3, 7200};
        out->end = (rh_rule_date){'M', 0, 1, 11, 7200};
        return true;
    }
    if (*s != ',' || !(s = parse_date(s + 1, &out->start)))
        return false;
    if (*s != ',' || !(s = parse_date(s + 1, &out->end)))
        return false;
    return *s == '\0';
}

/* Day count (since 1970) of rule date d in year y. */
static int64_t rule_day(const rh_rule_date *d, int64_t y)
{
    int64_t jan1 = rh_days_from_civil(y, 1, 1);
    if (d->kind == 'J') /* 1..365, February 29 never counted */
        return jan1 + d->day - 1 + (rh_is_leap(y) && d->day >= 60);
    if (d->kind == 'N')
        return jan1 + d->day;
    int64_t first = rh_days_from_civil(y, d->month, 1);
    int sunday_wd = (rh_weekday(first) + 1) % 7; /* 0 = Sunday */
    int64_t day = first + (d->day - sunday_wd + 7) % 7 + 7 * (d->week - 1);
    int64_t limit = first + rh_days_in_month(y, d->month);
    while (day >= limit) /* week 5 means the last such weekday */
        day -= 7;
    return day;
}

void rh_posix_year(const rh_posix_tz *tz, int64_t y, int64_t *dst_start,
                   int64_t *dst_end)
{
    /* The start time is given in standard time, the end in DST. */
    *dst_start = rule_day(&tz->start, y) * 86400 + tz->start.time - tz->std_off;
    *dst_end = rule_day(&tz->end, y) * 86400 + tz->end.time - tz->dst_off;
}

void rh_posix_at(const rh_posix_tz *tz, int64_t t, int32_t *off, bool *isdst)
{
    *off = tz->std_off;
    *isdst = false;
    if (!tz->has_dst)
        return;
    int64_t y;
    int m, d;
    rh_civil_from_days(rh_floordiv(t + tz->std_off, 86400), &y, &m, &d);
    /* The transitions of the neighbouring years, applied in time order:
     * the last one at or before t is in force.  Ties go to the later
     * year, then to the start, which keeps "all year DST" rules such as
     * "EST5EDT,0/0,J365/25" in DST across New Year. */
    int64_t best = INT64_MIN;
    int best_rank = -1;
    for (int k = 0; k < 3; k++) {
        int64_t s, e;
        rh_posix_year(tz, y - 1 + k, &s, &e);
        int64_t when[2] = {e, s};
        for (int j = 0; j < 2; j++) {
            int rank = 2 * k + j;
            if (when[j] <= t && (when[j] > best ||
                                 (when[j] == best && rank > best_rank))) {
                best = when[j];
                best_rank = rank;
                *isdst = j == 1;
            }
        }
    }
    *off = *isdst ? tz->dst_off : tz->std_off;
}
