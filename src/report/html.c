/*
 * html.c — report.html: one self-contained page for an investigator.
 * The run, the takedown-style tally over all clusters, a picture of the
 * whole network, the table of every cluster, then a section per cluster
 * (html_cluster.c) for the first CIB_HTML_DETAILED.
 *
 * Self-contained and inert: styles inline, charts inline SVG drawn by
 * cairo (charts.h), no scripts, no fonts or images to fetch; a
 * Content-Security-Policy forbids scripts and any network access, so that
 * even a string that escaped escaping could not run.  Every string from
 * the input passes through cib_markup_escape.  Printable: sections break
 * pages, charts stay whole.
 */
#include "html.h"

#include <inttypes.h>
#include <math.h>

static const char CSS[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#222;"
    "margin:0 auto;max-width:1220px;padding:1.2em 1.6em;line-height:1.4;"
    "font-size:15px}"
    "h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.35em;margin:0 0 .3em}"
    "h3{font-size:1.05em;margin:1em 0 .3em}"
    "table{border-collapse:collapse;margin:.3em 0}"
    "td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;"
    "vertical-align:top}th{background:#f3f3f3}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".muted{color:#666}.small{font-size:.88em}"
    ".tally{display:flex;flex-wrap:wrap;gap:.8em;margin:.8em 0}"
    ".fig{border:1px solid #ddd;border-radius:6px;padding:.5em .8em;"
    "background:#fafafa;min-width:9em}"
    ".fig b{display:block;font-size:1.6em}"
    "section.cluster{border-top:3px solid #0072B2;margin-top:2em;"
    "padding-top:.6em}"
    ".facts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(330px,1fr));gap:.4em 2em}"
    ".facts dl{margin:0}.facts dt{font-weight:bold;margin-top:.4em}"
    ".facts dd{margin:0}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(560px,1fr));gap:1em;margin:.8em 0}"
    "figure.chart{margin:0;border:1px solid #e3e3e3;border-radius:6px;"
    "padding:.4em;break-inside:avoid}"
    "figure.chart figcaption{font-weight:bold;margin-bottom:.3em}"
    "svg.chart-svg{max-width:100%;height:auto;display:block}"
    ".cols{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(300px,1fr));gap:1em}.cols td:first-child{overflow-wrap:anywhere}"
    ".cols table{width:100%}"
    "blockquote{margin:.3em 0;padding:.3em .8em;border-left:4px solid "
    "#56B4E9;background:#f7fbfe;white-space:pre-wrap;overflow-wrap:anywhere}"
    "code{overflow-wrap:anywhere}"
    ".scroll{max-height:34em;overflow:auto;border:1px solid #ddd}"
    ".scroll thead th{position:sticky;top:0}"
    "td.date{white-space:nowrap}"
    "@media print{body{max-width:none;font-size:11pt}"
    "section.cluster{break-before:page}.scroll{max-height:none}}";

void cib_html_text(FILE *f, const char *s)
{
    cib_markup_escapes(f, s);
}

void cib_html_count(FILE *f, uint64_t v)
{
    char buf[32];
    fputs(cib_report_thousands(v > INT64_MAX ? INT64_MAX : (int64_t)v, buf,
                               sizeof buf), f);
}

void cib_html_percent(FILE *f, double v)
{
    if (!isfinite(v))
        fputs("n/a", f);
    else if (v * 100 >= 10 || v == 0)
        fprintf(f, "%.0f%%", v * 100);
    else
        fprintf(f, "%.2g%%", v * 100);
}

static void fig(FILE *f, const char *key, uint64_t v, const char *what)
{
    fprintf(f, "<div class=\"fig\" data-k=\"%s\"><b>", key);
    cib_html_count(f, v);
    fprintf(f, "</b>%s</div>\n", what);
}

static void run_facts(FILE *f, const cib_report_input *in,
                      const cib_summary *s)
{
    fputs("<p class=\"small\">Inputs:", f);
    for (size_t i = 0; i < in->run.n_files; i++) {
        fputs(i ? ", <code>" : " <code>", f);
        cib_html_text(f, in->run.files[i]);
        fputs("</code>", f);
    }
    int64_t first, last;
    char a[32], b[32];
    if (cib_store_span(in->store, &first, &last))
        fprintf(f, ". Events from %s to %s (UTC)",
                cib_time_iso(first, a, sizeof a),
                cib_time_iso(last, b, sizeof b));
    uint64_t rejected = in->run.ingest ? in->run.ingest->rejected_rows : 0;
    uint64_t dups = in->run.ingest ? in->run.ingest->duplicate_rows : 0;
    fputs("; rows rejected: ", f);
    cib_html_count(f, rejected);
    fputs("; rows repeating an earlier one, counted once: ", f);
    cib_html_count(f, dups);
    fputs(".<br>Coordination: ", f);
    if (in->run.coord)
        fprintf(f, "window %" PRId64 " s%s, at least %" PRIu32
                   " shared keys per pair; ",
                in->run.coord->window_s, in->run.window_auto ? " (auto)" : "",
                in->run.coord->min_repeat);
    fputs("traces", f);
    bool any = false;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (s->traces_ran[t]) {
            fprintf(f, "%s%s", any ? ", " : " ", cib_trace_name((cib_trace)t));
            any = true;
        }
    if (!any)
        fputs(" none", f);
    fputs(in->run.significance ? "; pairs tested for significance."
                               : "; every pair meeting the rule kept "
                                 "(no significance test).",
          f);
    fputs("</p>\n", f);
}

static void tally(FILE *f, const cib_report_input *in, const cib_summary *s)
{
    uint64_t assets[CIB_ASSET_COUNT] = {0};
    int64_t followers = 0;
    uint64_t events = 0;
    for (uint32_t k = 0; k < s->n_clusters; k++) {
        for (int a = 0; a < CIB_ASSET_COUNT; a++)
            assets[a] += s->clusters[k].assets[a];
        followers += s->clusters[k].followers_total;
        events += s->clusters[k].events;
    }
    fputs("<h2>Tally</h2>\n<div class=\"tally\" id=\"tally\">\n", f);
    fig(f, "clusters", s->n_clusters, "coordinated clusters");
    fig(f, "clustered_accounts", s->clustered_accounts,
        "accounts, pages and groups in them");
    static const char *const ASSET_LABEL[] = {"accounts", "pages", "groups"};
    for (int a = 0; a < CIB_ASSET_COUNT && a < 3; a++) {
        char key[32];
        snprintf(key, sizeof key, "asset_%s", cib_asset_name((cib_asset)a));
        fig(f, key, assets[a], ASSET_LABEL[a]);
    }
    fig(f, "followers", (uint64_t)(followers > 0 ? followers : 0),
        "followers combined (where known)");
    fig(f, "cluster_events", events, "events by clustered accounts");
    fputs("</div>\n<p class=\"small muted\">Out of ", f);
    cib_html_count(f, in->store->accounts.n);
    fputs(" accounts and ", f);
    cib_html_count(f, in->store->events.n);
    fputs(" events in the input; ", f);
    cib_html_count(f, in->coord ? in->coord->n_pairs : 0);
    fputs(" account pairs kept.</p>\n", f);
}

static void cluster_row(FILE *f, const cib_report_input *in,
                        const cib_summary *s, const cib_cluster_summary *c)
{
    fprintf(f,
            "<tr data-cluster=\"C%" PRIu32 "\"><td>", c->number);
    if (c->number <= CIB_HTML_DETAILED)
        fprintf(f, "<a href=\"#C%" PRIu32 "\">C%" PRIu32 "</a>", c->number,
                c->number);
    else
        fprintf(f, "C%" PRIu32, c->number);
    fputs("</td><td class=\"n\" data-k=\"size\">", f);
    cib_html_count(f, c->cluster->size);
    fputs("</td>", f);
    for (int a = 0; a < CIB_ASSET_COUNT; a++) {
        fprintf(f, "<td class=\"n\" data-k=\"%s\">",
                cib_asset_name((cib_asset)a));
        cib_html_count(f, c->assets[a]);
        fputs("</td>", f);
    }
    fputs("<td>", f);
    cib_report_put_platforms(f, in, c, true);
    fputs("</td><td class=\"n\" data-k=\"followers_total\">", f);
    if (c->followers_known)
        cib_html_count(f, (uint64_t)c->followers_total);
    else
        fputs("unknown", f);
    fputs("</td><td class=\"n\" data-k=\"events\">", f);
    cib_html_count(f, c->events);
    fputs("</td><td class=\"date\">", f);
    cib_report_put_active(f, c);
    fputs("</td><td>", f);
    if (c->has_rhythm && c->rhythm.zone[0]) {
        cib_html_text(f, c->rhythm.zone);
        fprintf(f, " (%.0f%%)", c->rhythm.zone_confidence * 100);
    } else {
        fputs("&ndash;", f);
    }
    fputs("</td><td>", f);
    cib_report_put_evidence(f, s, c);
    fprintf(f, "</td><td class=\"n\">%.2f</td></tr>\n", c->score);
}

static void cluster_table(FILE *f, const cib_report_input *in,
                          const cib_summary *s)
{
    fputs("<h2>Clusters</h2>\n", f);
    if (s->n_clusters > CIB_HTML_DETAILED)
        fprintf(f,
                "<p class=\"small\">All %" PRIu32 " clusters are listed; "
                "the first %d (largest first) have a section below. "
                "report.json and accounts.csv hold every cluster.</p>\n",
                s->n_clusters, CIB_HTML_DETAILED);
    fputs("<div class=\"scroll\"><table id=\"clusters\">\n<thead><tr><th>cluster</th>"
          "<th class=\"n\">size</th><th class=\"n\">accounts</th>"
          "<th class=\"n\">pages</th><th class=\"n\">groups</th>"
          "<th>platforms</th><th class=\"n\">followers</th>"
          "<th class=\"n\">events</th><th>active (UTC)</th>"
          "<th>time zone (confidence)</th><th>strongest evidence</th>"
          "<th class=\"n\">score</th></tr></thead>\n<tbody>\n", f);
    for (uint32_t k = 0; k < s->n_clusters; k++)
        cluster_row(f, in, s, &s->clusters[k]);
    fputs("</tbody></table></div>\n", f);
}

int cib_report_write_html(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\""
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>cibscan report</title>\n<style>", f);
    fputs(CSS, f);
    fputs("</style>\n</head>\n<body>\n"
          "<h1>Coordinated inauthentic behaviour: cibscan report</h1>\n", f);
    run_facts(f, in, s);
    if (s->n_clusters == 0) {
        fputs("<h2>Tally</h2>\n<p id=\"none\">No coordinated clusters "
              "found.</p>\n", f);
    } else {
        tally(f, in, s);
        cib_page pg = {.f = f};
        int rc = cib_html_overview_network(&pg, in, s, err);
        if (rc == CIB_OK)
            cluster_table(f, in, s);
        uint32_t n = s->n_clusters < CIB_HTML_DETAILED ? s->n_clusters
                                                       : CIB_HTML_DETAILED;
        for (uint32_t k = 0; k < n && rc == CIB_OK; k++)
            rc = cib_html_cluster(&pg, in, s, k, err);
        cib_glyphs_free(&pg.glyphs);
        cib_charts_release();
        if (rc)
            return rc;
    }
    cib_html_publishers(f, in);
    fputs("<h2>Files</h2>\n<p class=\"small\">Beside this page: "
          "<code>report.json</code> (every figure here, per cluster), "
          "<code>accounts.csv</code> (every account and its cluster), "
          "<code>edges.csv</code> (every kept pair, weight per trace), "
          "<code>network.graphml</code> and <code>network.gexf</code> (the "
          "network for Gephi, yEd or igraph).  Made by cibscan "
          CIB_VERSION ".</p>\n</body>\n</html>\n", f);
    return CIB_OK;
}
