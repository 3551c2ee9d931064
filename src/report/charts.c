/*
 * charts.c — the chart kit of charts.h: an SVG canvas in memory, the two
 * palettes, text and tick helpers.  Relies on cairo's SVG surface.
 *
 * Why ids are rewritten: cairo names the glyphs, clips and patterns of
 * every SVG it writes "glyph0-1", "clip1", ... and a page holding several
 * such SVGs inline would resolve every "#glyph0-1" to the first chart's
 * glyph.  Prefixing each id (and each reference to one) with the chart's
 * own id keeps them apart without giving up inline SVG.
 */
#include "charts.h"

#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"

#include <utf8proc.h>

cib_rgb cib_okabe_ito(unsigned i)
{
    static const cib_rgb P[8] = {
        {0.902, 0.624, 0.000}, {0.337, 0.706, 0.914}, {0.000, 0.620, 0.451},
        {0.941, 0.894, 0.259}, {0.000, 0.447, 0.698}, {0.835, 0.369, 0.000},
        {0.800, 0.475, 0.655}, {0.000, 0.000, 0.000},
    };
    return P[i % 8];
}

cib_rgb cib_viridis(double t)
{
    /* matplotlib's viridis at 0, 1/8, ..., 1 */
    static const cib_rgb V[9] = {
        {0.267, 0.005, 0.329}, {0.279, 0.175, 0.483}, {0.230, 0.322, 0.546},
        {0.173, 0.449, 0.558}, {0.128, 0.567, 0.551}, {0.153, 0.680, 0.506},
        {0.369, 0.789, 0.383}, {0.678, 0.864, 0.190}, {0.993, 0.906, 0.144},
    };
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    double x = t * 8;
    int i = (int)x;
    if (i >= 8)
        return V[8];
    double f = x - i;
    return (cib_rgb){V[i].r + f * (V[i + 1].r - V[i].r),
                     V[i].g + f * (V[i + 1].g - V[i].g),
                     V[i].b + f * (V[i + 1].b - V[i].b)};
}

/* ------------------------------------------------------------ canvas */

