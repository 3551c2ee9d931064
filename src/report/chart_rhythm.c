/*
 * chart_rhythm.c — the two pictures of a cluster's working rhythm: the
 * hour-of-week heatmap (office hours, the lunch dip and rest days show as
 * a lit block with a dark notch and dark rows) and the daily profile
 * against everyone's.  Relies on the chart kit (charts.c) and cairo.
 */
#include "charts.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

static const char *const DAYS[7] = {"Mon", "Tue", "Wed", "Thu",
                                    "Fri", "Sat", "Sun"};

static void rgb(cairo_t *cr, cib_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void axis_colour(cairo_t *cr)
{
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
}

int cib_chart_heatmap(cib_page *pg, const char *id, const char *label,
                      const uint64_t counts[168], const char *clock)
{
    const double ml = 44, mt = 8, cw = 22, ch = 20;
    cib_canvas c;
    int rc = cib_canvas_begin(&c, ml + 24 * cw + 12, 236);
    if (rc)
        return rc;
    cairo_t *cr = c.cr;
    uint64_t max = 0;
    for (int i = 0; i < 168; i++)
        max = counts[i] > max ? counts[i] : max;
    /* Cells are filled per colour level (level 0: no events, grey; then
     * LEVELS steps of viridis, finer than the eye tells apart): one path
     * per level keeps the SVG small. */
    enum { LEVELS = 48 };
    int level[168];
    for (int i = 0; i < 168; i++)
        level[i] = counts[i] == 0 ? 0
                   : 1 + (int)lround((double)counts[i] / (double)max *
                                     (LEVELS - 1));
    for (int l = 0; l <= LEVELS; l++) {
        bool any = false;
        for (int i = 0; i < 168; i++) {
            if (level[i] != l)
                continue;
            int d = i / 24, h = i % 24;
            cairo_rectangle(cr, ml + h * cw + 0.5, mt + d * ch + 0.5, cw - 1,
                            ch - 1);
            any = true;
        }
        if (!any)
            continue;
        if (l == 0)
            cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
        else
            rgb(cr, cib_viridis((double)(l - 1) / (LEVELS - 1)));
        cairo_fill(cr);
    }
    for (int d = 0; d < 7; d++) {
        axis_colour(cr);
        cib_text(cr, ml - 6, mt + d * ch + ch * 0.7, DAYS[d], 11, CIB_RIGHT,
                 0);
    }
    double gy = mt + 7 * ch;
    axis_colour(cr);
    char buf[96];
    for (int h = 0; h <= 24; h += 3) {
        cairo_move_to(cr, ml + h * cw, gy);
        cairo_line_to(cr, ml + h * cw, gy + 4);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        snprintf(buf, sizeof buf, "%02d", h % 24 == 0 && h ? 24 : h);
        cib_text(cr, ml + h * cw, gy + 16, buf, 11, CIB_CENTER, 0);
    }
    snprintf(buf, sizeof buf, "hour of day, local time (%s)", clock);
    cib_text(cr, ml + 12 * cw, gy + 32, buf, 11, CIB_CENTER, 0);

    /* colour key: a viridis bar from 1 to the busiest hour, grey = none */
    double ky = gy + 46, kx = ml, kw = 200;
    cairo_pattern_t *grad = cairo_pattern_create_linear(kx, 0, kx + kw, 0);
    for (int i = 0; i <= 8; i++) {
        cib_rgb v = cib_viridis(i / 8.0);
        cairo_pattern_add_color_stop_rgb(grad, i / 8.0, v.r, v.g, v.b);
    }
    cairo_set_source(cr, grad);
    cairo_rectangle(cr, kx, ky, kw, 10);
    cairo_fill(cr);
    cairo_pattern_destroy(grad);
    axis_colour(cr);
    cib_text(cr, kx, ky + 22, "1", 11, CIB_LEFT, 0);
    snprintf(buf, sizeof buf, "%llu events", (unsigned long long)max);
    cib_text(cr, kx + kw, ky + 22, buf, 11, CIB_RIGHT, 0);
    cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
    cairo_rectangle(cr, kx + kw + 24, ky, 14, 10);
    cairo_fill(cr);
    axis_colour(cr);
    cib_text(cr, kx + kw + 42, ky + 9, "no events", 11, CIB_LEFT, 0);
    cib_text(cr, kx + kw + 120, ky + 9, "colour: events in that hour, summed",
             10, CIB_LEFT, 0);
    cib_text(cr, kx + kw + 120, ky + 21, "over all weeks (linear scale)", 11,
             CIB_LEFT, 0);
    return cib_canvas_end(&c, pg, id, label);
}

/* One series of the daily chart. */
static void series(cairo_t *cr, const double v[24], double x0, double pw,
                   double y0, double ph, double ymax, bool dashed, cib_rgb col)
{
    rgb(cr, col);
    cairo_set_line_width(cr, dashed ? 2 : 2.5);
    double dash[] = {6, 4};
    cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
    for (int h = 0; h < 24; h++) {
        double x = x0 + (h + 0.5) * pw / 24, y = y0 + ph - v[h] / ymax * ph;
        if (h == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    if (dashed)
        return;
    for (int h = 0; h < 24; h++) {
        double x = x0 + (h + 0.5) * pw / 24, y = y0 + ph - v[h] / ymax * ph;
        cairo_arc(cr, x, y, 3, 0, 2 * M_PI);
        cairo_fill(cr);
    }
}

int cib_chart_daily(cib_page *pg, const char *id, const char *label,
                    const double cluster[24], const double population[24],
                    bool has_population, const char *clock)
{
    const double W = 580, H = 236, ml = 52, mr = 14, mt = 30, mb = 46;
    const double pw = W - ml - mr, ph = H - mt - mb;
    cib_canvas c;
    int rc = cib_canvas_begin(&c, W, H);
    if (rc)
        return rc;
    cairo_t *cr = c.cr;
    double max = 0;
    for (int h = 0; h < 24; h++) {
        max = cluster[h] > max ? cluster[h] : max;
        if (has_population)
            max = population[h] > max ? population[h] : max;
    }
    /* percent axis */
    double step = cib_nice_step(max * 100, 4);
    double ymax = ceil(max * 100 / step) * step;
    if (!(ymax > 0))
        ymax = step;
    char buf[96];
    cib_y_grid(cr, ml, mt, pw, ph, ymax, step);
    axis_colour(cr);
    cib_text(cr, 14, mt + ph / 2, "share of events (%)", 11, CIB_CENTER,
             -M_PI / 2);
    cairo_move_to(cr, ml, mt + ph);
    cairo_line_to(cr, ml + pw, mt + ph);
    cairo_stroke(cr);
    for (int h = 0; h <= 24; h += 3) {
        double x = ml + h * pw / 24;
        cairo_move_to(cr, x, mt + ph);
        cairo_line_to(cr, x, mt + ph + 4);
        cairo_stroke(cr);
        snprintf(buf, sizeof buf, "%02d", h);
        cib_text(cr, x, mt + ph + 16, buf, 11, CIB_CENTER, 0);
    }
    snprintf(buf, sizeof buf, "hour of day, local time (%s)", clock);
    cib_text(cr, ml + pw / 2, H - 8, buf, 11, CIB_CENTER, 0);

    /* series: values in percent against ymax */
    double a[24], b[24];
    for (int h = 0; h < 24; h++) {
        a[h] = cluster[h] * 100;
        b[h] = population[h] * 100;
    }
    if (has_population)
        series(cr, b, ml, pw, mt, ph, ymax, true, cib_okabe_ito(0));
    series(cr, a, ml, pw, mt, ph, ymax, false, cib_okabe_ito(4));

    /* key */
    rgb(cr, cib_okabe_ito(4));
    cairo_set_line_width(cr, 2.5);
    cairo_move_to(cr, ml + 4, 12);
    cairo_line_to(cr, ml + 30, 12);
    cairo_stroke(cr);
    axis_colour(cr);
    cib_text(cr, ml + 36, 16, "this cluster", 11, CIB_LEFT, 0);
    if (has_population) {
        rgb(cr, cib_okabe_ito(0));
        double dash[] = {6, 4};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 2);
        cairo_move_to(cr, ml + 140, 12);
        cairo_line_to(cr, ml + 166, 12);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        axis_colour(cr);
        cib_text(cr, ml + 172, 16, "all accounts in the data, same clock", 11,
                 CIB_LEFT, 0);
    }
    return cib_canvas_end(&c, pg, id, label);
}
