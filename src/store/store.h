/*
 * store.h — the event store: the one data structure every stage shares.
 *
 * Strings (account ids, post ids, URLs, texts, hashtags, network values)
 * are interned once at ingest into a cib_strings pool and every later stage
 * works on their 32-bit ids.  Id 0 is the empty string and means "none".
 *
 * Events are kept column-wise (struct of arrays, DESIGN.md "Data model"):
 * one row per action.  Multi-valued fields (URLs, hashtags) are CSR ranges
 * into one shared id array: the URLs of event i are
 * url_ids[url_begin[i] .. url_begin[i+1]).
 *
 * Accounts are a second table; events refer to them by account index
 * (0 .. accounts.n-1), not by string id.
 *
 * Ownership: cib_store_new allocates, cib_store_free releases everything,
 * including the strings.  Stages read the store and keep their results in
 * their own structures beside it.
 */
#ifndef CIB_STORE_H
#define CIB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"

/* ---------------------------------------------------------------- strings */

typedef struct cib_strings cib_strings;

/* An empty pool (holding only id 0), or NULL when memory runs out. */
cib_strings *cib_strings_new(void);
void cib_strings_free(cib_strings *pool);

/* Intern the n bytes at s; returns their id (>= 1; 0 when n == 0), or
 * UINT32_MAX when memory runs out (also past 3 * 2^30 distinct strings,
 * the table's limit).  Equal byte strings get equal ids, handed out in
 * order of first interning.  Cost: one hash and, expected, one cache
 * line of the slot table; memory about 8 + 4 + n bytes plus 11 to 21
 * bytes of table per distinct string (src/store/strings.c). */
uint32_t cib_strings_intern(cib_strings *pool, const char *s, size_t n);

/* The same, for a caller that hashed s already with cib_strings_hash (to
 * prefetch several strings' slots before interning them). */
uint32_t cib_strings_intern_hashed(cib_strings *pool, const char *s, size_t n,
                                   uint64_t hash);

/* The pool's 64-bit hash of the n bytes at s (XXH3). */
uint64_t cib_strings_hash(const char *s, size_t n);

/* Start fetching the table slot where a string of this hash would be
 * found, so a cib_strings_intern_hashed shortly after waits less for
 * memory.  Only a hint: it changes nothing. */
void cib_strings_prefetch(const cib_strings *pool, uint64_t hash);

/* Look up without interning: the id of s, or 0 when absent/empty. */
uint32_t cib_strings_find(const cib_strings *pool, const char *s, size_t n);

/* The NUL-terminated bytes of id (valid until the pool is freed);
 * *len (may be NULL) receives the length.  Id 0 gives "". */
const char *cib_strings_get(const cib_strings *pool, uint32_t id, size_t *len);

/* Number of ids handed out, counting id 0. */
uint32_t cib_strings_count(const cib_strings *pool);

/* ---------------------------------------------------------------- events */

typedef enum cib_action {
    CIB_ACTION_POST = 0,
    CIB_ACTION_SHARE,
    CIB_ACTION_REPOST,
    CIB_ACTION_REPLY,
    CIB_ACTION_COMMENT,
    CIB_ACTION_QUOTE,
    CIB_ACTION_LIKE,
    CIB_ACTION_COUNT
} cib_action;

/* "post", "share", ... for an action. */
const char *cib_action_name(cib_action a);

/* Parse an action word, case-insensitively: the CONTRACT.md names plus the
 * aliases found in real exports ("R"/"RT"/"retweet" -> repost, "Q" ->
 * quote, "" -> post).  Returns false when the word is unknown. */
bool cib_action_parse(const char *s, size_t n, cib_action *out);

typedef enum cib_asset {
    CIB_ASSET_ACCOUNT = 0,
    CIB_ASSET_PAGE,
    CIB_ASSET_GROUP,
    CIB_ASSET_COUNT
} cib_asset;

const char *cib_asset_name(cib_asset a);
bool cib_asset_parse(const char *s, size_t n, cib_asset *out);

typedef struct cib_events {
    size_t n;          /* rows */
    size_t cap;        /* capacity of every per-row column */
    uint32_t *account; /* account index (into cib_accounts) */
    int64_t *time;     /* Unix seconds, UTC */
    uint8_t *action;   /* cib_action */
    uint32_t *post;    /* string id of the event's own post, 0 none */
    uint32_t *object;  /* string id of the post acted on, 0 none */
    uint32_t *text;    /* string id of the raw text, 0 none */
    uint32_t *network; /* string id of the network value, 0 none */
    uint32_t *image;   /* string id of an image hash posted, 0 none */
    uint32_t *group;   /* string id of the --group-by column, 0 none */
    uint32_t *url_begin;     /* n+1 offsets into url_ids */
    uint32_t *tag_begin;     /* n+1 offsets into tag_ids */
    uint32_t *url_ids;       /* raw URL string ids */
    size_t n_urls, cap_urls;
    uint32_t *tag_ids;       /* hashtag string ids, '#' removed, as written */
    size_t n_tags, cap_tags;
} cib_events;

