/*
 * test_formats.c — format words, --map parsing, header matching and
 * `auto` detection, and the twitter-io reading of a 4-row sample written
 * for this test (tests/data/ingest/twitter_io_sample.csv: a post, a
 * retweet, a reply and a quote, one row per action rule of CONTRACT.md).
 */
#include "helpers.h"

/* ------------------------------------------------------------ words */

static void test_format_words(void **state)
{
    (void)state;
    static const struct {
        const char *word;
        cib_format format;
    } words[] = {{"auto", CIB_FORMAT_AUTO},
                 {"activity", CIB_FORMAT_ACTIVITY},
                 {"twitter-io", CIB_FORMAT_TWITTER_IO},
                 {"jsonl", CIB_FORMAT_JSONL}};
    for (size_t i = 0; i < 4; i++) {
        cib_format f = CIB_FORMAT_AUTO;
        assert_true(cib_format_parse(words[i].word, &f));
        assert_int_equal(f, words[i].format);
        assert_string_equal(cib_format_name(f), words[i].word);
    }
    cib_format f;
    assert_false(cib_format_parse("tweets", &f));
    assert_false(cib_format_parse("", &f));
    assert_string_equal(cib_field_name(CIB_FIELD_ACCOUNT_ID), "account_id");
    assert_string_equal(cib_field_name(CIB_FIELD_ACCOUNT_CREATED),
                        "account_created");
    assert_string_equal(cib_field_name(CIB_FIELD_PROFILE_IMAGE),
                        "profile_image");
}

/* ------------------------------------------------------------ --map */

static void test_parse_map(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    cib_error err = {0};
    char spec[] = "account_id=author_id, time = publish_date,object_id=retweet";
    assert_int_equal(cib_ingest_parse_map(&opt, spec, &err), CIB_OK);
    assert_string_equal(opt.map[CIB_FIELD_ACCOUNT_ID], "author_id");
    assert_string_equal(opt.map[CIB_FIELD_TIME], "publish_date"); /* trimmed */
    assert_string_equal(opt.map[CIB_FIELD_OBJECT_ID], "retweet");
    assert_null(opt.map[CIB_FIELD_URL]);

    char unknown[] = "author=x";
    assert_int_equal(cib_ingest_parse_map(&opt, unknown, &err), CIB_EUSAGE);
    assert_non_null(strstr(err.message, "--map: unknown field 'author' "
                                        "(fields: account_id, time, action"));

    char no_eq[] = "account_id";
    assert_int_equal(cib_ingest_parse_map(&opt, no_eq, &err), CIB_EUSAGE);
    assert_string_equal(err.message, "--map: 'account_id' is not FIELD=COLUMN");

    char empty[] = "url=";
    assert_int_equal(cib_ingest_parse_map(&opt, empty, &err), CIB_EUSAGE);
    assert_string_equal(err.message, "--map: field 'url' has no column name");

    /* time is already publish_date: a different column is a clash */
    char twice[] = "time=created";
    assert_int_equal(cib_ingest_parse_map(&opt, twice, &err), CIB_EUSAGE);
    assert_string_equal(err.message, "--map: field 'time' is mapped twice");
}

/* ------------------------------------------------------------ detection */

/* Ingest `text` as a scratch file; returns the code, fills store. */
static int ingest_text(cib_store *store, const char *text,
                       const cib_ingest_options *opt, cib_error *err)
{
    const char *path = tmp_text("in.csv", text);
    cib_ingest_stats st = {0};
    int rc = cib_ingest_file(store, path, opt, &st, err);
    tmp_cleanup(NULL);
    return rc;
}

static void expect_header_error(const char *text, const cib_ingest_options *opt,
                                int code, uint64_t line, const char *message)
{
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(ingest_text(s, text, opt, &err), code);
    assert_int_equal(err.line, line);
    assert_string_equal(err.message, message);
    assert_int_equal(s->events.n, 0);
    cib_store_free(s);
}

