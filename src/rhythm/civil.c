/*
 * civil.c — proleptic Gregorian calendar arithmetic on day counts since
 * 1970-01-01, used by the POSIX TZ rules (which day is "the last Sunday of
 * March") and by the monthly timeline.  Pure integer arithmetic, no libc
 * time functions: gmtime/timegm would be slower and have range limits.
 *
 * The conversion works in 400-year eras starting on 1 March, so that the
 * leap day is the last day of the shifted year; this is the standard
 * era/day-of-era decomposition (as described by H. Hinnant, "chrono-
 * compatible low-level date algorithms").
 */
#include "rhythm_internal.h"

bool rh_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int rh_days_in_month(int64_t y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && rh_is_leap(y))
        return 29;
    return len[m - 1];
}

int64_t rh_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;                              /* year starts in March */
    int64_t era = rh_floordiv(y, 400);
    int64_t yoe = y - era * 400;              /* 0..399 */
    int64_t mp = (m + 9) % 12;                /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d - 1; /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;       /* 719468: 0000-03-01 .. 1970 */
}

void rh_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    int64_t z = days + 719468;
    int64_t era = rh_floordiv(z, 146097);
    int64_t doe = z - era * 146097;                               /* 0..146096 */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);        /* 0..365 */
    int64_t mp = (5 * doy + 2) / 153;                             /* 0..11 */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}
