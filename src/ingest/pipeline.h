/*
 * pipeline.h — the data rows of one input into the store (private to
 * src/ingest/): records (or JSON Lines rows) are read, checked and
 * prepared in batches, and the batches committed in order (row.h).  With
 * two threads, one reads and prepares while the other commits the batch
 * before.
 */
#ifndef CIB_INGEST_PIPELINE_H
#define CIB_INGEST_PIPELINE_H

#include <stdbool.h>

#include "csv.h"
#include "row.h"

/* A line holding nothing but spaces is no row (and, before the header, no
 * header). */
bool ingest_blank(const ingest_record *rec, size_t max_field);

/* What an ingest_next_fn did. */
enum {
    INGEST_NEXT_END = 0,      /* the input is over */
    INGEST_NEXT_ROW = 1,      /* a row was prepared into the batch */
    INGEST_NEXT_REJECTED = 2, /* a row could not be read: why says why */
    INGEST_NEXT_SKIPPED = 3,  /* a line that is no row (a stream control
                                 message): counted apart */
};

/* Read the next row of an input into b (row.h: ingest_row_prepare or
 * ingest_row_add), passing over blank lines.  *line receives the row's
 * 1-based line.  Returns an INGEST_NEXT_* value, or a negative CIB_E*
 * code (err filled) that ends the read. */
typedef int (*ingest_next_fn)(void *ctx, ingest_batch *b, uint64_t *line,
                              char *why, size_t why_n, cib_error *err);

/* Read every row `next` gives into rows->store, as ingest_pipeline_run
 * says; `next` runs on the reading thread only, and reads nothing of
 * rows but its layout and limits. */
int ingest_pipeline_rows(ingest_next_fn next, void *ctx, const char *file,
                         ingest_rows *rows, const cib_ingest_options *opt,
                         unsigned threads, cib_ingest_stats *stats,
                         cib_error *err);

/* Read every record left in csv (the header already read) into
 * rows->store.  threads: 1 reads and stores on this thread; 2 or more
 * read on a second thread (falling back to one when it cannot be
 * started).  The store ends the same either way.  Rejected rows are
 * counted in stats and warned about on opt->warn as cib_ingest_file
 * says; stats->rows and ->events grow by the rows seen and stored.
 * Returns 0 or the first error in input order: what the CSV reader
 * returns, the strict-mode rejection (CIB_EINPUT), or CIB_ENOMEM; the
 * rows before it stay stored. */
int ingest_pipeline_run(ingest_csv *csv, const char *file, ingest_rows *rows,
                        size_t max_field, const cib_ingest_options *opt,
                        unsigned threads, cib_ingest_stats *stats,
                        cib_error *err);

#endif
