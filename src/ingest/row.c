/*
 * row.c — CSV records (and the rows jsonl.c gathers from JSON objects)
 * to events.  Preparing a row checks every kept value
 * (count of fields, length, UTF-8, required values, times, words) and
 * copies what the row will intern into a batch with its hash; only
 * committing interns strings and touches the store, so a rejected row
 * leaves no trace (no account, no string).  Account attributes (platform,
 * asset type, followers, creation time, display name, profile image) take
 * the last non-empty value seen in input order.
 *
 * Why two steps: with millions of distinct strings the interner mostly
 * waits for memory.  Hashing ahead lets commit prefetch the table slots of
 * rows a few places ahead, and the checks can run on another thread
 * (pipeline.c).
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
    row->urls = row->tags = (ingest_items){0};
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
static bool bad_value(const ingest_layout *lay, const ingest_row *row,
                      int slot, const char *what, char *why, size_t why_n)
{
    char q[64];
    ingest_quote_value(q, sizeof q, row->v[slot], row->n[slot]);
    snprintf(why, why_n, "field '%s': %s is not %s",
             ingest_layout_name(lay, slot), q, what);
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

static bool check(const ingest_layout *lay, const ingest_row *row, parsed *p,
                  char *why, size_t why_n)
{
    const ingest_format_def *def = lay->format;
    for (size_t i = 0; def->required[i] >= 0; i++)
        if (row->n[def->required[i]] == 0) {
            snprintf(why, why_n, "field '%s' is empty",
                     ingest_layout_name(lay, def->required[i]));
            return false;
        }
    if (!cib_parse_time(row->v[CIB_FIELD_TIME], row->n[CIB_FIELD_TIME],
                        &p->time))
        return bad_value(lay, row, CIB_FIELD_TIME, "a time", why, why_n);
    int bad_slot = 0;
    char what[160];
    if (!def->action(row, &p->action, &p->object_slot, &bad_slot, what,
                     sizeof what)) {
        snprintf(why, why_n, "field '%s': %s",
                 ingest_layout_name(lay, bad_slot), what);
        return false;
    }
    p->has_asset = row->n[CIB_FIELD_ASSET_TYPE] > 0;
    if (p->has_asset && !cib_asset_parse(row->v[CIB_FIELD_ASSET_TYPE],
                                         row->n[CIB_FIELD_ASSET_TYPE],
                                         &p->asset))
        return bad_value(lay, row, CIB_FIELD_ASSET_TYPE,
                         "an asset type (account, page, group)", why, why_n);
    p->followers = CIB_UNKNOWN_FOLLOWERS;
    if (row->n[CIB_FIELD_FOLLOWERS] &&
        !ingest_parse_count(row->v[CIB_FIELD_FOLLOWERS],
                            row->n[CIB_FIELD_FOLLOWERS], &p->followers))
        return bad_value(lay, row, CIB_FIELD_FOLLOWERS, "a count", why,
                         why_n);
    p->created = CIB_UNKNOWN_TIME;
    if (row->n[CIB_FIELD_ACCOUNT_CREATED] &&
        !cib_parse_time(row->v[CIB_FIELD_ACCOUNT_CREATED],
                        row->n[CIB_FIELD_ACCOUNT_CREATED], &p->created))
        return bad_value(lay, row, CIB_FIELD_ACCOUNT_CREATED, "a time", why,
                         why_n);
    return true;
}

/* ------------------------------------------------------------ prepare */

void ingest_batch_clear(ingest_batch *b)
{
    b->n = b->n_items = b->n_bytes = 0;
}

void ingest_batch_release(ingest_batch *b)
{
    free(b->rows);
    free(b->items);
    free(b->bytes);
    memset(b, 0, sizeof *b);
}

/* Copy n bytes into the batch (lower-cased ASCII when `lower`).  The hash
 * is left to commit, which computes it while it waits for memory anyway.
 * Returns 0 or CIB_ENOMEM. */
static int add_bytes(ingest_batch *b, const char *v, size_t n, bool lower,
                     ingest_value *out)
{
    *out = (ingest_value){0, 0, 0};
    if (n == 0)
        return CIB_OK;
    if (cib_grow((void **)&b->bytes, &b->cap_bytes, b->n_bytes + n, 1))
        return CIB_ENOMEM;
    char *dst = b->bytes + b->n_bytes;
    if (lower)
        for (size_t i = 0; i < n; i++)
            dst[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] | 0x20) : v[i];
    else
        memcpy(dst, v, n);
    out->off = (uint32_t)b->n_bytes;
    out->len = (uint32_t)n;
    b->n_bytes += n;
    return CIB_OK;
}

