/*
 * pairs.c — the per-trace table of co-acting account pairs.
 *
 * Open addressing with linear probing keyed by the 64-bit pair a<<32|b:
 * one 16-byte slot holds the pair, its count of distinct keys and the
 * last key run that counted it.  Remembering the last run is what makes
 * "a pair co-acting many times on one key counts once" free: keys are
 * swept one run at a time, so no per-key set of pairs is ever built and
 * memory does not depend on how crowded a key is.
 *
 * Touches are buffered 32 at a time with their slots prefetched: at tens
 * of millions of pairs the table is far larger than the cache and every
 * touch is a miss; a batch's misses overlap instead of queueing.
 */
#include "internal.h"

#include <stdlib.h>

#define INITIAL_CAP ((size_t)1 << 12)

int coord_pairs_init(coord_pairs *p)
{
    p->n = 0;
    p->n_pend = 0;
    p->cap = INITIAL_CAP;
    p->slots = calloc(p->cap, sizeof *p->slots);
    return p->slots ? CIB_OK : CIB_ENOMEM;
}

void coord_pairs_free(coord_pairs *p)
{
    free(p->slots);
    p->slots = NULL;
    p->cap = p->n = 0;
}

static int grow(coord_pairs *p)
{
    if (p->cap > SIZE_MAX / 2 / sizeof *p->slots)
        return CIB_ENOMEM;
    size_t ncap = p->cap * 2;
    coord_slot *ns = calloc(ncap, sizeof *ns);
    if (ns == NULL)
        return CIB_ENOMEM;
    for (size_t i = 0; i < p->cap; i++) {
        if (p->slots[i].pair == 0)
            continue;
        size_t j = coord_mix64(p->slots[i].pair) & (ncap - 1);
        while (ns[j].pair)
            j = (j + 1) & (ncap - 1);
        ns[j] = p->slots[i];
    }
    free(p->slots);
    p->slots = ns;
    p->cap = ncap;
    return CIB_OK;
}

static int insert(coord_pairs *p, uint64_t key, uint32_t run)
{
    size_t mask = p->cap - 1, i = coord_mix64(key) & mask;
    while (p->slots[i].pair && p->slots[i].pair != key)
        i = (i + 1) & mask;
    coord_slot *s = &p->slots[i];
    if (s->pair == key) {
        if (s->last != run) {
            s->count++;
            s->last = run;
        }
        return CIB_OK;
    }
    /* at most 5/8 full: short probe runs */
    if ((p->n + 1) * 8 > p->cap * 5) {
        if (grow(p))
            return CIB_ENOMEM;
        return insert(p, key, run);
    }
    *s = (coord_slot){key, 1, run};
    p->n++;
    return CIB_OK;
}

int coord_pairs_flush(coord_pairs *p)
{
    unsigned n = p->n_pend;
    p->n_pend = 0;
    for (unsigned i = 0; i < n; i++)
        if (insert(p, p->pend_pair[i], p->pend_run[i]))
            return CIB_ENOMEM;
    return CIB_OK;
}

int coord_pairs_touch(coord_pairs *p, uint32_t a, uint32_t b, uint32_t run)
{
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint64_t key = (uint64_t)a << 32 | b;
    __builtin_prefetch(&p->slots[coord_mix64(key) & (p->cap - 1)]);
    p->pend_pair[p->n_pend] = key;
    p->pend_run[p->n_pend++] = run;
    return p->n_pend == COORD_PENDING ? coord_pairs_flush(p) : CIB_OK;
}

int coord_pairs_extract(coord_pairs *p, coord_pair_list *out)
{
    out->rec = NULL;
    out->n = 0;
    if (coord_pairs_flush(p)) {
        coord_pairs_free(p);
        return CIB_ENOMEM;
    }
    if (p->n == 0) {
        coord_pairs_free(p);
        return CIB_OK;
    }
    coord_rec *rec = malloc(p->n * sizeof *rec);
    if (rec == NULL) {
        coord_pairs_free(p);
        return CIB_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < p->cap; i++)
        if (p->slots[i].pair)
            rec[k++] = (coord_rec){p->slots[i].pair, p->slots[i].count, 0};
    coord_pairs_free(p);
    if (coord_radix_sort(rec, k, false)) {
        free(rec);
        return CIB_ENOMEM;
    }
    out->rec = rec;
    out->n = k;
    return CIB_OK;
}
