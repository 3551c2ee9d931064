/*
 * coord.c — drives the traces and fuses their pairs (method and cost in
 * coord.h; the rule, the bound and the cost in docs/coordination.md).
 *
 * Events are put in time order once (radix sort on time, skipped when
 * the input is already sorted); each timed trace then emits its records
 * in that order, so one stable sort by key leaves every key's run in time
 * order.  Traces are independent and may run on worker threads; each
 * produces its own sorted pair list and the lists are merged in trace
 * order, so the result does not depend on the thread count.
 */
#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

void cib_coord_options_init(cib_coord_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->window_s = 60;
    opt->min_repeat = 2;
    opt->max_window_accounts = 2000;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        opt->traces[t] = true;
    opt->threads = 1;
}

/* Events in time order: perm[r] is the event of rank r, time[r] its
 * time; perm is NULL when the store is already in time order. */
typedef struct time_order {
    uint32_t *perm;
    int64_t *time;
} time_order;

static int time_order_build(time_order *o, const cib_events *e)
{
    o->perm = NULL;
    o->time = NULL;
    bool sorted = true;
    for (size_t i = 1; i < e->n && sorted; i++)
        sorted = e->time[i - 1] <= e->time[i];
    if (sorted) {
        o->time = e->time; /* borrowed, not freed */
        return CIB_OK;
    }
    coord_rec *rec = malloc(e->n * sizeof *rec);
    o->perm = malloc(e->n * sizeof *o->perm);
    o->time = malloc(e->n * sizeof *o->time);
    if (rec == NULL || o->perm == NULL || o->time == NULL) {
        free(rec);
        return CIB_ENOMEM;
    }
    /* flipping the sign bit orders int64 as uint64 */
    for (size_t i = 0; i < e->n; i++)
        rec[i] = (coord_rec){(uint64_t)e->time[i] ^ (UINT64_C(1) << 63),
                             (uint32_t)i, 0};
    if (coord_radix_sort(rec, e->n, false)) {
        free(rec);
        return CIB_ENOMEM;
    }
    for (size_t r = 0; r < e->n; r++) {
        o->perm[r] = rec[r].ord;
        o->time[r] = e->time[rec[r].ord];
    }
    free(rec);
    return CIB_OK;
}

static void time_order_free(time_order *o, const cib_events *e)
{
    free(o->perm);
    if (o->time != e->time)
        free(o->time);
}

/* What every trace run shares (read-only while threads run). */
typedef struct run_ctx {
    coord_src src;
    const cib_coord_options *opt;
    time_order order;
    cib_trace todo[CIB_TRACE_COUNT];
    int n_todo;
    atomic_int next;
    /* per trace, written only by the thread that runs it */
    coord_pair_list list[CIB_TRACE_COUNT];
    cib_trace_stats stats[CIB_TRACE_COUNT];
    int rc[CIB_TRACE_COUNT];
} run_ctx;

/* Records of trace t: (key, rank, account) in rank order for timed
 * traces, (key, account, account) for untimed ones. */
static int emit_records(run_ctx *c, cib_trace t, coord_rec **out, size_t *n,
                        cib_trace_stats *st)
{
    const cib_events *e = &c->src.store->events;
    const coord_trace_def *def = &coord_traces[t];
    coord_keys keys = {0};
    coord_rec *rec = NULL;
    size_t cap = 0, k = 0;
    int rc = cib_grow((void **)&rec, &cap, e->n ? e->n : 1, sizeof *rec);
    for (size_t r = 0; rc == CIB_OK && r < e->n; r++) {
        size_t ev = def->timed && c->order.perm ? c->order.perm[r] : r;
        keys.n = 0;
        rc = def->emit(&c->src, ev, &keys);
        if (rc != CIB_OK || keys.n == 0)
            continue;
        st->events++;
        rc = cib_grow((void **)&rec, &cap, k + keys.n, sizeof *rec);
        uint32_t account = e->account[ev];
        for (size_t i = 0; rc == CIB_OK && i < keys.n; i++)
            rec[k++] = (coord_rec){keys.v[i],
                                   def->timed ? (uint32_t)r : account,
                                   account};
    }
    free(keys.v);
    if (rc != CIB_OK) {
        free(rec);
        return rc;
    }
    *out = rec;
    *n = k;
    return CIB_OK;
}

