/*
 * jsonl.c — JSON Lines to rows: each line is parsed by jansson
 * (json_loadb, which also refuses invalid UTF-8 and \u0000), its values
 * are pointed to where jansson keeps them (numbers are written out as
 * text once), and the row goes to ingest_row_add, the checks and batch of
 * the CSV formats.  Shapes and keys: jsonl.h.
 *
 * Why not a format-table entry: the format table matches header columns,
 * and a JSON Lines file has no header; each line names its values, and
 * a file may even mix the two shapes.  Both shapes still are format
 * definitions (the tweet one below, activity from formats.c), so a row's
 * action and the field names in messages come from the same place as for
 * CSV.
 * Lines are prepared a chunk at a time on several threads (chunks.h),
 * each with its own jsonl_reader scratch.
 * Relies on jansson, chunks.h, lines.h, pipeline.h, row.h, formats.h,
 * values.h.
 */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats.h"
#include "chunks.h"
#include "lines.h"
#include "pipeline.h"
#include "row.h"
#include "values.h"

/* Bytes peeked for `auto`: a file starting with more whitespace than this
 * is read as CSV (and fails there naming its first line). */
#define SNIFF_BYTES (64u << 10)
/* A line may hold many fields: the line limit is this many field limits. */
#define LINE_FIELDS 16
/* Parsing threads when the options leave it open: jansson's parse
 * scales with cores until the one thread that stores the rows is the
 * bottleneck. */
#define MAX_PARSE_THREADS 16

/* ------------------------------------------------------------ the tweet */

/* The keys a tweet's values come from, as messages name them. */
static const ingest_format_def TWEET = {
    .id = CIB_FORMAT_JSONL,
    .name = "jsonl",
    .column = {
        [CIB_FIELD_ACCOUNT_ID] = "user.id_str",
        [CIB_FIELD_TIME] = "created_at",
        [CIB_FIELD_POST_ID] = "id_str",
        [CIB_FIELD_URL] = "entities.urls",
        [CIB_FIELD_TEXT] = "text",
        [CIB_FIELD_HASHTAGS] = "entities.hashtags",
        [CIB_FIELD_FOLLOWERS] = "user.followers_count",
        [CIB_FIELD_ACCOUNT_CREATED] = "user.created_at",
        [CIB_FIELD_DISPLAY_NAME] = "user.screen_name",
        [SLOT_IS_RETWEET] = "retweeted_status",
        [SLOT_RETWEET_ID] = "retweeted_status.id_str",
        [SLOT_REPLY_ID] = "in_reply_to_status_id_str",
        [SLOT_QUOTE_ID] = "quoted_status_id_str",
    },
    .detect = {-1},
    .required = {CIB_FIELD_ACCOUNT_ID, CIB_FIELD_TIME, -1},
    /* the rule of twitter-io, so a tweet gets the same action and object
     * from Twitter's releases and from its API */
    .action = ingest_twitter_action,
    .platform = "twitter",
};

/* Sole keys of the streaming API's control messages (Twitter, "Streaming
 * message types"): no tweet, nothing to read. */
static const char *const CONTROL_KEYS[] = {
    "delete", "scrub_geo", "limit", "status_withheld", "user_withheld",
    "disconnect", "warning", "friends", "friends_str", "control", NULL};

/* ------------------------------------------------------------ reader */

/* What one preparing thread reads with: the shared settings and its own
 * scratch. */
typedef struct jsonl_reader {
    const char *file;
    size_t max_field;
    const ingest_layout *tweet, *flat;
    const char *group_by;
    /* the row being gathered: numbers as text, list items */
    char num[SLOT_COUNT][32];
    ingest_slice *urls, *tags;
    size_t cap_urls, cap_tags;
} jsonl_reader;

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "null";
    }
}

static bool too_long(const jsonl_reader *r, const char *name, size_t n,
                     char *why, size_t why_n)
{
    snprintf(why, why_n, "field '%s' is %zu bytes, over the %zu-byte limit",
             name, n, r->max_field);
    return false;
}

/* v as text: a string's bytes, or a number written into buf (size 32).
 * False for other types (why names the key). */
