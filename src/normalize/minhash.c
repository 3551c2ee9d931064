/*
 * minhash.c — shingles of a folded text, their MinHash signature and
 * their exact Jaccard similarity.
 *
 * A text is the set of its shingles: word 2-grams for scripts written
 * with spaces, character 3-grams for those written without (Han, kana,
 * Thai, Lao, Khmer, Myanmar, Tibetan), where a "word" would be a whole
 * sentence.  Two texts are near-duplicates when the Jaccard similarity of
 * their shingle sets, |A n B| / |A u B|, reaches a threshold (normalize.h,
 * CIB_TEXT_SIMILARITY).
 *
 * MinHash (Broder 1997, "On the resemblance and containment of
 * documents"): for a random hash h, P(min h(A) = min h(B)) = J(A, B), so
 * k independent minima estimate J with standard error sqrt(J(1-J)/k).
 * The k hashes are h_i(x) = (a_i x + b_i) >> 32 over 64-bit words
 * (multiply-shift, Dietzfelbinger 1996), applied to shingles that are
 * already xxHash values, with a_i, b_i drawn from SplitMix64 (Steele,
 * Lea & Flood 2014) seeded by i: cheap, fixed, and the same on every
 * machine.
 *
 * Relies on utf8proc and cib_hash64 (xxHash).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define WORD_GRAM 2
#define CHAR_GRAM 3

/* Scripts written without spaces between words. */
static bool spaceless_script(utf8proc_int32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) ||  /* Thai, Lao */
           (cp >= 0x0F00 && cp <= 0x0FFF) ||  /* Tibetan */
           (cp >= 0x1000 && cp <= 0x109F) ||  /* Myanmar */
           (cp >= 0x1780 && cp <= 0x17FF) ||  /* Khmer */
           (cp >= 0x3040 && cp <= 0x30FF) ||  /* Hiragana, Katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||  /* Katakana extensions */
           (cp >= 0x3400 && cp <= 0x4DBF) ||  /* Han extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||  /* Han */
           (cp >= 0xF900 && cp <= 0xFAFF) ||  /* Han compatibility */
           (cp >= 0x20000 && cp <= 0x2FA1F);  /* Han extensions B.. */
}

static uint32_t hash32(const void *p, size_t n)
{
    uint64_t h = cib_hash64(p, n, 0x5348494e474c45ULL /* "SHINGLE" */);
    return (uint32_t)(h ^ (h >> 32));
}

/* SplitMix64 (Steele, Lea & Flood 2014): the i-th output for seed s. */
static uint64_t splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Sort and de-duplicate v[0..n); returns the new length.  A text has a
 * few dozen shingles: insertion sort, qsort beyond that. */
static size_t sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    if (n <= 48) {
        for (size_t i = 1; i < n; i++) {
            uint32_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
    } else {
        qsort(v, n, sizeof *v, cmp_u32);
    }
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* Byte offsets of the code points of s (n bytes) into off[0..*count],
 * off[*count] = n; returns how many are in spaceless scripts.  With
 * skip_spaces, spaces are not counted. */
static size_t code_points(const char *s, size_t n, size_t *off,
                          size_t *count, bool skip_spaces)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t k = 0, spaceless = 0;
    for (size_t r = 0; r < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate(p + r, (utf8proc_ssize_t)(n - r), &cp);
        if (step <= 0)
            step = 1, cp = -1;
        if (!(skip_spaces && cp == ' ')) {
            off[k++] = r;
            spaceless += cp > 0 && spaceless_script(cp);
        }
        r += (size_t)step;
    }
    off[k] = n;
    *count = k;
    return spaceless;
}

