/*
 * test_null.c — the significance test, the window estimate and the
 * cluster evidence on cases computed by hand (src/coord/null.c, fdr.c,
 * estimate.c, evidence.c).  Reference probabilities were computed to 30
 * digits with mpmath as 1 - sum_{j<k} e^-l l^j / j!.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "coord/coord.h"

/* |a - b| <= eps (this cmocka has no assert_double_equal) */
#define assert_near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

static void test_poisson_tail(void **state)
{
    (void)state;
    assert_near(cib_poisson_log_sf(0, 3.0), 0.0, 0);
    assert_true(isinf(cib_poisson_log_sf(1, 0.0)));
    /* P(X >= 1 | 1) = 1 - 1/e */
    assert_near(exp(cib_poisson_log_sf(1, 1.0)), 0.632120558828557678, 1e-15);
    /* P(X >= 3 | 2) = 1 - 5 e^-2 (the lambda >= k branch is not taken:
     * 2 < 3; the series) */
    assert_near(exp(cib_poisson_log_sf(3, 2.0)), 0.323323583816936541, 1e-15);
    /* a tiny tail, 8.32639186e-18, kept to relative precision */
    assert_near(exp(cib_poisson_log_sf(5, 0.001)) / 8.32639186421147718e-18,
                1.0, 1e-12);
    /* far out: log10 P(X >= 40 | 10) = -12.1342071331106 */
    assert_near(cib_poisson_log_sf(40, 10.0) / M_LN10, -12.134207133110648,
                1e-12);
    /* lambda >= k: P(X >= 3 | 100) = 1 - 5101 e^-100, log ~ -2e-40 */
    assert_near(cib_poisson_log_sf(3, 100.0), 0.0, 1e-30);
    /* P(X >= 2 | 4/7), used below */
    assert_near(exp(cib_poisson_log_sf(2, 4.0 / 7)), 0.112585808273521242,
                1e-15);
}

/* lambda = d_b c_a / M; the pair's p-value is twice the smaller tail */
static void test_lambda(void **state)
{
    (void)state;
    assert_near(cib_null_lambda(5, 3, 10), 1.5, 1e-15);
    assert_near(cib_null_lambda(1, 0, 0), 0.0, 0);
    /* x = 2, d_a = 2, c_a = 2, d_b = 2, c_b = 2, M = 7: both lambdas 4/7,
     * p = 2 * 0.112585808 */
    assert_near(exp(cib_null_log_p(2, 2, 2, 2, 2, 7)),
                2 * 0.112585808273521242, 1e-14);
    /* never above 1 */
    assert_near(cib_null_log_p(1, 100, 100, 100, 100, 10), 0.0, 0);
}

/* ------------------------------------------------------------ a store */

static uint32_t S(cib_store *s, const char *str)
{
    return cib_strings_intern(s->strings, str, strlen(str));
}

/* Account "A<k>" shares `url` at time t. */
static void share(cib_store *s, int k, int64_t t, const char *url)
{
    char name[4] = {'A', (char)('0' + k), 0, 0};
    uint32_t acct, u = S(s, url);
    assert_int_equal(cib_store_account(s, S(s, name), &acct), 0);
    assert_int_equal(acct, (uint32_t)k);
    cib_event_in in = {.account = acct, .time = t,
                       .action = CIB_ACTION_SHARE, .urls = &u, .n_urls = 1};
    assert_int_equal(cib_store_append(s, &in), 0);
}

/* The hand case.  W = 60, url trace only:
 *   u1: A0 at 0, A1 at 10        u4, u5, u6: A2 alone at 1000, 2000, 5000
 *   u2: A0 at 100, A1 at 130     u7, u8, u9: A3 alone at 3000, 4000, 6000
 *   u3: A0 at 200, A1 at 205     u10, u11, u12: A1 alone at 7000, 8000, 9000
 * M = 15 actions.  Within 60 s on one link: A0 and A1 on u1, u2, u3, so
 * the pair (A0, A1) met on 3 links.  d (actions): A0 3, A1 6, A2 3, A3 3;
 * c (others' actions within 60 s of theirs): A0 3, A1 3, A2 0, A3 0.
 * Given A0, A1 is expected to meet it d_A1 c_A0 / M = 6 * 3 / 15 = 1.2
 * times; given A1, A0 is expected d_A0 c_A1 / M = 3 * 3 / 15 = 0.6
 * times.  p = 2 P(X >= 3 | 0.6) = 2 * 0.0231152878 = 0.0462305755.
 * Four accounts acted: m = 6 hypotheses.  BH at q keeps the pair when
 * p <= 1 * q / 6, so not at q = 0.05 (0.0083) but at q = 0.3 (0.05); its
 * q-value is p * 6 / 1 = 0.277383453. */