static bool text_of(const json_t *v, char *buf, const char *name,
                    const char **p, size_t *n, char *why, size_t why_n)
{
    int k;
    switch (json_typeof(v)) {
    case JSON_STRING:
        *p = json_string_value(v);
        *n = json_string_length(v);
        return true;
    case JSON_INTEGER:
        k = snprintf(buf, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        /* 17 digits give the double back exactly; a time's fraction is
         * dropped later, a count's ".0" accepted */
        k = snprintf(buf, 32, "%.17g", json_real_value(v));
        break;
    default:
        snprintf(why, why_n, "field '%s': %s, not a string or number", name,
                 json_kind(v));
        return false;
    }
    *p = buf;
    *n = (size_t)k;
    return true;
}

/* Slot s of row from v (absent or null: no value).  False, why filled,
 * when v is not a string or number or is over the length limit. */
static bool put(jsonl_reader *r, const ingest_layout *lay, ingest_row *row,
                int s, const json_t *v, char *why, size_t why_n)
{
    if (v == NULL || json_is_null(v))
        return true;
    const char *name = ingest_layout_name(lay, s);
    const char *p;
    size_t n;
    if (!text_of(v, r->num[s], name, &p, &n, why, why_n))
        return false;
    if (n > r->max_field)
        return too_long(r, name, n, why, why_n);
    if (s != CIB_FIELD_TEXT)
        ingest_trim(&p, &n);
    row->v[s] = p;
    row->n[s] = n;
    return true;
}

/* The items of a JSON array of strings, or with `key` of objects whose
 * `key` (or else `alt`) is a string, into *items (capacity *cap); items
 * of other types are refused, null items and entities without the key
 * passed over.
 * Sets out to them.  Returns 0, 1 (why filled) or CIB_ENOMEM. */
static int put_items(jsonl_reader *r, const char *name, const json_t *arr,
                     const char *key, const char *alt, ingest_slice **items,
                     size_t *cap, ingest_items *out, char *why, size_t why_n)
{
    size_t count = 0, size = json_array_size(arr);
    if (size && cib_grow((void **)items, cap, size, sizeof **items))
        return CIB_ENOMEM;
    for (size_t i = 0; i < size; i++) {
        const json_t *v = json_array_get(arr, i);
        if (key) {
            const json_t *k = json_object_get(v, key);
            v = json_is_string(k) || alt == NULL ? k
                                                 : json_object_get(v, alt);
        }
        if (v == NULL || json_is_null(v)) /* as an absent value */
            continue;
        if (!json_is_string(v)) {
            snprintf(why, why_n, "field '%s': item %zu is %s, not a string",
                     name, i + 1, json_kind(v));
            return 1;
        }
        size_t n = json_string_length(v);
        if (n > r->max_field) {
            too_long(r, name, n, why, why_n);
            return 1;
        }
        (*items)[count++] = (ingest_slice){json_string_value(v), n};
    }
    *out = (ingest_items){*items, count};
    return CIB_OK;
}

/* An absent required value gets its own message; an empty one is left to
 * ingest_row_add ("is empty"), as in CSV. */
static bool present(const ingest_layout *lay, const ingest_row *row,
                    const json_t *const *given, char *why, size_t why_n)
{
    for (size_t i = 0; lay->format->required[i] >= 0; i++) {
        int s = lay->format->required[i];
        if (row->v[s] == NULL && (given[s] == NULL || json_is_null(given[s]))) {
            snprintf(why, why_n, "field '%s' is missing",
                     ingest_layout_name(lay, s));
            return false;
        }
    }
    return true;
}

/* The top-level key of --group-by into SLOT_GROUP. */
static bool put_group(jsonl_reader *r, const ingest_layout *lay,
                      ingest_row *row, const json_t *obj, char *why,
                      size_t why_n)
{
    return r->group_by == NULL ||
           put(r, lay, row, SLOT_GROUP, json_object_get(obj, r->group_by),
               why, why_n);
}

/* ------------------------------------------------------------ shapes */

/* "timestamp_ms" (milliseconds, a string of digits in v1.1) as seconds,
 * for a tweet without created_at.  False when it is not such a value. */
static bool put_timestamp_ms(jsonl_reader *r, ingest_row *row,
                             const json_t *v, char *why, size_t why_n)
{
    char *buf = r->num[CIB_FIELD_TIME];
    const char *p = NULL;
    size_t n = 0;
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        n = (size_t)snprintf(buf, 32, "%" JSON_INTEGER_FORMAT,
                             json_integer_value(v) / 1000);
        p = buf;
    } else if (json_is_string(v) && json_string_length(v) > 3 &&
               json_string_length(v) < 30) {
        n = json_string_length(v) - 3;
        memcpy(buf, json_string_value(v), n);
        buf[n] = '\0';
        p = buf;
        for (size_t i = 0; i < json_string_length(v); i++)
            if (json_string_value(v)[i] < '0' || json_string_value(v)[i] > '9')
                p = NULL;
    }
    if (p == NULL) {
        char q[64] = "''";
        if (json_is_string(v))
            ingest_quote_value(q, sizeof q, json_string_value(v),
                               json_string_length(v));
        snprintf(why, why_n, "field 'timestamp_ms': %s is not milliseconds",
                 json_is_string(v) ? q : json_kind(v));
        return false;
    }
    row->v[CIB_FIELD_TIME] = p;
    row->n[CIB_FIELD_TIME] = n;
    return true;
}

