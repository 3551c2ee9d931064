/*
 * internal.h — the parts of the coord stage shared between its files and
 * hidden from other stages.
 *
 * A trace is only a way for an event to yield keys (url.c, object.c,
 * text.c, hashtag.c, network.c, image.c); traces.c lists them in one
 * table.  Everything else is shared: records are radix-sorted by key
 * (cib_radix_sort), each key's run is swept with the window (window.c)
 * into a pair table (pairs.c) and the null model's per-account sums, coord.c
 * drives the traces, fdr.c merges them into tested pairs, estimate.c
 * estimates the window and evidence.c describes clusters.
 */
#ifndef CIB_COORD_INTERNAL_H
#define CIB_COORD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coord.h"

/* ------------------------------------------------------------- traces */

/* What a trace reads.  norm may be NULL (traces needing it yield none). */
typedef struct coord_src {
    const cib_store *store;
    const cib_norm *norm;
} coord_src;

/* The keys one event yields; reused from event to event. */
typedef struct coord_keys {
    uint64_t *v;
    size_t n, cap;
} coord_keys;

/* Append key k (0 is never a key and is ignored; a key already yielded by
 * this event is not repeated).  Returns 0 or CIB_ENOMEM. */
int coord_keys_add(coord_keys *keys, uint64_t k);

/* Fill `keys` (emptied by the caller) with the keys of event ev. */
typedef int (*coord_emit_fn)(const coord_src *src, size_t ev,
                             coord_keys *keys);

typedef struct coord_trace_def {
    const char *name;  /* as on the command line (--traces) */
    bool timed;        /* windowed; false: sharing the value at all counts */
    coord_emit_fn emit;
} coord_trace_def;

/* Indexed by cib_trace (traces.c). */
extern const coord_trace_def coord_traces[CIB_TRACE_COUNT];

int coord_url_keys(const coord_src *src, size_t ev, coord_keys *keys);
int coord_object_keys(const coord_src *src, size_t ev, coord_keys *keys);
int coord_text_keys(const coord_src *src, size_t ev, coord_keys *keys);
int coord_hashtag_keys(const coord_src *src, size_t ev, coord_keys *keys);
int coord_network_keys(const coord_src *src, size_t ev, coord_keys *keys);
int coord_image_keys(const coord_src *src, size_t ev, coord_keys *keys);

/* ------------------------------------------------------------- records */

/* One (key, event) incidence.  `ord` orders events inside a key: the
 * event's rank in time order for timed traces, the account for untimed
 * ones. */
typedef struct coord_rec {
    uint64_t key;
    uint32_t ord;
    uint32_t account;
} coord_rec;

/* Events in time order: perm[r] is the event of rank r, time[r] its
 * time; perm is NULL when the store is already in time order (time is
 * then the store's own column). */
typedef struct coord_time_order {
    uint32_t *perm;
    int64_t *time;
} coord_time_order;

int coord_time_order_build(coord_time_order *o, const cib_events *e);
void coord_time_order_free(coord_time_order *o, const cib_events *e);

/* The records of trace t: (key, rank, account) in rank (time) order for
 * timed traces, (key, account, account) in event order for untimed ones;
 * only events of accounts with keep[account] != 0 when keep is not NULL.
 * *events counts the events that yielded a key.  Returns 0 or
 * CIB_ENOMEM (*out is then NULL). */
int coord_emit(const coord_src *src, const coord_time_order *order,
               cib_trace t, const uint8_t *keep, coord_rec **out, size_t *n,
               uint64_t *events);

/* The window estimate of --window auto (estimate.c): CooRnet's rule over
 * every enabled timed trace, floored at the time resolution; fills *est
 * (window_s falls back to opt->window_s when no key has two accounts).
 * Returns 0 or CIB_ENOMEM. */
int coord_estimate_window(const coord_src *src, const coord_time_order *order,
                          const cib_coord_options *opt,
                          cib_window_estimate *est);

/* Stable sort of n records by key, or by (key, ord) when by_ord: the
 * shared LSD radix sort (cib_radix_sort, common.h), which leaves out the
 * bits equal in every record, so 32-bit ids cost at most 4 passes and
 * 64-bit hashes 8.  O(n) time, n records of scratch.  Returns 0 or
 * CIB_ENOMEM. */
