/*
 * csv.h — an RFC 4180 record reader over an ingest_source (private to
 * src/ingest/).  It knows CSV and nothing about formats or fields: it
 * yields the fields of one record at a time with the line the record
 * starts on.
 */
#ifndef CIB_INGEST_CSV_H
#define CIB_INGEST_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"
#include "source.h"

typedef struct ingest_csv ingest_csv;

/* One record, valid until the next ingest_csv_next call.
 *
 * n_fields counts every field of the record, also those past max_fields;
 * only the first n_stored = min(n_fields, max_fields) are kept.  len[i] is
 * the full length of field i in bytes (quotes removed, doubled quotes made
 * single); when it exceeds max_field_bytes only the first max_field_bytes
 * bytes are kept in field[i], so the caller must reject such a field.
 * Every kept field is NUL-terminated. */
typedef struct ingest_record {
    size_t n_fields;
    size_t n_stored;
    const char *const *field;
    const size_t *len;
    uint64_t line; /* 1-based line the record starts on */
} ingest_record;

/* A reader over src (not owned).  block: bytes per read (0: 1 MiB; tests
 * use tiny blocks to cross every boundary).  max_field_bytes and
 * max_fields must be > 0.  Returns 0 or CIB_ENOMEM. */
int ingest_csv_new(ingest_csv **out, ingest_source *src, size_t block,
                   size_t max_field_bytes, size_t max_fields,
                   cib_error *err);

/* Read the next record into *rec.  Returns 1 with a record, 0 at the end
 * of the input, or a negative CIB_E* code: what the source returns, or
 * CIB_EINPUT "unterminated quoted field ..." with the line where the
 * field began.  A UTF-8 byte-order mark at the start is skipped; empty
 * lines are not records; record ends are LF, CRLF or a lone CR.  A quote
 * inside an unquoted field, or text after a closing quote, is kept as
 * written (lenient, as most readers are). */
int ingest_csv_next(ingest_csv *c, ingest_record *rec, cib_error *err);

void ingest_csv_free(ingest_csv *c);

#endif