static cib_store *hand_store(void)
{
    cib_store *s = cib_store_new();
    assert_non_null(s);
    share(s, 0, 0, "http://u1.org/");
    share(s, 1, 10, "http://u1.org/");
    share(s, 0, 100, "http://u2.org/");
    share(s, 1, 130, "http://u2.org/");
    share(s, 0, 200, "http://u3.org/");
    share(s, 1, 205, "http://u3.org/");
    share(s, 2, 1000, "http://u4.org/");
    share(s, 2, 2000, "http://u5.org/");
    share(s, 2, 5000, "http://u6.org/");
    share(s, 3, 3000, "http://u7.org/");
    share(s, 3, 4000, "http://u8.org/");
    share(s, 3, 6000, "http://u9.org/");
    share(s, 1, 7000, "http://u10.org/");
    share(s, 1, 8000, "http://u11.org/");
    share(s, 1, 9000, "http://u12.org/");
    return s;
}

static void run(cib_coord_result *r, cib_store *s, cib_norm *n, bool sig,
                double fdr)
{
    cib_error err;
    assert_int_equal(cib_norm_build(n, s, &err), 0);
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        opt.traces[t] = t == CIB_TRACE_URL;
    opt.window_s = 60;
    opt.significance = sig;
    opt.fdr = fdr;
    assert_int_equal(cib_coord_run(r, s, n, &opt, &err), 0);
}

static void test_null_model_by_hand(void **state)
{
    (void)state;
    cib_store *s = hand_store();
    cib_norm n;
    cib_coord_result r;

    run(&r, s, &n, true, 0.05);
    assert_int_equal(r.trace[CIB_TRACE_URL].actions, 15);
    assert_int_equal(r.significance.accounts, 4);
    assert_near(r.significance.hypotheses, 6.0, 0);
    assert_int_equal(r.significance.candidates, 1);
    assert_int_equal(r.significance.discoveries, 0);
    assert_int_equal(r.n_pairs, 0);
    cib_coord_result_free(&r);
    cib_norm_free(&n);

    run(&r, s, &n, true, 0.3);
    assert_int_equal(r.significance.discoveries, 1);
    assert_int_equal(r.n_pairs, 1);
    assert_int_equal(r.pairs[0].a, 0);
    assert_int_equal(r.pairs[0].b, 1);
    assert_int_equal(r.pairs[0].weight[CIB_TRACE_URL], 3);
    assert_near(r.pairs[0].p_value, 0.0462305755052658998, 1e-14);
    assert_near(r.pairs[0].log10_p, -1.3350707001763333, 1e-12);
    assert_near(r.pairs[0].q_value, 0.277383453031595399, 1e-13);
    assert_near(r.significance.log10_p_cut, -1.3350707001763333, 1e-12);
    cib_coord_result_free(&r);
    cib_norm_free(&n);

    /* without the test: the plain rule keeps it (weight 3 >= 2), with its
     * p-value; it was no discovery at 0.05, so no q-value */
    run(&r, s, &n, false, 0.05);
    assert_int_equal(r.n_pairs, 1);
    assert_near(r.pairs[0].p_value, 0.0462305755052658998, 1e-14);
    assert_true(isnan(r.pairs[0].q_value));
    cib_coord_result_free(&r);
    cib_norm_free(&n);
    cib_store_free(s);
}

/* Evidence for the cluster {A0, A1} of the hand case: they co-acted on
 * u1, u2 and u3 (3 keys), A1 following A0 by 10, 30 and 5 s: median
 * 10 s. */
