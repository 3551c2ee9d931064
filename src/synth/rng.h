/*
 * rng.h — the simulator's pseudo-random numbers: xoshiro256** (Blackman &
 * Vigna 2018, "Scrambled linear pseudorandom number generators",
 * https://prng.di.unimi.it/), seeded through splitmix64 (Steele, Lea &
 * Flood 2014, "Fast splittable pseudorandom number generators") as its
 * authors recommend.  The state lives in a caller-owned struct: no global
 * state, and the same seed gives the same sequence on every platform
 * (the integer part; the distributions below use libm's log/exp/pow).
 */
#ifndef CIB_SYNTH_RNG_H
#define CIB_SYNTH_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct cib_rng {
    uint64_t s[4];
} cib_rng;

/* Seed from one 64-bit value (any value, 0 included). */
void cib_rng_seed(cib_rng *r, uint64_t seed);

/* Next 64 random bits. */
uint64_t cib_rng_next(cib_rng *r);

/* Uniform double in [0, 1) with 53 random bits. */
double cib_rng_uniform(cib_rng *r);

/* Uniform integer in [0, n); n >= 1. */
uint64_t cib_rng_below(cib_rng *r, uint64_t n);

/* Standard normal (Box-Muller). */
double cib_rng_normal(cib_rng *r);

/* Poisson with mean lambda >= 0: Knuth's product method below 30, the
 * rounded normal approximation N(lambda, lambda) above (error well under
 * the simulator's needs). */
uint64_t cib_rng_poisson(cib_rng *r, double lambda);

/* Pareto with scale 1 and shape alpha > 0 (inverse transform): heavy
 * tailed, P(X > x) = x^-alpha for x >= 1. */
double cib_rng_pareto(cib_rng *r, double alpha);

/* Cumulative weights for cib_rng_pick: cdf[i] = w[0] + ... + w[i]. */
void cib_rng_cdf(double *cdf, const double *w, size_t n);

/* Zipf weights 1/(i+1)^s for i in [0, n) into w. */
void cib_rng_zipf_weights(double *w, size_t n, double s);

/* Index drawn with probability proportional to its weight, given the
 * cumulative weights of cib_rng_cdf (binary search, O(log n)). */
size_t cib_rng_pick(cib_rng *r, const double *cdf, size_t n);

/* Exponential with mean `mean` (inverse transform). */
double cib_rng_exponential(cib_rng *r, double mean);

/* Log-normal with median `median` and log-scale sigma: median *
 * exp(sigma * N(0,1)). */
double cib_rng_lognormal(cib_rng *r, double median, double sigma);

/* Walker's alias table (Walker 1977, "An efficient method for generating
 * discrete random variables with general distributions", ACM TOMS 3:253;
 * built with Vose's 1991 stable variant): O(n) to build, O(1) per draw,
 * 8 bytes per entry.  For drawing accounts in proportion to their
 * activity millions of times. */
typedef struct cib_alias_column {
    float prob;      /* chance of keeping column i */
    uint32_t alias;  /* the other index of column i */
} cib_alias_column;

typedef struct cib_alias {
    size_t n;
    cib_alias_column *col; /* n; one cache line holds both halves */
} cib_alias;

/* Build from n > 0 non-negative weights (their sum > 0).  Returns 0 or -1
 * when memory runs out; free with cib_alias_free. */
int cib_alias_init(cib_alias *a, const double *w, size_t n);
void cib_alias_free(cib_alias *a);
uint32_t cib_alias_draw(const cib_alias *a, cib_rng *r);

#endif
