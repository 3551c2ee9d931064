/*
 * test_report.c — the report stage on a hand-built run: five accounts,
 * six events, five kept pairs and one cluster, filled directly into the
 * store, cib_norm, cib_coord_result and cib_clustering (no coord or graph
 * code runs).  The figures asserted are worked out in the comments from
 * that fixture.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <igraph.h>
#include <jansson.h>

#include "report/csv_out.h"
#include "report/internal.h"
#include "report/markup.h"
#include "report/report.h"

/* 2020-01-06 00:00:00 UTC, a Monday: hour-of-week bin 0. */
#define MON 1578268800LL
#define HOUR 3600LL
#define DAY 86400LL

/* The outsider's id holds every character XML must escape; "=evil"
 * starts like a spreadsheet formula. */
#define ODD_ID "o<&>\"'"

typedef struct fixture {
    cib_store *store;
    cib_norm norm;
    cib_coord_result coord;
    cib_clustering clusters;
    cib_ingest_stats ingest;
    cib_coord_options copt;
    cib_graph_options gopt;
    const char *files[2];
    cib_report_input in;
    char dir[64];
} fixture;

static uint32_t intern(cib_store *s, const char *str)
{
    return cib_strings_intern(s->strings, str, strlen(str));
}

static uint32_t add_account(cib_store *s, const char *id, const char *platform,
                            cib_asset asset, int64_t followers)
{
    uint32_t idx;
    assert_int_equal(cib_store_account(s, intern(s, id), &idx), 0);
    s->accounts.platform[idx] = platform ? intern(s, platform) : 0;
    s->accounts.asset[idx] = (uint8_t)asset;
    s->accounts.followers[idx] = followers;
    return idx;
}

static void add_event(cib_store *s, uint32_t acct, int64_t t,
                      const char *url1, const char *url2)
{
    uint32_t urls[2];
    size_t n = 0;
    if (url1)
        urls[n++] = intern(s, url1);
    if (url2)
        urls[n++] = intern(s, url2);
    cib_event_in ev = {.account = acct, .time = t, .action = CIB_ACTION_POST,
                       .urls = urls, .n_urls = n};
    assert_int_equal(cib_store_append(s, &ev), 0);
}

static void set_pair(cib_pair *p, uint32_t a, uint32_t b, cib_trace t1,
                     uint32_t w1, cib_trace t2, uint32_t w2)
{
    memset(p, 0, sizeof *p);
    p->a = a;
    p->b = b;
    p->weight[t1] += w1;
    p->weight[t2] += w2;
    p->total = w1 + w2;
}

/* Accounts (index: id, platform, asset, followers):
 *   0 a1      facebook  account  100
 *   1 a2      facebook  page     2000
 *   2 a3      instagram account  unknown
 *   3 =evil   twitter   group    5
 *   4 ODD_ID  (none)    account  unknown
 * Cluster C1 = {0, 1, 2}.
 * Events: a1 Mon 09:00 (example.org + example.net URLs), a1 Mon 09:30
 * (example.org), a2 Tue 10:15 (example.org), a3 Sun 23:59 and the next
 * Mon 00:00, =evil Mon 09:10 (example.net, outside the cluster).
 * Kept pairs (traces url, object, text, network ran):
 *   a1-a2 url 2 + object 1 = 3     a1-a3 url 1 = 1     a2-a3 text 2 = 2
 *   a3-=evil url 2 = 2 (leaves C1) =evil-ODD network 1 = 1 (no cluster) */
