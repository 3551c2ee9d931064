/*
 * internal.h — what the report's files share inside src/report: the
 * per-cluster summary every output is written from, and the writers of
 * each output file.  Not part of the public face (report.h).
 */
#ifndef CIB_REPORT_INTERNAL_H
#define CIB_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "csv_out.h"
#include "markup.h"
#include "report.h"

#define CIB_TOP_DOMAINS 10

typedef struct cib_platform_count {
    uint32_t platform;               /* string id, never 0 */
    uint64_t assets[CIB_ASSET_COUNT];
    uint64_t total;
} cib_platform_count;

typedef struct cib_domain_count {
    uint32_t domain; /* string id of the registrable domain */
    uint64_t shares; /* URL occurrences with that domain */
} cib_domain_count;

typedef struct cib_cluster_summary {
    uint32_t number;                  /* k of "C<k>" */
    const cib_cluster *cluster;
    uint64_t assets[CIB_ASSET_COUNT];
    cib_platform_count *platforms;    /* known platforms, most accounts
                                         first, ties by name */
    size_t n_platforms;
    int64_t followers_total;          /* sum over accounts with known count */
    uint32_t followers_known;         /* accounts with a known count */
    uint64_t events;                  /* events by the cluster's accounts */
    int64_t first, last;              /* their span; 0 when no events */
    cib_cluster_pairs pairs;          /* its kept pairs (graph.h) */
    double score;                     /* see summary.c */
    cib_domain_count top_domains[CIB_TOP_DOMAINS];
    size_t n_top_domains;
    bool has_rhythm;
    cib_rhythm rhythm;
} cib_cluster_summary;

typedef struct cib_summary {
    cib_cluster_summary *clusters;    /* n_clusters, in cluster order */
    uint32_t n_clusters;
    uint32_t *degree;                 /* per account: kept pairs */
    uint64_t *strength;               /* per account: sum of pair totals */
    uint64_t clustered_accounts;
    bool traces_ran[CIB_TRACE_COUNT]; /* from coord->trace[t].ran */
    /* the cluster profiles (profile.h), built by cib_report_write for
     * report.json and report.html; NULL in the stdout tally */
    struct cib_profiles *profiles;
} cib_summary;

/* How much of the rhythm cib_summary_build computes. */
enum {
    CIB_SUMMARY_NO_RHYTHM = 0,
    CIB_SUMMARY_UTC_RHYTHM,  /* profile without zone (db NULL): cheap */
    CIB_SUMMARY_FULL_RHYTHM, /* profile with in->tzdb: zone inference */
};

/* Summarise every cluster of `in`; `rhythm` is one of the CIB_SUMMARY_*
 * values above (cib_rhythm_profile on the cluster's event times).
 * Returns 0 or CIB_ENOMEM; `out` is left empty on failure. */
int cib_summary_build(cib_summary *out, const cib_report_input *in,
                      int rhythm, cib_error *err);
void cib_summary_free(cib_summary *s);

/* The trace with the most internal pairs (ties: more weight, then trace
 * order), or -1 when the cluster has no internal pair on any trace. */
int cib_summary_strongest(const cib_summary *s, const cib_cluster_summary *c);

/* Pieces of a cluster's tally (tally.c), shared by the stdout tally and
 * report.html; with `html` strings from the input are markup-escaped.
 *   assets:    "20 account, 3 page, 1 group"
 *   platforms: "facebook 23, instagram 1" (nothing when none known)
 *   evidence:  "url (48 pairs, weight 312)" or "none"
 *   active:    "2020-01-06 .. 2020-03-30" or "no events" */
void cib_report_put_assets(FILE *f, const cib_cluster_summary *c);
void cib_report_put_platforms(FILE *f, const cib_report_input *in,
                              const cib_cluster_summary *c, bool html);
void cib_report_put_evidence(FILE *f, const cib_summary *s,
                             const cib_cluster_summary *c);
void cib_report_put_active(FILE *f, const cib_cluster_summary *c);

/* The publisher networks set apart (in->publishers; publishers.c): a
 * few lines for the stdout tally, and a section with one table row each
 * for report.html.  Nothing when there are none. */
void cib_report_put_publishers(FILE *f, const cib_report_input *in);
void cib_html_publishers(FILE *f, const cib_report_input *in);

/* Cluster number of account index a (0 = none), safe against a
 * clustering made over fewer accounts than the store holds. */
uint32_t cib_report_cluster_of(const cib_report_input *in, uint32_t a);

/* Publisher network number of account index a (0 = none), the same way. */
uint32_t cib_report_publisher_of(const cib_report_input *in, uint32_t a);

/* A string of the store's pool. */
const char *cib_report_str(const cib_report_input *in, uint32_t id);

/* Format a count with thousands separators ("12,345") into buf. */
char *cib_report_thousands(int64_t v, char *buf, size_t n);

/* The file writers.  Each writes one whole file to f and returns 0 or
 * CIB_ENOMEM; write errors are left on the stream for the caller to find
 * (ferror / fclose), which names the file. */
int cib_report_write_json(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err);
/* Per account: the zone inferred from its own events (tzdb index, -1
 * when it has too few events or no zone was inferred), that zone's
 * standard offset and the pattern. */
typedef struct cib_account_rhythm {
    long zone;
    double utc_offset_hours;
    cib_pattern pattern;
} cib_account_rhythm;

/* One entry per account of in->store (account_rhythm.c).  Returns 0 or
 * CIB_ENOMEM; *out is the caller's to free(). */
int cib_account_rhythm_build(cib_account_rhythm **out,
                             const cib_report_input *in, cib_error *err);

int cib_report_write_accounts(FILE *f, const cib_report_input *in,
                              const cib_summary *s, cib_error *err);
int cib_report_write_edges(FILE *f, const cib_report_input *in,
                           const cib_summary *s, cib_error *err);
int cib_report_write_graphml(FILE *f, const cib_report_input *in,
                             const cib_summary *s, cib_error *err);
int cib_report_write_html(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err);
int cib_report_write_gexf(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err);

#endif
