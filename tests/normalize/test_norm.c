/*
 * test_norm.c — cib_norm_build over a hand-built store: canonical URL and
 * domain ids, text signatures and folded hashtags, aligned with the
 * store's arrays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "normalize/normalize.h"

static uint32_t S(cib_store *s, const char *str)
{
    return cib_strings_intern(s->strings, str, strlen(str));
}

static const char *get(const cib_store *s, uint32_t id)
{
    return cib_strings_get(s->strings, id, NULL);
}

/* One event of account "a" with the given URLs, text and tags. */
static void add(cib_store *s, const char *const *urls, size_t n_urls,
                const char *text, const char *const *tags, size_t n_tags)
{
    uint32_t acct, u[8], t[8];
    assert_int_equal(cib_store_account(s, S(s, "a"), &acct), 0);
    for (size_t i = 0; i < n_urls; i++)
        u[i] = S(s, urls[i]);
    for (size_t i = 0; i < n_tags; i++)
        t[i] = S(s, tags[i]);
    cib_event_in ev = {.account = acct, .time = 0,
                       .text = text ? S(s, text) : 0,
                       .urls = u, .n_urls = n_urls,
                       .tags = t, .n_tags = n_tags};
    assert_int_equal(cib_store_append(s, &ev), 0);
}

static void test_urls(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    const char *u0[] = {"HTTPS://www.BBC.co.uk/News?utm_source=x#f",
                        "1234"};
    const char *u1[] = {"http://1.2.3.4/p", "https://www.bbc.co.uk/News"};
    add(s, u0, 2, NULL, NULL, 0);
    add(s, u1, 2, NULL, NULL, 0);
    cib_norm n;
    cib_error err;
    assert_int_equal(cib_norm_build(&n, s, &err), 0);
    /* tracking parameter, fragment and the "www." variant dropped, scheme
     * and host folded (url.c) */
    assert_string_equal(get(s, n.url_key[0]), "https://bbc.co.uk/News");
    /* registrable domain under the public suffix co.uk */
    assert_string_equal(get(s, n.url_domain[0]), "bbc.co.uk");
    /* an opaque id is its own key and has no domain */
    assert_string_equal(get(s, n.url_key[1]), "1234");
    assert_int_equal(n.url_domain[1], 0);
    /* an IP address is its own domain (no public suffix applies) */
    assert_string_equal(get(s, n.url_domain[2]), "1.2.3.4");
    /* the second spelling of the BBC link has the same key */
    assert_int_equal(n.url_key[3], n.url_key[0]);
    assert_int_equal(n.url_domain[3], n.url_domain[0]);
    cib_norm_free(&n);
    cib_store_free(s);
}

static void test_texts_and_tags(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    const char *t0[] = {"Navalny", "#VOTE"};
    const char *t1[] = {"\xEF\xBC\xAE" "avalny"}; /* fullwidth N */
    add(s, NULL, 0, "Hello   World", t0, 2);
    add(s, NULL, 0, "hello world", t1, 1);
    add(s, NULL, 0, " \t ", NULL, 0);
    add(s, NULL, 0, NULL, NULL, 0);
    add(s, NULL, 0, "bad \xFF", NULL, 0);
    cib_norm n;
    cib_error err;
    assert_int_equal(cib_norm_build(&n, s, &err), 0);
    /* equal once normalised: equal signatures, and not 0 */
    assert_true(n.text_key[0] != 0);
    assert_true(n.text_key[0] == n.text_key[1]);
    /* blank text and no text: 0 */
    assert_true(n.text_key[2] == 0);
    assert_true(n.text_key[3] == 0);
    /* invalid UTF-8 keyed on raw bytes: some non-zero value */
    assert_true(n.text_key[4] != 0);
    assert_string_equal(get(s, n.tag_key[0]), "navalny");
    assert_string_equal(get(s, n.tag_key[1]), "vote");
    assert_int_equal(n.tag_key[2], n.tag_key[0]);
    cib_norm_free(&n);
    cib_store_free(s);
}

static void test_empty_store(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    cib_norm n;
    cib_error err;
    assert_int_equal(cib_norm_build(&n, s, &err), 0);
    cib_norm_free(&n);
    assert_null(n.url_key);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_texts_and_tags),
        cmocka_unit_test(test_empty_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
