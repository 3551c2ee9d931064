/*
 * test_jsonl.c — JSON Lines input (src/ingest/jsonl.c, lines.c): the
 * two object shapes (Twitter v1.1 tweets, activity objects), the action
 * rules, stream control messages, rejected lines and their messages,
 * --strict, `auto` detection (also through gzip and a byte-order mark),
 * a damaged gzip stream, --map refused, --group-by keys, one thread or
 * several (chunks.c), the line reader at every small block size, and the
 * real 2019 stream sample ($CIBSCAN_SHARED/twitter_stream_sample_2019,
 * README section 7).
 */
#include "helpers.h"

#include "ingest/lines.h"
#include "ingest/source.h"

/* 14 lines written for this test, one per rule (line numbers matter):
 *  1 a retweet (of 900) with user attributes
 *  2 a reply (to 900)
 *  3 a quote (of 901), in_reply_to null
 *  4 blank
 *  5 a post with two hashtags and a URL (expanded_url over url)
 *  6 a delete and 7 a limit control message
 *  8 a line cut short: not JSON
 *  9 an activity object: hashtags an array (a blank item), url a string
 *    of two, a number post id, a float follower count, platform cased
 * 10 a tweet without user, 11 an activity object without time
 * 12 an array, not an object
 * 13 a retweet that also names a quoted id: a retweet first
 * 14 a truncated tweet: extended_tweet's text and entities, not the
 *    top-level self link
 * 15 a reply (to 904) that also quotes 905: a reply, as in twitter-io */
static const char MIXED[] =
    "{\"created_at\":\"Sat Sep 28 18:05:23 +0000 2019\",\"id_str\":\"101\","
    "\"text\":\"RT @src: hello\",\"user\":{\"id_str\":\"u1\","
    "\"screen_name\":\"alice\",\"followers_count\":10,"
    "\"created_at\":\"Mon Jan 02 00:00:00 +0000 2017\"},"
    "\"retweeted_status\":{\"id_str\":\"900\",\"text\":\"hello\","
    "\"user\":{\"id_str\":\"src\"}},"
    "\"entities\":{\"hashtags\":[],\"urls\":[]}}\n"
    "{\"created_at\":\"Sat Sep 28 18:05:24 +0000 2019\",\"id_str\":\"102\","
    "\"text\":\"@src yes\",\"in_reply_to_status_id_str\":\"900\","
    "\"user\":{\"id_str\":\"u2\"}}\n"
    "{\"created_at\":\"Sat Sep 28 18:05:25 +0000 2019\",\"id_str\":\"103\","
    "\"text\":\"look\",\"quoted_status_id_str\":\"901\","
    "\"in_reply_to_status_id_str\":null,\"user\":{\"id_str\":\"u3\"}}\n"
    "   \n"
    "{\"created_at\":\"Sat Sep 28 18:05:26 +0000 2019\",\"id_str\":\"104\","
    "\"text\":\"#Vote #now https://t.co/x\",\"user\":{\"id_str\":\"u1\"},"
    "\"entities\":{\"hashtags\":[{\"text\":\"Vote\"},{\"text\":\"now\"}],"
    "\"urls\":[{\"url\":\"https://t.co/x\","
    "\"expanded_url\":\"https://example.org/a\"}]}}\n"
    "{\"delete\":{\"status\":{\"id\":1,\"id_str\":\"1\",\"user_id\":2,"
    "\"user_id_str\":\"2\"},\"timestamp_ms\":\"1569693923000\"}}\n"
    "{\"limit\":{\"track\":5,\"timestamp_ms\":\"1569693923000\"}}\n"
    "{\"created_at\": \"Sat Sep\n"
    "{\"account_id\":\"page9\",\"time\":\"2019-09-28T18:06:00Z\","
    "\"action\":\"share\",\"object_id\":\"900\","
    "\"hashtags\":[\"#Vote\",\"  \",\"x\"],"
    "\"url\":\"https://a.example/1 https://b.example/2\","
    "\"platform\":\"Facebook\",\"asset_type\":\"page\",\"followers\":12.0,"
    "\"post_id\":55}\n"
    "{\"created_at\":\"Sat Sep 28 18:05:27 +0000 2019\",\"id_str\":\"105\","
    "\"text\":\"x\"}\n"
    "{\"account_id\":\"a\"}\n"
    "[1, 2]\r\n"
    "{\"created_at\":\"Sat Sep 28 18:05:28 +0000 2019\",\"id_str\":\"106\","
    "\"user\":{\"id_str\":\"u2\"},\"retweeted_status\":{\"id_str\":\"902\"},"
    "\"quoted_status_id_str\":\"903\"}\n"
    "{\"created_at\":\"Sat Sep 28 18:05:29 +0000 2019\",\"id_str\":\"107\","
    "\"text\":\"short https://t.co/self\",\"truncated\":true,"
    "\"user\":{\"id_str\":\"u3\"},\"entities\":{\"hashtags\":[],"
    "\"urls\":[{\"url\":\"https://t.co/self\","
    "\"expanded_url\":\"https://twitter.com/i/web/status/107\"}]},"
    "\"extended_tweet\":{\"full_text\":\"the long text #Tag\","
    "\"entities\":{\"hashtags\":[{\"text\":\"Tag\"}],\"urls\":[]}}}\n"
    "{\"created_at\":\"Sat Sep 28 18:05:30 +0000 2019\",\"id_str\":\"108\","
    "\"text\":\"@x see\",\"user\":{\"id_str\":\"u1\"},"
    "\"in_reply_to_status_id_str\":\"904\",\"quoted_status_id_str\":\"905\"}";