/* List item callback: copy one URL or hashtag into the batch. */
static int add_item(void *ctx, const char *p, size_t n)
{
    ingest_batch *b = ctx;
    if (cib_grow((void **)&b->items, &b->cap_items, b->n_items + 1,
                 sizeof *b->items))
        return CIB_ENOMEM;
    return add_bytes(b, p, n, false, &b->items[b->n_items++]);
}

/* Platform names are compared by later stages; they are stored
 * lower-cased so "Facebook" and "facebook" are one platform (names over
 * 64 bytes, surely not platforms, as written). */
#define PLATFORM_FOLD_MAX 64

/* A row's URLs or hashtags into the batch: its items when it has them,
 * else its one value split. */
static int add_list(const ingest_row *row, int slot, const ingest_items *it,
                    ingest_list_kind kind, ingest_batch *b)
{
    if (it->count == 0)
        return ingest_split_list(row->v[slot], row->n[slot], kind, add_item,
                                 b);
    int rc = CIB_OK;
    for (size_t i = 0; i < it->count && rc == CIB_OK; i++)
        rc = ingest_list_item(it->item[i].p, it->item[i].n, kind, add_item,
                              b);
    return rc;
}

static int prepare_values(const ingest_layout *lay, const ingest_row *row,
                          int object_slot, ingest_batch *b,
                          ingest_prepared *pr)
{
    static const int SLOT_OF[VAL_COUNT] = {
        [VAL_PLATFORM] = CIB_FIELD_PLATFORM,
        [VAL_DISPLAY_NAME] = CIB_FIELD_DISPLAY_NAME,
        [VAL_PROFILE_IMAGE] = CIB_FIELD_PROFILE_IMAGE,
        [VAL_ACCOUNT] = CIB_FIELD_ACCOUNT_ID,
        [VAL_POST] = CIB_FIELD_POST_ID,
        [VAL_OBJECT] = -1, /* the format decides, per row */
        [VAL_TEXT] = CIB_FIELD_TEXT,
        [VAL_NETWORK] = CIB_FIELD_NETWORK,
        [VAL_IMAGE] = CIB_FIELD_IMAGE,
        [VAL_GROUP] = SLOT_GROUP,
    };
    pr->item0 = (uint32_t)b->n_items;
    int rc = add_list(row, CIB_FIELD_URL, &row->urls, LIST_URLS, b);
    pr->n_urls = (uint32_t)(b->n_items - pr->item0);
    if (rc == CIB_OK)
        rc = add_list(row, CIB_FIELD_HASHTAGS, &row->tags, LIST_HASHTAGS, b);
    pr->n_tags = (uint32_t)(b->n_items - pr->item0 - pr->n_urls);
    pr->format_platform = row->n[CIB_FIELD_PLATFORM] == 0 &&
                          lay->format->platform != NULL;
    for (int k = 0; k < VAL_COUNT && rc == CIB_OK; k++) {
        int slot = k == VAL_OBJECT ? object_slot : SLOT_OF[k];
        if (slot >= SLOT_COUNT) {
            pr->v[k] = (ingest_value){0, 0, 0};
            continue;
        }
        bool lower = k == VAL_PLATFORM &&
                     row->n[slot] <= PLATFORM_FOLD_MAX;
        rc = add_bytes(b, row->v[slot], row->n[slot], lower, &pr->v[k]);
    }
    return rc;
}

int ingest_row_prepare(const ingest_rows *rows, const ingest_record *rec,
                       ingest_batch *b, const char *file, char *why,
                       size_t why_n, cib_error *err)
{
    if (rec->n_fields != rows->layout->n_columns) {
        snprintf(why, why_n, "row has %zu fields, header has %zu",
                 rec->n_fields, rows->layout->n_columns);
        return 1;
    }
    ingest_row row;
    if (!gather(rows, rec, &row, why, why_n))
        return 1;
    return ingest_row_add(rows->layout, &row, rec->line, b, file, why, why_n,
                          err);
}

