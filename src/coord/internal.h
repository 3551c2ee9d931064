/*
 * internal.h — the parts of the coord stage shared between its files and
 * hidden from other stages.
 *
 * A trace is only a way for an event to yield keys (url.c, object.c,
 * text.c, hashtag.c, network.c, image.c); traces.c lists them in one
 * table.  Everything else is shared: records are radix-sorted by key
 * (radix.c), each key's run is swept with the window (window.c) into a
 * pair table (pairs.c), and coord.c drives the traces and merges them.
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

/* Stable LSD radix sort of n records by key, or by (key, ord) when
 * by_ord; byte digits whose value is the same in every record are
 * skipped, so 32-bit ids cost 4 passes and 64-bit hashes 8.  O(n) time,
 * n records of scratch.  Returns 0 or CIB_ENOMEM. */
int coord_radix_sort(coord_rec *rec, size_t n, bool by_ord);

/* ------------------------------------------------------------- pairs */

/* Open-addressing table (linear probing, power-of-two size, at most 5/8
 * full) keyed by the 64-bit pair a<<32|b, a < b.  A pair counts one per
 * key run however often it meets inside the run: `last` remembers the
 * run that counted it last. */
typedef struct coord_slot {
    uint64_t pair; /* 0 = empty; a < b makes every real pair non-zero */
    uint32_t count;
    uint32_t last;
} coord_slot;

typedef struct coord_pairs {
    coord_slot *slots;
    size_t cap, n;
} coord_pairs;

int coord_pairs_init(coord_pairs *p);
void coord_pairs_free(coord_pairs *p);

/* Count pair {a, b} (a != b, either order) once for run `run`.  Returns 0
 * or CIB_ENOMEM. */
int coord_pairs_touch(coord_pairs *p, uint32_t a, uint32_t b, uint32_t run);

/* A trace's pairs, sorted by pair: rec[i].key is a<<32|b, rec[i].ord its
 * weight (distinct keys). */
typedef struct coord_pair_list {
    coord_rec *rec;
    size_t n;
} coord_pair_list;

/* Move the table's pairs into `out` sorted, and free the table.  Returns
 * 0 or CIB_ENOMEM (the table is freed either way). */
int coord_pairs_extract(coord_pairs *p, coord_pair_list *out);

/* ------------------------------------------------------------- window */

typedef struct coord_sweep_in {
    const coord_rec *rec;  /* sorted by (key, ord) */
    size_t n;
    const int64_t *time;   /* time by ord (rank); NULL: untimed trace */
    int64_t window_s;
    uint32_t max_window;   /* saturation bound; 0 = none */
} coord_sweep_in;

/* Sweep every key's run and count co-acting pairs into `pairs`; fills
 * st->keys, st->co_keys and st->saturated_keys.  Returns 0 or
 * CIB_ENOMEM. */
int coord_sweep(const coord_sweep_in *in, coord_pairs *pairs,
                cib_trace_stats *st);

#endif
