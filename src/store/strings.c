/*
 * strings.c — the string interner behind the event store.
 *
 * Bytes live in an arena of large blocks that never move, so a pointer
 * returned by cib_strings_get stays valid for the pool's life.  Each
 * string is stored as its 32-bit length, its bytes and a NUL; refs[id]
 * points at the bytes, so an id costs 8 bytes besides its text.
 *
 * Lookup is an open-addressing table with linear probing, at most 3/4
 * full.  A slot holds the id in its low 32 bits and the top 32 bits of
 * the string's XXH3 hash in its high 32 bits (0 = empty; ids start at 1).
 * Why: with millions of distinct strings (post ids, texts) every probe
 * that had to fetch a hash or the bytes from elsewhere was a cache miss,
 * and ingest spent most of its time there (issue 7).  Now a probe reads
 * only the slot array, and the bytes are compared only when the 32-bit
 * tags agree.  The home slot is the top `bits` bits of the hash, which
 * are the top bits of the tag, so doubling the table re-places every
 * entry from its slot alone, without touching or re-hashing any string.
 * Large slot arrays are mapped with transparent huge pages where the
 * kernel offers them (random probes then miss the TLB far less).
 *
 * Callers that intern several strings at once can hash them first and
 * prefetch their home slots (cib_strings_hash, cib_strings_prefetch,
 * cib_strings_intern_hashed), so the memory fetches overlap.
 *
 * Relies on xxHash (XXH3, Yann Collet) and, on Linux, mmap/madvise.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#define BLOCK_SIZE (1u << 20)
#define MIN_BITS 10
#define MAX_BITS 32          /* the home slot comes from the 32-bit tag */
#define MAPPED_BYTES (4u << 20) /* slot arrays this large are mmap'ed */
#define LEN_BYTES 4          /* length stored before each string's bytes */

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

struct cib_strings {
    const char **refs; /* by id: the bytes (length in the 4 bytes before) */
    size_t n, cap;
    uint64_t *slots;   /* 0 = empty, else tag << 32 | id */
    unsigned bits;     /* 2^bits slots */
    block *blocks;
};

/* id 0: the empty string, with its zero length in front. */
static const char EMPTY[LEN_BYTES + 1] = {0};

static inline size_t home(uint64_t hash, unsigned bits)
{
    return (size_t)(hash >> (64 - bits));
}

static inline size_t stored_len(const char *bytes)
{
    uint32_t n;
    memcpy(&n, bytes - LEN_BYTES, sizeof n);
    return n;
}

static uint64_t *slots_alloc(unsigned bits)
{
    size_t bytes = sizeof(uint64_t) << bits;
    if (bytes < MAPPED_BYTES)
        return calloc((size_t)1 << bits, sizeof(uint64_t));
    /* Anonymous pages arrive zeroed (the table starts empty) and only
     * when touched. */
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint; fine if refused */
#endif
    return p;
}

static void slots_free(uint64_t *slots, unsigned bits)
{
    if (slots == NULL)
        return;
    size_t bytes = sizeof(uint64_t) << bits;
    if (bytes < MAPPED_BYTES)
        free(slots);
    else
        munmap(slots, bytes);
}

cib_strings *cib_strings_new(void)
{
    cib_strings *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->bits = MIN_BITS;
    p->slots = slots_alloc(p->bits);
    p->cap = 1024;
    p->refs = malloc(p->cap * sizeof *p->refs);
    if (!p->slots || !p->refs) {
        cib_strings_free(p);
        return NULL;
    }
    p->refs[0] = EMPTY + LEN_BYTES;
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
    slots_free(pool->slots, pool->bits);
    free(pool);
}

