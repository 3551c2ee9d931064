/*
 * test_coortweet.c — conformance: the plain co-action rule reproduces the
 * pair counts that ../shared/data/real/README.md (section 4, "Computed
 * here, as a simple pair count") states for the CooRTweet benchmark data
 * (Righetti & Balluff, CooRTweet, github.com/nicolarighetti/CooRTweet):
 *
 *   russian_coord_tweets.csv, object trace (co-retweets), W = 60 s,
 *   min_repeat 2: 32 pairs covering 58 accounts; W = 10 s: 2 pairs.
 *   german_elections_part1+2.csv, url trace on url_id, W = 30 s,
 *   min_repeat 2: 925 pairs covering 358 accounts, none across platforms.
 *
 * The files are plain CSV (no quoted fields: checked, no '"' occurs), so
 * a few lines of reading suffice here.  Skipped when CIBSCAN_SHARED is
 * not set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "coord/coord.h"

#define MAX_COLS 8

/* Which column of the file feeds which event field (-1: none). */
typedef struct columns {
    int account, time, object, url;
} columns;

static int column(char *const *names, int n, const char *want)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], want) == 0)
            return i;
    return -1;
}

/* Split line in place on ','; returns the field count. */
static int split(char *line, char **f)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line;; p++) {
        f[n++] = p;
        p = strchr(p, ',');
        if (p == NULL || n == MAX_COLS)
            return n;
        *p = '\0';
    }
}

static uint32_t S(cib_store *s, const char *str)
{
    return cib_strings_intern(s->strings, str, strlen(str));
}

/* Append every row of path to s; returns the row count, or -1 when the
 * file is missing. */
static long load(cib_store *s, const char *path, const char *account,
                 const char *time, const char *object, const char *url)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char line[1024], *fld[MAX_COLS];
    assert_non_null(fgets(line, sizeof line, f));
    int nc = split(line, fld);
    columns c = {column(fld, nc, account), column(fld, nc, time),
                 object ? column(fld, nc, object) : -1,
                 url ? column(fld, nc, url) : -1};
    assert_true(c.account >= 0 && c.time >= 0);
    long rows = 0;
    while (fgets(line, sizeof line, f)) {
        assert_int_equal(split(line, fld), nc);
        uint32_t acct, u = c.url >= 0 ? S(s, fld[c.url]) : 0;
        assert_int_equal(cib_store_account(s, S(s, fld[c.account]), &acct), 0);
        cib_event_in ev = {.account = acct,
                           .time = strtoll(fld[c.time], NULL, 10),
                           .action = CIB_ACTION_REPOST,
                           .object = c.object >= 0 ? S(s, fld[c.object]) : 0,
                           .urls = &u, .n_urls = u ? 1 : 0};
        assert_int_equal(cib_store_append(s, &ev), 0);
        rows++;
    }
    fclose(f);
    return rows;
}

/* Distinct accounts over the kept pairs. */
static size_t accounts_in(const cib_coord_result *r, size_t n_accounts)
{
    unsigned char *seen = calloc(n_accounts, 1);
    size_t k = 0;
    for (size_t i = 0; i < r->n_pairs; i++) {
        k += !seen[r->pairs[i].a] + !seen[r->pairs[i].b];
        seen[r->pairs[i].a] = seen[r->pairs[i].b] = 1;
    }
    free(seen);
    return k;
}

static void run(cib_coord_result *r, const cib_store *s, const cib_norm *n,
                cib_trace t, int64_t w)
{
    cib_coord_options opt;
    cib_coord_options_init(&opt);
    opt.significance = false; /* the README's figures are plain counts */
    for (int i = 0; i < CIB_TRACE_COUNT; i++)
        opt.traces[i] = i == (int)t;
    opt.window_s = w;
    opt.min_repeat = 2;
    cib_error err;
    assert_int_equal(cib_coord_run(r, s, n, &opt, &err), 0);
}

static void test_russian_co_retweets(void **state)
{
    (void)state;
    const char *shared = getenv("CIBSCAN_SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/coortweet/russian_coord_tweets.csv",
             shared ? shared : "");
    cib_store *s = cib_store_new();
    long rows = shared ? load(s, path, "account_id", "timestamp_share",
                              "object_id", NULL)
                       : -1;
    if (rows < 0) {
        cib_store_free(s);
        skip();
    }
    /* README: 35,125 rows, 9,509 accounts */
    assert_int_equal(rows, 35125);
    assert_int_equal(s->accounts.n, 9509);
    cib_coord_result r;
    run(&r, s, NULL, CIB_TRACE_OBJECT, 60);
    assert_int_equal(r.n_pairs, 32);
    assert_int_equal(accounts_in(&r, s->accounts.n), 58);
    /* README: 7,285 retweeted objects, each a key */
    assert_int_equal(r.trace[CIB_TRACE_OBJECT].keys, 7285);
    assert_int_equal(r.trace[CIB_TRACE_OBJECT].saturated_keys, 0);
    cib_coord_result_free(&r);
    run(&r, s, NULL, CIB_TRACE_OBJECT, 10);
    assert_int_equal(r.n_pairs, 2);
    cib_coord_result_free(&r);
    cib_store_free(s);
}

static void test_german_co_links(void **state)
{
    (void)state;
    const char *shared = getenv("CIBSCAN_SHARED");
    cib_store *s = cib_store_new();
    long rows = 0;
    for (int part = 1; part <= 2 && rows >= 0; part++) {
        char path[1024];
        snprintf(path, sizeof path,
                 "%s/coortweet/german_elections_part%d.csv",
                 shared ? shared : "", part);
        long k = shared ? load(s, path, "account_id", "timestamp", NULL,
                               "url_id")
                        : -1;
        rows = k < 0 ? -1 : rows + k;
    }
    if (rows < 0) {
        cib_store_free(s);
        skip();
    }
    assert_int_equal(rows, 103473 + 115498);
    cib_norm norm = {0};
    cib_error err;
    assert_int_equal(cib_norm_build(&norm, s, &err), 0);
    cib_coord_result r;
    run(&r, s, &norm, CIB_TRACE_URL, 30);
    assert_int_equal(r.n_pairs, 925);
    assert_int_equal(accounts_in(&r, s->accounts.n), 358);
    /* README: 11,960 distinct URLs (opaque ids, kept as they are) */
    assert_int_equal(r.trace[CIB_TRACE_URL].keys, 11960);
    size_t cross = 0;
    for (size_t i = 0; i < r.n_pairs; i++) {
        const char *a = cib_strings_get(
            s->strings, s->accounts.id[r.pairs[i].a], NULL);
        const char *b = cib_strings_get(
            s->strings, s->accounts.id[r.pairs[i].b], NULL);
        cross += strncmp(a, b, 3) != 0; /* "fb_" vs "tw_" */
    }
    assert_int_equal(cross, 0);
    cib_coord_result_free(&r);
    cib_norm_free(&norm);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_russian_co_retweets),
        cmocka_unit_test(test_german_co_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
