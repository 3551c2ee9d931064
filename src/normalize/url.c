/*
 * url.c — the canonical form of a URL (the key of the url trace) and its
 * host.
 *
 * Two shares are of "the same link" when their canonical forms are equal.
 * The rules (normalize.h lists them) undo what differs between copies of
 * one link without changing what it points to: RFC 3986 section 6.2.2
 * syntax normalisation (case of scheme and host, percent-encoding, dot
 * segments) done by uriparser, then the scheme-based and web-specific
 * steps of section 6.2.3 and beyond done here: default ports, the empty
 * path and the trailing slash, tracking parameters, mobile and AMP
 * variants, the fragment.
 *
 * Why a pre-escape and a fallback: uriparser implements RFC 3986 strictly
 * and rejects what real exports are full of (spaces, raw non-ASCII, a
 * stray '%').  Such bytes are percent-encoded first, as a browser does
 * (WHATWG URL standard, "percent-encode sets"), so "a.org/é" and
 * "a.org/%C3%A9" get one key.  A value uriparser still rejects (a broken
 * IPv6 literal, say) is split by hand per RFC 3986 Appendix B, which
 * accepts any string, and gets the case, fragment and tracking rules only.
 * A value without "scheme://" (an opaque id such as "1234" in anonymised
 * datasets, a bare "example.com/x") is not a URL and is left unchanged.
 *
 * Relies on uriparser and libc.
 */
#include "normalize.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <uriparser/Uri.h>

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

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static bool is_scheme_char(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
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

static bool starts_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && name_is(s, k, w);
}

/* ------------------------------------------------------------ the split */

/* The parts of "scheme://authority path ?query #fragment" as offsets. */
typedef struct url_parts {
    size_t scheme_end; /* scheme is [0, scheme_end) */
    size_t auth_begin; /* after "://" */
    size_t auth_end;   /* authority is [auth_begin, auth_end) */
    size_t path_end;   /* path is [auth_end, path_end) */
    size_t query_end;  /* query with its '?' is [path_end, query_end) */
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

/* ------------------------------------------------------- the rule lists */

/* Query parameters that say who shared a link or how, not what it points
 * to, by name (the part before '='), case-insensitive.  They differ per
 * share of one page and would split one link into many keys.  Sources:
 * Google Analytics campaign tags (utm_*), the click ids of Facebook
 * (fbclid), Google Ads (gclid, dclid, gbraid, wbraid), Microsoft
 * (msclkid), Yandex (yclid), X/Twitter (twclid), TikTok (ttclid),
 * Instagram's share id (igshid, igsh), Mailchimp (mc_cid, mc_eid), Google
 * Analytics cross-domain ids (_ga, _gl), referrer tags (ref, ref_src,
 * ref_url), AT Internet (xtor), share ids of YouTube and Spotify (si,
 * feature), of the New York Times (smid) and of Yahoo/Verizon (ncid), and
 * campaign ids (cmpid); "amp" and "outputType=amp" select the AMP
 * variant of the page. */
static const char *const TRACKING[] = {
    "fbclid", "gclid",  "dclid",   "gbraid", "wbraid",  "msclkid", "yclid",
    "twclid", "ttclid", "igshid",  "igsh",   "mc_cid",  "mc_eid",  "_ga",
    "_gl",    "ref",    "ref_src", "ref_url", "xtor",   "si",      "feature",
    "smid",   "ncid",   "cmpid",   "amp",
};

static bool is_tracking(const char *s, size_t n)
{
    size_t name = 0;
    while (name < n && s[name] != '=')
        name++;
    if (starts_with(s, name, "utm_"))
        return true;
    for (size_t i = 0; i < sizeof TRACKING / sizeof *TRACKING; i++)
        if (name_is(s, name, TRACKING[i]))
            return true;
    return name_is(s, n, "outputtype=amp");
}

/* Host labels that name a variant of the same site: the "www" host, the
 * mobile sites ("m.", "mobile.") and AMP hosts ("amp.").  One is removed
 * at a time while what is left still has a dot, so "m.co" stays. */
static const char *const HOST_PREFIXES[] = {"www.", "m.", "mobile.", "amp."};

static size_t strip_host_prefixes(const char *h, size_t n)
{
    size_t skip = 0;
    bool again = true;
    while (again) {
        again = false;
        for (size_t i = 0; i < sizeof HOST_PREFIXES / sizeof *HOST_PREFIXES;
             i++) {
            size_t k = strlen(HOST_PREFIXES[i]);
            if (!starts_with(h + skip, n - skip, HOST_PREFIXES[i]) ||
                memchr(h + skip + k, '.', n - skip - k) == NULL)
                continue;
            skip += k;
            again = true;
        }
    }
    return skip;
}

/* Writes the query's non-tracking parameters in order, '&'-joined, with a
 * leading '?' when any is left. */
static void put_query(writer *w, const char *q, size_t n)
{
    bool first = true;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && q[j] != '&')
            j++;
        if (j > i && !is_tracking(q + i, j - i)) {
            put(w, first ? "?" : "&", 1);
            put(w, q + i, j - i);
            first = false;
        }
        i = j + 1;
    }
}

