/*
 * test_store.c — the interner and the columnar event table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"

static void interner_gives_equal_ids_to_equal_bytes(void **state)
{
    (void)state;
    cib_strings *p = cib_strings_new();
    assert_non_null(p);
    uint32_t a = cib_strings_intern(p, "alpha", 5);
    uint32_t b = cib_strings_intern(p, "beta", 4);
    /* id 0 is "", so the first two strings get 1 and 2 */
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_int_equal(cib_strings_intern(p, "alphabet", 5), a);
    assert_int_equal(cib_strings_intern(p, "", 0), 0);
    assert_int_equal(cib_strings_find(p, "beta", 4), b);
    assert_int_equal(cib_strings_find(p, "gamma", 5), 0);
    size_t len;
    assert_string_equal(cib_strings_get(p, b, &len), "beta");
    assert_int_equal(len, 4);
    assert_int_equal(cib_strings_count(p), 3);
    cib_strings_free(p);
}

/* 100,000 distinct strings force many table doublings and new arena
 * blocks; every id must still map back to its own bytes, and pointers
 * taken early must stay valid. */
static void interner_survives_growth(void **state)
{
    (void)state;
    cib_strings *p = cib_strings_new();
    const char *first = cib_strings_get(p, cib_strings_intern(p, "k0", 2),
                                        NULL);
    char buf[32];
    for (int i = 1; i < 100000; i++) {
        int n = snprintf(buf, sizeof buf, "k%d", i);
        assert_int_equal(cib_strings_intern(p, buf, (size_t)n),
                         (uint32_t)i + 1);
    }
    for (int i = 0; i < 100000; i += 997) {
        int n = snprintf(buf, sizeof buf, "k%d", i);
        assert_int_equal(cib_strings_find(p, buf, (size_t)n),
                         (uint32_t)i + 1);
    }
    assert_string_equal(first, "k0");
    cib_strings_free(p);
}

static void events_keep_their_url_ranges(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    uint32_t alice, bob;
    assert_int_equal(cib_store_account(s, cib_strings_intern(s->strings, "alice", 5), &alice), 0);
    assert_int_equal(cib_store_account(s, cib_strings_intern(s->strings, "bob", 3), &bob), 0);
    uint32_t again;
    cib_store_account(s, cib_strings_find(s->strings, "alice", 5), &again);
    assert_int_equal(again, alice);
    assert_int_equal(s->accounts.n, 2);

    uint32_t u1 = cib_strings_intern(s->strings, "http://a", 8);
    uint32_t u2 = cib_strings_intern(s->strings, "http://b", 8);
    uint32_t urls[] = {u1, u2};
    cib_event_in e1 = {.account = alice, .time = 100, .urls = urls, .n_urls = 2};
    cib_event_in e2 = {.account = bob, .time = 50};
    cib_event_in e3 = {.account = alice, .time = 200, .urls = urls + 1, .n_urls = 1};
    assert_int_equal(cib_store_append(s, &e1), 0);
    assert_int_equal(cib_store_append(s, &e2), 0);
    assert_int_equal(cib_store_append(s, &e3), 0);
    const cib_events *e = &s->events;
    assert_int_equal(e->n, 3);
    /* event 0 owns urls [0,2), event 1 none, event 2 [2,3) */
    assert_int_equal(e->url_begin[0], 0);
    assert_int_equal(e->url_begin[1], 2);
    assert_int_equal(e->url_begin[2], 2);
    assert_int_equal(e->url_begin[3], 3);
    assert_int_equal(e->url_ids[2], u2);
    assert_int_equal(s->accounts.n_events[alice], 2);
    int64_t lo, hi;
    assert_true(cib_store_span(s, &lo, &hi));
    assert_int_equal(lo, 50);
    assert_int_equal(hi, 200);
    cib_store_free(s);
}

static void action_words_and_aliases(void **state)
{
    (void)state;
    cib_action a;
    assert_true(cib_action_parse("Repost", 6, &a));
    assert_int_equal(a, CIB_ACTION_REPOST);
    /* IRA (538) exports write retweets as "R" and quotes as "Q" */
    assert_true(cib_action_parse("R", 1, &a));
    assert_int_equal(a, CIB_ACTION_REPOST);
    assert_true(cib_action_parse("Q", 1, &a));
    assert_int_equal(a, CIB_ACTION_QUOTE);
    assert_true(cib_action_parse("", 0, &a));
    assert_int_equal(a, CIB_ACTION_POST);
    assert_false(cib_action_parse("teleport", 8, &a));
    cib_asset t;
    assert_true(cib_asset_parse("PAGE", 4, &t));
    assert_int_equal(t, CIB_ASSET_PAGE);
    assert_false(cib_asset_parse("bot", 3, &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interner_gives_equal_ids_to_equal_bytes),
        cmocka_unit_test(interner_survives_growth),
        cmocka_unit_test(events_keep_their_url_ranges),
        cmocka_unit_test(action_words_and_aliases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
