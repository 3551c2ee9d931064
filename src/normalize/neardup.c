/*
 * neardup.c — near-duplicate texts grouped under the earliest version.
 *
 * Candidates come from the LSH index of the texts' MinHash signatures
 * (internal.h: bands of ROWS values; texts with an equal band share a
 * bucket), and every candidate pair is checked on the exact Jaccard
 * similarity of the two shingle sets, so the threshold means what it
 * says: LSH decides only which pairs are looked at (Leskovec, Rajaraman &
 * Ullman, "Mining of Massive Datasets", 3rd ed., section 3.4).
 *
 * Grouping is leader clustering, not connected components: with
 * components, A~B and B~C put A and C together however different they
 * are, and a campaign's hundred templates melt into one key, which would
 * make its accounts look as if they co-posted once.  Here texts are taken
 * in time order and each joins the earliest leader it is similar to, so
 * every text is within the threshold of its group's first version.
 *
 * Each bucket remembers at most NORM_MAX_LEADERS leaders, so a text is
 * checked against at most BANDS x NORM_MAX_LEADERS earlier versions
 * however crowded its buckets are (a bucket of a very common bigram pair
 * says little).  Deterministic: the result depends only on the texts and
 * their order.
 *
 * Relies on sort.c and minhash.c (cib_jaccard).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define NORM_MAX_LEADERS 4

typedef struct bucket_leaders {
    uint32_t rank[NORM_MAX_LEADERS];
    uint32_t n;
} bucket_leaders;

/* Shingle sets of the texts in the index, computed when first needed and
 * kept while the text may still be compared (it is a leader). */
typedef struct shingle_cache {
    const uint32_t *inv; /* ranks of the texts in buckets, ascending */
    size_t n_inv;
    uint32_t **sh;
    size_t *n;
    bool *done;
} shingle_cache;

static size_t inv_index(const shingle_cache *c, uint32_t rank)
{
    size_t lo = 0, hi = c->n_inv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->inv[mid] < rank)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int cached(shingle_cache *c, const norm_neardup_in *in, uint32_t rank,
                  size_t *i)
{
    *i = inv_index(c, rank);
    if (c->done[*i])
        return CIB_OK;
    int rc = in->shingles(in->ctx, in->by_rank[rank], &c->sh[*i], &c->n[*i]);
    c->done[*i] = rc == CIB_OK;
    return rc;
}

static void drop(shingle_cache *c, size_t i)
{
    free(c->sh[i]);
    c->sh[i] = NULL;
    c->done[i] = false;
}

/* Bucket memberships, (rank << 32 | bucket), sorted by rank: every band's
 * runs of two or more equal keys are buckets. */
