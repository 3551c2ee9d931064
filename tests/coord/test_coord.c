/*
 * test_coord.c — the co-action rule on hand-built stores (src/coord/).
 * Every figure below is worked out by hand in the comment above it from
 * the rule of coord.h: distinct accounts co-act on key k when both act on
 * k with |t1 - t2| <= W; a pair's weight is the number of distinct keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "coord/coord.h"

typedef struct ev {
    const char *account;
    int64_t time;
    const char *url, *object, *network, *text, *tag1, *tag2;
} ev;

static uint32_t S(cib_store *s, const char *str)
{
    return str ? cib_strings_intern(s->strings, str, strlen(str)) : 0;
}

/* Accounts are created in the order "A0", "A1", ... are first named, so
 * account "Ak" gets index k when the test names them in order first. */
static cib_store *make_store(const ev *evs, size_t n)
{
    cib_store *s = cib_store_new();
    assert_non_null(s);
    for (int k = 0; k < 8; k++) {
        char name[4] = {'A', (char)('0' + k), 0, 0};
        uint32_t idx;
        assert_int_equal(cib_store_account(s, S(s, name), &idx), 0);
        assert_int_equal(idx, k);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t acct, url = S(s, evs[i].url);
        uint32_t tags[2] = {S(s, evs[i].tag1), S(s, evs[i].tag2)};
        assert_int_equal(cib_store_account(s, S(s, evs[i].account), &acct), 0);
        cib_event_in in = {.account = acct, .time = evs[i].time,
                           .action = CIB_ACTION_SHARE,
                           .object = S(s, evs[i].object),
                           .network = S(s, evs[i].network),
                           .text = S(s, evs[i].text),
                           .urls = &url, .n_urls = url ? 1 : 0,
                           .tags = tags,
                           .n_tags = evs[i].tag2 ? 2 : evs[i].tag1 ? 1 : 0};
        assert_int_equal(cib_store_append(s, &in), 0);
    }
    return s;
}

/* Run the traces listed (others off) and return the result. */
static void run(cib_coord_result *r, const cib_store *s, int64_t w,
                uint32_t min_repeat, uint32_t max_window, cib_trace only)
{
    cib_norm norm = {0};
    cib_error err;
    assert_int_equal(cib_norm_build(&norm, (cib_store *)s, &err), 0);
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    opt.significance = false; /* the plain count rule (test: test_null.c) */
    opt.window_s = w;
    opt.min_repeat = min_repeat;
    opt.max_window_accounts = max_window;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        opt.traces[t] = (cib_trace)t == only;
    assert_int_equal(cib_coord_run(r, s, &norm, &opt, &err), 0);
    cib_norm_free(&norm);
}

static void assert_pair(const cib_pair *p, uint32_t a, uint32_t b,
                        cib_trace t, uint32_t w)
{
    assert_int_equal(p->a, a);
    assert_int_equal(p->b, b);
    assert_int_equal(p->weight[t], w);
    assert_int_equal(p->total, w);
}

/* Four accounts, four URLs, W = 60 (events deliberately not in time
 * order):
 *   u1: A0@0 A1@30 A2@100 A3@160   -> {0,1} (30 s), {2,3} (60 s == W
 *       counts); 0-2 is 100 s, 1-2 is 70 s: no
 *   u2: A0@1000 A2@1010 A0@1020 A1@1061 -> {0,2} (10 s, and again 10 s
 *       later: one key counts once), {1,2} (51 s), {0,1} (41 s); A1-A0@1000
 *       is 61 s: no; A0-A0 is the same account: no
 *   u3: A0@5000 A1@5060 A3@5121    -> {0,1} (60 s); A1-A3 is 61 = W+1: no
 *   u4: A3@7000 A3@7010            -> nothing (one account)
 * Weights: {0,1} = 3 (u1,u2,u3), {0,2} = 1, {1,2} = 1, {2,3} = 1. */
static const ev FOUR[] = {
    {"A3", 160, "http://u1", 0, 0, 0, 0, 0},
    {"A0", 0, "http://u1", 0, 0, 0, 0, 0},
    {"A2", 100, "http://u1", 0, 0, 0, 0, 0},
    {"A1", 30, "http://u1", 0, 0, 0, 0, 0},
    {"A1", 1061, "http://u2", 0, 0, 0, 0, 0},
    {"A0", 1000, "http://u2", 0, 0, 0, 0, 0},
    {"A0", 1020, "http://u2", 0, 0, 0, 0, 0},
    {"A2", 1010, "http://u2", 0, 0, 0, 0, 0},
    {"A0", 5000, "http://u3", 0, 0, 0, 0, 0},
    {"A3", 5121, "http://u3", 0, 0, 0, 0, 0},
    {"A1", 5060, "http://u3", 0, 0, 0, 0, 0},
    {"A3", 7000, "http://u4", 0, 0, 0, 0, 0},
    {"A3", 7010, "http://u4", 0, 0, 0, 0, 0},
};

