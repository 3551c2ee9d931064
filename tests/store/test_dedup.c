/*
 * test_dedup.c — cib_store_dedup (exact duplicate events counted once)
 * and the store's event and account limits (--max-events,
 * --max-accounts) with the message naming what ran out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"

/* Append an event of account `acct` (created on first use from the id
 * "a<acct>") at time t with the given URL and tag ids. */
static void add(cib_store *s, unsigned acct, int64_t t, uint32_t text,
                const uint32_t *urls, size_t n_urls, const uint32_t *tags,
                size_t n_tags)
{
    char id[16];
    int n = snprintf(id, sizeof id, "a%u", acct);
    uint32_t sid = cib_strings_intern(s->strings, id, (size_t)n);
    cib_event_in ev = {.time = t, .action = CIB_ACTION_POST, .text = text,
                       .urls = urls, .n_urls = n_urls,
                       .tags = tags, .n_tags = n_tags};
    assert_int_equal(cib_store_account(s, sid, &ev.account), CIB_OK);
    assert_int_equal(cib_store_append(s, &ev), CIB_OK);
}

/* Seven events, two of them exact repeats (rows 2 and 6); rows 3 and 4
 * differ from row 0 only in their URL lists (one more URL; the same URLs
 * in another order), so they stay.  Expected after dedup: rows 0 1 3 4 5
 * in that order, with their own URL and tag ranges. */
static void removes_exact_repeats_only(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    const uint32_t x[] = {10}, xy[] = {10, 11}, yx[] = {11, 10}, t7[] = {7};
    add(s, 0, 100, 0, x, 1, NULL, 0);  /* 0 */
    add(s, 1, 100, 0, x, 1, NULL, 0);  /* 1: another account */
    add(s, 0, 100, 0, x, 1, NULL, 0);  /* 2: repeats 0 */
    add(s, 0, 100, 0, xy, 2, NULL, 0); /* 3 */
    add(s, 0, 100, 0, yx, 2, NULL, 0); /* 4 */
    add(s, 1, 200, 5, NULL, 0, t7, 1); /* 5 */
    add(s, 1, 200, 5, NULL, 0, t7, 1); /* 6: repeats 5 */
    uint64_t removed = 99;
    assert_int_equal(cib_store_dedup(s, &removed), CIB_OK);
    assert_int_equal(removed, 2);
    const cib_events *e = &s->events;
    assert_int_equal(e->n, 5);
    /* account 0 had rows 0 2 3 4 (4 events, one repeat): 3; account 1 had
     * rows 1 5 6: 2 */
    assert_int_equal(s->accounts.n_events[0], 3);
    assert_int_equal(s->accounts.n_events[1], 2);
    const uint32_t want_acct[] = {0, 1, 0, 0, 1};
    const int64_t want_time[] = {100, 100, 100, 100, 200};
    /* URL ranges: 1, 1, 2, 2, 0 ids -> begins 0 1 2 4 6 6 */
    const uint32_t want_ub[] = {0, 1, 2, 4, 6, 6};
    const uint32_t want_urls[] = {10, 10, 10, 11, 11, 10};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(e->account[i], want_acct[i]);
        assert_int_equal(e->time[i], want_time[i]);
    }
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(e->url_begin[i], want_ub[i]);
    assert_int_equal(e->n_urls, 6);
    assert_memory_equal(e->url_ids, want_urls, sizeof want_urls);
    /* only event 4 (old row 5) has a tag */
    assert_int_equal(e->tag_begin[4], 0);
    assert_int_equal(e->tag_begin[5], 1);
    assert_int_equal(e->n_tags, 1);
    assert_int_equal(e->tag_ids[0], 7);
    assert_int_equal(e->text[4], 5);
    /* a second pass finds nothing more */
    assert_int_equal(cib_store_dedup(s, &removed), CIB_OK);
    assert_int_equal(removed, 0);
    cib_store_free(s);
}

/* A small deterministic generator (xorshift64), the same on every libc. */
static unsigned next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return (unsigned)(*x >> 32);
}

/* 3000 random events over a tiny value space (4 accounts, 6 times, up to
 * 2 URLs of 3) repeat each other often; the result must equal a naive
 * O(n^2) first-occurrence filter, event for event. */
