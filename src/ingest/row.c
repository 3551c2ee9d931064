/*
 * row.c — one CSV record to one event: check every kept value first
 * (count of fields, length, UTF-8, required values, times, words), and
 * only then intern strings and touch the store, so a rejected row leaves
 * no trace (no account, no string).  Account attributes (platform, asset
 * type, followers, creation time, display name, profile image) take the
 * last non-empty value seen in input order.
 * Relies on formats.h (slots, layout), values.h, store.h.
 */
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

/* Fill row with the values of the columns the layout reads.  Returns false
 * with why filled when a kept value is over the limit or not UTF-8. */
static bool gather(const ingest_rows *rows, const ingest_record *rec,
                   ingest_row *row, char *why, size_t why_n)
{
    const ingest_layout *lay = rows->layout;
    for (int s = 0; s < SLOT_COUNT; s++) {
        int c = lay->col[s];
        row->v[s] = NULL;
        row->n[s] = 0;
        if (c < 0)
            continue;
        const char *v = rec->field[c];
        size_t n = rec->len[c];
        const char *name = lay->names[c];
        if (n > rows->max_field_bytes) {
            snprintf(why, why_n,
                     "field '%s' is %zu bytes, over the %zu-byte limit", name,
                     n, rows->max_field_bytes);
            return false;
        }
        int u = ingest_utf8_check(v, n);
        if (u != UTF8_OK) {
            snprintf(why, why_n, "%s in field '%s'",
                     u == UTF8_NUL ? "NUL byte" : "invalid UTF-8", name);
            return false;
        }
        if (s != CIB_FIELD_TEXT)
            ingest_trim(&v, &n);
        row->v[s] = v;
        row->n[s] = n;
    }
    return true;
}

/* "field 'NAME': 'VALUE' is not WHAT" */
static bool bad_value(const ingest_rows *rows, const ingest_row *row,
                      int slot, const char *what, char *why, size_t why_n)
{
    char q[64];
    ingest_quote_value(q, sizeof q, row->v[slot], row->n[slot]);
    snprintf(why, why_n, "field '%s': %s is not %s",
             ingest_layout_name(rows->layout, slot), q, what);
    return false;
}

/* What a valid row turns into, before anything is interned. */
typedef struct parsed {
    int64_t time;
    cib_action action;
    int object_slot;
    bool has_asset;
    cib_asset asset;
    int64_t followers; /* CIB_UNKNOWN_FOLLOWERS when empty */
    int64_t created;   /* CIB_UNKNOWN_TIME when empty */
} parsed;

static bool check(const ingest_rows *rows, const ingest_row *row, parsed *p,
                  char *why, size_t why_n)
{
    const ingest_format_def *def = rows->layout->format;
    for (size_t i = 0; def->required[i] >= 0; i++)
        if (row->n[def->required[i]] == 0) {
            snprintf(why, why_n, "field '%s' is empty",
                     ingest_layout_name(rows->layout, def->required[i]));
            return false;
        }
    if (!cib_parse_time(row->v[CIB_FIELD_TIME], row->n[CIB_FIELD_TIME],
                        &p->time))
        return bad_value(rows, row, CIB_FIELD_TIME, "a time", why, why_n);
    int bad_slot = 0;
    char what[160];
    if (!def->action(row, &p->action, &p->object_slot, &bad_slot, what,
                     sizeof what)) {
        snprintf(why, why_n, "field '%s': %s",
                 ingest_layout_name(rows->layout, bad_slot), what);
        return false;
    }
    p->has_asset = row->n[CIB_FIELD_ASSET_TYPE] > 0;
    if (p->has_asset && !cib_asset_parse(row->v[CIB_FIELD_ASSET_TYPE],
                                         row->n[CIB_FIELD_ASSET_TYPE],
                                         &p->asset))
        return bad_value(rows, row, CIB_FIELD_ASSET_TYPE,
                         "an asset type (account, page, group)", why, why_n);
    p->followers = CIB_UNKNOWN_FOLLOWERS;
    if (row->n[CIB_FIELD_FOLLOWERS] &&
        !ingest_parse_count(row->v[CIB_FIELD_FOLLOWERS],
                            row->n[CIB_FIELD_FOLLOWERS], &p->followers))
        return bad_value(rows, row, CIB_FIELD_FOLLOWERS, "a count", why,
                         why_n);
    p->created = CIB_UNKNOWN_TIME;
    if (row->n[CIB_FIELD_ACCOUNT_CREATED] &&
        !cib_parse_time(row->v[CIB_FIELD_ACCOUNT_CREATED],
                        row->n[CIB_FIELD_ACCOUNT_CREATED], &p->created))
        return bad_value(rows, row, CIB_FIELD_ACCOUNT_CREATED, "a time", why,
                         why_n);
    return true;
}