static cairo_status_t on_write(void *closure, const unsigned char *data,
                               unsigned int length)
{
    cib_canvas *c = closure;
    if (cib_grow((void **)&c->data, &c->cap, c->len + length + 1, 1)) {
        c->bad = 1;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    memcpy(c->data + c->len, data, length);
    c->len += length;
    c->data[c->len] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

int cib_canvas_begin(cib_canvas *c, double w, double h)
{
    memset(c, 0, sizeof *c);
    c->w = w;
    c->h = h;
    c->surface = cairo_svg_surface_create_for_stream(on_write, c, w, h);
    if (cairo_surface_status(c->surface) != CAIRO_STATUS_SUCCESS) {
        cib_canvas_abort(c);
        return CIB_ENOMEM;
    }
    cairo_svg_surface_set_document_unit(c->surface, CAIRO_SVG_UNIT_PX);
    c->cr = cairo_create(c->surface);
    if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS) {
        cib_canvas_abort(c);
        return CIB_ENOMEM;
    }
    cairo_select_font_face(c->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_source_rgb(c->cr, 1, 1, 1);
    cairo_paint(c->cr);
    return CIB_OK;
}

void cib_canvas_abort(cib_canvas *c)
{
    if (c->cr)
        cairo_destroy(c->cr);
    if (c->surface)
        cairo_surface_destroy(c->surface);
    free(c->data);
    memset(c, 0, sizeof *c);
}

void cib_glyphs_free(cib_glyphs *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->outline[i]);
    free(g->outline);
    free(g->hash);
    memset(g, 0, sizeof *g);
}

/* The page-wide number of the outline s[0..n), added when new (*fresh
 * set); SIZE_MAX when memory runs out. */
static size_t glyph_index(cib_glyphs *g, const char *s, size_t n, bool *fresh)
{
    uint64_t h = cib_hash64(s, n, 0);
    *fresh = false;
    for (size_t i = 0; i < g->n; i++)
        if (g->hash[i] == h && strlen(g->outline[i]) == n &&
            memcmp(g->outline[i], s, n) == 0)
            return i;
    char *copy = strndup(s, n);
    size_t cap = g->cap;
    if (copy == NULL ||
        cib_grow((void **)&g->outline, &cap, g->n + 1, sizeof *g->outline) ||
        cib_grow((void **)&g->hash, &g->cap, g->n + 1, sizeof *g->hash)) {
        free(copy);
        return SIZE_MAX;
    }
    g->outline[g->n] = copy;
    g->hash[g->n] = h;
    *fresh = true;
    return g->n++;
}

/* A chart's local glyph id ("glyph0-3") and its page-wide number. */
typedef struct glyph_map {
    char local[32];
    size_t global;
} glyph_map;

static const char SYMBOL[] = "<symbol overflow=\"visible\" id=\"";
static const char SYMBOL_END[] = "</symbol>";
static const char GLYPH_REF[] = "href=\"#glyph";

static bool at(const char *s, size_t n, size_t i, const char *key)
{
    size_t len = strlen(key);
    return n - i >= len && memcmp(s + i, key, len) == 0;
}

/* Write s[0..n): glyph symbols the page has already are dropped and
 * references to them point at the page's copy; every other id (and
 * reference to one) gets the chart's prefix. */
static int put_svg(cib_page *pg, const char *s, size_t n, const char *id)
{
    static const char *const KEYS[] = {"id=\"", "href=\"#", "url(#"};
    FILE *f = pg->f;
    glyph_map *map = NULL;
    size_t n_map = 0, cap_map = 0, i = 0;
    while (i < n) {
        if (at(s, n, i, SYMBOL)) { /* <symbol ... id="L"> body </symbol> */
            const char *lid = s + i + strlen(SYMBOL);
            const char *q = memchr(lid, '"', n - (size_t)(lid - s));
            const char *body = q ? strstr(q, ">") : NULL;
            const char *end = body ? strstr(body, SYMBOL_END) : NULL;
            if (end == NULL || (size_t)(q - lid) >= sizeof map->local)
                goto plain;
            body++;
            bool fresh;
            size_t g = glyph_index(&pg->glyphs, body, (size_t)(end - body),
                                   &fresh);
            if (g == SIZE_MAX ||
                cib_grow((void **)&map, &cap_map, n_map + 1, sizeof *map)) {
                free(map);
                return CIB_ENOMEM;
            }
            memcpy(map[n_map].local, lid, (size_t)(q - lid));
            map[n_map].local[q - lid] = '\0';
            map[n_map++].global = g;
            if (fresh)
                fprintf(f, "%scibg%zu\">%s%s", SYMBOL, g,
                        pg->glyphs.outline[g], SYMBOL_END);
            i = (size_t)(end - s) + strlen(SYMBOL_END);
            if (i < n && s[i] == '\n')
                i++;
            continue;
        }
        if (at(s, n, i, GLYPH_REF)) { /* href="#glyph0-3" */
            const char *lid = s + i + strlen("href=\"#");
            const char *q = memchr(lid, '"', n - (size_t)(lid - s));
            size_t k = 0;
            while (q && k < n_map &&
                   !(strlen(map[k].local) == (size_t)(q - lid) &&
                     memcmp(map[k].local, lid, (size_t)(q - lid)) == 0))
                k++;
            if (q && k < n_map) {
                fprintf(f, "href=\"#cibg%zu\"", map[k].global);
                i = (size_t)(q - s) + 1;
                continue;
            }
        }
    plain:;
        size_t k = 0, len = 0;
        for (; k < 3; k++) {
            len = strlen(KEYS[k]);
            if (at(s, n, i, KEYS[k]))
                break;
        }
        if (k < 3) {
            fwrite(s + i, 1, len, f);
            fprintf(f, "%s-", id);
            i += len;
        } else {
            fputc(s[i++], f);
        }
    }
    free(map);
    return CIB_OK;
}

int cib_canvas_end(cib_canvas *c, cib_page *pg, const char *id,
                   const char *label)
{
    cairo_destroy(c->cr);
    c->cr = NULL;
    cairo_surface_finish(c->surface);
    cairo_status_t st = cairo_surface_status(c->surface);
    cairo_surface_destroy(c->surface);
    c->surface = NULL;
    int rc = c->bad || st == CAIRO_STATUS_NO_MEMORY ? CIB_ENOMEM : CIB_OK;
    if (rc == CIB_OK && (st != CAIRO_STATUS_SUCCESS || c->data == NULL)) {
        /* a picture cairo could not draw is said so; the page goes on */
        fprintf(pg->f, "<p class=\"muted\">(picture not drawn: %s)</p>",
                cairo_status_to_string(st));
    } else if (rc == CIB_OK) {
        /* drop the XML declaration: the <svg> element goes into HTML */
        const char *svg = strstr(c->data, "<svg");
        if (svg == NULL) {
            rc = CIB_EIO;
        } else {
            svg += 4;
            fputs("<svg class=\"chart-svg\" role=\"img\" aria-label=\"", pg->f);
            cib_markup_escapes(pg->f, label);
            fputc('"', pg->f);
            rc = put_svg(pg, svg, c->len - (size_t)(svg - c->data), id);
        }
    }
    free(c->data);
    memset(c, 0, sizeof *c);
    return rc;
}

/* ------------------------------------------------------------ helpers */

/* s as valid UTF-8 into buf (invalid bytes become '?', control
 * characters a space): cairo refuses invalid UTF-8 by failing the whole
 * surface, and a label must never cost the picture. */
static const char *valid_utf8(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s), o = 0, i = 0;
    while (i < len && o + 5 < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) {
            buf[o++] = '?';
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            buf[o++] = ' ';
            i += (size_t)k;
        } else {
            memcpy(buf + o, s + i, (size_t)k);
            o += (size_t)k;
            i += (size_t)k;
        }
    }
    buf[o] = '\0';
    return buf;
}

