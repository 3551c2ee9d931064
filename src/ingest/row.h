/*
 * row.h — CSV records to stored events (private to src/ingest/), in two
 * steps so that they can run on two threads:
 *
 *   prepare  checks one record and copies what it will intern (values,
 *            list items) into a batch; it reads only the layout and
 *            touches no store;
 *   commit   hashes the values of rows a few places ahead and prefetches
 *            their interner slots, interns each row's values in row order
 *            and appends the events.
 *
 * Ids depend only on the order of interning, which is the rows' order, so
 * the store is the same whichever thread prepared the rows.
 */
#ifndef CIB_INGEST_ROW_H
#define CIB_INGEST_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "formats.h"

/* The single values a row interns, in the order it interns them after its
 * URLs and hashtags (the order fixes the ids). */
enum {
    VAL_PLATFORM = 0,
    VAL_DISPLAY_NAME,
    VAL_PROFILE_IMAGE,
    VAL_ACCOUNT,
    VAL_POST,
    VAL_OBJECT,
    VAL_TEXT,
    VAL_NETWORK,
    VAL_IMAGE,
    VAL_GROUP,
    VAL_COUNT
};

/* A value's bytes in the batch (len 0: none) and its interner hash (set
 * by commit). */
typedef struct ingest_value {
    uint32_t off, len;
    uint64_t hash;
} ingest_value;

/* One checked row, nothing interned yet. */
typedef struct ingest_prepared {
    uint64_t line;
    int64_t time;
    int64_t followers; /* CIB_UNKNOWN_FOLLOWERS when empty */
    int64_t created;   /* CIB_UNKNOWN_TIME when empty */
    uint8_t action;    /* cib_action */
    uint8_t asset;     /* cib_asset, when has_asset */
    bool has_asset;
    bool format_platform; /* no platform value: the format's own */
    uint32_t item0, n_urls, n_tags; /* URLs then hashtags in items[] */
    uint32_t byte0, n_bytes; /* the row's bytes: one run in bytes[] */
    ingest_value v[VAL_COUNT];
} ingest_prepared;

/* Prepared rows and the bytes they point into; reused batch after batch. */
typedef struct ingest_batch {
    ingest_prepared *rows;
    size_t n, cap;
    ingest_value *items;
    size_t n_items, cap_items;
    char *bytes;
    size_t n_bytes, cap_bytes;
} ingest_batch;

/* Empty the batch, keeping its memory. */
void ingest_batch_clear(ingest_batch *b);
void ingest_batch_release(ingest_batch *b);

/* What a file's rows share: the store, the layout, the field limit, and
 * the committing side's state. */
typedef struct ingest_rows {
    cib_store *store;
    const ingest_layout *layout;
    size_t max_field_bytes;
    uint32_t *ids; /* URL ids, then hashtag ids, of the current row */
    size_t n_ids, cap_ids;
    uint32_t last[VAL_COUNT]; /* the id each value had in the last row */
    uint32_t platform_id;     /* the format's fixed platform, once */
} ingest_rows;

/* Check one record and append it to b.  Reads only rows->layout and
 * rows->max_field_bytes, so it may run beside ingest_batch_commit on
 * another batch.  Returns 0 when added, 1 when the row is rejected (why,
 * of size why_n, says why, naming the column: "field 'time':
 * '2016-13-45' is not a time"; b is unchanged), or CIB_ENOMEM (err filled
 * with file and line). */
int ingest_row_prepare(const ingest_rows *rows, const ingest_record *rec,
                       ingest_batch *b, const char *file, char *why,
                       size_t why_n, cib_error *err);

/* The second half of ingest_row_prepare, for readers that gather a row's
 * values themselves (JSON Lines): check the values of `row` as the layout
 * `lay` reads them (required values, time, action, asset type, counts,
 * dates; messages name lay's column names) and append the row, as from
 * `line`, to b.  The caller has checked each value against the length
 * limit and for UTF-8 without NUL, and trimmed all but the text.  Returns
 * as ingest_row_prepare. */
int ingest_row_add(const ingest_layout *lay, const ingest_row *row,
                   uint64_t line, ingest_batch *b, const char *file,
                   char *why, size_t why_n, cib_error *err);

/* Append row i of src, prepared elsewhere, to dst: one copy of its bytes
 * and items.  Returns 0 or CIB_ENOMEM (dst unchanged). */
int ingest_batch_append(ingest_batch *dst, const ingest_batch *src,
                        size_t i);

/* Intern and append the rows of b in order (filling in their hashes),
 * adding the count stored to *stored.  Returns 0 or CIB_ENOMEM (err names
 * file and the row's line; the rows before it stay stored). */
int ingest_batch_commit(ingest_rows *rows, ingest_batch *b,
                        const char *file, uint64_t *stored, cib_error *err);

void ingest_rows_release(ingest_rows *rows);

#endif
