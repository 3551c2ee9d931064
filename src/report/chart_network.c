/*
 * chart_network.c — the network picture: who co-acted with whom.  The
 * layout is igraph's Fruchterman-Reingold (Fruchterman & Reingold 1991,
 * "Graph drawing by force-directed placement", Software: Practice and
 * Experience 21(11)), seeded so that a run draws the same picture every
 * time; drawing is cairo.  Relies on igraph and the chart kit.
 *
 * Edge weights enter the layout as log(1 + w): raw co-action counts span
 * orders of magnitude and would pull the strongest pair into one point.
 */
#include "charts.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>

/* Fruchterman-Reingold positions of n nodes in [0, 1]^2 into xy (2n). */
static int layout_one(double *xy, size_t n, const cib_net_edge *edges,
                      size_t m, uint64_t seed)
{
    if (n <= 1) {
        if (n)
            xy[0] = xy[1] = 0.5;
        return CIB_OK;
    }
    igraph_vector_int_t ev;
    igraph_vector_t w;
    igraph_matrix_t res;
    igraph_t g;
    igraph_rng_t rng;
    int made = 0, rc = CIB_ENOMEM;
    if (igraph_vector_int_init(&ev, 2 * (igraph_integer_t)m))
        goto done;
    made++;
    if (igraph_vector_init(&w, (igraph_integer_t)m))
        goto done;
    made++;
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = edges[i].a;
        VECTOR(ev)[2 * i + 1] = edges[i].b;
        VECTOR(w)[i] = log1p(edges[i].weight > 0 ? edges[i].weight : 0);
    }
    if (igraph_create(&g, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED))
        goto done;
    made++;
    if (igraph_matrix_init(&res, 0, 0))
        goto done;
    made++;
    if (igraph_rng_init(&rng, &igraph_rngtype_pcg32))
        goto done;
    made++;
    if (igraph_rng_seed(&rng, (igraph_uint_t)seed))
        goto done;
    igraph_rng_t *previous = igraph_rng_default();
    igraph_rng_set_default(&rng);
    igraph_error_t e = igraph_layout_fruchterman_reingold(
        &g, &res, false, n > 1000 ? 80 : n > 200 ? 150 : 500,
        sqrt((double)n),
        n > 1000 ? IGRAPH_LAYOUT_GRID : IGRAPH_LAYOUT_NOGRID,
        m ? &w : NULL, NULL, NULL, NULL, NULL);
    igraph_rng_set_default(previous);
    if (e)
        goto done;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double x = MATRIX(res, i, 0), y = MATRIX(res, i, 1);
        x0 = fmin(x0, x); x1 = fmax(x1, x);
        y0 = fmin(y0, y); y1 = fmax(y1, y);
    }
    double sx = x1 > x0 ? x1 - x0 : 1, sy = y1 > y0 ? y1 - y0 : 1;
    for (size_t i = 0; i < n; i++) {
        xy[2 * i] = (MATRIX(res, i, 0) - x0) / sx;
        xy[2 * i + 1] = (MATRIX(res, i, 1) - y0) / sy;
    }
    rc = CIB_OK;
done:
    switch (made) { /* destroy in reverse order of making */
    case 5: igraph_rng_destroy(&rng); /* fall through */
    case 4: igraph_matrix_destroy(&res); /* fall through */
    case 3: igraph_destroy(&g); /* fall through */
    case 2: igraph_vector_destroy(&w); /* fall through */
    case 1: igraph_vector_int_destroy(&ev); /* fall through */
    default: break;
    }
    return rc;
}

/* Shelf packing of groups with square sides side[0..g) in rows no wider
 * than row_width (a group wider than that gets a row of its own): the
 * top-left corner of each into x, y, the extent into *max_x, *max_y. */
static void shelves(const double *side, uint32_t g, double row_width,
                    double *x, double *y, double *max_x, double *max_y)
{
    double cx = 0, cy = 0, row_h = 0;
    *max_x = *max_y = 1e-9;
    for (uint32_t i = 0; i < g; i++) {
        if (side[i] <= 0)
            continue;
        if (cx > 0 && cx + side[i] > row_width) { /* next shelf */
            cx = 0;
            cy += row_h;
            row_h = 0;
        }
        x[i] = cx;
        y[i] = cy;
        cx += side[i];
        row_h = fmax(row_h, side[i]);
        *max_x = fmax(*max_x, cx);
        *max_y = fmax(*max_y, cy + row_h);
    }
}

