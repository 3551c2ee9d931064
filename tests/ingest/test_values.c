/*
 * test_values.c — single-value helpers (src/ingest/values.c): the UTF-8
 * check against the byte ranges of RFC 3629 section 4, counts, booleans,
 * list splitting (plain and bracketed) and how values are quoted in
 * messages.
 */
#include "helpers.h"

#include "ingest/values.h"

static int utf8(const char *s)
{
    return ingest_utf8_check(s, strlen(s));
}

static void test_utf8(void **state)
{
    (void)state;
    assert_int_equal(utf8(""), UTF8_OK);
    assert_int_equal(utf8("plain ascii, longer than eight bytes"), UTF8_OK);
    /* é (2 bytes), € (3), 😀 (4), the last code point U+10FFFF */
    assert_int_equal(utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), UTF8_OK);
    assert_int_equal(utf8("\xf4\x8f\xbf\xbf"), UTF8_OK);
    assert_int_equal(utf8("Россиянин Артем Окулов"), UTF8_OK);
    /* Latin-1 é, a lone continuation byte, overlong '/' (C0 AF), overlong
     * 3-byte (E0 80 AF), a surrogate (ED A0 80), above U+10FFFF
     * (F4 90 80 80), F5, and a sequence cut at the end */
    assert_int_equal(utf8("caf\xe9"), UTF8_INVALID);
    assert_int_equal(utf8("\x80"), UTF8_INVALID);
    assert_int_equal(utf8("\xc0\xaf"), UTF8_INVALID);
    assert_int_equal(utf8("\xe0\x80\xaf"), UTF8_INVALID);
    assert_int_equal(utf8("\xed\xa0\x80"), UTF8_INVALID);
    assert_int_equal(utf8("\xf4\x90\x80\x80"), UTF8_INVALID);
    assert_int_equal(utf8("\xf5\x80\x80\x80"), UTF8_INVALID);
    assert_int_equal(utf8("abcdefgh\xe2\x82"), UTF8_INVALID);
    /* a NUL inside the first 8-byte word and after it */
    assert_int_equal(ingest_utf8_check("ab\0cd", 5), UTF8_NUL);
    assert_int_equal(ingest_utf8_check("abcdefghij\0", 11), UTF8_NUL);
}

static void test_counts_and_bools(void **state)
{
    (void)state;
    int64_t v = -7;
    assert_true(ingest_parse_count("1234", 4, &v));
    assert_int_equal(v, 1234);
    assert_true(ingest_parse_count(" 1234.00 ", 9, &v));
    assert_int_equal(v, 1234);
    assert_true(ingest_parse_count("0", 1, &v));
    assert_int_equal(v, 0);
    assert_false(ingest_parse_count("-1", 2, &v));
    assert_false(ingest_parse_count("12.5", 4, &v));
    assert_false(ingest_parse_count("1e3", 3, &v));
    assert_false(ingest_parse_count("1,234", 5, &v));
    assert_false(ingest_parse_count("", 0, &v));
    assert_false(ingest_parse_count("1234567890123456789", 19, &v));

    bool b = false;
    assert_true(ingest_parse_bool("True", 4, &b));
    assert_true(b);
    assert_true(ingest_parse_bool(" FALSE ", 7, &b));
    assert_false(b);
    assert_true(ingest_parse_bool("1", 1, &b));
    assert_true(b);
    assert_true(ingest_parse_bool("", 0, &b));
    assert_false(b);
    assert_false(ingest_parse_bool("maybe", 5, &b));
}

/* Items gathered as "a|b|c" for comparison. */
typedef struct joined {
    char buf[256];
    size_t n;
} joined;

static int join(void *ctx, const char *p, size_t n)
{
    joined *j = ctx;
    j->n += (size_t)snprintf(j->buf + j->n, sizeof j->buf - j->n, "%s%.*s",
                             j->n ? "|" : "", (int)n, p);
    return 0;
}

static const char *split(const char *s, ingest_list_kind kind)
{
    static joined j;
    j.n = 0;
    j.buf[0] = '\0';
    assert_int_equal(ingest_split_list(s, strlen(s), kind, join, &j), 0);
    return j.buf;
}

static void test_split_lists(void **state)
{
    (void)state;
    /* url lists: whitespace and '|' separate, empty items vanish */
    assert_string_equal(split("http://a  http://b|http://c||", LIST_URLS),
                        "http://a|http://b|http://c");
    /* a comma is part of a URL in a plain list */
    assert_string_equal(split("http://a/x,y", LIST_URLS), "http://a/x,y");
    /* hashtags: ',' separates too, one leading '#' goes */
    assert_string_equal(split("#one, two|#three\tfour", LIST_HASHTAGS),
                        "one|two|three|four");
    assert_string_equal(split("", LIST_HASHTAGS), "");
    assert_string_equal(split("   ", LIST_HASHTAGS), "");
    assert_string_equal(split("#", LIST_HASHTAGS), "");
    /* bracketed (twitter release): quoted items, which may hold commas */
    assert_string_equal(split("['Vote', 'News']", LIST_HASHTAGS), "Vote|News");
    assert_string_equal(split("[a, #b]", LIST_HASHTAGS), "a|b");
    assert_string_equal(split("['http://x/?a=1,2', \"http://y\"]", LIST_URLS),
                        "http://x/?a=1,2|http://y");
    assert_string_equal(split("[]", LIST_HASHTAGS), "");
    /* a quote left open runs to the closing bracket */
    assert_string_equal(split("['unclosed]", LIST_URLS), "unclosed");
    /* no closing bracket: not a bracketed list, split as plain */
    assert_string_equal(split("['a', 'b'", LIST_URLS), "['a',|'b'");
}

static void test_quote_value(void **state)
{
    (void)state;
    char q[96];
    ingest_quote_value(q, sizeof q, "2016-13-45", 10);
    assert_string_equal(q, "'2016-13-45'");
    ingest_quote_value(q, sizeof q, NULL, 0);
    assert_string_equal(q, "''");
    ingest_quote_value(q, sizeof q, "a\nb\tc", 5);
    assert_string_equal(q, "'a?b?c'");
    /* 50 'x': cut to 40 and marked */
    const char *x50 = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    ingest_quote_value(q, sizeof q, x50, 50);
    assert_string_equal(q, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'");
    /* 39 'x' then 'é' (2 bytes, bytes 40-41): the cut at 40 would split
     * the character, so it falls back to 39 */
    char s[64];
    memset(s, 'x', 39);
    memcpy(s + 39, "\xc3\xa9yy", 5);
    ingest_quote_value(q, sizeof q, s, 43);
    assert_int_equal(strlen(q), 1 + 39 + 3 + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_counts_and_bools),
        cmocka_unit_test(test_split_lists),
        cmocka_unit_test(test_quote_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
