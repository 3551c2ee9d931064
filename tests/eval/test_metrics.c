/*
 * test_metrics.c — ARI, NMI and F1 on cases computed by hand, and the
 * scoring of truth and accounts files (unclustered planted accounts,
 * false positives by kind).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

/* Write text to a fresh temporary file; returns its path (free it). */
static char *temp_file(const char *text)
{
    char *path = strdup("/tmp/cib_eval_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

/* Scoring files end to end, with planted accounts left unclustered.
 *
 * Truth: a1..a4 in N1, b1..b3 in N2, o1..o3 organic (kind organic, news,
 * organic).  Detected: a1 a2 a3 b3 in C1, b1 b2 o1 in C2, x1 (not in the
 * truth) in C3; a4, o2, o3 in no cluster.
 *
 * Label: TP = a1 a2 a3 b1 b2 b3 = 6, FP = o1 = 1, FN = a4 = 1, TN = o2
 * o3 = 2; P = R = F1 = 6/7.  One clustered account is unknown (x1).
 *
 * Partition over the 7 planted accounts; a4, unclustered, is a column of
 * its own (S):
 *          C1 C2 S
 *     N1 [  3  0 1 ]
 *     N2 [  1  2 0 ]
 * sum C(n_ij,2) = 3 + 1 = 4; rows 4,3 -> 6 + 3 = 9; columns 4,2,1 ->
 * 6 + 1 + 0 = 7; C(7,2) = 21; expected 9 * 7 / 21 = 3; max (9+7)/2 = 8;
 * ARI = (4 - 3) / (8 - 3) = 0.2.
 * NMI (natural logs): H(U) = -(4/7 ln 4/7 + 3/7 ln 3/7); H(V) = -(4/7 ln
 * 4/7 + 2/7 ln 2/7 + 1/7 ln 1/7); I = 3/7 ln(21/16) + 1/7 ln(7/4) +
 * 1/7 ln(7/12) + 2/7 ln(7/3).
 * Best clusters: N1 -> C1 (3 of its 4; C1 holds 4 truth accounts: a1 a2
 * a3 b3), found 3 in 1 cluster; N2 -> C2 (2; C2 holds b1 b2 o1 = 3),
 * found 3 in 2 clusters.  False positives by kind: news 1 (o1). */
static void files_with_unclustered(void **state)
{
    (void)state;
    char *truth = temp_file("account_id,network_id,kind,operator\n"
                            "a1,N1,farm,\na2,N1,farm,\na3,N1,farm,\n"
                            "a4,N1,farm,\nb1,N2,farm,\nb2,N2,farm,\n"
                            "b3,N2,farm,\no1,,news,\no2,,organic,\n"
                            "o3,,organic,\n");
    char *accounts = temp_file("account_id,cluster_id,events\n"
                               "a1,C1,5\na2,C1,5\na3,C1,5\nb3,C1,5\n"
                               "b1,C2,5\nb2,C2,5\no1,C2,5\nx1,C3,5\n"
                               "a4,,5\no2,,5\n");
    cib_eval_result r;
    cib_error err = {0};
    assert_int_equal(cib_eval_files(&r, truth, accounts, &err), 0);
    assert_int_equal(r.accounts, 10);
    assert_int_equal(r.true_pos, 6);
    assert_int_equal(r.false_pos, 1);
    assert_int_equal(r.false_neg, 1);
    assert_int_equal(r.true_neg, 2);
    assert_int_equal(r.unknown_accounts, 1);
    assert_true(fabs(r.precision - 6.0 / 7) < 1e-12);
    assert_true(fabs(r.recall - 6.0 / 7) < 1e-12);
    assert_true(fabs(r.f1 - 6.0 / 7) < 1e-12);
    assert_true(fabs(r.ari - 0.2) < 1e-12);
    double hu = -(4.0 / 7 * log(4.0 / 7) + 3.0 / 7 * log(3.0 / 7));
    double hv = -(4.0 / 7 * log(4.0 / 7) + 2.0 / 7 * log(2.0 / 7) +
                  1.0 / 7 * log(1.0 / 7));
    double mi = 3.0 / 7 * log(21.0 / 16) + 1.0 / 7 * log(7.0 / 4) +
                1.0 / 7 * log(7.0 / 12) + 2.0 / 7 * log(7.0 / 3);
    assert_true(fabs(r.nmi - mi / ((hu + hv) / 2)) < 1e-12);
    assert_int_equal(r.n_networks, 2);
    assert_string_equal(r.networks[0].network, "N1");
    assert_int_equal(r.networks[0].size, 4);
    assert_string_equal(r.networks[0].best_cluster, "C1");
    assert_int_equal(r.networks[0].best_overlap, 3);
    assert_int_equal(r.networks[0].best_size, 4);
    assert_int_equal(r.networks[0].found, 3);
    assert_int_equal(r.networks[0].clusters, 1);
    assert_string_equal(r.networks[1].best_cluster, "C2");
    assert_int_equal(r.networks[1].best_overlap, 2);
    assert_int_equal(r.networks[1].best_size, 3);
    assert_int_equal(r.networks[1].found, 3);
    assert_int_equal(r.networks[1].clusters, 2);
    assert_int_equal(r.n_fp_kinds, 1);
    assert_string_equal(r.fp_kinds[0].kind, "news");
    assert_int_equal(r.fp_kinds[0].false_pos, 1);
    cib_eval_result_free(&r);
    unlink(truth);
    unlink(accounts);
    free(truth);
    free(accounts);
}

/* A truth file with only CONTRACT.md's two columns scores the same, with
 * no kinds; a network whose accounts are all unclustered has no best
 * cluster, and every one of them is a singleton column: truth N1 = {a, b},
 * nothing clustered -> table [[1, 1]]: sum C(n_ij,2) = 0, rows C(2,2) = 1,
 * columns 0, C(2,2) = 1, expected 1 * 0 / 1 = 0, max 0.5, ARI = 0; and
 * recall 0, precision 0 (nothing predicted). */
static void two_column_truth_nothing_found(void **state)
{
    (void)state;
    char *truth = temp_file("account_id,network_id\na,N1\nb,N1\nc,\n");
    char *accounts = temp_file("account_id,cluster_id\na,\nb,\nc,\n");
    cib_eval_result r;
    cib_error err = {0};
    assert_int_equal(cib_eval_files(&r, truth, accounts, &err), 0);
    assert_int_equal(r.false_neg, 2);
    assert_true(r.recall == 0 && r.precision == 0);
    assert_true(fabs(r.ari) < 1e-12);
    assert_int_equal(r.n_networks, 1);
    assert_string_equal(r.networks[0].best_cluster, "");
    assert_int_equal(r.networks[0].found, 0);
    assert_int_equal(r.n_fp_kinds, 0);
    cib_eval_result_free(&r);
    /* a truth file without network_id is bad input naming the column */
    char *bad = temp_file("account_id,kind\na,farm\n");
    assert_int_equal(cib_eval_files(&r, bad, accounts, &err), CIB_EINPUT);
    assert_non_null(strstr(err.message, "network_id"));
    unlink(truth);
    unlink(accounts);
    unlink(bad);
    free(truth);
    free(accounts);
    free(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ari_of_known_table),
        cmocka_unit_test(ari_identical_is_one),
        cmocka_unit_test(independent_partitions),
        cmocka_unit_test(nmi_of_known_table),
        cmocka_unit_test(prf_known_counts),
        cmocka_unit_test(files_with_unclustered),
        cmocka_unit_test(two_column_truth_nothing_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