/* Lay out each group alone, then pack the groups in rows ("shelves"),
 * a square of side sqrt(nodes) each, so that a big cluster gets room and
 * two clusters do not drift to opposite corners as one disconnected force
 * layout makes them.  The row width is the one of a few tried that lets
 * the drawing fill the w x h box best.  Positions end in [0, 1]^2 of the
 * box (aspect kept). */
static int layout(double *xy, const cib_net_node *nodes, size_t n,
                  const cib_net_edge *edges, size_t m, uint64_t seed,
                  double w, double h)
{
    uint32_t groups = 0;
    for (size_t i = 0; i < n; i++)
        groups = nodes[i].group + 1 > groups ? nodes[i].group + 1 : groups;
    size_t *local = malloc((n + 1) * sizeof *local);
    size_t *members = malloc((n + 1) * sizeof *members);
    double *sub = malloc((2 * n + 2) * sizeof *sub);
    cib_net_edge *sub_e = malloc((m + 1) * sizeof *sub_e);
    double *side = calloc((size_t)groups + 1, 3 * sizeof *side);
    int rc = local && members && sub && sub_e && side ? CIB_OK : CIB_ENOMEM;
    double *gx = side + groups, *gy = gx + groups;
    for (size_t i = 0; rc == CIB_OK && i < n; i++)
        side[nodes[i].group] += 1;
    double sum = 0, best = -1, best_width = 0, max_x, max_y;
    for (uint32_t g = 0; rc == CIB_OK && g < groups; g++) {
        side[g] = sqrt(side[g]);
        sum += side[g];
    }
    for (uint32_t rows = 1; rc == CIB_OK && rows <= groups && rows <= 40;
         rows++) {
        shelves(side, groups, sum / rows, gx, gy, &max_x, &max_y);
        double scale = fmin(w / max_x, h / max_y);
        if (scale > best) {
            best = scale;
            best_width = sum / rows;
        }
    }
    if (rc == CIB_OK)
        shelves(side, groups, best_width, gx, gy, &max_x, &max_y);
    for (uint32_t g = 0; g < groups && rc == CIB_OK; g++) {
        size_t k = 0, e = 0;
        for (size_t i = 0; i < n; i++)
            if (nodes[i].group == g) {
                local[i] = k;
                members[k++] = i;
            }
        if (k == 0)
            continue;
        for (size_t j = 0; j < m; j++)
            if (nodes[edges[j].a].group == g && nodes[edges[j].b].group == g)
                sub_e[e++] = (cib_net_edge){(uint32_t)local[edges[j].a],
                                            (uint32_t)local[edges[j].b],
                                            edges[j].weight};
        if ((rc = layout_one(sub, k, sub_e, e, seed + g)))
            break;
        double pad = side[g] * (k > 1 ? 0.12 : 0.5);
        for (size_t i = 0; i < k; i++) {
            xy[2 * members[i]] = gx[g] + pad + sub[2 * i] * (side[g] - 2 * pad);
            xy[2 * members[i] + 1] =
                gy[g] + pad + sub[2 * i + 1] * (side[g] - 2 * pad);
        }
    }
    if (rc == CIB_OK) {
        /* one scale for both axes, centred in the w x h box */
        double scale = fmin(w / max_x, h / max_y);
        double ox = (w - max_x * scale) / 2, oy = (h - max_y * scale) / 2;
        for (size_t i = 0; i < n; i++) {
            xy[2 * i] = (ox + xy[2 * i] * scale) / w;
            xy[2 * i + 1] = (oy + xy[2 * i + 1] * scale) / h;
        }
    }
    free(local);
    free(members);
    free(sub);
    free(sub_e);
    free(side);
    return rc;
}

