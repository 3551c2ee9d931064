/*
 * ingest.h — read activity exports into the event store.
 *
 * Inputs are CSV files (RFC 4180: quoted fields with commas, quotes and
 * newlines, CRLF, an optional UTF-8 BOM), plain, .gz or .zst (decided from
 * the file's magic bytes, not its name), or "-" for standard input.
 * Formats (CONTRACT.md "Input"): `activity`, `twitter-io`, and any CSV
 * through a column map (--map FIELD=COLUMN,...), which is the activity
 * format with some columns renamed (fields not mapped still read their own
 * activity column names when present).  `auto` decides from the header:
 * twitter-io when it has tweetid, userid and tweet_time, activity when it
 * has account_id and time.  Header names match case-insensitively,
 * ignoring surrounding spaces; unknown columns are ignored.
 *
 * JSON Lines (`jsonl`; `auto` picks it when the first byte past a BOM and
 * whitespace is '{'): one object per line, a Twitter API v1.1 tweet or an
 * object keyed by the activity field names (src/ingest/jsonl.h says which
 * keys are read).  A line that is not a JSON object or lacks the account
 * or time is a rejected row; stream control messages ({"delete": ...},
 * {"limit": ...}) are counted in skipped_lines.  No --map; --group-by
 * names a top-level key.
 *
 * Values are trimmed of surrounding whitespace (except the text).  Account
 * attributes (platform, lower-cased; asset type; followers; creation time;
 * display name; profile image) take the last non-empty value in input
 * order.  URL lists split on whitespace and '|', hashtag lists also on
 * ','; bracketed lists "['a', 'b']" split on commas.  Blank lines are not
 * rows.
 *
 * Rows that cannot be read (bad time, missing account id, invalid UTF-8,
 * too many fields, a field over the length limit, ...) are counted in
 * cib_ingest_stats.rejected_rows with a warning naming file, line and
 * column, and never silently dropped; with `strict` the first one is an
 * error.  A field over the length limit rejects its row only when the
 * column is read.  Errors that concern the whole input (unreadable file,
 * corrupt compression, a decompression bomb (past 64 MiB of output, more
 * than 1000 times the compressed bytes: src/ingest/source.c), no header,
 * a required column missing, an unterminated quoted field) fail the call.
 *
 * Cost: one pass over the bytes; memory is the store plus one input block
 * (1 MiB), one record and a few batches of prepared rows (about 1 MiB
 * each).  With two threads one reads and checks rows while the other
 * hashes, interns and stores the batch before (src/ingest/pipeline.c);
 * the store is the same byte for byte as with one.
 */
#ifndef CIB_INGEST_H
#define CIB_INGEST_H

#include <stdbool.h>
#include <stdio.h>

#include "../common/common.h"
#include "../store/store.h"

typedef enum cib_format {
    CIB_FORMAT_AUTO = 0,
    CIB_FORMAT_ACTIVITY,
    CIB_FORMAT_TWITTER_IO,
    CIB_FORMAT_JSONL, /* JSON Lines: tweets or activity objects (jsonl.h) */
} cib_format;

/* Parse a --format word; false when unknown. */
bool cib_format_parse(const char *s, cib_format *out);
const char *cib_format_name(cib_format f);

/* Field names of the activity format, the left sides of --map. */
typedef enum cib_field {
    CIB_FIELD_ACCOUNT_ID = 0,
    CIB_FIELD_TIME,
    CIB_FIELD_ACTION,
    CIB_FIELD_POST_ID,
    CIB_FIELD_OBJECT_ID,
    CIB_FIELD_URL,
    CIB_FIELD_TEXT,
    CIB_FIELD_HASHTAGS,
    CIB_FIELD_NETWORK,
    CIB_FIELD_IMAGE, /* hash of an image the event posted (extension) */
    CIB_FIELD_PLATFORM,
    CIB_FIELD_ASSET_TYPE,
    CIB_FIELD_FOLLOWERS,
    CIB_FIELD_ACCOUNT_CREATED,
    CIB_FIELD_DISPLAY_NAME,
    CIB_FIELD_PROFILE_IMAGE,
    CIB_FIELD_COUNT
} cib_field;

const char *cib_field_name(cib_field f);

typedef struct cib_ingest_options {
    cib_format format;
    /* column name per field from --map, NULL where not mapped; owned by
     * the caller */
    const char *map[CIB_FIELD_COUNT];
    /* a column whose value goes into events.group (rhythm --group-by),
     * NULL for none */
    const char *group_by;
    bool strict;
    /* warnings for rejected rows go here (NULL: none), one line each:
     * "cibscan: FILE:LINE: <why>; row rejected".  Only while
     * stats->rejected_rows (summed over calls) is at most max_warnings;
     * the caller prints the total after that. */
    FILE *warn;
    unsigned max_warnings;
    /* limits; 0 takes the default */
    size_t max_field_bytes;  /* default 1 MiB */
    size_t max_fields;       /* default 4096 columns */
    /* 1: read and store on the calling thread; >= 2: read on a second
     * thread meanwhile (no gain beyond 2 for CSV; JSON Lines is parsed
     * on this many threads, 0 meaning one per core up to 16); 0, the
     * default: 2 when the machine has more than one core */
    unsigned threads;
} cib_ingest_options;

