/*
 * csv.c — RFC 4180 records from a byte source.
 *
 * Input arrives in large blocks.  A record that lies wholly in the current
 * block and needs no unquoting beyond its outer quotes (nearly all) is
 * read in place: its fields point into the block, NUL-terminated over
 * their delimiters.  Any other record has the bytes of each field copied
 * once into one record buffer that is reused for every record, so nothing
 * is allocated per field and a record may span any number of blocks.
 * Unquoted runs are scanned eight bytes at a time for the three bytes that
 * end them (comma, LF, CR) with the SWAR zero-byte test ("Bit Twiddling
 * Hacks", S. E. Anderson, "determine if a word has a zero byte"); quoted
 * runs jump from quote to quote with memchr.  A field over the length limit
 * and fields past the count limit are measured but not kept, so memory
 * stays bounded and the reader stays in step with the record structure.
 * Relies on source.h and libc.
 */
#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_BLOCK (1u << 20)

enum { FIELD_LAST = 0, FIELD_MORE = 1 };

struct ingest_csv {
    ingest_source *src;
    char *in;
    size_t block, in_pos, in_end;
    bool eof, started;
    char *rec;           /* kept field bytes of the current record */
    size_t rec_len, rec_cap;
    size_t *off, *len;   /* per kept field: offset in rec, full length */
    const char **ptr;
    size_t fcap;
    size_t max_field, max_fields;
    uint64_t line;       /* line of the byte at in_pos */
    size_t n_fields;     /* fields of the current record so far */
    size_t field_start;  /* rec offset of the field being read */
    size_t cur_len;      /* full length of the field being read */
};

int ingest_csv_new(ingest_csv **out, ingest_source *src, size_t block,
                   size_t max_field_bytes, size_t max_fields, cib_error *err)
{
    *out = NULL;
    ingest_csv *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cib_error_set(err, CIB_ENOMEM, ingest_source_name(src), 0,
                             "out of memory");
    c->src = src;
    c->block = block ? block : DEFAULT_BLOCK;
    /* at least 3 bytes so the byte-order mark can be checked in place */
    c->in = malloc(c->block < 4 ? 4 : c->block);
    c->max_field = max_field_bytes;
    c->max_fields = max_fields;
    c->line = 1;
    if (c->in == NULL) {
        ingest_csv_free(c);
        return cib_error_set(err, CIB_ENOMEM, ingest_source_name(src), 0,
                             "out of memory");
    }
    *out = c;
    return CIB_OK;
}

void ingest_csv_free(ingest_csv *c)
{
    if (c == NULL)
        return;
    free(c->in);
    free(c->rec);
    free(c->off);
    free(c->len);
    free(c->ptr);
    free(c);
}

/* Next block from the source: 1 with bytes, 0 at the end, or an error. */
static int refill(ingest_csv *c, cib_error *err)
{
    if (c->eof)
        return 0;
    ssize_t n = ingest_source_read(c->src, c->in, c->block, err);
    if (n < 0)
        return (int)n;
    c->in_pos = 0;
    c->in_end = (size_t)n;
    if (n == 0)
        c->eof = true;
    return n > 0;
}

/* Gather the first three bytes (or all, if fewer) and skip a UTF-8
 * byte-order mark. */
static int start(ingest_csv *c, cib_error *err)
{
    c->started = true;
    while (c->in_end < 3) {
        size_t want = c->block < 3 ? c->block : c->block - c->in_end;
        ssize_t n = ingest_source_read(c->src, c->in + c->in_end, want, err);
        if (n < 0)
            return (int)n;
        if (n == 0) {
            c->eof = true;
            break;
        }
        c->in_end += (size_t)n;
    }
    if (c->in_end >= 3 && memcmp(c->in, "\xef\xbb\xbf", 3) == 0)
        c->in_pos = 3;
    return CIB_OK;
}

static int nomem(ingest_csv *c, cib_error *err)
{
    return cib_error_set(err, CIB_ENOMEM, ingest_source_name(c->src),
                         c->line, "out of memory reading a record");
}

/* Room for `extra` more bytes in the record buffer. */
static inline int reserve(ingest_csv *c, size_t extra, cib_error *err)
{
    if (c->rec_len + extra <= c->rec_cap)
        return CIB_OK;
    if (cib_grow((void **)&c->rec, &c->rec_cap, c->rec_len + extra, 1))
        return nomem(c, err);
    return CIB_OK;
}

/* Append n bytes of the current field, keeping at most max_field of them
 * and none past max_fields. */