static void test_detection_errors(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    expect_header_error("user,time,url\nu1,2020-01-01T10:00:00Z,x\n", &opt,
                        CIB_EINPUT, 1,
                        "cannot tell the format from the header: no "
                        "'account_id' and 'time' columns (activity) nor "
                        "'tweetid', 'userid' and 'tweet_time' (twitter-io); "
                        "name the columns with --map "
                        "account_id=COLUMN,time=COLUMN");
    /* the header line is the first non-blank one */
    expect_header_error("\n\nuser,time\n", &opt, CIB_EINPUT, 3,
                        "cannot tell the format from the header: no "
                        "'account_id' and 'time' columns (activity) nor "
                        "'tweetid', 'userid' and 'tweet_time' (twitter-io); "
                        "name the columns with --map "
                        "account_id=COLUMN,time=COLUMN");
    /* a '{' first is JSON Lines (test_jsonl.c); a JSON array is not */
    expect_header_error("[{\"id\": 1, \"user\": 2}]\n", &opt, CIB_EINPUT, 1,
                        "the input looks like JSON but is not JSON Lines "
                        "(one object per line, the first byte '{'); give "
                        "one object per line");

    opt.format = CIB_FORMAT_ACTIVITY;
    expect_header_error("user,time\n", &opt, CIB_EINPUT, 1,
                        "missing required column 'account_id'");
    expect_header_error("account_id,when\n", &opt, CIB_EINPUT, 1,
                        "missing required column 'time'");
    opt.format = CIB_FORMAT_TWITTER_IO;
    expect_header_error("account_id,time\n", &opt, CIB_EINPUT, 1,
                        "missing required column 'userid'");

    opt.format = CIB_FORMAT_AUTO;
    char spec[] = "account_id=author,time=when";
    cib_error err = {0};
    assert_int_equal(cib_ingest_parse_map(&opt, spec, &err), CIB_OK);
    expect_header_error("author,created\n", &opt, CIB_EINPUT, 1,
                        "column 'when' (--map time=when) is not in the header");
    opt.format = CIB_FORMAT_TWITTER_IO;
    expect_header_error("author,when\n", &opt, CIB_EUSAGE, 0,
                        "--map renames activity columns; it does not go with "
                        "--format twitter-io");
    /* JSON Lines names its values by key: a --map is a usage error */
    opt.format = CIB_FORMAT_JSONL;
    expect_header_error("author,when\n", &opt, CIB_EUSAGE, 0,
                        "--map renames CSV columns; JSON Lines input names "
                        "its values by key");

    opt = quiet_options();
    opt.group_by = "shift";
    expect_header_error("account_id,time\n", &opt, CIB_EINPUT, 1,
                        "column 'shift' (--group-by) is not in the header");
}

/* Header names match ignoring case and surrounding spaces; unknown
 * columns are ignored. */
static void test_header_matching(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(ingest_text(s, " Account_ID ,TIME,Colour,URL\n"
                                    "a1,1577836800,red,http://x.org/1\n",
                                 &opt, &err),
                     CIB_OK);
    assert_int_equal(s->events.n, 1);
    assert_int_equal(s->events.time[0], 1577836800);
    assert_int_equal(s->events.n_urls, 1);
    assert_int_equal(s->events.url_ids[0], sid(s, "http://x.org/1"));
    cib_store_free(s);
}

/* With --map, mapped fields read the named columns and unmapped fields
 * still read their own activity names (here `url`). */
static void test_map_reads_columns(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    cib_error err = {0};
    char spec[] = "account_id=author,time=when,text=content";
    assert_int_equal(cib_ingest_parse_map(&opt, spec, &err), CIB_OK);
    cib_store *s = cib_store_new();
    assert_int_equal(ingest_text(s, "when,content,author,url,account_id\n"
                                    "2020-01-01,hello,bob,http://y.org,"
                                    "ignored\n",
                                 &opt, &err),
                     CIB_OK);
    assert_int_equal(s->events.n, 1);
    /* the account is `author`, not the unmapped account_id column */
    assert_string_equal(str_of(s, s->accounts.id[0]), "bob");
    assert_string_equal(str_of(s, s->events.text[0]), "hello");
    assert_int_equal(s->events.n_urls, 1);
    /* 2020-01-01 = day 18262 */
    assert_int_equal(s->events.time[0], INT64_C(18262) * 86400);
    cib_store_free(s);
}

/* --group-by puts the column's value in events.group. */
static void test_group_by(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    opt.group_by = "client";
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(ingest_text(s, "account_id,time,client\n"
                                    "a,1,Android\nb,2,\n",
                                 &opt, &err),
                     CIB_OK);
    assert_int_equal(s->events.n, 2);
    assert_int_equal(s->events.group[0], sid(s, "Android"));
    assert_int_equal(s->events.group[1], 0);
    cib_store_free(s);
}

/* ------------------------------------------------------------ twitter-io */

