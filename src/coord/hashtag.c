/*
 * hashtag.c — the hashtag trace: accounts using the same set of hashtags.
 *
 * One key per event: the set of its case-folded hashtags (normalize's
 * tag_key), sorted and hashed, so "#A #B" and "#b #a" agree and a single
 * popular tag does not, on its own, make a key shared by everyone who
 * used it among others.  Events without tags yield none.
 */
#include "internal.h"

int coord_hashtag_keys(const coord_src *src, size_t ev, coord_keys *keys)
{
    if (src->norm == NULL || src->norm->tag_key == NULL)
        return CIB_OK;
    const cib_events *e = &src->store->events;
    for (uint32_t t = e->tag_begin[ev]; t < e->tag_begin[ev + 1]; t++)
        if (coord_keys_add(keys, src->norm->tag_key[t]))
            return CIB_ENOMEM;
    if (keys->n == 0)
        return CIB_OK;
    /* insertion sort: an event has a handful of tags */
    for (size_t i = 1; i < keys->n; i++) {
        uint64_t k = keys->v[i];
        size_t j = i;
        for (; j > 0 && keys->v[j - 1] > k; j--)
            keys->v[j] = keys->v[j - 1];
        keys->v[j] = k;
    }
    uint32_t ids[64];
    uint64_t h = 0;
    for (size_t i = 0; i < keys->n; i += 64) {
        size_t m = keys->n - i < 64 ? keys->n - i : 64;
        for (size_t j = 0; j < m; j++)
            ids[j] = (uint32_t)keys->v[i + j];
        h = cib_hash64(ids, m * sizeof ids[0], h);
    }
    keys->v[0] = h ? h : 1;
    keys->n = 1;
    return CIB_OK;
}
