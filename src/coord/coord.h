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
 * O(E log E) for the sort plus O(sum over windows of their pair count).
 *
 * Bounded memory: when more than max_window_accounts events fall inside
 * one window of one key, the key is "saturated": it is left out of the
 * pair count (everyone acted on it; it tells nothing about who acts
 * together) and counted in cib_trace_stats.saturated_keys.
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

/* Whether trace t is timed (windowed) or a shared-value trace. */
bool cib_trace_timed(cib_trace t);

typedef struct cib_coord_options {
    int64_t window_s;            /* W in seconds, >= 0 */
    uint32_t min_repeat;         /* >= 1 */
    uint32_t max_window_accounts;/* saturation bound, default 2000 */
    bool traces[CIB_TRACE_COUNT];/* which traces to run */
    unsigned threads;            /* worker threads, >= 1 */
} cib_coord_options;

void cib_coord_options_init(cib_coord_options *opt);

/* One kept account pair; a < b (account indices). */
typedef struct cib_pair {
    uint32_t a, b;
    uint32_t weight[CIB_TRACE_COUNT]; /* distinct keys co-acted on, per trace */
    uint32_t total;                   /* sum of the weights */
} cib_pair;

typedef struct cib_trace_stats {
    bool ran;            /* the trace ran (enabled and the input has it) */
    uint64_t events;     /* events that yielded a key */
    uint64_t keys;       /* distinct keys */
    uint64_t co_keys;    /* keys on which at least one pair co-acted */
    uint64_t pairs;      /* pairs with weight >= min_repeat on this trace */
    uint64_t saturated_keys;
} cib_trace_stats;

typedef struct cib_coord_result {
    cib_pair *pairs; /* kept pairs, sorted by (a, b) */
    size_t n_pairs;
    cib_trace_stats trace[CIB_TRACE_COUNT];
} cib_coord_result;

/* Run every enabled trace that the input has data for and fill `out`
 * with the kept pairs.  Returns 0 or CIB_ENOMEM. */
int cib_coord_run(cib_coord_result *out, const cib_store *store,
                  const cib_norm *norm, const cib_coord_options *opt,
                  cib_error *err);
void cib_coord_result_free(cib_coord_result *r);

#endif