static void expect_ids(const cib_store *s, const uint32_t *ids, size_t n,
                       const char *const *want, size_t want_n)
{
    assert_int_equal(n, want_n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(str_of(s, ids[i]), want[i]);
}

static void test_twitter_io_sample(void **state)
{
    (void)state;
    char path[512];
    cib_ingest_options opt = quiet_options(); /* auto detects twitter-io */
    cib_store *s = cib_store_new();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    assert_int_equal(cib_ingest_file(s, fixture(path, sizeof path,
                                                "twitter_io_sample.csv"),
                                     &opt, &st, &err),
                     CIB_OK);
    assert_int_equal(st.rows, 4);
    assert_int_equal(st.events, 4);
    assert_int_equal(st.rejected_rows, 0);
    assert_int_equal(st.files, 1);

    const cib_events *e = &s->events;
    const cib_accounts *a = &s->accounts;
    assert_int_equal(e->n, 4);
    /* accounts in order of first appearance: u1, u2, u3 */
    assert_int_equal(a->n, 3);
    assert_string_equal(str_of(s, a->id[0]), "u1");
    assert_string_equal(str_of(s, a->id[1]), "u2");
    assert_string_equal(str_of(s, a->id[2]), "u3");
    assert_int_equal(e->account[0], 0);
    assert_int_equal(e->account[1], 1);
    assert_int_equal(e->account[2], 0);
    assert_int_equal(e->account[3], 2);

    /* 2016-10-06 = day 17080 (2016-01-01 = day 16801, + 274 for Jan..Sep
     * of a leap year, + 5); 19:52 = 71520 s: 1475712000 + 71520 */
    assert_int_equal(e->time[0], INT64_C(1475783520));
    assert_int_equal(e->time[1], INT64_C(1475783580));
    assert_int_equal(e->time[2], INT64_C(1475784000));
    assert_int_equal(e->time[3], INT64_C(1475798400)); /* Oct 7 00:00 */

    /* is_retweet False and no reply/quote id: a post, no object;
     * True: a repost of retweet_tweetid; in_reply_to_tweetid: a reply;
     * quoted_tweet_tweetid: a quote */
    assert_int_equal(e->action[0], CIB_ACTION_POST);
    assert_int_equal(e->object[0], 0);
    assert_int_equal(e->action[1], CIB_ACTION_REPOST);
    assert_string_equal(str_of(s, e->object[1]), "1001");
    assert_int_equal(e->action[2], CIB_ACTION_REPLY);
    assert_string_equal(str_of(s, e->object[2]), "1002");
    assert_int_equal(e->action[3], CIB_ACTION_QUOTE);
    assert_int_equal(e->object[3], e->post[0]); /* tweet 1001 */
    assert_string_equal(str_of(s, e->post[3]), "1004");
    assert_string_equal(str_of(s, e->text[0]),
                        "Big news, read it #Vote https://t.co/x");

    /* bracketed lists: "['Vote', 'News']", "[Vote]", "[]", and a quoted
     * URL holding a comma */
    static const char *const tags0[] = {"Vote", "News"};
    static const char *const tags1[] = {"Vote"};
    static const char *const urls0[] = {"https://example.org/a?x=1,2"};
    static const char *const urls3[] = {"https://example.org/b",
                                        "https://example.org/c"};
    expect_ids(s, e->tag_ids + e->tag_begin[0],
               e->tag_begin[1] - e->tag_begin[0], tags0, 2);
    expect_ids(s, e->tag_ids + e->tag_begin[1],
               e->tag_begin[2] - e->tag_begin[1], tags1, 1);
    assert_int_equal(e->tag_begin[4] - e->tag_begin[2], 0);
    expect_ids(s, e->url_ids + e->url_begin[0],
               e->url_begin[1] - e->url_begin[0], urls0, 1);
    assert_int_equal(e->url_begin[3] - e->url_begin[1], 0);
    expect_ids(s, e->url_ids + e->url_begin[3],
               e->url_begin[4] - e->url_begin[3], urls3, 2);

    /* account attributes: platform twitter for all; u1's follower count
     * is the later row's 1250; creation dates are midnight UTC */
    for (int i = 0; i < 3; i++)
        assert_string_equal(str_of(s, a->platform[i]), "twitter");
    assert_int_equal(a->followers[0], 1250);
    assert_int_equal(a->followers[1], 15);
    assert_int_equal(a->followers[2], 0);
    /* 2013-08-13 = day 15930 (2013-01-01 = day 15706, + 224) */
    assert_int_equal(a->created[0], INT64_C(15930) * 86400);
    /* 2015-11-26 = day 16765 (2015-01-01 = day 16436, + 329) */
    assert_int_equal(a->created[2], INT64_C(16765) * 86400);
    assert_string_equal(str_of(s, a->display_name[0]), "Alpha");
    assert_string_equal(str_of(s, a->display_name[2]), "Gamma \"G\"");
    assert_int_equal(a->n_events[0], 2);
    assert_int_equal(a->asset[0], CIB_ASSET_ACCOUNT);
    cib_store_free(s);
}

/* A bad is_retweet value rejects the row, naming the column. */
static void test_twitter_io_bad_flag(void **state)
{
    (void)state;
    cib_ingest_options opt = quiet_options();
    opt.strict = true;
    cib_store *s = cib_store_new();
    cib_error err = {0};
    assert_int_equal(ingest_text(s, "tweetid,userid,tweet_time,is_retweet\n"
                                    "1,u,2016-10-06 19:52,maybe\n",
                                 &opt, &err),
                     CIB_EINPUT);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message,
                        "field 'is_retweet': 'maybe' is not true or false");
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_words),
        cmocka_unit_test(test_parse_map),
        cmocka_unit_test(test_detection_errors),
        cmocka_unit_test(test_header_matching),
        cmocka_unit_test(test_map_reads_columns),
        cmocka_unit_test(test_group_by),
        cmocka_unit_test(test_twitter_io_sample),
        cmocka_unit_test(test_twitter_io_bad_flag),
    };
    return cmocka_run_group_tests(tests, NULL, tmp_cleanup);
}
