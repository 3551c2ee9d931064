/*
 * test_ingest.c — cib_ingest_file end to end on small fixtures written for
 * these tests (tests/data/ingest/) and on the CooRTweet benchmark file:
 * every activity column, each row-rejection reason with its message and
 * line, strict mode, the warning budget, empty and header-only inputs,
 * compressed inputs, several files into one store, and the header listing.
 */
#include "helpers.h"

#include <zstd.h>

/* ------------------------------------------------------------ activity */

/* tests/data/ingest/activity_full.csv: BOM, CRLF, every activity column,
 * a quoted CRLF inside row 2 (so rows start on lines 2, 3, 5, 6). */
static void check_activity_full(const cib_store *s, size_t first)
{
    const cib_events *e = &s->events;
    size_t i = first;
    /* 2020-10-05 = day 18540 -> 1601856000; 09:14:03+02:00 is 07:14:03Z
     * (+26043 s); row 2 gives the same instant as Unix seconds */
    assert_int_equal(e->time[i + 0], INT64_C(1601882043));
    assert_int_equal(e->time[i + 1], INT64_C(1601882043));
    assert_int_equal(e->time[i + 2], INT64_C(1601856000) + 7 * 3600 + 20 * 60);
    assert_int_equal(e->time[i + 3], INT64_C(1601856000));
    assert_int_equal(e->action[i + 0], CIB_ACTION_POST);
    assert_int_equal(e->action[i + 1], CIB_ACTION_REPOST);
    assert_int_equal(e->action[i + 2], CIB_ACTION_COMMENT);
    assert_int_equal(e->action[i + 3], CIB_ACTION_LIKE);
    assert_int_equal(e->post[i + 0], sid(s, "p1"));
    assert_int_equal(e->post[i + 3], 0);
    assert_int_equal(e->object[i + 0], 0);
    assert_int_equal(e->object[i + 1], sid(s, "p1"));
    assert_int_equal(e->object[i + 2], sid(s, "p2"));
    assert_int_equal(e->object[i + 3], sid(s, "p1"));
    assert_string_equal(str_of(s, e->text[i + 0]), "Hello, world");
    /* quoted CRLF kept as data, doubled quotes made single */
    assert_string_equal(str_of(s, e->text[i + 1]),
                        "She said \"hi\"\r\nand left");
    assert_int_equal(e->text[i + 2], 0);
    assert_string_equal(str_of(s, e->network[i + 0]), "10.0.0.1");
    assert_string_equal(str_of(s, e->network[i + 1]), "AS123");

    /* URLs: two split on a space, none, two split on '|', none */
    assert_int_equal(e->url_begin[i + 1] - e->url_begin[i], 2);
    assert_string_equal(str_of(s, e->url_ids[e->url_begin[i] + 1]),
                        "https://b.example/y");
    assert_int_equal(e->url_begin[i + 2] - e->url_begin[i + 1], 0);
    assert_int_equal(e->url_begin[i + 3] - e->url_begin[i + 2], 2);
    assert_string_equal(str_of(s, e->url_ids[e->url_begin[i + 2]]),
                        "https://c.example/z");
    /* hashtags: "#one|two" -> one, two; "#three, four five" -> three,
     * four, five (',' and ' ' both separate, '#' dropped) */
    assert_int_equal(e->tag_begin[i + 1] - e->tag_begin[i], 2);
    assert_string_equal(str_of(s, e->tag_ids[e->tag_begin[i]]), "one");
    assert_int_equal(e->tag_begin[i + 3] - e->tag_begin[i + 2], 3);
    assert_string_equal(str_of(s, e->tag_ids[e->tag_begin[i + 2]]), "three");
    assert_string_equal(str_of(s, e->tag_ids[e->tag_begin[i + 2] + 2]),
                        "five");
}