static void test_window_pairs_and_weights(void **state)
{
    (void)state;
    cib_store *s = make_store(FOUR, sizeof FOUR / sizeof FOUR[0]);
    cib_coord_result r;
    run(&r, s, 60, 1, 2000, CIB_TRACE_URL);
    assert_int_equal(r.n_pairs, 4);
    assert_pair(&r.pairs[0], 0, 1, CIB_TRACE_URL, 3);
    assert_pair(&r.pairs[1], 0, 2, CIB_TRACE_URL, 1);
    assert_pair(&r.pairs[2], 1, 2, CIB_TRACE_URL, 1);
    assert_pair(&r.pairs[3], 2, 3, CIB_TRACE_URL, 1);
    const cib_trace_stats *st = &r.trace[CIB_TRACE_URL];
    assert_true(st->ran);
    assert_int_equal(st->events, 13);
    assert_int_equal(st->keys, 4);
    assert_int_equal(st->co_keys, 3); /* u4 has one account only */
    assert_int_equal(st->pairs, 4);
    assert_int_equal(st->saturated_keys, 0);
    assert_false(r.trace[CIB_TRACE_OBJECT].ran); /* not enabled */
    cib_coord_result_free(&r);
    cib_store_free(s);
}

/* min_repeat 2 keeps only {0,1} (weight 3); with W = 59 the two pairs
 * that met at exactly 60 s ({2,3} on u1, {0,1} on u3) are gone, so {0,1}
 * has weight 2 (u1, u2) and is still kept. */
static void test_min_repeat_and_window_edge(void **state)
{
    (void)state;
    cib_store *s = make_store(FOUR, sizeof FOUR / sizeof FOUR[0]);
    cib_coord_result r;
    run(&r, s, 60, 2, 2000, CIB_TRACE_URL);
    assert_int_equal(r.n_pairs, 1);
    assert_pair(&r.pairs[0], 0, 1, CIB_TRACE_URL, 3);
    assert_int_equal(r.trace[CIB_TRACE_URL].pairs, 1);
    cib_coord_result_free(&r);
    run(&r, s, 59, 1, 2000, CIB_TRACE_URL);
    assert_int_equal(r.n_pairs, 3);
    assert_pair(&r.pairs[0], 0, 1, CIB_TRACE_URL, 2);
    assert_pair(&r.pairs[1], 0, 2, CIB_TRACE_URL, 1);
    assert_pair(&r.pairs[2], 1, 2, CIB_TRACE_URL, 1);
    cib_coord_result_free(&r);
    cib_store_free(s);
}

/* Bound 4 events per window, W = 60:
 *   k1: A0..A4 all at t=0            -> 5 in one window: saturated
 *   k2: A0..A3 at t=1000             -> 4 in one window: 6 pairs
 *   k3: A0@2000 A1@2050 A2@2100 A3@2150 A4@2200 A5@2250: 6 events but
 *       each window holds 2 -> not saturated; 5 consecutive pairs
 * Pairs (min_repeat 1): k2 gives all of {0..3}; k3 gives {0,1} {1,2}
 * {2,3} {3,4} {4,5}.  So {0,1},{1,2},{2,3} weigh 2, {0,2},{0,3},{1,3}
 * weigh 1, {3,4},{4,5} weigh 1: 8 pairs. */
static void test_saturation_bound(void **state)
{
    (void)state;
    ev evs[15];
    size_t n = 0;
    static const char *const A[] = {"A0", "A1", "A2", "A3", "A4", "A5"};
    for (int k = 0; k < 5; k++)
        evs[n++] = (ev){A[k], 0, 0, "k1", 0, 0, 0, 0};
    for (int k = 0; k < 4; k++)
        evs[n++] = (ev){A[k], 1000, 0, "k2", 0, 0, 0, 0};
    for (int k = 0; k < 6; k++)
        evs[n++] = (ev){A[k], 2000 + 50 * k, 0, "k3", 0, 0, 0, 0};
    cib_store *s = make_store(evs, n);
    cib_coord_result r;
    run(&r, s, 60, 1, 4, CIB_TRACE_OBJECT);
    const cib_trace_stats *st = &r.trace[CIB_TRACE_OBJECT];
    assert_int_equal(st->saturated_keys, 1);
    assert_int_equal(st->keys, 3);
    assert_int_equal(st->co_keys, 2);
    assert_int_equal(r.n_pairs, 8);
    static const uint32_t want[8][3] = {{0, 1, 2}, {0, 2, 1}, {0, 3, 1},
                                        {1, 2, 2}, {1, 3, 1}, {2, 3, 2},
                                        {3, 4, 1}, {4, 5, 1}};
    for (int i = 0; i < 8; i++)
        assert_pair(&r.pairs[i], want[i][0], want[i][1], CIB_TRACE_OBJECT,
                    want[i][2]);
    cib_coord_result_free(&r);
    /* with bound 5, k1 counts too: {0,1} gains one, and pairs with A4
     * from k1 appear: {0,4} {1,4} {2,4} weigh 1, {3,4} weighs 2 */
    run(&r, s, 60, 2, 5, CIB_TRACE_OBJECT);
    assert_int_equal(r.trace[CIB_TRACE_OBJECT].saturated_keys, 0);
    /* weight >= 2 now: {0,1}=3 {0,2}=2 {0,3}=2 {1,2}=3 {1,3}=2 {2,3}=3
     * {3,4}=2 */
    assert_int_equal(r.n_pairs, 7);
    cib_coord_result_free(&r);
    cib_store_free(s);
}

