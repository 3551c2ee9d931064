/*
 * chunks.h — the lines of an input prepared on several threads, handed
 * out in input order (private to src/ingest/).  The reading thread copies
 * chunks of lines out of an ingest_lines reader; each chunk is prepared
 * whole by one thread (a helper, or the reading thread while it would
 * otherwise wait) into a batch of its own (row.h), and the chunks' rows,
 * rejections and skipped lines are then given out one by one, in input
 * order, as an ingest_next_fn (pipeline.h).  The store, the warnings and
 * the first error are therefore those of a reading on one thread.  It
 * knows lines and batches, not what a line holds (jsonl.c).
 */
#ifndef CIB_INGEST_CHUNKS_H
#define CIB_INGEST_CHUNKS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"
#include "lines.h"
#include "row.h"

typedef struct ingest_chunks ingest_chunks;

/* Prepare one non-blank line p[0..n) (trimmed; not NUL-terminated), or a
 * line over the length limit (p NULL, n its length), into b, as line
 * `line`.  ctx is the calling thread's own (see ingest_chunks_new).
 * Returns INGEST_NEXT_ROW (one row added to b), INGEST_NEXT_REJECTED (why
 * filled, b unchanged), INGEST_NEXT_SKIPPED, or a negative CIB_E* code
 * with err filled. */
typedef int (*ingest_line_fn)(void *ctx, const char *p, size_t n,
                              uint64_t line, ingest_batch *b, char *why,
                              size_t why_n, cib_error *err);

/* Chunks over lines (not owned), prepared by fn on `threads` threads in
 * all (1: the reading thread only).  ctx[t] is thread t's argument to fn
 * (ctx[0] the reading thread's); each is used by one thread at a time.
 * Helpers that cannot be started leave their share to the others.
 * Returns 0 or CIB_ENOMEM. */
int ingest_chunks_new(ingest_chunks **out, ingest_lines *lines,
                      unsigned threads, ingest_line_fn fn, void *const *ctx,
                      const char *file, cib_error *err);

/* An ingest_next_fn (ctx: the ingest_chunks): the next line's outcome,
 * its prepared row appended to b.  Ends with the line reader's error, if
 * any, after every line before it. */
int ingest_chunks_next(void *chunks, ingest_batch *b, uint64_t *line,
                       char *why, size_t why_n, cib_error *err);

/* Stops the helpers and frees everything. */
void ingest_chunks_free(ingest_chunks *c);

#endif
