/*
 * test_audience.c — clusters' audiences, the publisher-network verdict
 * and the split that sets publisher networks apart (src/graph/audience.c).
 *
 * The world, by account index:
 *   0-2   three pages, 50,000 followers each          cluster 1
 *   3-5   three farm accounts, 100 followers each     cluster 2
 *   6-45  forty ordinary accounts, 100 followers each no cluster
 * Pages 0, 1, 2 post p0, p1, p2; farm account 3 posts f0.
 * Ordinary accounts 6..37 (32 of them) repost p0, 6 also reposts p1;
 * farm account 3 reposts p2; page 0 replies to its own p0.
 * Farm accounts 4 and 5 repost f0, and so do 6..37.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "graph/graph.h"

#define N_ACCOUNTS 46

static uint32_t S(cib_store *s, const char *v)
{
    return cib_strings_intern(s->strings, v, strlen(v));
}

static void add(cib_store *s, uint32_t a, cib_action act, const char *post,
                const char *object)
{
    cib_event_in in = {.account = a, .time = 1600000000 + (int64_t)s->events.n,
                       .action = act, .post = post ? S(s, post) : 0,
                       .object = object ? S(s, object) : 0};
    assert_int_equal(cib_store_append(s, &in), 0);
}

static cib_store *world(bool followers_known)
{
    cib_store *s = cib_store_new();
    assert_non_null(s);
    for (uint32_t k = 0; k < N_ACCOUNTS; k++) {
        char name[8];
        snprintf(name, sizeof name, "a%u", k);
        uint32_t idx;
        assert_int_equal(cib_store_account(s, S(s, name), &idx), 0);
        assert_int_equal(idx, k);
        s->accounts.followers[k] = !followers_known ? CIB_UNKNOWN_FOLLOWERS
                                   : k < 3          ? 50000
                                                    : 100;
    }
    add(s, 0, CIB_ACTION_POST, "p0", NULL);
    add(s, 1, CIB_ACTION_POST, "p1", NULL);
    add(s, 2, CIB_ACTION_POST, "p2", NULL);
    add(s, 3, CIB_ACTION_POST, "f0", NULL);
    for (uint32_t a = 6; a < 38; a++)
        add(s, a, CIB_ACTION_REPOST, NULL, "p0");
    add(s, 6, CIB_ACTION_REPOST, NULL, "p1");
    add(s, 3, CIB_ACTION_REPOST, NULL, "p2");
    add(s, 0, CIB_ACTION_REPLY, "r0", "p0");
    add(s, 4, CIB_ACTION_REPOST, NULL, "f0");
    add(s, 5, CIB_ACTION_REPOST, NULL, "f0");
    for (uint32_t a = 6; a < 38; a++)
        add(s, a, CIB_ACTION_REPOST, NULL, "f0");
    return s;
}

/* Clusters {0,1,2} (1) and {3,4,5} (2), the rest in none. */
static void two_clusters(cib_clustering *cl)
{
    memset(cl, 0, sizeof *cl);
    cl->n_accounts = N_ACCOUNTS;
    cl->cluster_of = calloc(N_ACCOUNTS, sizeof *cl->cluster_of);
    cl->clusters = calloc(2, sizeof *cl->clusters);
    assert_non_null(cl->cluster_of);
    assert_non_null(cl->clusters);
    cl->n_clusters = 2;
    for (uint32_t k = 0; k < 2; k++) {
        cl->clusters[k].accounts = malloc(3 * sizeof(uint32_t));
        assert_non_null(cl->clusters[k].accounts);
        cl->clusters[k].size = 3;
        for (uint32_t i = 0; i < 3; i++) {
            cl->clusters[k].accounts[i] = 3 * k + i;
            cl->cluster_of[3 * k + i] = k + 1;
        }
    }
}

static void test_publisher_and_farm(void **state)
{
    (void)state;
    cib_store *s = world(true);
    cib_clustering cl;
    two_clusters(&cl);
    cib_audience_set aud;
    cib_error err = {0};
    assert_int_equal(cib_graph_audience(&aud, &cl, s, &err), 0);
    /* 46 follower counts, 3 x 50,000 and 43 x 100: the median is 100 */
    assert_int_equal(aud.population_followers_median, 100);
    const cib_cluster_audience *pages = &aud.clusters[0];
    /* p0: 32 reposts from outside (the page's own reply is not
     * engagement); p1: 1 from outside; p2: 1 from cluster 2 */
    assert_int_equal(pages->engagement, 34);
    assert_int_equal(pages->from_outside, 33);
    assert_int_equal(pages->from_clusters, 1);
    assert_int_equal(pages->from_members, 0);
    /* account 6 engaged twice, counted once: 32 distinct */
    assert_int_equal(pages->outside_engagers, 32);
    assert_int_equal(pages->followers_median, 50000);
    /* 32 >= 10 x 3, 1/34 <= 0.10, 50,000 >= 10 x 100 */
    assert_true(pages->publisher);

    const cib_cluster_audience *farm = &aud.clusters[1];
    assert_int_equal(farm->engagement, 34);
    assert_int_equal(farm->from_members, 2);
    assert_int_equal(farm->from_outside, 32);
    assert_int_equal(farm->outside_engagers, 32);
    assert_int_equal(farm->followers_median, 100);
    /* engaged enough (2/34 = 0.059 from members), but 100 followers is
     * no more than anyone's: not a publisher */
    assert_false(farm->publisher);
    assert_int_equal(aud.engagement_events, 68);
    cib_audience_set_free(&aud);
    cib_clustering_free(&cl);
    cib_store_free(s);
}

