/*
 * sources.c — the null model's sources, one per trace that has them: the
 * author of a reposted post (object trace), the registrable domain of a
 * link (url trace) and the outlet whose link a text first came with (text
 * trace).  Each becomes a stratum of the null (strata.c), so that the
 * fans of one account or outlet, who act on its posts, links and
 * headlines within seconds of each other again and again, are measured
 * against everyone else who acts on that source rather than against
 * everybody (docs/coordination.md "Per source").
 *
 * Only a domain with an audience of its own, shared by at least
 * COORD_SOURCE_AUDIENCE distinct accounts, is a source: a site only a farm
 * links to has no crowd but the farm, and measured against itself the
 * farm would look like chance; such domains share the pooled stratum 0
 * (whose M is all of the trace's actions, coord.c) with every other small
 * one.  Texts take their domain's source, so a farm's copies of a text it
 * posts with its own links stay pooled too.
 *
 * Relies on the store's post ids, normalize's URL keys and domains and
 * text keys, and the shared radix sort.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void coord_sources_free(coord_sources *s)
{
    free(s->author_of);
    free(s->domain_of);
    free(s->text.key);
    free(s->text.val);
    memset(s, 0, sizeof *s);
}

/* author_of: the author + 1 of every post id that some event carries;
 * left NULL when no event has a post id (nothing to stratify by).  Every
 * author is a source, whatever its audience: the fans of a small account
 * repost it as faithfully as those of a large one. */
static int authors(coord_sources *s, const cib_store *store)
{
    const cib_events *e = &store->events;
    uint32_t ns = cib_strings_count(store->strings);
    bool any = false;
    for (size_t i = 0; i < e->n && !any; i++)
        any = e->post[i] != 0;
    if (!any)
        return CIB_OK;
    s->author_of = calloc(ns ? ns : 1, sizeof *s->author_of);
    if (s->author_of == NULL)
        return CIB_ENOMEM;
    for (size_t i = 0; i < e->n; i++)
        if (e->post[i] && e->post[i] < ns)
            s->author_of[e->post[i]] = e->account[i] + 1;
    return CIB_OK;
}

/* *stratum_out (by domain string id, the caller frees it): the domain's
 * stratum, 1..n_domains for the domains with an audience (distinct
 * sharers counted by sorting (domain, account) pairs), 0 for the rest;
 * and domain_of (by canonical URL string id) when want_urls.  Leaves
 * both NULL when no link has a domain. */
static int domains(coord_sources *s, const cib_store *store,
                   const cib_norm *norm, bool want_urls,
                   uint32_t **stratum_out)
{
    const cib_events *e = &store->events;
    *stratum_out = NULL;
    if (norm == NULL || norm->url_key == NULL || norm->url_domain == NULL ||
        e->n_urls == 0)
        return CIB_OK;
    uint32_t ns = cib_strings_count(store->strings);
    uint32_t *dense = calloc(ns ? ns : 1, sizeof *dense);
    uint64_t *by = malloc(e->n_urls * sizeof *by);
    int rc = dense && by ? CIB_OK : CIB_ENOMEM;
    size_t n = 0;
    uint32_t n_dense = 0;
    for (size_t i = 0; rc == CIB_OK && i < e->n; i++)
        for (uint32_t u = e->url_begin[i]; u < e->url_begin[i + 1]; u++) {
            uint32_t d = norm->url_domain[u];
            if (d == 0 || d >= ns || norm->url_key[u] == 0)
                continue;
            if (dense[d] == 0)
                dense[d] = ++n_dense;
            by[n++] = (uint64_t)dense[d] << 32 | e->account[i];
        }
    uint64_t *sharers = NULL; /* distinct sharers per dense domain */
    if (rc == CIB_OK) {
        sharers = calloc((size_t)n_dense + 1, sizeof *sharers);
        rc = sharers ? CIB_OK : CIB_ENOMEM;
    }
    if (rc == CIB_OK)
        rc = cib_count_distinct(by, n, sharers);
    free(by);
    /* dense numbers of the qualifying domains, in first-seen order */
    for (uint32_t d = 1; rc == CIB_OK && d <= n_dense; d++)
        sharers[d] = sharers[d] >= COORD_SOURCE_AUDIENCE ? ++s->n_domains : 0;
    for (uint32_t d = 1; rc == CIB_OK && d < ns; d++)
        if (dense[d])
            dense[d] = sharers[dense[d]];
    free(sharers);
    if (rc == CIB_OK && want_urls) {
        s->domain_of = calloc(ns ? ns : 1, sizeof *s->domain_of);
        if (s->domain_of == NULL)
            rc = CIB_ENOMEM;
        for (size_t u = 0; rc == CIB_OK && u < e->n_urls; u++) {
            uint32_t k = norm->url_key[u], d = norm->url_domain[u];
            if (k && k < ns && d && d < ns)
                s->domain_of[k] = dense[d];
        }
    }
    if (rc != CIB_OK) {
        free(dense);
        return rc;
    }
    *stratum_out = dense;
    return CIB_OK;
}

