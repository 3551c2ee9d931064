/*
 * report.h — what `cibscan detect` writes: report.json, accounts.csv,
 * edges.csv, network.graphml (CONTRACT.md "Output") and the takedown-style
 * tally on stdout.
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
} cib_run_info;

typedef struct cib_report_input {
    const cib_store *store;
    const cib_norm *norm;
    const cib_coord_result *coord;
    const cib_clustering *clusters;
    const cib_tzdb *tzdb; /* may be NULL */
    cib_run_info run;
} cib_report_input;

/* Write every output file into out_dir (created when missing).  Returns 0,
 * CIB_EIO naming the file that could not be written, or CIB_ENOMEM. */
int cib_report_write(const cib_report_input *in, const char *out_dir,
                     cib_error *err);

/* Print the takedown-style tally (per cluster: accounts by asset type and
 * platform, combined followers, active period, strongest evidence). */
void cib_report_tally(const cib_report_input *in, FILE *out);

#endif