/* A string key of obj, else its number key (id_str / id). */
static const json_t *id_of(const json_t *obj, const char *str_key,
                           const char *num_key)
{
    const json_t *v = json_object_get(obj, str_key);
    return v && !json_is_null(v) ? v : json_object_get(obj, num_key);
}

/* A Twitter v1.1 tweet into row.  Returns 0, 1 (why filled) or
 * CIB_ENOMEM. */
static int gather_tweet(jsonl_reader *r, const json_t *t, ingest_row *row,
                        char *why, size_t why_n)
{
    const ingest_layout *lay = r->tweet;
    const json_t *user = json_object_get(t, "user");
    const json_t *ext = json_object_get(t, "extended_tweet");
    const json_t *rt = json_object_get(t, "retweeted_status");
    const json_t *quoted = json_object_get(t, "quoted_status");
    /* the text is the longest one given, and its entities go with it */
    const json_t *text = json_object_get(ext, "full_text");
    if (text == NULL)
        text = json_object_get(t, "full_text");
    if (text == NULL)
        text = json_object_get(t, "text");
    const json_t *ents = json_object_get(ext ? ext : t, "entities");
    const json_t *given[SLOT_COUNT] = {
        [CIB_FIELD_ACCOUNT_ID] = id_of(user, "id_str", "id"),
        [CIB_FIELD_TIME] = json_object_get(t, "created_at"),
        [CIB_FIELD_POST_ID] = id_of(t, "id_str", "id"),
        [CIB_FIELD_TEXT] = text,
        [CIB_FIELD_FOLLOWERS] = json_object_get(user, "followers_count"),
        [CIB_FIELD_ACCOUNT_CREATED] = json_object_get(user, "created_at"),
        [CIB_FIELD_DISPLAY_NAME] = json_object_get(user, "screen_name"),
        [SLOT_RETWEET_ID] = id_of(rt, "id_str", "id"),
        [SLOT_REPLY_ID] = id_of(t, "in_reply_to_status_id_str",
                                "in_reply_to_status_id"),
        [SLOT_QUOTE_ID] = id_of(t, "quoted_status_id_str",
                                "quoted_status_id"),
    };
    if (given[SLOT_QUOTE_ID] == NULL || json_is_null(given[SLOT_QUOTE_ID]))
        given[SLOT_QUOTE_ID] = id_of(quoted, "id_str", "id");
    for (int s = 0; s < SLOT_COUNT; s++)
        if (given[s] && !put(r, lay, row, s, given[s], why, why_n))
            return 1;
    const json_t *ms = json_object_get(t, "timestamp_ms");
    if (row->v[CIB_FIELD_TIME] == NULL && ms && !json_is_null(ms) &&
        !put_timestamp_ms(r, row, ms, why, why_n))
        return 1;
    if (json_is_object(rt)) {
        row->v[SLOT_IS_RETWEET] = "true";
        row->n[SLOT_IS_RETWEET] = 4;
    }
    int rc = put_items(r, "entities.urls", json_object_get(ents, "urls"),
                       "expanded_url", "url", &r->urls, &r->cap_urls,
                       &row->urls, why, why_n);
    if (rc == CIB_OK)
        rc = put_items(r, "entities.hashtags",
                       json_object_get(ents, "hashtags"), "text", NULL,
                       &r->tags, &r->cap_tags, &row->tags, why, why_n);
    if (rc == CIB_OK && (!put_group(r, lay, row, t, why, why_n) ||
                         !present(lay, row, given, why, why_n)))
        rc = 1;
    return rc;
}

