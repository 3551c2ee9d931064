/*
 * profile_items.c — cib_items_walk: each event's vocabulary items (folded
 * hashtags, URL domains, words of its text), de-duplicated and sorted,
 * handed to the cluster profile (profile.c) in walk order.  Relies on the
 * store's string pools, the normalised keys, cib_tokenize and pthreads.
 *
 * Why threads and how the ids stay those of one thread: reading the texts
 * (random places in a pool of hundreds of MB) and tokenizing them is most
 * of the profile's time on a big input.  A block of rows is cut into one
 * slice per thread.  The first slice interns into the profile's pool; the
 * others into pools of their own.  Then, slice by slice, each own pool's
 * new strings are interned into the profile's pool in the order they
 * were first seen.  A string gets a new id exactly when no earlier row
 * of the walk held it, in the order of the rows that first hold it: the
 * one-thread order.  Items are counted once per event, so the sorting
 * and de-duplication wait until the ids are final.
 */
#include "profile_items.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 1024   /* per event: a runaway text, enough is counted */
#define SLICE_ROWS 32768 /* rows per thread per block */
#define MAX_THREADS 16
#define PREFETCH 8       /* rows whose text is fetched ahead */

int cib_item_cmp(const void *pa, const void *pb)
{
    const cib_item_ref *a = pa, *b = pb;
    if (a->vocab != b->vocab)
        return a->vocab < b->vocab ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* One thread's share of a block: the rows [lo, hi) of the walk, their
 * items back to back (row j's end at end[j - lo]). */
typedef struct slice {
    const cib_report_input *in;
    const uint32_t *rows;
    size_t stride;
    size_t lo, hi;
    cib_strings *pool;  /* the profile's pool (slice 0) or its own */
    uint32_t *map;      /* own pool id -> profile pool id (slice > 0) */
    size_t map_cap;
    uint32_t merged;    /* own ids below this are in map */
    cib_item_ref *items;
    size_t n_items, cap_items;
    size_t *end;
    size_t cap_end;
    int bad;
} slice;

static void add_item(slice *sl, size_t first, cib_vocab vocab, const char *s,
                     size_t n)
{
    if (n == 0 || sl->n_items - first >= MAX_ITEMS)
        return;
    uint32_t id = cib_strings_intern(sl->pool, s, n);
    if (id == UINT32_MAX ||
        cib_grow((void **)&sl->items, &sl->cap_items, sl->n_items + 1,
                 sizeof *sl->items)) {
        sl->bad = 1;
        return;
    }
    sl->items[sl->n_items++] = (cib_item_ref){(uint32_t)vocab, id};
}

typedef struct token_ctx {
    slice *sl;
    size_t first; /* the event's first item */
} token_ctx;

static void on_token(void *ctx, cib_vocab v, const char *s, size_t n)
{
    token_ctx *t = ctx;
    add_item(t->sl, t->first, v, s, n);
}

/* Append the items of event row i, in the order a post is read: hashtags,
 * domains, then the text's words. */
static void collect_row(slice *sl, size_t i)
{
    const cib_report_input *in = sl->in;
    const cib_events *e = &in->store->events;
    const cib_strings *st = in->store->strings;
    size_t first = sl->n_items, len;
    if (in->norm && in->norm->tag_key)
        for (uint32_t j = e->tag_begin[i]; j < e->tag_begin[i + 1]; j++)
            if (in->norm->tag_key[j]) {
                const char *t = cib_strings_get(st, in->norm->tag_key[j], &len);
                add_item(sl, first, CIB_VOCAB_HASHTAG, t, len);
            }
    if (in->norm && in->norm->url_domain)
        for (uint32_t j = e->url_begin[i]; j < e->url_begin[i + 1]; j++)
            if (in->norm->url_domain[j]) {
                const char *d = cib_strings_get(st, in->norm->url_domain[j],
                                                &len);
                add_item(sl, first, CIB_VOCAB_DOMAIN, d, len);
            }
    if (e->text && e->text[i]) {
        const char *t = cib_strings_get(st, e->text[i], &len);
        token_ctx tc = {sl, first};
        cib_tokenize(t, len, on_token, &tc);
    }
}

/* Event row at place j of the walk. */
static size_t row_of(const slice *sl, size_t j)
{
    return sl->rows ? sl->rows[j] : j * sl->stride;
}

/* Phase 1: every row's raw items, ids of the slice's pool. */
static void *slice_collect(void *arg)
{
    slice *sl = arg;
    sl->n_items = 0;
    if (cib_grow((void **)&sl->end, &sl->cap_end, sl->hi - sl->lo + 1,
                 sizeof *sl->end)) {
        sl->bad = 1;
        return NULL;
    }
    const cib_events *e = &sl->in->store->events;
    for (size_t j = sl->lo; j < sl->hi && !sl->bad; j++) {
        /* the texts lie at random places of a large pool: start fetching
         * the one PREFETCH rows ahead while this row is tokenized */
        size_t ahead = j + PREFETCH;
        if (e->text && ahead < sl->hi) {
            uint32_t t = e->text[row_of(sl, ahead)];
            if (t)
                __builtin_prefetch(cib_strings_get(sl->in->store->strings, t,
                                                   NULL));
        }
        collect_row(sl, row_of(sl, j));
        sl->end[j - sl->lo] = sl->n_items;
    }
    return NULL;
}

/* Between the phases, on one thread: the slice's new strings into the
 * profile's pool, in first-seen order. */
static int slice_merge(slice *sl, cib_strings *pool)
{
    uint32_t n = cib_strings_count(sl->pool);
    if (cib_grow((void **)&sl->map, &sl->map_cap, n, sizeof *sl->map))
        return CIB_ENOMEM;
    if (sl->merged == 0)
        sl->map[sl->merged++] = 0; /* id 0, the empty string */
    for (uint32_t id = sl->merged; id < n; id++) {
        size_t len;
        const char *s = cib_strings_get(sl->pool, id, &len);
        uint32_t g = cib_strings_intern(pool, s, len);
        if (g == UINT32_MAX)
            return CIB_ENOMEM;
        sl->map[id] = g;
    }
    sl->merged = n;
    return CIB_OK;
}

/* Phase 2: final ids, then each row sorted and de-duplicated in place
 * (rows only shrink, so a row's new start is never past its old one). */
static void *slice_finish(void *arg)
{
    slice *sl = arg;
    if (sl->n_items == 0) { /* no item in any row (items may be NULL) */
        for (size_t j = 0; j < sl->hi - sl->lo; j++)
            sl->end[j] = 0;
        return NULL;
    }
    if (sl->map)
        for (size_t k = 0; k < sl->n_items; k++)
            sl->items[k].id = sl->map[sl->items[k].id];
    size_t begin = 0, out = 0;
    for (size_t j = 0; j < sl->hi - sl->lo; j++) {
        size_t end = sl->end[j], n = end - begin;
        cib_item_ref *v = sl->items + begin;
        if (n > 1) {
            if (n <= 24) { /* a post's few items: insertion sort */
                for (size_t a = 1; a < n; a++) {
                    cib_item_ref x = v[a];
                    size_t k = a;
                    for (; k > 0 && cib_item_cmp(&v[k - 1], &x) > 0; k--)
                        v[k] = v[k - 1];
                    v[k] = x;
                }
            } else {
                qsort(v, n, sizeof *v, cib_item_cmp);
            }
            size_t o = 1;
            for (size_t a = 1; a < n; a++)
                if (cib_item_cmp(&v[a], &v[o - 1]) != 0)
                    v[o++] = v[a];
            n = o;
        }
        if (out != begin)
            memmove(sl->items + out, v, n * sizeof *v);
        out += n;
        begin = end;
        sl->end[j] = out;
    }
    sl->n_items = out;
    return NULL;
}

/* Run phase `fn` on every slice: slices 1.. on threads of their own,
 * slice 0 on the caller's. */
static void run_phase(slice *sl, unsigned ns, void *(*fn)(void *))
{
    pthread_t tid[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    for (unsigned t = 1; t < ns; t++)
        started[t] = pthread_create(&tid[t], NULL, fn, &sl[t]) == 0;
    fn(&sl[0]);
    for (unsigned t = 1; t < ns; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            fn(&sl[t]); /* no thread to be had: the same work here */
    }
}

int cib_items_walk(cib_strings *pool, const cib_report_input *in,
                   const uint32_t *rows, size_t stride, size_t n,
                   unsigned threads, cib_items_fn fn, void *ctx)
{
    unsigned ns = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS
                                                         : threads;
    if (n < (size_t)ns * 1024)
        ns = 1; /* too few rows to be worth a thread */
    slice sl[MAX_THREADS];
    memset(sl, 0, sizeof sl);
    int rc = CIB_OK;
    for (unsigned t = 0; t < ns; t++) {
        sl[t].in = in;
        sl[t].rows = rows;
        sl[t].stride = stride;
        sl[t].pool = t == 0 ? pool : cib_strings_new();
        if (sl[t].pool == NULL)
            rc = CIB_ENOMEM;
    }
    for (size_t lo = 0; lo < n && rc == CIB_OK;) {
        size_t per = (n - lo + ns - 1) / ns;
        if (per > SLICE_ROWS)
            per = SLICE_ROWS;
        for (unsigned t = 0; t < ns; t++) {
            sl[t].lo = lo < n ? lo : n;
            lo = lo + per < n ? lo + per : n;
            sl[t].hi = lo;
        }
        run_phase(sl, ns, slice_collect);
        for (unsigned t = 0; t < ns && rc == CIB_OK; t++)
            if (sl[t].bad || (t > 0 && slice_merge(&sl[t], pool) != CIB_OK))
                rc = CIB_ENOMEM;
        if (rc != CIB_OK)
            break;
        run_phase(sl, ns, slice_finish);
        for (unsigned t = 0; t < ns && rc == CIB_OK; t++) {
            size_t begin = 0;
            for (size_t j = sl[t].lo; j < sl[t].hi && rc == CIB_OK; j++) {
                size_t end = sl[t].end[j - sl[t].lo];
                rc = fn(ctx, j, end > begin ? sl[t].items + begin : NULL,
                        end - begin);
                begin = end;
            }
        }
    }
    for (unsigned t = 0; t < ns; t++) {
        if (t > 0)
            cib_strings_free(sl[t].pool);
        free(sl[t].map);
        free(sl[t].items);
        free(sl[t].end);
    }
    return rc;
}