/* Network is untimed: times do not matter, sharing does.
 *   n1: A0@0, A1@1,000,000, A0@5    -> {0,1}
 *   n2: A0, A1, A2                  -> {0,1} {0,2} {1,2}
 *   n3: A3 ten times, A4            -> {3,4}: 2 distinct accounts, not
 *       saturated under bound 3 however many events
 *   n4: A0 A1 A2 A3                 -> 4 distinct > 3: saturated
 * min_repeat 2 keeps {0,1} (n1, n2) only. */
static void test_untimed_network(void **state)
{
    (void)state;
    ev evs[32];
    size_t n = 0;
    evs[n++] = (ev){"A0", 0, 0, 0, "n1", 0, 0, 0};
    evs[n++] = (ev){"A1", 1000000, 0, 0, "n1", 0, 0, 0};
    evs[n++] = (ev){"A0", 5, 0, 0, "n1", 0, 0, 0};
    evs[n++] = (ev){"A0", 10, 0, 0, "n2", 0, 0, 0};
    evs[n++] = (ev){"A1", 99999, 0, 0, "n2", 0, 0, 0};
    evs[n++] = (ev){"A2", 7, 0, 0, "n2", 0, 0, 0};
    for (int i = 0; i < 10; i++)
        evs[n++] = (ev){"A3", i, 0, 0, "n3", 0, 0, 0};
    evs[n++] = (ev){"A4", 50000, 0, 0, "n3", 0, 0, 0};
    static const char *const A[] = {"A0", "A1", "A2", "A3"};
    for (int k = 0; k < 4; k++)
        evs[n++] = (ev){A[k], 0, 0, 0, "n4", 0, 0, 0};
    cib_store *s = make_store(evs, n);
    cib_coord_result r;
    run(&r, s, 60, 2, 3, CIB_TRACE_NETWORK);
    assert_int_equal(r.n_pairs, 1);
    assert_pair(&r.pairs[0], 0, 1, CIB_TRACE_NETWORK, 2);
    const cib_trace_stats *st = &r.trace[CIB_TRACE_NETWORK];
    assert_true(st->ran);
    assert_int_equal(st->keys, 4);
    assert_int_equal(st->co_keys, 3);
    assert_int_equal(st->saturated_keys, 1);
    assert_int_equal(st->pairs, 1);
    assert_false(cib_trace_timed(CIB_TRACE_NETWORK));
    assert_true(cib_trace_timed(CIB_TRACE_URL));
    cib_coord_result_free(&r);
    cib_store_free(s);
}

/* Several traces at once: A0 and A1 share u1 and u2 within the window
 * (url weight 2) and one repost target o1 (object weight 1).  The pair is
 * kept by its url weight and its object weight 1 is reported as
 * evidence: total 3.  A2 and A3 share only o1: object weight 1, dropped.
 * The image trace is enabled but no event has an image: it did not run. */
