/*
 * url.c — the url trace: accounts sharing the same link.
 *
 * An event yields the canonical form (normalize/url.c) of every URL it
 * carries; a link posted twice in one post counts once.  Keys are string
 * ids of the canonical URLs.  Relies on cib_norm.url_key.
 */
#include "internal.h"

int coord_url_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    if (src->norm == NULL || src->norm->url_key == NULL)
        return CIB_OK;
    const cib_events *e = &src->store->events;
    for (uint32_t u = e->url_begin[ev]; u < e->url_begin[ev + 1]; u++)
        if (coord_keys_add(keys, src->norm->url_key[u]))
            return CIB_ENOMEM;
    return CIB_OK;
}
