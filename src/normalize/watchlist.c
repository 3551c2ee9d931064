/*
 * watchlist.c — known domains and URLs to flag (--watchlist FILE).
 *
 * Threat-intelligence indicator lists come as plain lists (one domain or
 * URL per line) or as CSV files whose indicator column holds them (Meta's
 * threat-research releases: "indicator_value" or "Indicator"), and they
 * are usually defanged so that nobody clicks them: "bild[.]pics",
 * "hxxps://", "[:]".  Both layouts load; defanging is undone; values that
 * are neither a domain nor a URL ("7,704 Facebook accounts") are counted
 * and skipped.
 *
 * Matching: a shared link matches a URL entry when its canonical form
 * (url.c), scheme left out, equals the entry or continues it with a path
 * ("t.me/channel" matches "https://t.me/channel/123"); it matches a
 * domain entry when its host is the domain or a subdomain of it.  Both
 * sets are open-addressing tables of 64-bit hashes of the folded entries.
 *
 * Relies on url.c and libc.
 */
#include "normalize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct hset {
    uint64_t *key; /* 0 = empty */
    uint32_t *entry;
    size_t cap, n;
} hset;

struct cib_watchlist {
    char **entry; /* folded: "domain" or "host/path" (no scheme) */
    size_t n, cap;
    hset domains, urls;
    cib_watchlist_stats stats;
};

static uint64_t key_of(const char *s, size_t n)
{
    uint64_t h = cib_hash64(s, n, 0x5741544348ULL /* "WATCH" */);
    return h ? h : 1;
}

static int hset_put(hset *h, uint64_t k, uint32_t entry, bool *added)
{
    if ((h->n + 1) * 2 > h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 64;
        uint64_t *nk = calloc(nc, sizeof *nk);
        uint32_t *ne = calloc(nc, sizeof *ne);
        if (nk == NULL || ne == NULL) {
            free(nk);
            free(ne);
            return CIB_ENOMEM;
        }
        for (size_t i = 0; i < h->cap; i++) {
            if (h->key[i] == 0)
                continue;
            size_t j = h->key[i] & (nc - 1);
            while (nk[j])
                j = (j + 1) & (nc - 1);
            nk[j] = h->key[i];
            ne[j] = h->entry[i];
        }
        free(h->key);
        free(h->entry);
        h->key = nk;
        h->entry = ne;
        h->cap = nc;
    }
    size_t j = k & (h->cap - 1);
    while (h->key[j] && h->key[j] != k)
        j = (j + 1) & (h->cap - 1);
    *added = h->key[j] == 0;
    if (*added) {
        h->key[j] = k;
        h->entry[j] = entry;
        h->n++;
    }
    return CIB_OK;
}

static int64_t hset_get(const hset *h, const char *s, size_t n)
{
    if (h->cap == 0)
        return -1;
    uint64_t k = key_of(s, n);
    size_t j = k & (h->cap - 1);
    while (h->key[j]) {
        if (h->key[j] == k)
            return h->entry[j];
        j = (j + 1) & (h->cap - 1);
    }
    return -1;
}

cib_watchlist *cib_watchlist_new(void)
{
    return calloc(1, sizeof(cib_watchlist));
}

void cib_watchlist_free(cib_watchlist *wl)
{
    if (wl == NULL)
        return;
    for (size_t i = 0; i < wl->n; i++)
        free(wl->entry[i]);
    free(wl->entry);
    free(wl->domains.key);
    free(wl->domains.entry);
    free(wl->urls.key);
    free(wl->urls.entry);
    free(wl);
}

/* ------------------------------------------------------------ folding */

/* Undo defanging into out (at least n+8 bytes): "[.]" "(.)" "[dot]" ->
 * ".", "[:]" -> ":", "[/]" -> "/", "hxxp" -> "http" (any case), and drop
 * surrounding spaces and quotes.  Returns the length. */
