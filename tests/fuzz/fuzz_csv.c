/*
 * fuzz_csv.c — the RFC 4180 record reader (src/ingest/csv.c) on any bytes.
 *
 * The first two bytes choose the limits (max_field_bytes 1..256 and
 * max_fields 1..32, small so the limit paths run) and the third a block
 * size 1..16 for the second of two reads; the rest is the CSV.  The input
 * is read twice, with 1 MiB blocks and with tiny ones, and the two reads
 * must give the same records, the same end and the same error: a record
 * may span any number of blocks, so where the blocks end must not show
 * (when the input is damaged, the records before the error may differ in
 * number, not in content).
 * Each record must keep min(n_fields, max_fields) fields, each cut at
 * max_field_bytes and NUL-terminated, and lines must not go backwards.
 */
#include <string.h>

#include "common/common.h"
#include "fuzz_util.h"
#include "ingest/csv.h"
#include "ingest/source.h"

/* One read's records, flattened: per record its line, field count and
 * the kept bytes of each field with their full lengths. */
typedef struct trace {
    uint8_t *buf;
    size_t len, cap;
    int end;        /* last ingest_csv_next result: 0 or an error code */
} trace;

static void add(trace *t, const void *p, size_t n)
{
    if (t->len + n > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n)
            cap *= 2;
        t->buf = realloc(t->buf, cap);
        FUZZ_CHECK(t->buf != NULL, "out of memory");
        t->cap = cap;
    }
    memcpy(t->buf + t->len, p, n);
    t->len += n;
}

static void read_all(const char *path, size_t block, size_t max_field,
                     size_t max_fields, trace *t)
{
    cib_error err = {0};
    ingest_source *src = NULL;
    ingest_csv *csv = NULL;
    int rc = ingest_source_open(&src, path, block, &err);
    if (rc == CIB_OK)
        rc = ingest_csv_new(&csv, src, block, max_field, max_fields, &err);
    uint64_t last_line = 0;
    ingest_record rec;
    while (rc == CIB_OK && (rc = ingest_csv_next(csv, &rec, &err)) == 1) {
        size_t want = rec.n_fields < max_fields ? rec.n_fields : max_fields;
        FUZZ_CHECK(rec.n_fields >= 1, "a record has at least one field");
        FUZZ_CHECK(rec.n_stored == want, "kept %zu of %zu fields",
                   rec.n_stored, rec.n_fields);
        FUZZ_CHECK(rec.line >= last_line && rec.line >= 1,
                   "line %llu after %llu", (unsigned long long)rec.line,
                   (unsigned long long)last_line);
        last_line = rec.line;
        add(t, &rec.line, sizeof rec.line);
        add(t, &rec.n_fields, sizeof rec.n_fields);
        for (size_t i = 0; i < rec.n_stored; i++) {
            size_t kept = rec.len[i] < max_field ? rec.len[i] : max_field;
            FUZZ_CHECK(rec.field[i][kept] == '\0', "field %zu unterminated",
                       i);
            add(t, &rec.len[i], sizeof rec.len[i]);
            add(t, rec.field[i], kept);
        }
        rc = CIB_OK;
    }
    t->end = rc;
    ingest_csv_free(csv);
    ingest_source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    size_t max_field = 1 + data[0];
    size_t max_fields = 1 + data[1] % 32;
    size_t block = 1 + data[2] % 16;
    char path[64];
    int fd = fuzz_memfile(data + 3, size - 3, path, sizeof path);
    if (fd < 0)
        return 0;
    trace big = {0}, small = {0};
    read_all(path, 0, max_field, max_fields, &big);
    read_all(path, block, max_field, max_fields, &small);
    close(fd);
    FUZZ_CHECK(big.end == small.end, "end %d with 1 MiB blocks, %d with %zu",
               big.end, small.end, block);
    if (big.end == 0) {
        FUZZ_CHECK(big.len == small.len &&
                       (big.len == 0 ||
                        memcmp(big.buf, small.buf, big.len) == 0),
                   "records differ between block sizes (%zu)", block);
    } else {
        /* A damaged gzip/zstd stream fails when the decoder reaches the
         * damage, which depends on how much it was given at once: the
         * records before it may differ in number, never in content. */
        size_t n = big.len < small.len ? big.len : small.len;
        FUZZ_CHECK(n == 0 || memcmp(big.buf, small.buf, n) == 0,
                   "records before the error differ (block %zu)", block);
    }
    free(big.buf);
    free(small.buf);
    return 0;
}
