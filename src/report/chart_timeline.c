/*
 * chart_timeline.c — when a cluster was active: events per month (per day
 * or per hour for short spans, where a month bar would say nothing), UTC,
 * peak months in vermillion.  Relies on the chart kit and libc's
 * gmtime_r / timegm for calendar months.
 */
#include "charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BY_MONTH, BY_DAY, BY_HOUR };

static int64_t floordiv(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t month_of(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL)
        return 0;
    return ((int64_t)tm.tm_year + 1900) * 12 + tm.tm_mon;
}

static int64_t bin_of(int64_t t, int unit)
{
    return unit == BY_MONTH ? month_of(t)
           : unit == BY_DAY ? floordiv(t, 86400)
                            : floordiv(t, 3600);
}

/* Label of bin b: "2017-05", "10-06", "10-06 14h". */
static void bin_label(int64_t b, int unit, char *buf, size_t n)
{
    if (unit == BY_MONTH) {
        int64_t y = floordiv(b, 12);
        snprintf(buf, n, "%04lld-%02d", (long long)y, (int)(b - y * 12 + 1));
        return;
    }
    time_t tt = (time_t)(unit == BY_DAY ? b * 86400 : b * 3600);
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL) {
        snprintf(buf, n, "?");
        return;
    }
    if (unit == BY_DAY)
        snprintf(buf, n, "%02d-%02d", tm.tm_mon + 1, tm.tm_mday);
    else
        snprintf(buf, n, "%02d-%02d %02dh", tm.tm_mon + 1, tm.tm_mday,
                 tm.tm_hour);
}

#define MAX_BARS 2400 /* two centuries of months: beyond, times are junk */

int cib_chart_timeline(cib_page *pg, const char *id, const char *label,
                       const int64_t *times, size_t n,
                       const char (*peaks)[8], unsigned n_peaks)
{
    const double W = 580, H = 236, ml = 56, mr = 14, mt = 26, mb = 50;
    const double pw = W - ml - mr, ph = H - mt - mb;
    int64_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || times[i] < lo)
            lo = times[i];
        if (i == 0 || times[i] > hi)
            hi = times[i];
    }
    int unit = hi - lo >= 90 * 86400 ? BY_MONTH
               : hi - lo >= 3 * 86400 ? BY_DAY
                                      : BY_HOUR;
    int64_t b0 = bin_of(lo, unit), b1 = bin_of(hi, unit);
    if (b1 - b0 >= MAX_BARS)
        b1 = b0 + MAX_BARS - 1;
    size_t nb = n ? (size_t)(b1 - b0 + 1) : 0;
    uint64_t *bars = calloc(nb + 1, sizeof *bars);
    if (bars == NULL)
        return CIB_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int64_t b = bin_of(times[i], unit) - b0;
        if (b >= 0 && (size_t)b < nb)
            bars[b]++;
    }
    uint64_t max = 0;
    for (size_t b = 0; b < nb; b++)
        max = bars[b] > max ? bars[b] : max;

    cib_canvas c;
    int rc = cib_canvas_begin(&c, W, H);
    if (rc) {
        free(bars);
        return rc;
    }
    cairo_t *cr = c.cr;
    char buf[64];
    double step = cib_nice_step((double)max, 4);
    double ymax = max ? ceil((double)max / step) * step : 1;
    cib_y_grid(cr, ml, mt, pw, ph, ymax, step);
    static const char *const UNIT[] = {"month", "day", "hour"};
    snprintf(buf, sizeof buf, "events per %s", UNIT[unit]);
    cib_text(cr, 14, mt + ph / 2, buf, 11, CIB_CENTER, -M_PI / 2);
    snprintf(buf, sizeof buf, "%s (UTC)", UNIT[unit]);
    cib_text(cr, ml + pw / 2, H - 8, buf, 11, CIB_CENTER, 0);
    if (nb == 0)
        cib_text(cr, ml + pw / 2, mt + ph / 2, "no events", 11, CIB_CENTER, 0);

    double bw = nb ? pw / (double)nb : 0, gap = bw > 4 ? 1 : 0;
    bool any_peak = false;
    size_t every = nb / 7 + 1; /* at most about eight labels */
    /* bars in two passes, ordinary then peak, one path each */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t b = 0; b < nb; b++) {
            char name[32];
            bin_label(b0 + (int64_t)b, unit, name, sizeof name);
            bool peak = false;
            for (unsigned p = 0; unit == BY_MONTH && p < n_peaks; p++)
                peak = peak || strncmp(peaks[p], name, 7) == 0;
            any_peak = any_peak || peak;
            if (peak != (pass == 1) || bars[b] == 0)
                continue;
            double h = (double)bars[b] / ymax * ph;
            cairo_rectangle(cr, ml + b * bw + gap / 2, mt + ph - h,
                            bw - gap > 0.5 ? bw - gap : 0.5, h);
        }
        cib_rgb col = cib_okabe_ito(pass ? 5 : 4);
        cairo_set_source_rgb(cr, col.r, col.g, col.b);
        cairo_fill(cr);
    }
    for (size_t b = 0; b < nb; b++) {
        char name[32];
        bin_label(b0 + (int64_t)b, unit, name, sizeof name);
        if (b % every == 0) {
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
            double x = ml + (b + 0.5) * bw;
            cairo_move_to(cr, x, mt + ph);
            cairo_line_to(cr, x, mt + ph + 4);
            cairo_stroke(cr);
            cib_text(cr, x, mt + ph + 16, name, 11, CIB_CENTER, 0);
        }
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_move_to(cr, ml, mt + ph);
    cairo_line_to(cr, ml + pw, mt + ph);
    cairo_stroke(cr);
    /* key */
    cib_rgb blue = cib_okabe_ito(4), red = cib_okabe_ito(5);
    cairo_set_source_rgb(cr, blue.r, blue.g, blue.b);
    cairo_rectangle(cr, ml + 4, 6, 12, 10);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    snprintf(buf, sizeof buf, "events per %s", UNIT[unit]);
    cib_text(cr, ml + 22, 15, buf, 11, CIB_LEFT, 0);
    if (any_peak) {
        cairo_set_source_rgb(cr, red.r, red.g, red.b);
        cairo_rectangle(cr, ml + 170, 6, 12, 10);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cib_text(cr, ml + 188, 15, "peak month (stands out from the median)",
                 11, CIB_LEFT, 0);
    }
    free(bars);
    return cib_canvas_end(&c, pg, id, label);
}