static int keep(ingest_csv *c, const char *p, size_t n, cib_error *err)
{
    size_t had = c->cur_len;
    c->cur_len += n;
    if (c->n_fields >= c->max_fields || had >= c->max_field || n == 0)
        return CIB_OK;
    size_t k = c->max_field - had < n ? c->max_field - had : n;
    if (reserve(c, k + 1, err))
        return CIB_ENOMEM;
    memcpy(c->rec + c->rec_len, p, k);
    c->rec_len += k;
    return CIB_OK;
}

static int end_field(ingest_csv *c, cib_error *err)
{
    if (c->n_fields < c->max_fields) {
        size_t need = c->n_fields + 1;
        if (need > c->fcap) {
            size_t cap = c->fcap ? c->fcap * 2 : 64;
            size_t *off = realloc(c->off, cap * sizeof *off);
            if (off)
                c->off = off;
            size_t *len = realloc(c->len, cap * sizeof *len);
            if (len)
                c->len = len;
            const char **ptr = realloc(c->ptr, cap * sizeof *ptr);
            if (ptr)
                c->ptr = ptr;
            if (!off || !len || !ptr)
                return nomem(c, err);
            c->fcap = cap;
        }
        if (reserve(c, 1, err))
            return CIB_ENOMEM;
        c->off[c->n_fields] = c->field_start;
        c->len[c->n_fields] = c->cur_len;
        c->rec[c->rec_len++] = '\0';
    }
    c->n_fields++;
    return CIB_OK;
}

/* After a CR or LF at in_pos - 1: count the line and swallow the LF of a
 * CRLF pair. */
static int end_line(ingest_csv *c, char ch, cib_error *err)
{
    c->line++;
    if (ch != '\r')
        return CIB_OK;
    if (c->in_pos == c->in_end) {
        int rc = refill(c, err);
        if (rc <= 0)
            return rc;
    }
    if (c->in[c->in_pos] == '\n')
        c->in_pos++;
    return CIB_OK;
}

static uint64_t count_newlines(const char *p, const char *e)
{
    uint64_t n = 0;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
static inline uint64_t zero_byte(uint64_t v)
{
    return (v - ONES) & ~v & HIGHS;
}

/* First comma, LF or CR in [p, e), or e.  In a word that holds one, the
 * lowest flagged byte is the first: the zero-byte test can flag a byte
 * wrongly only above a true match (a borrow runs upwards), and the word is
 * read little-end first, so its lowest byte is the earliest. */
static const char *scan_unquoted(const char *p, const char *e)
{
    while (e - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t hit = zero_byte(w ^ (ONES * ',')) |
                       zero_byte(w ^ (ONES * '\n')) |
                       zero_byte(w ^ (ONES * '\r'));
        if (hit) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return p + (__builtin_ctzll(hit) >> 3);
#else
            break;
#endif
        }
        p += 8;
    }
    while (p < e && *p != ',' && *p != '\n' && *p != '\r')
        p++;
    return p;
}

/* The quoted part of a field, from just after its opening quote through
 * its closing quote.  Returns FIELD_MORE to go on with the unquoted tail,
 * FIELD_LAST when the input ends right after the closing quote, or an
 * error. */
static int read_quoted(ingest_csv *c, cib_error *err)
{
    uint64_t open_line = c->line;
    int rc;
    for (;;) {
        if (c->in_pos == c->in_end && (rc = refill(c, err)) <= 0) {
            if (rc < 0)
                return rc;
            return cib_error_set(err, CIB_EINPUT, ingest_source_name(c->src),
                                 open_line,
                                 "unterminated quoted field: the quote opened "
                                 "on this line is never closed");
        }
        const char *p = c->in + c->in_pos, *e = c->in + c->in_end;
        const char *q = memchr(p, '"', (size_t)(e - p));
        const char *stop = q ? q : e;
        c->line += count_newlines(p, stop);
        if (keep(c, p, (size_t)(stop - p), err))
            return CIB_ENOMEM;
        c->in_pos = (size_t)(stop - c->in);
        if (q == NULL)
            continue;
        c->in_pos++;
        if (c->in_pos == c->in_end && (rc = refill(c, err)) <= 0)
            return rc < 0 ? rc : FIELD_LAST;
        if (c->in[c->in_pos] != '"')
            return FIELD_MORE; /* closing quote */
        if (keep(c, "\"", 1, err))
            return CIB_ENOMEM;
        c->in_pos++;
    }
}

