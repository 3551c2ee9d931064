/*
 * coord.h — co-action between accounts, one trace at a time.
 *
 * For a trace T every event yields zero or more 64-bit object keys (a
 * canonical URL, a target post, a text signature, a network value, ...).
 * Two distinct accounts co-act on key k when both act on k with
 * |t1 - t2| <= W, the coordination window.  A pair's weight on T is the
 * number of distinct keys it co-acted on, and a pair is kept when its
 * weight on some trace is >= min_repeat.  This is the co-sharing rule of
 * CooRnet (Giglietto et al. 2020, "It takes a village to manipulate the
 * media") and CooRTweet (Righetti & Balluff), written as a sort and a
 * sliding window.  Traces without time (network, image) link accounts that
 * share the value at all.
 *
 * Method: emit (key, time, account) triples, sort them by key then time,
 * sweep each key's run with a window, collect the pairs met inside it,
 * de-duplicate them per key, and add one to each pair's count.  Cost:
 * O(E) for the sort (LSD radix on the key, at most 8 byte passes) plus
 * O(sum over events of the events before them in their window), at most
 * E * max_window_accounts.
 *
 * Bounded memory: when more than max_window_accounts events fall inside
 * one window of one key, the key is "saturated": it is left out of the
 * pair count (everyone acted on it; it tells nothing about who acts
 * together) and counted in cib_trace_stats.saturated_keys.  For untimed
 * traces the bound applies to the distinct accounts sharing the value.
 * Repeats of a pair inside one key are counted once without any per-key
 * set (the pair table remembers the last key that counted each pair), so
 * memory is the events' records plus the distinct pairs, however crowded
 * a key is.  Details and measured cost: docs/coordination.md.
 */
#ifndef CIB_COORD_H
#define CIB_COORD_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/common.h"
#include "../normalize/normalize.h"
#include "../store/store.h"

typedef enum cib_trace {
    CIB_TRACE_URL = 0,
    CIB_TRACE_OBJECT,
    CIB_TRACE_TEXT,
    CIB_TRACE_HASHTAG,
    CIB_TRACE_NETWORK,
    CIB_TRACE_IMAGE,
    CIB_TRACE_COUNT
} cib_trace;

const char *cib_trace_name(cib_trace t);
bool cib_trace_parse(const char *s, size_t n, cib_trace *out);

/* Trace names are those of --traces (CONTRACT.md): url, object, text,
 * hashtag, network, image; parsing ignores case.
 *
 * What an event yields per trace: url — the canonical form of each of its
 * URLs; object — its target post (any action); text — its normalised
 * text signature; hashtag — the sorted set of its folded hashtags, as one
 * key; network — its network value; image — its image hash and its
 * account's profile image. */

/* Whether trace t is timed (windowed) or a shared-value trace. */
bool cib_trace_timed(cib_trace t);

typedef struct cib_coord_options {
    int64_t window_s;            /* W in seconds, >= 0 */
    uint32_t min_repeat;         /* >= 1 */
    uint32_t max_window_accounts;/* saturation bound, default 2000; 0 =
                                    none.  Timed traces: events in one
                                    window of a key; untimed: distinct
                                    accounts sharing the value */
    bool traces[CIB_TRACE_COUNT];/* which traces to run */
    unsigned threads;            /* worker threads, >= 1 (0 taken as 1) */
} cib_coord_options;

void cib_coord_options_init(cib_coord_options *opt);

/* One kept account pair; a < b (account indices).  A pair is kept when
 * its weight on at least one trace is >= min_repeat; its weights on the
 * other traces are reported as they are, also when below min_repeat
 * (one shared photo besides ten co-shared links is evidence too), and
 * `total` sums them all: it is the edge weight of the fused graph. */
typedef struct cib_pair {
    uint32_t a, b;
    uint32_t weight[CIB_TRACE_COUNT]; /* distinct keys co-acted on, per trace */
    uint32_t total;                   /* sum of the weights */
} cib_pair;

typedef struct cib_trace_stats {
    bool ran;            /* the trace ran: enabled and some event yielded
                            a key */
    uint64_t events;     /* events that yielded a key */
    uint64_t keys;       /* distinct keys */
    uint64_t co_keys;    /* keys on which at least one pair co-acted
                            (saturated keys excluded) */
    uint64_t pairs;      /* pairs with weight >= min_repeat on this trace */
    uint64_t saturated_keys;
} cib_trace_stats;

typedef struct cib_coord_result {
    cib_pair *pairs; /* kept pairs, sorted by (a, b) */
    size_t n_pairs;
    cib_trace_stats trace[CIB_TRACE_COUNT];
} cib_coord_result;

/* Run every enabled trace that the input has data for and fill `out`
 * with the kept pairs (`out` is overwritten; free it with
 * cib_coord_result_free, also after a failure).  norm may be NULL: the
 * url, text and hashtag traces then yield nothing.  With threads > 1 the
 * traces run in parallel, one per thread; the result is byte-identical
 * to one thread.  Returns 0, CIB_EUSAGE (window_s < 0 or min_repeat <
 * 1) or CIB_ENOMEM. */
int cib_coord_run(cib_coord_result *out, const cib_store *store,
                  const cib_norm *norm, const cib_coord_options *opt,
                  cib_error *err);
void cib_coord_result_free(cib_coord_result *r);

#endif
