/*
 * html.h — what the files of report.html share (html.c writes the page,
 * html_cluster.c one cluster's section).  Internal to src/report.
 */
#ifndef CIB_REPORT_HTML_H
#define CIB_REPORT_HTML_H

#include "charts.h"
#include "internal.h"
#include "profile.h"

/* Clusters drawn in full (charts, tables); the rest are rows of the
 * cluster table, and everything is in report.json and the CSV files. */
#define CIB_HTML_DETAILED 50
/* Rows of a cluster's account table; the rest are counted. */
#define CIB_HTML_ACCOUNT_ROWS 50
/* Nodes and edges of one network picture; beyond, the strongest. */
#define CIB_HTML_NET_NODES 400
#define CIB_HTML_NET_EDGES 4000
/* Characters of a sample text shown. */
#define CIB_HTML_TEXT_CHARS 280

/* Escaped text of a string from the input (NULL writes nothing). */
void cib_html_text(FILE *f, const char *s);

/* A count with thousands separators. */
void cib_html_count(FILE *f, uint64_t v);

/* A share in [0, 1] as a percentage ("42%", "0.5%"), "n/a" when NaN. */
void cib_html_percent(FILE *f, double v);

/* The section of cluster index k (0-based) of s. */
int cib_html_cluster(cib_page *pg, const cib_report_input *in,
                     const cib_summary *s, uint32_t k, cib_error *err);

/* The picture of the clustered accounts, coloured by cluster. */
int cib_html_overview_network(cib_page *pg, const cib_report_input *in,
                              const cib_summary *s, cib_error *err);

/* The network picture of cluster index k. */
int cib_html_cluster_network(cib_page *pg, const cib_report_input *in,
                             const cib_summary *s, uint32_t k, cib_error *err);

#endif
