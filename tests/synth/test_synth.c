/*
 * test_synth.c — the simulator: repeatable bytes for a seed, the size
 * asked for, ground truth that covers the planted networks, the office
 * shift in local time across a DST change, rest days, round-the-clock
 * work, bursts, sister news pages, light edits, and references that never
 * point forward in time.  Needs the system tz database (tzdata).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/common.h"
#include "ingest/ingest.h"
#include "synth/rng.h"
#include "synth/synth.h"
#include "synth/vocab.h"

#define HEADER                                                              \
    "account_id,time,action,post_id,object_id,url,text,hashtags,network,"   \
    "platform,asset_type,followers,account_created,profile_image\n"
#define NCOLS 14
enum { C_ACCOUNT, C_TIME, C_ACTION, C_POST, C_OBJECT, C_URL, C_TEXT, C_TAGS,
       C_NETWORK };

typedef struct output {
    char *events, *truth;
    size_t n_events, n_truth;
} output;

static void run(const cib_synth_options *opt, output *out)
{
    FILE *ev = open_memstream(&out->events, &out->n_events);
    FILE *tr = open_memstream(&out->truth, &out->n_truth);
    cib_error err = {0};
    int rc = cib_synth_write(opt, NULL, ev, "mem", tr, "truth", &err);
    if (rc != 0)
        fprintf(stderr, "synth: %s\n", err.message);
    assert_int_equal(rc, 0);
    fclose(ev);
    fclose(tr);
}

static void release(output *out)
{
    free(out->events);
    free(out->truth);
}

/* A small world: 20,000 events of the office scenario over four weeks
 * from Monday 2019-03-18 (EU clocks go forward on Sunday 2019-03-31). */
static void small(cib_synth_options *opt, uint64_t seed)
{
    cib_synth_options_init(opt);
    opt->seed = seed;
    opt->events = 20000;
    opt->start = INT64_C(1552867200); /* 2019-03-18T00:00:00Z, a Monday */
    opt->days = 28;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Split one CSV line (no newlines inside cells) into at most max cells,
 * unquoting in place; returns the number of cells. */
static size_t split(char *line, char **cells, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        cells[n++] = p;
        if (*p == '"') {
            char *q = p + 1;
            for (;;) {
                if (*q == '"' && q[1] == '"') {
                    *out++ = '"';
                    q += 2;
                } else if (*q == '"') {
                    q++;
                    break;
                } else {
                    *out++ = *q++;
                }
            }
            p = q;
        } else {
            while (*p && *p != ',')
                *out++ = *p++;
        }
        char c = *p;
        *out = '\0';
        if (c != ',')
            break;
        p++;
    }
    return n;
}

/* The truth rows: account -> network label ("" organic) and kind. */
typedef struct truth_row {
    char account[16], network[8], kind[8];
} truth_row;

static truth_row *read_truth(char *text, size_t *n)
{
    size_t cap = count_lines(text);
    truth_row *rows = calloc(cap, sizeof *rows);
    *n = 0;
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    assert_string_equal(line, "account_id,network_id,kind,operator");
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *cell[4];
        assert_int_equal(split(line, cell, 4), 4);
        truth_row *r = &rows[(*n)++];
        snprintf(r->account, sizeof r->account, "%s", cell[0]);
        snprintf(r->network, sizeof r->network, "%s", cell[1]);
        snprintf(r->kind, sizeof r->kind, "%s", cell[2]);
    }
    return rows;
}

/* Account ids are "u" and a zero-padded number: the number indexes. */
static long account_number(const char *id)
{
    return strtol(id + 1, NULL, 10);
}

/* Calls fn for every data row, cells split. */
typedef void (*row_fn)(char **cells, void *ctx);
static void each_row(char *events, row_fn fn, void *ctx)
{
    char *save = NULL;
    char *line = strtok_r(events, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *cell[NCOLS];
        assert_int_equal(split(line, cell, NCOLS), NCOLS);
        fn(cell, ctx);
    }
}

static int64_t parse_time(const char *s)
{
    int64_t t;
    assert_true(cib_parse_time(s, strlen(s), &t));
    return t;
}

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    cib_synth_options opt;
    small(&opt, 42);
    output a = {0}, b = {0};
    run(&opt, &a);
    run(&opt, &b);
    assert_int_equal(a.n_events, b.n_events);
    assert_int_equal(cib_hash64(a.events, a.n_events, 0),
                     cib_hash64(b.events, b.n_events, 0));
    assert_int_equal(cib_hash64(a.truth, a.n_truth, 0),
                     cib_hash64(b.truth, b.n_truth, 0));
    release(&a);
    release(&b);
}

