/*
 * test_pipeline.c — reading on a second thread changes nothing: the
 * store, the warnings and the strict-mode error are those of a
 * single-threaded read, across many batches and with rejected rows among
 * them (src/ingest/pipeline.c).
 */
#include "helpers.h"

#include "store/store.h"

/* 5,000 data rows (five batches of 1,024 and a part), every 7th from the
 * 4th a bad time.  Row i (line i + 2): account a<i % 37>, time
 * 1600000000 + i, two URLs on every 5th row, two hashtags, a text of 50
 * kinds, platform "FaceBook" (stored lower-cased). */
enum { ROWS = 5000 };

static const char *write_input(void)
{
    size_t cap = (size_t)ROWS * 128 + 128, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    n += (size_t)snprintf(buf + n, cap - n,
                          "account_id,time,url,hashtags,text,platform\n");
    for (int i = 0; i < ROWS; i++) {
        char time[32];
        if (i % 7 == 3)
            snprintf(time, sizeof time, "never");
        else
            snprintf(time, sizeof time, "%d", 1600000000 + i);
        char urls[64] = "";
        if (i % 5 == 0)
            snprintf(urls, sizeof urls, "http://x/%d http://y/%d", i % 101,
                     i);
        n += (size_t)snprintf(buf + n, cap - n,
                              "a%d,%s,%s,\"h%d,h%d\",t%d,FaceBook\n", i % 37,
                              time, urls, i % 3, i % 4, i % 50);
    }
    const char *path = tmp_write("rows.csv", buf, n);
    free(buf);
    return path;
}

static cib_store *read_with(const char *path, unsigned threads,
                            cib_ingest_stats *st)
{
    cib_ingest_options opt = quiet_options();
    opt.threads = threads;
    cib_store *s = cib_store_new();
    cib_error err = {0};
    memset(st, 0, sizeof *st);
    assert_int_equal(cib_ingest_file(s, path, &opt, st, &err), CIB_OK);
    return s;
}

#define SAME_COLUMN(x, y, col, n)                                            \
    assert_memory_equal((x)->col, (y)->col, (n) * sizeof *(x)->col)

static void threads_store_the_same(void **state)
{
    (void)state;
    const char *path = write_input();
    cib_ingest_stats st1, st2;
    cib_store *one = read_with(path, 1, &st1);
    cib_store *two = read_with(path, 2, &st2);
    /* i % 7 == 3 for i = 3, 10, ..., 4997: (4997 - 3) / 7 + 1 = 714 rows
     * rejected, 5000 - 714 = 4286 stored */
    assert_int_equal(st2.rows, ROWS);
    assert_int_equal(st2.rejected_rows, 714);
    assert_int_equal(st2.events, 4286);
    assert_memory_equal(&st1, &st2, sizeof st1);

    const cib_events *a = &one->events, *b = &two->events;
    assert_int_equal(b->n, 4286);
    assert_int_equal(a->n, b->n);
    SAME_COLUMN(a, b, account, b->n);
    SAME_COLUMN(a, b, time, b->n);
    SAME_COLUMN(a, b, action, b->n);
    SAME_COLUMN(a, b, post, b->n);
    SAME_COLUMN(a, b, object, b->n);
    SAME_COLUMN(a, b, text, b->n);
    SAME_COLUMN(a, b, network, b->n);
    SAME_COLUMN(a, b, url_begin, b->n + 1);
    SAME_COLUMN(a, b, tag_begin, b->n + 1);
    assert_int_equal(a->n_urls, b->n_urls);
    assert_int_equal(a->n_tags, b->n_tags);
    SAME_COLUMN(a, b, url_ids, b->n_urls);
    SAME_COLUMN(a, b, tag_ids, b->n_tags);
    /* every stored row has two hashtags */
    assert_int_equal(b->n_tags, 2 * 4286);

    const cib_accounts *x = &one->accounts, *y = &two->accounts;
    assert_int_equal(y->n, 37); /* a0 .. a36 */
    assert_int_equal(x->n, y->n);
    SAME_COLUMN(x, y, id, y->n);
    SAME_COLUMN(x, y, platform, y->n);
    SAME_COLUMN(x, y, n_events, y->n);
    assert_string_equal(str_of(two, y->platform[0]), "facebook");

    uint32_t n_str = cib_strings_count(two->strings);
    assert_int_equal(cib_strings_count(one->strings), n_str);
    for (uint32_t id = 1; id < n_str; id++) {
        size_t la, lb;
        const char *sa = cib_strings_get(one->strings, id, &la);
        const char *sb = cib_strings_get(two->strings, id, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(sa, sb, la);
    }
    cib_store_free(one);
    cib_store_free(two);
}

/* The warnings of a read, at most 10, into a string (caller frees). */
static char *warnings_with(const char *path, unsigned threads)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cib_ingest_options opt = quiet_options();
    opt.threads = threads;
    opt.warn = f;
    opt.max_warnings = 10;
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, path, &opt, NULL, &err), CIB_OK);
    cib_store_free(s);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void warnings_come_in_input_order(void **state)
{
    (void)state;
    const char *path = write_input();
    char *one = warnings_with(path, 1), *two = warnings_with(path, 2);
    assert_string_equal(one, two);
    /* the first ten bad rows: i = 3, 10, ..., 66, on lines i + 2 */
    int lines = 0;
    for (const char *p = two; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 10);
    assert_non_null(strstr(two, "rows.csv:5: field 'time': 'never' is not "
                                "a time; row rejected\n"));
    assert_non_null(strstr(two, "rows.csv:68: "));
    assert_null(strstr(two, "rows.csv:75: ")); /* the 11th is not shown */
    free(one);
    free(two);
}

static void strict_stops_at_the_first_bad_row(void **state)
{
    (void)state;
    const char *path = write_input();
    for (unsigned threads = 1; threads <= 2; threads++) {
        cib_ingest_options opt = quiet_options();
        opt.threads = threads;
        opt.strict = true;
        cib_store *s = cib_store_new();
        cib_error err = {0};
        assert_int_equal(cib_ingest_file(s, path, &opt, NULL, &err),
                         CIB_EINPUT);
        /* row 3 on line 5; rows 0, 1 and 2 were stored before it */
        assert_int_equal(err.line, 5);
        assert_int_equal(s->events.n, 3);
        cib_store_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_store_the_same),
        cmocka_unit_test(warnings_come_in_input_order),
        cmocka_unit_test(strict_stops_at_the_first_bad_row),
    };
    return cmocka_run_group_tests(tests, NULL, tmp_cleanup);
}
