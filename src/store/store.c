/*
 * store.c — the columnar event table and the account table.
 *
 * Columns grow together (one capacity for every per-row column) so that a
 * failed allocation never leaves columns of different lengths.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const ACTION_NAMES[CIB_ACTION_COUNT] = {
    "post", "share", "repost", "reply", "comment", "quote", "like"};

static const char *const ASSET_NAMES[CIB_ASSET_COUNT] = {"account", "page",
                                                         "group"};

const char *cib_action_name(cib_action a)
{
    return (unsigned)a < CIB_ACTION_COUNT ? ACTION_NAMES[a] : "post";
}

static bool word_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

bool cib_action_parse(const char *s, size_t n, cib_action *out)
{
    static const struct {
        const char *word;
        cib_action action;
    } aliases[] = {
        {"", CIB_ACTION_POST},          {"tweet", CIB_ACTION_POST},
        {"status", CIB_ACTION_POST},    {"r", CIB_ACTION_REPOST},
        {"rt", CIB_ACTION_REPOST},      {"retweet", CIB_ACTION_REPOST},
        {"reshare", CIB_ACTION_SHARE},  {"q", CIB_ACTION_QUOTE},
        {"reaction", CIB_ACTION_LIKE},  {"favorite", CIB_ACTION_LIKE},
    };
    for (int a = 0; a < CIB_ACTION_COUNT; a++)
        if (word_is(s, n, ACTION_NAMES[a])) {
            *out = (cib_action)a;
            return true;
        }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (word_is(s, n, aliases[i].word)) {
            *out = aliases[i].action;
            return true;
        }
    return false;
}

const char *cib_asset_name(cib_asset a)
{
    return (unsigned)a < CIB_ASSET_COUNT ? ASSET_NAMES[a] : "account";
}

bool cib_asset_parse(const char *s, size_t n, cib_asset *out)
{
    if (n == 0) {
        *out = CIB_ASSET_ACCOUNT;
        return true;
    }
    for (int a = 0; a < CIB_ASSET_COUNT; a++)
        if (word_is(s, n, ASSET_NAMES[a])) {
            *out = (cib_asset)a;
            return true;
        }
    if (word_is(s, n, "user") || word_is(s, n, "profile")) {
        *out = CIB_ASSET_ACCOUNT;
        return true;
    }
    return false;
}

cib_store *cib_store_new(void)
{
    cib_store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->strings = cib_strings_new();
    s->events.url_begin = calloc(1, sizeof(uint32_t));
    s->events.tag_begin = calloc(1, sizeof(uint32_t));
    if (!s->strings || !s->events.url_begin || !s->events.tag_begin) {
        cib_store_free(s);
        return NULL;
    }
    return s;
}

void cib_store_free(cib_store *s)
{
    if (s == NULL)
        return;
    cib_strings_free(s->strings);
    cib_events *e = &s->events;
    free(e->account);
    free(e->time);
    free(e->action);
    free(e->post);
    free(e->object);
    free(e->text);
    free(e->network);
    free(e->image);
    free(e->group);
    free(e->url_begin);
    free(e->tag_begin);
    free(e->url_ids);
    free(e->tag_ids);
    cib_accounts *a = &s->accounts;
    free(a->id);
    free(a->platform);
    free(a->asset);
    free(a->followers);
    free(a->created);
    free(a->display_name);
    free(a->profile_image);
    free(a->n_events);
    free(s->acct_slots);
    free(s);
}

/* Resize one column to ncap elements of `elem` bytes. */
static int resize(void **col, size_t ncap, size_t elem)
{
    void *p = realloc(*col, ncap * elem);
    if (p == NULL)
        return CIB_ENOMEM;
    *col = p;
    return CIB_OK;
}

static int accounts_reserve(cib_accounts *a, size_t need)
{
    if (need <= a->cap)
        return CIB_OK;
    size_t ncap = a->cap ? a->cap * 2 : 256;
    while (ncap < need)
        ncap *= 2;
    if (resize((void **)&a->id, ncap, sizeof *a->id) ||
        resize((void **)&a->platform, ncap, sizeof *a->platform) ||
        resize((void **)&a->asset, ncap, sizeof *a->asset) ||
        resize((void **)&a->followers, ncap, sizeof *a->followers) ||
        resize((void **)&a->created, ncap, sizeof *a->created) ||
        resize((void **)&a->display_name, ncap, sizeof *a->display_name) ||
        resize((void **)&a->profile_image, ncap, sizeof *a->profile_image) ||
        resize((void **)&a->n_events, ncap, sizeof *a->n_events))
        return CIB_ENOMEM;
    a->cap = ncap;
    return CIB_OK;
}

/* A limit as set (0: the default; never above the default, which keeps
 * indices inside 32 bits). */
static uint64_t limit(uint64_t set, uint64_t dflt)
{
    return set && set < dflt ? set : dflt;
}

const char *cib_store_failure(const cib_store *s, char *buf, size_t n)
{
    switch (s->full) {
    case CIB_FULL_EVENTS:
    case CIB_FULL_ACCOUNTS: {
        bool ev = s->full == CIB_FULL_EVENTS;
        const char *what = ev ? "event" : "account";
        uint64_t max = ev ? limit(s->max_events, CIB_DEFAULT_MAX_EVENTS)
                          : limit(s->max_accounts, CIB_DEFAULT_MAX_ACCOUNTS);
        snprintf(buf, n, "%s limit reached: the input holds more than %llu "
                 "%ss (--max-%ss)", what, (unsigned long long)max, what, what);
        break;
    }
    case CIB_FULL_LISTS:
        snprintf(buf, n, "URL or hashtag limit reached: more than %u in all",
                 UINT32_MAX - 1);
        break;
    default:
        if (cib_strings_count(s->strings) >= UINT32_MAX - 1)
            snprintf(buf, n, "string limit reached: more than %u distinct "
                     "values", UINT32_MAX - 2);
        else
            snprintf(buf, n, "out of memory");
    }
    return buf;
}