/* --------------------------------------------------- the uriparser path */

static size_t range_len(const UriTextRangeA *r)
{
    return r->first && r->afterLast ? (size_t)(r->afterLast - r->first) : 0;
}

/* Bytes RFC 3986 does not allow anywhere in a URI: controls, space,
 * non-ASCII, and " < > \ ^ ` { | } (section 2 and Appendix A). */
static bool needs_escape(unsigned char c)
{
    return c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c) != NULL;
}

/* Percent-encode what uriparser would reject; a '%' not followed by two
 * hex digits becomes "%25", and '[' and ']' from offset `brackets` on
 * (after the authority: RFC 3986 allows them only around an IP literal
 * host) become %5B and %5D.  Returns a malloc'ed NUL-terminated string or
 * NULL when memory runs out. */
static char *pre_escape(const char *s, size_t len, size_t brackets,
                        size_t *out_len)
{
    static const char HEX[] = "0123456789ABCDEF";
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *e = malloc(len * 3 + 1);
    if (e == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool bad_pct = c == '%' && !(i + 2 < len && is_hex(s[i + 1]) &&
                                     is_hex(s[i + 2]));
        bool bracket = i >= brackets && (c == '[' || c == ']');
        if (needs_escape(c) || bad_pct || bracket) {
            e[k++] = '%';
            e[k++] = HEX[c >> 4];
            e[k++] = HEX[c & 15];
        } else {
            e[k++] = (char)c;
        }
    }
    e[k] = '\0';
    *out_len = k;
    return e;
}

static bool default_port(const char *scheme, size_t sn, const char *port,
                         size_t pn)
{
    if (pn == 0)
        return true; /* "host:" with an empty port */
    return (name_is(scheme, sn, "http") && name_is(port, pn, "80")) ||
           (name_is(scheme, sn, "https") && name_is(port, pn, "443"));
}

/* Google's AMP viewer and the AMP cache wrap a publisher's page:
 * www.google.<tld>/amp/s/<host>/<path> and
 * <x>.cdn.ampproject.org/{c,v}/s/<host>/<path> serve
 * https://<host>/<path> (without the "s/": http).  Returns the offset of
 * <host> in the escaped string and sets *https, or 0 when not wrapped. */
