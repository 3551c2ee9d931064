/*
 * table.c — read named columns of any CSV (truth files, cibscan's own
 * accounts.csv) with the same source and RFC 4180 reader as the event
 * formats, so every input cibscan reads gets the same decompression,
 * quoting and error messages.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "ingest.h"
#include "source.h"

#define TABLE_MAX_FIELD (1u << 20)
#define TABLE_MAX_FIELDS 4096

/* Find each name in the header; idx[i] receives its column. */
static int match_header(const ingest_record *rec, const char *path,
                        const char *const *names, size_t n, size_t *idx,
                        cib_error *err)
{
    for (size_t i = 0; i < n; i++) {
        idx[i] = SIZE_MAX;
        for (size_t c = 0; c < rec->n_stored; c++) {
            const char *f = rec->field[c];
            /* a UTF-8 BOM is removed by the reader; spaces around names
             * are common in hand-made files */
            while (*f == ' ')
                f++;
            size_t len = strlen(f);
            while (len && f[len - 1] == ' ')
                len--;
            if (len == strlen(names[i]) && memcmp(f, names[i], len) == 0) {
                idx[i] = c;
                break;
            }
        }
        if (idx[i] == SIZE_MAX)
            return cib_error_set(err, CIB_EINPUT, path, rec->line,
                                 "missing required column '%s'", names[i]);
    }
    return CIB_OK;
}

int cib_ingest_table(const char *path, const char *const *names,
                     size_t n_names, cib_table_row_fn row, void *ctx,
                     cib_error *err)
{
    ingest_source *src = NULL;
    ingest_csv *csv = NULL;
    size_t *idx = calloc(n_names ? n_names : 1, sizeof *idx);
    const char **values = calloc(n_names ? n_names : 1, sizeof *values);
    int rc = idx && values ? CIB_OK
                           : cib_error_set(err, CIB_ENOMEM, path, 0,
                                           "out of memory");
    if (rc == CIB_OK)
        rc = ingest_source_open(&src, path, 0, err);
    if (rc == CIB_OK)
        rc = ingest_csv_new(&csv, src, 0, TABLE_MAX_FIELD, TABLE_MAX_FIELDS,
                            err);
    ingest_record rec;
    if (rc == CIB_OK) {
        rc = ingest_csv_next(csv, &rec, err);
        if (rc == 0)
            rc = cib_error_set(err, CIB_EINPUT, ingest_source_name(src), 0,
                               "empty input: no header row");
        else if (rc == 1)
            rc = match_header(&rec, ingest_source_name(src), names, n_names,
                              idx, err);
    }
    while (rc == CIB_OK) {
        int got = ingest_csv_next(csv, &rec, err);
        if (got <= 0) {
            rc = got;
            break;
        }
        for (size_t i = 0; i < n_names; i++) {
            size_t c = idx[i];
            if (c < rec.n_stored && rec.len[c] > TABLE_MAX_FIELD) {
                rc = cib_error_set(err, CIB_EINPUT, ingest_source_name(src),
                                   rec.line, "field '%s' is %zu bytes, over "
                                   "the %u-byte limit", names[i], rec.len[c],
                                   TABLE_MAX_FIELD);
                break;
            }
            values[i] = c < rec.n_stored ? rec.field[c] : "";
        }
        if (rc == CIB_OK)
            rc = row(ctx, values, rec.line, err);
    }
    ingest_csv_free(csv);
    ingest_source_free(src);
    free(idx);
    free(values);
    return rc;
}
