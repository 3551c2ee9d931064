/*
 * sort.c — LSD radix sort of 64-bit words, for the LSH band records
 * (key << 32 | rank) of neardup.c.
 *
 * Why not qsort: millions of records, a few counting passes over 16-bit
 * digits are several times faster than a comparison sort through a
 * function pointer.  Digits equal in every word (the high bits of small
 * ranks, say) are found from the histograms and skipped.  When the low
 * half is already in order (records made in rank order), sorting the
 * high half stably is enough: norm_sort_u64_high, with 8-bit digits,
 * whose 256 destinations stay in the cache where 65,536 would not.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* LSD radix sort of v by `passes` digits of `bits` bits from bit `lo`
 * up; a digit equal in every word is skipped. */
static int radix(uint64_t *v, size_t n, unsigned lo, unsigned bits,
                 unsigned passes)
{
    if (n < 2)
        return CIB_OK;
    size_t radix_n = (size_t)1 << bits;
    uint64_t mask = radix_n - 1;
    size_t *count = calloc(passes * radix_n, sizeof *count);
    uint64_t *tmp = malloc(n * sizeof *tmp);
    if (count == NULL || tmp == NULL) {
        free(count);
        free(tmp);
        return CIB_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        for (unsigned d = 0; d < passes; d++)
            count[d * radix_n + ((v[i] >> (lo + d * bits)) & mask)]++;
    uint64_t *src = v, *dst = tmp;
    for (unsigned d = 0; d < passes; d++) {
        size_t *c = count + d * radix_n;
        unsigned shift = lo + d * bits;
        if (c[(src[0] >> shift) & mask] == n)
            continue; /* this digit is the same everywhere */
        size_t sum = 0;
        for (size_t b = 0; b < radix_n; b++) {
            size_t k = c[b];
            c[b] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            dst[c[(src[i] >> shift) & mask]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    free(tmp);
    free(count);
    return CIB_OK;
}

int norm_sort_u64(uint64_t *v, size_t n)
{
    return radix(v, n, 0, 16, 4);
}

int norm_sort_u64_high(uint64_t *v, size_t n)
{
    return radix(v, n, 32, 8, 4);
}
