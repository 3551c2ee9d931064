/*
 * timeline.c — events per calendar month (UTC) and the months that stand
 * out.  A month "stands out" when its modified z-score
 * 0.6745 (x - median) / MAD is at least 3.5 (Iglewicz & Hoaglin, "How to
 * Detect and Handle Outliers", 1993) and it holds at least twice the
 * median month, over every month from the first event's to the last's
 * (empty months count: a burst after silence is a peak).  When MAD is 0
 * (most months alike) any month above twice the median, and above zero,
 * stands out.  Fewer than three months, or a span over ten thousand
 * years (garbage times), give no peaks.  Relies on civil.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rhythm_internal.h"

#define DAY_MAP_MAX 1000000 /* days; beyond, months are computed per event */
#define MONTHS_MAX 120000   /* ten thousand years: longer spans are garbage */

static int64_t month_number(int64_t days)
{
    int64_t y;
    int m, d;
    rh_civil_from_days(days, &y, &m, &d);
    return y * 12 + (m - 1);
}

/* Count t[i] * scale (seconds), weighted by w[i] (NULL: 1), per month. */
static int fill(cib_timeline *tl, const int64_t *t, const uint64_t *w,
                size_t n, int64_t scale)
{
    memset(tl, 0, sizeof *tl);
    if (n == 0)
        return CIB_OK;
    int64_t lo = t[0], hi = t[0];
    for (size_t i = 1; i < n; i++) {
        lo = t[i] < lo ? t[i] : lo;
        hi = t[i] > hi ? t[i] : hi;
    }
    int64_t d0 = rh_floordiv(lo, 86400 / scale), d1 = rh_floordiv(hi, 86400 / scale);
    int64_t m0 = month_number(d0), m1 = month_number(d1);
    if (m1 - m0 >= MONTHS_MAX)
        return CIB_EINPUT;
    tl->first_year = (int)rh_floordiv(m0, 12);
    tl->first_month = (int)rh_floormod(m0, 12) + 1;
    tl->n_months = (size_t)(m1 - m0 + 1);
    tl->counts = calloc(tl->n_months, sizeof *tl->counts);
    if (tl->counts == NULL)
        return CIB_ENOMEM;
    uint32_t *map = NULL;
    /* a day -> month map pays when events outnumber the days */
    if (d1 - d0 < DAY_MAP_MAX && (uint64_t)(d1 - d0) < (uint64_t)n) {
        map = malloc((size_t)(d1 - d0 + 1) * sizeof *map);
        if (map) /* day -> month index, filled month by month */
            for (int64_t d = d0; d <= d1; d++)
                map[d - d0] = (uint32_t)(month_number(d) - m0);
    }
    for (size_t i = 0; i < n; i++) {
        int64_t d = rh_floordiv(t[i], 86400 / scale);
        size_t k = map ? map[d - d0] : (size_t)(month_number(d) - m0);
        tl->counts[k] += w ? w[i] : 1;
    }
    free(map);
    return CIB_OK;
}

int cib_timeline_new(cib_timeline **out, const int64_t *times, size_t n,
                     cib_error *err)
{
    *out = calloc(1, sizeof **out);
    int rc = *out ? fill(*out, times, NULL, n, 1) : CIB_ENOMEM;
    if (rc != CIB_OK) {
        cib_timeline_free(*out);
        *out = NULL;
        return cib_error_set(err, rc, NULL, 0, rc == CIB_EINPUT
                             ? "events span more than ten thousand years"
                             : "out of memory building the timeline");
    }
    return CIB_OK;
}

void cib_timeline_free(cib_timeline *tl)
{
    if (tl == NULL)
        return;
    free(tl->counts);
    free(tl);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static double median_u64(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_u64);
    return n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
}

typedef struct peak {
    uint64_t count;
    size_t month;
} peak;

static int cmp_peak(const void *a, const void *b)
{
    const peak *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1; /* most active first */
    return (x->month > y->month) - (x->month < y->month);
}

int rh_peak_months(cib_rhythm *out, const rh_bins *b)
{
    out->n_peak_months = 0;
    cib_timeline tl;
    /* bins are quarter hours: 96 to a day */
    int rc = fill(&tl, b->bin, b->count, b->n, RH_BIN_SECONDS);
    if (rc == CIB_EINPUT)
        return CIB_OK; /* a span of garbage times has no peak months */
    if (rc != CIB_OK)
        return rc;
    size_t n = tl.n_months;
    if (n < 3) {
        free(tl.counts);
        return CIB_OK;
    }
    uint64_t *tmp = malloc(n * sizeof *tmp);
    peak *peaks = malloc(n * sizeof *peaks);
    if (tmp == NULL || peaks == NULL) {
        free(tmp);
        free(peaks);
        free(tl.counts);
        return CIB_ENOMEM;
    }
    memcpy(tmp, tl.counts, n * sizeof *tmp);
    double med = median_u64(tmp, n);
    for (size_t i = 0; i < n; i++) /* doubled deviations keep halves exact */
        tmp[i] = (uint64_t)llround(fabs((double)tl.counts[i] - med) * 2);
    double mad = median_u64(tmp, n) / 2;
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        double x = (double)tl.counts[i];
        bool stands_out = x >= 2 * med && x > 0 &&
                          (mad > 0 ? 0.6745 * (x - med) / mad >= 3.5 : x > med);
        if (stands_out)
            peaks[np++] = (peak){tl.counts[i], i};
    }
    qsort(peaks, np, sizeof *peaks, cmp_peak);
    int64_t m0 = (int64_t)tl.first_year * 12 + tl.first_month - 1;
    for (size_t k = 0; k < np && k < CIB_MAX_PEAK_MONTHS; k++) {
        int64_t m = m0 + (int64_t)peaks[k].month;
        /* years outside 0..9999 cannot be written in 7 bytes; they wrap */
        unsigned year = (unsigned)rh_floormod(rh_floordiv(m, 12), 10000) % 10000u;
        unsigned month = (unsigned)(rh_floormod(m, 12) + 1) % 100u;
        snprintf(out->peak_months[k], sizeof out->peak_months[k], "%04u-%02u",
                 year, month);
        out->n_peak_months++;
    }
    free(tmp);
    free(peaks);
    free(tl.counts);
    return CIB_OK;
}
