/*
 * radix.c — cibscan's one radix sort: a stable LSD sort of fixed-size
 * records by unsigned integer fields of theirs (common.h).  coord sorts
 * its (key, rank, account) incidences with it, normalize its LSH band
 * keys and texts' first times, the report's profiles their
 * (vocabulary, id) items.
 *
 * Why not qsort: these sorts take up to tens of millions of records; a
 * comparison sort costs about log2 n calls through a function pointer
 * per record, a counting pass a sequential read and a scattered write.
 *
 * Why bytes for digits: 256 counters and 256 write positions stay in the
 * L1 cache, and a pass's counter sweep is nothing beside its records;
 * 16-bit digits' 65,536 positions miss the cache on every scattered write
 * and their sweeps alone outweigh a sort of a few thousand records.
 *
 * Why one histogram pass: a byte's histogram does not depend on the
 * order of the records, so every byte's is taken in one read before any
 * record moves.  It also shows the bytes that are the same in every
 * record (high bytes of 32-bit ids and of small ranks, the unused bits of
 * a time): a pass over one would move nothing, and is skipped.
 *
 * Relies on libc only.
 */
#include "common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where the byte of significance b (0: the least) of a `size`-byte
 * unsigned integer stored at byte `offset` lies. */
static size_t byte_at(size_t offset, unsigned size, unsigned b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return offset + size - 1 - b;
#else
    (void)size;
    return offset + b;
#endif
}

/* The key's bytes as offsets in a record of `size` bytes, least
 * significant first, into at[]; returns how many, or -1 when a field is
 * malformed or there are more than CIB_RADIX_MAX_BYTES. */
static int key_bytes(size_t size, const cib_radix_field *fields,
                     size_t n_fields, size_t at[CIB_RADIX_MAX_BYTES])
{
    int nb = 0;
    for (size_t f = n_fields; f-- > 0;) {
        const cib_radix_field *k = &fields[f];
        int ok = (k->size == 1 || k->size == 2 || k->size == 4 ||
                  k->size == 8) &&
                 k->skip < k->size && k->offset <= size &&
                 k->size <= size - k->offset &&
                 nb + (int)(k->size - k->skip) <= CIB_RADIX_MAX_BYTES;
        if (!ok)
            return -1;
        for (unsigned b = k->skip; b < k->size; b++)
            at[nb++] = byte_at(k->offset, k->size, b);
    }
    return nb;
}

/* One counting pass: each record of src goes to the slot pos[its byte at
 * `at`]++ of dst, in src order (hence stable).  Always inlined, so that
 * the callers below with a constant size copy a record in one or two
 * moves instead of a call to memcpy. */
static inline __attribute__((always_inline)) void
scatter(unsigned char *restrict dst, const unsigned char *restrict src,
        size_t n, size_t size, size_t at, size_t *restrict pos)
{
    for (size_t i = 0; i < n; i++, src += size)
        memcpy(dst + pos[src[at]]++ * size, src, size);
}

static void pass(unsigned char *restrict dst, const unsigned char *restrict src,
                 size_t n, size_t size, size_t at, size_t *restrict pos)
{
    switch (size) {
    case 8: /* (vocabulary, id) items, 64-bit words */
        scatter(dst, src, n, 8, at, pos);
        break;
    case 16: /* coord records */
        scatter(dst, src, n, 16, at, pos);
        break;
    default:
        scatter(dst, src, n, size, at, pos);
    }
}

int cib_radix_sort(void *rec, size_t n, size_t size,
                   const cib_radix_field *fields, size_t n_fields)
{
    size_t at[CIB_RADIX_MAX_BYTES];
    int nb = key_bytes(size, fields, n_fields, at);
    if (nb < 0)
        return CIB_EUSAGE;
    if (n < 2 || nb == 0)
        return CIB_OK;
    size_t(*count)[256] = calloc((size_t)nb, sizeof *count);
    if (count == NULL)
        return CIB_ENOMEM;
    const unsigned char *r = rec;
    for (size_t i = 0; i < n; i++, r += size)
        for (int b = 0; b < nb; b++)
            count[b][r[at[b]]]++;
    /* the bytes that vary, least significant first: a byte whose value
     * in the first record is every record's value moves nothing */
    int vary[CIB_RADIX_MAX_BYTES], nv = 0;
    r = rec;
    for (int b = 0; b < nb; b++)
        if (count[b][r[at[b]]] != n)
            vary[nv++] = b;
    unsigned char *tmp =
        nv > 0 && n <= SIZE_MAX / size ? malloc(n * size) : NULL;
    if (nv > 0 && tmp == NULL) {
        free(count);
        return CIB_ENOMEM;
    }
    unsigned char *src = rec, *dst = tmp;
    for (int v = 0; v < nv; v++) {
        size_t *pos = count[vary[v]], sum = 0;
        for (int c = 0; c < 256; c++) {
            size_t k = pos[c];
            pos[c] = sum;
            sum += k;
        }
        pass(dst, src, n, size, at[vary[v]], pos);
        unsigned char *t = src;
        src = dst;
        dst = t;
    }
    if (src != rec) /* an odd number of passes ended in tmp */
        memcpy(rec, src, n * size);
    free(tmp);
    free(count);
    return CIB_OK;
}