static void test_other_seed_other_bytes(void **state)
{
    (void)state;
    cib_synth_options opt;
    output a = {0}, b = {0};
    small(&opt, 42);
    run(&opt, &a);
    small(&opt, 43);
    run(&opt, &b);
    assert_int_not_equal(cib_hash64(a.events, a.n_events, 0),
                         cib_hash64(b.events, b.n_events, 0));
    release(&a);
    release(&b);
}

/* The budget is solved so the expected total is what was asked; Poisson
 * noise and the farm's burst months keep the count within 10% for every
 * scenario at 20,000 events (`small` at 60,000: its 50,000 organic
 * accounts are pinned).  Organic bursts are the lumpiest part: at most
 * half the organic events (the bursts scenario) in about 100 bursts a
 * year, so their sd is under 0.5 * 1.13 / sqrt(100), 6%, of the total
 * and far less elsewhere.  The truth file has a row per account: with
 * organic accounts at the default 40 events each, the office scenario at
 * 20,000 events has round((20000 - 5% farm - 4% news) / 40) = 455 organic
 * accounts, 6 news pages and 3 x 8 planted. */
static void test_size_and_truth_rows(void **state)
{
    (void)state;
    for (size_t s = 0; cib_synth_scenarios[s]; s++) {
        cib_synth_options opt;
        cib_error err;
        assert_int_equal(cib_synth_scenario(&opt, cib_synth_scenarios[s],
                                            &err), 0);
        bool small_one = strcmp(cib_synth_scenarios[s], "small") == 0;
        opt.events = small_one ? 60000 : 20000;
        opt.days = 365;
        output o = {0};
        run(&opt, &o);
        assert_true(strncmp(o.events, HEADER, strlen(HEADER)) == 0);
        size_t rows = count_lines(o.events) - 1;
        assert_in_range(rows, opt.events * 9 / 10, opt.events * 11 / 10);
        if (strcmp(cib_synth_scenarios[s], "office") == 0)
            assert_int_equal(count_lines(o.truth), 1 + 455 + 6 + 24);
        if (small_one)
            assert_int_equal(count_lines(o.truth), 1 + 50000 + 6 + 6);
        release(&o);
    }
}

/* Rows are in time order; every post id is new; every object id is a
 * post made earlier in the file (a repost or comment never points at a
 * later post). */
typedef struct order_ctx {
    int64_t prev;
    char (*posts)[20];
    size_t n_posts, cap;
    size_t dangling;
} order_ctx;

static int cmp_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void order_row(char **cell, void *ctx)
{
    order_ctx *c = ctx;
    int64_t t = parse_time(cell[C_TIME]);
    assert_true(t >= c->prev);
    c->prev = t;
    if (cell[C_OBJECT][0]) {
        bool found = false;
        for (size_t i = 0; i < c->n_posts && !found; i++)
            found = strcmp(c->posts[i], cell[C_OBJECT]) == 0;
        c->dangling += !found;
    }
    if (cell[C_POST][0]) {
        assert_true(c->n_posts < c->cap);
        snprintf(c->posts[c->n_posts++], 20, "%s", cell[C_POST]);
    }
}

static void test_order_and_references(void **state)
{
    (void)state;
    cib_synth_options opt;
    small(&opt, 5);
    opt.events = 4000;
    output o = {0};
    run(&opt, &o);
    order_ctx c = {.prev = INT64_MIN, .cap = count_lines(o.events)};
    c.posts = calloc(c.cap, sizeof *c.posts);
    each_row(o.events, order_row, &c);
    assert_int_equal(c.dangling, 0);
    /* post ids are unique */
    qsort(c.posts, c.n_posts, sizeof *c.posts, cmp_id);
    for (size_t i = 1; i < c.n_posts; i++)
        assert_true(strcmp(c.posts[i - 1], c.posts[i]) != 0);
    free(c.posts);
    release(&o);
}

