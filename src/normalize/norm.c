/*
 * norm.c — every trace key of the store, computed once per distinct value.
 *
 * Ingest interned each raw URL, text and hashtag, so equal raw values
 * share a string id.  The keys are cached per raw id (arrays indexed by
 * string id, allocated only for columns the input has) and each distinct
 * value is normalised once however many events repeat it: a viral link
 * shared 100,000 times costs one parse.  Text keys (near-duplicate
 * groups) are texts.c's; hashtag sets are made here from the folded tags
 * or, when the input has no hashtag column, by texts.c from the texts.
 *
 * Relies on url.c, text.c and texts.c of this stage, the store's string
 * pool (whose bytes never move, so a string read before interning another
 * stays valid) and libpsl for registrable domains.
 */
#include "internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libpsl.h>

#define NOT_YET UINT32_MAX

typedef struct norm_ctx {
    cib_store *store;
    const psl_ctx_t *psl;
    char *buf; /* scratch for a canonical URL or a host */
    size_t cap;
    uint32_t n_ids; /* string ids below this have a cache slot */
    uint32_t *url_canon, *url_domain; /* by raw URL id; NOT_YET */
    uint32_t *tag_fold; /* by raw tag id; NOT_YET */
} norm_ctx;

static int reserve(norm_ctx *c, size_t need)
{
    return cib_grow((void **)&c->buf, &c->cap, need, 1);
}

static int intern(norm_ctx *c, const char *s, size_t n, uint32_t *id)
{
    *id = cib_strings_intern(c->store->strings, s, n);
    return *id == UINT32_MAX ? CIB_ENOMEM : CIB_OK;
}

static bool is_ip_literal(const char *h, size_t n)
{
    if (n && h[0] == '[')
        return true;
    for (size_t i = 0; i < n; i++)
        if (!((h[i] >= '0' && h[i] <= '9') || h[i] == '.'))
            return false;
    return n > 0;
}

/* Canonical form and domain of one raw URL value. */
static int url_keys(norm_ctx *c, uint32_t raw, uint32_t *canon,
                    uint32_t *domain)
{
    size_t len;
    const char *s = cib_strings_get(c->store->strings, raw, &len);
    /* The canonical form can be longer than the raw value: each raw
     * non-ASCII byte becomes a 3-byte escape.  A buffer of len + 1 cut
     * such URLs short, so "x.org/ä1" and "x.org/ä2" shared one key. */
    size_t room = 3 * len + 16;
    if (reserve(c, room))
        return CIB_ENOMEM;
    size_t k = cib_url_canonical(s, len, c->buf, room);
    if (k == len && memcmp(c->buf, s, len) == 0)
        *canon = raw; /* already canonical: skip hashing it again */
    else if (intern(c, c->buf, k, canon))
        return CIB_ENOMEM;
    *domain = 0;
    size_t h = cib_url_host(s, len, c->buf, len + 1);
    if (h == 0)
        return CIB_OK;
    const char *d = NULL;
    if (c->psl && !is_ip_literal(c->buf, h))
        d = psl_registrable_domain(c->psl, c->buf);
    if (d == NULL)
        d = c->buf;
    return intern(c, d, h - (size_t)(d - c->buf), domain);
}

/* Normalise raw string `raw` (text.c): returns 0 with *t (malloc'ed) and
 * *n set, CIB_EINPUT when it is not UTF-8 (then only *s and *len, the raw
 * bytes, are set) or CIB_ENOMEM. */
static int fold(norm_ctx *c, uint32_t raw, const char **s, size_t *len,
                char **t, size_t *n)
{
    *s = cib_strings_get(c->store->strings, raw, len);
    return cib_text_normalize_checked(*s, *len, t, n);
}

/* Case-folded tag without leading '#' (NFKC makes fullwidth '＃' a '#');
 * invalid UTF-8 keeps the raw id. */
static int tag_fold(norm_ctx *c, uint32_t raw, uint32_t *id)
{
    const char *s;
    size_t len, n, skip = 0;
    char *t;
    int rc = fold(c, raw, &s, &len, &t, &n);
    if (rc != CIB_OK) {
        *id = raw;
        return rc == CIB_EINPUT ? CIB_OK : rc;
    }
    while (skip < n && t[skip] == '#')
        skip++;
    rc = intern(c, t + skip, n - skip, id);
    free(t);
    return rc;
}

static int build_urls(norm_ctx *c, cib_norm *norm)
{
    const cib_events *e = &c->store->events;
    for (size_t u = 0; u < e->n_urls; u++) {
        uint32_t raw = e->url_ids[u];
        uint32_t canon = 0, domain = 0;
        if (raw >= c->n_ids) {
            if (url_keys(c, raw, &canon, &domain))
                return CIB_ENOMEM;
        } else if (raw) {
            if (c->url_canon[raw] == NOT_YET &&
                url_keys(c, raw, &c->url_canon[raw], &c->url_domain[raw]))
                return CIB_ENOMEM;
            canon = c->url_canon[raw];
            domain = c->url_domain[raw];
        }
        norm->url_key[u] = canon;
        norm->url_domain[u] = domain;
    }
    return CIB_OK;
}

