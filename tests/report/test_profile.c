/*
 * test_profile.c — the cluster profile (src/report/profile.c), the
 * weighted log-odds, the tokenizer, and the files the profile feeds
 * (report.html, network.gexf), on a hand-built run:
 *
 *   accounts (index: id, followers, created)
 *     0 a0        1      2019-03-05     cluster C1
 *     1 a1        0      2019-03-20     cluster C1
 *     2 <b>x</b>  ?      2019-04-01     cluster C1
 *     3 o3        100    2018-01-10
 *     4 o4        10     2015-01-01
 *     5 o5        1000   2016-06-01
 *   each has 100 events at 10:00 UTC on successive days; the cluster's
 *   text is "#vote today now", the others' "#cats today later".
 *   kept pairs: 0-1, 0-2, 1-2 (url trace, weight 5 each).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "report/charts.h"
#include "report/internal.h"
#include "report/profile.h"

#define DAY 86400LL
#define T0 1577872800LL /* 2020-01-01 10:00:00 UTC */

typedef struct fixture {
    cib_store *store;
    cib_coord_result coord;
    cib_clustering clusters;
    cib_report_input in;
    cib_summary summary;
    cib_profiles *profiles;
} fixture;

static uint32_t intern(cib_store *s, const char *str)
{
    return cib_strings_intern(s->strings, str, strlen(str));
}

static int64_t date(int y, int m, int d)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (int64_t)timegm(&tm);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    cib_store *s = fx->store = cib_store_new();
    const char *ids[6] = {"a0", "a1", "<b>x</b>", "o3", "o4", "o5"};
    int64_t followers[6] = {1, 0, CIB_UNKNOWN_FOLLOWERS, 100, 10, 1000};
    int64_t created[6] = {date(2019, 3, 5), date(2019, 3, 20),
                          date(2019, 4, 1), date(2018, 1, 10),
                          date(2015, 1, 1), date(2016, 6, 1)};
    uint32_t inside = intern(s, "#vote today now");
    uint32_t outside = intern(s, "#cats today later");
    for (uint32_t a = 0; a < 6; a++) {
        uint32_t idx;
        assert_int_equal(cib_store_account(s, intern(s, ids[a]), &idx), 0);
        s->accounts.followers[idx] = followers[a];
        s->accounts.created[idx] = created[a];
        s->accounts.platform[idx] = intern(s, "twitter");
        for (int64_t d = 0; d < 100; d++) {
            cib_event_in ev = {.account = idx, .time = T0 + d * DAY,
                               .text = a < 3 ? inside : outside};
            assert_int_equal(cib_store_append(s, &ev), 0);
        }
    }
    fx->coord.n_pairs = 3;
    fx->coord.pairs = calloc(3, sizeof(cib_pair));
    uint32_t ends[3][2] = {{0, 1}, {0, 2}, {1, 2}};
    for (int p = 0; p < 3; p++) {
        fx->coord.pairs[p].a = ends[p][0];
        fx->coord.pairs[p].b = ends[p][1];
        fx->coord.pairs[p].weight[CIB_TRACE_URL] = 5;
        fx->coord.pairs[p].total = 5;
    }
    fx->coord.trace[CIB_TRACE_URL].ran = true;
    fx->clusters.n_clusters = 1;
    fx->clusters.clusters = calloc(1, sizeof(cib_cluster));
    fx->clusters.clusters[0].size = 3;
    fx->clusters.clusters[0].accounts = calloc(3, sizeof(uint32_t));
    fx->clusters.n_accounts = 6;
    fx->clusters.cluster_of = calloc(6, sizeof(uint32_t));
    for (uint32_t i = 0; i < 3; i++) {
        fx->clusters.clusters[0].accounts[i] = i;
        fx->clusters.cluster_of[i] = 1;
    }
    fx->in = (cib_report_input){.store = s, .coord = &fx->coord,
                                .clusters = &fx->clusters};
    cib_error err;
    assert_int_equal(cib_summary_build(&fx->summary, &fx->in,
                                       CIB_SUMMARY_UTC_RHYTHM, &err), 0);
    assert_int_equal(cib_profiles_build(&fx->profiles, &fx->in, &fx->summary,
                                        &err), 0);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    cib_profiles_free(fx->profiles);
    cib_summary_free(&fx->summary);
    free(fx->coord.pairs);
    free(fx->clusters.clusters[0].accounts);
    free(fx->clusters.clusters);
    free(fx->clusters.cluster_of);
    cib_store_free(fx->store);
    free(fx);
    return 0;
}

