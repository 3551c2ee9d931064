/*
 * report.h — what `cibscan detect` writes: report.json, report.html,
 * accounts.csv, edges.csv, network.graphml, network.gexf (CONTRACT.md
 * "Output"; docs/report.md) and the takedown-style tally on stdout.
 *
 * Files are written whole or not at all: everything goes into a staging
 * folder inside the output folder, and each file is renamed into place
 * only when all were written.  On failure the staging folder is removed,
 * and so is the output folder when this call created it.
 */
#ifndef CIB_REPORT_H
#define CIB_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "../common/common.h"
#include "../coord/coord.h"
#include "../graph/graph.h"
#include "../ingest/ingest.h"
#include "../normalize/normalize.h"
#include "../rhythm/rhythm.h"
#include "../store/store.h"

/* Everything the report needs to know about the run. */
typedef struct cib_run_info {
    const char *const *files; /* input paths as given */
    size_t n_files;
    const cib_ingest_stats *ingest;
    const cib_coord_options *coord;
    bool window_auto;
    const cib_graph_options *graph;
    bool significance;        /* false with --no-significance */
    const char *watchlist_file; /* --watchlist, NULL when none */
    bool keep_publishers;     /* --keep-publishers: none set apart */
} cib_run_info;

typedef struct cib_report_input {
    const cib_store *store;
    const cib_norm *norm;
    const cib_coord_result *coord;
    const cib_clustering *clusters;
    const cib_tzdb *tzdb; /* may be NULL */
    cib_run_info run;
    /* per-cluster score, evidence, amplified domains and watchlist hits
     * (graph.h); NULL: the summary's own score and evidence */
    const cib_evidence_set *evidence;
    const cib_watchlist *watchlist; /* may be NULL */
    /* each cluster's audience (graph.h), NULL when not measured */
    const cib_audience_set *audience;
    /* publisher networks set apart from the clusters (graph.h
     * cib_clustering_split), their evidence and audiences; NULL or empty
     * when none */
    const cib_clustering *publishers;
    const cib_evidence_set *publisher_evidence;
    const cib_audience_set *publisher_audience;
} cib_report_input;

/* Write every output file into out_dir (created when missing, parents
 * too): report.json, report.html, accounts.csv, edges.csv,
 * network.graphml, network.gexf.  They are written into out_dir/.cibscan-staging-<pid>
 * and renamed into place only when all were written; on failure the
 * staging folder is removed, and so are the folders this call created
 * (when empty).  Each cluster's rhythm is profiled with in->tzdb (may be
 * NULL: UTC profile only, zone keys null).  in->norm, in->coord and
 * in->clusters may be NULL (no domains, no pairs, no clusters).
 * Returns 0, CIB_EUSAGE (no store or folder), CIB_EIO naming the file or
 * folder that could not be written, or CIB_ENOMEM.
 *
 * report.json keys beyond CONTRACT.md: input.duplicate_rows (rows that
 * repeated an earlier row and were counted once), input.skipped_lines
 * (JSON Lines stream control messages passed over), input.formats (the
 * formats the files were read as: activity, twitter-io, jsonl); parameters.resolution;
 * stats {pairs_kept, clusters, clustered_accounts, modularity,
 * traces{<trace>: {ran, events, keys, co_keys, pairs, saturated_keys}}};
 * per cluster assets.by_platform{<platform>: {account, page, group}},
 * evidence{<trace that ran>: {pairs, total_weight, max_weight}},
 * followers_known, internal_pairs, internal_weight, cut_weight, and
 * profile {audience, creation, distinctive, samples} (src/report/
 * profile.h, profile_json.c).
 * With in->evidence (issue 5): score is the graph stage's graded score
 * (graph.h) with its parts in score_parts; evidence.<trace> adds keys,
 * co_actions and median_delay_s; amplified_domains [{domain, shares,
 * share, others_share, lift}]; watchlist {shares, accounts, entries}
 * when a watchlist was given; parameters.window_estimate (how --window
 * auto chose the window), parameters.fdr, parameters.text_similarity,
 * parameters.watchlist; stats.significance, stats.text,
 * stats.watchlist.  Without it, score = density x cohesion (see
 * src/report/summary.c).  edges.csv ends with p_value and q_value. */
int cib_report_write(const cib_report_input *in, const char *out_dir,
                     cib_error *err);

/* Print the takedown-style tally (per cluster: accounts by asset type and
 * platform, combined followers, active period and peak months (UTC),
 * strongest evidence), or "No coordinated clusters found (...)." */
void cib_report_tally(const cib_report_input *in, FILE *out);

#endif
