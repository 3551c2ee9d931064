/*
 * charts.h — the pictures of report.html, drawn with cairo into SVG in
 * memory and written inline into the page (no scripts, no fonts to fetch:
 * cairo turns text into glyph outlines).  Internal to src/report.
 *
 * Colours are readable by colour-blind readers: viridis for quantities
 * (van der Walt & Smith's matplotlib colormap, perceptually uniform and
 * monotone in lightness) and the Okabe & Ito (2008, "Color Universal
 * Design") palette for categories, with a second cue (dash, shape) where
 * two series must be told apart.
 *
 * Every chart function writes one <svg> element to the page and returns 0,
 * CIB_ENOMEM, or CIB_EIO when cairo fails.  `id` (letters, digits and
 * '-') prefixes every id inside the SVG, so that many charts can share a
 * page, and `label` (plain text, escaped here) is its accessible name.
 */
#ifndef CIB_REPORT_CHARTS_H
#define CIB_REPORT_CHARTS_H

#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../common/common.h"

/* ------------------------------------------------------------ kit */

typedef struct cib_rgb {
    double r, g, b;
} cib_rgb;

/* Okabe-Ito colour i (0 orange, 1 sky blue, 2 bluish green, 3 yellow,
 * 4 blue, 5 vermillion, 6 reddish purple, 7 black), i taken modulo 8. */
cib_rgb cib_okabe_ito(unsigned i);

/* Viridis at t in [0, 1] (clamped), interpolated between nine stops. */
cib_rgb cib_viridis(double t);

/* The glyph outlines already written into the page.  cairo writes the
 * outline of every glyph a chart uses into that chart's SVG (about 40 KB
 * a chart); the page keeps one copy of each, with a page-wide id
 * ("cibg<n>"), and later charts refer to it.  Browsers resolve such a
 * reference within the whole HTML document. */
typedef struct cib_glyphs {
    char **outline;  /* path elements, in order of first use */
    uint64_t *hash;
    size_t n, cap;
} cib_glyphs;

void cib_glyphs_free(cib_glyphs *g);

/* Where charts go: the page's stream and its glyph table. */
typedef struct cib_page {
    FILE *f;
    cib_glyphs glyphs;
    int bad; /* a glyph could not be recorded (no memory) */
} cib_page;

/* An SVG canvas of w x h CSS pixels; cairo_t to draw with. */
typedef struct cib_canvas {
    cairo_surface_t *surface;
    cairo_t *cr;
    char *data; /* the SVG bytes written by cairo so far */
    size_t len, cap;
    int bad;
    double w, h;
} cib_canvas;

/* Start a canvas; returns 0 or CIB_ENOMEM. */
int cib_canvas_begin(cib_canvas *c, double w, double h);

/* Finish the drawing and write it to the page as an inline <svg> (ids
 * prefixed with `id`, glyphs shared through pg->glyphs, role img,
 * aria-label `label`, class "chart-svg"); frees the canvas whatever
 * happens.  Returns 0 (also when cairo could not draw: a note takes the
 * picture's place), CIB_ENOMEM, or CIB_EIO when cairo wrote no SVG. */
int cib_canvas_end(cib_canvas *c, cib_page *pg, const char *id,
                   const char *label);

/* Free a canvas without writing it. */
void cib_canvas_abort(cib_canvas *c);

enum { CIB_LEFT, CIB_CENTER, CIB_RIGHT };

/* Text at (x, y) (baseline), of `size` px, anchored left/centre/right;
 * `angle` in radians (counter-clockwise turn: -pi/2 reads upwards).
 * Invalid UTF-8 is drawn as '?', control characters as spaces; text past
 * about 500 bytes is cut. */
void cib_text(cairo_t *cr, double x, double y, const char *s, double size,
              int anchor, double angle);

/* A "nice" step (1, 2 or 5 x 10^k) giving about n ticks from 0 to max. */
double cib_nice_step(double max, int n);

/* Format a tick value: "0", "2.5", "1,200", "12k", "3.4M". */
void cib_tick_label(double v, char *buf, size_t n);

/* Horizontal grid lines and tick labels (cib_tick_label) from 0 to ymax
 * every `step`, for a plot of pw x ph px whose top left is (ml, mt);
 * leaves the line width at 1. */
void cib_y_grid(cairo_t *cr, double ml, double mt, double pw, double ph,
                double ymax, double step);

/* Release what cairo and fontconfig keep after drawing (font caches,
 * the font configuration), so that the process ends leak-free under
 * LeakSanitizer.  Only when no cairo object is alive: the report calls it
 * once, after its last chart; drawing again afterwards is fine (both
 * libraries start over). */
void cib_charts_release(void);

/* ------------------------------------------------------------ charts */

/* Hour-of-week heatmap: 7 rows Mon..Sun by 24 hours, counts[168] Monday
 * 00:00 first, viridis by count (grey: none), with a colour key.
 * `clock` names the clock in the x-axis title ("Europe/Tirane", "UTC"). */
int cib_chart_heatmap(cib_page *pg, const char *id, const char *label,
                      const uint64_t counts[168], const char *clock);

/* Daily profile: share of events per hour of day (24, each in [0, 1]),
 * the cluster solid with dots against the population dashed. */
int cib_chart_daily(cib_page *pg, const char *id, const char *label,
                    const double cluster[24], const double population[24],
                    bool has_population, const char *clock);

/* Timeline of n event times (Unix s, any order): bars per month when the
 * span is at least 90 days, per day from 3 days, per hour below that;
 * months listed in peaks (n_peaks "YYYY-MM" strings) are drawn in
 * vermillion.  Returns CIB_OK drawing "no events" when n == 0. */
int cib_chart_timeline(cib_page *pg, const char *id, const char *label,
                       const int64_t *times, size_t n,
                       const char (*peaks)[8], unsigned n_peaks);

/* A node of the network picture. */
typedef struct cib_net_node {
    const char *label; /* drawn beside the node when labels are on; may be
                          NULL */
    unsigned colour;   /* Okabe-Ito index, or ~0u for grey */
    unsigned shape;    /* 0 circle, 1 square, 2 triangle */
    double size;       /* relative, >= 0 (e.g. log of followers) */
    uint32_t group;    /* nodes of one group are laid out together */
} cib_net_node;

typedef struct cib_net_edge {
    uint32_t a, b; /* node indices */
    double weight; /* > 0 */
} cib_net_edge;

/* A key entry of the network picture. */
typedef struct cib_net_key {
    const char *label;
    unsigned colour, shape;
} cib_net_key;

/* The network picture, w x h px: a Fruchterman-Reingold layout (igraph,
 * seeded with `seed`, weights log(1 + w); igraph's grid variant above
 * 1,000 nodes) of each group of nodes (groups numbered 0, 1, ... in the
 * order to place them, largest first), the groups packed in rows, drawn
 * with cairo, edge width and opacity by weight.  Labels are drawn
 * when `labels` is set.  Needs igraph's error handler to return codes
 * (main installs igraph_error_handler_ignore).  Returns 0, CIB_ENOMEM or
 * CIB_EIO. */
int cib_chart_network(cib_page *pg, const char *id, const char *label,
                      double w, double h, const cib_net_node *nodes, size_t n,
                      const cib_net_edge *edges, size_t m, bool labels,
                      const cib_net_key *keys, size_t n_keys, uint64_t seed);

#endif