static void matches_a_naive_filter(void **state)
{
    (void)state;
    enum { N = 3000 };
    cib_store *s = cib_store_new();
    unsigned acct[N], nu[N];
    int64_t tm[N];
    uint32_t u[N][2];
    uint64_t rng = 42;
    for (size_t i = 0; i < N; i++) {
        acct[i] = (unsigned)next(&rng) % 4;
        tm[i] = next(&rng) % 6;
        nu[i] = (unsigned)next(&rng) % 3;
        u[i][0] = 1 + (uint32_t)(next(&rng) % 3);
        u[i][1] = 1 + (uint32_t)(next(&rng) % 3);
        add(s, acct[i], tm[i], 0, u[i], nu[i], NULL, 0);
    }
    /* each account string is interned in order of first use, so account
     * indices follow first appearance; compare on the store's own ids */
    uint32_t aidx[N];
    memcpy(aidx, s->events.account, sizeof aidx);
    bool keep[N];
    size_t kept = 0;
    for (size_t i = 0; i < N; i++) {
        keep[i] = true;
        for (size_t j = 0; j < i && keep[i]; j++)
            if (keep[j] && aidx[j] == aidx[i] && tm[j] == tm[i] &&
                nu[j] == nu[i] &&
                memcmp(u[j], u[i], nu[i] * sizeof(uint32_t)) == 0)
                keep[i] = false;
        kept += keep[i];
    }
    uint64_t removed;
    assert_int_equal(cib_store_dedup(s, &removed), CIB_OK);
    assert_int_equal(removed, N - kept);
    /* 4 accounts x 6 times x (1 + 3 + 9) URL lists = 312 distinct events
     * at most, so 3000 draws leave at most 312 */
    assert_true(kept <= 312);
    const cib_events *e = &s->events;
    size_t w = 0;
    for (size_t i = 0; i < N; i++) {
        if (!keep[i])
            continue;
        assert_int_equal(e->account[w], aidx[i]);
        assert_int_equal(e->time[w], tm[i]);
        assert_int_equal(e->url_begin[w + 1] - e->url_begin[w], nu[i]);
        assert_memory_equal(e->url_ids + e->url_begin[w], u[i],
                            nu[i] * sizeof(uint32_t));
        w++;
    }
    uint64_t sum = 0;
    for (size_t a = 0; a < s->accounts.n; a++)
        sum += s->accounts.n_events[a];
    assert_int_equal(sum, kept);
    cib_store_free(s);
}

/* max_events 3: the fourth append fails and the message says which limit
 * ran out and its value. */
static void event_limit_names_itself(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    s->max_events = 3;
    for (int i = 0; i < 3; i++)
        add(s, 0, i, 0, NULL, 0, NULL, 0);
    cib_event_in ev = {.account = 0, .time = 9};
    assert_int_equal(cib_store_append(s, &ev), CIB_ENOMEM);
    assert_int_equal(s->full, CIB_FULL_EVENTS);
    assert_int_equal(s->events.n, 3);
    char buf[200];
    assert_string_equal(cib_store_failure(s, buf, sizeof buf),
                        "event limit reached: the input holds more than 3 "
                        "events (--max-events)");
    cib_store_free(s);
}

/* max_accounts 2: a known account still resolves, a third one fails. */
static void account_limit_names_itself(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    s->max_accounts = 2;
    uint32_t idx;
    assert_int_equal(cib_store_account(s, 1, &idx), CIB_OK);
    assert_int_equal(cib_store_account(s, 2, &idx), CIB_OK);
    assert_int_equal(cib_store_account(s, 1, &idx), CIB_OK);
    assert_int_equal(idx, 0);
    assert_int_equal(cib_store_account(s, 3, &idx), CIB_ENOMEM);
    assert_int_equal(s->full, CIB_FULL_ACCOUNTS);
    char buf[200];
    assert_string_equal(cib_store_failure(s, buf, sizeof buf),
                        "account limit reached: the input holds more than 2 "
                        "accounts (--max-accounts)");
    cib_store_free(s);
}

/* A limit above the default is cut to the default (32-bit indices), and
 * without a limit hit the message is plain "out of memory". */
static void limits_are_capped(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    s->max_events = UINT64_MAX;
    s->full = CIB_FULL_EVENTS;
    char buf[200];
    assert_string_equal(cib_store_failure(s, buf, sizeof buf),
                        "event limit reached: the input holds more than "
                        "2000000000 events (--max-events)");
    s->full = CIB_FULL_NONE;
    assert_string_equal(cib_store_failure(s, buf, sizeof buf),
                        "out of memory");
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(removes_exact_repeats_only),
        cmocka_unit_test(matches_a_naive_filter),
        cmocka_unit_test(event_limit_names_itself),
        cmocka_unit_test(account_limit_names_itself),
        cmocka_unit_test(limits_are_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