/* ---------------------------------------------------------------- accounts */

#define CIB_UNKNOWN_FOLLOWERS (-1)
#define CIB_UNKNOWN_TIME INT64_MIN

typedef struct cib_accounts {
    size_t n, cap;
    uint32_t *id;           /* string id of the account id */
    uint32_t *platform;     /* string id, 0 unknown */
    uint8_t *asset;         /* cib_asset */
    int64_t *followers;     /* CIB_UNKNOWN_FOLLOWERS when unknown */
    int64_t *created;       /* Unix seconds, CIB_UNKNOWN_TIME when unknown */
    uint32_t *display_name; /* string id, 0 unknown */
    uint32_t *profile_image;/* string id, 0 unknown */
    uint64_t *n_events;     /* events seen for the account */
} cib_accounts;

/* ---------------------------------------------------------------- store */

/* Default limits of a store (--max-events, --max-accounts): below the
 * 32-bit indices every stage uses, with room to spare for signed and
 * n + 1 arithmetic. */
#define CIB_DEFAULT_MAX_EVENTS UINT64_C(2000000000)
#define CIB_DEFAULT_MAX_ACCOUNTS UINT64_C(1000000000)

/* Which limit a failed cib_store_append / cib_store_account ran into. */
typedef enum cib_store_full {
    CIB_FULL_NONE = 0, /* none: memory ran out */
    CIB_FULL_EVENTS,   /* max_events */
    CIB_FULL_ACCOUNTS, /* max_accounts */
    CIB_FULL_LISTS,    /* 2^32 - 1 URL or hashtag ids in all */
} cib_store_full;

typedef struct cib_store {
    cib_strings *strings;
    cib_events events;
    cib_accounts accounts;
    /* account string id -> account index; internal lookup, use
     * cib_store_account() */
    uint32_t *acct_slots;
    size_t acct_slot_cap;
    /* limits, set by the caller after cib_store_new (0: the defaults
     * above; larger values are cut to them) */
    uint64_t max_events, max_accounts;
    cib_store_full full; /* set when a call fails on a limit */
} cib_store;

/* Allocate an empty store.  Returns NULL when memory runs out. */
cib_store *cib_store_new(void);
void cib_store_free(cib_store *store);

/* The index of the account with string id `id`, created with defaults
 * (asset account, unknown followers and dates) when new.  Returns 0 and
 * fills *index, or CIB_ENOMEM (also when a new account would pass
 * max_accounts: store->full says so). */
int cib_store_account(cib_store *store, uint32_t id, uint32_t *index);

/* One event as ingest hands it over; string fields are already interned. */
typedef struct cib_event_in {
    uint32_t account; /* account index */
    int64_t time;
    cib_action action;
    uint32_t post, object, text, network, image, group;
    const uint32_t *urls; size_t n_urls;
    const uint32_t *tags; size_t n_tags;
} cib_event_in;

/* Append one event (copies the URL and hashtag ids).  Returns 0 or
 * CIB_ENOMEM (also when it would pass max_events: store->full says so). */
int cib_store_append(cib_store *store, const cib_event_in *ev);

/* Remove every event that repeats an earlier one in every field (account,
 * time, action, post, object, text, network, image, group, and the same
 * URL and hashtag ids in the same order), keeping the first, in input
 * order; accounts.n_events is lowered to match.  *removed receives the
 * count.  The account table is unchanged (a duplicate's account has its
 * first copy).  Cost: one pass with a hash table of 4 bytes per slot,
 * 1.5 to 3 slots per event, freed on return; a hash match is confirmed
 * field by field.  Returns 0 or CIB_ENOMEM (the store is then unchanged).
 * (src/store/dedup.c) */
int cib_store_dedup(cib_store *store, uint64_t *removed);

/* What made the last cib_store_append, cib_store_account or interning
 * into store->strings fail, as a message for the user naming what ran
 * out: "event limit reached: more than N events (--max-events)", the same
 * for accounts, "string pool full: ...", or "out of memory".  Writes into
 * buf (size n) and returns it. */
const char *cib_store_failure(const cib_store *store, char *buf, size_t n);

/* Earliest and latest event time; false when there are no events. */
bool cib_store_span(const cib_store *store, int64_t *first, int64_t *last);

#endif