static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    cib_store *s = fx->store = cib_store_new();
    add_account(s, "a1", "facebook", CIB_ASSET_ACCOUNT, 100);
    add_account(s, "a2", "facebook", CIB_ASSET_PAGE, 2000);
    add_account(s, "a3", "instagram", CIB_ASSET_ACCOUNT, CIB_UNKNOWN_FOLLOWERS);
    add_account(s, "=evil", "twitter", CIB_ASSET_GROUP, 5);
    add_account(s, ODD_ID, NULL, CIB_ASSET_ACCOUNT, CIB_UNKNOWN_FOLLOWERS);
    add_event(s, 0, MON + 9 * HOUR, "https://news.example.org/a",
              "https://b.example.net/x");
    add_event(s, 0, MON + 9 * HOUR + 1800, "https://example.org/b", NULL);
    add_event(s, 1, MON + DAY + 10 * HOUR + 900, "https://example.org/c",
              NULL);
    add_event(s, 2, MON + 6 * DAY + 23 * HOUR + 59 * 60, NULL, NULL);
    add_event(s, 2, MON + 7 * DAY, NULL, NULL);
    add_event(s, 3, MON + 9 * HOUR + 600, "https://example.net/y", NULL);

    /* url_domain aligned with url_ids, in the order added above */
    uint32_t org = intern(s, "example.org"), net = intern(s, "example.net");
    uint32_t dom[] = {org, net, org, org, net};
    assert_int_equal(s->events.n_urls, 5);
    fx->norm.url_domain = malloc(sizeof dom);
    memcpy(fx->norm.url_domain, dom, sizeof dom);

    fx->coord.n_pairs = 5;
    fx->coord.pairs = calloc(5, sizeof(cib_pair));
    set_pair(&fx->coord.pairs[0], 0, 1, CIB_TRACE_URL, 2, CIB_TRACE_OBJECT, 1);
    set_pair(&fx->coord.pairs[1], 0, 2, CIB_TRACE_URL, 1, CIB_TRACE_OBJECT, 0);
    set_pair(&fx->coord.pairs[2], 1, 2, CIB_TRACE_TEXT, 2, CIB_TRACE_URL, 0);
    set_pair(&fx->coord.pairs[3], 2, 3, CIB_TRACE_URL, 2, CIB_TRACE_TEXT, 0);
    set_pair(&fx->coord.pairs[4], 3, 4, CIB_TRACE_NETWORK, 1, CIB_TRACE_URL, 0);
    cib_trace ran[] = {CIB_TRACE_URL, CIB_TRACE_OBJECT, CIB_TRACE_TEXT,
                       CIB_TRACE_NETWORK};
    for (size_t i = 0; i < 4; i++)
        fx->coord.trace[ran[i]].ran = true;
    fx->coord.trace[CIB_TRACE_URL].pairs = 3;

    fx->clusters.n_clusters = 1;
    fx->clusters.clusters = calloc(1, sizeof(cib_cluster));
    fx->clusters.clusters[0].size = 3;
    fx->clusters.clusters[0].accounts = calloc(3, sizeof(uint32_t));
    for (uint32_t i = 0; i < 3; i++)
        fx->clusters.clusters[0].accounts[i] = i;
    fx->clusters.n_accounts = 5;
    fx->clusters.cluster_of = calloc(5, sizeof(uint32_t));
    fx->clusters.cluster_of[0] = fx->clusters.cluster_of[1] =
        fx->clusters.cluster_of[2] = 1;
    fx->clusters.modularity = 0.25;

    fx->ingest.rejected_rows = 2;
    fx->copt.window_s = 60;
    fx->copt.min_repeat = 2;
    fx->copt.max_window_accounts = 2000;
    fx->gopt.min_cluster = 3;
    fx->gopt.seed = 7;
    fx->gopt.resolution = 1.0;
    fx->files[0] = "in.csv";
    fx->files[1] = "<script>.csv";
    fx->in = (cib_report_input){
        .store = s, .norm = &fx->norm, .coord = &fx->coord,
        .clusters = &fx->clusters, .tzdb = NULL,
        .run = {.files = fx->files, .n_files = 2, .ingest = &fx->ingest,
                .coord = &fx->copt, .window_auto = false, .graph = &fx->gopt,
                .significance = true}};
    snprintf(fx->dir, sizeof fx->dir, "/tmp/cib-report-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    free(fx->norm.url_domain);
    free(fx->coord.pairs);
    free(fx->clusters.clusters[0].accounts);
    free(fx->clusters.clusters);
    free(fx->clusters.cluster_of);
    cib_store_free(fx->store);
    free(fx);
    return 0;
}

