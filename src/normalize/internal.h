/*
 * internal.h — what the files of the normalize stage share and other
 * stages do not see: the hashtags inside a text (fold.c), the
 * near-duplicate grouping of texts (neardup.c), the text keys of the
 * store (texts.c) and a radix sort of 64-bit words (sort.c).
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

/* Call fn(ctx, tag, n) for each hashtag written in text (fold.c: '#'
 * then word characters, from the NFKC-case-folded text, without the '#').
 * Returns 0, CIB_EINPUT (not UTF-8), CIB_ENOMEM or what fn returns. */
int norm_text_hashtags(const char *text, size_t len,
                       int (*fn)(void *ctx, const char *tag, size_t n),
                       void *ctx);

/* The band keys of a MinHash signature of CIB_MINHASH_K values: one
 * 32-bit key per band (a hash of its ROWS values) into band[0..BANDS). */
void norm_lsh_bands(const uint32_t *sig, uint32_t *band);

/* Shingles of text number f, for the exact check of a candidate pair:
 * fills *sh (malloc'ed, sorted, unique; the callee's to free by
 * the caller) and *n.  Returns 0 or CIB_ENOMEM. */
typedef int (*norm_shingle_fn)(void *ctx, uint32_t f, uint32_t **sh,
                               size_t *n);

typedef struct norm_neardup_in {
    size_t n_texts;          /* T distinct folded texts, numbered 0..T-1 */
    const uint32_t *band;    /* T x NORM_LSH_BANDS band keys, row-major */
    const uint32_t *by_rank; /* the texts in processing order (earliest
                                first): by_rank[r] is a text */
    double threshold;        /* Jaccard threshold, in (0, 1] */
    norm_shingle_fn shingles;
    void *ctx;
} norm_neardup_in;

typedef struct norm_neardup_stats {
    uint64_t candidates;  /* texts sharing a band with another */
    uint64_t checks;      /* exact Jaccard computations */
    uint64_t merged;      /* texts that joined an earlier leader */
} norm_neardup_stats;

/* Leader clustering of near-duplicates: texts are taken in rank order; a
 * text joins the earliest leader it shares an LSH band with whose exact
 * shingle Jaccard similarity to it is >= threshold, or else becomes a
 * leader itself.  Every member is within the threshold of its leader (no
 * chaining), and the leader is the earliest version of the text.  Fills
 * leader[0..T) (leader[f] == f for leaders).  Cost: T x BANDS records
 * radix-sorted per band, and at most NORM_MAX_LEADERS x BANDS exact
 * checks per candidate text.  Returns 0 or CIB_ENOMEM. */
int norm_neardup(const norm_neardup_in *in, uint32_t *leader,
                 norm_neardup_stats *st);

/* Sort n 64-bit words ascending (LSD radix, 16-bit digits, passes over
 * digits equal everywhere skipped).  Returns 0 or CIB_ENOMEM. */
int norm_sort_u64(uint64_t *v, size_t n);

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