static void test_traces_fused(void **state)
{
    (void)state;
    static const ev evs[] = {
        {"A0", 0, "http://u1", "o1", 0, 0, 0, 0},
        {"A1", 10, "http://u1", "o1", 0, 0, 0, 0},
        {"A0", 500, "http://u2", 0, 0, 0, 0, 0},
        {"A1", 520, "http://u2", 0, 0, 0, 0, 0},
        {"A2", 900, 0, "o1", 0, 0, 0, 0},
        {"A3", 910, 0, "o1", 0, 0, 0, 0},
    };
    cib_store *s = make_store(evs, sizeof evs / sizeof evs[0]);
    cib_norm norm = {0};
    cib_error err;
    assert_int_equal(cib_norm_build(&norm, s, &err), 0);
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    opt.significance = false; /* the plain count rule */
    cib_coord_result r;
    assert_int_equal(cib_coord_run(&r, s, &norm, &opt, &err), 0);
    assert_int_equal(r.n_pairs, 1);
    assert_int_equal(r.pairs[0].a, 0);
    assert_int_equal(r.pairs[0].b, 1);
    assert_int_equal(r.pairs[0].weight[CIB_TRACE_URL], 2);
    assert_int_equal(r.pairs[0].weight[CIB_TRACE_OBJECT], 1);
    assert_int_equal(r.pairs[0].total, 3);
    assert_true(r.trace[CIB_TRACE_URL].ran);
    assert_true(r.trace[CIB_TRACE_OBJECT].ran);
    assert_false(r.trace[CIB_TRACE_IMAGE].ran);
    assert_false(r.trace[CIB_TRACE_TEXT].ran);
    assert_int_equal(r.trace[CIB_TRACE_OBJECT].pairs, 0);
    /* threads change nothing */
    opt.threads = 3;
    cib_coord_result r3;
    assert_int_equal(cib_coord_run(&r3, s, &norm, &opt, &err), 0);
    assert_int_equal(r3.n_pairs, r.n_pairs);
    assert_memory_equal(r3.pairs, r.pairs, r.n_pairs * sizeof *r.pairs);
    assert_memory_equal(r3.trace, r.trace, sizeof r.trace);
    cib_coord_result_free(&r3);
    cib_coord_result_free(&r);
    cib_norm_free(&norm);
    cib_store_free(s);
}

/* Text and hashtag keys come from normalize: "Vote  NOW" and "vote now"
 * are one text; tag sets {Navalny, Free} and {free, NAVALNY} are one
 * set, {Navalny} alone another.
 *   A0@0 "Vote  NOW" {Navalny,Free};  A1@20 "vote now" {free,NAVALNY};
 *   A2@30 "vote later" {Navalny}
 * text: {0,1};  hashtag: {0,1}. */
static void test_text_and_hashtag(void **state)
{
    (void)state;
    static const ev evs[] = {
        {"A0", 0, 0, 0, 0, "Vote  NOW", "Navalny", "Free"},
        {"A1", 20, 0, 0, 0, "vote now", "free", "NAVALNY"},
        {"A2", 30, 0, 0, 0, "vote later", "Navalny", 0},
    };
    cib_store *s = make_store(evs, sizeof evs / sizeof evs[0]);
    cib_coord_result r;
    run(&r, s, 60, 1, 2000, CIB_TRACE_TEXT);
    assert_int_equal(r.n_pairs, 1);
    assert_pair(&r.pairs[0], 0, 1, CIB_TRACE_TEXT, 1);
    assert_int_equal(r.trace[CIB_TRACE_TEXT].keys, 2);
    cib_coord_result_free(&r);
    run(&r, s, 60, 1, 2000, CIB_TRACE_HASHTAG);
    assert_int_equal(r.n_pairs, 1);
    assert_pair(&r.pairs[0], 0, 1, CIB_TRACE_HASHTAG, 1);
    assert_int_equal(r.trace[CIB_TRACE_HASHTAG].keys, 2);
    cib_coord_result_free(&r);
    cib_store_free(s);
}

static void test_names_and_bad_options(void **state)
{
    (void)state;
    cib_trace t;
    assert_true(cib_trace_parse("hashtag", 7, &t));
    assert_int_equal(t, CIB_TRACE_HASHTAG);
    assert_true(cib_trace_parse("URL", 3, &t));
    assert_int_equal(t, CIB_TRACE_URL);
    assert_false(cib_trace_parse("urls", 4, &t));
    assert_string_equal(cib_trace_name(CIB_TRACE_IMAGE), "image");
    cib_store *s = make_store(NULL, 0);
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    assert_int_equal(opt.window_s, 60);
    assert_int_equal(opt.min_repeat, 2);
    assert_int_equal(opt.max_window_accounts, 2000);
    /* issue 5: the test is on by default, at a false discovery rate of
     * 0.05; the window is given unless asked for "auto" */
    assert_true(opt.significance);
    assert_true(opt.fdr == 0.05);
    assert_false(opt.window_auto);
    cib_coord_result r;
    cib_error err;
    /* an empty store runs nothing and finds nothing */
    assert_int_equal(cib_coord_run(&r, s, NULL, &opt, &err), 0);
    assert_int_equal(r.n_pairs, 0);
    assert_false(r.trace[CIB_TRACE_OBJECT].ran);
    cib_coord_result_free(&r);
    opt.min_repeat = 0;
    assert_int_equal(cib_coord_run(&r, s, NULL, &opt, &err), CIB_EUSAGE);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_pairs_and_weights),
        cmocka_unit_test(test_min_repeat_and_window_edge),
        cmocka_unit_test(test_saturation_bound),
        cmocka_unit_test(test_untimed_network),
        cmocka_unit_test(test_traces_fused),
        cmocka_unit_test(test_text_and_hashtag),
        cmocka_unit_test(test_names_and_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