static inline int coord_radix_sort(coord_rec *rec, size_t n, bool by_ord)
{
    static const cib_radix_field by[2] = {{offsetof(coord_rec, key), 8, 0},
                                          {offsetof(coord_rec, ord), 4, 0}};
    return cib_radix_sort(rec, n, sizeof *rec, by, by_ord ? 2 : 1);
}

/* ------------------------------------------------------------- pairs */

/* MurmurHash3's 64-bit finaliser (Appleby): spreads keys whose values
 * differ in few bits (pairs of small account numbers, key and cluster). */
static inline uint64_t coord_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Open-addressing table (linear probing, power-of-two size, at most 5/8
 * full) keyed by the 64-bit pair a<<32|b, a < b.  A pair counts one per
 * key run however often it meets inside the run: `last` remembers the
 * run that counted it last. */
typedef struct coord_slot {
    uint64_t pair; /* 0 = empty; a < b makes every real pair non-zero */
    uint32_t count;
    uint32_t last;
} coord_slot;

#define COORD_PENDING 32

typedef struct coord_pairs {
    coord_slot *slots;
    size_t cap, n;
    /* touches waiting for their slots, which were prefetched: inserting a
     * batch after its prefetches overlaps the cache misses of a table far
     * larger than the cache */
    uint64_t pend_pair[COORD_PENDING];
    uint32_t pend_run[COORD_PENDING];
    unsigned n_pend;
} coord_pairs;

int coord_pairs_init(coord_pairs *p);
void coord_pairs_free(coord_pairs *p);

/* Count pair {a, b} (a != b, either order) once for run `run`.  Touches
 * are applied in order, in batches (the table is current after
 * coord_pairs_flush).  Returns 0 or CIB_ENOMEM. */
int coord_pairs_touch(coord_pairs *p, uint32_t a, uint32_t b, uint32_t run);
int coord_pairs_flush(coord_pairs *p);

/* A trace's pairs, sorted by pair: rec[i].key is a<<32|b, rec[i].ord its
 * weight (distinct keys). */
typedef struct coord_pair_list {
    coord_rec *rec;
    size_t n;
} coord_pair_list;

/* Move the table's pairs into `out` sorted (flushing first), and free
 * the table.  Returns 0 or CIB_ENOMEM (the table is freed either way). */
int coord_pairs_extract(coord_pairs *p, coord_pair_list *out);

/* ------------------------------------------------------------- window */

typedef struct coord_sweep_in {
    const coord_rec *rec;  /* sorted by (key, ord) */
    size_t n;
    const int64_t *time;   /* time by ord (rank); NULL: untimed trace */
    int64_t window_s;
    uint32_t max_window;   /* saturation bound; 0 = none */
    const uint32_t *stratum_of; /* by key (a string id): the null model's
                                   source of the key's actions (sources.c);
                                   NULL: not stratified */
    const struct coord_key_map *stratum_map; /* the same by 64-bit key
                                   (text trace) when stratum_of is NULL */
} coord_sweep_in;

/* The null model's sums per (account, stratum) (strata.c): d and c as in
 * coord_null but counted inside each stratum, and m per stratum; after
 * coord_strata_finish, laid out per account. */
typedef struct coord_strata {
    uint32_t n_accounts;
    uint64_t *key, *d, *c; /* accumulation table */
    size_t cap, n;
    uint64_t *m;           /* actions per stratum */
    size_t *start;         /* per account: entries [start[a], start[a+1]) */
    uint32_t *s;           /* stratum of an entry, ascending per account */
    uint64_t *sd, *sc;     /* its d and c */
} coord_strata;

/* Strata: a key's source (sources.c; 0 pooled) times COORD_DELAY_CLASSES
 * classes of an action's delay after the first action on the same key:
 * within W, within 10 W, later.  Fans who repost an account within
 * seconds of every post are measured against the other fast reposts of
 * that account, not against all of them (strata.c).  Returns source *
 * COORD_DELAY_CLASSES + class, and 0 for every action of the pooled
 * source 0, which is not split by delay. */
#define COORD_DELAY_CLASSES 3
uint32_t coord_stratum(uint32_t source, int64_t delay_s, int64_t window_s);

