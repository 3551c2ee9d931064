/*
 * neardup.c — near-duplicate texts grouped under the earliest version.
 *
 * Candidates come from the LSH index of the texts' MinHash signatures
 * (internal.h: bands of ROWS values; texts with an equal band share a
 * bucket); a candidate pair whose signatures agree well enough is checked
 * on the exact Jaccard similarity of the two shingle sets, so the
 * threshold means what it says: LSH and the signatures decide only which
 * pairs are looked at (Leskovec, Rajaraman & Ullman, "Mining of Massive
 * Datasets", 3rd ed., section 3.4).
 *
 * Grouping is leader clustering, not connected components: with
 * components, A~B and B~C put A and C together however different they
 * are, and a campaign's hundred templates melt into one key, which would
 * make its accounts look as if they co-posted once.  Here texts are taken
 * in time order and each joins the earliest leader it is similar to, so
 * every text is within the threshold of its group's first version.
 *
 * Each bucket remembers at most NORM_MAX_LEADERS leaders, so a text is
 * compared with at most BANDS x NORM_MAX_LEADERS earlier versions however
 * crowded its buckets are (a bucket of a very common bigram pair says
 * little).  Memory: the memberships of texts in buckets of two or more,
 * 4 bytes each in rank order (a counting sort), and T 8-byte records per
 * band while it is sorted; the shingle sets are the caller's.  Deterministic: the result depends only on the
 * texts and their order.
 *
 * Relies on sort.c and minhash.c (cib_jaccard).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define NORM_MAX_LEADERS 4

/* A bucket's leaders by rank, with the row of their signature and
 * shingles, so that a candidate costs one memory access, not three. */
typedef struct bucket_leaders {
    uint32_t rank[NORM_MAX_LEADERS];
    uint32_t row[NORM_MAX_LEADERS];
    uint32_t n;
} bucket_leaders;

/* Bucket memberships in rank order: the buckets of the text of rank r
 * are bucket[start[r] .. start[r+1]). */
typedef struct members {
    uint32_t *start; /* T + 1 */
    uint32_t *bucket;
    uint32_t n_buckets;
} members;

/* Visit the buckets (runs of two or more equal keys) of every band, in
 * band order; visit(ctx, bucket id, ranks of its members). */
static int scan_buckets(const norm_neardup_in *in, uint64_t *rec, members *m,
                        bool fill)
{
    size_t T = in->n_texts;
    uint32_t g = 0;
    for (int j = 0; j < NORM_LSH_BANDS; j++) {
        /* made in rank order: sorting the keys keeps ranks in order */
        for (size_t r = 0; r < T; r++)
            rec[r] = (uint64_t)norm_band_key(in->sig + r * CIB_MINHASH_K, j)
                         << 32 |
                     r;
        if (norm_sort_u64_high(rec, T))
            return CIB_ENOMEM;
        for (size_t s = 0; s < T;) {
            size_t e = s + 1;
            while (e < T && rec[e] >> 32 == rec[s] >> 32)
                e++;
            if (e - s >= 2) {
                for (size_t i = s; i < e; i++) {
                    uint32_t r = (uint32_t)rec[i];
                    if (fill)
                        m->bucket[m->start[r]++] = g;
                    else
                        m->start[r + 1]++;
                }
                g++;
            }
            s = e;
        }
    }
    m->n_buckets = g;
    return CIB_OK;
}

/* Two passes over the bands (count, then fill): memberships in rank
 * order without sorting them. */
static int memberships(const norm_neardup_in *in, members *m)
{
    size_t T = in->n_texts;
    uint64_t *rec = malloc(T * sizeof *rec);
    m->start = calloc(T + 1, sizeof *m->start);
    if (rec == NULL || m->start == NULL) {
        free(rec);
        return CIB_ENOMEM;
    }
    int rc = scan_buckets(in, rec, m, false);
    for (size_t r = 0; rc == CIB_OK && r < T; r++)
        m->start[r + 1] += m->start[r];
    if (rc == CIB_OK) {
        m->bucket = malloc((m->start[T] ? m->start[T] : 1) *
                           sizeof *m->bucket);
        rc = m->bucket ? CIB_OK : CIB_ENOMEM;
    }
    if (rc == CIB_OK)
        rc = scan_buckets(in, rec, m, true);
    /* the fill advanced each start to the next one's: shift back */
    for (size_t r = T; rc == CIB_OK && r > 0; r--)
        m->start[r] = m->start[r - 1];
    if (rc == CIB_OK)
        m->start[0] = 0;
    free(rec);
    return rc;
}

