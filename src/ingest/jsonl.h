/*
 * jsonl.h — JSON Lines input (private to src/ingest/): one JSON object per
 * line, each read with jansson and turned into the same row the CSV
 * formats give (formats.h ingest_row), so checks, interning, counts and
 * messages are those of CSV input (row.h, pipeline.h).
 *
 * Two shapes, decided line by line:
 *
 *   tweet     a Twitter API v1.1 tweet object (it has "user", "id_str" or
 *             "created_at" and no "account_id"): account user.id_str,
 *             time created_at (or timestamp_ms), post id_str, a repost of
 *             retweeted_status.id_str, else a reply to
 *             in_reply_to_status_id_str, else a quote of
 *             quoted_status_id_str, else a post (twitter-io's rule); text
 *             extended_tweet.full_text, full_text or text; hashtags and
 *             URLs (expanded_url, else url) from the entities that go with
 *             that text (extended_tweet.entities when the tweet has it);
 *             display name user.screen_name, followers
 *             user.followers_count, account_created user.created_at;
 *             platform twitter.
 *   activity  an object whose keys are the activity CSV's column names
 *             (CONTRACT.md); url and hashtags may be a string split as in
 *             CSV or an array of strings; numbers are read for any value
 *             (time as Unix seconds).
 *
 * Stream control messages (an object whose one key is "delete", "limit",
 * "scrub_geo", "status_withheld", "user_withheld", "disconnect",
 * "warning", ...) are no rows: counted in cib_ingest_stats.skipped_lines.
 * A line that is not JSON, not an object, or lacks the account or time is
 * a rejected row naming the field, as in CSV.
 */
#ifndef CIB_INGEST_JSONL_H
#define CIB_INGEST_JSONL_H

#include <stdbool.h>

#include "ingest.h"
#include "source.h"

/* Does src look like JSON Lines: is its first byte past a UTF-8 BOM and
 * whitespace, within the first 64 KiB, a '{'?  Peeks (source.h), so the
 * bytes are still read afterwards.  Returns 0 (filling *yes) or the
 * source's error. */
int ingest_jsonl_sniff(ingest_source *src, bool *yes, cib_error *err);

/* Read every line of src into store as cib_ingest_file says (opt: strict,
 * warnings, group_by (a top-level key), max_field_bytes; a --map is
 * CIB_EUSAGE: JSON has keys, not columns).  Lines longer than 16 times
 * max_field bytes are rejected rows.  `threads` is the pipeline's (as for
 * CSV); lines are parsed and checked on opt->threads threads (0: one per
 * core, at most 16), which changes nothing in the store or the
 * warnings.  Returns 0, CIB_EINPUT (strict, or a
 * damaged compressed stream), CIB_EIO, CIB_EUSAGE or CIB_ENOMEM. */
int ingest_jsonl_read(cib_store *store, ingest_source *src,
                      const cib_ingest_options *opt, size_t max_field,
                      unsigned threads, cib_ingest_stats *stats,
                      cib_error *err);

#endif