/* ------------------------------------------------------------ log-odds */

/* Monroe et al. (2008) section 3.5.3 by hand for y_i 10 of n_i 100 and
 * y_j 10 of n_j 1000, alpha_0 500: alpha_w = 500 * 20 / 1100 = 9.0909,
 * delta = ln(19.0909 / 580.909) - ln(19.0909 / 1480.909)
 *       = ln(1480.909 / 580.909) = 0.935817,
 * var = 2 / 19.0909 = 0.104762, z = 0.935817 / 0.323669 = 2.891274. */
static void test_logodds(void **state)
{
    (void)state;
    double delta;
    double z = cib_logodds_z(10, 100, 10, 1000, 500, &delta);
    assert_float_equal(delta, 0.9358171542, 1e-9);
    assert_float_equal(z, 2.8912743863, 1e-9);
    /* the formula is antisymmetric: swap the groups, z changes sign */
    assert_float_equal(cib_logodds_z(10, 1000, 10, 100, 500, NULL), -z, 1e-12);
    /* the same rate on both sides is no difference */
    assert_float_equal(cib_logodds_z(30, 300, 60, 600, 500, NULL), 0, 1e-12);
    assert_true(isnan(cib_logodds_z(0, 0, 0, 0, 500, NULL)));
}

/* ------------------------------------------------------------ tokenizer */

typedef struct tokens {
    char text[512];
} tokens;

static void on_token(void *ctx, cib_vocab v, const char *s, size_t n)
{
    tokens *t = ctx;
    size_t o = strlen(t->text);
    snprintf(t->text + o, sizeof t->text - o, "%s%.*s|",
             v == CIB_VOCAB_HASHTAG ? "#" : "", (int)n, s);
}

static void expect_tokens(const char *in, const char *want)
{
    tokens t = {{0}};
    cib_tokenize(in, strlen(in), on_token, &t);
    assert_string_equal(t.text, want);
}

static void test_tokenize(void **state)
{
    (void)state;
    /* URLs and @mentions skipped; one-character words and bare numbers
     * are no terms; "don't" keeps its inner apostrophe; case is folded
     * (É -> é); a hashtag keeps its digits */
    expect_tokens("Hello, WORLD! #Vote2020 @someone https://t.co/x don't "
                  "ÉTÉ a 42 x2 www.example.org end",
                  "hello|world|#vote2020|don't|été|x2|end|");
    expect_tokens("", "");
    expect_tokens("#", "");
    /* a word glued to a # is a word, the tag after it a word too */
    expect_tokens("abc#tag", "abc|tag|");
    /* invalid UTF-8 ends a word and is skipped */
    expect_tokens("ab\xff" "cd", "ab|cd|");
    /* trailing apostrophe is no part of the word */
    expect_tokens("dogs' bowls", "dogs|bowls|");
}

/* ------------------------------------------------------------ profile */

static void test_audience(void **state)
{
    fixture *fx = *state;
    const cib_cluster_profile *cp = &fx->profiles->clusters[0];
    /* events per follower (0 followers counted as 1): a0 100, a1 100,
     * o3 1, o4 10, o5 0.1; <b>x</b> unknown.  Population median of
     * {0.1, 1, 10, 100, 100} = 10; the cluster's median of {100, 100} =
     * 100; ratio 10. */
    assert_int_equal(fx->profiles->population_audience_accounts, 5);
    assert_float_equal(fx->profiles->population_events_per_follower, 10, 1e-12);
    assert_int_equal(cp->audience_accounts, 2);
    assert_float_equal(cp->events_per_follower, 100, 1e-12);
    assert_float_equal(cp->audience_ratio, 10, 1e-12);
}

static void test_creation(void **state)
{
    fixture *fx = *state;
    const cib_cluster_profile *cp = &fx->profiles->clusters[0];
    /* a0 and a1 in 2019-03 (2 of 3); the population has 2 of 6 there.
     * P(X >= 2 | n 3, q 1/3) = 3 (1/3)^2 (2/3) + (1/3)^3 = 7/27, times
     * the 5 months with creations = 1.296, capped at 1. */
    assert_int_equal(cp->created_known, 3);
    assert_string_equal(cp->busiest_month, "2019-03");
    assert_int_equal(cp->busiest_count, 2);
    assert_float_equal(cp->busiest_share, 2.0 / 3, 1e-12);
    assert_float_equal(cp->population_share, 2.0 / 6, 1e-12);
    assert_float_equal(cp->batch_p, 1.0, 1e-12);
}