/* Read path with opt into a new store; warnings (when `warnings` is not
 * NULL) are captured into a malloc'ed string. */
static cib_store *read_jsonl(const char *path, cib_ingest_options opt,
                             cib_ingest_stats *st, int expect_rc,
                             char **warnings, cib_error *err)
{
    size_t n = 0;
    if (warnings)
        opt.warn = open_memstream(warnings, &n);
    cib_store *s = cib_store_new();
    assert_non_null(s);
    assert_int_equal(cib_ingest_file(s, path, &opt, st, err), expect_rc);
    if (warnings)
        fclose(opt.warn);
    return s;
}

static const char *obj(const cib_store *s, size_t i)
{
    return str_of(s, s->events.object[i]);
}

/* The URLs (or hashtags) of event i joined by '|'. */
static const char *list_of(const cib_store *s, size_t i, bool tags)
{
    static char buf[512];
    const uint32_t *begin = tags ? s->events.tag_begin : s->events.url_begin;
    const uint32_t *ids = tags ? s->events.tag_ids : s->events.url_ids;
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t k = begin[i]; k < begin[i + 1]; k++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
                                 k > begin[i] ? "|" : "", str_of(s, ids[k]));
    return buf;
}

static void test_mixed_lines(void **state)
{
    (void)state;
    const char *path = tmp_text("mixed.jsonl", MIXED);
    cib_ingest_options opt = quiet_options();
    opt.format = CIB_FORMAT_JSONL;
    cib_ingest_stats st = {0};
    cib_error err = {0};
    char *warn = NULL;
    cib_store *s = read_jsonl(path, opt, &st, CIB_OK, &warn, &err);

    /* rows: lines 1 2 3 5 8 9 10 11 12 13 14 15; stored 1 2 3 5 9 13 14
     * 15; rejected 8 10 11 12; skipped the control messages 6 and 7; the
     * blank line 4 is nothing */
    assert_int_equal(st.rows, 12);
    assert_int_equal(st.events, 8);
    assert_int_equal(st.rejected_rows, 4);
    assert_int_equal(st.skipped_lines, 2);
    assert_int_equal(st.files, 1);
    assert_int_equal(s->events.n, 8);
    /* u1, u2, u3 by tweets, then page9 */
    assert_int_equal(s->accounts.n, 4);

    static const struct {
        const char *account;
        cib_action action;
        const char *post, *object, *text, *urls, *tags;
    } want[] = {
        {"u1", CIB_ACTION_REPOST, "101", "900", "RT @src: hello", "", ""},
        {"u2", CIB_ACTION_REPLY, "102", "900", "@src yes", "", ""},
        {"u3", CIB_ACTION_QUOTE, "103", "901", "look", "", ""},
        {"u1", CIB_ACTION_POST, "104", "", "#Vote #now https://t.co/x",
         "https://example.org/a", "Vote|now"},
        {"page9", CIB_ACTION_SHARE, "55", "900", "",
         "https://a.example/1|https://b.example/2", "Vote|x"},
        {"u2", CIB_ACTION_REPOST, "106", "902", "", "", ""},
        {"u3", CIB_ACTION_POST, "107", "", "the long text #Tag", "", "Tag"},
        {"u1", CIB_ACTION_REPLY, "108", "904", "@x see", "", ""},
    };
    for (size_t i = 0; i < 8; i++) {
        uint32_t a = s->events.account[i];
        assert_string_equal(str_of(s, s->accounts.id[a]), want[i].account);
        assert_int_equal(s->events.action[i], want[i].action);
        assert_string_equal(str_of(s, s->events.post[i]), want[i].post);
        assert_string_equal(obj(s, i), want[i].object);
        assert_string_equal(str_of(s, s->events.text[i]), want[i].text);
        assert_string_equal(list_of(s, i, false), want[i].urls);
        assert_string_equal(list_of(s, i, true), want[i].tags);
    }
    /* Sat Sep 28 18:05:23 +0000 2019 = 1569693923 (python calendar.timegm);
     * the next tweets one second apart; the activity object 18:06:00 */
    assert_int_equal(s->events.time[0], 1569693923);
    assert_int_equal(s->events.time[3], 1569693926);
    assert_int_equal(s->events.time[4], 1569693960);
    /* u1's attributes from its first tweet: screen name as display name,
     * followers_count, created_at (2017-01-02 = 1483315200); platform
     * twitter for tweets, the activity object's own lower-cased */
    assert_string_equal(str_of(s, s->accounts.display_name[0]), "alice");
    assert_int_equal(s->accounts.followers[0], 10);
    assert_int_equal(s->accounts.created[0], 1483315200);
    assert_string_equal(str_of(s, s->accounts.platform[0]), "twitter");
    assert_string_equal(str_of(s, s->accounts.platform[3]), "facebook");
    assert_int_equal(s->accounts.asset[3], CIB_ASSET_PAGE);
    assert_int_equal(s->accounts.followers[3], 12);
    assert_int_equal(s->accounts.followers[1], CIB_UNKNOWN_FOLLOWERS);

    /* four warnings, one per rejected line, naming file, line and field */
    char want_w[1024];
    snprintf(want_w, sizeof want_w,
             "cibscan: %s:10: field 'user.id_str' is missing; row rejected\n"
             "cibscan: %s:11: field 'time' is missing; row rejected\n"
             "cibscan: %s:12: an array, not a JSON object; row rejected\n",
             path, path, path);
    char prefix[512];
    snprintf(prefix, sizeof prefix, "cibscan: %s:8: not JSON (column ",
             path);
    assert_memory_equal(warn, prefix, strlen(prefix));
    const char *rest = strchr(warn, '\n');
    assert_non_null(rest);
    assert_string_equal(rest + 1, want_w);
    free(warn);
    cib_store_free(s);
    tmp_cleanup(NULL);
}

