/*
 * lines.h — a line reader over an ingest_source (private to src/ingest/),
 * for JSON Lines: it yields one line at a time with its number and knows
 * nothing about JSON.
 */
#ifndef CIB_INGEST_LINES_H
#define CIB_INGEST_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"
#include "source.h"

typedef struct ingest_lines ingest_lines;

/* A reader over src (not owned).  block: bytes per read (0: 1 MiB; tests
 * use tiny blocks to cross every boundary).  max_line (> 0): longest line
 * kept, in bytes; a longer one is measured and passed over, never held
 * whole.  Returns 0 or CIB_ENOMEM. */
int ingest_lines_new(ingest_lines **out, ingest_source *src, size_t block,
                     size_t max_line, cib_error *err);

/* The next line, without its LF or CRLF: returns 1 with *p and *n (the
 * bytes stay valid until the next call), 0 at the end of the input, or a
 * negative CIB_E* code from the source.  A line over max_line gives 1 with
 * *p NULL and *n its full length (a CR before its LF counted).  *line receives its 1-based number.  A
 * UTF-8 byte-order mark at the start is skipped; the last line needs no
 * LF; blank lines are lines (the caller passes over them). */
int ingest_lines_next(ingest_lines *l, const char **p, size_t *n,
                      uint64_t *line, cib_error *err);

void ingest_lines_free(ingest_lines *l);

#endif
