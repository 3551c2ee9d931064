/*
 * lines.c — lines from a byte source, for JSON Lines.
 *
 * Bytes arrive in blocks into one buffer; a line that lies in the buffer
 * is handed out in place (memchr finds its LF), so nothing is copied per
 * line.  When a line runs past the buffer's end its start is moved to the
 * front (once per block, not per line) and the buffer grows when that
 * part fills more than half of it, so a long line costs amortised linear
 * time.  A line past max_line is measured and skipped, never held: memory
 * stays bounded whatever the input.  Relies on source.h and libc.
 */
#include "lines.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_BLOCK (1u << 20)

struct ingest_lines {
    ingest_source *src;
    char *buf;
    size_t cap, pos, end;
    size_t block, max_line;
    bool eof, started;
    uint64_t line; /* number of the line starting at pos */
};

int ingest_lines_new(ingest_lines **out, ingest_source *src, size_t block,
                     size_t max_line, cib_error *err)
{
    *out = NULL;
    ingest_lines *l = calloc(1, sizeof *l);
    if (l)
        l->block = block ? block : DEFAULT_BLOCK;
    /* room for a byte-order mark to be checked in one piece */
    if (l)
        l->cap = l->block < 4 ? 4 : l->block;
    if (l)
        l->buf = malloc(l->cap);
    if (l == NULL || l->buf == NULL) {
        ingest_lines_free(l);
        return cib_error_set(err, CIB_ENOMEM, ingest_source_name(src), 0,
                             "out of memory");
    }
    l->src = src;
    l->max_line = max_line;
    l->line = 1;
    *out = l;
    return CIB_OK;
}

void ingest_lines_free(ingest_lines *l)
{
    if (l == NULL)
        return;
    free(l->buf);
    free(l);
}

/* Read more bytes after end (at most a block).  Returns 1, 0 at the end
 * of the input, or an error. */
static int more(ingest_lines *l, cib_error *err)
{
    size_t room = l->cap - l->end;
    ssize_t n = ingest_source_read(l->src, l->buf + l->end,
                                   room < l->block ? room : l->block, err);
    if (n < 0)
        return (int)n;
    if (n == 0)
        l->eof = true;
    l->end += (size_t)n;
    return n > 0;
}

/* Move the unfinished line [pos, end) to the front, growing the buffer
 * when it fills more than half of it.  Returns 0 or CIB_ENOMEM. */
static int make_room(ingest_lines *l, cib_error *err)
{
    size_t part = l->end - l->pos;
    memmove(l->buf, l->buf + l->pos, part);
    l->pos = 0;
    l->end = part;
    if (part <= l->cap / 2)
        return CIB_OK;
    char *grown = realloc(l->buf, l->cap * 2);
    if (grown == NULL)
        return cib_error_set(err, CIB_ENOMEM, ingest_source_name(l->src),
                             l->line, "out of memory reading a line");
    l->buf = grown;
    l->cap *= 2;
    return CIB_OK;
}

/* The line at pos is longer than max_line: drop it up to and including
 * its LF, measuring it.  Returns 0 with *n its length (CR of a CRLF
 * included), or an error. */
static int skip_long(ingest_lines *l, size_t *n, cib_error *err)
{
    size_t len = 0;
    for (;;) {
        char *s = l->buf + l->pos;
        char *nl = memchr(s, '\n', l->end - l->pos);
        if (nl) {
            len += (size_t)(nl - s);
            l->pos = (size_t)(nl - l->buf) + 1;
            *n = len;
            return CIB_OK;
        }
        len += l->end - l->pos;
        l->pos = l->end = 0;
        int rc = more(l, err);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            *n = len;
            return CIB_OK;
        }
    }
}

/* Skip a UTF-8 byte-order mark at the very start. */
static int start(ingest_lines *l, cib_error *err)
{
    l->started = true;
    while (l->end < 3 && !l->eof) {
        int rc = more(l, err);
        if (rc < 0)
            return rc;
    }
    if (l->end >= 3 && memcmp(l->buf, "\xef\xbb\xbf", 3) == 0)
        l->pos = 3;
    return CIB_OK;
}

int ingest_lines_next(ingest_lines *l, const char **p, size_t *n,
                      uint64_t *line, cib_error *err)
{
    int rc;
    if (!l->started && (rc = start(l, err)) < 0)
        return rc;
    size_t searched = 0; /* bytes of the line already known to hold no LF */
    for (;;) {
        char *s = l->buf + l->pos;
        size_t avail = l->end - l->pos;
        char *nl = memchr(s + searched, '\n', avail - searched);
        if (nl || (l->eof && avail > 0)) {
            size_t len = nl ? (size_t)(nl - s) : avail;
            l->pos += nl ? len + 1 : len;
            *line = l->line++;
            *n = len;
            if (len > l->max_line) { /* measured with its CR, as below */
                *p = NULL;
                return 1;
            }
            if (len && s[len - 1] == '\r')
                *n = len - 1;
            *p = s;
            return 1;
        }
        if (l->eof)
            return 0;
        if (avail > l->max_line) {
            *line = l->line++;
            *p = NULL;
            return (rc = skip_long(l, n, err)) < 0 ? rc : 1;
        }
        searched = avail;
        if (l->end == l->cap && (rc = make_room(l, err)) < 0)
            return rc;
        if ((rc = more(l, err)) < 0)
            return rc;
    }
}