/* --strict: the first rejected line (8) is the error; what came before
 * stays stored (lines 1, 2, 3 and 5). */
static void test_strict(void **state)
{
    (void)state;
    const char *path = tmp_text("mixed.jsonl", MIXED);
    cib_ingest_options opt = quiet_options();
    opt.strict = true;
    cib_ingest_stats st = {0};
    cib_error err = {0};
    cib_store *s = read_jsonl(path, opt, &st, CIB_EINPUT, NULL, &err);
    assert_int_equal(err.line, 8);
    assert_non_null(strstr(err.message, "not JSON (column "));
    assert_int_equal(s->events.n, 4);
    cib_store_free(s);
    tmp_cleanup(NULL);
}

/* One message per way a value can be wrong. */
static void expect_rejected(const char *line, const char *why)
{
    const char *path = tmp_text("one.jsonl", line);
    cib_ingest_options opt = quiet_options();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    char *warn = NULL;
    cib_store *s = read_jsonl(path, opt, &st, CIB_OK, &warn, &err);
    assert_int_equal(st.rejected_rows, 1);
    assert_int_equal(s->events.n, 0);
    char want[768];
    snprintf(want, sizeof want, "cibscan: %s:1: %s; row rejected\n", path,
             why);
    assert_string_equal(warn, want);
    free(warn);
    cib_store_free(s);
    tmp_cleanup(NULL);
}