/* acct_slots maps a string id to account index + 1 (0 = no account), as a
 * direct table indexed by string id: ids are dense and small. */
int cib_store_account(cib_store *s, uint32_t id, uint32_t *index)
{
    if (cib_grow_zeroed((void **)&s->acct_slots, &s->acct_slot_cap,
                        (size_t)id + 1, sizeof *s->acct_slots))
        return CIB_ENOMEM;
    if (s->acct_slots[id]) {
        *index = s->acct_slots[id] - 1;
        return CIB_OK;
    }
    cib_accounts *a = &s->accounts;
    if (a->n >= limit(s->max_accounts, CIB_DEFAULT_MAX_ACCOUNTS)) {
        s->full = CIB_FULL_ACCOUNTS;
        return CIB_ENOMEM;
    }
    if (accounts_reserve(a, a->n + 1))
        return CIB_ENOMEM;
    size_t i = a->n++;
    a->id[i] = id;
    a->platform[i] = 0;
    a->asset[i] = CIB_ASSET_ACCOUNT;
    a->followers[i] = CIB_UNKNOWN_FOLLOWERS;
    a->created[i] = CIB_UNKNOWN_TIME;
    a->display_name[i] = 0;
    a->profile_image[i] = 0;
    a->n_events[i] = 0;
    s->acct_slots[id] = (uint32_t)i + 1;
    *index = (uint32_t)i;
    return CIB_OK;
}

static int events_reserve(cib_events *e, size_t need)
{
    if (need <= e->cap)
        return CIB_OK;
    size_t ncap = e->cap ? e->cap * 2 : 4096;
    while (ncap < need)
        ncap *= 2;
    if (resize((void **)&e->account, ncap, sizeof *e->account) ||
        resize((void **)&e->time, ncap, sizeof *e->time) ||
        resize((void **)&e->action, ncap, sizeof *e->action) ||
        resize((void **)&e->post, ncap, sizeof *e->post) ||
        resize((void **)&e->object, ncap, sizeof *e->object) ||
        resize((void **)&e->text, ncap, sizeof *e->text) ||
        resize((void **)&e->network, ncap, sizeof *e->network) ||
        resize((void **)&e->image, ncap, sizeof *e->image) ||
        resize((void **)&e->group, ncap, sizeof *e->group) ||
        resize((void **)&e->url_begin, ncap + 1, sizeof *e->url_begin) ||
        resize((void **)&e->tag_begin, ncap + 1, sizeof *e->tag_begin))
        return CIB_ENOMEM;
    e->cap = ncap;
    return CIB_OK;
}

int cib_store_append(cib_store *s, const cib_event_in *ev)
{
    cib_events *e = &s->events;
    if (e->n >= limit(s->max_events, CIB_DEFAULT_MAX_EVENTS)) {
        s->full = CIB_FULL_EVENTS;
        return CIB_ENOMEM;
    }
    if (e->n_urls + ev->n_urls >= UINT32_MAX ||
        e->n_tags + ev->n_tags >= UINT32_MAX) {
        s->full = CIB_FULL_LISTS;
        return CIB_ENOMEM;
    }
    if (events_reserve(e, e->n + 1) ||
        cib_grow((void **)&e->url_ids, &e->cap_urls, e->n_urls + ev->n_urls,
                 sizeof *e->url_ids) ||
        cib_grow((void **)&e->tag_ids, &e->cap_tags, e->n_tags + ev->n_tags,
                 sizeof *e->tag_ids))
        return CIB_ENOMEM;
    size_t i = e->n;
    e->account[i] = ev->account;
    e->time[i] = ev->time;
    e->action[i] = (uint8_t)ev->action;
    e->post[i] = ev->post;
    e->object[i] = ev->object;
    e->text[i] = ev->text;
    e->network[i] = ev->network;
    e->image[i] = ev->image;
    e->group[i] = ev->group;
    if (ev->n_urls)
        memcpy(e->url_ids + e->n_urls, ev->urls, ev->n_urls * sizeof(uint32_t));
    e->n_urls += ev->n_urls;
    if (ev->n_tags)
        memcpy(e->tag_ids + e->n_tags, ev->tags, ev->n_tags * sizeof(uint32_t));
    e->n_tags += ev->n_tags;
    e->url_begin[i + 1] = (uint32_t)e->n_urls;
    e->tag_begin[i + 1] = (uint32_t)e->n_tags;
    e->n++;
    s->accounts.n_events[ev->account]++;
    return CIB_OK;
}

bool cib_store_span(const cib_store *s, int64_t *first, int64_t *last)
{
    const cib_events *e = &s->events;
    if (e->n == 0)
        return false;
    int64_t lo = e->time[0], hi = e->time[0];
    for (size_t i = 1; i < e->n; i++) {
        if (e->time[i] < lo)
            lo = e->time[i];
        if (e->time[i] > hi)
            hi = e->time[i];
    }
    *first = lo;
    *last = hi;
    return true;
}
