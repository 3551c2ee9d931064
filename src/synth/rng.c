/*
 * rng.c — xoshiro256** with splitmix64 seeding, and the few
 * distributions the simulator draws from.  Written from the published
 * algorithm descriptions (see rng.h); depends on libm.
 */
#include "rng.h"

#include <math.h>

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
    /* Rejection keeps it exactly uniform: draw again from the last,
     * incomplete multiple of n. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = cib_rng_next(r);
    while (x >= limit);
    return x % n;
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