static char *slurp(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    /* whole files: report.html with its charts passes 64 KiB */
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size >= 0);
    rewind(f);
    char *buf = calloc(1, (size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    return buf;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ------------------------------------------------------------ report.json */

static void test_json(void **state)
{
    fixture *fx = *state;
    char out[128];
    snprintf(out, sizeof out, "%s/out", fx->dir);
    cib_error err = {0};
    assert_int_equal(cib_report_write(&fx->in, out, &err), 0);

    char path[256];
    snprintf(path, sizeof path, "%s/report.json", out);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    assert_non_null(root);

    /* top-level keys in the contract's order, extras after parameters */
    const char *order[] = {"tool",     "input",
                           "parameters", "stats",
                           "clusters", "publisher_networks"};
    size_t i = 0;
    for (void *it = json_object_iter(root); it && i < 6;
         it = json_object_iter_next(root, it))
        assert_string_equal(json_object_iter_key(it), order[i++]);
    assert_int_equal(json_object_size(root), 6);

    json_t *input = json_object_get(root, "input");
    assert_int_equal(json_integer_value(json_object_get(input, "events")), 6);
    assert_int_equal(json_integer_value(json_object_get(input, "accounts")), 5);
    assert_int_equal(
        json_integer_value(json_object_get(input, "rejected_rows")), 2);
    assert_string_equal(
        json_string_value(json_object_get(input, "first_time")),
        "2020-01-06T09:00:00Z");
    assert_string_equal(
        json_string_value(json_object_get(input, "last_time")),
        "2020-01-13T00:00:00Z");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(input, "files"), 1)),
                        "<script>.csv");

    json_t *par = json_object_get(root, "parameters");
    assert_int_equal(json_integer_value(json_object_get(par, "window_s")), 60);
    assert_true(json_is_false(json_object_get(par, "window_auto")));
    assert_int_equal(json_integer_value(json_object_get(par, "seed")), 7);
    json_t *traces = json_object_get(par, "traces");
    assert_int_equal(json_array_size(traces), 4); /* those that ran */
    assert_string_equal(json_string_value(json_array_get(traces, 0)), "url");
    assert_string_equal(json_string_value(json_array_get(traces, 3)),
                        "network");

    json_t *stats = json_object_get(root, "stats");
    assert_int_equal(json_integer_value(json_object_get(stats, "pairs_kept")),
                     5);
    json_t *ts = json_object_get(json_object_get(stats, "traces"), "url");
    assert_int_equal(json_integer_value(json_object_get(ts, "pairs")), 3);

    json_t *clusters = json_object_get(root, "clusters");
    assert_int_equal(json_array_size(clusters), 1);
    json_t *c = json_array_get(clusters, 0);
    assert_string_equal(json_string_value(json_object_get(c, "id")), "C1");
    json_t *acc = json_object_get(c, "accounts");
    assert_int_equal(json_array_size(acc), 3);
    assert_string_equal(json_string_value(json_array_get(acc, 2)), "a3");
    assert_int_equal(json_integer_value(json_object_get(c, "size")), 3);
    /* 100 + 2000; a3's count is unknown and adds nothing */
    assert_int_equal(json_integer_value(json_object_get(c, "followers_total")),
                     2100);
    assert_int_equal(json_integer_value(json_object_get(c, "followers_known")),
                     2);
    /* a1 2 + a2 1 + a3 2; =evil's event is outside */
    assert_int_equal(json_integer_value(json_object_get(c, "events")), 5);

    json_t *assets = json_object_get(c, "assets");
    assert_int_equal(json_integer_value(json_object_get(assets, "account")), 2);
    assert_int_equal(json_integer_value(json_object_get(assets, "page")), 1);
    assert_int_equal(json_integer_value(json_object_get(assets, "group")), 0);
    json_t *by = json_object_get(assets, "by_platform");
    assert_int_equal(json_object_size(by), 2);
    json_t *fb = json_object_get(by, "facebook");
    assert_int_equal(json_integer_value(json_object_get(fb, "account")), 1);
    assert_int_equal(json_integer_value(json_object_get(fb, "page")), 1);
    json_t *ig = json_object_get(by, "instagram");
    assert_int_equal(json_integer_value(json_object_get(ig, "account")), 1);
    /* facebook (2 accounts) before instagram (1) */
    assert_string_equal(json_object_iter_key(json_object_iter(by)), "facebook");

    /* density 3 pairs / 3 possible = 1; cohesion internal 3+1+2 = 6 over
     * 6 + the a3-=evil pair's 2 = 0.75 */
    assert_float_equal(json_real_value(json_object_get(c, "score")), 0.75,
                       1e-12);

    json_t *ev = json_object_get(c, "evidence");
    assert_int_equal(json_object_size(ev), 4); /* the traces that ran */
    assert_null(json_object_get(ev, "hashtag"));
    json_t *url = json_object_get(ev, "url");
    /* a1-a2 (2) and a1-a3 (1); a3-=evil leaves the cluster */
    assert_int_equal(json_integer_value(json_object_get(url, "pairs")), 2);
    assert_int_equal(json_integer_value(json_object_get(url, "total_weight")),
                     3);
    assert_int_equal(json_integer_value(json_object_get(url, "max_weight")), 2);
    json_t *text = json_object_get(ev, "text");
    assert_int_equal(json_integer_value(json_object_get(text, "pairs")), 1);
    assert_int_equal(json_integer_value(json_object_get(text, "total_weight")),
                     2);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(ev, "network"), "pairs")), 0);

    json_t *rh = json_object_get(c, "rhythm");
    /* no tz database: the zone and what hangs on it are null */
    assert_true(json_is_null(json_object_get(rh, "zone")));
    assert_true(json_is_null(json_object_get(rh, "utc_offset_hours")));
    assert_true(json_is_null(json_object_get(rh, "lunch_dip")));
    assert_int_equal(json_array_size(json_object_get(rh, "rest_days")), 0);
    assert_non_null(json_object_get(rh, "pattern"));
    json_t *how = json_object_get(rh, "hour_of_week_utc");
    assert_int_equal(json_array_size(how), 168);
    /* Mon 09:00 and 09:30 -> bin 9; Tue 10:15 -> 24 + 10 = 34; Sun 23:59
     * -> 6*24 + 23 = 167; the next Mon 00:00 -> 0 */
    json_int_t expect[168] = {0};
    expect[9] = 2;
    expect[34] = 1;
    expect[167] = 1;
    expect[0] = 1;
    for (int h = 0; h < 168; h++)
        assert_int_equal(json_integer_value(json_array_get(how, h)),
                         expect[h]);

    json_t *active = json_object_get(c, "active");
    assert_string_equal(json_string_value(json_object_get(active, "first")),
                        "2020-01-06T09:00:00Z");
    assert_string_equal(json_string_value(json_object_get(active, "last")),
                        "2020-01-13T00:00:00Z");
    assert_true(json_is_array(json_object_get(active, "peak_months")));

    /* example.org: a1's two events and a2's one; example.net: a1's second
     * URL (=evil's share is outside the cluster) */
    json_t *doms = json_object_get(c, "top_domains");
    assert_int_equal(json_array_size(doms), 2);
    json_t *d0 = json_array_get(doms, 0), *d1 = json_array_get(doms, 1);
    assert_string_equal(json_string_value(json_object_get(d0, "domain")),
                        "example.org");
    assert_int_equal(json_integer_value(json_object_get(d0, "shares")), 3);
    assert_string_equal(json_string_value(json_object_get(d1, "domain")),
                        "example.net");
    assert_int_equal(json_integer_value(json_object_get(d1, "shares")), 1);
    json_decref(root);

    /* the staging folder is gone */
    char staging[256];
    snprintf(staging, sizeof staging, "%s/.cibscan-staging-%ld", out,
             (long)getpid());
    assert_false(exists(staging));
}