/* The office farm (Europe/Tirane, 9-18, lunch 13 keeping 15%, Sat and Sun
 * off; three networks N1-N3 of 8 accounts): local time is UTC+1 until 2019-03-31 01:00 UTC and UTC+2 after.
 * Every planted event falls between 09:00 and 19:00 local (the shift,
 * plus at most 15 minutes' late start and 45 minutes of copy delay), so
 * between 08 and 18 UTC before the change and 07 and 17 UTC after; none
 * on a local Saturday or Sunday; and the lunch hour holds few events
 * (15% of an hour's share, plus copies spilling over from 12:xx). */
typedef struct office_ctx {
    truth_row *truth;
    size_t n_truth;
    size_t planted, lunch, before, after, site_links, organic_site_links;
    bool acted[64];
    long numbers[64];
    size_t n_numbers;
} office_ctx;

static int planted_index(office_ctx *c, const char *account)
{
    long n = account_number(account);
    for (size_t i = 0; i < c->n_numbers; i++)
        if (c->numbers[i] == n)
            return (int)i;
    return -1;
}

static void office_row(char **cell, void *ctx)
{
    office_ctx *c = ctx;
    int i = planted_index(c, cell[C_ACCOUNT]);
    bool site = strstr(cell[C_URL], "/article/") != NULL;
    if (i < 0) {
        c->organic_site_links += site;
        return;
    }
    c->site_links += site;
    c->acted[i] = true;
    c->planted++;
    int64_t t = parse_time(cell[C_TIME]);
    int64_t change = INT64_C(1553994000); /* 2019-03-31T01:00:00Z */
    int64_t local = t + (t < change ? 3600 : 7200);
    int hour = (int)(local % 86400 / 3600);
    int weekday = (int)((local / 86400 + 3) % 7); /* 1970-01-01: Thursday */
    assert_true(hour >= 9 && hour < 19);
    assert_true(weekday < 5);
    c->lunch += hour == 13;
    c->before += t < change;
    c->after += t >= change;
}

static void test_office_shift_across_dst(void **state)
{
    (void)state;
    cib_synth_options opt;
    small(&opt, 9);
    output o = {0};
    run(&opt, &o);
    office_ctx c = {0};
    c.truth = read_truth(o.truth, &c.n_truth);
    size_t per_network[3] = {0};
    for (size_t i = 0; i < c.n_truth; i++)
        if (c.truth[i].network[0]) {
            assert_string_equal(c.truth[i].kind, "farm");
            assert_true(c.truth[i].network[0] == 'N' &&
                        c.truth[i].network[1] >= '1' &&
                        c.truth[i].network[1] <= '3');
            per_network[c.truth[i].network[1] - '1']++;
            c.numbers[c.n_numbers++] = account_number(c.truth[i].account);
        }
    assert_int_equal(c.n_numbers, 24);
    for (int k = 0; k < 3; k++)
        assert_int_equal(per_network[k], 8);
    each_row(o.events, office_row, &c);
    for (size_t i = 0; i < 24; i++)
        assert_true(c.acted[i]);
    /* 5% of 20,000 events, give or take the farm's noise */
    assert_in_range(c.planted, 600, 1600);
    assert_true(c.before > 100 && c.after > 100);
    /* a flat shift of 9 hours puts 1/9 = 11% in any one hour */
    assert_true(c.lunch * 20 < c.planted);
    /* only the network links to its own sites */
    assert_true(c.site_links > 50);
    assert_int_equal(c.organic_site_links, 0);
    free(c.truth);
    release(&o);
}

/* Tehran's network rests on Fridays and writes Persian; a round-the-clock
 * network works every hour of every day. */
typedef struct week_ctx {
    long numbers[64];
    size_t n_numbers;
    int offset_s;
    size_t by_day[7], by_hour[24], persian;
} week_ctx;

static void week_row(char **cell, void *ctx)
{
    week_ctx *c = ctx;
    long n = account_number(cell[C_ACCOUNT]);
    bool planted = false;
    for (size_t i = 0; i < c->n_numbers && !planted; i++)
        planted = c->numbers[i] == n;
    if (!planted)
        return;
    int64_t local = parse_time(cell[C_TIME]) + c->offset_s;
    c->by_day[(local / 86400 + 3) % 7]++;
    c->by_hour[local % 86400 / 3600]++;
    /* Persian letters are 2-byte UTF-8 starting 0xD8..0xDB */
    unsigned char b = (unsigned char)cell[C_TEXT][0];
    c->persian += b >= 0xD8 && b <= 0xDB;
}