static void test_activity_full(void **state)
{
    (void)state;
    char path[512];
    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, fixture(path, sizeof path,
                                            "activity_full.csv"),
                                 &opt, &st, &err),
                     CIB_OK);
    assert_int_equal(st.rows, 4);
    assert_int_equal(st.events, 4);
    assert_int_equal(st.rejected_rows, 0);
    assert_int_equal(s->events.n, 4);
    check_activity_full(s, 0);

    const cib_accounts *a = &s->accounts;
    assert_int_equal(a->n, 3);
    assert_string_equal(str_of(s, a->id[0]), "acc1");
    /* "Facebook" is stored lower-cased, so acc1 and acc2 share it */
    assert_string_equal(str_of(s, a->platform[0]), "facebook");
    assert_int_equal(a->platform[0], a->platform[1]);
    assert_string_equal(str_of(s, a->platform[2]), "instagram");
    assert_int_equal(a->asset[0], CIB_ASSET_PAGE);
    assert_int_equal(a->asset[1], CIB_ASSET_ACCOUNT);
    /* acc1: 100 then 250 (row 3's later value wins); acc2 never said */
    assert_int_equal(a->followers[0], 250);
    assert_int_equal(a->followers[1], CIB_UNKNOWN_FOLLOWERS);
    assert_int_equal(a->followers[2], 7);
    /* 2015-01-02 = day 16437; 2019-02-28T12:00Z = day 17955 + 43200 s
     * (2019-01-01 = day 17897, + 58) */
    assert_int_equal(a->created[0], INT64_C(16437) * 86400);
    assert_int_equal(a->created[1], CIB_UNKNOWN_TIME);
    assert_int_equal(a->created[2], INT64_C(17955) * 86400 + 43200);
    assert_string_equal(str_of(s, a->display_name[0]), "Page One");
    assert_string_equal(str_of(s, a->display_name[2]), "Three, the \"third\"");
    assert_string_equal(str_of(s, a->profile_image[0]), "ab12");
    assert_int_equal(a->n_events[0], 2);
    cib_store_free(s);
}

/* ------------------------------------------------------------ rejection */

/* tests/data/ingest/bad_rows.csv: rows 2 and 14-15 are good, every other
 * row breaks one rule (row 16 only under a 64-byte field limit). */
static const char *const BAD_ROWS_WARNINGS =
    "cibscan: %1$s:3: field 'time': '2016-13-45' is not a time; row rejected\n"
    "cibscan: %1$s:4: field 'account_id' is empty; row rejected\n"
    "cibscan: %1$s:5: row has 8 fields, header has 7; row rejected\n"
    "cibscan: %1$s:6: row has 3 fields, header has 7; row rejected\n"
    "cibscan: %1$s:7: field 'action': 'dance' is not an action (post, share, "
    "repost, reply, comment, quote, like); row rejected\n"
    "cibscan: %1$s:8: field 'followers': 'many' is not a count; row rejected\n"
    "cibscan: %1$s:9: field 'asset_type': 'castle' is not an asset type "
    "(account, page, group); row rejected\n"
    "cibscan: %1$s:10: field 'account_created': 'last year' is not a time; "
    "row rejected\n"
    "cibscan: %1$s:11: invalid UTF-8 in field 'text'; row rejected\n"
    "cibscan: %1$s:12: field 'time': '1969-12-31T23:59:59Z' is not a time; "
    "row rejected\n"
    "cibscan: %1$s:13: field 'time' is empty; row rejected\n"
    "cibscan: %1$s:16: field 'text' is 100 bytes, over the 64-byte limit; "
    "row rejected\n";

/* Read bad_rows.csv `times` times into s, adding to *st, with the
 * warnings captured; returns them (free them). */
static char *read_bad_rows(cib_store *s, int times, unsigned max_warnings,
                           size_t max_field_bytes, cib_ingest_stats *st,
                           char *path, size_t path_n)
{
    fixture(path, path_n, "bad_rows.csv");
    char *warnings = NULL;
    size_t warnings_n = 0;
    cib_ingest_options opt = quiet_options();
    opt.warn = open_memstream(&warnings, &warnings_n);
    opt.max_warnings = max_warnings;
    opt.max_field_bytes = max_field_bytes;
    cib_error err = {0};
    for (int i = 0; i < times; i++)
        assert_int_equal(cib_ingest_file(s, path, &opt, st, &err), CIB_OK);
    fclose(opt.warn);
    return warnings;
}

