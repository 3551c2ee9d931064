/*
 * test_metrics.c — ARI, NMI and F1 on cases computed by hand.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "eval/eval.h"

/* Hubert & Arabie's ARI on the table
 *        v1 v2
 *   u1 [  2  1 ]
 *   u2 [  0  3 ]
 * n = 6.  sum C(n_ij,2) = 1 + 0 + 0 + 3 = 4; rows 3,3 -> 3 + 3 = 6;
 * cols 2,4 -> 1 + 6 = 7; C(6,2) = 15; expected = 6*7/15 = 2.8;
 * max = (6+7)/2 = 6.5; ARI = (4 - 2.8) / (6.5 - 2.8) = 1.2/3.7. */
static void ari_of_known_table(void **state)
{
    (void)state;
    const uint64_t cells[] = {2, 1, 0, 3};
    cib_contingency t = {cells, 2, 2};
    assert_true(fabs(cib_eval_ari(&t) - 1.2 / 3.7) < 1e-12);
}

/* Identical partitions (a diagonal table) agree perfectly. */
static void ari_identical_is_one(void **state)
{
    (void)state;
    const uint64_t cells[] = {3, 0, 0, 0, 4, 0, 0, 0, 5};
    cib_contingency t = {cells, 3, 3};
    assert_true(fabs(cib_eval_ari(&t) - 1.0) < 1e-12);
    assert_true(fabs(cib_eval_nmi(&t) - 1.0) < 1e-12);
}

/* Independent partitions: rows split 2/2 and every row split evenly over
 * the two columns; mutual information is 0, so NMI is 0; ARI:
 * cells 1,1,1,1 -> 0; rows 2,2 -> 2; cols 2,2 -> 2; C(4,2)=6;
 * expected = 4/6; max = 2; ARI = (0 - 2/3)/(2 - 2/3) = -0.5. */
static void independent_partitions(void **state)
{
    (void)state;
    const uint64_t cells[] = {1, 1, 1, 1};
    cib_contingency t = {cells, 2, 2};
    assert_true(fabs(cib_eval_nmi(&t)) < 1e-12);
    assert_true(fabs(cib_eval_ari(&t) + 0.5) < 1e-12);
}

/* NMI of the 2x2 table [[2,1],[0,3]] by hand (natural logs):
 * H(U) = ln 2 (rows 3,3); H(V) = -(1/3 ln 1/3 + 2/3 ln 2/3);
 * I = 2/6 ln(2*6/(3*2)) + 1/6 ln(1*6/(3*4)) + 3/6 ln(3*6/(3*4))
 *   = 1/3 ln 2 + 1/6 ln 0.5 + 1/2 ln 1.5. */
static void nmi_of_known_table(void **state)
{
    (void)state;
    const uint64_t cells[] = {2, 1, 0, 3};
    cib_contingency t = {cells, 2, 2};
    double hu = log(2.0);
    double hv = -(1.0 / 3 * log(1.0 / 3) + 2.0 / 3 * log(2.0 / 3));
    double mi = log(2.0) / 3 + log(0.5) / 6 + log(1.5) / 2;
    assert_true(fabs(cib_eval_nmi(&t) - mi / ((hu + hv) / 2)) < 1e-12);
}

/* 8 true positives, 2 false positives, 4 false negatives:
 * P = 0.8, R = 8/12, F1 = 2PR/(P+R) = 16/22. */
static void prf_known_counts(void **state)
{
    (void)state;
    double p, r, f;
    cib_eval_prf(8, 2, 4, &p, &r, &f);
    assert_true(fabs(p - 0.8) < 1e-12);
    assert_true(fabs(r - 8.0 / 12) < 1e-12);
    assert_true(fabs(f - 16.0 / 22) < 1e-12);
    cib_eval_prf(0, 0, 0, &p, &r, &f);
    assert_true(p == 0 && r == 0 && f == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ari_of_known_table),
        cmocka_unit_test(ari_identical_is_one),
        cmocka_unit_test(independent_partitions),
        cmocka_unit_test(nmi_of_known_table),
        cmocka_unit_test(prf_known_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