static void test_unknown_followers_and_share(void **state)
{
    (void)state;
    cib_store *s = world(false);
    cib_clustering cl;
    two_clusters(&cl);
    cib_audience_set aud;
    cib_error err = {0};
    assert_int_equal(cib_graph_audience(&aud, &cl, s, &err), 0);
    assert_int_equal(aud.population_followers_median, -1);
    assert_int_equal(aud.clusters[1].followers_known, 0);
    /* without follower counts engagement alone decides: both qualify */
    assert_true(aud.clusters[0].publisher);
    assert_true(aud.clusters[1].publisher);
    cib_audience_set_free(&aud);

    /* three reposts of f0 by the pages (another cluster: 3/37 does not
     * count against self-amplification) leave the farm a publisher */
    for (uint32_t a = 0; a < 3; a++)
        add(s, a, CIB_ACTION_REPOST, NULL, "f0");
    assert_int_equal(cib_graph_audience(&aud, &cl, s, &err), 0);
    assert_int_equal(aud.clusters[1].engagement, 37);
    assert_int_equal(aud.clusters[1].from_clusters, 3);
    assert_true(aud.clusters[1].publisher);
    cib_audience_set_free(&aud);
    /* replies by farm accounts 4 and 5 make its self-amplification
     * 4/39 = 0.103 > 0.10 */
    add(s, 4, CIB_ACTION_REPLY, "r1", "f0");
    add(s, 5, CIB_ACTION_REPLY, "r2", "f0");
    assert_int_equal(cib_graph_audience(&aud, &cl, s, &err), 0);
    assert_int_equal(aud.clusters[1].engagement, 39);
    assert_int_equal(aud.clusters[1].from_members, 4);
    assert_false(aud.clusters[1].publisher);
    cib_audience_set_free(&aud);
    /* 40 more reposts of f0 by the pages: 32 of 79 from no cluster is
     * less than half, and self-amplification 4/79 alone would pass */
    for (uint32_t i = 0; i < 40; i++)
        add(s, i % 3, CIB_ACTION_REPOST, NULL, "f0");
    assert_int_equal(cib_graph_audience(&aud, &cl, s, &err), 0);
    assert_int_equal(aud.clusters[1].engagement, 79);
    assert_int_equal(aud.clusters[1].from_outside, 32);
    assert_false(aud.clusters[1].publisher);
    cib_audience_set_free(&aud);
    cib_clustering_free(&cl);
    cib_store_free(s);
}

static void test_split(void **state)
{
    (void)state;
    cib_store *s = world(true);
    cib_clustering cl, apart;
    two_clusters(&cl);
    cib_audience_set aud, aud_apart;
    cib_error err = {0};
    assert_int_equal(cib_graph_audience(&aud, &cl, s, &err), 0);
    bool flag[2] = {aud.clusters[0].publisher, aud.clusters[1].publisher};
    assert_int_equal(cib_clustering_split(&cl, flag, &apart, &aud,
                                          &aud_apart, &err),
                     0);
    /* the farm is now cluster 1 of cl, the pages cluster 1 of apart */
    assert_int_equal(cl.n_clusters, 1);
    assert_int_equal(apart.n_clusters, 1);
    assert_int_equal(cl.clusters[0].accounts[0], 3);
    assert_int_equal(apart.clusters[0].accounts[0], 0);
    assert_int_equal(cl.cluster_of[0], 0);
    assert_int_equal(cl.cluster_of[4], 1);
    assert_int_equal(apart.cluster_of[2], 1);
    assert_int_equal(apart.cluster_of[4], 0);
    assert_int_equal(aud.n_clusters, 1);
    assert_int_equal(aud.clusters[0].from_members, 2);
    assert_int_equal(aud_apart.n_clusters, 1);
    assert_int_equal(aud_apart.clusters[0].outside_engagers, 32);
    assert_int_equal(aud_apart.population_followers_median, 100);
    cib_audience_set_free(&aud);
    cib_audience_set_free(&aud_apart);
    cib_clustering_free(&cl);
    cib_clustering_free(&apart);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_publisher_and_farm),
        cmocka_unit_test(test_unknown_followers_and_share),
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
