/*
 * row.h — one CSV record to one stored event (private to src/ingest/).
 */
#ifndef CIB_INGEST_ROW_H
#define CIB_INGEST_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "formats.h"

/* What a file's rows share: the store, the layout, the field limit and
 * scratch arrays reused from row to row. */
typedef struct ingest_rows {
    cib_store *store;
    const ingest_layout *layout;
    size_t max_field_bytes;
    uint32_t *ids; /* URL ids, then hashtag ids, of the current row */
    size_t n_ids, cap_ids;
    uint32_t last[SLOT_COUNT]; /* the id each slot had in the last row */
    uint32_t platform_id;      /* the format's fixed platform, once */
} ingest_rows;

/* Check, convert and append one record.  Returns 0 when stored, 1 when
 * the row is rejected (why, of size why_n, says why, naming the column:
 * "field 'time': '2016-13-45' is not a time"), or CIB_ENOMEM (err filled
 * with file and line).  A rejected row changes nothing in the store. */
int ingest_row_store(ingest_rows *rows, const ingest_record *rec,
                     const char *file, char *why, size_t why_n,
                     cib_error *err);

void ingest_rows_release(ingest_rows *rows);

#endif
