/*
 * dedup.c — cib_store_dedup: events that repeat an earlier event exactly
 * are removed, so a row exported twice (overlapping scrapes, a file given
 * twice, a platform's retry) counts once instead of looking like an
 * account co-acting with itself or posting twice as much.
 *
 * One pass in input order over an open-addressing table (linear probing,
 * power-of-two size, at most three quarters full) of kept event indices
 * keyed by a 64-bit hash of the event; a hash match is confirmed by
 * comparing the events field by field, so no event is ever dropped on a
 * hash collision.  Kept events are moved down in place as the pass goes
 * (none moves before the first duplicate), so the table is the only extra
 * memory: 8 bytes per slot, about 11 to 21 bytes per event, freed before
 * returning.
 *
 * Speed (issue 7): a slot keeps the top 32 bits of the event's hash
 * beside its index, so a probe compares events only when those agree --
 * otherwise every occupied slot on the way cost a cache miss into the
 * event columns -- and the hash of the event a few places ahead is
 * computed early and its slot prefetched.
 * Relies on store.h and common.h (cib_hash64).
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* The scalar fields of an event, hashed as one block. */
typedef struct event_key {
    int64_t time;
    uint32_t account, post, object, text, network, image, group;
    uint32_t action, n_urls, n_tags;
} event_key;

/* Event i's URL and hashtag ranges, as they were before compaction. */
typedef struct ranges {
    uint32_t url_b, url_e, tag_b, tag_e;
} ranges;

static event_key key_of(const cib_events *e, size_t i, const ranges *r)
{
    event_key k;
    memset(&k, 0, sizeof k); /* no padding bytes of chance in the hash */
    k.time = e->time[i];
    k.account = e->account[i];
    k.post = e->post[i];
    k.object = e->object[i];
    k.text = e->text[i];
    k.network = e->network[i];
    k.image = e->image[i];
    k.group = e->group[i];
    k.action = e->action[i];
    k.n_urls = r->url_e - r->url_b;
    k.n_tags = r->tag_e - r->tag_b;
    return k;
}

static uint64_t hash_event(const cib_events *e, const event_key *k,
                           const ranges *r)
{
    uint64_t h = cib_hash64(k, sizeof *k, 0);
    if (k->n_urls)
        h = cib_hash64(e->url_ids + r->url_b, k->n_urls * sizeof(uint32_t), h);
    if (k->n_tags)
        h = cib_hash64(e->tag_ids + r->tag_b, k->n_tags * sizeof(uint32_t), h);
    return h;
}

/* Is kept event j (already moved, ranges from the compacted CSR arrays)
 * the same as event i (key k, old ranges r)? */
static bool same_event(const cib_events *e, uint32_t j, const event_key *k,
                       const ranges *r)
{
    uint32_t ub = e->url_begin[j], ue = e->url_begin[j + 1];
    uint32_t tb = e->tag_begin[j], te = e->tag_begin[j + 1];
    return e->time[j] == k->time && e->account[j] == k->account &&
           e->post[j] == k->post && e->object[j] == k->object &&
           e->text[j] == k->text && e->network[j] == k->network &&
           e->image[j] == k->image && e->group[j] == k->group &&
           e->action[j] == k->action && ue - ub == k->n_urls &&
           te - tb == k->n_tags &&
           (k->n_urls == 0 || memcmp(e->url_ids + ub, e->url_ids + r->url_b,
                                     k->n_urls * sizeof(uint32_t)) == 0) &&
           (k->n_tags == 0 || memcmp(e->tag_ids + tb, e->tag_ids + r->tag_b,
                                     k->n_tags * sizeof(uint32_t)) == 0);
}

