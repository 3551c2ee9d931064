/*
 * test_synth.c — the simulator: repeatable bytes for a seed, the size
 * asked for, ground truth that covers the planted network, and the
 * network's office shift visible in its rows.
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
#include "synth/synth.h"

#define HEADER                                                              \
    "account_id,time,action,post_id,object_id,url,text,hashtags,network,"   \
    "platform,asset_type,followers\n"

typedef struct output {
    char *events, *truth;
    size_t n_events, n_truth;
} output;

static void run(const cib_synth_options *opt, output *out)
{
    FILE *ev = open_memstream(&out->events, &out->n_events);
    FILE *tr = open_memstream(&out->truth, &out->n_truth);
    cib_error err = {0};
    assert_int_equal(cib_synth_write(opt, ev, "mem", tr, &err), 0);
    fclose(ev);
    fclose(tr);
}

static void release(output *out)
{
    free(out->events);
    free(out->truth);
}

/* A small world: 20,000 events of 300 ordinary accounts and a planted
 * network of 24 over four weeks from Monday 2020-01-06, office at UTC+1. */
static void small(cib_synth_options *opt, uint64_t seed)
{
    cib_synth_options_init(opt);
    opt->seed = seed;
    opt->events = 20000;
    opt->organic_accounts = 300;
    opt->network_accounts = 24;
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

/* Every account's daily count is Poisson around a rate normalised so the
 * expected total is the 20,000 asked for; the spread (sd ~ 150 plus the
 * weekday mix) stays far inside 10%. */
static void test_size_and_header(void **state)
{
    (void)state;
    cib_synth_options opt;
    small(&opt, 7);
    output o = {0};
    run(&opt, &o);
    assert_true(strncmp(o.events, HEADER, strlen(HEADER)) == 0);
    size_t rows = count_lines(o.events) - 1;
    assert_in_range(rows, 18000, 22000);
    /* truth: header plus one row per account, organic and planted */
    assert_true(strncmp(o.truth, "account_id,network_id\n", 22) == 0);
    assert_int_equal(count_lines(o.truth), 1 + 300 + 24);
    release(&o);
}

/* The 24 planted accounts are labelled N1 in the truth file, each of them
 * acts, every row is in time order, and every planted row falls in the
 * office shift: UTC+1 09:00-18:00 is 08:00-17:00 UTC (a share may spill
 * up to 50 s past 17:00 UTC), on weekdays only (2020-01-06 is a Monday,
 * so day d's weekday is d mod 7). */
static void test_truth_and_office(void **state)
{
    (void)state;
    cib_synth_options opt;
    small(&opt, 9);
    output o = {0};
    run(&opt, &o);

    char planted[24][16];
    size_t n_planted = 0;
    char *save = NULL;
    for (char *line = strtok_r(o.truth, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t len = strlen(line);
        if (len > 3 && strcmp(line + len - 3, ",N1") == 0) {
            assert_true(n_planted < 24);
            snprintf(planted[n_planted++], 16, "%.*s", (int)(len - 3), line);
        }
    }
    assert_int_equal(n_planted, 24);

    bool acted[24] = {false};
    char prev_time[32] = "";
    size_t site_links = 0;
    save = NULL;
    char *line = strtok_r(o.events, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *cell[12];
        assert_int_equal(split(line, cell, 12), 12);
        assert_true(strcmp(prev_time, cell[1]) <= 0);
        snprintf(prev_time, sizeof prev_time, "%s", cell[1]);
        int is_planted = -1;
        for (size_t i = 0; i < 24; i++)
            if (strcmp(cell[0], planted[i]) == 0)
                is_planted = (int)i;
        /* only the network links to its own sites (".../article/N") */
        if (strstr(cell[5], "/article/")) {
            assert_true(is_planted >= 0);
            site_links++;
        }
        if (is_planted < 0)
            continue;
        acted[is_planted] = true;
        int year, month, day, hour, minute, second;
        assert_int_equal(sscanf(cell[1], "%4d-%2d-%2dT%2d:%2d:%2dZ", &year,
                                &month, &day, &hour, &minute, &second),
                         6);
        assert_true(hour >= 8 && hour <= 17);
        if (hour == 17)
            assert_true(minute == 0 && second <= 50);
        /* four weeks from 2020-01-06 end on 2020-02-02 */
        assert_true(year == 2020 && (month == 1 || month == 2));
        int since_monday = (month == 1 ? day : 31 + day) - 6;
        assert_true(since_monday % 7 < 5);
    }
    for (size_t i = 0; i < 24; i++)
        assert_true(acted[i]);
    assert_true(site_links > 100);
    release(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_other_seed_other_bytes),
        cmocka_unit_test(test_size_and_header),
        cmocka_unit_test(test_truth_and_office),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