/* An activity object into row: every activity field under its own name;
 * url and hashtags also as arrays.  Returns 0, 1 or CIB_ENOMEM. */
static int gather_flat(jsonl_reader *r, const json_t *o, ingest_row *row,
                       char *why, size_t why_n)
{
    const ingest_layout *lay = r->flat;
    const json_t *given[SLOT_COUNT] = {0};
    for (int s = 0; s < CIB_FIELD_COUNT; s++) {
        given[s] = json_object_get(o, lay->format->column[s]);
        bool list = s == CIB_FIELD_URL || s == CIB_FIELD_HASHTAGS;
        if (!(list && json_is_array(given[s])) &&
            !put(r, lay, row, s, given[s], why, why_n))
            return 1;
    }
    int rc = CIB_OK;
    if (json_is_array(given[CIB_FIELD_URL]))
        rc = put_items(r, "url", given[CIB_FIELD_URL], NULL, NULL, &r->urls,
                       &r->cap_urls, &row->urls, why, why_n);
    if (rc == CIB_OK && json_is_array(given[CIB_FIELD_HASHTAGS]))
        rc = put_items(r, "hashtags", given[CIB_FIELD_HASHTAGS], NULL, NULL,
                       &r->tags, &r->cap_tags, &row->tags, why, why_n);
    if (rc == CIB_OK && (!put_group(r, lay, row, o, why, why_n) ||
                         !present(lay, row, given, why, why_n)))
        rc = 1;
    return rc;
}