static void test_distinctive(void **state)
{
    fixture *fx = *state;
    const cib_cluster_profile *cp = &fx->profiles->clusters[0];
    /* hashtags: #vote 300 of the cluster's 300, never outside (300 #cats):
     * alpha_w = 500 * 300 / 600 = 250, delta = ln(550 / 250) -
     * ln(250 / 550) = 1.576915, z = delta / sqrt(1/550 + 1/250) =
     * 20.673526 */
    assert_int_equal(cp->n_top[CIB_VOCAB_HASHTAG], 1);
    const cib_distinct *d = &cp->top[CIB_VOCAB_HASHTAG][0];
    assert_string_equal(cib_strings_get(fx->profiles->items, d->item, NULL),
                        "vote");
    assert_int_equal(d->count, 300);
    assert_int_equal(d->rest, 0);
    assert_float_equal(d->delta, 1.5769147207, 1e-9);
    assert_float_equal(d->z, 20.6735263989, 1e-9);
    /* terms: "now" 300 of 600 here, 0 of 600 outside: alpha_w = 125,
     * delta = ln(425 / 675) - ln(125 / 975) = 1.591500, z = 15.641371;
     * "today" is used alike by everyone (z 0) and is left out */
    assert_int_equal(cp->n_top[CIB_VOCAB_TERM], 1);
    d = &cp->top[CIB_VOCAB_TERM][0];
    assert_string_equal(cib_strings_get(fx->profiles->items, d->item, NULL),
                        "now");
    assert_float_equal(d->z, 15.6413713702, 1e-9);
    assert_int_equal(cp->n_top[CIB_VOCAB_DOMAIN], 0); /* no URLs */
    assert_int_equal(cp->vocab_events[CIB_VOCAB_DOMAIN], 0);
    assert_int_equal(cp->vocab_events[CIB_VOCAB_HASHTAG], 300);
}

static void test_samples_and_day(void **state)
{
    fixture *fx = *state;
    const cib_profiles *p = fx->profiles;
    const cib_cluster_profile *cp = &p->clusters[0];
    assert_int_equal(cp->n_samples, 1);
    assert_string_equal(cib_report_str(&fx->in, cp->samples[0].text),
                        "#vote today now");
    assert_int_equal(cp->samples[0].events, 300);
    /* every event at 10:00 UTC; no zone, so the population's curve is in
     * UTC: all of it at hour 10 */
    assert_true(cp->has_population_day);
    assert_float_equal(cp->population_day[10], 1.0, 1e-12);
    assert_float_equal(cp->population_day[9], 0.0, 1e-12);
    /* rows and pairs grouped by cluster */
    assert_int_equal(p->row_start[1] - p->row_start[0], 300);
    assert_int_equal(p->pair_start[1] - p->pair_start[0], 3);
}

/* ------------------------------------------------------------ outputs */