static void fill_colour(cairo_t *cr, unsigned colour)
{
    if (colour == ~0u) {
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        return;
    }
    cib_rgb c = cib_okabe_ito(colour);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void shape_path(cairo_t *cr, unsigned shape, double x, double y,
                       double r)
{
    if (shape == 1) {
        cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
    } else if (shape == 2) {
        cairo_move_to(cr, x, y - r * 1.15);
        cairo_line_to(cr, x + r * 1.05, y + r * 0.75);
        cairo_line_to(cr, x - r * 1.05, y + r * 0.75);
        cairo_close_path(cr);
    } else {
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    }
}

static void node(cairo_t *cr, unsigned colour, unsigned shape, double x,
                 double y, double r)
{
    shape_path(cr, shape, x, y, r);
    fill_colour(cr, colour);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
}

int cib_chart_network(cib_page *pg, const char *id, const char *label,
                      double w, double h, const cib_net_node *nodes, size_t n,
                      const cib_net_edge *edges, size_t m, bool labels,
                      const cib_net_key *keys, size_t n_keys, uint64_t seed)
{
    double *xy = malloc((2 * n + 2) * sizeof *xy);
    if (xy == NULL)
        return CIB_ENOMEM;
    const double top = n_keys ? 30 : 12, pad = 14;
    const double right = labels ? 90 : pad;
    double pw = w - pad - right, ph = h - top - pad;
    int rc = n ? layout(xy, nodes, n, edges, m, seed, pw, ph) : CIB_OK;
    cib_canvas c;
    if (rc == CIB_OK)
        rc = cib_canvas_begin(&c, w, h);
    if (rc) {
        free(xy);
        return rc;
    }
    cairo_t *cr = c.cr;
    double wmax = 0, smax = 0;
    for (size_t i = 0; i < m; i++)
        wmax = fmax(wmax, log1p(edges[i].weight));
    for (size_t i = 0; i < n; i++)
        smax = fmax(smax, nodes[i].size);
    /* edges, grey, width and opacity by weight in eight steps: one path
     * per step keeps the SVG small */
    enum { STEPS = 8 };
    for (int l = 0; l < STEPS; l++) {
        bool any = false;
        for (size_t i = 0; i < m; i++) {
            double t = wmax > 0 ? log1p(edges[i].weight) / wmax : 1;
            int step = (int)(t * (STEPS - 1) + 0.5);
            if (step != l)
                continue;
            const double *p = xy + 2 * edges[i].a, *q = xy + 2 * edges[i].b;
            cairo_move_to(cr, pad + p[0] * pw, top + p[1] * ph);
            cairo_line_to(cr, pad + q[0] * pw, top + q[1] * ph);
            any = true;
        }
        if (!any)
            continue;
        double t = (double)l / (STEPS - 1);
        cairo_set_source_rgba(cr, 0.35, 0.35, 0.35, 0.15 + 0.55 * t);
        cairo_set_line_width(cr, 0.4 + 2.2 * t);
        cairo_stroke(cr);
    }
    double rmax = n > 500 ? 4 : n > 100 ? 6 : 9, rmin = n > 500 ? 1.5 : 3;
    for (size_t i = 0; i < n; i++) {
        double r = rmin + (rmax - rmin) * (smax > 0 ? nodes[i].size / smax : 0);
        double x = pad + xy[2 * i] * pw, y = top + xy[2 * i + 1] * ph;
        node(cr, nodes[i].colour, nodes[i].shape, x, y, r);
        if (labels && nodes[i].label) {
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            cib_text(cr, x + r + 3, y + 3.5, nodes[i].label, 10, CIB_LEFT, 0);
        }
    }
    if (n == 0) {
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cib_text(cr, w / 2, h / 2, "no pairs", 10, CIB_CENTER, 0);
    }
    /* key along the top */
    double kx = pad;
    for (size_t i = 0; i < n_keys; i++) {
        node(cr, keys[i].colour, keys[i].shape, kx + 6, 14, 5);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cib_text(cr, kx + 16, 18, keys[i].label, 10, CIB_LEFT, 0);
        cairo_text_extents_t ext;
        cairo_set_font_size(cr, 10);
        cairo_text_extents(cr, keys[i].label, &ext);
        kx += 30 + ext.x_advance;
    }
    free(xy);
    return cib_canvas_end(&c, pg, id, label);
}