static void test_bad_values(void **state)
{
    (void)state;
    expect_rejected("{\"account_id\":\"a\",\"time\":\"yesterday\"}",
                    "field 'time': 'yesterday' is not a time");
    expect_rejected("{\"account_id\":\"a\",\"time\":1,\"text\":{\"x\":1}}",
                    "field 'text': an object, not a string or number");
    expect_rejected("{\"account_id\":true,\"time\":1}",
                    "field 'account_id': true, not a string or number");
    expect_rejected("{\"account_id\":\"a\",\"time\":1,\"url\":[\"x\",2]}",
                    "field 'url': item 2 is a number, not a string");
    expect_rejected("{\"account_id\":\"a\",\"time\":1,"
                    "\"hashtags\":[null,{\"text\":\"x\"}]}",
                    "field 'hashtags': item 2 is an object, not a string");
    expect_rejected("{\"account_id\":\"\",\"time\":1}",
                    "field 'account_id' is empty");
    expect_rejected("{\"account_id\":\"a\",\"time\":1,\"action\":\"poke\"}",
                    "field 'action': 'poke' is not an action (post, share, "
                    "repost, reply, comment, quote, like)");
    expect_rejected("{\"account_id\":\"a\",\"time\":1,\"followers\":-3}",
                    "field 'followers': '-3' is not a count");
    expect_rejected("{\"id_str\":\"1\",\"user\":{\"id_str\":\"z\"}}",
                    "field 'created_at' is missing");
    expect_rejected("{\"id_str\":\"1\",\"user\":{\"id_str\":\"z\"},"
                    "\"timestamp_ms\":\"15x9693923658\"}",
                    "field 'timestamp_ms': '15x9693923658' is not "
                    "milliseconds");
    /* jansson refuses \u0000 (strings must be C strings) */
    expect_rejected("{\"account_id\":\"a\\u0000b\",\"time\":1}",
                    "not JSON (column 24): \\u0000 is not allowed without "
                    "JSON_ALLOW_NUL near '\"a\\u0000b\"'");
}

/* Numbers for ids and times; timestamp_ms when created_at is absent;
 * the numeric ids of a tweet when id_str is absent. */
static void test_numbers(void **state)
{
    (void)state;
    const char *path = tmp_text(
        "n.jsonl",
        "{\"account_id\":7,\"time\":1600000000.9,\"followers\":3,"
        "\"object_id\":12345678901234}\n"
        "{\"id\":5,\"user\":{\"id\":6},\"timestamp_ms\":\"1569693923658\"}\n");
    cib_ingest_options opt = quiet_options();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    cib_store *s = read_jsonl(path, opt, &st, CIB_OK, NULL, &err);
    assert_int_equal(s->events.n, 2);
    assert_string_equal(str_of(s, s->accounts.id[0]), "7");
    /* the fraction of Unix seconds is dropped */
    assert_int_equal(s->events.time[0], 1600000000);
    assert_string_equal(obj(s, 0), "12345678901234");
    assert_int_equal(s->accounts.followers[0], 3);
    assert_string_equal(str_of(s, s->accounts.id[1]), "6");
    assert_string_equal(str_of(s, s->events.post[1]), "5");
    /* 1569693923658 ms: its whole seconds */
    assert_int_equal(s->events.time[1], 1569693923);
    cib_store_free(s);
    tmp_cleanup(NULL);
}