static char *memfile(int (*fn)(FILE *, const cib_report_input *,
                               const cib_summary *, cib_error *),
                     fixture *fx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cib_error err;
    fx->summary.profiles = fx->profiles;
    assert_int_equal(fn(f, &fx->in, &fx->summary, &err), 0);
    fclose(f);
    return buf;
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

static void test_gexf(void **state)
{
    fixture *fx = *state;
    char *x = memfile(cib_report_write_gexf, fx);
    /* the three clustered accounts are the nodes, the three pairs edges */
    assert_int_equal(count(x, "<node "), 3);
    assert_int_equal(count(x, "<edge "), 3);
    assert_non_null(strstr(x, "<node id=\"&lt;b&gt;x&lt;/b&gt;\" "
                              "label=\"&lt;b&gt;x&lt;/b&gt;\">"));
    assert_null(strstr(x, "<b>"));
    assert_non_null(strstr(x, "<attvalue for=\"cluster\" value=\"C1\"/>"));
    /* C1 is Okabe-Ito orange (230, 159, 0) */
    assert_non_null(strstr(x, "<viz:color r=\"230\" g=\"159\" b=\"0\"/>"));
    assert_non_null(strstr(x, "weight=\"5\"><attvalues><attvalue for=\"url\" "
                              "value=\"5\"/>"));
    /* unknown followers are -1 */
    assert_non_null(strstr(x, "<attvalue for=\"followers\" value=\"-1\"/>"));
    free(x);
}

static void test_html(void **state)
{
    fixture *fx = *state;
    char *h = memfile(cib_report_write_html, fx);
    assert_non_null(strstr(h, "<section class=\"cluster\" id=\"C1\""));
    /* four charts in the section and the overview network */
    assert_int_equal(count(h, "<figure class=\"chart\""), 5);
    assert_int_equal(count(h, "<svg class=\"chart-svg\""), 5);
    /* every chart's ids are its own: the heatmap's start with c1-how- */
    assert_non_null(strstr(h, "id=\"c1-how-"));
    /* the id that is markup is text, nothing from the input is a tag */
    assert_non_null(strstr(h, "&lt;b&gt;x&lt;/b&gt;"));
    assert_null(strstr(h, "<b>x"));
    assert_null(strstr(h, "<script"));
    /* the tally: one cluster, 3 accounts, 0 pages, 101 followers known */
    assert_non_null(strstr(h, "<div class=\"fig\" data-k=\"clusters\"><b>1"
                              "</b>"));
    assert_non_null(strstr(h, "data-k=\"followers\"><b>1</b>"));
    assert_non_null(strstr(h, "data-k=\"asset_account\"><b>3</b>"));
    /* the distinctive hashtag with its z */
    assert_non_null(strstr(h, "#vote</td><td class=\"n\">300</td><td "
                              "class=\"n\">0</td><td class=\"n\">20.7</td>"));
    free(h);
}

/* The palettes: viridis ends, Okabe-Ito's first colour. */
static void test_palettes(void **state)
{
    (void)state;
    cib_rgb v0 = cib_viridis(0), v1 = cib_viridis(1), vm = cib_viridis(-3);
    assert_float_equal(v0.r, 0.267, 1e-9);
    assert_float_equal(v1.g, 0.906, 1e-9);
    assert_float_equal(vm.b, v0.b, 1e-12); /* clamped */
    cib_rgb o = cib_okabe_ito(8); /* modulo 8: orange again */
    assert_float_equal(o.r, 0.902, 1e-9);
    assert_float_equal(cib_nice_step(97, 4), 50, 1e-12); /* 24.25 -> 50 */
    assert_float_equal(cib_nice_step(8, 4), 2, 1e-12);
    char buf[16];
    cib_tick_label(1200, buf, sizeof buf);
    assert_string_equal(buf, "1,200");
    cib_tick_label(25000, buf, sizeof buf);
    assert_string_equal(buf, "25k");
}

/* A label that is no UTF-8 (cairo would refuse it and fail the whole
 * surface) still gives a picture: the bad bytes are drawn as '?'. */
static void test_bad_label(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    cib_page pg = {.f = open_memstream(&buf, &len)};
    cib_net_node nodes[2] = {{.label = "ok\xff\xfe\x01" "bad", .size = 1},
                             {.label = "b", .size = 2}};
    cib_net_edge edge = {0, 1, 3};
    assert_int_equal(cib_chart_network(&pg, "t", "label <&>", 300, 200, nodes,
                                       2, &edge, 1, true, NULL, 0, 1), 0);
    fclose(pg.f);
    assert_non_null(strstr(buf, "<svg class=\"chart-svg\" role=\"img\" "
                                "aria-label=\"label &lt;&amp;&gt;\""));
    assert_non_null(strstr(buf, "</svg>"));
    assert_null(strstr(buf, "picture not drawn"));
    /* both labels drawn: "ok?? bad" and "b" use at least 8 glyphs (a
     * cairo_t that met invalid UTF-8 would draw nothing more) */
    assert_true(count(buf, "<use ") >= 8);
    free(buf);
    cib_glyphs_free(&pg.glyphs);
    cib_charts_release();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logodds),
        cmocka_unit_test(test_tokenize),
        cmocka_unit_test_setup_teardown(test_audience, setup, teardown),
        cmocka_unit_test_setup_teardown(test_creation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_distinctive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_samples_and_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gexf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
        cmocka_unit_test(test_palettes),
        cmocka_unit_test(test_bad_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
