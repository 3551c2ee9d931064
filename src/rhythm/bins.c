/*
 * bins.c — count events per absolute quarter-hour (UTC), the one pass
 * over the events that everything else in the rhythm stage reads.
 * A quarter hour is the finest unit any zone offset in use needs
 * (Asia/Kathmandu +5:45, Pacific/Chatham +12:45), so a bin maps to exactly
 * one local hour in every zone.
 *
 * Dense counting when the span is small next to the number of events
 * (10 million events over two years: one pass into 70,080 counters),
 * sorting a copy of the bin numbers otherwise (a few events spread over
 * decades).  Relies on libc only.
 */
#include <stdlib.h>
#include <string.h>

#include "rhythm_internal.h"

#define DENSE_MAX_BINS (UINT64_C(1) << 24) /* 64 MiB of counters at most */
/* Times beyond +-2^60 s (36 billion years) are clamped there, so that bin
 * arithmetic in seconds, offsets added, cannot overflow. */
#define T_LIMIT (INT64_C(1) << 60)

static int64_t bin_of(int64_t t)
{
    t = t < -T_LIMIT ? -T_LIMIT : t > T_LIMIT ? T_LIMIT : t;
    return rh_floordiv(t, RH_BIN_SECONDS);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int alloc_out(rh_bins *b, size_t n)
{
    b->bin = malloc((n ? n : 1) * sizeof *b->bin);
    b->count = malloc((n ? n : 1) * sizeof *b->count);
    if (b->bin == NULL || b->count == NULL) {
        rh_bins_free(b);
        return CIB_ENOMEM;
    }
    return CIB_OK;
}

static int build_dense(rh_bins *b, const int64_t *times, size_t n, int64_t lo,
                       uint64_t span)
{
    uint32_t *dense = calloc(span, sizeof *dense);
    if (dense == NULL)
        return CIB_ENOMEM;
    for (size_t i = 0; i < n; i++)
        dense[bin_of(times[i]) - lo]++;
    size_t used = 0;
    for (uint64_t i = 0; i < span; i++)
        used += dense[i] != 0;
    if (alloc_out(b, used) != CIB_OK) {
        free(dense);
        return CIB_ENOMEM;
    }
    for (uint64_t i = 0; i < span; i++)
        if (dense[i]) {
            b->bin[b->n] = lo + (int64_t)i;
            b->count[b->n++] = dense[i];
        }
    free(dense);
    return CIB_OK;
}

static int build_sorted(rh_bins *b, const int64_t *times, size_t n)
{
    int64_t *tmp = malloc(n * sizeof *tmp);
    if (tmp == NULL)
        return CIB_ENOMEM;
    for (size_t i = 0; i < n; i++)
        tmp[i] = bin_of(times[i]);
    qsort(tmp, n, sizeof *tmp, cmp_i64);
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        used += i == 0 || tmp[i] != tmp[i - 1];
    if (alloc_out(b, used) != CIB_OK) {
        free(tmp);
        return CIB_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || tmp[i] != tmp[i - 1]) {
            b->bin[b->n] = tmp[i];
            b->count[b->n++] = 0;
        }
        b->count[b->n - 1]++;
    }
    free(tmp);
    return CIB_OK;
}

int rh_bins_build(rh_bins *b, const int64_t *times, size_t n)
{
    memset(b, 0, sizeof *b);
    if (n == 0)
        return CIB_OK;
    int64_t lo = times[0], hi = times[0];
    for (size_t i = 1; i < n; i++) {
        if (times[i] < lo)
            lo = times[i];
        if (times[i] > hi)
            hi = times[i];
    }
    int64_t blo = bin_of(lo);
    uint64_t span = (uint64_t)(bin_of(hi) - blo) + 1;
    /* dense when the counters cost no more than a sort would touch and a
     * counter cannot overflow */
    bool dense = span <= DENSE_MAX_BINS && span <= 4 * (uint64_t)n + 4096 &&
                 n <= UINT32_MAX;
    int rc = dense ? build_dense(b, times, n, blo, span) : build_sorted(b, times, n);
    if (rc != CIB_OK)
        return rc;
    b->total = n;
    b->first = lo;
    b->last = hi;
    int64_t last_hour = 0;
    for (size_t i = 0; i < b->n; i++) {
        int64_t h = rh_floordiv(b->bin[i], 4);
        if (i == 0 || h != last_hour)
            b->hours++;
        last_hour = h;
    }
    return CIB_OK;
}

void rh_bins_free(rh_bins *b)
{
    free(b->bin);
    free(b->count);
    b->bin = NULL;
    b->count = NULL;
    b->n = 0;
}