/* One field; FIELD_MORE when a comma follows, FIELD_LAST when the record
 * ends, or an error. */
static int read_field(ingest_csv *c, cib_error *err)
{
    int rc;
    c->field_start = c->rec_len;
    c->cur_len = 0;
    if (c->in_pos == c->in_end && (rc = refill(c, err)) <= 0)
        return rc < 0 ? rc : FIELD_LAST;
    if (c->in[c->in_pos] == '"') {
        c->in_pos++;
        rc = read_quoted(c, err);
        if (rc != FIELD_MORE)
            return rc;
    }
    for (;;) {
        if (c->in_pos == c->in_end && (rc = refill(c, err)) <= 0)
            return rc < 0 ? rc : FIELD_LAST;
        const char *p = c->in + c->in_pos, *e = c->in + c->in_end;
        const char *stop = scan_unquoted(p, e);
        if (keep(c, p, (size_t)(stop - p), err))
            return CIB_ENOMEM;
        c->in_pos = (size_t)(stop - c->in);
        if (stop == e)
            continue;
        char ch = *stop;
        c->in_pos++;
        if (ch == ',')
            return FIELD_MORE;
        rc = end_line(c, ch, err);
        return rc < 0 ? rc : FIELD_LAST;
    }
}

/* The common record, read in place: it lies wholly in the current block
 * and has no doubled quote and no text after a closing quote.  Its fields
 * then point into the block, each ended by a NUL written over the byte
 * after it (its delimiter or closing quote), and nothing is copied.  The
 * record is measured before anything is written, so when it is not such
 * a record (or meets a limit, or needs more field slots) this returns
 * false having changed nothing, and the general reader takes it. */
static bool read_in_place(ingest_csv *c, ingest_record *rec)
{
    char *p = c->in + c->in_pos, *e = c->in + c->in_end;
    size_t n = 0;
    uint64_t lines = 0;
    for (;;) {
        if (n == c->fcap || n == c->max_fields)
            return false;
        char *start, *stop;
        if (*p == '"') {
            start = p + 1;
            stop = memchr(start, '"', (size_t)(e - start));
            if (stop == NULL || stop + 1 == e ||
                (stop[1] != ',' && stop[1] != '\n' && stop[1] != '\r'))
                return false;
            lines += count_newlines(start, stop);
            p = stop + 1;
        } else {
            start = p;
            p = stop = (char *)scan_unquoted(p, e);
            if (p == e)
                return false;
        }
        if ((size_t)(stop - start) > c->max_field)
            return false;
        c->ptr[n] = start;
        c->len[n] = (size_t)(stop - start);
        n++;
        if (*p == ',') {
            p++;
            if (p == e)
                return false;
            continue;
        }
        if (*p == '\r') {
            if (p + 1 == e)
                return false; /* an LF may follow in the next block */
            if (p[1] == '\n')
                p++;
        }
        p++;
        break;
    }
    for (size_t i = 0; i < n; i++)
        ((char *)c->ptr[i])[c->len[i]] = '\0';
    rec->line = c->line;
    c->line += lines + 1;
    c->in_pos = (size_t)(p - c->in);
    rec->n_fields = rec->n_stored = n;
    rec->field = c->ptr;
    rec->len = c->len;
    return true;
}

int ingest_csv_next(ingest_csv *c, ingest_record *rec, cib_error *err)
{
    int rc;
    if (!c->started && (rc = start(c, err)) < 0)
        return rc;
    for (;;) { /* empty lines are not records */
        if (c->in_pos == c->in_end && (rc = refill(c, err)) <= 0)
            return rc;
        char ch = c->in[c->in_pos];
        if (ch != '\n' && ch != '\r')
            break;
        c->in_pos++;
        if ((rc = end_line(c, ch, err)) < 0)
            return rc;
    }
    if (read_in_place(c, rec))
        return 1;
    rec->line = c->line;
    c->rec_len = 0;
    c->n_fields = 0;
    do {
        rc = read_field(c, err);
        if (rc < 0)
            return rc;
        int end = end_field(c, err);
        if (end < 0)
            return end;
    } while (rc == FIELD_MORE);
    size_t kept = c->n_fields < c->max_fields ? c->n_fields : c->max_fields;
    for (size_t i = 0; i < kept; i++)
        c->ptr[i] = c->rec + c->off[i];
    rec->n_fields = c->n_fields;
    rec->n_stored = kept;
    rec->field = c->ptr;
    rec->len = c->len;
    return 1;
}