static int build_tags(norm_ctx *c, cib_norm *norm)
{
    const cib_events *e = &c->store->events;
    for (size_t t = 0; t < e->n_tags; t++) {
        uint32_t raw = e->tag_ids[t], id = 0;
        if (raw >= c->n_ids) {
            if (tag_fold(c, raw, &id))
                return CIB_ENOMEM;
        } else if (raw) {
            if (c->tag_fold[raw] == NOT_YET &&
                tag_fold(c, raw, &c->tag_fold[raw]))
                return CIB_ENOMEM;
            id = c->tag_fold[raw];
        }
        norm->tag_key[t] = id;
    }
    return CIB_OK;
}

/* The hashtag set of every event from its folded tags. */
static void build_tagsets(const cib_store *store, cib_norm *norm)
{
    const cib_events *e = &store->events;
    uint64_t v[64];
    for (size_t i = 0; i < e->n; i++) {
        size_t n = 0;
        for (uint32_t t = e->tag_begin[i]; t < e->tag_begin[i + 1]; t++) {
            size_t len;
            const char *s = cib_strings_get(store->strings, norm->tag_key[t],
                                            &len);
            uint64_t h = cib_hash64(s, len, 0);
            bool seen = len == 0;
            for (size_t k = 0; k < n && !seen; k++)
                seen = v[k] == h;
            if (!seen && n < sizeof v / sizeof *v)
                v[n++] = h;
        }
        norm->tagset_key[i] = norm_tagset_key(v, n);
    }
}

static bool any_text(const cib_events *e)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->text[i])
            return true;
    return false;
}

static uint32_t *cache_u32(size_t n, bool wanted)
{
    if (!wanted)
        return NULL;
    uint32_t *p = malloc(n * sizeof *p);
    if (p)
        memset(p, 0xff, n * sizeof *p); /* every slot NOT_YET */
    return p;
}

static void *zalloc(size_t n, size_t elem)
{
    return calloc(n ? n : 1, elem);
}

void cib_norm_options_init(cib_norm_options *opt)
{
    opt->text_similarity = CIB_TEXT_SIMILARITY;
    opt->threads = 1;
    opt->tags_from_text = false;
}

int cib_norm_build(cib_norm *norm, cib_store *store, cib_error *err)
{
    return cib_norm_build_with(norm, store, NULL, err);
}

int cib_norm_build_with(cib_norm *norm, cib_store *store,
                        const cib_norm_options *options, cib_error *err)
{
    const cib_events *e = &store->events;
    memset(norm, 0, sizeof *norm);
    cib_norm_options opt;
    cib_norm_options_init(&opt);
    if (options)
        opt = *options;
    if (!(opt.text_similarity > 0 && opt.text_similarity <= 1))
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "text similarity %g is not in (0, 1]",
                             opt.text_similarity);
    norm_ctx c = {.store = store};
    c.n_ids = cib_strings_count(store->strings);
    bool texts = any_text(e);
    /* psl_latest picks the newer of the built-in list and the system's
     * public_suffix_list; without either, domains fall back to hosts. */
    psl_ctx_t *psl_owned = e->n_urls ? psl_latest(NULL) : NULL;
    c.psl = psl_owned ? psl_owned : psl_builtin();

    norm->url_key = zalloc(e->n_urls, sizeof *norm->url_key);
    norm->url_domain = zalloc(e->n_urls, sizeof *norm->url_domain);
    norm->text_key = zalloc(e->n, sizeof *norm->text_key);
    norm->tag_key = zalloc(e->n_tags, sizeof *norm->tag_key);
    norm->tagset_key = zalloc(e->n, sizeof *norm->tagset_key);
    norm->stats.text_similarity = opt.text_similarity;
    norm->stats.tags_from_text = e->n_tags == 0 && opt.tags_from_text;
    c.url_canon = cache_u32(c.n_ids, e->n_urls > 0);
    c.url_domain = cache_u32(c.n_ids, e->n_urls > 0);
    c.tag_fold = cache_u32(c.n_ids, e->n_tags > 0);
    int rc = CIB_ENOMEM;
    if (norm->url_key && norm->url_domain && norm->text_key &&
        norm->tag_key && norm->tagset_key && (c.url_canon || !e->n_urls) &&
        (c.url_domain || !e->n_urls) && (c.tag_fold || !e->n_tags))
        rc = build_urls(&c, norm);
    if (rc == CIB_OK)
        rc = build_tags(&c, norm);
    if (rc == CIB_OK && e->n_tags)
        build_tagsets(store, norm);
    if (rc == CIB_OK && texts)
        rc = norm_build_texts(norm, store, &opt, norm->stats.tags_from_text);

    psl_free(psl_owned);
    free(c.buf);
    free(c.url_canon);
    free(c.url_domain);
    free(c.tag_fold);
    if (rc != CIB_OK) {
        cib_norm_free(norm);
        return cib_error_set(err, rc, NULL, 0,
                             "out of memory while normalising keys");
    }
    return CIB_OK;
}

void cib_norm_free(cib_norm *norm)
{
    if (norm == NULL)
        return;
    free(norm->url_key);
    free(norm->url_domain);
    free(norm->text_key);
    free(norm->tag_key);
    free(norm->tagset_key);
    memset(norm, 0, sizeof *norm);
}