static size_t refang(const char *s, size_t n, char *out)
{
    while (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '"' || s[0] == '\''))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '"' ||
                 s[n - 1] == '\'' || s[n - 1] == '\r'))
        n--;
    static const struct {
        const char *from, *to;
    } RULES[] = {{"[.]", "."}, {"(.)", "."}, {"[dot]", "."}, {"[:]", ":"},
                 {"[/]", "/"}, {"hxxp", "http"}, {"HXXP", "http"}};
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        bool done = false;
        for (size_t r = 0; r < sizeof RULES / sizeof *RULES && !done; r++) {
            size_t fl = strlen(RULES[r].from);
            if (n - i >= fl && memcmp(s + i, RULES[r].from, fl) == 0) {
                size_t tl = strlen(RULES[r].to);
                memcpy(out + k, RULES[r].to, tl);
                k += tl;
                i += fl;
                done = true;
            }
        }
        if (!done)
            out[k++] = s[i++];
    }
    out[k] = '\0';
    return k;
}

static bool domain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || (unsigned char)c >= 0x80;
}

/* The lower-cased domain of s, or 0 when s is not one (a dot needed, no
 * empty label at the start). */
static size_t fold_domain(const char *s, size_t n, char *out)
{
    while (n && s[n - 1] == '.')
        n--;
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        char c = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        if (!domain_char(c))
            return 0;
        dot |= c == '.';
        out[i] = c;
    }
    out[n] = '\0';
    if (n >= 4 && memcmp(out, "www.", 4) == 0) {
        memmove(out, out + 4, n - 4 + 1);
        n -= 4;
    }
    return dot && n > 0 && out[0] != '.' ? n : 0;
}

/* The canonical URL without its scheme ("host/path?query"), written over
 * canon; returns its length. */
static size_t strip_scheme(char *canon, size_t n)
{
    char *p = strstr(canon, "://");
    if (p == NULL)
        return n;
    size_t skip = (size_t)(p - canon) + 3;
    memmove(canon, canon + skip, n - skip + 1);
    return n - skip;
}

static int add_entry(cib_watchlist *wl, const char *s, size_t n, bool url)
{
    bool added;
    uint64_t k = key_of(s, n);
    int rc = hset_put(url ? &wl->urls : &wl->domains, k, (uint32_t)wl->n,
                      &added);
    if (rc != CIB_OK || !added) {
        if (rc == CIB_OK)
            wl->stats.duplicates++;
        return rc;
    }
    char *copy = malloc(n + 1);
    if (copy == NULL ||
        cib_grow((void **)&wl->entry, &wl->cap, wl->n + 1, sizeof *wl->entry)) {
        free(copy);
        return CIB_ENOMEM;
    }
    memcpy(copy, s, n + 1);
    wl->entry[wl->n++] = copy;
    if (url)
        wl->stats.urls++;
    else
        wl->stats.domains++;
    return CIB_OK;
}

int cib_watchlist_add(cib_watchlist *wl, const char *entry, size_t len)
{
    char *r = malloc(len + 16), *c = NULL;
    if (r == NULL)
        return CIB_ENOMEM;
    size_t n = refang(entry, len, r);
    int rc = CIB_OK;
    bool has_scheme = strstr(r, "://") != NULL;
    if (n == 0 || memchr(r, ' ', n) || memchr(r, '\t', n)) {
        wl->stats.ignored++;
        rc = CIB_EINPUT;
    } else if (has_scheme || memchr(r, '/', n)) {
        /* a URL; without a scheme ("t.me/x") it is read as http:// */
        size_t cap = 3 * n + 16;
        char *u = malloc(n + 8);
        c = malloc(cap);
        if (u == NULL || c == NULL) {
            free(u);
            rc = CIB_ENOMEM;
        } else {
            int k = snprintf(u, n + 8, "%s%s", has_scheme ? "" : "http://", r);
            size_t cn = cib_url_canonical(u, (size_t)k, c, cap);
            free(u);
            cn = strip_scheme(c, cn);
            /* "https://example.org/" names the whole site: a domain */
            char *sl = memchr(c, '/', cn);
            if (sl && (size_t)(sl - c) == cn - 1) {
                char *d = malloc(cn + 1);
                size_t dn = d ? fold_domain(c, cn - 1, d) : 0;
                rc = d == NULL ? CIB_ENOMEM
                               : dn ? add_entry(wl, d, dn, false)
                                    : (wl->stats.ignored++, CIB_EINPUT);
                free(d);
            } else {
                rc = add_entry(wl, c, cn, true);
            }
        }
    } else {
        c = malloc(n + 1);
        size_t dn = c ? fold_domain(r, n, c) : 0;
        if (c == NULL)
            rc = CIB_ENOMEM;
        else if (dn == 0) {
            wl->stats.ignored++;
            rc = CIB_EINPUT;
        } else
            rc = add_entry(wl, c, dn, false);
    }
    free(r);
    free(c);
    return rc;
}