void cib_text(cairo_t *cr, double x, double y, const char *text, double size,
              int anchor, double angle)
{
    char buf[512];
    const char *s = valid_utf8(text, buf, sizeof buf);
    cairo_save(cr);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, s, &ext);
    cairo_translate(cr, x, y);
    if (angle != 0)
        cairo_rotate(cr, angle);
    double dx = anchor == CIB_CENTER ? -ext.x_advance / 2
                : anchor == CIB_RIGHT ? -ext.x_advance
                                      : 0;
    cairo_move_to(cr, dx, 0);
    cairo_show_text(cr, s);
    cairo_restore(cr);
}

double cib_nice_step(double max, int n)
{
    if (!(max > 0) || n < 1)
        return 1;
    double raw = max / n;
    double mag = pow(10, floor(log10(raw)));
    double r = raw / mag;
    double step = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10;
    return step * mag;
}

void cib_tick_label(double v, char *buf, size_t n)
{
    double a = fabs(v);
    if (a >= 1e6)
        snprintf(buf, n, "%gM", v / 1e6);
    else if (a >= 1e4)
        snprintf(buf, n, "%gk", v / 1e3);
    else if (a >= 1000)
        snprintf(buf, n, "%d,%03d", (int)(v / 1000), (int)fmod(a, 1000));
    else
        snprintf(buf, n, "%g", v);
}

void cib_y_grid(cairo_t *cr, double ml, double mt, double pw, double ph,
                double ymax, double step)
{
    char buf[32];
    cairo_set_line_width(cr, 1);
    for (double t = 0; t <= ymax + step / 2; t += step) {
        double y = mt + ph - t / ymax * ph;
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, ml, y);
        cairo_line_to(cr, ml + pw, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cib_tick_label(t, buf, sizeof buf);
        cib_text(cr, ml - 6, y + 4, buf, 11, CIB_RIGHT, 0);
    }
}

void cib_charts_release(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
