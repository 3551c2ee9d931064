/*
 * url.c — the first canonical form of a URL and its host.
 *
 * Canonical form (the foundation rules of normalize.h): scheme and host
 * lower-cased, fragment removed, tracking parameters (utm_*, fbclid,
 * gclid) removed from the query while the other parameters keep their
 * bytes and order.  Path, userinfo and port are kept as written.
 *
 * Why not uriparser: its parser rejects what real exports are full of
 * (spaces, raw non-ASCII, stray '%'), and its query API decodes and
 * re-encodes parameters, which would change bytes we promise to keep.  The
 * split needed here is RFC 3986 Appendix B's, which accepts any string, so
 * it is done by hand.  A value without "scheme://" (opaque ids such as
 * "1234" in anonymised datasets) is not a URL and is left unchanged.
 *
 * Relies on libc only.
 */
#include "normalize.h"

#include <stdbool.h>
#include <string.h>

/* A bounded writer: keeps at most n-1 bytes and always NUL-terminates. */
typedef struct writer {
    char *out;
    size_t n, len;
} writer;

static void put(writer *w, const char *s, size_t k)
{
    if (w->n == 0)
        return;
    size_t room = w->n - 1 - w->len;
    if (k > room)
        k = room;
    memcpy(w->out + w->len, s, k);
    w->len += k;
    w->out[w->len] = '\0';
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static void put_lower(writer *w, const char *s, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        char c = lower(s[i]);
        put(w, &c, 1);
    }
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_scheme_char(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
}

/* The parts of "scheme://authority path ?query #fragment" as offsets. */
typedef struct url_parts {
    size_t scheme_end;     /* scheme is [0, scheme_end) */
    size_t auth_begin;     /* after "://" */
    size_t auth_end;       /* authority is [auth_begin, auth_end) */
    size_t path_end;       /* path is [auth_end, path_end) */
    size_t query_end;      /* query with its '?' is [path_end, query_end) */
} url_parts;

/* Split per RFC 3986 Appendix B; false when there is no "scheme://". */
static bool split(const char *s, size_t len, url_parts *p)
{
    if (len == 0 || !is_alpha(s[0]))
        return false;
    size_t i = 1;
    while (i < len && is_scheme_char(s[i]))
        i++;
    if (len - i < 3 || memcmp(s + i, "://", 3) != 0)
        return false;
    p->scheme_end = i;
    p->auth_begin = i + 3;
    i = p->auth_begin;
    while (i < len && s[i] != '/' && s[i] != '?' && s[i] != '#')
        i++;
    p->auth_end = i;
    while (i < len && s[i] != '?' && s[i] != '#')
        i++;
    p->path_end = i;
    while (i < len && s[i] != '#')
        i++;
    p->query_end = i;
    return true;
}

/* Where the host starts inside the authority: after the last '@'. */
static size_t host_begin(const char *s, const url_parts *p)
{
    size_t h = p->auth_begin;
    for (size_t i = p->auth_begin; i < p->auth_end; i++)
        if (s[i] == '@')
            h = i + 1;
    return h;
}

static bool name_is(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n != k)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != w[i])
            return false;
    return true;
}

/* Tracking parameters, by name (the part before '='), case-insensitive:
 * Google Analytics campaign tags and the Facebook and Google Ads click
 * ids.  They differ per share of the same page, so they would split one
 * link into many keys. */
static bool is_tracking(const char *s, size_t n)
{
    size_t name = 0;
    while (name < n && s[name] != '=')
        name++;
    if (name >= 4 && name_is(s, 4, "utm_"))
        return true;
    return name_is(s, name, "fbclid") || name_is(s, name, "gclid");
}

size_t cib_url_canonical(const char *url, size_t len, char *out, size_t n)
{
    writer w = {out, n, 0};
    if (n)
        out[0] = '\0';
    url_parts p;
    if (!split(url, len, &p)) {
        put(&w, url, len);
        return w.len;
    }
    put_lower(&w, url, p.scheme_end);
    put(&w, "://", 3);
    size_t h = host_begin(url, &p);
    put(&w, url + p.auth_begin, h - p.auth_begin); /* userinfo as written */
    put_lower(&w, url + h, p.auth_end - h);         /* host and port */
    put(&w, url + p.auth_end, p.path_end - p.auth_end);
    /* Query: keep the non-tracking parameters in order, '&'-joined; an
     * empty query loses its '?'. */
    bool first = true;
    size_t i = p.path_end + 1;
    while (i <= p.query_end && p.path_end < p.query_end) {
        size_t j = i;
        while (j < p.query_end && url[j] != '&')
            j++;
        if (j > i && !is_tracking(url + i, j - i)) {
            put(&w, first ? "?" : "&", 1);
            put(&w, url + i, j - i);
            first = false;
        }
        i = j + 1;
    }
    return w.len;
}

size_t cib_url_host(const char *url, size_t len, char *out, size_t n)
{
    writer w = {out, n, 0};
    if (n)
        out[0] = '\0';
    url_parts p;
    if (!split(url, len, &p))
        return 0;
    size_t b = host_begin(url, &p), e = b;
    if (b < p.auth_end && url[b] == '[') { /* IPv6 literal keeps brackets */
        while (e < p.auth_end && url[e] != ']')
            e++;
        if (e < p.auth_end)
            e++;
    } else {
        while (e < p.auth_end && url[e] != ':')
            e++;
    }
    if (e - b >= 4 && name_is(url + b, 4, "www."))
        b += 4;
    while (e > b && url[e - 1] == '.') /* "example.com." is example.com */
        e--;
    put_lower(&w, url + b, e - b);
    return w.len;
}