static size_t amp_wrapped(const UriUriA *u, const char *e, bool *https)
{
    const char *h = u->hostText.first;
    size_t hn = range_len(&u->hostText);
    size_t skip = strip_host_prefixes(h, hn);
    bool google = starts_with(h + skip, hn - skip, "google.");
    static const char CACHE[] = ".cdn.ampproject.org";
    size_t cn = sizeof CACHE - 1;
    bool cache = hn > cn && name_is(h + hn - cn, cn, CACHE);
    const UriPathSegmentA *s1 = u->pathHead;
    if ((!google && !cache) || s1 == NULL || s1->next == NULL)
        return 0;
    size_t n1 = range_len(&s1->text);
    if (google ? !name_is(s1->text.first, n1, "amp")
               : !(name_is(s1->text.first, n1, "c") ||
                   name_is(s1->text.first, n1, "v")))
        return 0;
    const UriPathSegmentA *s2 = s1->next;
    *https = name_is(s2->text.first, range_len(&s2->text), "s");
    const UriPathSegmentA *inner = *https ? s2->next : s2;
    if (inner == NULL || range_len(&inner->text) == 0 ||
        memchr(inner->text.first, '.', range_len(&inner->text)) == NULL)
        return 0;
    /* Segments point into e unless normalisation rewrote them; the
     * caller passes e un-normalised, so they do. */
    return (size_t)(inner->text.first - e);
}

/* The path: dot segments are gone (normalisation); trailing slashes and
 * the empty path are "/" equivalents; an "amp" segment first or last
 * (with another segment left) is the AMP variant of the page.  Segments
 * [b, e) are written, each after a '/'; nothing left is "/". */
static bool seg_is(const UriPathSegmentA *s, const char *w)
{
    return name_is(s->text.first, range_len(&s->text), w);
}

/* Segment number i (1-based) counting from head. */
static const UriPathSegmentA *seg_at(const UriPathSegmentA *head, size_t i)
{
    while (head && --i)
        head = head->next;
    return head;
}

static void put_path(writer *w, const UriUriA *u)
{
    size_t i = 0, e = 0;
    for (const UriPathSegmentA *s = u->pathHead; s; s = s->next)
        if (++i, range_len(&s->text) > 0)
            e = i;
    size_t b = 0;
    const UriPathSegmentA *first = u->pathHead;
    /* every leading "amp" goes, and every trailing one with the empty
     * segments (trailing slashes) before it, as long as another segment
     * is left: removing only one would expose the next, and the form
     * would change again when canonicalised again */
    while (e - b >= 2 && seg_is(first, "amp"))
        first = first->next, b++;
    while (e - b >= 2 && seg_is(seg_at(first, e - b), "amp")) {
        size_t last = b;
        i = b;
        for (const UriPathSegmentA *s = first; s && i < e - 1; s = s->next)
            if (++i, range_len(&s->text) > 0)
                last = i;
        e = last;
    }
    i = b;
    for (const UriPathSegmentA *s = first; s && i < e; s = s->next, i++) {
        put(w, "/", 1);
        put(w, s->text.first, range_len(&s->text));
    }
    if (e == b)
        put(w, "/", 1);
}

/* Canonical form of the escaped URL e via uriparser; false when uriparser
 * rejects it or memory runs out (w is then untouched). */
static bool canonical_uri(const char *e, size_t en, writer *w, int depth)
{
    UriUriA u;
    const char *err = NULL;
    if (uriParseSingleUriExA(&u, e, e + en, &err) != URI_SUCCESS)
        return false;
    bool ok = u.scheme.first != NULL && u.hostText.first != NULL;
    bool https;
    size_t inner = ok && depth == 0 ? amp_wrapped(&u, e, &https) : 0;
    if (inner) {
        /* "https://" + the rest, canonicalised in its own right */
        size_t rest = en - inner;
        char *x = malloc(rest + 9);
        ok = x != NULL;
        if (ok) {
            memcpy(x, https ? "https://" : "http://", https ? 8 : 7);
            memcpy(x + (https ? 8 : 7), e + inner, rest);
            x[rest + (https ? 8 : 7)] = '\0';
            ok = canonical_uri(x, rest + (https ? 8 : 7), w, depth + 1);
            free(x);
        }
        uriFreeUriMembersA(&u);
        return ok;
    }
    if (ok && uriNormalizeSyntaxExA(&u, (unsigned)-1 & ~URI_NORMALIZE_FRAGMENT)
                  != URI_SUCCESS)
        ok = false;
    if (!ok) {
        uriFreeUriMembersA(&u);
        return false;
    }
    const char *sch = u.scheme.first, *host = u.hostText.first;
    size_t sn = range_len(&u.scheme), hn = range_len(&u.hostText);
    put_lower(w, sch, sn);
    put(w, "://", 3);
    if (u.userInfo.first) {
        put(w, u.userInfo.first, range_len(&u.userInfo));
        put(w, "@", 1);
    }
    if (u.hostData.ip6 || u.hostData.ipFuture.first) {
        put(w, "[", 1);
        put_lower(w, host, hn);
        put(w, "]", 1);
    } else {
        size_t skip = strip_host_prefixes(host, hn), hl = hn - skip;
        while (hl && host[skip + hl - 1] == '.') /* "a.org." */
            hl--;
        put_lower(w, host + skip, hl);
    }
    if (u.portText.first && !default_port(sch, sn, u.portText.first,
                                          range_len(&u.portText))) {
        put(w, ":", 1);
        put(w, u.portText.first, range_len(&u.portText));
    }
    put_path(w, &u);
    if (u.query.first)
        put_query(w, u.query.first, range_len(&u.query));
    uriFreeUriMembersA(&u);
    return true;
}