/* auto: '{' first (past a byte-order mark and blank lines) is JSON
 * Lines, also gzip-compressed; a CSV header is still CSV. */
static void test_auto(void **state)
{
    (void)state;
    static const char text[] =
        "\xef\xbb\xbf\n  \n{\"account_id\":\"a\",\"time\":\"2020-01-01\"}\n";
    cib_ingest_options opt = quiet_options();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    cib_store *s =
        read_jsonl(tmp_text("b.jsonl", text), opt, &st, CIB_OK, NULL, &err);
    assert_int_equal(s->events.n, 1);
    cib_store_free(s);
    tmp_cleanup(NULL);

    unsigned char gz[512];
    size_t n = gzip_bytes(text, sizeof text - 1, gz, sizeof gz);
    s = read_jsonl(tmp_write("b.jsonl.gz", gz, n), opt, &st, CIB_OK, NULL,
                   &err);
    assert_int_equal(s->events.n, 1);
    assert_int_equal(s->events.time[0], 1577836800); /* 2020-01-01 */
    cib_store_free(s);
    tmp_cleanup(NULL);

    s = read_jsonl(tmp_text("c.csv", "account_id,time\na,2020-01-01\n"), opt,
                   &st, CIB_OK, NULL, &err);
    assert_int_equal(s->events.n, 1);
    cib_store_free(s);
    tmp_cleanup(NULL);
    /* 3 files read in all, one event each */
    assert_int_equal(st.files, 3);
    assert_int_equal(st.events, 3);
}

/* A gzip stream cut short: the lines before the damage are read (the
 * same with one thread or two), then the error; with auto the damage may
 * already show while the first bytes are looked at. */
static void test_damaged_gzip(void **state)
{
    (void)state;
    unsigned char gz[4096];
    size_t n = gzip_bytes(MIXED, strlen(MIXED), gz, sizeof gz);
    const char *path = tmp_write("cut.jsonl.gz", gz, n / 2);
    size_t events[2];
    for (unsigned t = 0; t < 2; t++) {
        cib_ingest_options opt = quiet_options();
        opt.format = CIB_FORMAT_JSONL;
        opt.threads = t + 1;
        cib_ingest_stats st = {0};
        cib_error err = {0};
        cib_store *s = read_jsonl(path, opt, &st, CIB_EINPUT, NULL, &err);
        assert_string_equal(err.message, "truncated or corrupt gzip stream");
        /* MIXED holds 8 events; a cut stream cannot give them all */
        assert_true(s->events.n < 8);
        assert_int_equal(s->events.n, st.events);
        events[t] = s->events.n;
        cib_store_free(s);
    }
    assert_int_equal(events[0], events[1]);
    cib_ingest_options opt = quiet_options();
    cib_error err = {0};
    cib_store *s = read_jsonl(path, opt, NULL, CIB_EINPUT, NULL, &err);
    assert_string_equal(err.message, "truncated or corrupt gzip stream");
    cib_store_free(s);
    tmp_cleanup(NULL);
}

/* The rejected line's number counts blank lines before it. */
static void test_line_numbers(void **state)
{
    (void)state;
    const char *path = tmp_text("l.jsonl", "\n\r\n{\"time\":1}\n");
    cib_ingest_options opt = quiet_options();
    opt.strict = true;
    cib_error err = {0};
    cib_store *s = read_jsonl(path, opt, NULL, CIB_EINPUT, NULL, &err);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message, "field 'account_id' is missing");
    cib_store_free(s);
    tmp_cleanup(NULL);
}

