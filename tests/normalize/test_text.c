/*
 * test_text.c — text normalised for comparison (src/normalize/text.c):
 * NFKC, case fold, ignorables dropped, white space collapsed and trimmed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normalize/normalize.h"

static void check(const char *in, const char *want)
{
    size_t n = 99;
    char *out = cib_text_normalize(in, strlen(in), &n);
    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    free(out);
}

/* Fullwidth U+FF21..FF23 'ＡＢＣ' have compatibility mappings to 'ABC',
 * which case folding makes 'abc'; the ligature U+FB01 'ﬁ' is 'fi'. */
static void test_nfkc(void **state)
{
    (void)state;
    check("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 def", "abc def");
    check("\xEF\xAC\x81x", "fix");
    /* 'e' + combining acute composes to U+00E9, equal to the precomposed */
    check("e\xCC\x81", "\xC3\xA9");
}

/* Case folding, not just lower-casing: German sharp s folds to "ss". */
static void test_case_fold(void **state)
{
    (void)state;
    check("Hello WORLD", "hello world");
    check("Stra\xC3\x9F" "e", "strasse");
}

/* Runs of tab, newline, space, no-break space (U+00A0) and ideographic
 * space (U+3000) become one ' '; the ends are trimmed. */
static void test_whitespace(void **state)
{
    (void)state;
    check("  a\t\n b  ", "a b");
    check("a\xC2\xA0\xE3\x80\x80" "b", "a b");
    check(" \t\n ", "");
    check("", "");
}

/* Zero width space U+200B is default-ignorable and vanishes. */
static void test_ignorables(void **state)
{
    (void)state;
    check("co\xE2\x80\x8Bpy", "copy");
}

/* Pure ASCII takes a fast path; it must agree with the Unicode path.
 * Prefixing U+00E9 'é' (already NFKC and case-folded) forces the Unicode
 * path, so for every ASCII byte c, "é" + f("xcy") must equal f("éxcy"). */
static void test_ascii_fast_path_agrees(void **state)
{
    (void)state;
    for (int c = 0; c < 128; c++) {
        char plain[3] = {'x', (char)c, 'y'};
        char wide[5] = {'\xC3', '\xA9', 'x', (char)c, 'y'};
        size_t n1, n2;
        char *a = cib_text_normalize(plain, 3, &n1);
        char *b = cib_text_normalize(wide, 5, &n2);
        assert_non_null(a);
        assert_non_null(b);
        assert_int_equal(n2, n1 + 2);
        assert_memory_equal(b + 2, a, n1);
        free(a);
        free(b);
    }
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    size_t n;
    assert_null(cib_text_normalize("a\xFF", 2, &n));
    char *out = (char *)1;
    assert_int_equal(cib_text_normalize_checked("a\xFF", 2, &out, &n),
                     CIB_EINPUT);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfkc),
        cmocka_unit_test(test_case_fold),
        cmocka_unit_test(test_whitespace),
        cmocka_unit_test(test_ignorables),
        cmocka_unit_test(test_ascii_fast_path_agrees),
        cmocka_unit_test(test_invalid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
