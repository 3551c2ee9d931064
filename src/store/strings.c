/*
 * strings.c — the string interner behind the event store.
 *
 * Bytes live in an arena of large blocks that never move, so a pointer
 * returned by cib_strings_get stays valid for the pool's life.  Lookup is
 * an open-addressing table (linear probing, power-of-two size, at most half
 * full) of ids keyed by the xxHash64 of the bytes; the full hash is kept
 * beside each id so most probes compare no bytes.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (1u << 20)

typedef struct string_ref {
    const char *bytes;
    uint32_t len;
} string_ref;

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

struct cib_strings {
    string_ref *refs; /* by id */
    uint64_t *hashes; /* by id */
    size_t n, cap;
    uint32_t *slots;  /* 0 = empty, else id */
    size_t slot_cap;  /* power of two */
    block *blocks;
};

cib_strings *cib_strings_new(void)
{
    cib_strings *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->slot_cap = 1024;
    p->slots = calloc(p->slot_cap, sizeof *p->slots);
    p->cap = 1024;
    p->refs = malloc(p->cap * sizeof *p->refs);
    p->hashes = malloc(p->cap * sizeof *p->hashes);
    if (!p->slots || !p->refs || !p->hashes) {
        cib_strings_free(p);
        return NULL;
    }
    p->refs[0] = (string_ref){"", 0};
    p->hashes[0] = 0;
    p->n = 1;
    return p;
}

void cib_strings_free(cib_strings *pool)
{
    if (pool == NULL)
        return;
    block *b = pool->blocks;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(pool->refs);
    free(pool->hashes);
    free(pool->slots);
    free(pool);
}

static char *arena_copy(cib_strings *p, const char *s, size_t n)
{
    block *b = p->blocks;
    if (b == NULL || b->size - b->used < n + 1) {
        size_t size = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;
        block *nb = malloc(sizeof *nb + size);
        if (nb == NULL)
            return NULL;
        nb->used = 0;
        nb->size = size;
        /* A block made for one huge string goes behind the current one so
         * the current one keeps filling. */
        if (b && size > BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            p->blocks = nb;
        }
        b = nb;
    }
    char *dst = b->data + b->used;
    memcpy(dst, s, n);
    dst[n] = '\0';
    b->used += n + 1;
    return dst;
}

static int rehash(cib_strings *p)
{
    size_t ncap = p->slot_cap * 2;
    uint32_t *ns = calloc(ncap, sizeof *ns);
    if (ns == NULL)
        return CIB_ENOMEM;
    for (size_t id = 1; id < p->n; id++) {
        size_t i = p->hashes[id] & (ncap - 1);
        while (ns[i])
            i = (i + 1) & (ncap - 1);
        ns[i] = (uint32_t)id;
    }
    free(p->slots);
    p->slots = ns;
    p->slot_cap = ncap;
    return CIB_OK;
}

static size_t probe(const cib_strings *p, const char *s, size_t n,
                    uint64_t h)
{
    size_t i = h & (p->slot_cap - 1);
    for (;;) {
        uint32_t id = p->slots[i];
        if (id == 0)
            return i;
        if (p->hashes[id] == h && p->refs[id].len == n &&
            memcmp(p->refs[id].bytes, s, n) == 0)
            return i;
        i = (i + 1) & (p->slot_cap - 1);
    }
}

uint32_t cib_strings_find(const cib_strings *pool, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    return pool->slots[probe(pool, s, n, cib_hash64(s, n, 0))];
}

uint32_t cib_strings_intern(cib_strings *p, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (n > UINT32_MAX - 1 || p->n >= UINT32_MAX - 1)
        return UINT32_MAX;
    uint64_t h = cib_hash64(s, n, 0);
    size_t i = probe(p, s, n, h);
    if (p->slots[i])
        return p->slots[i];
    if ((p->n + 1) * 2 > p->slot_cap) {
        if (rehash(p) != CIB_OK)
            return UINT32_MAX;
        i = probe(p, s, n, h);
    }
    if (p->n == p->cap) {
        size_t cap = p->cap;
        if (cib_grow((void **)&p->refs, &cap, p->n + 1, sizeof *p->refs))
            return UINT32_MAX;
        cap = p->cap;
        if (cib_grow((void **)&p->hashes, &cap, p->n + 1, sizeof *p->hashes))
            return UINT32_MAX;
        p->cap = cap;
    }
    char *copy = arena_copy(p, s, n);
    if (copy == NULL)
        return UINT32_MAX;
    uint32_t id = (uint32_t)p->n++;
    p->refs[id] = (string_ref){copy, (uint32_t)n};
    p->hashes[id] = h;
    p->slots[i] = id;
    return id;
}

const char *cib_strings_get(const cib_strings *pool, uint32_t id, size_t *len)
{
    if (id >= pool->n)
        id = 0;
    if (len)
        *len = pool->refs[id].len;
    return pool->refs[id].bytes;
}

uint32_t cib_strings_count(const cib_strings *pool)
{
    return (uint32_t)pool->n;
}
