/*
 * rng.c — xoshiro256** with splitmix64 seeding, and the few
 * distributions the simulator draws from.  Written from the published
 * algorithm descriptions (see rng.h); depends on libm.
 */
#include "rng.h"

#include <math.h>
#include <stdlib.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void cib_rng_seed(cib_rng *r, uint64_t seed)
{
    /* splitmix64 never yields four zero words, the one state xoshiro
     * cannot leave */
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t cib_rng_next(cib_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double cib_rng_uniform(cib_rng *r)
{
    return (double)(cib_rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t cib_rng_below(cib_rng *r, uint64_t n)
{
    /* Lemire's multiply-shift with rejection (Lemire 2019, "Fast random
     * integer generation in an interval", ACM TOMACS 29:3): exactly
     * uniform, and a division only in the rare case of a draw from the
     * incomplete last multiple of n. */
    __extension__ typedef unsigned __int128 u128;
    uint64_t x = cib_rng_next(r);
    u128 m = (u128)x * n;
    uint64_t low = (uint64_t)m;
    if (low < n) {
        uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            x = cib_rng_next(r);
            m = (u128)x * n;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

double cib_rng_normal(cib_rng *r)
{
    double u = 1.0 - cib_rng_uniform(r); /* (0, 1]: log is finite */
    double v = cib_rng_uniform(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

uint64_t cib_rng_poisson(cib_rng *r, double lambda)
{
    if (lambda <= 0)
        return 0;
    if (lambda < 30) {
        double limit = exp(-lambda), p = 1.0;
        uint64_t k = 0;
        for (;;) {
            p *= cib_rng_uniform(r);
            if (p <= limit)
                return k;
            k++;
        }
    }
    double x = lambda + sqrt(lambda) * cib_rng_normal(r) + 0.5;
    return x < 0 ? 0 : (uint64_t)x;
}

double cib_rng_pareto(cib_rng *r, double alpha)
{
    double u = 1.0 - cib_rng_uniform(r); /* (0, 1] */
    return pow(u, -1.0 / alpha);
}

void cib_rng_cdf(double *cdf, const double *w, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += w[i];
        cdf[i] = sum;
    }
}

void cib_rng_zipf_weights(double *w, size_t n, double s)
{
    for (size_t i = 0; i < n; i++)
        w[i] = pow((double)(i + 1), -s);
}

size_t cib_rng_pick(cib_rng *r, const double *cdf, size_t n)
{
    double x = cib_rng_uniform(r) * cdf[n - 1];
    size_t lo = 0, hi = n - 1;
    while (lo < hi) { /* first index with cdf > x */
        size_t mid = lo + (hi - lo) / 2;
        if (cdf[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

double cib_rng_exponential(cib_rng *r, double mean)
{
    return -mean * log(1.0 - cib_rng_uniform(r));
}

double cib_rng_lognormal(cib_rng *r, double median, double sigma)
{
    return median * exp(sigma * cib_rng_normal(r));
}

int cib_alias_init(cib_alias *a, const double *w, size_t n)
{
    a->n = n;
    a->col = malloc(n * sizeof *a->col);
    uint32_t *small = malloc(2 * n * sizeof *small);
    double *scaled = malloc(n * sizeof *scaled);
    if (!a->col || !small || !scaled) {
        free(small);
        free(scaled);
        cib_alias_free(a);
        return -1;
    }
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += w[i];
    /* Vose: columns under the mean are filled up from columns above it;
     * `small` grows from the front, `large` from the back of one array */
    uint32_t *large = small + n;
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < n; i++) {
        scaled[i] = sum > 0 ? w[i] * (double)n / sum : 1.0;
        if (scaled[i] < 1.0)
            small[ns++] = (uint32_t)i;
        else
            large[nl++] = (uint32_t)i;
    }
    while (ns > 0 && nl > 0) {
        uint32_t s = small[--ns], l = large[--nl];
        a->col[s].prob = (float)scaled[s];
        a->col[s].alias = l;
        scaled[l] = scaled[l] + scaled[s] - 1.0;
        if (scaled[l] < 1.0)
            small[ns++] = l;
        else
            large[nl++] = l;
    }
    /* what is left is 1 up to rounding */
    while (nl > 0) {
        uint32_t l = large[--nl];
        a->col[l].prob = 1.0f;
        a->col[l].alias = l;
    }
    while (ns > 0) {
        uint32_t s = small[--ns];
        a->col[s].prob = 1.0f;
        a->col[s].alias = s;
    }
    free(small);
    free(scaled);
    return 0;
}

void cib_alias_free(cib_alias *a)
{
    free(a->col);
    a->col = NULL;
    a->n = 0;
}

uint32_t cib_alias_draw(const cib_alias *a, cib_rng *r)
{
    uint64_t x = cib_rng_next(r);
    /* high bits pick the column (Lemire's multiply-shift, bias < n/2^32),
     * low 24 bits the coin */
    uint32_t col = (uint32_t)(((x >> 32) * (uint64_t)a->n) >> 32);
    float coin = (float)(x & 0xFFFFFF) * 0x1.0p-24f;
    return coin < a->col[col].prob ? col : a->col[col].alias;
}
