/*
 * source.h — a byte source for ingest (private to src/ingest/): a plain
 * file, a gzip or zstd stream (decided from magic bytes, not the name), or
 * standard input ("-").  It hands out decompressed bytes in large blocks
 * and knows nothing about CSV.
 */
#ifndef CIB_INGEST_SOURCE_H
#define CIB_INGEST_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

#include "../common/common.h"

typedef struct ingest_source ingest_source;

/* The name errors use for standard input. */
#define INGEST_STDIN_NAME "(stdin)"

/* Open `path` ("-" for standard input, which is not closed on free) and
 * sniff its first bytes for gzip (1f 8b) or zstd (28 b5 2f fd).
 * `block` is the size of raw reads in bytes (0: 1 MiB).
 * Errors: CIB_EIO "cannot open: <strerror>" / "is a directory" / read
 * errors; CIB_EINPUT for a compression format that is recognised but not
 * read (bzip2, xz, zip); CIB_ENOMEM. */
int ingest_source_open(ingest_source **out, const char *path, size_t block,
                       cib_error *err);

/* Read up to n decompressed bytes into buf.  Returns the count (> 0), 0 at
 * the end of the input, or a negative CIB_E* code: CIB_EIO for a read
 * error, CIB_EINPUT "truncated or corrupt gzip stream" (or zstd) when the
 * compressed stream is damaged or ends early, CIB_EINPUT "... refused as a
 * likely decompression bomb" when past the first 64 MiB the output
 * exceeds 1000 times the compressed bytes read (source.c). */
ssize_t ingest_source_read(ingest_source *s, char *buf, size_t n,
                           cib_error *err);

/* The first n decompressed bytes (fewer when the input is shorter), left
 * in place: reads after it return them first.  For telling formats apart
 * before a reader is chosen; call it before any read (a second call
 * returns what the first peeked and has not been read since).  *head
 * points at them until the next read or free.  Returns their count (0 for
 * an empty input) or an error as ingest_source_read. */
ssize_t ingest_source_peek(ingest_source *s, const char **head, size_t n,
                           cib_error *err);

/* The path as given ("(stdin)" for "-"), for messages. */
const char *ingest_source_name(const ingest_source *s);

void ingest_source_free(ingest_source *s);

#endif
