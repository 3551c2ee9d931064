/*
 * test_printable.c — cib_printable (src/common/common.c): values from the
 * input made safe to print on a terminal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/common.h"

static const char *P(const char *s, char *buf, size_t n)
{
    return cib_printable(s, buf, n);
}

static void controls_become_question_marks(void **state)
{
    (void)state;
    char b[64];
    /* ESC [31m, BEL, DEL: one '?' each, the printable rest kept */
    assert_string_equal(P("\x1b[31mRED\x07\x7f", b, sizeof b), "?[31mRED??");
    /* C1 CSI (U+009B, UTF-8 C2 9B) is one '?', U+00A0 (C2 A0) is kept */
    assert_string_equal(P("a\xc2\x9b" "b\xc2\xa0" "c", b, sizeof b),
                        "a?b\xc2\xa0" "c");
    /* tab and newline are controls too: a value stays on its line */
    assert_string_equal(P("x\ty\nz", b, sizeof b), "x?y?z");
    assert_string_equal(P(NULL, b, sizeof b), "");
    /* a 4-byte lead followed by ESC: the lead alone is copied, the ESC
     * is still a control */
    assert_string_equal(P("\xf0\x1b[31m", b, sizeof b), "\xf0?[31m");
}

static void counted_bytes(void **state)
{
    (void)state;
    char b[16];
    /* 5 bytes with a NUL inside: the NUL is a control, not the end */
    assert_string_equal(cib_printable_n("ab\0\x1b" "c", 5, b, sizeof b),
                        "ab??c");
    /* only len bytes are read */
    assert_string_equal(cib_printable_n("abcdef", 3, b, sizeof b), "abc");
}

static void cut_without_splitting_utf8(void **state)
{
    (void)state;
    char b[6];
    /* "ab" + U+00E9 (2 bytes) + U+20AC (3 bytes) into 6 bytes: "ab" and
     * U+00E9 take 4, the euro sign's 3 more and the NUL would take 8, so
     * it is left out whole */
    assert_string_equal(P("ab\xc3\xa9\xe2\x82\xac", b, sizeof b),
                        "ab\xc3\xa9");
    char one[1];
    assert_string_equal(P("abc", one, sizeof one), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_become_question_marks),
        cmocka_unit_test(cut_without_splitting_utf8),
        cmocka_unit_test(counted_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
