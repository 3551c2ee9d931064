/*
 * values.h — checks and splits of single field values (private to
 * src/ingest/): UTF-8 validation, trimming, counts, booleans and the
 * multi-valued url / hashtag lists.  No allocation: list items are handed
 * to a callback as slices of the field.
 */
#ifndef CIB_INGEST_VALUES_H
#define CIB_INGEST_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Outcome of ingest_utf8_check. */
enum { UTF8_OK = 0, UTF8_INVALID = 1, UTF8_NUL = 2 };

/* Is s[0..n) well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) without NUL bytes?  NUL is refused
 * because later stages and outputs treat strings as C strings. */
int ingest_utf8_check(const char *s, size_t n);

/* Narrow [*p, *p + *n) past leading and trailing ASCII whitespace. */
void ingest_trim(const char **p, size_t *n);

/* A non-negative whole count: digits, optionally followed by ".0..."
 * (spreadsheets and pandas write counts as floats).  Surrounding spaces
 * allowed.  False for anything else or a value over 10^18. */
bool ingest_parse_count(const char *s, size_t n, int64_t *out);

/* true/t/yes/y/1 or false/f/no/n/0 (any case, spaces allowed); the empty
 * value is false.  Returns false when the word is none of these. */
bool ingest_parse_bool(const char *s, size_t n, bool *out);

/* A value as a message shows it: single-quoted, at most 40 bytes (cut on
 * a UTF-8 character boundary, "..." added), control bytes as '?'.  v may
 * be NULL (shown as ''). */
void ingest_quote_value(char *out, size_t n, const char *v, size_t len);

/* Called once per list item; returns 0 or a negative CIB_E* code that
 * stops the split and is passed back. */
typedef int (*ingest_item_fn)(void *ctx, const char *p, size_t n);

/* How a plain (not bracketed) list separates its items. */
typedef enum ingest_list_kind {
    LIST_URLS,     /* whitespace and '|' (a comma can be part of a URL) */
    LIST_HASHTAGS, /* whitespace, '|' and ',', a leading '#' dropped */
} ingest_list_kind;

/* One item of a list given item by item (a JSON array): trimmed, one
 * leading '#' dropped for LIST_HASHTAGS, and fn called unless it is then
 * empty.  Returns 0 or fn's error. */
int ingest_list_item(const char *s, size_t n, ingest_list_kind kind,
                     ingest_item_fn fn, void *ctx);

/* Split a list value into items and call fn for each non-empty one.
 * A value written as a bracketed list, "['a', 'b']" or "[a, b]" (the
 * Twitter release style), splits on commas with quotes removed; any other
 * value splits as `kind` says.  Hashtags lose one leading '#' either way.
 * Returns 0 or fn's error. */
int ingest_split_list(const char *s, size_t n, ingest_list_kind kind,
                      ingest_item_fn fn, void *ctx);

#endif