/* ------------------------------------------------------------ files */

/* The next CSV field of the line buffer at *p (RFC 4180 quoting, '"'
 * doubled inside quotes) into out; returns false at the end of the
 * record.  *p advances past the field and its separator. */
static bool csv_field(const char **p, const char *end, char *out, size_t *n,
                      bool *last)
{
    const char *s = *p;
    size_t k = 0;
    if (s >= end) {
        *last = true;
        *n = 0;
        return false;
    }
    if (*s == '"') {
        s++;
        while (s < end) {
            if (*s == '"' && s + 1 < end && s[1] == '"') {
                out[k++] = '"';
                s += 2;
            } else if (*s == '"') {
                s++;
                break;
            } else {
                out[k++] = *s++;
            }
        }
    }
    while (s < end && *s != ',' && *s != '\n')
        out[k++] = *s++;
    *last = s >= end || *s == '\n';
    if (s < end)
        s++;
    *p = s;
    *n = k;
    return true;
}

/* Whether a header cell names the indicator column. */
static bool indicator_header(const char *s, size_t n)
{
    static const char *const NAMES[] = {"indicator", "indicator_value",
                                        "value", "domain", "url", "ioc"};
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    while (n && *s == ' ')
        s++, n--;
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (strlen(NAMES[i]) == n && strncasecmp(s, NAMES[i], n) == 0)
            return true;
    return false;
}

