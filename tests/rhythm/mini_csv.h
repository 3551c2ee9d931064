/*
 * mini_csv.h — a small RFC 4180 reader for the rhythm tests (header only):
 * the whole file in memory, fields parsed in place (quotes removed, ""
 * unescaped, newlines inside quotes kept).  The tests read the real data
 * sets with it so they do not depend on the ingest stage.
 */
#ifndef CIB_TEST_MINI_CSV_H
#define CIB_TEST_MINI_CSV_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rhythm/rhythm_internal.h"

typedef struct mini_csv {
    char *buf;
    size_t len, pos;
} mini_csv;

static inline bool mini_csv_open(mini_csv *c, const char *path)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return false;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    c->buf = malloc((size_t)n + 1);
    if (c->buf == NULL || fread(c->buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(c->buf);
        return false;
    }
    fclose(f);
    c->len = (size_t)n;
    c->buf[n] = '\0';
    return true;
}

static inline void mini_csv_close(mini_csv *c)
{
    free(c->buf);
    c->buf = NULL;
}

/* The next record's fields (at most max); returns their number, or -1 at
 * the end of the file. */
static inline int mini_csv_row(mini_csv *c, char **field, int max)
{
    if (c->pos >= c->len)
        return -1;
    int n = 0;
    for (;;) {
        char *out = c->buf + c->pos, *start = out;
        if (c->buf[c->pos] == '"') {
            c->pos++;
            while (c->pos < c->len) {
                if (c->buf[c->pos] == '"') {
                    if (c->buf[c->pos + 1] == '"') {
                        *out++ = '"';
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                *out++ = c->buf[c->pos++];
            }
        } else {
            while (c->pos < c->len && c->buf[c->pos] != ',' && c->buf[c->pos] != '\n')
                *out++ = c->buf[c->pos++];
        }
        char sep = c->pos < c->len ? c->buf[c->pos] : '\n';
        if (out > start && out[-1] == '\r' && sep == '\n')
            out--;
        *out = '\0';
        if (n < max)
            field[n++] = start;
        c->pos++;
        if (sep == '\n')
            return n;
    }
}

/* Column index of `name` in a header row, -1 when absent. */
static inline int mini_csv_col(char **field, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(field[i], name) == 0)
            return i;
    return -1;
}

/* "YYYY-MM-DD HH:MM:SS", optionally followed by "+00:00", as Unix
 * seconds (the real data sets are all UTC). */
static inline bool mini_csv_time(const char *s, int64_t *t)
{
    int y, mo, d, h, mi, se;
    if (sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6)
        return false;
    *t = rh_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return true;
}

#endif