/* Distinct accounts that must share a domain's links for the url and
 * text traces to measure them against that domain alone (sources.c). */
#define COORD_SOURCE_AUDIENCE 100



/* A map from 64-bit keys (never 0) to sources (open addressing). */
typedef struct coord_key_map {
    uint64_t *key;
    uint32_t *val;
    size_t mask, n;
} coord_key_map;

/* The source of key k, 0 when the map does not hold it. */
uint32_t coord_key_map_get(const coord_key_map *m, uint64_t k);

/* The null's sources per trace (sources.c), numbered from 1 (0 pooled):
 *   author_of  by post string id: its author's account index + 1 (object);
 *   domain_of  by canonical URL string id: its domain's source (url);
 *   text       by text key: the source of the domain of the first link it
 *              came with (text);
 * n_domains is the number of domain sources.  Built for the traces that
 * are on; NULL / empty where there is nothing to go by. */
typedef struct coord_sources {
    uint32_t *author_of;
    uint32_t *domain_of;
    uint32_t n_domains;
    coord_key_map text;
} coord_sources;

/* Returns 0 or CIB_ENOMEM (s is then empty).  Cost: arrays of one
 * uint32 per interned string for authors and domains, a radix sort of
 * the (domain, account) pair of every link, and a map of the texts that
 * came with links. */
int coord_sources_build(coord_sources *s, const cib_store *store,
                        const cib_norm *norm,
                        const bool traces[CIB_TRACE_COUNT]);
void coord_sources_free(coord_sources *s);

/* n_strata: the strata ids will be < n_strata. */
int coord_strata_init(coord_strata *st, uint32_t n_accounts,
                      uint64_t n_strata);
void coord_strata_free(coord_strata *st);
int coord_strata_action(coord_strata *st, uint32_t a, uint32_t s);
/* Add n to a's crowd in stratum s. */
int coord_strata_crowd(coord_strata *st, uint32_t a, uint32_t s, uint64_t n);
int coord_strata_finish(coord_strata *st);
/* Given a, the expected meetings of b: sum over s of c_{a,s} d_{b,s} /
 * m_s, and given b, of a's (after coord_strata_finish).  The walk stops
 * once both sums exceed `limit` (INFINITY: exact sums), since they only
 * grow: a caller asking only whether the smaller is at most limit gets
 * its answer sooner.  Cost: the strata of the account with fewer, each a
 * binary search in the other's. */
void coord_strata_lambdas(const coord_strata *st, uint32_t a, uint32_t b,
                          double limit, double *l_b_given_a,
                          double *l_a_given_b);

/* log p of x co-acted keys from the two conditional expectations (null.c):
 * log min(1, 2 min(P(Poisson(l1) >= x), P(Poisson(l2) >= x))). */
double coord_log_p(uint32_t x, double l1, double l2);

/* The null model's sums of one trace (null.c), per account index:
 * d = actions (timed: records; untimed: distinct keys), c = actions of
 * others within their windows (timed: records of other accounts on the
 * key within W before or after; untimed: other accounts on the key), and
 * m = all actions.  Saturated keys take no part. */
typedef struct coord_null {
    uint64_t *d, *c;
    uint64_t m;
    coord_strata *strata; /* per source (object trace), or NULL */
} coord_null;

/* Sweep every key's run and count co-acting pairs into `pairs` and the
 * null sums into `null` (may be NULL); fills st->keys, st->co_keys,
 * st->saturated_keys and st->actions.  Returns 0 or CIB_ENOMEM. */
int coord_sweep(const coord_sweep_in *in, coord_pairs *pairs,
                coord_null *null, cib_trace_stats *st);

/* ------------------------------------------------------------- merge */

/* Everything the merge needs of the traces (fdr.c). */
typedef struct coord_merge_in {
    const coord_pair_list *list; /* per trace, sorted by pair */
    const coord_null *null;      /* per trace */
    const bool *ran;             /* per trace */
    uint32_t n_accounts;
    const cib_coord_options *opt;
} coord_merge_in;

/* Merge the traces' pair lists into out->pairs (kept pairs, with their
 * p- and q-values) and fill out->significance.  Returns 0 or
 * CIB_ENOMEM. */
int coord_merge(cib_coord_result *out, const coord_merge_in *in);

#endif
