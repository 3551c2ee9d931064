/*
 * formats.c — the input format table (CONTRACT.md "Input"), header
 * matching, `auto` detection, and the --format / --map words.
 *
 * Adding a format is one ingest_format_def entry (its column names, the
 * columns that identify it, how a row's action is decided) plus a line in
 * ingest_formats[].  Header names match case-insensitively, ignoring
 * surrounding spaces.  Relies on store.h (actions) and values.h.
 */
#include "formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "values.h"

static const char *const FORMAT_NAMES[] = {
    [CIB_FORMAT_AUTO] = "auto",
    [CIB_FORMAT_ACTIVITY] = "activity",
    [CIB_FORMAT_TWITTER_IO] = "twitter-io",
    [CIB_FORMAT_JSONL] = "jsonl",
};

bool cib_format_parse(const char *s, cib_format *out)
{
    for (size_t i = 0; i < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]; i++)
        if (strcmp(s, FORMAT_NAMES[i]) == 0) {
            *out = (cib_format)i;
            return true;
        }
    return false;
}

const char *cib_format_name(cib_format f)
{
    return (unsigned)f < sizeof FORMAT_NAMES / sizeof FORMAT_NAMES[0]
               ? FORMAT_NAMES[f]
               : "?";
}

/* ------------------------------------------------------------ actions */

/* activity: the action column (post when absent or empty); the object is
 * object_id whatever the action. */
static bool activity_action(const ingest_row *row, cib_action *action,
                            int *object_slot, int *bad_slot, char *why,
                            size_t why_n)
{
    *object_slot = CIB_FIELD_OBJECT_ID;
    const char *v = row->v[CIB_FIELD_ACTION];
    size_t n = row->n[CIB_FIELD_ACTION];
    if (v == NULL || n == 0) {
        *action = CIB_ACTION_POST;
        return true;
    }
    if (cib_action_parse(v, n, action))
        return true;
    char q[96];
    ingest_quote_value(q, sizeof q, v, n);
    snprintf(why, why_n,
             "%s is not an action (post, share, repost, reply, comment, "
             "quote, like)",
             q);
    *bad_slot = CIB_FIELD_ACTION;
    return false;
}

/* twitter-io: a retweet acts on retweet_tweetid, else a reply on
 * in_reply_to_tweetid, else a quote on quoted_tweet_tweetid (CONTRACT.md
 * "Input: Twitter/X information-operation release CSV"). */
bool ingest_twitter_action(const ingest_row *row, cib_action *action,
                           int *object_slot, int *bad_slot, char *why,
                           size_t why_n)
{
    bool retweet = false;
    if (!ingest_parse_bool(row->v[SLOT_IS_RETWEET] ? row->v[SLOT_IS_RETWEET]
                                                   : "",
                           row->n[SLOT_IS_RETWEET], &retweet)) {
        char q[96];
        ingest_quote_value(q, sizeof q, row->v[SLOT_IS_RETWEET],
                    row->n[SLOT_IS_RETWEET]);
        snprintf(why, why_n, "%s is not true or false", q);
        *bad_slot = SLOT_IS_RETWEET;
        return false;
    }
    if (retweet) {
        *action = CIB_ACTION_REPOST;
        *object_slot = SLOT_RETWEET_ID;
    } else if (row->n[SLOT_REPLY_ID]) {
        *action = CIB_ACTION_REPLY;
        *object_slot = SLOT_REPLY_ID;
    } else if (row->n[SLOT_QUOTE_ID]) {
        *action = CIB_ACTION_QUOTE;
        *object_slot = SLOT_QUOTE_ID;
    } else {
        *action = CIB_ACTION_POST;
        *object_slot = SLOT_COUNT;
    }
    return true;
}

/* ------------------------------------------------------------ the table */