/* Move event i (old ranges r) down to position w. */
static void move_event(cib_events *e, size_t w, size_t i, const ranges *r)
{
    e->account[w] = e->account[i];
    e->time[w] = e->time[i];
    e->action[w] = e->action[i];
    e->post[w] = e->post[i];
    e->object[w] = e->object[i];
    e->text[w] = e->text[i];
    e->network[w] = e->network[i];
    e->image[w] = e->image[i];
    e->group[w] = e->group[i];
    uint32_t nu = r->url_e - r->url_b, nt = r->tag_e - r->tag_b;
    uint32_t ub = e->url_begin[w], tb = e->tag_begin[w];
    /* memmove: the kept ranges only ever move down, maybe overlapping */
    if (nu && ub != r->url_b)
        memmove(e->url_ids + ub, e->url_ids + r->url_b, nu * sizeof(uint32_t));
    if (nt && tb != r->tag_b)
        memmove(e->tag_ids + tb, e->tag_ids + r->tag_b, nt * sizeof(uint32_t));
    e->url_begin[w + 1] = ub + nu;
    e->tag_begin[w + 1] = tb + nt;
}

/* Events ahead of the one being placed whose hash is computed and whose
 * home slot is prefetched.  At least 2: the move of event i rewrites
 * url_begin[i + 1] at most, and the look-ahead reads its event's ranges
 * from url_begin as they were. */
#define AHEAD 8

/* The hash of event i from its original ranges (i not yet reached). */
static uint64_t hash_ahead(const cib_events *e, size_t i)
{
    ranges r = {e->url_begin[i], e->url_begin[i + 1], e->tag_begin[i],
                e->tag_begin[i + 1]};
    event_key k = key_of(e, i, &r);
    return hash_event(e, &k, &r);
}

int cib_store_dedup(cib_store *store, uint64_t *removed)
{
    *removed = 0;
    cib_events *e = &store->events;
    size_t n = e->n;
    if (n < 2)
        return CIB_OK;
    unsigned bits = 2;
    while (((size_t)1 << bits) * 3 < n * 4) /* at most 3/4 full */
        bits++;
    size_t mask = ((size_t)1 << bits) - 1;
    /* 0 empty, else the hash's top 32 bits << 32 | kept index + 1 */
    uint64_t *slots = calloc(mask + 1, sizeof *slots);
    if (slots == NULL)
        return CIB_ENOMEM;
    uint64_t ahead[AHEAD]; /* hashes of events i .. i + AHEAD - 1 */
    for (size_t i = 0; i < n && i < AHEAD; i++)
        ahead[i] = hash_ahead(e, i);
    size_t w = 0;
    /* url_begin[i] and tag_begin[i] may be overwritten by the move of the
     * event before; their old values are carried here */
    uint32_t old_url = e->url_begin[0], old_tag = e->tag_begin[0];
    for (size_t i = 0; i < n; i++) {
        ranges r = {old_url, e->url_begin[i + 1], old_tag,
                    e->tag_begin[i + 1]};
        old_url = r.url_e;
        old_tag = r.tag_e;
        uint64_t h = ahead[i % AHEAD];
        if (i + AHEAD < n) {
            uint64_t next = hash_ahead(e, i + AHEAD);
            ahead[i % AHEAD] = next;
            __builtin_prefetch(&slots[next & mask]);
        }
        event_key k = key_of(e, i, &r);
        size_t s = h & mask; /* home from the low bits, tag the high */
        bool dup = false;
        for (uint64_t v; (v = slots[s]) != 0; s = (s + 1) & mask)
            if (((v ^ h) >> 32) == 0 &&
                same_event(e, (uint32_t)(v - 1), &k, &r)) {
                dup = true;
                break;
            }
        if (dup) {
            store->accounts.n_events[k.account]--;
            continue;
        }
        if (w != i) /* before the first duplicate every event stays */
            move_event(e, w, i, &r);
        slots[s] = (h & ~(uint64_t)UINT32_MAX) | (uint64_t)(w + 1);
        w++;
    }
    free(slots);
    *removed = n - w;
    e->n = w;
    e->n_urls = e->url_begin[w];
    e->n_tags = e->tag_begin[w];
    return CIB_OK;
}
