/*
 * coord.h — co-action between accounts, one trace at a time.
 *
 * For a trace T every event yields zero or more 64-bit object keys (a
 * canonical URL, a target post, a text signature, a network value, ...).
 * Two distinct accounts co-act on key k when both act on k with
 * |t1 - t2| <= W, the coordination window.  A pair's weight on T is the
 * number of distinct keys it co-acted on, and without the test below a
 * pair is kept when its weight on some trace is >= min_repeat (the
 * plain count rule, --no-significance).  This is the co-sharing rule of
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
 *
 * Significance (null.c, strata.c, fdr.c; derivation in
 * docs/coordination.md): by default a pair is kept only when its count
 * is unlikely for independent accounts, each behaving like a random draw
 * of its own number of actions from everybody's actions.  Given a, the
 * expected count of pair (a, b) is at most d_b c_a / M, with d the
 * account's actions on the trace, c the actions of others inside its
 * windows (how crowded the keys and moments it acts on are: viral links
 * and news bursts make c large) and M all actions; the tail P(Poisson >=
 * count) is a conservative p-value for the Poisson-binomial count
 * (Hoeffding 1956; Anderson & Samuels 1967).  The pair's p-value on the
 * trace is twice the smaller of its two conditional tails (given a,
 * given b).  On the object trace, when the target posts' authors are
 * known (the targets are events' own posts), the sums are kept per
 * author: fans of one account reposting it are measured against the
 * reposts of that account's posts.  A pair's p-value is the least over
 * the traces that ran times their number (Bonferroni), and the
 * Benjamini-Hochberg procedure (1995) at false discovery rate opt->fdr
 * runs over all N(N-1)/2 pairs of the N accounts with a key; a kept pair
 * also needs a total weight >= min_repeat.
 *
 * Window estimate (window_auto): CooRnet's estimate_coord_interval
 * (Giglietto et al. 2020), over distinct accounts' first actions on each
 * key of every timed trace, and never below the data's time resolution
 * (estimate.c).
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
 * URLs; object — its target post (any action); text — its near-duplicate
 * text group; hashtag — the sorted set of its folded hashtags, as one
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
    bool window_auto;            /* estimate W from the data (window_s is
                                    then only the fallback) */
    bool significance;           /* keep only pairs the test keeps (default
                                    true); false: the plain count rule */
    double fdr;                  /* false discovery rate of the test, in
                                    (0, 1), default CIB_DEFAULT_FDR */
} cib_coord_options;

#define CIB_DEFAULT_FDR 0.05

void cib_coord_options_init(cib_coord_options *opt);

/* One kept account pair; a < b (account indices).  Without the test a
 * pair is kept when its weight on at least one trace is >= min_repeat;
 * with it, when its total is >= min_repeat and it passes the test.  Its
 * weights on the other traces are reported as they are, also when below
 * min_repeat (one shared photo besides ten co-shared links is evidence
 * too), and `total` sums them all: it is the edge weight of the fused
 * graph. */
typedef struct cib_pair {
    uint32_t a, b;
    uint32_t weight[CIB_TRACE_COUNT]; /* distinct keys co-acted on, per trace */
    uint32_t total;                   /* sum of the weights */
    double log10_p;  /* log10 of the pair's p-value (fused over traces),
                        <= 0; exact where the p-value underflows */
    double p_value;  /* 10^log10_p (0 when below the double range) */
    double q_value;  /* Benjamini-Hochberg adjusted p-value; NaN when not
                        computed (the pair was not among those the test
                        ranked, as with --no-significance) */
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
    uint64_t candidates; /* pairs with weight >= 1 on this trace */
    uint64_t actions;    /* M of the null model: keyed events (timed) or
                            account-key incidences (untimed), saturated
                            keys excluded */
} cib_trace_stats;

/* How the window was chosen (CooRnet's estimate_coord_interval and the
 * resolution floor, estimate.c). */
typedef struct cib_window_estimate {
    bool automatic;      /* estimated (window_auto), else given */
    bool fallback;       /* no key had two accounts: window_s is the
                            option's value */
    int64_t window_s;    /* the window used */
    int64_t coornet_s;   /* CooRnet's estimate (before the floor) */
    int64_t resolution_s;/* time resolution of the data: 86400, 3600,
                            60 or 1 (the largest dividing every time) */
    double q, p;         /* CooRnet's quantile of quickest keys and share
                            of actions (0.1, 0.5) */
    uint64_t keys;       /* keys acted on by >= 2 accounts */
    uint64_t quick_keys; /* those among the quickest q */
} cib_window_estimate;

