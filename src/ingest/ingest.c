/*
 * ingest.c — the public face of the stage: open an input, read its header,
 * match it to a format, then turn every record into an event, counting
 * and reporting the rows it must reject (CONTRACT.md "Exit status":
 * counted, never dropped silently; --strict makes the first one an error).
 * JSON Lines input (--format jsonl, or auto when the first byte past
 * whitespace is '{') goes to jsonl.c instead of the CSV reader.
 * Relies on source.h, csv.h, formats.h, jsonl.h, pipeline.h, values.h.
 */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "formats.h"
#include "jsonl.h"
#include "pipeline.h"
#include "source.h"
#include "values.h"

#define DEFAULT_MAX_FIELD_BYTES ((size_t)1 << 20)
#define DEFAULT_MAX_FIELDS 4096

void cib_ingest_options_init(cib_ingest_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = CIB_FORMAT_AUTO;
    opt->warn = stderr;
    opt->max_warnings = 10;
}

/* Threads for reading one input: the two-stage pipeline gains nothing
 * from more than two. */
static unsigned ingest_threads(const cib_ingest_options *opt)
{
    if (opt->threads)
        return opt->threads;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 1 ? 2 : 1;
}

/* An open input: source and CSV reader over it (csv NULL when the input
 * is JSON Lines, which jsonl.c reads). */
typedef struct reader {
    ingest_source *src;
    ingest_csv *csv;
    size_t max_field, max_fields;
} reader;

static void reader_close(reader *r)
{
    ingest_csv_free(r->csv);
    ingest_source_free(r->src);
}

/* Open path; with `sniff`, a JSON Lines input (--format jsonl, or auto
 * and a '{' first) gets no CSV reader. */
static int reader_open(reader *r, const char *path,
                       const cib_ingest_options *opt, bool sniff,
                       cib_error *err)
{
    memset(r, 0, sizeof *r);
    r->max_field = opt->max_field_bytes ? opt->max_field_bytes
                                        : DEFAULT_MAX_FIELD_BYTES;
    r->max_fields = opt->max_fields ? opt->max_fields : DEFAULT_MAX_FIELDS;
    int rc = ingest_source_open(&r->src, path, 0, err);
    bool jsonl = sniff && opt->format == CIB_FORMAT_JSONL;
    if (rc == CIB_OK && sniff && opt->format == CIB_FORMAT_AUTO)
        rc = ingest_jsonl_sniff(r->src, &jsonl, err);
    if (rc == CIB_OK && jsonl)
        return CIB_OK;
    if (rc == CIB_OK)
        rc = ingest_csv_new(&r->csv, r->src, 0, r->max_field, r->max_fields,
                            err);
    if (rc != CIB_OK)
        reader_close(r);
    return rc;
}

/* Read the header row into *rec and check it.  Returns 0 or an error. */
static int read_header(reader *r, ingest_record *rec, cib_error *err)
{
    const char *file = ingest_source_name(r->src);
    int rc;
    do
        rc = ingest_csv_next(r->csv, rec, err);
    while (rc == 1 && ingest_blank(rec, r->max_field));
    if (rc < 0)
        return rc;
    if (rc == 0)
        return cib_error_set(err, CIB_EINPUT, file, 0,
                             "empty input: no header row");
    if (rec->n_fields > r->max_fields)
        return cib_error_set(err, CIB_EINPUT, file, rec->line,
                             "header has %zu columns, over the %zu-column "
                             "limit",
                             rec->n_fields, r->max_fields);
    /* Excel's "Unicode text" and other Windows tools write UTF-16 with a
     * byte-order mark (FF FE or FE FF): name it and the way out */
    const unsigned char *h = (const unsigned char *)rec->field[0];
    if (rec->len[0] >= 2 && ((h[0] == 0xff && h[1] == 0xfe) ||
                             (h[0] == 0xfe && h[1] == 0xff)))
        return cib_error_set(err, CIB_EINPUT, file, rec->line,
                             "UTF-16 text, not UTF-8; convert it first "
                             "(iconv -f UTF-16 -t UTF-8)");
    for (size_t i = 0; i < rec->n_fields; i++) {
        if (rec->len[i] > r->max_field)
            return cib_error_set(err, CIB_EINPUT, file, rec->line,
                                 "header column %zu is %zu bytes, over the "
                                 "%zu-byte limit",
                                 i + 1, rec->len[i], r->max_field);
        if (ingest_utf8_check(rec->field[i], rec->len[i]) != UTF8_OK)
            return cib_error_set(err, CIB_EINPUT, file, rec->line,
                                 "invalid UTF-8 or NUL byte in the header "
                                 "row (column %zu); is this a CSV file?",
                                 i + 1);
    }
    return CIB_OK;
}

int cib_ingest_file(cib_store *store, const char *path,
                    const cib_ingest_options *opt, cib_ingest_stats *stats,
                    cib_error *err)
{
    cib_ingest_stats local = {0};
    if (stats == NULL)
        stats = &local;
    reader r;
    int rc = reader_open(&r, path, opt, true, err);
    if (rc != CIB_OK)
        return rc;
    if (r.csv == NULL) {
        stats->formats |= 1u << CIB_FORMAT_JSONL;
        rc = ingest_jsonl_read(store, r.src, opt, r.max_field,
                               ingest_threads(opt), stats, err);
        reader_close(&r);
        return rc;
    }
    const char *file = ingest_source_name(r.src);
    ingest_layout layout = {0};
    ingest_rows rows = {0};
    ingest_record hdr;
    rc = read_header(&r, &hdr, err);
    if (rc != CIB_OK)
        goto done;
    char **names = ingest_names_copy(hdr.field, hdr.len, hdr.n_fields);
    if (names == NULL) {
        rc = cib_error_set(err, CIB_ENOMEM, file, hdr.line, "out of memory");
        goto done;
    }
    rc = ingest_layout_build(&layout, names, hdr.n_fields, opt, file,
                             hdr.line, err);
    if (rc != CIB_OK)
        goto done;
    stats->files++;
    stats->formats |= 1u << layout.format->id;
    rows.store = store;
    rows.layout = &layout;
    rows.max_field_bytes = r.max_field;
    rc = ingest_pipeline_run(r.csv, file, &rows, r.max_field, opt,
                             ingest_threads(opt), stats, err);
done:
    ingest_rows_release(&rows);
    ingest_layout_free(&layout);
    reader_close(&r);
    return rc;
}

int cib_ingest_columns(const char *path, const cib_ingest_options *opt,
                       char ***columns, size_t *n, cib_error *err)
{
    *columns = NULL;
    *n = 0;
    reader r;
    int rc = reader_open(&r, path, opt, false, err);
    if (rc != CIB_OK)
        return rc;
    ingest_record hdr;
    rc = read_header(&r, &hdr, err);
    if (rc == CIB_OK) {
        *columns = ingest_names_copy(hdr.field, hdr.len, hdr.n_fields);
        if (*columns == NULL)
            rc = cib_error_set(err, CIB_ENOMEM, ingest_source_name(r.src),
                               hdr.line, "out of memory");
        else
            *n = hdr.n_fields;
    }
    reader_close(&r);
    return rc;
}

void cib_ingest_columns_free(char **columns)
{
    free(columns);
}