static void test_evidence_by_hand(void **state)
{
    (void)state;
    cib_store *s = hand_store();
    cib_norm n;
    cib_coord_result r;
    run(&r, s, &n, false, 0.05);
    uint32_t cluster_of[4] = {1, 1, 0, 0};
    assert_int_equal(s->accounts.n, 4);
    cib_trace_evidence ev[CIB_TRACE_COUNT];
    cib_error err;
    assert_int_equal(cib_coord_evidence(ev, 1, cluster_of, s, &n, &r, &err),
                     0);
    assert_int_equal(ev[CIB_TRACE_URL].keys, 3);
    assert_int_equal(ev[CIB_TRACE_URL].co_actions, 3);
    assert_near(ev[CIB_TRACE_URL].median_delay_s, 10.0, 0);
    assert_int_equal(ev[CIB_TRACE_OBJECT].keys, 0);
    assert_true(isnan(ev[CIB_TRACE_OBJECT].median_delay_s));
    cib_coord_result_free(&r);
    cib_norm_free(&n);
    cib_store_free(s);
}

/* CooRnet's rule on first-action times per key:
 *   k1: 0 10 20 100   d2 = 10   (4 accounts)
 *   k2: 0 5           d2 = 5
 *   k3: 0 300 310     d2 = 300
 *   k4: 0 50 60 70 80 d2 = 50
 *   k5: 0             (one account: not counted)
 * Sorted d2: 5 10 50 300.  q = 0.5, type-7 quantile: h = 3 * 0.5 = 1.5,
 * 10 + 0.5 * (50 - 10) = 30: the quick keys are k1 and k2.  p = 0.5: the
 * first rank r with r / count > 0.5 is 3 of 4 for k1 (t = 20) and 2 of 2
 * for k2 (t = 5); their median (h = 0.5) is 5 + 0.5 * 15 = 12.5, rounded
 * up to 13 s.  With q = 0.1 (h = 0.3, cut 6.5) only k2 is quick: 5 s. */
static void test_coornet_estimate(void **state)
{
    (void)state;
    const int64_t first[] = {0, 10, 20, 100, 0, 5, 0, 300, 310,
                             0, 50, 60, 70, 80, 0};
    const size_t start[] = {0, 4, 6, 9, 14, 15};
    cib_window_estimate est;
    assert_true(cib_window_coornet(first, start, 5, 0.5, 0.5, &est));
    assert_int_equal(est.keys, 4);
    assert_int_equal(est.quick_keys, 2);
    assert_int_equal(est.coornet_s, 13);
    assert_true(cib_window_coornet(first, start, 5, 0.1, 0.5, &est));
    assert_int_equal(est.quick_keys, 1);
    assert_int_equal(est.coornet_s, 5);
    /* no key with two accounts: no estimate */
    const size_t one[] = {14, 15};
    assert_false(cib_window_coornet(first, one, 1, 0.1, 0.5, &est));
}

/* --window auto on minute data: every co-share falls in the same minute,
 * so CooRnet says 0 s, and the resolution floor makes it 60 s. */
static void test_auto_window_floor(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    share(s, 0, 600, "http://a.org/1");
    share(s, 1, 600, "http://a.org/1");
    share(s, 0, 1200, "http://a.org/2");
    share(s, 1, 1200, "http://a.org/2");
    share(s, 2, 1800, "http://a.org/3");
    cib_norm n;
    cib_error err;
    assert_int_equal(cib_norm_build(&n, s, &err), 0);
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    opt.window_auto = true;
    opt.window_s = 5; /* the fallback, unused here */
    cib_coord_result r;
    assert_int_equal(cib_coord_run(&r, s, &n, &opt, &err), 0);
    assert_true(r.window.automatic);
    assert_false(r.window.fallback);
    assert_int_equal(r.window.resolution_s, 60);
    assert_int_equal(r.window.coornet_s, 0);
    assert_int_equal(r.window.window_s, 60);
    assert_int_equal(r.window.keys, 2);
    cib_coord_result_free(&r);
    cib_norm_free(&n);
    cib_store_free(s);
}

/* Account "A<k>" (k < 10) or "R<k>" (k >= 10) acts at time t: posts
 * `post` or reposts `object`. */