/* ------------------------------------------------------------ storing */

static uint32_t intern(ingest_rows *rows, const char *v, size_t n)
{
    return cib_strings_intern(rows->store->strings, v, n);
}

/* Whether a slot's value is the one it had in the last row.
 * Consecutive rows often repeat a value (an account's rows together, one
 * platform throughout); the last value's bytes are still in cache, and a
 * hit skips the hash and the table probe. */
static bool same_as_last(const ingest_rows *rows, const ingest_row *row,
                         int slot)
{
    uint32_t last = rows->last[slot];
    if (last == 0)
        return false;
    size_t len;
    const char *p = cib_strings_get(rows->store->strings, last, &len);
    return len == row->n[slot] && memcmp(p, row->v[slot], len) == 0;
}

/* Hashes of the slot values a row will intern, computed up front so the
 * table slots can be prefetched and their fetches overlap (the interner's
 * time is mostly waiting for memory when there are millions of distinct
 * strings).  hash[slot] is 0 where nothing is to be interned: the value
 * is empty or repeats the last row's. */
typedef struct row_hashes {
    uint64_t hash[SLOT_COUNT];
} row_hashes;

static void prefetch_slots(const ingest_rows *rows, const ingest_row *row,
                           int object_slot, row_hashes *h)
{
    static const int SLOTS[] = {CIB_FIELD_DISPLAY_NAME,
                                CIB_FIELD_PROFILE_IMAGE, CIB_FIELD_ACCOUNT_ID,
                                CIB_FIELD_POST_ID,       CIB_FIELD_TEXT,
                                CIB_FIELD_NETWORK,       CIB_FIELD_IMAGE,
                                SLOT_GROUP,              -1};
    const cib_strings *pool = rows->store->strings;
    memset(h, 0, sizeof *h);
    for (size_t i = 0; i < sizeof SLOTS / sizeof SLOTS[0]; i++) {
        int slot = SLOTS[i] < 0 ? object_slot : SLOTS[i];
        if (slot >= SLOT_COUNT || row->n[slot] == 0 ||
            same_as_last(rows, row, slot))
            continue;
        h->hash[slot] = cib_strings_hash(row->v[slot], row->n[slot]);
        cib_strings_prefetch(pool, h->hash[slot]);
    }
}

/* The id of a slot's value; h from prefetch_slots. */
static uint32_t intern_slot(ingest_rows *rows, const ingest_row *row,
                            int slot, const row_hashes *h)
{
    if (slot >= SLOT_COUNT || row->n[slot] == 0)
        return 0;
    if (h == NULL || h->hash[slot] == 0) {
        if (same_as_last(rows, row, slot))
            return rows->last[slot];
    }
    const char *v = row->v[slot];
    size_t n = row->n[slot];
    uint32_t id = h && h->hash[slot]
                      ? cib_strings_intern_hashed(rows->store->strings, v, n,
                                                  h->hash[slot])
                      : intern(rows, v, n);
    if (id != UINT32_MAX)
        rows->last[slot] = id;
    return id;
}

/* List item callback: intern and push onto rows->ids. */
static int push_item(void *ctx, const char *p, size_t n)
{
    ingest_rows *rows = ctx;
    uint32_t id = intern(rows, p, n);
    if (id == UINT32_MAX ||
        cib_grow((void **)&rows->ids, &rows->cap_ids, rows->n_ids + 1,
                 sizeof *rows->ids))
        return CIB_ENOMEM;
    rows->ids[rows->n_ids++] = id;
    return CIB_OK;
}

/* Platform names are compared by later stages; store them lower-cased so
 * "Facebook" and "facebook" are one platform. */
static uint32_t intern_platform(ingest_rows *rows, const char *v, size_t n)
{
    char low[64];
    if (n > sizeof low)
        return intern(rows, v, n);
    for (size_t i = 0; i < n; i++)
        low[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] | 0x20) : v[i];
    ingest_row one = {.v = {[CIB_FIELD_PLATFORM] = low},
                      .n = {[CIB_FIELD_PLATFORM] = n}};
    return intern_slot(rows, &one, CIB_FIELD_PLATFORM, NULL);
}

/* A format's fixed platform name, interned once per file. */
static uint32_t intern_constant(ingest_rows *rows, const char *s)
{
    if (rows->platform_id == 0)
        rows->platform_id = intern(rows, s, strlen(s));
    return rows->platform_id;
}