static void test_rejections(void **state)
{
    (void)state;
    char path[512];
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    char *warnings = read_bad_rows(s, 1, 100, 64, &st, path, sizeof path);
    /* 14 rows: 2 stored, 12 rejected */
    assert_int_equal(st.rows, 14);
    assert_int_equal(st.events, 2);
    assert_int_equal(st.rejected_rows, 12);
    static char want[8192];
    snprintf(want, sizeof want, BAD_ROWS_WARNINGS, path);
    assert_string_equal(warnings, want);
    free(warnings);
    /* rejected rows leave no account behind: good1 and good2 only */
    assert_int_equal(s->accounts.n, 2);
    assert_int_equal(sid(s, "bad1"), 0);
    assert_string_equal(str_of(s, s->events.text[1]), "multi\nline");
    /* 2020-01-01 = day 18262 = 1577836800 */
    assert_int_equal(s->events.time[1], INT64_C(1577836800));
    assert_int_equal(s->events.action[1], CIB_ACTION_SHARE);
    cib_store_free(s);
}

/* Strict: the first bad row (line 3) is the error; the good row before it
 * was stored. */
static void test_strict(void **state)
{
    (void)state;
    char path[512];
    cib_ingest_options opt = quiet_options();
    opt.strict = true;
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, fixture(path, sizeof path, "bad_rows.csv"),
                                 &opt, &st, &err),
                     CIB_EINPUT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message, "field 'time': '2016-13-45' is not a time");
    assert_int_equal(st.events, 1);
    assert_int_equal(st.rejected_rows, 1);
    char buf[1200];
    char want[1200];
    snprintf(want, sizeof want,
             "cibscan: %s:3: field 'time': '2016-13-45' is not a time", path);
    assert_string_equal(cib_error_format(&err, buf, sizeof buf), want);
    cib_store_free(s);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

/* At most max_warnings lines in all, counted across files read with the
 * same stats: 2 reads of bad_rows.csv reject 11 rows each (the 100-byte
 * text is under the default limit), 3 warnings are printed. */
static void test_warning_budget(void **state)
{
    (void)state;
    char path[512];
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    char *warnings = read_bad_rows(s, 2, 3, 0, &st, path, sizeof path);
    assert_int_equal(st.rejected_rows, 22);
    assert_int_equal(st.events, 6);
    assert_int_equal(st.files, 2);
    assert_int_equal(count_lines(warnings), 3);
    free(warnings);
    cib_store_free(s);
}

/* The default limits: a 10 MiB field (1 MiB limit) and a 5000-field row
 * are rejected; a 5000-column header (4096 limit) fails the file. */
static void test_default_limits(void **state)
{
    (void)state;
    size_t big = (size_t)10 << 20;
    char *text = malloc(big + 64);
    assert_non_null(text);
    int n = sprintf(text, "account_id,time,url\na,1,");
    memset(text + n, 'x', big);
    memcpy(text + n + big, "\nb,2,ok\n", 8);
    const char *path = tmp_write("huge.csv", text, (size_t)n + big + 8);
    free(text);
    cib_ingest_options opt = quiet_options();
    opt.strict = true;
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, path, &opt, NULL, &err), CIB_EINPUT);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message,
                        "field 'url' is 10485760 bytes, over the "
                        "1048576-byte limit");
    /* not strict: that row is counted, the next one is read */
    opt.strict = false;
    cib_ingest_stats st = {0};
    assert_int_equal(cib_ingest_file(s, path, &opt, &st, &err), CIB_OK);
    assert_int_equal(st.rejected_rows, 1);
    assert_int_equal(st.events, 1);

    /* 5000 fields: "a,1" then 4998 more ",x" */
    char *row = malloc(64 + 5000 * 2);
    assert_non_null(row);
    n = sprintf(row, "account_id,time\na,1");
    for (int i = 0; i < 4998; i++)
        n += sprintf(row + n, ",x");
    n += sprintf(row + n, "\n");
    opt.strict = true;
    assert_int_equal(cib_ingest_file(s, tmp_write("wide.csv", row, (size_t)n),
                                 &opt, NULL, &err),
                     CIB_EINPUT);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message, "row has 5000 fields, header has 2");
    /* the same 5000 fields as a header */
    assert_int_equal(cib_ingest_file(s, tmp_write("wide_header.csv", row + 16,
                                              (size_t)n - 16),
                                 &opt, NULL, &err),
                     CIB_EINPUT);
    assert_int_equal(err.line, 1);
    assert_string_equal(err.message,
                        "header has 5000 columns, over the 4096-column limit");
    free(row);
    cib_store_free(s);
}