/* Slot of text key k in the map (k != 0): its own or the empty one where
 * it would go. */
static size_t map_slot(const coord_key_map *m, uint64_t k)
{
    size_t j = coord_mix64(k) & m->mask;
    while (m->key[j] && m->key[j] != k)
        j = (j + 1) & m->mask;
    return j;
}

uint32_t coord_key_map_get(const coord_key_map *m, uint64_t k)
{
    if (m->n == 0 || k == 0)
        return 0;
    size_t j = map_slot(m, k);
    return m->key[j] == k ? m->val[j] : 0;
}

/* The text map: each text key seen with a link gets the source of the
 * first link of its earliest such event (ties: the earlier event). */
static int texts(coord_sources *s, const cib_store *store,
                 const cib_norm *norm, const uint32_t *domain_stratum)
{
    const cib_events *e = &store->events;
    if (norm == NULL || norm->text_key == NULL || domain_stratum == NULL)
        return CIB_OK;
    uint32_t ns = cib_strings_count(store->strings);
    size_t with = 0;
    for (size_t i = 0; i < e->n; i++)
        with += norm->text_key[i] && e->url_begin[i + 1] > e->url_begin[i];
    if (with == 0)
        return CIB_OK;
    size_t cap = 16;
    while (cap < 2 * with)
        cap *= 2;
    coord_key_map *m = &s->text;
    m->key = calloc(cap, sizeof *m->key);
    m->val = calloc(cap, sizeof *m->val);
    int64_t *first = malloc(cap * sizeof *first);
    if (!m->key || !m->val || !first) {
        free(first);
        return CIB_ENOMEM;
    }
    m->mask = cap - 1;
    for (size_t i = 0; i < e->n; i++) {
        uint64_t k = norm->text_key[i];
        uint32_t u = e->url_begin[i];
        if (k == 0 || u == e->url_begin[i + 1])
            continue;
        uint32_t d = norm->url_domain[u];
        uint32_t src = d && d < ns ? domain_stratum[d] : 0;
        size_t j = map_slot(m, k);
        if (m->key[j] == 0) {
            m->key[j] = k;
            m->n++;
        } else if (e->time[i] >= first[j]) {
            continue;
        }
        first[j] = e->time[i];
        m->val[j] = src;
    }
    free(first);
    return CIB_OK;
}

int coord_sources_build(coord_sources *s, const cib_store *store,
                        const cib_norm *norm,
                        const bool traces[CIB_TRACE_COUNT])
{
    memset(s, 0, sizeof *s);
    int rc = CIB_OK;
    if (traces[CIB_TRACE_OBJECT])
        rc = authors(s, store);
    uint32_t *domain_stratum = NULL;
    if (rc == CIB_OK && (traces[CIB_TRACE_URL] || traces[CIB_TRACE_TEXT]))
        rc = domains(s, store, norm, traces[CIB_TRACE_URL], &domain_stratum);
    if (rc == CIB_OK && traces[CIB_TRACE_TEXT])
        rc = texts(s, store, norm, domain_stratum);
    free(domain_stratum);
    if (rc != CIB_OK)
        coord_sources_free(s);
    return rc;
}