static const uint16_t *sig_of(const norm_neardup_in *in, uint32_t rank)
{
    return in->sig + (size_t)rank * CIB_MINHASH_K;
}

/* The share of signature positions where two rows agree. */
static double sig_agreement(const uint16_t *a, const uint16_t *b)
{
    unsigned eq = 0;
    for (int i = 0; i < CIB_MINHASH_K; i++)
        eq += a[i] == b[i];
    return (double)eq / CIB_MINHASH_K;
}

static double exact(const norm_neardup_in *in, uint32_t ra, uint32_t rb)
{
    const uint32_t *a = in->sh + in->sh_off[ra], *b = in->sh + in->sh_off[rb];
    size_t na = in->sh_off[ra + 1] - in->sh_off[ra];
    size_t nb = in->sh_off[rb + 1] - in->sh_off[rb];
    return cib_jaccard(a, na, b, nb);
}

/* Decide the text of rank r whose buckets are g[0..m).  The leaders'
 * signatures are fetched together (prefetched) before any is compared:
 * they lie anywhere in memory, and waiting for one at a time was most of
 * the cost on millions of texts. */
static void place(const norm_neardup_in *in, bucket_leaders *lead, uint32_t r,
                  const uint32_t *g, size_t m, uint32_t *leader,
                  norm_neardup_stats *st)
{
    uint32_t cr[NORM_LSH_BANDS * NORM_MAX_LEADERS];
    uint32_t cw[NORM_LSH_BANDS * NORM_MAX_LEADERS];
    size_t nc = 0;
    for (size_t i = 0; i < m && i < NORM_LSH_BANDS; i++)
        for (uint32_t k = 0; k < lead[g[i]].n; k++) {
            cr[nc] = lead[g[i]].rank[k];
            cw[nc] = lead[g[i]].row[k];
            __builtin_prefetch(sig_of(in, cr[nc]));
            nc++;
        }
    for (size_t i = 1; i < nc; i++) { /* insertion sort by rank: <= 40 */
        uint32_t x = cr[i], y = cw[i];
        size_t j = i;
        for (; j > 0 && cr[j - 1] > x; j--) {
            cr[j] = cr[j - 1];
            cw[j] = cw[j - 1];
        }
        cr[j] = x;
        cw[j] = y;
    }
    uint32_t f = in->by_rank[r], row = in->row[f];
    const uint16_t *mine = sig_of(in, r);
    size_t pass[NORM_LSH_BANDS * NORM_MAX_LEADERS], np = 0;
    for (size_t i = 0; i < nc; i++) {
        if (i > 0 && cr[i] == cr[i - 1])
            continue;
        if (sig_agreement(mine, sig_of(in, cr[i])) <
            in->threshold - NORM_SIG_SLACK)
            continue;
        __builtin_prefetch(in->sh + in->sh_off[cw[i]]);
        pass[np++] = i;
    }
    for (size_t k = 0; k < np; k++) {
        size_t i = pass[k];
        st->checks++;
        if (exact(in, row, cw[i]) >= in->threshold) {
            leader[f] = in->by_rank[cr[i]];
            st->merged++;
            return;
        }
    }
    for (size_t i = 0; i < m; i++)
        if (lead[g[i]].n < NORM_MAX_LEADERS) {
            lead[g[i]].rank[lead[g[i]].n] = r;
            lead[g[i]].row[lead[g[i]].n++] = row;
        }
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
    members m = {0};
    int rc = memberships(in, &m);
    bucket_leaders *lead = NULL;
    if (rc == CIB_OK) {
        lead = calloc(m.n_buckets ? m.n_buckets : 1, sizeof *lead);
        rc = lead ? CIB_OK : CIB_ENOMEM;
    }
    for (size_t r = 0; rc == CIB_OK && r < T; r++) {
        size_t n = m.start[r + 1] - m.start[r];
        /* the next texts' bucket leader lists, ahead of time */
        if (r + 4 < T)
            for (size_t i = m.start[r + 4]; i < m.start[r + 5]; i++)
                __builtin_prefetch(&lead[m.bucket[i]]);
        if (n == 0)
            continue;
        st->candidates++;
        place(in, lead, (uint32_t)r, m.bucket + m.start[r], n, leader, st);
    }
    free(lead);
    free(m.start);
    free(m.bucket);
    return rc;
}