/* ------------------------------------------------------------ file level */

static void expect_file_error(const char *name, const char *text, int code,
                              uint64_t line, const char *message)
{
    const char *path = tmp_text(name, text);
    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, path, &opt, &st, &err), code);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_string_equal(err.message, message);
    cib_store_free(s);
}

static void test_file_errors(void **state)
{
    (void)state;
    expect_file_error("empty.csv", "", CIB_EINPUT, 0,
                      "empty input: no header row");
    expect_file_error("bom.csv", "\xef\xbb\xbf \r\n\t\n", CIB_EINPUT, 0,
                      "empty input: no header row");
    expect_file_error("quote.csv", "account_id,time\na,1\nb,\"2\n", CIB_EINPUT,
                      3,
                      "unterminated quoted field: the quote opened on this "
                      "line is never closed");
    expect_file_error("binary.csv", "\x89PNG\r\n\x1a\n\0\0", CIB_EINPUT, 1,
                      "invalid UTF-8 or NUL byte in the header row (column "
                      "1); is this a CSV file?");

    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, tmp_folder(), &opt, NULL, &err), CIB_EIO);
    assert_string_equal(err.message, "is a directory, not an input file");
    char missing[512];
    snprintf(missing, sizeof missing, "%s/no_such.csv", tmp_folder());
    assert_int_equal(cib_ingest_file(s, missing, &opt, NULL, &err), CIB_EIO);
    assert_string_equal(err.message, "cannot open: No such file or directory");
    cib_store_free(s);
}

/* A header alone is a good input with no events; blank lines between rows
 * are not rows. */
static void test_header_only_and_blank_lines(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, tmp_text("h.csv", "account_id,time\r\n"),
                                 &opt, &st, &err),
                     CIB_OK);
    assert_int_equal(st.files, 1);
    assert_int_equal(st.rows, 0);
    assert_int_equal(s->events.n, 0);
    assert_int_equal(cib_ingest_file(s, tmp_text("b.csv", "account_id,time\n\n"
                                                      "  \na,1\n\n"),
                                 &opt, &st, &err),
                     CIB_OK);
    assert_int_equal(st.rows, 1);
    assert_int_equal(st.rejected_rows, 0);
    assert_int_equal(s->events.n, 1);
    cib_store_free(s);
}

/* ------------------------------------------------------------ inputs */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[8192];
    *n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

/* The same fixture gzip- and zstd-compressed (made here) gives the same
 * events; both read into one store after the plain file. */
static void test_compressed_inputs(void **state)
{
    (void)state;
    char path[512];
    size_t n;
    const char *plain = slurp(fixture(path, sizeof path, "activity_full.csv"),
                              &n);
    static unsigned char packed[16384];
    size_t packed_n = ZSTD_compress(packed, sizeof packed, plain, n, 3);
    assert_false(ZSTD_isError(packed_n));
    const char *zst = tmp_write("a.csv.zst", packed, packed_n);
    packed_n = gzip_bytes(plain, n, packed, sizeof packed);
    const char *gz_path = tmp_write("a.csv.gz", packed, packed_n);

    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, path, &opt, &st, &err), CIB_OK);
    assert_int_equal(cib_ingest_file(s, gz_path, &opt, &st, &err), CIB_OK);
    assert_int_equal(cib_ingest_file(s, zst, &opt, &st, &err), CIB_OK);
    assert_int_equal(st.files, 3);
    assert_int_equal(s->events.n, 12);
    check_activity_full(s, 0);
    check_activity_full(s, 4);
    check_activity_full(s, 8);
    /* the accounts are shared: 3, each seen three times as often */
    assert_int_equal(s->accounts.n, 3);
    assert_int_equal(s->accounts.n_events[0], 6);
    cib_store_free(s);
}

/* Two formats into one store: 4 activity + 4 twitter-io events, 3 + 3
 * accounts (no id in common). */
