/*
 * formats.h — input formats as data (private to src/ingest/): each format
 * is one entry of a table naming the header column that feeds each input
 * slot and how a row's action is decided.  A header row plus the options
 * give an ingest_layout: which column index feeds which slot.
 */
#ifndef CIB_INGEST_FORMATS_H
#define CIB_INGEST_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest.h"

/* Input slots: the activity fields (same numbers as cib_field), then the
 * columns only a release format has. */
enum {
    SLOT_IS_RETWEET = CIB_FIELD_COUNT, /* twitter-io is_retweet */
    SLOT_RETWEET_ID,                   /* twitter-io retweet_tweetid */
    SLOT_REPLY_ID,                     /* twitter-io in_reply_to_tweetid */
    SLOT_QUOTE_ID,                     /* twitter-io quoted_tweet_tweetid */
    SLOT_GROUP,                        /* the --group-by column */
    SLOT_COUNT
};

/* n bytes at p. */
typedef struct ingest_slice {
    const char *p;
    size_t n;
} ingest_slice;

/* A list value given item by item (a JSON array) instead of as one
 * string to split. */
typedef struct ingest_items {
    const ingest_slice *item;
    size_t count;
} ingest_items;

/* The values of one row by slot (NULL/0 where the column is absent),
 * trimmed of surrounding whitespace except the text.  When urls.count
 * (tags.count) is not 0 those items are the row's URLs (hashtags) and
 * v[CIB_FIELD_URL] (v[CIB_FIELD_HASHTAGS]) is not split. */
typedef struct ingest_row {
    const char *v[SLOT_COUNT];
    size_t n[SLOT_COUNT];
    ingest_items urls, tags;
} ingest_row;

/* Decide a row's action and the slot naming the object it acts on
 * (SLOT_COUNT for none).  Returns false when the row's values make no
 * action, with the offending slot in *bad_slot and what is wrong with its
 * value in why (size why_n), e.g. "'x' is not true or false". */
typedef bool (*ingest_action_fn)(const ingest_row *row, cib_action *action,
                                 int *object_slot, int *bad_slot, char *why,
                                 size_t why_n);

/* The action rule of Twitter's formats (twitter-io, and tweets in JSON
 * Lines): a retweet (SLOT_IS_RETWEET true) reposts SLOT_RETWEET_ID, else
 * a reply answers SLOT_REPLY_ID, else a quote quotes SLOT_QUOTE_ID, else
 * a post.  False when SLOT_IS_RETWEET is not a boolean word. */
bool ingest_twitter_action(const ingest_row *row, cib_action *action,
                           int *object_slot, int *bad_slot, char *why,
                           size_t why_n);

typedef struct ingest_format_def {
    cib_format id;
    const char *name;
    /* header column per slot; NULL where the format has none */
    const char *column[SLOT_COUNT];
    /* slots whose columns must all be present for `auto` to pick this
     * format (terminated by -1) */
    int detect[4];
    /* slots without which no row can be read (terminated by -1) */
    int required[3];
    ingest_action_fn action;
    const char *platform; /* platform of every account, NULL: from data */
} ingest_format_def;

/* The format table, in the order `auto` tries it. */
extern const ingest_format_def *const ingest_formats[];

/* The entry of the table for `id`; NULL when the table has none (auto,
 * jsonl). */
const ingest_format_def *ingest_format_find(cib_format id);

typedef struct ingest_layout {
    const ingest_format_def *format;
    int col[SLOT_COUNT]; /* column index per slot, -1 when absent */
    size_t n_columns;
    /* header column names (owned, one block from ingest_names_copy) */
    char **names;
} ingest_layout;

/* A malloc'ed copy of n column names as one block (free() it once): n
 * pointers followed by the strings.  NULL when memory runs out. */
char **ingest_names_copy(const char *const *field, const size_t *len,
                         size_t n);

/* Match the n header names (from ingest_names_copy; the layout takes
 * them over, also on failure, and ingest_layout_free releases them) to a
 * format: opt->format, or the table for auto; a --map makes it activity
 * with renamed columns (unmapped fields still read their own column names
 * when present).  `file`/`line` are for messages.  Errors: CIB_EINPUT for
 * a required or mapped column or the --group-by column missing, or a
 * header no format fits (also a JSON-looking one); CIB_EUSAGE for --map
 * with a format other than activity, or for --format jsonl (JSON Lines
 * has no header: jsonl.c reads it with ingest_layout_keyed). */
int ingest_layout_build(ingest_layout *layout, char **header, size_t n,
                        const cib_ingest_options *opt, const char *file,
                        uint64_t line, cib_error *err);
void ingest_layout_free(ingest_layout *layout);

/* A layout for input that names every value by key in each row (JSON
 * Lines): slot s reads the key def->column[s] (SLOT_GROUP the key
 * group_by, NULL for none), and the keys are the names messages give.
 * col[s] is s for every slot read, so that ingest_layout_name works.
 * Returns 0 or CIB_ENOMEM (err names `file`). */
int ingest_layout_keyed(ingest_layout *layout, const ingest_format_def *def,
                        const char *group_by, const char *file,
                        cib_error *err);

/* The column name feeding `slot`, for messages ("?" when absent). */
const char *ingest_layout_name(const ingest_layout *layout, int slot);

#endif
