/*
 * html.c — report.html, for now a minimal self-contained page: the run's
 * inputs and parameters and the tally as a table, one row per cluster.
 * No scripts, styles inline, no network access needed.  Every string that
 * comes from the input is escaped with cib_markup_escape.  (A later
 * version adds charts; keep this file the only one that knows HTML.)
 */
#include "internal.h"

#include <inttypes.h>

static void cell_open(FILE *f) { fputs("<td>", f); }
static void cell_close(FILE *f) { fputs("</td>", f); }

static void cluster_row(FILE *f, const cib_report_input *in,
                        const cib_summary *s, const cib_cluster_summary *c)
{
    char buf[32];
    fprintf(f, "<tr><td>C%" PRIu32 "</td><td>%" PRIu32 "</td>", c->number,
            c->cluster->size);
    cell_open(f);
    cib_report_put_assets(f, c);
    cell_close(f);
    cell_open(f);
    cib_report_put_platforms(f, in, c, true);
    cell_close(f);
    fprintf(f, "<td>%s</td>",
            c->followers_known
                ? cib_report_thousands(c->followers_total, buf, sizeof buf)
                : "unknown");
    fprintf(f, "<td>%" PRIu64 "</td>", c->events);
    cell_open(f);
    cib_report_put_active(f, c);
    cell_close(f);
    cell_open(f);
    if (c->has_rhythm && c->rhythm.zone[0])
        cib_markup_escapes(f, c->rhythm.zone);
    else
        fputs("&ndash;", f);
    cell_close(f);
    cell_open(f);
    cib_report_put_evidence(f, s, c);
    cell_close(f);
    fprintf(f, "<td>%.2f</td></tr>\n", c->score);
}

int cib_report_write_html(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err)
{
    (void)err;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n<title>cibscan report</title>\n"
          "<style>body{font-family:sans-serif;margin:2em}"
          "table{border-collapse:collapse}"
          "td,th{border:1px solid #999;padding:.3em .6em;text-align:left}"
          "</style>\n</head>\n<body>\n<h1>cibscan report</h1>\n", f);
    fputs("<p>Inputs:", f);
    for (size_t i = 0; i < in->run.n_files; i++) {
        fputs(i ? ", <code>" : " <code>", f);
        cib_markup_escapes(f, in->run.files[i]);
        fputs("</code>", f);
    }
    fprintf(f, "<br>%zu events, %zu accounts, %zu pairs kept, "
               "%" PRIu32 " clusters.</p>\n",
            in->store->events.n, in->store->accounts.n,
            in->coord ? in->coord->n_pairs : (size_t)0, s->n_clusters);
    if (s->n_clusters == 0) {
        fputs("<p>No coordinated clusters found.</p>\n", f);
    } else {
        fputs("<table>\n<tr><th>cluster</th><th>size</th><th>assets</th>"
              "<th>platforms</th><th>followers</th><th>events</th>"
              "<th>active</th><th>zone</th><th>strongest evidence</th>"
              "<th>score</th></tr>\n", f);
        for (uint32_t k = 0; k < s->n_clusters; k++)
            cluster_row(f, in, s, &s->clusters[k]);
        fputs("</table>\n", f);
    }
    fputs("<p>Details: report.json, accounts.csv, edges.csv, "
          "network.graphml.</p>\n</body>\n</html>\n", f);
    return CIB_OK;
}