static void planted_of(char *truth, week_ctx *c)
{
    size_t n;
    truth_row *rows = read_truth(truth, &n);
    for (size_t i = 0; i < n; i++)
        if (rows[i].network[0])
            c->numbers[c->n_numbers++] = account_number(rows[i].account);
    free(rows);
}

static void test_tehran_rests_on_friday(void **state)
{
    (void)state;
    cib_synth_options opt;
    cib_synth_options_init(&opt);
    opt.events = 20000;
    opt.start = INT64_C(1609113600); /* Monday 2020-12-28, Iran in winter */
    opt.days = 56;                   /* to 2021-02-21: +03:30 throughout */
    opt.n_networks = 1;
    cib_synth_network_init(&opt.networks[0]);
    cib_error err;
    assert_int_equal(cib_synth_network_parse(&opt.networks[0],
                         "zone=Asia/Tehran,rest=Fri,shift=8-17,lang=fa,"
                         "accounts=12,operators=2,share=0.1", &err), 0);
    output o = {0};
    run(&opt, &o);
    week_ctx c = {.offset_s = 12600};
    planted_of(o.truth, &c);
    assert_int_equal(c.n_numbers, 12);
    each_row(o.events, week_row, &c);
    assert_int_equal(c.by_day[4], 0); /* Friday */
    assert_true(c.by_day[5] > 0 && c.by_day[6] > 0);
    for (int h = 0; h < 8; h++)
        assert_int_equal(c.by_hour[h], 0);
    /* every planted text is Persian save the network-less reposts */
    assert_true(c.persian > 500);
    release(&o);
}

static void test_round_the_clock(void **state)
{
    (void)state;
    cib_synth_options opt;
    cib_error err;
    assert_int_equal(cib_synth_scenario(&opt, "clock", &err), 0);
    opt.events = 30000;
    opt.start = INT64_C(1578268800); /* 2020-01-06, Moscow: +3 all year */
    opt.days = 28;
    output o = {0};
    run(&opt, &o);
    week_ctx c = {.offset_s = 10800};
    planted_of(o.truth, &c);
    assert_int_equal(c.n_numbers, 30);
    each_row(o.events, week_row, &c);
    for (int d = 0; d < 7; d++)
        assert_true(c.by_day[d] > 0);
    /* three 8-hour shifts: every local hour busy */
    for (int h = 0; h < 24; h++)
        assert_true(c.by_hour[h] > 0);
    release(&o);
}

/* The bursts scenario has no planted account; with bursts of 200 sharers
 * (--burst-size), a breaking story reaches over 100 sharers within 15
 * minutes of its first share (60% share the first outlet's story; delays
 * exponential with mean 4 minutes put 97% inside 15 minutes). */
typedef struct burst_ctx {
    char url[256][160];
    int64_t first[256];
    size_t count[256], n;
    size_t best;
} burst_ctx;

static void burst_row(char **cell, void *ctx)
{
    burst_ctx *c = ctx;
    if (strcmp(cell[C_ACTION], "share") || cell[C_TAGS][0] == '\0')
        return;
    /* breaking-news shares carry the event's hashtag; key by URL path */
    const char *path = strstr(cell[C_URL], "/");
    path = path ? strchr(path + 2, '/') : NULL;
    if (path == NULL)
        return;
    char key[160];
    snprintf(key, sizeof key, "%.*s", (int)strcspn(path, "?"), path);
    int64_t t = parse_time(cell[C_TIME]);
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->url[i], key) == 0) {
            if (t - c->first[i] <= 900 && ++c->count[i] > c->best)
                c->best = c->count[i];
            return;
        }
    size_t i = c->n < 256 ? c->n++ : 255;
    snprintf(c->url[i], sizeof c->url[i], "%s", key);
    c->first[i] = t;
    c->count[i] = 1;
}