int ingest_row_add(const ingest_layout *lay, const ingest_row *row,
                   uint64_t line, ingest_batch *b, const char *file,
                   char *why, size_t why_n, cib_error *err)
{
    parsed p;
    if (!check(lay, row, &p, why, why_n))
        return 1;
    if (cib_grow((void **)&b->rows, &b->cap, b->n + 1, sizeof *b->rows))
        goto nomem;
    ingest_prepared *pr = &b->rows[b->n];
    pr->line = line;
    pr->time = p.time;
    pr->followers = p.followers;
    pr->created = p.created;
    pr->action = (uint8_t)p.action;
    pr->asset = (uint8_t)(p.has_asset ? p.asset : CIB_ASSET_ACCOUNT);
    pr->has_asset = p.has_asset;
    pr->byte0 = (uint32_t)b->n_bytes;
    if (prepare_values(lay, row, p.object_slot, b, pr) != CIB_OK)
        goto nomem;
    pr->n_bytes = (uint32_t)(b->n_bytes - pr->byte0);
    b->n++;
    return 0;
nomem:
    return cib_error_set(err, CIB_ENOMEM, file, line,
                         "out of memory reading the row");
}

int ingest_batch_append(ingest_batch *dst, const ingest_batch *src,
                        size_t i)
{
    const ingest_prepared *r = &src->rows[i];
    size_t n_items = r->n_urls + r->n_tags;
    if (cib_grow((void **)&dst->rows, &dst->cap, dst->n + 1,
                 sizeof *dst->rows) ||
        cib_grow((void **)&dst->items, &dst->cap_items,
                 dst->n_items + n_items + 1, sizeof *dst->items) ||
        cib_grow((void **)&dst->bytes, &dst->cap_bytes,
                 dst->n_bytes + r->n_bytes + 1, 1))
        return CIB_ENOMEM;
    /* every offset moves by the same amount: the row's bytes are one run */
    uint32_t shift = (uint32_t)dst->n_bytes - r->byte0;
    memcpy(dst->bytes + dst->n_bytes, src->bytes + r->byte0, r->n_bytes);
    ingest_prepared *out = &dst->rows[dst->n++];
    *out = *r;
    out->byte0 += shift;
    out->item0 = (uint32_t)dst->n_items;
    for (int k = 0; k < VAL_COUNT; k++)
        if (out->v[k].len)
            out->v[k].off += shift;
    for (size_t k = 0; k < n_items; k++) {
        ingest_value v = src->items[r->item0 + k];
        v.off += shift;
        dst->items[dst->n_items++] = v;
    }
    dst->n_bytes += r->n_bytes;
    return CIB_OK;
}

/* ------------------------------------------------------------ commit */

/* Rows ahead of the one being stored whose table slots are prefetched:
 * far enough for the fetches to arrive in time, near enough that they
 * are still in cache when used. */
#define PREFETCH_AHEAD 4

static void hash_and_prefetch(const cib_strings *pool, const char *bytes,
                              ingest_value *v)
{
    if (v->len == 0)
        return;
    v->hash = cib_strings_hash(bytes + v->off, v->len);
    cib_strings_prefetch(pool, v->hash);
}

/* Hash a row's values and prefetch their table slots; the hashing of rows
 * ahead overlaps the memory waits of the row being stored. */
static void prefetch_row(const cib_strings *pool, ingest_batch *b,
                         ingest_prepared *pr)
{
    for (int k = 0; k < VAL_COUNT; k++)
        hash_and_prefetch(pool, b->bytes, &pr->v[k]);
    for (uint32_t i = 0; i < pr->n_urls + pr->n_tags; i++)
        hash_and_prefetch(pool, b->bytes, &b->items[pr->item0 + i]);
}

static uint32_t intern_value(ingest_rows *rows, const ingest_batch *b,
                             const ingest_value *v)
{
    if (v->len == 0)
        return 0;
    return cib_strings_intern_hashed(rows->store->strings, b->bytes + v->off,
                                     v->len, v->hash);
}

/* The id of value k.  Consecutive rows often repeat a value (an account's
 * rows together, one platform throughout), so the value's last id is
 * checked first: its bytes are still in cache, and a hit skips the table
 * probe. */
static uint32_t intern_repeated(ingest_rows *rows, const ingest_batch *b,
                                const ingest_prepared *pr, int k)
{
    const ingest_value *v = &pr->v[k];
    if (v->len == 0)
        return 0;
    uint32_t last = rows->last[k];
    if (last) {
        size_t len;
        const char *s = cib_strings_get(rows->store->strings, last, &len);
        if (len == v->len && memcmp(s, b->bytes + v->off, len) == 0)
            return last;
    }
    uint32_t id = intern_value(rows, b, v);
    if (id != UINT32_MAX)
        rows->last[k] = id;
    return id;
}

