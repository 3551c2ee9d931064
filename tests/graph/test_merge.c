/*
 * test_merge.c — joining Leiden communities that are one group
 * (src/graph/merge.c).
 *
 * Community 0 = vertices 0, 1, 2 (edges 0-1, 0-2, 1-2 of weight 10: 30
 * over 3 possible pairs, 10 per pair); community 1 = vertices 3, 4 (edge
 * 3-4 of weight 8: 8 per pair); between them edges 0-3, 1-4, 2-3 of
 * weight x, 3x over 3 x 2 = 6 possible pairs, x/2 per pair.  With ratio
 * 0.5 they merge when x/2 >= 0.5 x min(10, 8) = 4, i.e. x >= 8.
 * Vertex 5 is a community of its own, joined to 0 by an edge of weight
 * 100: a single vertex has no inside to compare with and stays alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "graph/internal.h"

static void run(double x, igraph_integer_t *memb)
{
    const igraph_integer_t edges[] = {0, 1, 0, 2, 1, 2, 3, 4,
                                      0, 3, 1, 4, 2, 3, 0, 5};
    const double w[] = {10, 10, 10, 8, x, x, x, 100};
    const igraph_integer_t start[6] = {0, 0, 0, 1, 1, 2};
    for (int v = 0; v < 6; v++)
        memb[v] = start[v];
    assert_int_equal(graph_merge_dense(memb, 6, edges, w, 8, 0.5), 0);
}

static void merges_at_half_the_weaker_density(void **state)
{
    (void)state;
    igraph_integer_t m[6];
    run(7.9, m); /* 3.95 per pair < 4: two groups */
    assert_int_equal(m[3], 1);
    assert_int_equal(m[4], 1);
    assert_int_equal(m[0], 0);
    run(8.0, m); /* 4 per pair: one group, under the smaller label */
    for (int v = 0; v < 5; v++)
        assert_int_equal(m[v], 0);
    assert_int_equal(m[5], 2); /* the single vertex stays alone */
}

static void nothing_to_merge(void **state)
{
    (void)state;
    igraph_integer_t m[2] = {0, 0};
    const igraph_integer_t edges[] = {0, 1};
    const double w[] = {3};
    assert_int_equal(graph_merge_dense(m, 2, edges, w, 1, 0.5), 0);
    assert_int_equal(m[0], 0);
    assert_int_equal(m[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merges_at_half_the_weaker_density),
        cmocka_unit_test(nothing_to_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