static void test_bursts_without_farm(void **state)
{
    (void)state;
    cib_synth_options opt;
    cib_error err;
    assert_int_equal(cib_synth_scenario(&opt, "bursts", &err), 0);
    opt.events = 20000;
    opt.days = 30;
    opt.burst_size = 200;
    output o = {0};
    run(&opt, &o);
    size_t n;
    truth_row *rows = read_truth(o.truth, &n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(rows[i].network, "");
    free(rows);
    burst_ctx *c = calloc(1, sizeof *c);
    each_row(o.events, burst_row, c);
    /* 40% of sharers tag: > 100 sharers within 15 minutes means > 40
     * tagged ones on average; ask for 30 */
    assert_true(c->best >= 30);
    free(c);
    release(&o);
}

/* Sister news pages post the same story within 20 seconds of each other
 * when their group's tool posts to all pages on one tick. */
typedef struct sister_ctx {
    long news[64];
    size_t n_news;
    char url[64][160];
    int64_t t[64];
    long who[64];
    size_t head, close;
} sister_ctx;

static void sister_row(char **cell, void *ctx)
{
    sister_ctx *c = ctx;
    long n = account_number(cell[C_ACCOUNT]);
    bool news = false;
    for (size_t i = 0; i < c->n_news && !news; i++)
        news = c->news[i] == n;
    if (!news)
        return;
    int64_t t = parse_time(cell[C_TIME]);
    for (size_t i = 0; i < 64; i++)
        if (c->who[i] && c->who[i] != n && t - c->t[i] <= 20 &&
            strcmp(c->url[i], cell[C_URL]) == 0)
            c->close++;
    size_t i = c->head++ % 64;
    snprintf(c->url[i], sizeof c->url[i], "%s", cell[C_URL]);
    c->t[i] = t;
    c->who[i] = n;
}

static void test_sister_pages_copost(void **state)
{
    (void)state;
    cib_synth_options opt;
    cib_error err;
    assert_int_equal(cib_synth_scenario(&opt, "newsroom", &err), 0);
    opt.events = 20000;
    opt.days = 30;
    output o = {0};
    run(&opt, &o);
    size_t n;
    truth_row *rows = read_truth(o.truth, &n);
    sister_ctx *c = calloc(1, sizeof *c);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].kind, "news") == 0)
            c->news[c->n_news++] = account_number(rows[i].account);
    free(rows);
    assert_int_equal(c->n_news, 6 * 4 + 10);
    each_row(o.events, sister_row, c);
    assert_true(c->close > 20);
    free(c);
    release(&o);
}

/* Word sets of a text. */
static size_t words(char *s, char **out, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *w = strtok_r(s, " ,.!", &save); w && n < max;
         w = strtok_r(NULL, " ,.!", &save))
        out[n++] = w;
    return n;
}

/* A light edit is 1 or 2 operations, each taking at most one word out of
 * the message's word set and putting at most one in (a replaced word, a
 * dropped one, a swap, a decoration or prefix): with n >= 6 distinct
 * words (14 to 30 drawn from 70) the Jaccard of the word sets is at least
 * (n - 2) / (n + 2) >= 0.5.  Most edits change the text.  In Persian, some
 * edit types the Arabic yeh or kaf (U+064A, U+0643: UTF-8 D9 8A, D9 83)
 * the original never has. */
static void test_light_edits(void **state)
{
    (void)state;
    size_t changed = 0;
    for (uint64_t seed = 1; seed <= 200; seed++) {
        char a[512], b[512];
        synth_text(a, sizeof a, SYNTH_TEXT_MESSAGE, CIB_SYNTH_EN, seed, 0);
        synth_text(b, sizeof b, SYNTH_TEXT_MESSAGE, CIB_SYNTH_EN, seed,
                   1 + seed % 250);
        changed += strcmp(a, b) != 0;
        char *wa[64], *wb[64];
        size_t na = words(a, wa, 64), nb = words(b, wb, 64);
        size_t inter = 0, uni = nb;
        for (size_t i = 0; i < na; i++) {
            bool dup = false, in_b = false;
            for (size_t j = 0; j < i && !dup; j++)
                dup = strcmp(wa[i], wa[j]) == 0;
            if (dup)
                continue;
            for (size_t j = 0; j < nb && !in_b; j++)
                in_b = strcmp(wa[i], wb[j]) == 0;
            inter += in_b;
            uni += !in_b;
        }
        /* uni counted b's words with repeats: an upper bound, so the
         * ratio is a lower bound on the Jaccard */
        assert_true(inter * 1000 >= 500 * uni);
    }
    assert_true(changed > 150);
    char p[512], q[512];
    size_t np = synth_text(p, sizeof p, SYNTH_TEXT_MESSAGE, CIB_SYNTH_FA, 77, 0);
    assert_true(np > 20);
    assert_true((unsigned char)p[0] >= 0xD8);
    assert_null(strstr(p, "\xD9\x8A"));
    assert_null(strstr(p, "\xD9\x83"));
    size_t arabic = 0;
    for (unsigned e = 1; e <= 50; e++) {
        synth_text(q, sizeof q, SYNTH_TEXT_MESSAGE, CIB_SYNTH_FA, 77, e);
        arabic += strstr(q, "\xD9\x8A") || strstr(q, "\xD9\x83");
    }
    assert_true(arabic > 0);
}