/* ------------------------------------------------------------ tables */

static void test_tables(void **state)
{
    fixture *fx = *state;
    cib_error err = {0};
    assert_int_equal(cib_report_write(&fx->in, fx->dir, &err), 0);
    char *acc = slurp(fx->dir, "accounts.csv");
    /* degree/strength: a1 pairs a1-a2 (3), a1-a3 (1) -> 2, 4; a2: 3 + 2;
     * a3: 1 + 2 + 2; =evil: 2 + 1; ODD: 1.  "=evil" is neutralised, ODD
     * is quoted for its inner quote.  No tz database in this fixture and
     * under 50 events each, so zone, offset and pattern stay empty. */
    assert_string_equal(
        acc,
        "account_id,cluster_id,platform,asset_type,followers,events,degree,"
        "strength,zone,utc_offset_hours,pattern,publisher_network\n"
        "a1,C1,facebook,account,100,2,2,4,,,,\n"
        "a2,C1,facebook,page,2000,1,2,5,,,,\n"
        "a3,C1,instagram,account,,2,3,5,,,,\n"
        "'=evil,,twitter,group,5,1,2,3,,,,\n"
        "\"o<&>\"\"'\",,,account,,0,1,1,,,,\n");
    free(acc);
    char *edges = slurp(fx->dir, "edges.csv");
    assert_string_equal(edges,
                        "source,target,weight,url,object,text,network\n"
                        "a1,a2,3,2,1,0,0\n"
                        "a1,a3,1,1,0,0,0\n"
                        "a2,a3,2,0,0,2,0\n"
                        "a3,'=evil,2,2,0,0,0\n"
                        "'=evil,\"o<&>\"\"'\",1,0,0,0,1\n");
    free(edges);
    char *html = slurp(fx->dir, "report.html");
    assert_non_null(strstr(html, "&lt;script&gt;.csv"));
    assert_null(strstr(html, "<script>"));
    free(html);
}

