/*
 * logodds.c — what a cluster talks about: the tokenizer that turns a
 * post's text into words and hashtags, and the weighted log-odds ratio
 * with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008)
 * that ranks them.  Relies on utf8proc for decoding and lower-casing.
 *
 * Why this method and not raw frequency or tf-idf: a troll farm's most
 * frequent words are the language's ("the", "and"); plain log-odds lets
 * rare words with one use win.  The prior shrinks every item towards its
 * frequency in the whole data and the z-score divides by the estimate's
 * own uncertainty, so an item stands out only when the cluster uses it
 * much more than everyone else, on enough events to tell.
 */
#include "profile.h"

#include <math.h>
#include <string.h>
#include <utf8proc.h>

const char *cib_vocab_name(cib_vocab v)
{
    static const char *const NAMES[] = {"hashtags", "domains", "terms"};
    return (unsigned)v < CIB_VOCAB_COUNT ? NAMES[v] : "?";
}

double cib_logodds_z(double y_i, double n_i, double y_j, double n_j,
                     double alpha0, double *delta)
{
    if (delta)
        *delta = NAN;
    if (n_i + n_j <= 0)
        return NAN;
    double a_w = alpha0 * (y_i + y_j) / (n_i + n_j);
    double d = log((y_i + a_w) / (n_i + alpha0 - y_i - a_w)) -
               log((y_j + a_w) / (n_j + alpha0 - y_j - a_w));
    double var = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w);
    if (delta)
        *delta = d;
    return d / sqrt(var);
}

/* ------------------------------------------------------------ tokenizer */

#define MAX_WORD 128 /* bytes of one lower-cased word; longer ones dropped */

/* Word characters: letters, marks, numbers and the connector
 * punctuation (underscore), by Unicode general category. */
static inline bool word_char(utf8proc_int32_t c)
{
    if (c < 0x80) /* ASCII, most of the text: no table look-up */
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '_';
    static const unsigned WORD =
        1u << UTF8PROC_CATEGORY_LU | 1u << UTF8PROC_CATEGORY_LL |
        1u << UTF8PROC_CATEGORY_LT | 1u << UTF8PROC_CATEGORY_LM |
        1u << UTF8PROC_CATEGORY_LO | 1u << UTF8PROC_CATEGORY_MN |
        1u << UTF8PROC_CATEGORY_MC | 1u << UTF8PROC_CATEGORY_ME |
        1u << UTF8PROC_CATEGORY_ND | 1u << UTF8PROC_CATEGORY_NL |
        1u << UTF8PROC_CATEGORY_NO | 1u << UTF8PROC_CATEGORY_PC;
    return WORD >> utf8proc_category(c) & 1u;
}

static inline bool letter(utf8proc_int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static bool space(utf8proc_int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* Decode the code point at s[i]; -1 for an invalid byte (length 1). */
static inline utf8proc_ssize_t next(const char *s, size_t len, size_t i,
                                    utf8proc_int32_t *c)
{
    /* ASCII, most of the text: what utf8proc_iterate gives, without the
     * call */
    if (i < len && (unsigned char)s[i] < 0x80) {
        *c = (unsigned char)s[i];
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), c);
    if (n <= 0) {
        *c = -1;
        n = 1;
    }
    return n;
}

static bool starts(const char *s, size_t len, size_t i, const char *p)
{
    if ((s[i] | 0x20) != p[0]) /* p is lower case */
        return false;
    size_t n = strlen(p);
    return len - i >= n && strncasecmp(s + i, p, n) == 0;
}

void cib_tokenize(const char *s, size_t len, cib_token_fn fn, void *ctx)
{
    size_t i = 0;
    bool at_start = true; /* previous code point was no word character */
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = next(s, len, i, &c);
        if (at_start && (starts(s, len, i, "http://") ||
                         starts(s, len, i, "https://") ||
                         starts(s, len, i, "www."))) {
            while (i < len && !space((unsigned char)s[i]))
                i++; /* a URL runs to the next ASCII blank */
            continue;
        }
        cib_vocab v = CIB_VOCAB_TERM;
        bool skip = false;
        if (at_start && (c == '#' || c == '@') && i + 1 < len) {
            utf8proc_int32_t d;
            next(s, len, i + 1, &d);
            if (d >= 0 && word_char(d)) {
                v = c == '#' ? CIB_VOCAB_HASHTAG : CIB_VOCAB_TERM;
                skip = c == '@';
                i += (size_t)n;
                n = next(s, len, i, &c);
            }
        }
        if (c < 0 || !word_char(c)) {
            at_start = true;
            i += (size_t)n;
            continue;
        }
        /* a word: lower-case it into buf */
        char buf[MAX_WORD];
        size_t o = 0, chars = 0;
        bool has_letter = false, too_long = false;
        while (i < len) {
            n = next(s, len, i, &c);
            if (c < 0)
                break;
            if (c == '\'' || c == 0x2019) { /* inner apostrophe: don't */
                utf8proc_int32_t d;
                if (i + (size_t)n < len) {
                    next(s, len, i + (size_t)n, &d);
                    if (d >= 0 && letter(d)) {
                        if (o + 1 <= sizeof buf)
                            buf[o++] = '\'';
                        i += (size_t)n;
                        continue;
                    }
                }
                break;
            }
            if (!word_char(c))
                break;
            has_letter = has_letter || letter(c);
            if (c < 0x80) { /* ASCII: lower-case in place, no copy */
                if (o + 1 > sizeof buf)
                    too_long = true;
                else
                    buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            } else {
                utf8proc_uint8_t enc[4];
                utf8proc_ssize_t m =
                    utf8proc_encode_char(utf8proc_tolower(c), enc);
                if (o + (size_t)m > sizeof buf)
                    too_long = true;
                else {
                    memcpy(buf + o, enc, (size_t)m);
                    o += (size_t)m;
                }
            }
            chars++;
            i += (size_t)n;
        }
        at_start = false;
        if (skip || too_long)
            continue;
        if (v == CIB_VOCAB_HASHTAG || (chars >= 2 && has_letter))
            fn(ctx, v, buf, o);
    }
}