static const ingest_format_def TWITTER_IO = {
    .id = CIB_FORMAT_TWITTER_IO,
    .name = "twitter-io",
    .column = {
        [CIB_FIELD_ACCOUNT_ID] = "userid",
        [CIB_FIELD_TIME] = "tweet_time",
        [CIB_FIELD_POST_ID] = "tweetid",
        [CIB_FIELD_TEXT] = "tweet_text",
        [CIB_FIELD_URL] = "urls",
        [CIB_FIELD_HASHTAGS] = "hashtags",
        [CIB_FIELD_FOLLOWERS] = "follower_count",
        [CIB_FIELD_ACCOUNT_CREATED] = "account_creation_date",
        [CIB_FIELD_DISPLAY_NAME] = "user_display_name",
        [SLOT_IS_RETWEET] = "is_retweet",
        [SLOT_RETWEET_ID] = "retweet_tweetid",
        [SLOT_REPLY_ID] = "in_reply_to_tweetid",
        [SLOT_QUOTE_ID] = "quoted_tweet_tweetid",
    },
    .detect = {CIB_FIELD_POST_ID, CIB_FIELD_ACCOUNT_ID, CIB_FIELD_TIME, -1},
    .required = {CIB_FIELD_ACCOUNT_ID, CIB_FIELD_TIME, -1},
    .action = ingest_twitter_action,
    .platform = "twitter",
};

/* The activity columns are the field names themselves (cib_field_name). */
static const ingest_format_def ACTIVITY = {
    .id = CIB_FORMAT_ACTIVITY,
    .name = "activity",
    .column = {
        [CIB_FIELD_ACCOUNT_ID] = "account_id",
        [CIB_FIELD_TIME] = "time",
        [CIB_FIELD_ACTION] = "action",
        [CIB_FIELD_POST_ID] = "post_id",
        [CIB_FIELD_OBJECT_ID] = "object_id",
        [CIB_FIELD_URL] = "url",
        [CIB_FIELD_TEXT] = "text",
        [CIB_FIELD_HASHTAGS] = "hashtags",
        [CIB_FIELD_NETWORK] = "network",
        [CIB_FIELD_IMAGE] = "image",
        [CIB_FIELD_PLATFORM] = "platform",
        [CIB_FIELD_ASSET_TYPE] = "asset_type",
        [CIB_FIELD_FOLLOWERS] = "followers",
        [CIB_FIELD_ACCOUNT_CREATED] = "account_created",
        [CIB_FIELD_DISPLAY_NAME] = "display_name",
        [CIB_FIELD_PROFILE_IMAGE] = "profile_image",
    },
    .detect = {CIB_FIELD_ACCOUNT_ID, CIB_FIELD_TIME, -1},
    .required = {CIB_FIELD_ACCOUNT_ID, CIB_FIELD_TIME, -1},
    .action = activity_action,
    .platform = NULL,
};

/* Most specific first: a twitter-io header would not pass as activity,
 * but the order makes that not matter. */
const ingest_format_def *const ingest_formats[] = {&TWITTER_IO, &ACTIVITY,
                                                   NULL};

const char *cib_field_name(cib_field f)
{
    return (unsigned)f < CIB_FIELD_COUNT ? ACTIVITY.column[f] : "?";
}

const ingest_format_def *ingest_format_find(cib_format id)
{
    for (size_t i = 0; ingest_formats[i]; i++)
        if (ingest_formats[i]->id == id)
            return ingest_formats[i];
    return NULL;
}

/* ------------------------------------------------------------ layout */

char **ingest_names_copy(const char *const *field, const size_t *len,
                         size_t n)
{
    size_t bytes = (n + 1) * sizeof(char *);
    for (size_t i = 0; i < n; i++)
        bytes += len[i] + 1;
    char **names = malloc(bytes);
    if (names == NULL)
        return NULL;
    char *dst = (char *)(names + n + 1);
    for (size_t i = 0; i < n; i++) {
        names[i] = dst;
        memcpy(dst, field[i], len[i]);
        dst[len[i]] = '\0';
        dst += len[i] + 1;
    }
    names[n] = NULL;
    return names;
}

#define AMBIGUOUS_COLUMN (-2)