/* GraphML read back with igraph: 5 nodes (every account is in a pair),
 * 5 edges of total weight 3 + 1 + 2 + 2 + 1 = 9, the odd id intact. */
static void test_graphml(void **state)
{
    fixture *fx = *state;
    cib_error err = {0};
    assert_int_equal(cib_report_write(&fx->in, fx->dir, &err), 0);
    char *xml = slurp(fx->dir, "network.graphml");
    assert_non_null(strstr(xml, "<node id=\"o&lt;&amp;&gt;&quot;&#39;\">"));
    assert_non_null(strstr(xml, "<data key=\"cluster\">C1</data>"));
    free(xml);

    char path[256];
    snprintf(path, sizeof path, "%s/network.graphml", fx->dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_t g;
    assert_int_equal(igraph_read_graph_graphml(&g, f, 0), IGRAPH_SUCCESS);
    fclose(f);
    assert_int_equal(igraph_vcount(&g), 5);
    assert_int_equal(igraph_ecount(&g), 5);
    double sum = 0;
    for (igraph_integer_t e = 0; e < 5; e++)
        sum += EAN(&g, "weight", e);
    assert_float_equal(sum, 9.0, 1e-9);
    /* (igraph's libxml2 reader hands back "&amp;" as "&#38;" inside
     * attribute values, so the odd id is checked in the text above.) */
    bool found = false;
    for (igraph_integer_t v = 0; v < 5; v++)
        found = found || strcmp(VAS(&g, "id", v), "=evil") == 0;
    assert_true(found);
    igraph_destroy(&g);
}

/* ------------------------------------------------------------ tally */

static void test_tally(void **state)
{
    fixture *fx = *state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cib_report_tally(&fx->in, f);
    fclose(f);
    assert_non_null(strstr(buf, "1 coordinated cluster: 3 of 5 accounts "
                                "(6 events, 5 pairs kept)\n"));
    assert_non_null(strstr(
        buf, "C1  3 accounts (2 account, 1 page, 0 group; facebook 2, "
             "instagram 1)  followers 2,100  active 2020-01-06 .. "
             "2020-01-13"));
    /* url has 2 internal pairs, object and text 1 each */
    assert_non_null(
        strstr(buf, "strongest evidence: url (2 pairs, weight 3)\n"));
    free(buf);

    cib_clustering none = {.n_accounts = 0};
    cib_report_input in = fx->in;
    in.clusters = &none;
    f = open_memstream(&buf, &len);
    cib_report_tally(&in, f);
    fclose(f);
    assert_string_equal(
        buf, "No coordinated clusters found (6 events, 5 accounts, 5 pairs "
             "kept).\n");
    free(buf);
}

/* ------------------------------------------------------------ publishers */

/* Accounts 3 and 4 ('=evil' and o<&>"') set apart as publisher network
 * P1, with an audience of 40 engagements by 35 accounts in no cluster. */
static void test_publishers(void **state)
{
    fixture *fx = *state;
    uint32_t members[2] = {3, 4}, of[5] = {0, 0, 0, 1, 1};
    cib_cluster pc = {.accounts = members, .size = 2};
    cib_clustering pub = {.clusters = &pc, .n_clusters = 1,
                          .cluster_of = of, .n_accounts = 5};
    cib_cluster_audience pa = {.engagement = 40, .from_outside = 40,
                               .outside_engagers = 35,
                               .followers_known = 1,
                               .followers_median = 5, .publisher = true};
    cib_audience_set aud = {.clusters = &pa, .n_clusters = 1,
                            .population_followers_median = 100};
    cib_report_input in = fx->in;
    in.publishers = &pub;
    in.publisher_audience = &aud;
    cib_error err = {0};
    assert_int_equal(cib_report_write(&in, fx->dir, &err), 0);
    char *acc = slurp(fx->dir, "accounts.csv");
    assert_non_null(strstr(acc, "\n'=evil,,twitter,group,5,1,2,3,,,,P1\n"));
    assert_non_null(strstr(acc, "\na1,C1,facebook,account,100,2,2,4,,,,\n"));
    free(acc);
    char *html = slurp(fx->dir, "report.html");
    assert_non_null(strstr(html, "<table id=\"publishers\">"));
    assert_non_null(strstr(html, "<td>P1</td><td class=\"n\">2</td>"
                                 "<td>=evil, o&lt;&amp;&gt;&quot;&#39;</td>"));
    free(html);
    json_error_t je;
    char path[200];
    snprintf(path, sizeof path, "%s/report.json", fx->dir);
    json_t *root = json_load_file(path, 0, &je);
    assert_non_null(root);
    json_t *p = json_array_get(json_object_get(root, "publisher_networks"), 0);
    assert_string_equal(json_string_value(json_object_get(p, "id")), "P1");
    assert_int_equal(json_integer_value(json_object_get(p, "size")), 2);
    json_t *e = json_object_get(p, "engagement");
    assert_int_equal(json_integer_value(json_object_get(e, "outside_engagers")),
                     35);
    assert_true(json_is_true(json_object_get(e, "publisher")));
    /* the clusters are untouched: C1 still has its 3 accounts */
    assert_int_equal(json_array_size(json_object_get(root, "clusters")), 1);
    json_decref(root);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cib_report_tally(&in, f);
    fclose(f);
    assert_non_null(strstr(buf, "1 publisher network set apart "));
    assert_non_null(strstr(buf, "P1  2 accounts  median followers 5  engaged "
                                "by 35 accounts in no cluster (0% of "
                                "engagement from its own accounts)\n"));
    free(buf);
}

/* ------------------------------------------------------------ failures */

/* The output folder's parent is a regular file: nothing can be created. */
static void test_fail_not_a_folder(void **state)
{
    fixture *fx = *state;
    char file[128], out[160];
    snprintf(file, sizeof file, "%s/plain", fx->dir);
    FILE *f = fopen(file, "w");
    fclose(f);
    snprintf(out, sizeof out, "%s/out", file);
    cib_error err = {0};
    assert_int_equal(cib_report_write(&fx->in, out, &err), CIB_EIO);
    assert_string_equal(err.file, file); /* the part that is wrong */
    assert_false(exists(out));
}

/* A write that fails halfway (file size limit, which binds root too):
 * the folders the call made are removed again. */
static void test_fail_write(void **state)
{
    fixture *fx = *state;
    char top[128], out[160];
    snprintf(top, sizeof top, "%s/new", fx->dir);
    snprintf(out, sizeof out, "%s/deeper", top);
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 64; /* report.json is longer */
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    cib_error err = {0};
    int rc = cib_report_write(&fx->in, out, &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    assert_int_equal(rc, CIB_EIO);
    char want[200];
    snprintf(want, sizeof want, "%s/report.json", out);
    assert_string_equal(err.file, want);
    assert_false(exists(top));
}

/* A target that is a folder stops the run before any rename: the other
 * files are not placed and no staging folder is left. */
static void test_fail_target_folder(void **state)
{
    fixture *fx = *state;
    char blocker[160];
    snprintf(blocker, sizeof blocker, "%s/edges.csv", fx->dir);
    assert_int_equal(mkdir(blocker, 0700), 0);
    cib_error err = {0};
    assert_int_equal(cib_report_write(&fx->in, fx->dir, &err), CIB_EIO);
    assert_string_equal(err.file, blocker);
    char path[160];
    snprintf(path, sizeof path, "%s/report.json", fx->dir);
    assert_false(exists(path));
    snprintf(path, sizeof path, "%s/.cibscan-staging-%ld", fx->dir,
             (long)getpid());
    assert_false(exists(path));
    assert_true(exists(fx->dir)); /* not ours to remove */
}

/* ------------------------------------------------------------ writers */

static char *csv(const char *s, unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(cib_csv_cells(f, s, flags), 0);
    fclose(f);
    return buf;
}

static void expect_csv(const char *in, unsigned flags, const char *want)
{
    char *got = csv(in, flags);
    assert_string_equal(got, want);
    free(got);
}

/* RFC 4180 section 2 rules 6-7, and OWASP's formula prefix. */
static void test_csv_cells(void **state)
{
    (void)state;
    const unsigned N = CIB_CSV_NEUTRALIZE;
    expect_csv("plain", N, "plain");
    expect_csv("", N, "");
    expect_csv("a,b", 0, "\"a,b\"");
    expect_csv("say \"hi\"", 0, "\"say \"\"hi\"\"\"");
    expect_csv("\"", 0, "\"\"\"\"");
    expect_csv("a\nb", 0, "\"a\nb\"");
    expect_csv("a\rb", 0, "\"a\rb\"");
    expect_csv("=1+2", 0, "=1+2"); /* only with the flag */
    expect_csv("=1+2", N, "'=1+2");
    expect_csv("+1", N, "'+1");
    expect_csv("-", N, "'-");
    expect_csv("@SUM(A1)", N, "'@SUM(A1)");
    expect_csv("\tx", N, "'\tx");
    expect_csv("a=b", N, "a=b"); /* only a leading sign counts */
    /* the prefix goes inside the quotes */
    expect_csv("=HYPERLINK(\"x\",\"y\")", N,
               "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

static void expect_markup(const char *in, size_t n, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(cib_markup_escape(f, in, n), 0);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
}

/* XML 1.0 section 2.2: controls other than TAB/LF/CR, U+FFFE and invalid
 * UTF-8 are not characters; each becomes U+FFFD. */
static void test_markup(void **state)
{
    (void)state;
    expect_markup("a&b<c>d\"e'f", 11, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    expect_markup("\t\n\r", 3, "&#9;&#10;&#13;");
    expect_markup("x\x01y", 3, "x\xEF\xBF\xBDy");
    expect_markup("\xff", 1, "\xEF\xBF\xBD");
    expect_markup("\xC3\xA9", 2, "\xC3\xA9");             /* e-acute kept */
    expect_markup("\xEF\xBF\xBE", 3, "\xEF\xBF\xBD");     /* U+FFFE */
    expect_markup("\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x80"); /* emoji kept */
    expect_markup("a\0b", 3, "a\xEF\xBF\xBD" "b");       /* NUL */
}

static void test_thousands(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(cib_report_thousands(0, buf, sizeof buf), "0");
    assert_string_equal(cib_report_thousands(999, buf, sizeof buf), "999");
    assert_string_equal(cib_report_thousands(1000, buf, sizeof buf), "1,000");
    assert_string_equal(cib_report_thousands(1234567, buf, sizeof buf),
                        "1,234,567");
    assert_string_equal(cib_report_thousands(-12345, buf, sizeof buf),
                        "-12,345");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tally, setup, teardown),
        cmocka_unit_test_setup_teardown(test_publishers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_not_a_folder, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_fail_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_target_folder, setup,
                                        teardown),
        cmocka_unit_test(test_csv_cells),
        cmocka_unit_test(test_markup),
        cmocka_unit_test(test_thousands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