static int read_all(const char *path, char **buf, size_t *len, cib_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return cib_error_set(err, CIB_EIO, path, 0, "cannot open: %s",
                             strerror(errno));
    size_t cap = 0, n = 0;
    char *b = NULL;
    int rc = CIB_OK;
    for (;;) {
        if (cib_grow((void **)&b, &cap, n + 65536 + 1, 1)) {
            rc = cib_error_set(err, CIB_ENOMEM, path, 0, "out of memory");
            break;
        }
        size_t k = fread(b + n, 1, 65536, f);
        n += k;
        if (k < 65536)
            break;
    }
    if (rc == CIB_OK && ferror(f))
        rc = cib_error_set(err, CIB_EIO, path, 0, "read failed");
    fclose(f);
    if (rc != CIB_OK) {
        free(b);
        return rc;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return CIB_OK;
}

/* Entries of a CSV file from column `col`, records after the header at
 * *p (quoted fields may hold newlines). */
static int load_csv(cib_watchlist *wl, const char *p, const char *end,
                    size_t col, char *field)
{
    while (p < end) {
        size_t i = 0, n;
        bool last = false;
        int rc = CIB_OK;
        while (!last && csv_field(&p, end, field, &n, &last)) {
            if (i++ == col) {
                rc = cib_watchlist_add(wl, field, n);
                if (rc == CIB_ENOMEM)
                    return rc;
            }
        }
    }
    return CIB_OK;
}

int cib_watchlist_load(cib_watchlist **out, const char *path, cib_error *err)
{
    *out = NULL;
    char *buf = NULL;
    size_t len = 0;
    int rc = read_all(path, &buf, &len, err);
    if (rc != CIB_OK)
        return rc;
    cib_watchlist *wl = cib_watchlist_new();
    char *field = malloc(len + 1);
    if (wl == NULL || field == NULL) {
        free(buf);
        free(field);
        cib_watchlist_free(wl);
        return cib_error_set(err, CIB_ENOMEM, path, 0, "out of memory");
    }
    const char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) /* UTF-8 BOM */
        p += 3;
    /* a header with an indicator column makes it a CSV file */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *hend = nl ? nl : end;
    const char *h = p;
    size_t col = 0, i = 0, n;
    bool csv = false, last = false;
    while (!csv && !last && memchr(p, ',', (size_t)(hend - p)) &&
           csv_field(&h, hend + (nl ? 1 : 0), field, &n, &last)) {
        if (indicator_header(field, n)) {
            csv = true;
            col = i;
        }
        i++;
    }
    if (csv) {
        rc = load_csv(wl, nl ? nl + 1 : end, end, col, field);
    } else {
        while (p < end && rc == CIB_OK) {
            const char *e = memchr(p, '\n', (size_t)(end - p));
            if (e == NULL)
                e = end;
            const char *s = p;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            if (s < e && *s != '#' && !(e - s == 1 && *s == '\r')) {
                rc = cib_watchlist_add(wl, s, (size_t)(e - s));
                if (rc == CIB_EINPUT)
                    rc = CIB_OK;
            }
            p = e + 1;
        }
    }
    free(field);
    free(buf);
    if (rc != CIB_OK) {
        cib_watchlist_free(wl);
        return cib_error_set(err, rc, path, 0, "out of memory");
    }
    if (wl->n == 0) {
        cib_watchlist_free(wl);
        return cib_error_set(err, CIB_EINPUT, path, 0,
                             "no domain or URL in the watchlist");
    }
    *out = wl;
    return CIB_OK;
}

/* ------------------------------------------------------------ matching */

int64_t cib_watchlist_match(const cib_watchlist *wl, const char *url,
                            size_t len)
{
    size_t cap = 3 * len + 16;
    char *c = malloc(cap);
    if (c == NULL)
        return -1;
    int64_t hit = -1;
    size_t n = cib_url_canonical(url, len, c, cap);
    if (strstr(c, "://") == NULL) { /* not a URL */
        free(c);
        return -1;
    }
    n = strip_scheme(c, n);
    /* URL entries: the whole link, without its query, then each shorter
     * path down to the host's first segment */
    char *q = strchr(c, '?');
    size_t m = q ? (size_t)(q - c) : n;
    hit = hset_get(&wl->urls, c, n);
    char *slash = memchr(c, '/', m);
    size_t host_end = slash ? (size_t)(slash - c) : m;
    while (hit < 0 && m > host_end) {
        hit = hset_get(&wl->urls, c, m);
        while (m > host_end && c[m - 1] != '/')
            m--;
        if (m > host_end)
            m--; /* the '/' itself */
    }
    /* domain entries: the host and each parent domain */
    if (hit < 0) {
        size_t hn = cib_url_host(url, len, c, cap);
        for (size_t s = 0; hit < 0 && s < hn;) {
            if (memchr(c + s, '.', hn - s) == NULL)
                break;
            hit = hset_get(&wl->domains, c + s, hn - s);
            while (s < hn && c[s] != '.')
                s++;
            s++;
        }
    }
    free(c);
    return hit;
}

size_t cib_watchlist_count(const cib_watchlist *wl)
{
    return wl->n;
}

const char *cib_watchlist_entry(const cib_watchlist *wl, size_t i)
{
    return i < wl->n ? wl->entry[i] : "";
}

cib_watchlist_stats cib_watchlist_get_stats(const cib_watchlist *wl)
{
    return wl->stats;
}