static void test_map_refused_group_by_key(void **state)
{
    (void)state;
    const char *path = tmp_text(
        "g.jsonl",
        "{\"account_id\":\"a\",\"time\":1,\"lang\":\"en\"}\n"
        "{\"created_at\":\"Sat Sep 28 18:05:23 +0000 2019\","
        "\"user\":{\"id_str\":\"b\"},\"lang\":\"pt\"}\n"
        "{\"account_id\":\"c\",\"time\":2}\n");
    cib_ingest_options opt = quiet_options();
    char spec[] = "account_id=user";
    cib_error err = {0};
    assert_int_equal(cib_ingest_parse_map(&opt, spec, &err), CIB_OK);
    cib_store *s = read_jsonl(path, opt, NULL, CIB_EUSAGE, NULL, &err);
    assert_string_equal(err.message, "--map renames CSV columns; JSON Lines "
                                     "input names its values by key");
    cib_store_free(s);

    cib_ingest_options g = quiet_options();
    g.group_by = "lang";
    s = read_jsonl(path, g, NULL, CIB_OK, NULL, &err);
    assert_int_equal(s->events.n, 3);
    /* both shapes read the top-level key; the third line has none */
    assert_string_equal(str_of(s, s->events.group[0]), "en");
    assert_string_equal(str_of(s, s->events.group[1]), "pt");
    assert_int_equal(s->events.group[2], 0);
    cib_store_free(s);
    tmp_cleanup(NULL);
}

/* A line over 16 field limits is a rejected row, measured, not held; the
 * next line reads. */
static void test_long_line(void **state)
{
    (void)state;
    char text[600];
    int n = snprintf(text, sizeof text, "{\"account_id\":\"a\",\"time\":1,"
                                        "\"text\":\"");
    memset(text + n, 'x', 400);
    n += 400;
    n += snprintf(text + n, sizeof text - (size_t)n,
                  "\"}\n{\"account_id\":\"b\",\"time\":2}\n");
    const char *path = tmp_text("long.jsonl", text);
    cib_ingest_options opt = quiet_options();
    opt.max_field_bytes = 16; /* lines up to 256 bytes */
    cib_ingest_stats st = {0};
    cib_error err = {0};
    char *warn = NULL;
    cib_store *s = read_jsonl(path, opt, &st, CIB_OK, &warn, &err);
    assert_int_equal(s->events.n, 1);
    assert_int_equal(st.rejected_rows, 1);
    /* the first line: 35 bytes before the text, 400 x, 2 after */
    char want[512];
    snprintf(want, sizeof want,
             "cibscan: %s:1: line is 437 bytes, over the 256-byte limit; "
             "row rejected\n",
             path);
    assert_string_equal(warn, want);
    free(warn);
    cib_store_free(s);

    /* a field over the limit in a line that is not */
    s = read_jsonl(tmp_text("f.jsonl", "{\"account_id\":\"a\",\"time\":1,"
                                        "\"text\":\"12345678901234567\"}\n"),
                   opt, &st, CIB_OK, &warn, &err);
    assert_int_equal(s->events.n, 0);
    assert_non_null(strstr(warn, "field 'text' is 17 bytes, over the "
                                 "16-byte limit"));
    free(warn);
    cib_store_free(s);
    tmp_cleanup(NULL);
}

/* One thread, two or five (parsing chunks of 512 lines on five threads):
 * the same store and the same warnings.  The input is MIXED 300 times,
 * 4500 lines, so chunks end in every kind of line. */
