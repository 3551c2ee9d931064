/*
 * fold.c — text folded for near-duplicate comparison, and the hashtags
 * written inside a text.
 *
 * Copy-paste networks edit what they post just enough to look unique: a
 * different link shortener per copy, a different @mention, a prefix such
 * as "RT @x:", different punctuation, letters swapped for look-alikes.
 * Folding removes what such edits change: on top of cib_text_normalize
 * (NFKC, case fold, ignorables such as ZWNJ dropped, white space
 * collapsed) it drops URLs, @mentions and a leading "rt", unifies the
 * Arabic-script letters that Arabic and Persian keyboards type
 * differently, drops tatweel and harakat, and reduces the text to its
 * words (runs of letters, marks, digits and '_') joined by one space;
 * each emoji or other symbol is a word of its own.
 *
 * The Arabic-script rules are the normalisation of Larkey, Ballesteros &
 * Connell (2002), "Improving stemming for Arabic information retrieval:
 * light stemming and co-occurrence analysis", SIGIR (alef forms to bare
 * alef, alef maksura to yeh, teh marbuta to heh, no tatweel, no
 * diacritics), extended with the Persian letter forms (Farsi yeh U+06CC,
 * keheh U+06A9) that Persian text normalisers map to their Arabic
 * counterparts, and Arabic-Indic and Persian digits to ASCII.
 *
 * Relies on text.c (cib_text_normalize_checked) and utf8proc.
 */
#include "internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* The Arabic-script fold of one code point: the code point to write, or
 * 0 to drop it. */
static utf8proc_int32_t arabic_fold(utf8proc_int32_t cp)
{
    if (cp < 0x0610 || cp > 0x06FF)
        return cp;
    if (cp == 0x0640) /* tatweel (kashida), a stretch of the baseline */
        return 0;
    if ((cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) ||
        cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC) ||
        (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
        (cp >= 0x06EA && cp <= 0x06ED))
        return 0; /* harakat, Quranic annotation marks */
    switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671:
        return 0x0627; /* alef with madda / hamza / wasla: alef */
    case 0x0649: case 0x06CC: case 0x0626: case 0x06D0:
        return 0x064A; /* alef maksura, Farsi yeh, yeh with hamza: yeh */
    case 0x06A9: case 0x06AA: case 0x06AB:
        return 0x0643; /* keheh (Persian kaf), swash kaf: kaf */
    case 0x0629: case 0x06C0: case 0x06C1: case 0x06D5:
        return 0x0647; /* teh marbuta, heh forms: heh */
    case 0x0624:
        return 0x0648; /* waw with hamza: waw */
    default:
        break;
    }
    if (cp >= 0x0660 && cp <= 0x0669)
        return '0' + (cp - 0x0660); /* Arabic-Indic digits */
    if (cp >= 0x06F0 && cp <= 0x06F9)
        return '0' + (cp - 0x06F0); /* Extended (Persian) digits */
    return cp;
}

typedef enum cp_class { CP_SEPARATOR, CP_WORD, CP_SYMBOL } cp_class;

static cp_class classify(utf8proc_int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
            cp == '_' || (cp >= 'A' && cp <= 'Z'))
            return CP_WORD;
        return CP_SEPARATOR;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
        return CP_WORD;
    case UTF8PROC_CATEGORY_SO:
        return CP_SYMBOL;
    default:
        return CP_SEPARATOR;
    }
}

static bool has_prefix(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

/* Where a chunk's words end: a URL glued to a word ("see:https://...")
 * ends them. */
static size_t chunk_words_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 7 <= n; i++)
        if (s[i] == 'h' && (has_prefix(s + i, n - i, "http://") ||
                            has_prefix(s + i, n - i, "https://")))
            return i;
    return n;
}

/* Whether a chunk (a run without spaces of the normalised text) is no
 * words at all: a link or a mention. */
static bool chunk_skipped(const char *s, size_t n)
{
    return s[0] == '@' || has_prefix(s, n, "www.") ||
           has_prefix(s, n, "pic.twitter.com/");
}

/* Append the words of chunk s[0..n) to out at *w; *in_word tells whether
 * the last thing written is a word that a next word character extends. */
static void fold_chunk(const char *s, size_t n, char *out, size_t *w,
                       bool *in_word)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (size_t r = 0; r < n;) {
        utf8proc_int32_t cp;
        if (p[r] < 0x80) { /* ASCII needs no decoding and no Arabic fold */
            cp = p[r++];
        } else {
            utf8proc_ssize_t step =
                utf8proc_iterate(p + r, (utf8proc_ssize_t)(n - r), &cp);
            if (step <= 0) { /* cannot happen on normalised text */
                r++;
                continue;
            }
            r += (size_t)step;
            cp = arabic_fold(cp);
        }
        if (cp == 0)
            continue;
        cp_class c = classify(cp);
        if (c == CP_SEPARATOR) {
            *in_word = false;
            continue;
        }
        if (*w > 0 && (!*in_word || c == CP_SYMBOL))
            out[(*w)++] = ' ';
        if (cp < 0x80)
            out[(*w)++] = (char)cp;
        else
            *w += (size_t)utf8proc_encode_char(cp,
                                               (utf8proc_uint8_t *)out + *w);
        *in_word = c == CP_WORD;
    }
    *in_word = false;
}