static int memberships(const norm_neardup_in *in, const uint32_t *rank_of,
                       uint64_t **out, size_t *n_out, uint32_t *n_buckets)
{
    size_t T = in->n_texts, cap = 0, n = 0;
    uint64_t *mem = NULL, *rec = malloc(T * sizeof *rec);
    if (rec == NULL)
        return CIB_ENOMEM;
    uint32_t g = 0;
    int rc = CIB_OK;
    for (int j = 0; j < NORM_LSH_BANDS && rc == CIB_OK; j++) {
        for (size_t f = 0; f < T; f++)
            rec[f] = (uint64_t)in->band[f * NORM_LSH_BANDS + j] << 32 |
                     rank_of[f];
        rc = norm_sort_u64(rec, T);
        for (size_t s = 0; rc == CIB_OK && s < T;) {
            size_t e = s + 1;
            while (e < T && rec[e] >> 32 == rec[s] >> 32)
                e++;
            if (e - s >= 2) {
                rc = cib_grow((void **)&mem, &cap, n + (e - s), sizeof *mem);
                for (size_t i = s; rc == CIB_OK && i < e; i++)
                    mem[n++] = (rec[i] & 0xffffffffu) << 32 | g;
                g++;
            }
            s = e;
        }
    }
    free(rec);
    if (rc == CIB_OK)
        rc = norm_sort_u64(mem, n);
    if (rc != CIB_OK) {
        free(mem);
        return rc;
    }
    *out = mem;
    *n_out = n;
    *n_buckets = g;
    return CIB_OK;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Decide the text of rank r whose buckets are g[0..m). */
static int place(const norm_neardup_in *in, shingle_cache *c,
                 bucket_leaders *lead, uint32_t r, const uint32_t *g,
                 size_t m, uint32_t *leader, norm_neardup_stats *st)
{
    uint32_t cand[NORM_LSH_BANDS * NORM_MAX_LEADERS];
    size_t nc = 0;
    for (size_t i = 0; i < m; i++)
        for (uint32_t k = 0; k < lead[g[i]].n; k++)
            cand[nc++] = lead[g[i]].rank[k];
    qsort(cand, nc, sizeof *cand, cmp_u32);
    size_t self;
    int rc = CIB_OK;
    bool joined = false;
    for (size_t i = 0; i < nc && !joined && rc == CIB_OK; i++) {
        if (i > 0 && cand[i] == cand[i - 1])
            continue;
        size_t other;
        rc = cached(c, in, r, &self);
        if (rc == CIB_OK)
            rc = cached(c, in, cand[i], &other);
        if (rc != CIB_OK)
            break;
        st->checks++;
        if (cib_jaccard(c->sh[self], c->n[self], c->sh[other], c->n[other]) >=
            in->threshold) {
            leader[in->by_rank[r]] = in->by_rank[cand[i]];
            st->merged++;
            joined = true;
        }
    }
    if (rc != CIB_OK)
        return rc;
    if (joined) {
        drop(c, inv_index(c, r));
        return CIB_OK;
    }
    for (size_t i = 0; i < m; i++)
        if (lead[g[i]].n < NORM_MAX_LEADERS)
            lead[g[i]].rank[lead[g[i]].n++] = r;
    return CIB_OK;
}

int norm_neardup(const norm_neardup_in *in, uint32_t *leader,
                 norm_neardup_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t T = in->n_texts;
    for (size_t f = 0; f < T; f++)
        leader[f] = (uint32_t)f;
    if (T < 2)
        return CIB_OK;
    uint32_t *rank_of = malloc(T * sizeof *rank_of);
    if (rank_of == NULL)
        return CIB_ENOMEM;
    for (size_t r = 0; r < T; r++)
        rank_of[in->by_rank[r]] = (uint32_t)r;
    uint64_t *mem = NULL;
    size_t n_mem = 0;
    uint32_t n_buckets = 0;
    int rc = memberships(in, rank_of, &mem, &n_mem, &n_buckets);
    free(rank_of);
    if (rc != CIB_OK)
        return rc;

    /* the distinct ranks in buckets, ascending */
    shingle_cache c = {0};
    uint32_t *inv = malloc((n_mem ? n_mem : 1) * sizeof *inv);
    bucket_leaders *lead = calloc(n_buckets ? n_buckets : 1, sizeof *lead);
    rc = inv && lead ? CIB_OK : CIB_ENOMEM;
    for (size_t i = 0; rc == CIB_OK && i < n_mem; i++)
        if (c.n_inv == 0 || inv[c.n_inv - 1] != (uint32_t)(mem[i] >> 32))
            inv[c.n_inv++] = (uint32_t)(mem[i] >> 32);
    c.inv = inv;
    st->candidates = c.n_inv;
    if (rc == CIB_OK) {
        c.sh = calloc(c.n_inv ? c.n_inv : 1, sizeof *c.sh);
        c.n = calloc(c.n_inv ? c.n_inv : 1, sizeof *c.n);
        c.done = calloc(c.n_inv ? c.n_inv : 1, sizeof *c.done);
        rc = c.sh && c.n && c.done ? CIB_OK : CIB_ENOMEM;
    }
    uint32_t g[NORM_LSH_BANDS];
    for (size_t s = 0; rc == CIB_OK && s < n_mem;) {
        size_t e = s, m = 0;
        while (e < n_mem && mem[e] >> 32 == mem[s] >> 32) {
            if (m < NORM_LSH_BANDS)
                g[m++] = (uint32_t)mem[e];
            e++;
        }
        rc = place(in, &c, lead, (uint32_t)(mem[s] >> 32), g, m, leader, st);
        s = e;
    }
    for (size_t i = 0; c.sh && i < c.n_inv; i++)
        free(c.sh[i]);
    free(c.sh);
    free(c.n);
    free(c.done);
    free(inv);
    free(lead);
    free(mem);
    return rc;
}