/* Defaults: auto format, no map, not strict, warnings to stderr, 10 shown. */
void cib_ingest_options_init(cib_ingest_options *opt);

typedef struct cib_ingest_stats {
    uint64_t rows;          /* data rows seen (header excluded) */
    uint64_t events;        /* rows stored */
    uint64_t rejected_rows; /* rows counted and not stored */
    uint64_t files;
    /* rows that repeat an earlier event exactly, removed by the caller
     * with cib_store_dedup after the last file (events counts them out):
     * rows = events + rejected_rows + duplicate_rows then */
    uint64_t duplicate_rows;
    /* lines that are no rows and not errors either: the control messages
     * of the Twitter stream ({"delete": ...}, {"limit": ...}, ...) in
     * JSON Lines input; not counted in rows */
    uint64_t skipped_lines;
    /* the formats the files were read as: bit 1 << cib_format each */
    uint32_t formats;
} cib_ingest_stats;

/* Parse a --map argument "FIELD=COLUMN,FIELD=COLUMN" into opt->map
 * (spaces around names are dropped; fields already mapped stay unless
 * named again).  The strings in opt->map point into `spec`, which is
 * modified and must outlive opt.  Returns 0 or CIB_EUSAGE: an unknown
 * field, an item without '=', an empty column, a field mapped to two
 * columns. */
int cib_ingest_parse_map(cib_ingest_options *opt, char *spec, cib_error *err);

/* Read one input (path or "-") and append its events to `store`,
 * adding to *stats (may be NULL).  Call it once per input on the same
 * store to read several files into one event table; stats and the
 * max_warnings budget add up across the calls.  Returns 0, CIB_EINPUT (bad
 * data; err names file and line), CIB_EIO (cannot open/read; err names
 * the file), CIB_EUSAGE (format not readable, --map with a format other
 * than activity, or with JSON Lines input) or CIB_ENOMEM.  On failure
 * the events read before the failure stay in the store. */
int cib_ingest_file(cib_store *store, const char *path,
                    const cib_ingest_options *opt, cib_ingest_stats *stats,
                    cib_error *err);

/* The header columns of one input (path or "-"; reading "-" consumes
 * standard input), as written, in order: *columns receives a malloc'ed
 * NULL-terminated array of *n strings, released with
 * cib_ingest_columns_free.  Errors as cib_ingest_file gives for a file it
 * cannot open or whose header it cannot read (CIB_EIO, CIB_EINPUT "empty
 * input: no header row", ...). */
int cib_ingest_columns(const char *path, const cib_ingest_options *opt,
                       char ***columns, size_t *n, cib_error *err);
void cib_ingest_columns_free(char **columns);

/* Parse a time value: ISO 8601 with Z or +HH:MM / +HHMM offset,
 * "YYYY-MM-DD HH:MM[:SS]" (UTC), a date alone (midnight UTC), or Unix
 * seconds (digits, optionally with a fraction that is dropped).  Also
 * Twitter's "Wed Oct 10 20:19:24 +0000 2018".  24:00:00 is the next
 * day's 00:00:00 (ISO 8601) and a leap second :60 the second after :59.
 * Writes Unix seconds.
 * Returns false when the value is not a time or falls outside
 * [1970-01-01, 2100-01-01). */
bool cib_parse_time(const char *s, size_t n, int64_t *out);

/* Called once per data row of cib_ingest_table with the values of the
 * requested columns (values[i] for names[i], NUL-terminated, "" when the
 * row is short) and the row's 1-based line.  Return 0 to go on, or a
 * CIB_E* code (after filling err) to stop the read with it. */
typedef int (*cib_table_row_fn)(void *ctx, const char *const *values,
                                uint64_t line, cib_error *err);

/* Read the named columns of any CSV file (plain, .gz or .zst; "-" for
 * stdin), e.g. a truth file or cibscan's own accounts.csv.  Returns 0,
 * CIB_EIO / CIB_EINPUT as cib_ingest_file does, CIB_EINPUT "missing
 * required column 'X'" naming line 1 when a name is not in the header, or
 * whatever `row` returns. */
int cib_ingest_table(const char *path, const char *const *names,
                     size_t n_names, cib_table_row_fn row, void *ctx,
                     cib_error *err);

#endif
