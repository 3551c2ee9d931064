/*
 * profile_items.h — the vocabulary items of many events, collected on
 * several threads with the string ids a one-thread walk would give
 * (profile_items.c).  Internal to src/report (profile.c uses it).
 */
#ifndef CIB_REPORT_PROFILE_ITEMS_H
#define CIB_REPORT_PROFILE_ITEMS_H

#include "profile.h"

/* One item of an event: vocabulary and string id in the items pool. */
typedef struct cib_item_ref {
    uint32_t vocab, id;
} cib_item_ref;

/* Order by vocabulary, then id. */
int cib_item_cmp(const void *pa, const void *pb);

/* Called once per event row, serially and in walk order: `pos` is the
 * row's place in the walk (0 ..), items[0..n) its distinct items sorted
 * by cib_item_cmp (valid during the call only).  Non-zero stops the walk
 * and is returned. */
typedef int (*cib_items_fn)(void *ctx, size_t pos, const cib_item_ref *items,
                            size_t n);

/* Walk n event rows: row j is rows[j], or j * stride when rows is NULL.
 * An event's items are its folded hashtags (in->norm->tag_key), its URL
 * domains (in->norm->url_domain) and the words and hashtags of its text
 * (cib_tokenize), each counted once, at most 1024 per event (a runaway
 * text: enough is counted); their strings are interned into `pool`.
 *
 * With threads > 1 each block of rows is cut into one slice per thread;
 * the first slice interns into `pool` directly, the others into pools of
 * their own, whose new strings are then interned into `pool` slice by
 * slice, in their first-seen order.  That is exactly the order of first
 * appearance along the walk, so every id is the one a one-thread walk
 * hands out, and so is everything computed from them.
 * Returns 0, fn's code, or CIB_ENOMEM. */
int cib_items_walk(cib_strings *pool, const cib_report_input *in,
                   const uint32_t *rows, size_t stride, size_t n,
                   unsigned threads, cib_items_fn fn, void *ctx);

#endif