static void act(cib_store *s, int k, int64_t t, const char *post,
                const char *object)
{
    char name[16];
    snprintf(name, sizeof name, k < 10 ? "A%d" : "R%d", k);
    uint32_t acct;
    assert_int_equal(cib_store_account(s, S(s, name), &acct), 0);
    cib_event_in in = {.account = acct, .time = t,
                       .action = object ? CIB_ACTION_REPOST : CIB_ACTION_POST,
                       .post = post ? S(s, post) : 0,
                       .object = object ? S(s, object) : 0};
    assert_int_equal(cib_store_append(s, &in), 0);
}

/* Fans of one author (sources.c, strata.c).  A0 posts p1, p2, p3; A1 and
 * A2 repost each within 20 s of each other (at 100/110, 200/210,
 * 300/320), so the pair (A1, A2) meets on 3 posts.  A0 also posts r_j,
 * each reposted once by its own account R_j (98 of them), and A3 reposts
 * 300 posts nobody in the data wrote, alone, as A1 does q.  Every repost
 * of A0's posts comes within W = 60 s of the post's first one: one delay
 * class.  Object trace: 6 + 1 + 300 + 98 = 405 reposts.
 *  - with post ids, A0 is the fans' source: the stratum (A0, within W)
 *    holds M = 6 + 98 = 104 reposts, A1 and A2 made 3 each with a crowd
 *    of 3: lambda = 3 * 3 / 104 both ways, p = 2 P(X >= 3 | 0.0865385)
 *    = 0.000202479075444442;
 *  - without post ids no author is known, everything is pooled over all
 *    405 reposts: d_A1 = 4, d_A2 = 3, crowds 3, lambdas 3 * 3 / 405 and
 *    4 * 3 / 405, p = 2 P(X >= 3 | 9 / 405) = 3.59755124398572e-06.
 * Measured against its own author's reposts the fans' meeting is 56 times
 * likelier than against everybody's. */
static void fans(cib_store *s, bool ids, int audience)
{
    act(s, 0, 10, ids ? "p1" : NULL, NULL);
    act(s, 1, 100, NULL, "p1");
    act(s, 2, 110, NULL, "p1");
    act(s, 0, 150, ids ? "p2" : NULL, NULL);
    act(s, 1, 200, NULL, "p2");
    act(s, 2, 210, NULL, "p2");
    act(s, 0, 250, ids ? "p3" : NULL, NULL);
    act(s, 1, 300, NULL, "p3");
    act(s, 2, 320, NULL, "p3");
    act(s, 1, 5000, NULL, "q");
    char post[32];
    for (int k = 0; k < 300; k++) {
        snprintf(post, sizeof post, "u%d", k);
        act(s, 3, 100000 + 1000 * k, NULL, post);
    }
    for (int j = 0; j < audience; j++) {
        snprintf(post, sizeof post, "r%d", j);
        act(s, 0, 1000000 + 1000 * j, ids ? post : NULL, NULL);
        act(s, 10 + j, 1000000 + 1000 * j + 30, NULL, post);
    }
}

static void test_strata_by_author(void **state)
{
    (void)state;
    const struct {
        bool ids;
        int audience;
        double p;
    } v[2] = {{true, 98, 0.000202479075444442},
              {false, 98, 3.59755124398572e-06}};
    for (int i = 0; i < 2; i++) {
        cib_store *s = cib_store_new();
        fans(s, v[i].ids, v[i].audience);
        cib_coord_options opt;
        cib_coord_options_init(&opt);
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            opt.traces[t] = t == CIB_TRACE_OBJECT;
        opt.significance = false;
        cib_coord_result r;
        cib_error err;
        assert_int_equal(cib_coord_run(&r, s, NULL, &opt, &err), 0);
        assert_int_equal(r.trace[CIB_TRACE_OBJECT].actions,
                         (uint64_t)(307 + v[i].audience));
        assert_int_equal(r.n_pairs, 1);
        assert_int_equal(r.pairs[0].a, 1);
        assert_int_equal(r.pairs[0].b, 2);
        assert_int_equal(r.pairs[0].weight[CIB_TRACE_OBJECT], 3);
        assert_near(r.pairs[0].p_value, v[i].p, v[i].p * 1e-12);
        cib_coord_result_free(&r);
        cib_store_free(s);
    }
}

