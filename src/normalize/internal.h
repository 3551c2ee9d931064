/*
 * internal.h — what the files of the normalize stage share and other
 * stages do not see: the hashtags inside a text (fold.c), the
 * near-duplicate grouping of texts (neardup.c), the text keys of the
 * store (texts.c) and the sort of 64-bit words by their high half.
 */
#ifndef CIB_NORMALIZE_INTERNAL_H
#define CIB_NORMALIZE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "normalize.h"

/* Bands and rows of the LSH index (Indyk & Motwani 1998; Leskovec,
 * Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4): a text's
 * CIB_MINHASH_K = BANDS x ROWS MinHash values are cut into BANDS bands
 * of ROWS values; two texts become candidates when some band is equal,
 * which happens with probability 1 - (1 - J^ROWS)^BANDS: 0.94 at
 * J = 0.5, 0.99 at J = 0.6, 0.34 at J = 0.2. */
#define NORM_LSH_BANDS 10
#define NORM_LSH_ROWS 2
#define CIB_MINHASH_K (NORM_LSH_BANDS * NORM_LSH_ROWS)

/* Reusable buffers of the text path, so that millions of texts cost no
 * allocation each (one per thread; zero it before first use). */
typedef struct norm_scratch {
    char *norm, *fold, *buf;
    size_t norm_cap, fold_cap, buf_cap;
    uint32_t *sh;
    size_t sh_cap;
    size_t *off;
    size_t off_cap;
} norm_scratch;

void norm_scratch_free(norm_scratch *sc);

/* text.c: whether text is all ASCII, and its normalisation (the same
 * bytes cib_text_normalize gives) into m of len + 1 bytes. */
bool norm_is_ascii(const char *text, size_t len);
size_t norm_ascii_normalize(const char *text, size_t len, char *m);

/* cib_text_fold into sc->fold: *out points there (valid until the next
 * call).  Returns 0, CIB_EINPUT (not UTF-8) or CIB_ENOMEM. */
int norm_fold(const char *text, size_t len, norm_scratch *sc,
              const char **out, size_t *n);

/* cib_text_shingles into sc->sh: *out points there.  Returns 0 or
 * CIB_ENOMEM. */
int norm_shingles(const char *folded, size_t len, norm_scratch *sc,
                  const uint32_t **out, size_t *count);

/* Call fn(ctx, tag, n) for each hashtag written in text (fold.c: '#'
 * then word characters, from the NFKC-case-folded text, without the '#').
 * Returns 0, CIB_EINPUT (not UTF-8), CIB_ENOMEM or what fn returns. */
int norm_text_hashtags(const char *text, size_t len,
                       int (*fn)(void *ctx, const char *tag, size_t n),
                       void *ctx);

/* The stored signature: the low 16 bits of each of the CIB_MINHASH_K
 * minima (b-bit minwise hashing, Li & Koenig 2010: two different minima
 * agree in their low 16 bits with probability 2^-16, so the share of
 * agreeing positions still estimates J), 40 bytes per text. */
void norm_sig16(const uint32_t *sig, uint16_t *sig16);

/* Band j's key of a stored signature: its two 16-bit values side by
 * side. */
static inline uint32_t norm_band_key(const uint16_t *sig16, int j)
{
    return (uint32_t)sig16[j * NORM_LSH_ROWS] << 16 |
           sig16[j * NORM_LSH_ROWS + 1];
}

typedef struct norm_neardup_in {
    size_t n_texts;          /* T distinct folded texts, numbered 0..T-1 */
    const uint16_t *sig;     /* stored signatures in rank order: the text
                                of rank r's is sig[r * CIB_MINHASH_K ..] */
    const uint32_t *row;     /* text f's shingles are those of row row[f]
                                (rows may be shared or out of order) */
    const uint32_t *sh;      /* shingle sets, sorted and unique: row i's
                                is sh[sh_off[i] .. sh_off[i + 1]) */
    const uint64_t *sh_off;
    const uint32_t *by_rank; /* the texts in processing order (earliest
                                first): by_rank[r] is a text */
    double threshold;        /* Jaccard threshold, in (0, 1] */
} norm_neardup_in;

typedef struct norm_neardup_stats {
    uint64_t candidates;  /* texts sharing a band with another */
    uint64_t checks;      /* exact Jaccard computations */
    uint64_t merged;      /* texts that joined an earlier leader */
} norm_neardup_stats;

/* A candidate pair is checked exactly only when its signatures agree in
 * at least the threshold minus this share of positions: 6 of the 20 at
 * J = 0.5, which a pair at the threshold reaches with probability 0.98
 * (binomial), one at 0.6 with 0.999, while unrelated texts that met in
 * one band by chance are mostly dropped without the check.  Measured on
 * 2M simulated events: 0.06% fewer merges than at 0.3, a fifth of the
 * checks. */
#define NORM_SIG_SLACK 0.2

/* Leader clustering of near-duplicates: texts are taken in rank order; a
 * text joins the earliest leader it shares an LSH band with whose exact
 * shingle Jaccard similarity to it is >= threshold, or else becomes a
 * leader itself.  Every member is within the threshold of its leader (no
 * chaining), and the leader is the earliest version of the text.  Fills
 * leader[0..T) (leader[f] == f for leaders).  Cost: T records
 * radix-sorted per band, 4 bytes per bucket membership, and at most
 * NORM_MAX_LEADERS x BANDS signature comparisons per candidate text,
 * the exact check (a merge of two sorted shingle sets) only for those
 * within NORM_SIG_SLACK.  Returns 0 or CIB_ENOMEM. */
int norm_neardup(const norm_neardup_in *in, uint32_t *leader,
                 norm_neardup_stats *st);

/* Stable sort of n words by their high 32 bits only: words made in the
 * order of their low halves come out sorted by (high, low) without passes
 * over the low half.  The shared LSD radix sort (cib_radix_sort,
 * common.h), which also leaves out high bits equal in every word.
 * Returns 0 or CIB_ENOMEM. */
static inline int norm_sort_u64_high(uint64_t *v, size_t n)
{
    static const cib_radix_field high = {0, sizeof *v, 32};
    return cib_radix_sort(v, n, sizeof *v, &high, 1);
}

/* The key of a set of hashtags given as 64-bit hashes of their folded
 * bytes (v is sorted in place): a hash of the sorted set, never 0; 0 for
 * the empty set. */
uint64_t norm_tagset_key(uint64_t *v, size_t n);

/* The text keys of the store (texts.c): fills norm->text_key and, when
 * the store has no hashtag column, norm->tagset_key from the hashtags
 * written in the texts.  Returns 0 or CIB_ENOMEM. */
int norm_build_texts(cib_norm *norm, cib_store *store,
                     const cib_norm_options *opt, bool tags_from_text);

#endif
