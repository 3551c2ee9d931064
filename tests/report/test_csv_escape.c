/*
 * test_csv_escape.c — the CSV cell writer (src/report/csv_out.c) on the
 * cells that break naive writers and spreadsheets: RFC 4180 quoting
 * (section 2, rules 6 and 7: a cell holding a comma, quote, CR or LF is
 * quoted, inner quotes doubled) and OWASP's CSV-injection rule (a cell
 * starting with = + - @ TAB or CR gets a leading ').  Each expected output
 * is written out by hand from those two rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/csv_out.h"

/* The bytes cib_csv_cell writes for s (n bytes) with flags. */
static char *cell(const char *s, size_t n, unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(cib_csv_cell(f, s, n, flags), CIB_OK);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void expect(const char *s, unsigned flags, const char *want)
{
    char *got = cell(s, strlen(s), flags);
    assert_string_equal(got, want);
    free(got);
}

static void quoting_follows_rfc4180(void **state)
{
    (void)state;
    expect("plain", 0, "plain");
    expect("", 0, "");
    expect("a,b", 0, "\"a,b\"");
    expect("say \"hi\"", 0, "\"say \"\"hi\"\"\"");
    expect("\"", 0, "\"\"\"\"");
    expect("two\nlines", 0, "\"two\nlines\"");
    expect("cr\rlf\r\n", 0, "\"cr\rlf\r\n\"");
    /* spaces, semicolons and non-ASCII need no quotes in RFC 4180 */
    expect(" x; y \xc3\xa4", 0, " x; y \xc3\xa4");
}

static void formulas_are_neutralised(void **state)
{
    (void)state;
    const unsigned N = CIB_CSV_NEUTRALIZE;
    expect("=1+1", N, "'=1+1");
    expect("+1", N, "'+1");
    expect("-1", N, "'-1");
    expect("-", N, "'-");
    expect("@SUM(A1)", N, "'@SUM(A1)");
    expect("\t=1", N, "'\t=1");
    /* a CR forces quotes too: the ' goes inside them */
    expect("\r=1", N, "\"'\r=1\"");
    /* quotes and neutralisation together: ' first, inside the quotes */
    expect("=HYPERLINK(\"http://x\",\"y\")", N,
           "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect("=a,b", N, "\"'=a,b\"");
    /* only the first character counts; ids that merely hold = stay */
    expect("a=b", N, "a=b");
    expect("'=x", N, "'=x");
    /* without the flag (numbers cibscan formats) nothing is added */
    expect("-1", 0, "-1");
}

/* A NUL inside a cell is written as is (n bytes, not a C string). */
static void length_not_terminator(void **state)
{
    (void)state;
    char *got = cell("a\0b", 3, 0);
    assert_memory_equal(got, "a\0b", 3);
    free(got);
    got = cell("=x,y", 2, CIB_CSV_NEUTRALIZE);
    assert_string_equal(got, "'=x");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting_follows_rfc4180),
        cmocka_unit_test(formulas_are_neutralised),
        cmocka_unit_test(length_not_terminator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