/* Account "B<k>" shares `url` at time t (any k). */
static void share_any(cib_store *s, unsigned k, int64_t t, const char *url)
{
    char name[16];
    snprintf(name, sizeof name, "B%u", k);
    uint32_t acct, u = S(s, url);
    assert_int_equal(cib_store_account(s, S(s, name), &acct), 0);
    cib_event_in in = {.account = acct, .time = t,
                       .action = CIB_ACTION_SHARE, .urls = &u, .n_urls = 1};
    assert_int_equal(cib_store_append(s, &in), 0);
}

/* Fans of one outlet on the url trace (coord.c url_domains).  Outlet B0
 * shares links 1..3 of big.org at 1000 k; fans B1 and B2 share each 5 and
 * 10 s later, so all three pairs meet on 3 links.  `alone` more accounts
 * each share one other big.org link, nobody near; 50 accounts each share
 * a link of a domain of their own.  Every action is the first on its link
 * or within W = 60 s of it: one delay class.
 *  - alone = 98: big.org has 101 distinct sharers >= 100, so it is a
 *    stratum of its own: M = 9 + 98 = 107, c_B1 = c_B2 = 6 (B0 and the
 *    other fan on each link), d = 3: lambda = 18 / 107 both ways,
 *    p = 2 P(X >= 3 | 0.168224) = 0.00139953370468756;
 *  - alone = 96: 99 sharers, too few: big.org joins the pooled stratum
 *    with the 50 small domains, M = 9 + 96 + 50 = 155, lambda = 18 / 155,
 *    p = 2 P(X >= 3 | 0.116129) = 0.000478614710677964. */
static void test_strata_by_domain(void **state)
{
    (void)state;
    const unsigned alone[2] = {98, 96};
    const double want[2] = {0.00139953370468755560, 0.000478614710677963670};
    for (int v = 0; v < 2; v++) {
        cib_store *s = cib_store_new();
        char url[64];
        for (unsigned k = 1; k <= 3; k++) {
            snprintf(url, sizeof url, "http://big.org/story/%u", k);
            share_any(s, 0, 1000 * k, url);
            share_any(s, 1, 1000 * k + 5, url);
            share_any(s, 2, 1000 * k + 10, url);
        }
        for (unsigned j = 0; j < alone[v]; j++) {
            snprintf(url, sizeof url, "http://big.org/other/%u", j);
            share_any(s, 3 + j, 100000 + 1000 * j, url);
        }
        for (unsigned j = 0; j < 50; j++) {
            snprintf(url, sizeof url, "http://small%u.org/", j);
            share_any(s, 200 + j, 500000 + 1000 * j, url);
        }
        cib_norm n;
        cib_coord_result r;
        run(&r, s, &n, false, 0.05);
        assert_int_equal(r.trace[CIB_TRACE_URL].actions, 9 + alone[v] + 50);
        assert_int_equal(r.n_pairs, 3);
        /* pairs by account index: (0,1), (0,2), (1,2) */
        assert_int_equal(r.pairs[2].a, 1);
        assert_int_equal(r.pairs[2].b, 2);
        assert_int_equal(r.pairs[2].weight[CIB_TRACE_URL], 3);
        assert_near(r.pairs[2].p_value, want[v], 1e-15);
        cib_coord_result_free(&r);
        cib_norm_free(&n);
        cib_store_free(s);
    }
}

/* Account "B<k>" posts `text` (and `url` when not NULL) at time t. */
static void post_text(cib_store *s, unsigned k, int64_t t, const char *text,
                      const char *url)
{
    char name[16];
    snprintf(name, sizeof name, "B%u", k);
    uint32_t acct, u = url ? S(s, url) : 0;
    assert_int_equal(cib_store_account(s, S(s, name), &acct), 0);
    cib_event_in in = {.account = acct, .time = t, .action = CIB_ACTION_POST,
                       .text = S(s, text), .urls = &u, .n_urls = url ? 1 : 0};
    assert_int_equal(cib_store_append(s, &in), 0);
}

