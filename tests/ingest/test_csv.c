/*
 * test_csv.c — the RFC 4180 record reader (src/ingest/csv.c): quoting,
 * doubled quotes, embedded newlines, CRLF / CR / LF ends, byte-order mark,
 * empty lines, the per-field length limit and the field count limit, and
 * the unterminated-quote error.  Every input is read with every block size
 * from 1 to 20 bytes (and the default 1 MiB), so each field, quote pair and
 * CRLF also straddles a block boundary; all must give the same records.
 */
#include "helpers.h"

#include "ingest/csv.h"
#include "ingest/source.h"

/* Records of `path` as text: "LINE:NFIELDS{f1}{f2}...\n" per record (kept
 * bytes of each field; "~LEN" after a field that was over the limit), then
 * "EOF" or "ERR LINE: message". */
static char *dump(const char *path, size_t block, size_t max_field,
                  size_t max_fields)
{
    static char out[8192];
    size_t used = 0;
    cib_error err = {0};
    ingest_source *src;
    assert_int_equal(ingest_source_open(&src, path, block, &err), CIB_OK);
    ingest_csv *csv;
    assert_int_equal(ingest_csv_new(&csv, src, block, max_field, max_fields,
                                    &err),
                     CIB_OK);
    ingest_record rec;
    int rc;
    while ((rc = ingest_csv_next(csv, &rec, &err)) == 1) {
        used += (size_t)snprintf(out + used, sizeof out - used, "%llu:%zu",
                                 (unsigned long long)rec.line, rec.n_fields);
        for (size_t i = 0; i < rec.n_stored; i++) {
            size_t kept = rec.len[i] < max_field ? rec.len[i] : max_field;
            assert_int_equal(strlen(rec.field[i]) <= kept, 1);
            used += (size_t)snprintf(out + used, sizeof out - used, "{%.*s}",
                                     (int)kept, rec.field[i]);
            if (rec.len[i] > max_field)
                used += (size_t)snprintf(out + used, sizeof out - used,
                                         "~%zu", rec.len[i]);
        }
        used += (size_t)snprintf(out + used, sizeof out - used, "\n");
    }
    if (rc == 0)
        snprintf(out + used, sizeof out - used, "EOF");
    else
        snprintf(out + used, sizeof out - used, "ERR %llu: %s",
                 (unsigned long long)err.line, err.message);
    ingest_csv_free(csv);
    ingest_source_free(src);
    return out;
}

/* The same records for every block size. */
static void expect_records(const char *text, size_t max_field,
                           size_t max_fields, const char *want)
{
    const char *path = tmp_text("in.csv", text);
    for (size_t block = 0; block <= 20; block++) {
        const char *got = dump(path, block, max_field, max_fields);
        if (strcmp(got, want) != 0)
            fail_msg("block %zu:\n got: %s\nwant: %s", block, got, want);
    }
    tmp_cleanup(NULL);
}

#define BIG ((size_t)1 << 20)

/* A BOM, CRLF ends, a quoted comma, doubled quotes, and a quoted field
 * holding a newline: the record after it starts one line later (4). */
static void test_quoting_crlf_bom(void **state)
{
    (void)state;
    expect_records("\xef\xbb\xbf"
                   "a,b,c\r\n"
                   "1,\"x,y\",\"he said \"\"hi\"\"\"\r\n"
                   "\"multi\nline\",,last\r\n"
                   "\"\",\"\"\"\",end\r\n",
                   BIG, 4096,
                   "1:3{a}{b}{c}\n"
                   "2:3{1}{x,y}{he said \"hi\"}\n"
                   "3:3{multi\nline}{}{last}\n"
                   "5:3{}{\"}{end}\n"
                   "EOF");
}

/* A CRLF inside quotes is data; the line count still advances by one. */
static void test_crlf_inside_quotes(void **state)
{
    (void)state;
    expect_records("t\r\n\"a\r\nb\"\r\nz\r\n", BIG, 4096,
                   "1:1{t}\n2:1{a\r\nb}\n4:1{z}\nEOF");
}

/* LF, CRLF and lone CR all end a record; empty lines are no records but
 * count as lines. */
static void test_line_ends_and_empty_lines(void **state)
{
    (void)state;
    expect_records("a,b\rc,d\r\n\n\r\ne,f\n\n", BIG, 4096,
                   "1:2{a}{b}\n2:2{c}{d}\n5:2{e}{f}\nEOF");
}

/* The last record needs no line end; a trailing comma makes an empty last
 * field. */
static void test_no_final_newline(void **state)
{
    (void)state;
    expect_records("a,b\nc,", BIG, 4096, "1:2{a}{b}\n2:2{c}{}\nEOF");
    expect_records("x,\"q\"", BIG, 4096, "1:2{x}{q}\nEOF");
}

/* Lenient quoting: a quote inside an unquoted field and text after a
 * closing quote are kept as written. */
static void test_lenient_quotes(void **state)
{
    (void)state;
    expect_records("a\"b,\"cd\"ef,g\n", BIG, 4096, "1:3{a\"b}{cdef}{g}\nEOF");
}

/* A field over the limit is measured in full but only its first
 * max_field bytes are kept; the next field and record are read normally
 * (the reader stays in step).  The quoted field "1234\n6789" is 9 bytes. */
static void test_field_limit(void **state)
{
    (void)state;
    expect_records("abcdefgh,xy\n\"1234\n6789\",ok\nnext,1\n", 4, 4096,
                   "1:2{abcd}~8{xy}\n2:2{1234}~9{ok}\n4:2{next}{1}\nEOF");
}

/* Fields past max_fields are counted, not kept. */
static void test_field_count_limit(void **state)
{
    (void)state;
    expect_records("a,b,c,d\ne,f\n", BIG, 2, "1:4{a}{b}\n2:2{e}{f}\nEOF");
}

/* An unterminated quote is an error naming the line the field began on
 * (2), even though the input ends on line 4. */
static void test_unterminated_quote(void **state)
{
    (void)state;
    expect_records("a,b\n1,\"abc\n\ndef", BIG, 4096,
                   "1:2{a}{b}\n"
                   "ERR 2: unterminated quoted field: the quote opened on "
                   "this line is never closed");
}

/* Empty input, a lone BOM and only line ends hold no record. */
static void test_empty_inputs(void **state)
{
    (void)state;
    expect_records("", BIG, 4096, "EOF");
    expect_records("\xef\xbb\xbf", BIG, 4096, "EOF");
    expect_records("\r\n\n", BIG, 4096, "EOF");
    /* a BOM that is cut short is data, not a BOM */
    expect_records("\xef\xbb", BIG, 4096, "1:1{\xef\xbb}\nEOF");
}

/* A long unquoted field crosses many blocks and the 8-byte scanner: 300
 * 'x's, a comma, 5 'y's. */
static void test_long_fields(void **state)
{
    (void)state;
    char text[400], want[400];
    memset(text, 'x', 300);
    memcpy(text + 300, ",yyyyy\n", 8);
    snprintf(want, sizeof want, "1:2{%.*s}{yyyyy}\nEOF", 300, text);
    expect_records(text, BIG, 4096, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting_crlf_bom),
        cmocka_unit_test(test_crlf_inside_quotes),
        cmocka_unit_test(test_line_ends_and_empty_lines),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_lenient_quotes),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_field_count_limit),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_long_fields),
    };
    return cmocka_run_group_tests(tests, NULL, tmp_cleanup);
}