static void test_threads(void **state)
{
    (void)state;
    size_t one = strlen(MIXED);
    char *text = malloc(300 * (one + 1) + 1);
    assert_non_null(text);
    for (size_t i = 0; i < 300; i++) {
        memcpy(text + i * (one + 1), MIXED, one);
        text[i * (one + 1) + one] = '\n';
    }
    text[300 * (one + 1)] = '\0';
    const char *path = tmp_text("mixed.jsonl", text);
    free(text);
    cib_store *s[3];
    char *warn[3];
    static const unsigned threads[3] = {1, 2, 5};
    for (unsigned t = 0; t < 3; t++) {
        cib_ingest_options opt = quiet_options();
        opt.threads = threads[t];
        opt.max_warnings = 10000;
        cib_ingest_stats st = {0};
        cib_error err = {0};
        s[t] = read_jsonl(path, opt, &st, CIB_OK, &warn[t], &err);
        /* 8 events and 4 rejected lines per copy */
        assert_int_equal(st.events, 2400);
        assert_int_equal(st.rejected_rows, 1200);
        assert_int_equal(st.skipped_lines, 600);
    }
    for (unsigned t = 1; t < 3; t++) {
        assert_string_equal(warn[0], warn[t]);
        assert_int_equal(s[0]->events.n, s[t]->events.n);
        assert_int_equal(cib_strings_count(s[0]->strings),
                         cib_strings_count(s[t]->strings));
        for (size_t i = 0; i < s[0]->events.n; i++) {
            assert_int_equal(s[0]->events.time[i], s[t]->events.time[i]);
            assert_int_equal(s[0]->events.object[i], s[t]->events.object[i]);
            assert_int_equal(s[0]->events.text[i], s[t]->events.text[i]);
            assert_int_equal(s[0]->events.account[i],
                             s[t]->events.account[i]);
        }
        cib_store_free(s[t]);
        free(warn[t]);
    }
    cib_store_free(s[0]);
    free(warn[0]);
    tmp_cleanup(NULL);
}

/* ------------------------------------------------------------ lines */

/* Lines of `text` read with block size `block` as "N:bytes|", a line over
 * the limit as "N:~LEN|". */
static const char *lines_of(const char *path, size_t block, size_t max)
{
    static char out[512];
    size_t used = 0;
    out[0] = '\0';
    cib_error err = {0};
    ingest_source *src;
    assert_int_equal(ingest_source_open(&src, path, block, &err), CIB_OK);
    ingest_lines *l;
    assert_int_equal(ingest_lines_new(&l, src, block, max, &err), CIB_OK);
    const char *p;
    size_t n;
    uint64_t line;
    int rc;
    while ((rc = ingest_lines_next(l, &p, &n, &line, &err)) == 1)
        used += (size_t)(p ? snprintf(out + used, sizeof out - used,
                                      "%llu:%.*s|", (unsigned long long)line,
                                      (int)n, p)
                           : snprintf(out + used, sizeof out - used,
                                      "%llu:~%zu|", (unsigned long long)line,
                                      n));
    assert_int_equal(rc, 0);
    ingest_lines_free(l);
    ingest_source_free(src);
    return out;
}

static void test_line_reader(void **state)
{
    (void)state;
    /* BOM skipped; CRLF and LF ends; an empty line is a line; the last
     * needs no LF; "0123456789" is over the 8-byte limit (its CR is
     * counted: 11) */
    const char *path = tmp_text("l.txt", "\xef\xbb\xbf" "a\r\n\nbb\n"
                                         "0123456789\r\nccc");
    for (size_t block = 1; block <= 16; block++)
        assert_string_equal(lines_of(path, block, 8),
                            "1:a|2:|3:bb|4:~11|5:ccc|");
    assert_string_equal(lines_of(path, 0, 8), "1:a|2:|3:bb|4:~11|5:ccc|");
    /* a line longer than the block but within the limit grows the buffer */
    assert_string_equal(lines_of(path, 2, 100),
                        "1:a|2:|3:bb|4:0123456789|5:ccc|");
    assert_string_equal(lines_of(tmp_text("e.txt", ""), 1, 8), "");
    tmp_cleanup(NULL);
}

