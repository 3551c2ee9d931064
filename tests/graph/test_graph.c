/*
 * test_graph.c — Leiden clusters of the fused graph (src/graph/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph/graph.h"

/* Pairs of every two accounts of `members` (ascending), weight w. */
static size_t clique(cib_pair *out, const uint32_t *members, size_t k,
                     uint32_t w)
{
    size_t n = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            memset(&out[n], 0, sizeof out[n]);
            out[n].a = members[i];
            out[n].b = members[j];
            out[n].weight[CIB_TRACE_URL] = w;
            out[n].total = w;
            n++;
        }
    return n;
}

static int by_ab(const void *x, const void *y)
{
    const cib_pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* Two disjoint 4-cliques, {5,6,7,8} and {1,2,3,4}, and the pair {10,11},
 * every edge weight 2, over 12 accounts (0 and 9 in no pair). */
static cib_coord_result two_cliques_and_a_pair(cib_pair *buf)
{
    static const uint32_t A[] = {5, 6, 7, 8}, B[] = {1, 2, 3, 4},
                          P[] = {10, 11};
    size_t n = clique(buf, A, 4, 2);
    n += clique(buf + n, B, 4, 2);
    n += clique(buf + n, P, 2, 2);
    qsort(buf, n, sizeof *buf, by_ab); /* coord's order: by (a, b) */
    cib_coord_result r = {.pairs = buf, .n_pairs = n};
    return r;
}

/* Leiden finds the two cliques and the pair; min_cluster 3 drops the
 * pair.  Equal sizes: the cluster holding account 1 comes first.
 * Modularity of {cliques, pair}: m = 13 edges * 2 = 26; each clique has
 * internal weight 12 and degree sum 24, the pair 2 and 4:
 *   Q = 2 (12/26 - (24/52)^2) + (2/26 - (4/52)^2) = 84/169 + 12/169
 *     = 96/169. */
static void test_two_cliques(void **state)
{
    (void)state;
    cib_pair buf[16];
    cib_coord_result r = two_cliques_and_a_pair(buf);
    cib_graph_options opt;
    cib_graph_options_init(&opt);
    assert_int_equal(opt.min_cluster, 3);
    cib_clustering c;
    cib_error err;
    assert_int_equal(cib_graph_cluster(&c, &r, 12, &opt, &err), 0);
    assert_int_equal(c.n_clusters, 2);
    assert_int_equal(c.n_accounts, 12);
    static const uint32_t c1[] = {1, 2, 3, 4}, c2[] = {5, 6, 7, 8};
    assert_int_equal(c.clusters[0].size, 4);
    assert_memory_equal(c.clusters[0].accounts, c1, sizeof c1);
    assert_int_equal(c.clusters[1].size, 4);
    assert_memory_equal(c.clusters[1].accounts, c2, sizeof c2);
    static const uint32_t of[12] = {0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0};
    assert_memory_equal(c.cluster_of, of, sizeof of);
    assert_true(fabs(c.modularity - 96.0 / 169.0) < 1e-9);
    cib_clustering_free(&c);

    /* min_cluster 2 keeps the pair as C3 */
    opt.min_cluster = 2;
    assert_int_equal(cib_graph_cluster(&c, &r, 12, &opt, &err), 0);
    assert_int_equal(c.n_clusters, 3);
    assert_int_equal(c.clusters[2].size, 2);
    assert_int_equal(c.cluster_of[11], 3);
    cib_clustering_free(&c);
}

/* Same seed, same clusters, call after call; other seeds find the same
 * obvious structure. */
static void test_repeatable(void **state)
{
    (void)state;
    cib_pair buf[16];
    cib_coord_result r = two_cliques_and_a_pair(buf);
    cib_graph_options opt;
    cib_graph_options_init(&opt);
    cib_clustering c0, c;
    cib_error err;
    opt.seed = 42;
    assert_int_equal(cib_graph_cluster(&c0, &r, 12, &opt, &err), 0);
    for (uint64_t seed = 41; seed <= 45; seed++) {
        opt.seed = seed;
        assert_int_equal(cib_graph_cluster(&c, &r, 12, &opt, &err), 0);
        assert_int_equal(c.n_clusters, c0.n_clusters);
        assert_memory_equal(c.cluster_of, c0.cluster_of,
                            12 * sizeof *c.cluster_of);
        assert_true(c.modularity == c0.modularity);
        cib_clustering_free(&c);
    }
    cib_clustering_free(&c0);
}

/* A 5-clique of high account numbers and a 3-clique of low ones joined
 * by nothing: the larger is C1 whatever its account numbers. */
static void test_largest_first(void **state)
{
    (void)state;
    cib_pair buf[16];
    static const uint32_t big[] = {10, 11, 12, 13, 14}, small[] = {0, 1, 2};
    size_t n = clique(buf, small, 3, 1);
    n += clique(buf + n, big, 5, 1);
    cib_coord_result r = {.pairs = buf, .n_pairs = n};
    cib_graph_options opt;
    cib_graph_options_init(&opt);
    cib_clustering c;
    cib_error err;
    assert_int_equal(cib_graph_cluster(&c, &r, 15, &opt, &err), 0);
    assert_int_equal(c.n_clusters, 2);
    assert_int_equal(c.clusters[0].size, 5);
    assert_int_equal(c.clusters[0].accounts[0], 10);
    assert_int_equal(c.clusters[1].size, 3);
    assert_int_equal(c.cluster_of[0], 2);
    cib_clustering_free(&c);
}

static void test_no_pairs_and_bad_pair(void **state)
{
    (void)state;
    cib_coord_result r = {0};
    cib_graph_options opt;
    cib_graph_options_init(&opt);
    cib_clustering c;
    cib_error err;
    assert_int_equal(cib_graph_cluster(&c, &r, 5, &opt, &err), 0);
    assert_int_equal(c.n_clusters, 0);
    assert_true(isnan(c.modularity));
    assert_int_equal(c.cluster_of[4], 0);
    cib_clustering_free(&c);
    /* a pair naming an account beyond n_accounts is refused */
    cib_pair p = {.a = 1, .b = 7, .total = 1};
    r.pairs = &p;
    r.n_pairs = 1;
    assert_int_equal(cib_graph_cluster(&c, &r, 5, &opt, &err), CIB_EUSAGE);
    cib_clustering_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_cliques),
        cmocka_unit_test(test_repeatable),
        cmocka_unit_test(test_largest_first),
        cmocka_unit_test(test_no_pairs_and_bad_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