int norm_shingles(const char *folded, size_t len, norm_scratch *sc,
                  const uint32_t **out, size_t *count)
{
    *out = sc->sh;
    *count = 0;
    if (len == 0)
        return CIB_OK;
    /* at most one shingle per byte; offsets of code points too */
    if (cib_grow((void **)&sc->sh, &sc->sh_cap, len, sizeof *sc->sh) ||
        cib_grow((void **)&sc->off, &sc->off_cap, len + 2, sizeof *sc->off))
        return CIB_ENOMEM;
    uint32_t *sh = sc->sh;
    size_t *off = sc->off, k = 0;
    *out = sh; /* after the growth above */
    size_t n_cp = 0, spaceless = 0;
    if (!norm_is_ascii(folded, len)) /* ASCII is never spaceless */
        spaceless = code_points(folded, len, off, &n_cp, true);
    if (2 * spaceless > n_cp) {
        /* character 3-grams of the text without its spaces */
        if (cib_grow((void **)&sc->buf, &sc->buf_cap, len + 1, 1))
            return CIB_ENOMEM;
        char *buf = sc->buf;
        size_t bl = 0;
        for (size_t i = 0; i < len; i++)
            if (folded[i] != ' ')
                buf[bl++] = folded[i];
        code_points(buf, bl, off, &n_cp, false);
        if (n_cp <= CHAR_GRAM)
            sh[k++] = hash32(buf, bl);
        else
            for (size_t i = 0; i + CHAR_GRAM <= n_cp; i++)
                sh[k++] = hash32(buf + off[i], off[i + CHAR_GRAM] - off[i]);
    } else {
        /* word 2-grams: each word is hashed once and a bigram's hash
         * mixes its two words' (WORD_GRAM is 2) */
        size_t n_words = 0;
        off[n_words++] = 0;
        for (size_t i = 0; i < len; i++)
            if (folded[i] == ' ')
                off[n_words++] = i + 1;
        off[n_words] = len + 1; /* as if a space followed the text */
        if (n_words < WORD_GRAM) {
            sh[k++] = hash32(folded, len);
        } else {
            uint64_t prev = cib_hash64(folded, off[1] - 1, 0);
            for (size_t i = 1; i < n_words; i++) {
                uint64_t h = cib_hash64(folded + off[i],
                                        off[i + 1] - 1 - off[i], 0);
                uint64_t b = splitmix(prev ^ (h << 31 | h >> 33));
                sh[k++] = (uint32_t)(b ^ (b >> 32));
                prev = h;
            }
        }
    }
    *count = sort_unique(sh, k);
    return CIB_OK;
}

int cib_text_shingles(const char *folded, size_t len, uint32_t **out,
                      size_t *count)
{
    *out = NULL;
    *count = 0;
    norm_scratch sc = {0};
    const uint32_t *sh;
    size_t n;
    int rc = norm_shingles(folded, len, &sc, &sh, &n);
    if (rc == CIB_OK && n) {
        *out = sc.sh; /* hand the buffer over */
        *count = n;
        sc.sh = NULL;
    }
    norm_scratch_free(&sc);
    return rc;
}

void cib_minhash(const uint32_t *shingles, size_t n, uint32_t *sig,
                 unsigned k)
{
    for (unsigned i = 0; i < k; i++) {
        uint64_t a = splitmix(2 * (uint64_t)i) | 1;
        uint64_t b = splitmix(2 * (uint64_t)i + 1);
        uint32_t m = UINT32_MAX;
        for (size_t j = 0; j < n; j++) {
            uint32_t h = (uint32_t)((a * shingles[j] + b) >> 32);
            if (h < m)
                m = h;
        }
        sig[i] = m;
    }
}

double cib_minhash_similarity(const uint32_t *a, const uint32_t *b,
                              unsigned k)
{
    if (k == 0)
        return 0.0;
    unsigned eq = 0;
    for (unsigned i = 0; i < k; i++)
        eq += a[i] == b[i];
    return (double)eq / k;
}

double cib_jaccard(const uint32_t *a, size_t na, const uint32_t *b,
                   size_t nb)
{
    if (na == 0 && nb == 0)
        return 1.0;
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            both++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return (double)both / (double)(na + nb - both);
}

void norm_sig16(const uint32_t *sig, uint16_t *sig16)
{
    for (int i = 0; i < CIB_MINHASH_K; i++)
        sig16[i] = (uint16_t)sig[i]; /* the low bits: the high ones of a
                                        minimum are mostly 0 */
}