/* ------------------------------------------------------------ real data */

/* The 2019 stream sample: figures computed with python3's json module
 * over the same file (README section 7 gives 681 tweets, 677 users and
 * 328 retweets).  A tweet with retweeted_status is a repost (328); of the
 * rest, in_reply_to_status_id_str makes 115 replies, then
 * quoted_status_id_str 80 quotes (2 tweets both reply and quote are
 * replies, as in twitter-io), and 158 are posts (328 + 115 + 80 + 158 =
 * 681).  URLs come
 * from extended_tweet.entities when a tweet has it: 101 tweets have one;
 * README's 160 counts top-level entities, where each of the 74 truncated
 * tweets carries a twitter.com/i/web/status link to itself, and 59 of
 * them have no other.  Hashtags the same way: 110 tweets, 267 in all. */
static void test_stream_sample(void **state)
{
    (void)state;
    const char *base = getenv("CIBSCAN_SHARED");
    if (base == NULL)
        base = "../shared/data/real";
    char path[1024];
    snprintf(path, sizeof path,
             "%s/twitter_stream_sample_2019/api-stream-small.json.gz", base);
    cib_ingest_options opt = quiet_options();
    cib_ingest_stats st = {0};
    cib_error err = {0};
    cib_store *s = read_jsonl(path, opt, &st, CIB_OK, NULL, &err);
    assert_int_equal(st.rows, 681);
    assert_int_equal(st.rejected_rows, 0);
    assert_int_equal(st.skipped_lines, 0);
    assert_int_equal(s->events.n, 681);
    assert_int_equal(s->accounts.n, 677);
    size_t by_action[CIB_ACTION_COUNT] = {0}, with_url = 0, with_tag = 0;
    for (size_t i = 0; i < s->events.n; i++) {
        by_action[s->events.action[i]]++;
        with_url += s->events.url_begin[i + 1] > s->events.url_begin[i];
        with_tag += s->events.tag_begin[i + 1] > s->events.tag_begin[i];
    }
    assert_int_equal(by_action[CIB_ACTION_REPOST], 328);
    assert_int_equal(by_action[CIB_ACTION_QUOTE], 80);
    assert_int_equal(by_action[CIB_ACTION_REPLY], 115);
    assert_int_equal(by_action[CIB_ACTION_POST], 158);
    assert_int_equal(with_url, 101);
    assert_int_equal(with_tag, 110);
    assert_int_equal(s->events.n_tags, 267);
    /* the first line: tweet 1178007813257388032 by user 194250838
     * (@Stgo_centro, 583 followers), created_at Sat Sep 28 18:05:23 +0000
     * 2019, a retweet of 1177991791246753792 */
    assert_string_equal(str_of(s, s->events.post[0]), "1178007813257388032");
    assert_string_equal(str_of(s, s->accounts.id[0]), "194250838");
    assert_string_equal(str_of(s, s->accounts.display_name[0]),
                        "Stgo_centro");
    assert_int_equal(s->accounts.followers[0], 583);
    assert_int_equal(s->events.time[0], 1569693923);
    assert_int_equal(s->events.action[0], CIB_ACTION_REPOST);
    assert_string_equal(obj(s, 0), "1177991791246753792");
    assert_string_equal(str_of(s, s->accounts.platform[0]), "twitter");
    /* first 18:05:23, last 18:15:22 (README) */
    int64_t first, last;
    assert_true(cib_store_span(s, &first, &last));
    assert_int_equal(first, 1569693923);
    assert_int_equal(last, 1569693923 + 9 * 60 + 59);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_lines),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_auto),
        cmocka_unit_test(test_damaged_gzip),
        cmocka_unit_test(test_line_numbers),
        cmocka_unit_test(test_map_refused_group_by_key),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_line_reader),
        cmocka_unit_test(test_stream_sample),
    };
    return cmocka_run_group_tests(tests, NULL, tmp_cleanup);
}