static void test_several_files(void **state)
{
    (void)state;
    char a[512], t[512];
    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, fixture(a, sizeof a, "activity_full.csv"),
                                 &opt, &st, &err),
                     CIB_OK);
    assert_int_equal(cib_ingest_file(s, fixture(t, sizeof t,
                                            "twitter_io_sample.csv"),
                                 &opt, &st, &err),
                     CIB_OK);
    assert_int_equal(st.files, 2);
    assert_int_equal(st.events, 8);
    assert_int_equal(s->events.n, 8);
    assert_int_equal(s->accounts.n, 6);
    check_activity_full(s, 0);
    /* the twitter rows continue the CSR arrays: 4 activity URLs, then
     * 1 + 0 + 0 + 2 */
    assert_int_equal(s->events.url_begin[4], 4);
    assert_int_equal(s->events.url_begin[8], 7);
    assert_string_equal(str_of(s, s->accounts.platform[3]), "twitter");
    cib_store_free(s);
}

static void test_columns(void **state)
{
    (void)state;
    char path[512];
    cib_ingest_options opt = quiet_options();
    char **cols = NULL;
    size_t n = 0;
    cib_error err = {0};
    assert_int_equal(cib_ingest_columns(fixture(path, sizeof path,
                                                "twitter_io_sample.csv"),
                                        &opt, &cols, &n, &err),
                     CIB_OK);
    assert_int_equal(n, 31); /* the 31 columns CONTRACT.md lists */
    assert_string_equal(cols[0], "tweetid");
    assert_string_equal(cols[13], "tweet_time");
    assert_string_equal(cols[30], "poll_choices");
    assert_null(cols[31]);
    cib_ingest_columns_free(cols);
    assert_int_equal(cib_ingest_columns(tmp_text("e.csv", ""), &opt, &cols, &n,
                                        &err),
                     CIB_EINPUT);
    assert_null(cols);
    assert_string_equal(err.message, "empty input: no header row");
}

/* ------------------------------------------------------------ real data */

/* CooRTweet's russian_coord_tweets.csv: 35,125 rows, 9,509 accounts and
 * 7,285 retweeted objects, timestamps from 2021-01-17 to 2021-08-30
 * (../shared/data/real/README.md, section 4). */
static void test_russian_coord_tweets(void **state)
{
    (void)state;
    const char *shared = getenv("CIBSCAN_SHARED");
    if (shared == NULL)
        fail_msg("CIBSCAN_SHARED is not set");
    char path[512];
    snprintf(path, sizeof path, "%s/coortweet/russian_coord_tweets.csv",
             shared);
    cib_ingest_options opt = quiet_options();
    char spec[] = "account_id=account_id,time=timestamp_share,"
                  "object_id=object_id";
    cib_error err = {0};
    assert_int_equal(cib_ingest_parse_map(&opt, spec, &err), CIB_OK);
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    assert_int_equal(cib_ingest_file(s, path, &opt, &st, &err), CIB_OK);
    assert_int_equal(st.rows, 35125);
    assert_int_equal(st.events, 35125);
    assert_int_equal(st.rejected_rows, 0);
    assert_int_equal(s->events.n, 35125);
    assert_int_equal(s->accounts.n, 9509);
    /* distinct objects: mark each object id once */
    uint32_t n_ids = cib_strings_count(s->strings);
    unsigned char *seen = calloc(n_ids, 1);
    assert_non_null(seen);
    size_t objects = 0;
    for (size_t i = 0; i < s->events.n; i++) {
        assert_int_not_equal(s->events.object[i], 0);
        objects += !seen[s->events.object[i]];
        seen[s->events.object[i]] = 1;
    }
    free(seen);
    assert_int_equal(objects, 7285);
    int64_t first, last;
    assert_true(cib_store_span(s, &first, &last));
    /* 2021-01-17 = day 18644, 2021-08-30 = day 18869 */
    assert_int_equal(first / 86400, 18644);
    assert_int_equal(last / 86400, 18869);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_activity_full),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_warning_budget),
        cmocka_unit_test(test_default_limits),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_header_only_and_blank_lines),
        cmocka_unit_test(test_compressed_inputs),
        cmocka_unit_test(test_several_files),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_russian_coord_tweets),
    };
    return cmocka_run_group_tests(tests, NULL, tmp_cleanup);
}