/* Fold normalised text m (mn bytes) into f (at least 2 mn + 1 bytes):
 * each code point keeps or shrinks its UTF-8 length and may be preceded
 * by one space.  Returns the length. */
static size_t fold_normalized(const char *m, size_t mn, char *f)
{
    size_t w = 0;
    bool in_word = false, first = true;
    for (size_t i = 0; i < mn;) {
        size_t j = i;
        while (j < mn && m[j] != ' ')
            j++;
        const char *c = m + i;
        size_t cn = j - i;
        bool retweet_mark = first && cn == 2 && memcmp(c, "rt", 2) == 0;
        if (!retweet_mark && !chunk_skipped(c, cn))
            fold_chunk(c, chunk_words_end(c, cn), f, &w, &in_word);
        first = false;
        i = j + 1;
    }
    f[w] = '\0';
    return w;
}

static int reserve(char **p, size_t *cap, size_t need)
{
    return cib_grow((void **)p, cap, need, 1);
}

int norm_fold(const char *text, size_t len, norm_scratch *sc,
              const char **out, size_t *n)
{
    const char *m;
    size_t mn;
    char *owned = NULL;
    if (norm_is_ascii(text, len)) {
        if (reserve(&sc->norm, &sc->norm_cap, len + 1))
            return CIB_ENOMEM;
        mn = norm_ascii_normalize(text, len, sc->norm);
        m = sc->norm;
    } else {
        int rc = cib_text_normalize_checked(text, len, &owned, &mn);
        if (rc != CIB_OK)
            return rc;
        m = owned;
    }
    if (reserve(&sc->fold, &sc->fold_cap, 2 * mn + 1)) {
        free(owned);
        return CIB_ENOMEM;
    }
    *n = fold_normalized(m, mn, sc->fold);
    *out = sc->fold;
    free(owned);
    return CIB_OK;
}

void norm_scratch_free(norm_scratch *sc)
{
    free(sc->norm);
    free(sc->fold);
    free(sc->buf);
    free(sc->sh);
    free(sc->off);
    memset(sc, 0, sizeof *sc);
}

int cib_text_fold(const char *text, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    norm_scratch sc = {0};
    const char *f;
    size_t n;
    int rc = norm_fold(text, len, &sc, &f, &n);
    if (rc == CIB_OK) {
        /* hand the buffer over instead of copying it */
        *out = sc.fold;
        *out_len = n;
        sc.fold = NULL;
        (void)f;
    }
    norm_scratch_free(&sc);
    return rc;
}

/* ------------------------------------------------------------ hashtags */

/* Hashtags written in a text: '#' followed by a run of word characters,
 * taken from the normalised text (so fullwidth '＃' counts and the tags
 * come out case-folded); the tag is the run without '#'.  Each tag calls
 * fn(ctx, tag, n); a '#' inside a word ("a#b") starts no tag, as on
 * Twitter.  Returns 0, CIB_EINPUT (not UTF-8) or CIB_ENOMEM. */
int norm_text_hashtags(const char *text, size_t len,
                       int (*fn)(void *ctx, const char *tag, size_t n),
                       void *ctx)
{
    if (memchr(text, '#', len) == NULL &&
        memchr(text, '\xEF', len) == NULL) /* fullwidth '#' is EF BC 83 */
        return CIB_OK;
    char *m;
    size_t mn;
    int rc = cib_text_normalize_checked(text, len, &m, &mn);
    if (rc != CIB_OK)
        return rc;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)m;
    bool after_word = false;
    for (size_t r = 0; r < mn && rc == CIB_OK;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate(p + r, (utf8proc_ssize_t)(mn - r), &cp);
        if (step <= 0)
            break;
        if (cp != '#' || after_word) {
            after_word = classify(cp) == CP_WORD;
            r += (size_t)step;
            continue;
        }
        size_t b = r + 1, e = b;
        while (e < mn) {
            step = utf8proc_iterate(p + e, (utf8proc_ssize_t)(mn - e), &cp);
            if (step <= 0 || classify(cp) != CP_WORD)
                break;
            e += (size_t)step;
        }
        if (e > b)
            rc = fn(ctx, m + b, e - b);
        after_word = e > b;
        r = e > b ? e : b;
    }
    free(m);
    return rc;
}