/* Index of the column called `want` (case-insensitive, header names
 * trimmed), -1 when there is none, or AMBIGUOUS_COLUMN when two columns
 * carry the name: reading either would silently ignore the other. */
static int find_column(const char *const *names, size_t n, const char *want)
{
    size_t wn = strlen(want);
    int found = -1;
    for (size_t i = 0; i < n; i++) {
        const char *p = names[i];
        size_t pn = strlen(p);
        ingest_trim(&p, &pn);
        if (pn == wn && strncasecmp(p, want, wn) == 0) {
            if (found >= 0)
                return AMBIGUOUS_COLUMN;
            found = (int)i;
        }
    }
    return found;
}

static bool has_all(const char *const *names, size_t n,
                    const ingest_format_def *def, const int *slots)
{
    for (size_t i = 0; slots[i] >= 0; i++)
        if (find_column(names, n, def->column[slots[i]]) == -1)
            return false;
    return true;
}

static bool map_given(const cib_ingest_options *opt)
{
    for (int f = 0; f < CIB_FIELD_COUNT; f++)
        if (opt->map[f])
            return true;
    return false;
}

/* Which format reads this header. */
static int choose_format(const ingest_format_def **out,
                         const char *const *names, size_t n,
                         const cib_ingest_options *opt, const char *file,
                         uint64_t line, cib_error *err)
{
    bool mapped = map_given(opt);
    if (opt->format == CIB_FORMAT_JSONL) /* no header: jsonl.c reads it */
        return cib_error_set(err, CIB_EUSAGE, file, 0,
                             "format jsonl has no header row to match");
    if (mapped && opt->format != CIB_FORMAT_AUTO &&
        opt->format != CIB_FORMAT_ACTIVITY)
        return cib_error_set(err, CIB_EUSAGE, file, 0,
                             "--map renames activity columns; it does not "
                             "go with --format %s",
                             cib_format_name(opt->format));
    if (mapped) {
        *out = &ACTIVITY;
        return CIB_OK;
    }
    if (opt->format != CIB_FORMAT_AUTO) {
        *out = ingest_format_find(opt->format);
        if (*out == NULL)
            return cib_error_set(err, CIB_EUSAGE, file, 0,
                                 "format %s is not read",
                                 cib_format_name(opt->format));
        return CIB_OK;
    }
    for (size_t i = 0; ingest_formats[i]; i++)
        if (has_all(names, n, ingest_formats[i], ingest_formats[i]->detect)) {
            *out = ingest_formats[i];
            return CIB_OK;
        }
    /* auto reads JSON Lines when the input starts with '{' (ingest.c);
     * this one began with something else, e.g. a '[' array */
    if (n > 0 && (names[0][0] == '{' || names[0][0] == '['))
        return cib_error_set(err, CIB_EINPUT, file, line,
                             "the input looks like JSON but is not JSON "
                             "Lines (one object per line, the first byte "
                             "'{'); give one object per line");
    return cib_error_set(err, CIB_EINPUT, file, line,
                         "cannot tell the format from the header: no "
                         "'account_id' and 'time' columns (activity) nor "
                         "'tweetid', 'userid' and 'tweet_time' (twitter-io); "
                         "name the columns with --map "
                         "account_id=COLUMN,time=COLUMN");
}