/* Walker's alias draws in proportion: weights 1:2:3:4 over 100,000 draws
 * give shares 0.1, 0.2, 0.3, 0.4; the binomial sd is at most 0.0016, so
 * 0.01 is over 6 sd. */
static void test_alias_proportions(void **state)
{
    (void)state;
    const double w[4] = {1, 2, 3, 4};
    cib_alias a;
    assert_int_equal(cib_alias_init(&a, w, 4), 0);
    cib_rng r;
    cib_rng_seed(&r, 3);
    size_t count[4] = {0};
    for (int i = 0; i < 100000; i++)
        count[cib_alias_draw(&a, &r)]++;
    for (int i = 0; i < 4; i++) {
        double share = count[i] / 100000.0;
        assert_true(share > w[i] / 10 - 0.01 && share < w[i] / 10 + 0.01);
    }
    cib_alias_free(&a);
}

/* Lemire's bounded draw stays below n and is uniform over 3 values
 * (100,000 draws: each share within 0.01 of 1/3, over 6 sd). */
static void test_rng_below(void **state)
{
    (void)state;
    cib_rng r;
    cib_rng_seed(&r, 11);
    size_t count[3] = {0};
    for (int i = 0; i < 100000; i++) {
        uint64_t x = cib_rng_below(&r, 3);
        assert_true(x < 3);
        count[x]++;
    }
    for (int i = 0; i < 3; i++)
        assert_true(count[i] > 32333 && count[i] < 34333);
    assert_int_equal(cib_rng_below(&r, 1), 0);
}

static void test_network_spec(void **state)
{
    (void)state;
    cib_synth_network n;
    cib_error err;
    cib_synth_network_init(&n);
    assert_int_equal(cib_synth_network_parse(&n,
                         "zone=America/New_York,lunch=none,rest=Sat+Sun,"
                         "shift=8.5-17,clock=0,first=2020-03-01", &err), 0);
    assert_string_equal(n.zone, "America/New_York");
    assert_int_equal(n.lunch_hour, -1);
    assert_int_equal(n.rest_days, (1 << 5) | (1 << 6));
    assert_true(n.shift_start == 8.5 && n.shift_end == 17);
    assert_int_equal(n.first, INT64_C(1583020800)); /* 2020-03-01Z */
    assert_int_equal(cib_synth_network_parse(&n, "rest=Caturday", &err),
                     CIB_EUSAGE);
    assert_int_equal(cib_synth_network_parse(&n, "shift=18-9", &err),
                     CIB_EUSAGE);
    assert_int_equal(cib_synth_network_parse(&n, "colour=red", &err),
                     CIB_EUSAGE);
    cib_synth_options opt;
    assert_int_equal(cib_synth_scenario(&opt, "nope", &err), CIB_EUSAGE);
    /* a zone the tz database lacks is a usage error, found at write */
    cib_synth_options_init(&opt);
    snprintf(opt.networks[0].zone, sizeof opt.networks[0].zone, "Mars/Base");
    opt.events = 1000;
    opt.days = 7;
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(cib_synth_write(&opt, NULL, f, "x", NULL, NULL, &err),
                     CIB_EUSAGE);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_other_seed_other_bytes),
        cmocka_unit_test(test_size_and_truth_rows),
        cmocka_unit_test(test_order_and_references),
        cmocka_unit_test(test_office_shift_across_dst),
        cmocka_unit_test(test_tehran_rests_on_friday),
        cmocka_unit_test(test_round_the_clock),
        cmocka_unit_test(test_bursts_without_farm),
        cmocka_unit_test(test_sister_pages_copost),
        cmocka_unit_test(test_light_edits),
        cmocka_unit_test(test_alias_proportions),
        cmocka_unit_test(test_rng_below),
        cmocka_unit_test(test_network_spec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
