/*
 * null.c — the null model of independent accounts and its tail
 * probability (derivation: docs/coordination.md, "Significance").
 *
 * Under the null, account b's d_b actions on a trace are d_b draws from
 * all M actions of the trace, independent of account a.  One draw falls
 * within the window of one of a's actions on the same key with
 * probability c_a / M, where c_a counts the actions of others within the
 * windows of a's actions; so the expected number of b's actions that meet
 * a is d_b c_a / M, an upper bound on the expected number of distinct
 * keys they co-act on.  Conditioning on b instead gives d_a c_b / M.
 * Under the null both accounts are such draws, so both conditional tails
 * are valid p-values; the pair's p-value is twice the smaller one
 * (Bonferroni over the two), which beats the larger tail whenever the
 * two accounts differ much (a busy account and a quiet one).
 *
 * The count of co-acted keys is a sum of independent Bernoulli variables
 * (one per key) whose means add up to at most lambda; its upper tail at
 * and above lambda + 1 is below the Poisson(lambda) tail (Hoeffding 1956,
 * "On the distribution of the number of successes in independent
 * trials"; Anderson & Samuels 1967, "Some inequalities among binomial
 * and Poisson probabilities"), so P(Poisson(lambda) >= k) is a
 * conservative p-value.
 *
 * Relies on libm (lgamma_r, log1p, expm1).
 */
#include "internal.h"

#include <math.h>

double cib_null_lambda(uint64_t d_b, uint64_t c_a, uint64_t m)
{
    return m ? (double)d_b * (double)c_a / (double)m : 0.0;
}

static double log_factorial(uint32_t k)
{
    int sign;
    return lgamma_r((double)k + 1.0, &sign);
}

double cib_poisson_log_sf(uint32_t k, double lambda)
{
    if (k == 0)
        return 0.0;
    if (!(lambda > 0))
        return -INFINITY;
    if (k == 1)
        return log(-expm1(-lambda)); /* P(X >= 1) = 1 - e^-lambda */
    if (lambda < (double)k) {
        /* P(X >= k) = e^-l l^k / k! * sum_{n>=0} l^n k! / (k+n)!: the
         * terms fall by l / (k+n) < 1 each step. */
        double term = 1.0, sum = 1.0;
        for (uint32_t n = 1; n < 1000000; n++) {
            term *= lambda / ((double)k + n);
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        return (double)k * log(lambda) - lambda - log_factorial(k) +
               log(sum);
    }
    /* lambda >= k >= 2: the tail P(X >= k) >= P(X >= lambda) is about
     * one half or more, so 1 - the lower sum loses nothing to
     * cancellation.  log P(X = j) = log P(X = j-1) + log(lambda / j). */
    double lower = 0.0, log_l = log(lambda), log_pmf = -lambda;
    for (uint32_t j = 0; j < k; j++) {
        if (j > 0)
            log_pmf += log_l - log((double)j);
        lower += exp(log_pmf);
    }
    return log1p(-lower);
}

double coord_log_p(uint32_t x, double l1, double l2)
{
    double lp = M_LN2 + cib_poisson_log_sf(x, l1 < l2 ? l1 : l2);
    return lp < 0.0 ? lp : 0.0;
}

double cib_null_log_p(uint32_t x, uint64_t d_a, uint64_t c_a, uint64_t d_b,
                      uint64_t c_b, uint64_t m)
{
    return coord_log_p(x, cib_null_lambda(d_b, c_a, m),
                       cib_null_lambda(d_a, c_b, m));
}
