/*
 * text.c — text normalised for comparison.
 *
 * Two posts carry "the same text" when they are equal after Unicode NFKC
 * with case folding and removal of default-ignorable code points (the
 * NFKC_Casefold mapping of Unicode UAX #15 / UAX #44, as utf8proc
 * computes it) and after every run of white space is made one space and
 * the ends are trimmed.  NFKC makes fullwidth and styled letters
 * (U+FF21 'Ａ', U+1D400 '𝐀') plain; dropping ignorables defeats the
 * zero-width characters copy-paste networks insert to look unique.
 *
 * Relies on utf8proc.
 */
#include "internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Unicode White_Space: the separators Zs/Zl/Zp and the C0/C1 controls
 * TAB, LF, VT, FF, CR and NEL. */
static bool is_space(utf8proc_int32_t cp)
{
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x85)
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP;
}

/* Pure ASCII is the common case and needs no Unicode tables: NFKC leaves
 * it as it is, case folding only maps A-Z, no ASCII character is
 * default-ignorable, and its white space is TAB..CR and SPACE.  The
 * result is byte-identical to the general path (the unit test checks it
 * on every ASCII character).  Writes into m (len + 1 bytes). */
size_t norm_ascii_normalize(const char *text, size_t len, char *m)
{
    size_t w = 0;
    bool pending_space = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            pending_space = w > 0;
            continue;
        }
        if (pending_space)
            m[w++] = ' ';
        pending_space = false;
        m[w++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    m[w] = '\0';
    return w;
}

bool norm_is_ascii(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] >= 0x80)
            return false;
    return true;
}

/* returns false when text is not ASCII */
static bool ascii_fast(const char *text, size_t len, char **out,
                       size_t *out_len)
{
    if (!norm_is_ascii(text, len))
        return false;
    char *m = malloc(len + 1);
    if (m == NULL)
        return true; /* *out stays NULL: out of memory */
    *out_len = norm_ascii_normalize(text, len, m);
    *out = m;
    return true;
}

int cib_text_normalize_checked(const char *text, size_t len, char **out,
                               size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (ascii_fast(text, len, out, out_len))
        return *out ? CIB_OK : CIB_ENOMEM;
    if (len > (size_t)PTRDIFF_MAX / 8) /* utf8proc takes a signed length */
        return CIB_ENOMEM;
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t k = utf8proc_map(
        (const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &m,
        UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
            UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (k < 0)
        return k == UTF8PROC_ERROR_NOMEM ? CIB_ENOMEM : CIB_EINPUT;
    /* Collapse white space in place: the result is never longer. */
    size_t w = 0;
    bool pending_space = false;
    for (utf8proc_ssize_t r = 0; r < k;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(m + r, k - r, &cp);
        if (step <= 0) { /* cannot happen on utf8proc's own output */
            free(m);
            return CIB_EINPUT;
        }
        if (is_space(cp)) {
            pending_space = w > 0;
        } else {
            if (pending_space)
                m[w++] = ' ';
            pending_space = false;
            memmove(m + w, m + r, (size_t)step);
            w += (size_t)step;
        }
        r += step;
    }
    m[w] = '\0';
    *out = (char *)m;
    *out_len = w;
    return CIB_OK;
}

char *cib_text_normalize(const char *text, size_t len, size_t *out_len)
{
    char *out;
    size_t n;
    if (cib_text_normalize_checked(text, len, &out, &n) != CIB_OK)
        return NULL;
    if (out_len)
        *out_len = n;
    return out;
}