/* ------------------------------------------------------ the hand path */

/* The fallback for what uriparser rejects: scheme and host lower-cased,
 * tracking parameters and fragment removed, everything else as written. */
static void canonical_by_hand(const char *url, const url_parts *p, writer *w)
{
    put_lower(w, url, p->scheme_end);
    put(w, "://", 3);
    size_t h = host_begin(url, p);
    put(w, url + p->auth_begin, h - p->auth_begin); /* userinfo as written */
    put_lower(w, url + h, p->auth_end - h);         /* host and port */
    put(w, url + p->auth_end, p->path_end - p->auth_end);
    if (p->path_end < p->query_end)
        put_query(w, url + p->path_end + 1, p->query_end - p->path_end - 1);
}

static size_t canonical_once(const char *url, size_t len, char *out, size_t n)
{
    writer w = {out, n, 0};
    if (n)
        out[0] = '\0';
    url_parts p;
    if (!split(url, len, &p)) {
        put(&w, url, len);
        return w.len;
    }
    /* The fragment is dropped anyway: leave it out before parsing, so a
     * fragment uriparser rejects does not send the whole URL down the
     * hand path (where the default port would stay and the key differ
     * from the same link without that fragment). */
    size_t en;
    char *e = pre_escape(url, p.query_end, p.auth_end, &en);
    bool done = e != NULL && canonical_uri(e, en, &w, 0);
    free(e);
    if (!done) {
        w.len = 0;
        if (n)
            out[0] = '\0';
        canonical_by_hand(url, &p, &w);
    }
    return w.len;
}

/* One pass can expose what another pass removes ("/a/amp/amp": dropping
 * the last "amp" makes the one before it last), so passes repeat until the
 * form stops changing; a canonical form is then a fixed point, as a key
 * must be.  Each pass after the first only drops bytes, so a few suffice;
 * the bound is for safety.  The full form is made in a buffer of its own
 * and then cut to n, so a cut form is always a prefix of the full one. */
#define CANONICAL_PASSES 8

size_t cib_url_canonical(const char *url, size_t len, char *out, size_t n)
{
    size_t cap = 3 * len + 64; /* a byte becomes at most a 3-byte escape */
    char *a = malloc(cap), *b = malloc(cap);
    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        return canonical_once(url, len, out, n); /* one pass, no memory */
    }
    size_t k = canonical_once(url, len, a, cap);
    for (int pass = 1; pass < CANONICAL_PASSES; pass++) {
        size_t k2 = canonical_once(a, k, b, cap);
        bool same = k2 == k && memcmp(a, b, k) == 0;
        char *t = a;
        a = b;
        b = t;
        k = k2;
        if (same)
            break;
    }
    size_t w = n ? (k < n ? k : n - 1) : 0;
    if (n) {
        memcpy(out, a, w);
        out[w] = '\0';
    }
    free(a);
    free(b);
    return w;
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