/* Copy n bytes into the arena behind their length; returns the bytes. */
static char *arena_copy(cib_strings *p, const char *s, size_t n)
{
    size_t need = LEN_BYTES + n + 1;
    block *b = p->blocks;
    if (b == NULL || b->size - b->used < need) {
        size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
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
    uint32_t len = (uint32_t)n;
    memcpy(dst, &len, sizeof len);
    dst += LEN_BYTES;
    memcpy(dst, s, n);
    dst[n] = '\0';
    b->used += need;
    return dst;
}

/* Double the table.  Entries are re-placed from their tags alone; going
 * through the old slots in order fills the new table nearly in order. */
static int grow_table(cib_strings *p)
{
    if (p->bits >= MAX_BITS)
        return CIB_ENOMEM;
    unsigned nbits = p->bits + 1;
    uint64_t *ns = slots_alloc(nbits);
    if (ns == NULL)
        return CIB_ENOMEM;
    size_t old_n = (size_t)1 << p->bits, mask = ((size_t)1 << nbits) - 1;
    for (size_t j = 0; j < old_n; j++) {
        uint64_t v = p->slots[j];
        if (v == 0)
            continue;
        size_t i = home(v, nbits);
        while (ns[i])
            i = (i + 1) & mask;
        ns[i] = v;
    }
    slots_free(p->slots, p->bits);
    p->slots = ns;
    p->bits = nbits;
    return CIB_OK;
}

/* The slot holding s, or the empty slot where it would go. */
static inline size_t probe(const cib_strings *p, const char *s, size_t n,
                           uint64_t h)
{
    size_t mask = ((size_t)1 << p->bits) - 1;
    size_t i = home(h, p->bits);
    for (;;) {
        uint64_t v = p->slots[i];
        if (v == 0)
            return i;
        if (((v ^ h) >> 32) == 0) {
            const char *b = p->refs[(uint32_t)v];
            if (stored_len(b) == n && memcmp(b, s, n) == 0)
                return i;
        }
        i = (i + 1) & mask;
    }
}

uint64_t cib_strings_hash(const char *s, size_t n)
{
    return XXH3_64bits(s, n);
}

void cib_strings_prefetch(const cib_strings *pool, uint64_t hash)
{
    __builtin_prefetch(&pool->slots[home(hash, pool->bits)]);
}

uint32_t cib_strings_find(const cib_strings *pool, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    uint64_t v = pool->slots[probe(pool, s, n, cib_strings_hash(s, n))];
    return (uint32_t)v;
}

uint32_t cib_strings_intern_hashed(cib_strings *p, const char *s, size_t n,
                                   uint64_t h)
{
    if (n == 0)
        return 0;
    if (n > UINT32_MAX - 1 || p->n >= UINT32_MAX - 1)
        return UINT32_MAX;
    size_t i = probe(p, s, n, h);
    if (p->slots[i])
        return (uint32_t)p->slots[i];
    /* at most 3/4 full after this insertion */
    if (p->n * 4 > ((size_t)3 << p->bits)) {
        if (grow_table(p) != CIB_OK)
            return UINT32_MAX;
        i = probe(p, s, n, h);
    }
    if (p->n == p->cap &&
        cib_grow((void **)&p->refs, &p->cap, p->n + 1, sizeof *p->refs))
        return UINT32_MAX;
    char *copy = arena_copy(p, s, n);
    if (copy == NULL)
        return UINT32_MAX;
    uint32_t id = (uint32_t)p->n++;
    p->refs[id] = copy;
    p->slots[i] = (h & ~(uint64_t)UINT32_MAX) | id;
    return id;
}

uint32_t cib_strings_intern(cib_strings *pool, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    return cib_strings_intern_hashed(pool, s, n, cib_strings_hash(s, n));
}

const char *cib_strings_get(const cib_strings *pool, uint32_t id, size_t *len)
{
    if (id >= pool->n)
        id = 0;
    const char *b = pool->refs[id];
    if (len)
        *len = stored_len(b);
    return b;
}

uint32_t cib_strings_count(const cib_strings *pool)
{
    return (uint32_t)pool->n;
}