static int run_trace(run_ctx *c, cib_trace t)
{
    cib_trace_stats *st = &c->stats[t];
    coord_rec *rec = NULL;
    size_t n = 0;
    int rc = emit_records(c, t, &rec, &n, st);
    if (rc != CIB_OK || n == 0) {
        free(rec);
        return rc;
    }
    st->ran = true;
    bool timed = coord_traces[t].timed;
    coord_pairs pairs = {0};
    rc = coord_radix_sort(rec, n, !timed);
    if (rc == CIB_OK)
        rc = coord_pairs_init(&pairs);
    if (rc == CIB_OK) {
        coord_sweep_in in = {rec, n, timed ? c->order.time : NULL,
                             c->opt->window_s, c->opt->max_window_accounts};
        rc = coord_sweep(&in, &pairs, st);
    }
    free(rec);
    if (rc == CIB_OK)
        rc = coord_pairs_extract(&pairs, &c->list[t]);
    coord_pairs_free(&pairs);
    for (size_t i = 0; rc == CIB_OK && i < c->list[t].n; i++)
        if (c->list[t].rec[i].ord >= c->opt->min_repeat)
            st->pairs++;
    return rc;
}

static void *worker(void *arg)
{
    run_ctx *c = arg;
    for (;;) {
        int i = atomic_fetch_add(&c->next, 1);
        if (i >= c->n_todo)
            return NULL;
        c->rc[c->todo[i]] = run_trace(c, c->todo[i]);
    }
}

/* Run the traces on min(threads, traces) threads (this one included). */
static int run_all(run_ctx *c, unsigned threads)
{
    pthread_t tid[CIB_TRACE_COUNT];
    unsigned extra = threads > (unsigned)c->n_todo ? (unsigned)c->n_todo
                                                   : threads;
    extra = extra ? extra - 1 : 0;
    unsigned started = 0;
    for (; started < extra; started++)
        if (pthread_create(&tid[started], NULL, worker, c) != 0)
            break; /* fewer threads: the rest is done here */
    worker(c);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    for (int i = 0; i < c->n_todo; i++)
        if (c->rc[c->todo[i]] != CIB_OK)
            return c->rc[c->todo[i]];
    return CIB_OK;
}

/* Merge the traces' sorted lists: a pair is kept when some trace gives
 * it weight >= min_repeat; its other traces' weights are reported too. */
static int merge(cib_coord_result *out, const run_ctx *c)
{
    size_t pos[CIB_TRACE_COUNT] = {0}, cap = 0;
    for (;;) {
        uint64_t next = UINT64_MAX;
        bool any = false;
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            if (pos[t] < c->list[t].n && c->list[t].rec[pos[t]].key <= next) {
                next = c->list[t].rec[pos[t]].key;
                any = true;
            }
        if (!any)
            return CIB_OK;
        cib_pair p = {.a = (uint32_t)(next >> 32), .b = (uint32_t)next};
        bool keep = false;
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            if (pos[t] < c->list[t].n && c->list[t].rec[pos[t]].key == next) {
                p.weight[t] = c->list[t].rec[pos[t]++].ord;
                p.total += p.weight[t];
                keep |= p.weight[t] >= c->opt->min_repeat;
            }
        if (!keep)
            continue;
        if (cib_grow((void **)&out->pairs, &cap, out->n_pairs + 1,
                     sizeof *out->pairs))
            return CIB_ENOMEM;
        out->pairs[out->n_pairs++] = p;
    }
}

int cib_coord_run(cib_coord_result *out, const cib_store *store,
                  const cib_norm *norm, const cib_coord_options *opt,
                  cib_error *err)
{
    memset(out, 0, sizeof *out);
    if (opt->window_s < 0 || opt->min_repeat < 1)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "coordination window must be >= 0 and "
                             "min-repeat >= 1");
    run_ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    c->src = (coord_src){store, norm};
    c->opt = opt;
    atomic_init(&c->next, 0);
    bool any_timed = false;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (opt->traces[t]) {
            c->todo[c->n_todo++] = (cib_trace)t;
            any_timed |= coord_traces[t].timed;
        }
    int rc = CIB_OK;
    if (any_timed)
        rc = time_order_build(&c->order, &store->events);
    if (rc == CIB_OK)
        rc = run_all(c, opt->threads ? opt->threads : 1);
    if (rc == CIB_OK)
        rc = merge(out, c);
    memcpy(out->trace, c->stats, sizeof out->trace);
    time_order_free(&c->order, &store->events);
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        free(c->list[t].rec);
    free(c);
    if (rc != CIB_OK) {
        cib_coord_result_free(out);
        return cib_error_set(err, rc, NULL, 0,
                             "out of memory while counting co-actions");
    }
    return CIB_OK;
}

void cib_coord_result_free(cib_coord_result *r)
{
    if (r == NULL)
        return;
    free(r->pairs);
    memset(r, 0, sizeof *r);
}