int ingest_layout_build(ingest_layout *layout, char **header, size_t n,
                        const cib_ingest_options *opt, const char *file,
                        uint64_t line, cib_error *err)
{
    memset(layout, 0, sizeof *layout);
    layout->names = header;
    layout->n_columns = n;
    const char *const *names = (const char *const *)header;
    const ingest_format_def *def;
    int rc = choose_format(&def, names, n, opt, file, line, err);
    if (rc != CIB_OK)
        return rc;
    layout->format = def;
    for (int s = 0; s < SLOT_COUNT; s++) {
        const char *want = def->column[s];
        if (s < CIB_FIELD_COUNT && def == &ACTIVITY && opt->map[s]) {
            want = opt->map[s];
            layout->col[s] = find_column(names, n, want);
            if (layout->col[s] == -1)
                return cib_error_set(err, CIB_EINPUT, file, line,
                                     "column '%s' (--map %s=%s) is not in "
                                     "the header",
                                     want, cib_field_name((cib_field)s),
                                     want);
            continue;
        }
        if (s == SLOT_GROUP)
            want = opt->group_by;
        layout->col[s] = want ? find_column(names, n, want) : -1;
    }
    for (int s = 0; s < SLOT_COUNT; s++)
        if (layout->col[s] == AMBIGUOUS_COLUMN)
            return cib_error_set(err, CIB_EINPUT, file, line,
                                 "column '%s' appears more than once in the "
                                 "header (names compare without case); "
                                 "cibscan cannot tell which one to read",
                                 s < CIB_FIELD_COUNT && def == &ACTIVITY &&
                                         opt->map[s]
                                     ? opt->map[s]
                                 : s == SLOT_GROUP ? opt->group_by
                                                   : def->column[s]);
    for (size_t i = 0; def->required[i] >= 0; i++)
        if (layout->col[def->required[i]] < 0)
            return cib_error_set(err, CIB_EINPUT, file, line,
                                 "missing required column '%s'",
                                 def->column[def->required[i]]);
    if (opt->group_by && layout->col[SLOT_GROUP] < 0)
        return cib_error_set(err, CIB_EINPUT, file, line,
                             "column '%s' (--group-by) is not in the header",
                             opt->group_by);
    return CIB_OK;
}

int ingest_layout_keyed(ingest_layout *layout, const ingest_format_def *def,
                        const char *group_by, const char *file,
                        cib_error *err)
{
    memset(layout, 0, sizeof *layout);
    const char *key[SLOT_COUNT];
    size_t len[SLOT_COUNT];
    for (int s = 0; s < SLOT_COUNT; s++) {
        key[s] = s == SLOT_GROUP ? group_by : def->column[s];
        layout->col[s] = key[s] ? s : -1;
        if (key[s] == NULL)
            key[s] = "";
        len[s] = strlen(key[s]);
    }
    layout->names = ingest_names_copy(key, len, SLOT_COUNT);
    if (layout->names == NULL)
        return cib_error_set(err, CIB_ENOMEM, file, 0, "out of memory");
    layout->format = def;
    layout->n_columns = SLOT_COUNT;
    return CIB_OK;
}

void ingest_layout_free(ingest_layout *layout)
{
    free(layout->names);
    layout->names = NULL;
}

const char *ingest_layout_name(const ingest_layout *layout, int slot)
{
    int c = layout->col[slot];
    return c >= 0 && layout->names ? layout->names[c] : "?";
}

/* ------------------------------------------------------------ --map */

int cib_ingest_parse_map(cib_ingest_options *opt, char *spec, cib_error *err)
{
    char *save = NULL;
    for (char *item = strtok_r(spec, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (eq == NULL)
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "--map: '%s' is not FIELD=COLUMN", item);
        *eq = '\0';
        const char *field = item, *column = eq + 1;
        size_t fn = strlen(field), cn = strlen(column);
        ingest_trim(&field, &fn);
        ingest_trim(&column, &cn);
        ((char *)field)[fn] = '\0';
        ((char *)column)[cn] = '\0';
        int f = 0;
        while (f < CIB_FIELD_COUNT && strcmp(field, ACTIVITY.column[f]) != 0)
            f++;
        if (f == CIB_FIELD_COUNT) {
            char known[512];
            size_t used = 0;
            for (int k = 0; k < CIB_FIELD_COUNT; k++)
                used += (size_t)snprintf(known + used, sizeof known - used,
                                         "%s%s", k ? ", " : "",
                                         ACTIVITY.column[k]);
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "--map: unknown field '%s' (fields: %s)",
                                 field, known);
        }
        if (cn == 0)
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "--map: field '%s' has no column name",
                                 field);
        if (opt->map[f] && strcmp(opt->map[f], column) != 0)
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "--map: field '%s' is mapped twice", field);
        opt->map[f] = column;
    }
    return CIB_OK;
}