/* A format's fixed platform name, interned once per file. */
static uint32_t intern_constant(ingest_rows *rows, const char *s)
{
    if (rows->platform_id == 0)
        rows->platform_id =
            cib_strings_intern(rows->store->strings, s, strlen(s));
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

static void update_account(ingest_rows *rows, uint32_t a,
                           const ingest_prepared *pr, const uint32_t attr[3])
{
    cib_accounts *acc = &rows->store->accounts;
    if (attr[0])
        acc->platform[a] = attr[0];
    if (pr->has_asset)
        acc->asset[a] = pr->asset;
    if (pr->followers != CIB_UNKNOWN_FOLLOWERS)
        acc->followers[a] = pr->followers;
    if (pr->created != CIB_UNKNOWN_TIME)
        acc->created[a] = pr->created;
    if (attr[1])
        acc->display_name[a] = attr[1];
    if (attr[2])
        acc->profile_image[a] = attr[2];
}

static int commit_row(ingest_rows *rows, const ingest_batch *b,
                      const ingest_prepared *pr)
{
    size_t n_items = pr->n_urls + pr->n_tags;
    if (cib_grow((void **)&rows->ids, &rows->cap_ids, n_items ? n_items : 1,
                 sizeof *rows->ids))
        return CIB_ENOMEM;
    for (size_t i = 0; i < n_items; i++)
        rows->ids[i] = intern_value(rows, b, &b->items[pr->item0 + i]);
    if (any_failed(rows->ids, n_items))
        return CIB_ENOMEM;
    const char *fixed = rows->layout->format->platform;
    uint32_t attr[4] = {
        pr->format_platform ? intern_constant(rows, fixed)
                            : intern_repeated(rows, b, pr, VAL_PLATFORM),
        intern_repeated(rows, b, pr, VAL_DISPLAY_NAME),
        intern_repeated(rows, b, pr, VAL_PROFILE_IMAGE),
        intern_repeated(rows, b, pr, VAL_ACCOUNT),
    };
    cib_event_in ev = {
        .time = pr->time,
        .action = (cib_action)pr->action,
        .post = intern_repeated(rows, b, pr, VAL_POST),
        .object = intern_repeated(rows, b, pr, VAL_OBJECT),
        .text = intern_repeated(rows, b, pr, VAL_TEXT),
        .network = intern_repeated(rows, b, pr, VAL_NETWORK),
        .image = intern_repeated(rows, b, pr, VAL_IMAGE),
        .group = intern_repeated(rows, b, pr, VAL_GROUP),
        .urls = rows->ids,
        .n_urls = pr->n_urls,
        .tags = rows->ids + pr->n_urls,
        .n_tags = pr->n_tags,
    };
    const uint32_t ev_ids[] = {ev.post, ev.object, ev.text, ev.network,
                               ev.image, ev.group};
    if (any_failed(attr, 4) || any_failed(ev_ids, 6))
        return CIB_ENOMEM;
    int rc = cib_store_account(rows->store, attr[3], &ev.account);
    if (rc != CIB_OK)
        return rc;
    update_account(rows, ev.account, pr, attr);
    return cib_store_append(rows->store, &ev);
}

int ingest_batch_commit(ingest_rows *rows, ingest_batch *b,
                        const char *file, uint64_t *stored, cib_error *err)
{
    const cib_strings *pool = rows->store->strings;
    for (size_t i = 0; i < b->n && i < PREFETCH_AHEAD; i++)
        prefetch_row(pool, b, &b->rows[i]);
    for (size_t i = 0; i < b->n; i++) {
        if (i + PREFETCH_AHEAD < b->n)
            prefetch_row(pool, b, &b->rows[i + PREFETCH_AHEAD]);
        int rc = commit_row(rows, b, &b->rows[i]);
        if (rc != CIB_OK)
            return cib_error_set(err, rc, file, b->rows[i].line,
                                 "out of memory storing the row");
        (*stored)++;
    }
    return CIB_OK;
}

void ingest_rows_release(ingest_rows *rows)
{
    free(rows->ids);
    rows->ids = NULL;
    rows->cap_ids = rows->n_ids = 0;
}
