/*
 * test_items_walk.c — cib_items_walk (src/report/profile_items.c): each
 * event's items, de-duplicated and sorted, and string ids in the order a
 * one-thread walk hands them out, whatever the number of threads.
 *
 * The store holds 6,000 events whose texts mix words that recur with
 * different periods ("w<i % 500>", "v<i % 37>", "#t<i % 7>", and a word
 * new in every event), so the slices of a block meet words first seen
 * in another slice, in this block or an earlier one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/profile_items.h"

#define N_EVENTS 6000

/* What a walk saw: every event's items back to back. */
typedef struct seen {
    cib_item_ref *items;
    size_t n, cap;
    size_t *end; /* per walk place */
    size_t calls;
} seen;

static int record(void *ctx, size_t pos, const cib_item_ref *items, size_t n)
{
    seen *s = ctx;
    assert_int_equal(pos, s->calls); /* in walk order */
    s->calls++;
    if (s->n + n > s->cap) {
        s->cap = 2 * (s->n + n) + 16;
        s->items = realloc(s->items, s->cap * sizeof *s->items);
        assert_non_null(s->items);
    }
    if (n > 0)
        memcpy(s->items + s->n, items, n * sizeof *items);
    s->n += n;
    s->end = realloc(s->end, s->calls * sizeof *s->end);
    assert_non_null(s->end);
    s->end[pos] = s->n;
    return 0;
}

static int stop_at_10(void *ctx, size_t pos, const cib_item_ref *items,
                      size_t n)
{
    (void)items;
    (void)n;
    *(size_t *)ctx = pos;
    return pos == 10 ? 42 : 0;
}

static cib_store *make_store(void)
{
    cib_store *s = cib_store_new();
    assert_non_null(s);
    uint32_t idx;
    assert_int_equal(cib_store_account(s, cib_strings_intern(s->strings, "a", 1),
                                       &idx),
                     0);
    for (int i = 0; i < N_EVENTS; i++) {
        char text[128];
        int len = snprintf(text, sizeof text, "w%d v%d #t%d new%d W%d w%d",
                           i % 500, i % 37, i % 7, i, i % 500, i % 500);
        cib_event_in ev = {.account = idx, .time = 1577872800LL + i,
                           .text = cib_strings_intern(s->strings, text,
                                                      (size_t)len)};
        assert_int_equal(cib_store_append(s, &ev), 0);
    }
    return s;
}

static void walk(cib_store *st, const uint32_t *rows, size_t stride, size_t n,
                 unsigned threads, cib_strings **pool, seen *out)
{
    cib_report_input in = {.store = st};
    *pool = cib_strings_new();
    assert_non_null(*pool);
    memset(out, 0, sizeof *out);
    assert_int_equal(cib_items_walk(*pool, &in, rows, stride, n, threads,
                                    record, out),
                     0);
    assert_int_equal(out->calls, n);
}

static void same_walk(const cib_strings *pa, const seen *a,
                      const cib_strings *pb, const seen *b)
{
    assert_int_equal(cib_strings_count(pa), cib_strings_count(pb));
    for (uint32_t id = 0; id < cib_strings_count(pa); id++)
        assert_string_equal(cib_strings_get(pa, id, NULL),
                            cib_strings_get(pb, id, NULL));
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->items, b->items, a->n * sizeof *a->items);
    assert_memory_equal(a->end, b->end, a->calls * sizeof *a->end);
}

static void free_seen(seen *s)
{
    free(s->items);
    free(s->end);
}

static void test_first_event_by_hand(void **state)
{
    (void)state;
    cib_store *st = make_store();
    cib_strings *pool;
    seen one;
    walk(st, NULL, 1, N_EVENTS, 1, &pool, &one);
    /* event 0: "w0 v0 #t0 new0 W0 w0" -> terms w0 (id 1), v0 (2),
     * hashtag t0 (3), term new0 (4); W0 lower-cases to w0 and w0 repeats:
     * counted once.  Sorted by vocabulary, then id. */
    assert_int_equal(one.end[0], 4);
    assert_string_equal(cib_strings_get(pool, 1, NULL), "w0");
    assert_string_equal(cib_strings_get(pool, 2, NULL), "v0");
    assert_string_equal(cib_strings_get(pool, 3, NULL), "t0");
    assert_string_equal(cib_strings_get(pool, 4, NULL), "new0");
    for (size_t j = 1; j < one.end[0]; j++)
        assert_true(cib_item_cmp(&one.items[j - 1], &one.items[j]) < 0);
    /* distinct strings: w0..w499, v0..v36, t0..t6 and new0..new5999 */
    assert_int_equal(cib_strings_count(pool), 1 + 500 + 37 + 7 + N_EVENTS);
    free_seen(&one);
    cib_strings_free(pool);
    cib_store_free(st);
}

static void test_threads_same_ids(void **state)
{
    (void)state;
    cib_store *st = make_store();
    /* a walk over every event, a strided one (every 3rd event, as the
     * background sample takes them) and one over listed rows (backwards,
     * as a cluster's rows need not be in input order) */
    uint32_t *rows = malloc(N_EVENTS * sizeof *rows);
    assert_non_null(rows);
    for (uint32_t i = 0; i < N_EVENTS; i++)
        rows[i] = N_EVENTS - 1 - i;
    struct { const uint32_t *rows; size_t stride, n; } walks[3] = {
        {NULL, 1, N_EVENTS}, {NULL, 3, N_EVENTS / 3}, {rows, 0, N_EVENTS}};
    for (int w = 0; w < 3; w++) {
        cib_strings *p1, *pn;
        seen one, many;
        walk(st, walks[w].rows, walks[w].stride, walks[w].n, 1, &p1, &one);
        for (unsigned threads = 2; threads <= 4; threads++) {
            walk(st, walks[w].rows, walks[w].stride, walks[w].n, threads, &pn,
                 &many);
            same_walk(p1, &one, pn, &many);
            free_seen(&many);
            cib_strings_free(pn);
        }
        free_seen(&one);
        cib_strings_free(p1);
    }
    free(rows);
    cib_store_free(st);
}

static void test_stops_on_callback_code(void **state)
{
    (void)state;
    cib_store *st = make_store();
    cib_report_input in = {.store = st};
    cib_strings *pool = cib_strings_new();
    size_t last = 0;
    assert_int_equal(cib_items_walk(pool, &in, NULL, 1, N_EVENTS, 2,
                                    stop_at_10, &last),
                     42);
    assert_int_equal(last, 10); /* nothing after the failing place */
    cib_strings_free(pool);
    cib_store_free(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_event_by_hand),
        cmocka_unit_test(test_threads_same_ids),
        cmocka_unit_test(test_stops_on_callback_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
