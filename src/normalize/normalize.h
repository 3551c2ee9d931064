/*
 * normalize.h — canonical keys for the coordination traces.
 *
 * From the raw interned values of the event store this stage derives the
 * keys two accounts must share to co-act: canonical URLs and their
 * domains, a signature of the normalised text, lower-cased hashtags.
 * Results are arrays aligned with the store's, kept in a cib_norm beside
 * the store (the store itself is not changed except that new canonical
 * strings are interned into its pool).
 */
#ifndef CIB_NORMALIZE_H
#define CIB_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"
#include "../store/store.h"

/* The near-duplicate threshold: two texts are the same message when the
 * Jaccard similarity of their shingle sets (word 2-grams, or character
 * 3-grams for scripts written without spaces) is at least this.  In a
 * ten-word post (9 bigrams) one word replaced in the middle leaves 7
 * shared bigrams, J = 7/11 = 0.64, and one word inserted 8, J = 8/11 =
 * 0.73: joined; two words replaced apart leave 5, J = 5/13 = 0.38: not.
 * Chosen on the #KochFarms texts of the IRA data (docs/coordination.md). */
#define CIB_TEXT_SIMILARITY 0.5

typedef struct cib_norm_options {
    double text_similarity; /* Jaccard threshold in (0, 1], default
                               CIB_TEXT_SIMILARITY */
    unsigned threads;       /* worker threads for the texts, >= 1 */
    bool tags_from_text;    /* when no event has a hashtag column value,
                               read the hashtag sets from the texts
                               (default false: the input has no hashtag
                               trace of its own) */
} cib_norm_options;

void cib_norm_options_init(cib_norm_options *opt);

/* What the text keys came from. */
typedef struct cib_norm_stats {
    uint64_t texts;       /* distinct raw texts */
    uint64_t folded;      /* distinct folded texts with words */
    uint64_t text_groups; /* near-duplicate groups (text keys) among them */
    uint64_t merged;      /* folded texts that joined an earlier one */
    uint64_t candidates;  /* folded texts sharing an LSH band */
    uint64_t checks;      /* exact Jaccard checks of candidate pairs */
    bool tags_from_text;  /* hashtag sets were read from the texts */
    double text_similarity;
} cib_norm_stats;

typedef struct cib_norm {
    /* aligned with events.url_ids: canonical URL string id and its host's
     * domain string id (0 when the value is no URL).  The domain is the
     * registrable domain (public suffix + 1 label, libpsl: "www.bbc.co.uk"
     * -> "bbc.co.uk"), or the host itself when it has none (an IP
     * address, "localhost", a bare public suffix such as "blogspot.com") */
    uint32_t *url_key;
    uint32_t *url_domain;
    /* aligned with events rows: the text's near-duplicate group, as the
     * 64-bit hash of the group's earliest folded text (cib_text_fold);
     * 0 when the event has no text or no words once folded.  Text that is
     * not valid UTF-8 is keyed on its raw bytes alone. */
    uint64_t *text_key;
    /* aligned with events.tag_ids: case-folded hashtag string id */
    uint32_t *tag_key;
    /* aligned with events rows: the set of the event's case-folded
     * hashtags as one key (0: none).  From the hashtag column, or, when
     * no event has one and the options ask, from the hashtags written in
     * the text. */
    uint64_t *tagset_key;
    cib_norm_stats stats;
} cib_norm;

/* Canonical form of one URL into out (size n): RFC 3986 section 6.2.2
 * syntax normalisation by uriparser (scheme and host lower-cased,
 * unreserved characters percent-decoded and other escapes upper-cased,
 * dot segments removed), after raw spaces, non-ASCII bytes and stray '%'
 * are percent-encoded; then the default port dropped, an empty path made
 * "/", trailing slashes dropped, the "www.", "m.", "mobile." and "amp."
 * host variants and "amp" path segments dropped, Google AMP viewer and
 * AMP cache links unwrapped, tracking parameters removed (utm_*, fbclid,
 * gclid, igshid, mc_cid, ref and the others listed in url.c) and the
 * fragment removed.  Other parameters keep their bytes and order.  A
 * value uriparser rejects even so gets only the case, tracking and
 * fragment rules.  A value without "scheme://" is not a URL and is copied
 * unchanged.  Returns the length written (truncated to n-1). */
size_t cib_url_canonical(const char *url, size_t len, char *out, size_t n);

/* Host of a URL (lower-cased, without "www." and port) into out; returns
 * its length, 0 when the value has no host. */
size_t cib_url_host(const char *url, size_t len, char *out, size_t n);

/* Normalise text for comparison: Unicode NFKC and case fold (utf8proc),
 * whitespace runs to one space, trimmed.  Returns a malloc'ed string
 * (caller frees) and its length in *out_len, or NULL on memory failure or
 * invalid UTF-8. */
char *cib_text_normalize(const char *text, size_t len, size_t *out_len);

/* The same, telling the failures apart: returns 0 with *out (malloc'ed,
 * NUL-terminated, caller frees) and *out_len set, CIB_EINPUT when text is
 * not valid UTF-8, or CIB_ENOMEM.  Default-ignorable code points (zero
 * width space, joiners, ...) are removed, as Unicode's NFKC_Casefold
 * does. */
int cib_text_normalize_checked(const char *text, size_t len, char **out,
                               size_t *out_len);

