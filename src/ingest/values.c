/*
 * values.c — single field values: UTF-8 validation, trimming, counts,
 * booleans, list splitting.  The UTF-8 check runs on every kept field, so
 * it skips ASCII eight bytes at a time and only decodes the rest (byte
 * ranges of RFC 3629, section 4, "Syntax of UTF-8 Byte Sequences").
 * Relies on libc only.
 */
#include "values.h"

#include <stdio.h>
#include <string.h>

#include "../common/common.h"

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static bool in_range(unsigned char b, unsigned lo, unsigned hi)
{
    return b >= lo && b <= hi;
}

int ingest_utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str, *e = s + n;
    while (s < e) {
        if (e - s >= 8) {
            uint64_t w;
            memcpy(&w, s, 8);
            /* all ASCII and no zero byte: skip the word */
            if (((w | ((w - ONES) & ~w)) & HIGHS) == 0) {
                s += 8;
                continue;
            }
        }
        unsigned char b = *s;
        if (b < 0x80) {
            if (b == 0)
                return UTF8_NUL;
            s++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xbf; /* range of the second byte */
        if (in_range(b, 0xc2, 0xdf))
            need = 1;
        else if (in_range(b, 0xe0, 0xef)) {
            need = 2;
            if (b == 0xe0)
                lo = 0xa0; /* overlong */
            else if (b == 0xed)
                hi = 0x9f; /* surrogates */
        } else if (in_range(b, 0xf0, 0xf4)) {
            need = 3;
            if (b == 0xf0)
                lo = 0x90; /* overlong */
            else if (b == 0xf4)
                hi = 0x8f; /* above U+10FFFF */
        } else
            return UTF8_INVALID;
        if ((size_t)(e - s) <= need || !in_range(s[1], lo, hi))
            return UTF8_INVALID;
        for (size_t i = 2; i <= need; i++)
            if (!in_range(s[i], 0x80, 0xbf))
                return UTF8_INVALID;
        s += need + 1;
    }
    return UTF8_OK;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
           c == '\f';
}

void ingest_trim(const char **p, size_t *n)
{
    if (*n == 0)
        return;
    const char *s = *p, *e = s + *n;
    while (s < e && is_space(*s))
        s++;
    while (e > s && is_space(e[-1]))
        e--;
    *p = s;
    *n = (size_t)(e - s);
}

bool ingest_parse_count(const char *s, size_t n, int64_t *out)
{
    ingest_trim(&s, &n);
    const char *e = s + n;
    int64_t v = 0;
    int digits = 0;
    for (; s < e && *s >= '0' && *s <= '9'; s++) {
        if (++digits > 18)
            return false;
        v = v * 10 + (*s - '0');
    }
    if (digits == 0)
        return false;
    if (s < e && *s == '.')
        for (s++; s < e && *s == '0'; s++)
            ;
    if (s != e)
        return false;
    *out = v;
    return true;
}

static bool word_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != w[i])
            return false;
    return true;
}

bool ingest_parse_bool(const char *s, size_t n, bool *out)
{
    static const char *const yes[] = {"true", "t", "yes", "y", "1"};
    static const char *const no[] = {"", "false", "f", "no", "n", "0"};
    ingest_trim(&s, &n);
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (word_is(s, n, yes[i])) {
            *out = true;
            return true;
        }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (word_is(s, n, no[i])) {
            *out = false;
            return true;
        }
    return false;
}

void ingest_quote_value(char *out, size_t n, const char *v, size_t len)
{
    if (v == NULL)
        len = 0;
    size_t k = len < 40 ? len : 40;
    while (k < len && k > 0 && ((unsigned char)v[k] & 0xc0) == 0x80)
        k--;
    char buf[41]; /* controls shown as '?': the message goes to a terminal */
    cib_printable_n(v, k, buf, sizeof buf);
    snprintf(out, n, "'%s%s'", buf, k < len ? "..." : "");
}

static int emit(const char *p, size_t n, bool strip_hash, ingest_item_fn fn,
                void *ctx)
{
    ingest_trim(&p, &n);
    if (strip_hash && n && *p == '#') {
        p++;
        n--;
    }
    return n ? fn(ctx, p, n) : CIB_OK;
}

int ingest_list_item(const char *s, size_t n, ingest_list_kind kind,
                     ingest_item_fn fn, void *ctx)
{
    return emit(s, n, kind == LIST_HASHTAGS, fn, ctx);
}

/* "['a', 'b']" / "[a, b]": items between commas, each possibly quoted
 * (a quoted item may hold commas). */
static int split_bracketed(const char *s, const char *e, bool strip_hash,
                           ingest_item_fn fn, void *ctx)
{
    while (s < e) {
        while (s < e && (is_space(*s) || *s == ','))
            s++;
        if (s == e)
            break;
        const char *item, *item_end;
        if (*s == '\'' || *s == '"') {
            char q = *s++;
            item = s;
            item_end = memchr(s, q, (size_t)(e - s));
            if (item_end == NULL)
                item_end = e;
            s = item_end < e ? item_end + 1 : e;
            /* skip to the comma after the closing quote */
            while (s < e && *s != ',')
                s++;
        } else {
            item = s;
            while (s < e && *s != ',')
                s++;
            item_end = s;
        }
        int rc = emit(item, (size_t)(item_end - item), strip_hash, fn, ctx);
        if (rc)
            return rc;
    }
    return CIB_OK;
}

int ingest_split_list(const char *s, size_t n, ingest_list_kind kind,
                      ingest_item_fn fn, void *ctx)
{
    if (n == 0)
        return CIB_OK;
    bool strip_hash = kind == LIST_HASHTAGS;
    ingest_trim(&s, &n);
    const char *e = s + n;
    if (n >= 2 && *s == '[' && e[-1] == ']')
        return split_bracketed(s + 1, e - 1, strip_hash, fn, ctx);
    while (s < e) {
        const char *item = s;
        while (s < e && !is_space(*s) && *s != '|' &&
               (*s != ',' || kind != LIST_HASHTAGS))
            s++;
        int rc = emit(item, (size_t)(s - item), strip_hash, fn, ctx);
        if (rc)
            return rc;
        if (s < e)
            s++;
    }
    return CIB_OK;
}