static bool is_control(const json_t *o)
{
    if (json_object_size(o) != 1)
        return false;
    const char *key = json_object_iter_key(json_object_iter((json_t *)o));
    for (size_t i = 0; CONTROL_KEYS[i]; i++)
        if (strcmp(key, CONTROL_KEYS[i]) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------ lines */

/* One object into b; INGEST_NEXT_* or CIB_ENOMEM. */
static int read_object(jsonl_reader *r, const json_t *o, uint64_t line,
                       ingest_batch *b, char *why, size_t why_n,
                       cib_error *err)
{
    const ingest_layout *lay;
    ingest_row row;
    memset(&row, 0, sizeof row);
    int rc;
    if (json_object_get(o, "account_id") == NULL &&
        (json_object_get(o, "user") || json_object_get(o, "id_str") ||
         json_object_get(o, "created_at"))) {
        lay = r->tweet;
        rc = gather_tweet(r, o, &row, why, why_n);
    } else if (is_control(o)) {
        return INGEST_NEXT_SKIPPED;
    } else {
        lay = r->flat;
        rc = gather_flat(r, o, &row, why, why_n);
    }
    if (rc == CIB_OK)
        rc = ingest_row_add(lay, &row, line, b, r->file, why, why_n, err);
    else if (rc == CIB_ENOMEM)
        return cib_error_set(err, CIB_ENOMEM, r->file, line,
                             "out of memory reading the line");
    return rc == 0 ? INGEST_NEXT_ROW : rc == 1 ? INGEST_NEXT_REJECTED : rc;
}

/* ingest_line_fn (chunks.h): parse one line and prepare its row, on the
 * thread whose scratch r is; the parse is freed here, on the thread that
 * made it. */
static int jsonl_line(void *ctx, const char *p, size_t n, uint64_t line,
                      ingest_batch *b, char *why, size_t why_n,
                      cib_error *err)
{
    jsonl_reader *r = ctx;
    if (p == NULL) {
        snprintf(why, why_n, "line is %zu bytes, over the %zu-byte limit", n,
                 r->max_field * LINE_FIELDS);
        return INGEST_NEXT_REJECTED;
    }
    json_error_t je;
    json_t *o = json_loadb(p, n, 0, &je);
    if (o == NULL) {
        snprintf(why, why_n, "not JSON (column %d): %s", je.column, je.text);
        return INGEST_NEXT_REJECTED;
    }
    int rc;
    if (!json_is_object(o)) {
        snprintf(why, why_n, "%s, not a JSON object", json_kind(o));
        rc = INGEST_NEXT_REJECTED;
    } else {
        rc = read_object(r, o, line, b, why, why_n, err);
    }
    json_decref(o);
    return rc;
}

/* ------------------------------------------------------------ public */

int ingest_jsonl_sniff(ingest_source *src, bool *yes, cib_error *err)
{
    *yes = false;
    const char *h;
    ssize_t n = ingest_source_peek(src, &h, SNIFF_BYTES, err);
    if (n < 0)
        return (int)n;
    size_t i = n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    while (i < (size_t)n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' ||
                             h[i] == '\n'))
        i++;
    *yes = i < (size_t)n && h[i] == '{';
    return CIB_OK;
}

/* opt->threads, or the cores (at most MAX_PARSE_THREADS) when it is 0. */
static unsigned parse_threads(const cib_ingest_options *opt)
{
    long cores = opt->threads ? (long)opt->threads
                              : sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1
           : cores > MAX_PARSE_THREADS ? MAX_PARSE_THREADS
                                       : (unsigned)cores;
}

int ingest_jsonl_read(cib_store *store, ingest_source *src,
                      const cib_ingest_options *opt, size_t max_field,
                      unsigned threads, cib_ingest_stats *stats,
                      cib_error *err)
{
    const char *file = ingest_source_name(src);
    for (int f = 0; f < CIB_FIELD_COUNT; f++)
        if (opt->map[f])
            return cib_error_set(err, CIB_EUSAGE, file, 0,
                                 "--map renames CSV columns; JSON Lines "
                                 "input names its values by key");
    unsigned n_readers = parse_threads(opt);
    ingest_layout tweet = {0}, flat = {0};
    ingest_lines *lines = NULL;
    ingest_chunks *chunks = NULL;
    jsonl_reader *r = calloc(n_readers, sizeof *r);
    void **ctx = calloc(n_readers, sizeof *ctx);
    int rc = r && ctx ? CIB_OK
                      : cib_error_set(err, CIB_ENOMEM, file, 0,
                                      "out of memory");
    if (rc == CIB_OK)
        rc = ingest_layout_keyed(&tweet, &TWEET, opt->group_by, file, err);
    if (rc == CIB_OK)
        rc = ingest_layout_keyed(&flat,
                                 ingest_format_find(CIB_FORMAT_ACTIVITY),
                                 opt->group_by, file, err);
    for (unsigned t = 0; rc == CIB_OK && t < n_readers; t++) {
        r[t] = (jsonl_reader){
            .file = file,
            .max_field = max_field,
            .tweet = &tweet,
            .flat = &flat,
            .group_by = opt->group_by,
        };
        ctx[t] = &r[t];
    }
    if (rc == CIB_OK)
        rc = ingest_lines_new(&lines, src, 0, max_field * LINE_FIELDS, err);
    if (rc == CIB_OK)
        rc = ingest_chunks_new(&chunks, lines, n_readers, jsonl_line,
                               (void *const *)ctx, file, err);
    if (rc == CIB_OK) {
        stats->files++;
        /* commit takes the fixed platform from its layout's format: the
         * tweet's (activity rows never ask for it, having none) */
        ingest_rows rows = {.store = store, .layout = &tweet,
                            .max_field_bytes = max_field};
        rc = ingest_pipeline_rows(ingest_chunks_next, chunks, file, &rows,
                                  opt, threads, stats, err);
        ingest_rows_release(&rows);
    }
    ingest_chunks_free(chunks);
    ingest_lines_free(lines);
    for (unsigned t = 0; r && t < n_readers; t++) {
        free(r[t].urls);
        free(r[t].tags);
    }
    free(r);
    free(ctx);
    ingest_layout_free(&tweet);
    ingest_layout_free(&flat);
    return rc;
}