/* The test over all pairs (fdr.c). */
typedef struct cib_significance {
    bool applied;        /* pairs were kept by the test */
    double fdr;          /* the false discovery rate q */
    uint64_t accounts;   /* N: accounts with a key on a trace that ran */
    double hypotheses;   /* m = N(N-1)/2 */
    uint64_t candidates; /* pairs with weight >= 1 on some trace */
    uint64_t discoveries;/* pairs the Benjamini-Hochberg step keeps */
    double log10_p_cut;  /* log10 of the largest p-value kept (-inf: none) */
    unsigned traces;     /* traces that ran (the Bonferroni factor) */
} cib_significance;

typedef struct cib_coord_result {
    cib_pair *pairs; /* kept pairs, sorted by (a, b) */
    size_t n_pairs;
    cib_trace_stats trace[CIB_TRACE_COUNT];
    cib_window_estimate window;
    cib_significance significance;
} cib_coord_result;

/* Run every enabled trace that the input has data for and fill `out`
 * with the kept pairs (`out` is overwritten; free it with
 * cib_coord_result_free, also after a failure).  norm may be NULL: the
 * url, text and hashtag traces then yield nothing.  With threads > 1 the
 * traces run in parallel, one per thread; the result is byte-identical
 * to one thread.  Every candidate pair gets its p-value (also without
 * the test, for the report).  Returns 0, CIB_EUSAGE (window_s < 0,
 * min_repeat < 1 or fdr outside (0, 1)) or CIB_ENOMEM. */
int cib_coord_run(cib_coord_result *out, const cib_store *store,
                  const cib_norm *norm, const cib_coord_options *opt,
                  cib_error *err);
void cib_coord_result_free(cib_coord_result *r);

/* log P(X >= k) for X ~ Poisson(lambda), lambda >= 0 (natural log; 0
 * for k = 0, -inf for lambda = 0 < k).  Exact to double rounding from the
 * series of the regularised incomplete gamma function (Abramowitz &
 * Stegun 6.5.29) when lambda < k, from the complementary sum of the
 * probabilities otherwise.  Cost O(k) at most, usually a few terms. */
double cib_poisson_log_sf(uint32_t k, double lambda);

/* The null model's expected count of account b's actions meeting account
 * a's (null.c): d_b c_a / M, with d_b the actions of b, c_a the actions
 * of others within a's windows and M all actions of the trace; 0 when M
 * is 0. */
double cib_null_lambda(uint64_t d_b, uint64_t c_a, uint64_t m);

/* Natural log of the p-value of x co-acted keys for the pair (a, b):
 * 2 min(P(Poisson(d_b c_a / M) >= x), P(Poisson(d_a c_b / M) >= x)),
 * at most 1. */
double cib_null_log_p(uint32_t x, uint64_t d_a, uint64_t c_a, uint64_t d_b,
                      uint64_t c_b, uint64_t m);

/* The window CooRnet's estimate_coord_interval (Giglietto et al. 2020)
 * gives for keys whose actions are, per key, the times of the first
 * action of each distinct account: per key with >= 2 accounts, d2 = time
 * of the second action after the first, and dp = time after the first
 * of the first action whose rank / count exceeds p; the keys whose d2 is
 * at most the q-quantile of all d2 are the quick ones, and the estimate
 * is the p-quantile of their dp (quantiles as R's type 7).  `first` are
 * the keys' sorted time lists concatenated, `start` their n_keys+1
 * offsets.  Fills est->coornet_s, keys, quick_keys (rounded up to whole
 * seconds); returns false when no key has two actions. */
bool cib_window_coornet(const int64_t *first, const size_t *start,
                        size_t n_keys, double q, double p,
                        cib_window_estimate *est);

/* ------------------------------------------------------------ evidence */

/* What one trace shows about one cluster (evidence.c). */
typedef struct cib_trace_evidence {
    uint64_t keys;          /* distinct keys on which >= 2 of the
                               cluster's accounts co-acted (within the
                               window when timed) */
    uint64_t co_actions;    /* actions that followed another account of
                               the cluster on the same key within the
                               window (timed traces) */
    double median_delay_s;  /* median time from the previous other
                               account's action to these; NaN when none
                               or untimed */
} cib_trace_evidence;

/* Per cluster k (1..n_clusters, cluster_of[a] = k for its accounts, 0
 * for none) and trace t: out[(k-1) * CIB_TRACE_COUNT + t].  Re-runs the
 * emit and sort of every trace that ran, on the clustered accounts'
 * events only, with the window of coord->window.  Cost O(E log) on those
 * events.  Returns 0 or CIB_ENOMEM. */
int cib_coord_evidence(cib_trace_evidence *out, uint32_t n_clusters,
                       const uint32_t *cluster_of, const cib_store *store,
                       const cib_norm *norm, const cib_coord_result *coord,
                       cib_error *err);

#endif