/* Fold text for near-duplicate comparison (fold.c): the normalisation
 * above, then URLs, @mentions and a leading "rt" dropped, Arabic-script
 * letters unified (alef forms to alef, alef maksura / Farsi yeh to yeh,
 * keheh to kaf, teh marbuta to heh), tatweel and harakat dropped,
 * Arabic-Indic and Persian digits made ASCII, and the text reduced to its
 * words (runs of letters, marks, digits, '_'; each symbol such as an
 * emoji a word of its own) joined by single spaces.  Returns 0 with *out
 * (malloc'ed, NUL-terminated) and *out_len, CIB_EINPUT when text is not
 * valid UTF-8, or CIB_ENOMEM. */
int cib_text_fold(const char *text, size_t len, char **out, size_t *out_len);

/* The shingle set of a folded text (minhash.c): word 2-grams, or
 * character 3-grams when most code points belong to scripts written
 * without spaces (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan); a text
 * shorter than one shingle is one shingle.  Each shingle is a 32-bit hash
 * of its bytes; *out (malloc'ed, caller frees; NULL when len is 0) is
 * sorted and without repeats, *count its length.  Returns 0 or
 * CIB_ENOMEM. */
int cib_text_shingles(const char *folded, size_t len, uint32_t **out,
                      size_t *count);

/* MinHash signature (Broder 1997) of a shingle set: sig[i] (i < k) is the
 * least value of the i-th hash function over the set, UINT32_MAX for
 * the empty set.  The functions are fixed (seeded by i), so signatures
 * of different calls compare.  Cost O(n k). */
void cib_minhash(const uint32_t *shingles, size_t n, uint32_t *sig,
                 unsigned k);

/* The MinHash estimate of the Jaccard similarity: the share of the k
 * positions where two signatures agree (standard error sqrt(J(1-J)/k)). */
double cib_minhash_similarity(const uint32_t *a, const uint32_t *b,
                              unsigned k);

/* Exact Jaccard similarity |A n B| / |A u B| of two sorted sets without
 * repeats; 1 for two empty sets. */
double cib_jaccard(const uint32_t *a, size_t na, const uint32_t *b,
                   size_t nb);

/* Compute every key for the store into `norm` (its previous contents are
 * not freed; pass a zeroed struct).  Each distinct raw string is
 * normalised once (a cache indexed by string id), so the cost is one pass
 * over the events plus O(bytes of the distinct URLs, texts and tags).
 * Text or a tag that is not valid UTF-8 is keyed on its raw bytes.
 * Returns 0 or CIB_ENOMEM (norm is then left zeroed). */
int cib_norm_build(cib_norm *norm, cib_store *store, cib_error *err);

/* The same with options (NULL: cib_norm_options_init's).  Texts are
 * grouped into near-duplicates (texts.c, neardup.c): MinHash signatures
 * of CIB_MINHASH_K = 20 values in 10 LSH bands of 2, candidate pairs
 * checked on exact shingle Jaccard >= opt->text_similarity, leader
 * clustering in time order.  Extra cost: one fold per distinct text and
 * about 40 bytes per distinct text while it runs.  Returns 0, CIB_EUSAGE
 * (threshold outside (0, 1]) or CIB_ENOMEM. */
int cib_norm_build_with(cib_norm *norm, cib_store *store,
                        const cib_norm_options *opt, cib_error *err);
void cib_norm_free(cib_norm *norm);

/* ------------------------------------------------------------ watchlist */

/* Known domains and URLs to flag (watchlist.c).  Entries are defanged
 * ("bild[.]pics", "hxxps://", "[:]" are read as ".", "https://", ":"),
 * then a value with "://" or '/' is a URL entry (canonical form, scheme
 * left out; "https://a.org/" with nothing after the host is the domain
 * a.org), a value of domain characters with a dot is a domain entry
 * (lower-cased, "www." dropped), anything else is ignored and counted. */
typedef struct cib_watchlist cib_watchlist;

typedef struct cib_watchlist_stats {
    uint64_t domains;    /* domain entries */
    uint64_t urls;       /* URL entries */
    uint64_t ignored;    /* values that are neither */
    uint64_t duplicates; /* entries given again */
} cib_watchlist_stats;

/* An empty list, or NULL when memory runs out. */
cib_watchlist *cib_watchlist_new(void);
void cib_watchlist_free(cib_watchlist *wl);

/* Add one entry of len bytes.  Returns 0, CIB_EINPUT (neither a domain
 * nor a URL: ignored, counted) or CIB_ENOMEM. */
int cib_watchlist_add(cib_watchlist *wl, const char *entry, size_t len);

/* Load a list from a file: either one entry per line (blank lines and
 * lines starting with '#' skipped), or a CSV file (RFC 4180 quoting)
 * whose header names an indicator column ("indicator",
 * "indicator_value", "value", "domain", "url" or "ioc", any case), as
 * Meta's threat-research indicator files do.  *out is NULL on failure.
 * Returns 0, CIB_EIO (cannot read, naming the file), CIB_EINPUT (no
 * entry at all) or CIB_ENOMEM. */
int cib_watchlist_load(cib_watchlist **out, const char *path,
                       cib_error *err);

/* The entry a shared URL matches, or -1: a URL entry when the link's
 * canonical form without scheme equals it or continues it with a path;
 * else a domain entry when the link's host is it or a subdomain of it.
 * Cost: one canonicalisation and a few hash look-ups. */
int64_t cib_watchlist_match(const cib_watchlist *wl, const char *url,
                            size_t len);

/* Entries (folded, as matched) and the counts of the load. */
size_t cib_watchlist_count(const cib_watchlist *wl);
const char *cib_watchlist_entry(const cib_watchlist *wl, size_t i);
cib_watchlist_stats cib_watchlist_get_stats(const cib_watchlist *wl);

#endif