/* Interning failed somewhere iff an id is UINT32_MAX. */
static bool any_failed(const uint32_t *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == UINT32_MAX)
            return true;
    return false;
}

static void update_account(ingest_rows *rows, uint32_t a, const parsed *p,
                           const uint32_t attr[4])
{
    cib_accounts *acc = &rows->store->accounts;
    if (attr[0])
        acc->platform[a] = attr[0];
    if (p->has_asset)
        acc->asset[a] = (uint8_t)p->asset;
    if (p->followers != CIB_UNKNOWN_FOLLOWERS)
        acc->followers[a] = p->followers;
    if (p->created != CIB_UNKNOWN_TIME)
        acc->created[a] = p->created;
    if (attr[1])
        acc->display_name[a] = attr[1];
    if (attr[2])
        acc->profile_image[a] = attr[2];
}

static int store_row(ingest_rows *rows, const ingest_row *row,
                     const parsed *p)
{
    const ingest_format_def *def = rows->layout->format;
    row_hashes h;
    prefetch_slots(rows, row, p->object_slot, &h);
    rows->n_ids = 0;
    int rc = ingest_split_list(row->v[CIB_FIELD_URL], row->n[CIB_FIELD_URL],
                               LIST_URLS, push_item, rows);
    size_t n_urls = rows->n_ids;
    if (rc == CIB_OK)
        rc = ingest_split_list(row->v[CIB_FIELD_HASHTAGS],
                               row->n[CIB_FIELD_HASHTAGS], LIST_HASHTAGS,
                               push_item, rows);
    if (rc != CIB_OK)
        return rc;

    uint32_t platform =
        row->n[CIB_FIELD_PLATFORM]
            ? intern_platform(rows, row->v[CIB_FIELD_PLATFORM],
                              row->n[CIB_FIELD_PLATFORM])
        : def->platform ? intern_constant(rows, def->platform)
                        : 0;
    uint32_t attr[4] = {
        platform,
        intern_slot(rows, row, CIB_FIELD_DISPLAY_NAME, &h),
        intern_slot(rows, row, CIB_FIELD_PROFILE_IMAGE, &h),
        intern_slot(rows, row, CIB_FIELD_ACCOUNT_ID, &h),
    };
    cib_event_in ev = {
        .time = p->time,
        .action = p->action,
        .post = intern_slot(rows, row, CIB_FIELD_POST_ID, &h),
        .object = intern_slot(rows, row, p->object_slot, &h),
        .text = intern_slot(rows, row, CIB_FIELD_TEXT, &h),
        .network = intern_slot(rows, row, CIB_FIELD_NETWORK, &h),
        .image = intern_slot(rows, row, CIB_FIELD_IMAGE, &h),
        .group = intern_slot(rows, row, SLOT_GROUP, &h),
        .urls = rows->ids,
        .n_urls = n_urls,
        /* ids is NULL until a row has a URL or tag; NULL + 0 is UB */
        .tags = rows->ids ? rows->ids + n_urls : NULL,
        .n_tags = rows->n_ids - n_urls,
    };
    const uint32_t ev_ids[] = {ev.post, ev.object, ev.text, ev.network,
                               ev.image, ev.group};
    if (any_failed(attr, 4) || any_failed(ev_ids, 6))
        return CIB_ENOMEM;
    rc = cib_store_account(rows->store, attr[3], &ev.account);
    if (rc != CIB_OK)
        return rc;
    update_account(rows, ev.account, p, attr);
    return cib_store_append(rows->store, &ev);
}

int ingest_row_store(ingest_rows *rows, const ingest_record *rec,
                     const char *file, char *why, size_t why_n,
                     cib_error *err)
{
    if (rec->n_fields != rows->layout->n_columns) {
        snprintf(why, why_n, "row has %zu fields, header has %zu",
                 rec->n_fields, rows->layout->n_columns);
        return 1;
    }
    ingest_row row;
    parsed p;
    if (!gather(rows, rec, &row, why, why_n) ||
        !check(rows, &row, &p, why, why_n))
        return 1;
    int rc = store_row(rows, &row, &p);
    if (rc != CIB_OK)
        return cib_error_set(err, rc, file, rec->line,
                             "out of memory storing the row");
    return 0;
}

void ingest_rows_release(ingest_rows *rows)
{
    free(rows->ids);
    rows->ids = NULL;
    rows->cap_ids = rows->n_ids = 0;
}
