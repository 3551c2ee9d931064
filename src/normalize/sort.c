/*
 * sort.c — LSD radix sort of 64-bit words, for the LSH band records
 * (key << 32 | rank) of neardup.c.
 *
 * Why not qsort: millions of records, a few counting passes over 16-bit
 * digits are several times faster than a comparison sort through a
 * function pointer.  Digits equal in every word (the high bits of small
 * ranks, say) are found from the histograms and skipped.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 16
#define N_DIGITS (64 / DIGIT_BITS)
#define RADIX ((size_t)1 << DIGIT_BITS)

int norm_sort_u64(uint64_t *v, size_t n)
{
    if (n < 2)
        return CIB_OK;
    size_t *count = calloc(N_DIGITS * RADIX, sizeof *count);
    uint64_t *tmp = malloc(n * sizeof *tmp);
    if (count == NULL || tmp == NULL) {
        free(count);
        free(tmp);
        return CIB_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < N_DIGITS; d++)
            count[d * RADIX + ((v[i] >> (d * DIGIT_BITS)) & (RADIX - 1))]++;
    uint64_t *src = v, *dst = tmp;
    for (int d = 0; d < N_DIGITS; d++) {
        size_t *c = count + d * RADIX;
        if (c[(src[0] >> (d * DIGIT_BITS)) & (RADIX - 1)] == n)
            continue; /* this digit is the same everywhere */
        size_t sum = 0;
        for (size_t b = 0; b < RADIX; b++) {
            size_t k = c[b];
            c[b] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            dst[c[(src[i] >> (d * DIGIT_BITS)) & (RADIX - 1)]++] = src[i];
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