/* Fans quoting an outlet's headlines on the text trace (sources.c): a
 * text takes the source of the domain of the first link it came with.
 * Outlet B0 posts headline k with a link to big.org at 1000 k; fans B1
 * and B2 post the same headline (no link) 5 and 10 s later.  `alone`
 * accounts share other big.org links without text, and 50 accounts each
 * post a text of their own.  Text trace: 9 headline actions + 50 = 59,
 * all within W of their key's first.
 *  - alone = 99: big.org has 100 sharers (B0 and them; the fans post no
 *    link), enough to be a source, and the headlines are its texts:
 *    M = 9, c_B1 = c_B2 = 6, d = 3, lambda = 18 / 9 = 2 both ways,
 *    p = 2 P(X >= 3 | 2) = 0.646647167633873;
 *  - alone = 98: 99 sharers, the headlines are pooled with the 50 other
 *    texts: M = 59, lambda = 18 / 59, p = 2 P(X >= 3 | 0.305085) =
 *    0.00754290339692566. */
static void test_strata_by_text_source(void **state)
{
    (void)state;
    static const char *headline[3] = {
        "minister resigns after budget vote collapses in parliament",
        "storm floods coastal towns as rivers burst their banks overnight",
        "local team wins the cup final with a goal in extra time"};
    const unsigned alone[2] = {99, 98};
    const double want[2] = {0.646647167633873, 0.00754290339692566};
    for (int v = 0; v < 2; v++) {
        cib_store *s = cib_store_new();
        char url[64], text[96];
        for (unsigned k = 1; k <= 3; k++) {
            snprintf(url, sizeof url, "http://big.org/story/%u", k);
            post_text(s, 0, 1000 * k, headline[k - 1], url);
            post_text(s, 1, 1000 * k + 5, headline[k - 1], NULL);
            post_text(s, 2, 1000 * k + 10, headline[k - 1], NULL);
        }
        for (unsigned j = 0; j < alone[v]; j++) {
            snprintf(url, sizeof url, "http://big.org/other/%u", j);
            share_any(s, 3 + j, 100000 + 1000 * j, url);
        }
        for (unsigned j = 0; j < 50; j++) {
            snprintf(text, sizeof text, "alpha%u bravo%u charlie%u delta%u echo%u",
                     j, j, j, j, j);
            post_text(s, 200 + j, 500000 + 1000 * j, text, NULL);
        }
        cib_norm n;
        cib_error err;
        assert_int_equal(cib_norm_build(&n, s, &err), 0);
        cib_coord_options opt;
        cib_coord_options_init(&opt);
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            opt.traces[t] = t == CIB_TRACE_TEXT;
        opt.significance = false;
        cib_coord_result r;
        assert_int_equal(cib_coord_run(&r, s, &n, &opt, &err), 0);
        assert_int_equal(r.trace[CIB_TRACE_TEXT].actions, 59);
        assert_int_equal(r.n_pairs, 3);
        assert_int_equal(r.pairs[2].a, 1);
        assert_int_equal(r.pairs[2].b, 2);
        assert_int_equal(r.pairs[2].weight[CIB_TRACE_TEXT], 3);
        assert_near(r.pairs[2].p_value, want[v], 1e-14);
        cib_coord_result_free(&r);
        cib_norm_free(&n);
        cib_store_free(s);
    }
}

static void test_bad_fdr(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    opt.fdr = 1.0;
    cib_coord_result r;
    cib_error err;
    assert_int_equal(cib_coord_run(&r, s, NULL, &opt, &err), CIB_EUSAGE);
    cib_coord_result_free(&r);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poisson_tail),
        cmocka_unit_test(test_lambda),
        cmocka_unit_test(test_null_model_by_hand),
        cmocka_unit_test(test_evidence_by_hand),
        cmocka_unit_test(test_coornet_estimate),
        cmocka_unit_test(test_auto_window_floor),
        cmocka_unit_test(test_strata_by_author),
        cmocka_unit_test(test_strata_by_domain),
        cmocka_unit_test(test_strata_by_text_source),
        cmocka_unit_test(test_bad_fdr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
