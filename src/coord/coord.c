/*
 * coord.c — drives the traces (method and cost in coord.h; the rule, the
 * bound, the test and the cost in docs/coordination.md).
 *
 * Events are put in time order once (radix sort on time, skipped when
 * the input is already sorted); each timed trace then emits its records
 * in that order, so one stable sort by key leaves every key's run in time
 * order.  With --window auto the window is estimated first (estimate.c).
 * Traces are independent and may run on worker threads; each produces
 * its own sorted pair list and null sums, and fdr.c merges the lists in
 * pair order, so the result does not depend on the thread count.
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
    opt->window_auto = false;
    opt->significance = true;
    opt->fdr = CIB_DEFAULT_FDR;
}

int coord_time_order_build(coord_time_order *o, const cib_events *e)
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

void coord_time_order_free(coord_time_order *o, const cib_events *e)
{
    free(o->perm);
    if (o->time != e->time)
        free(o->time);
    o->perm = NULL;
    o->time = NULL;
}

int coord_emit(const coord_src *src, const coord_time_order *order,
               cib_trace t, const uint8_t *keep, coord_rec **out, size_t *n,
               uint64_t *events)
{
    const cib_events *e = &src->store->events;
    const coord_trace_def *def = &coord_traces[t];
    coord_keys keys = {0};
    coord_rec *rec = NULL;
    size_t cap = 0, k = 0;
    int rc = cib_grow((void **)&rec, &cap, e->n ? e->n : 1, sizeof *rec);
    for (size_t r = 0; rc == CIB_OK && r < e->n; r++) {
        size_t ev = def->timed && order->perm ? order->perm[r] : r;
        uint32_t account = e->account[ev];
        if (keep && !keep[account])
            continue;
        keys.n = 0;
        rc = def->emit(src, ev, &keys);
        if (rc != CIB_OK || keys.n == 0)
            continue;
        (*events)++;
        rc = cib_grow((void **)&rec, &cap, k + keys.n, sizeof *rec);
        for (size_t i = 0; rc == CIB_OK && i < keys.n; i++)
            rec[k++] = (coord_rec){keys.v[i],
                                   def->timed ? (uint32_t)r : account,
                                   account};
    }
    free(keys.v);
    if (rc != CIB_OK) {
        free(rec);
        *out = NULL;
        return rc;
    }
    *out = rec;
    *n = k;
    return CIB_OK;
}

/* What every trace run shares (read-only while threads run). */
typedef struct run_ctx {
    coord_src src;
    const cib_coord_options *opt;
    int64_t window_s; /* the window used (given or estimated) */
    coord_time_order order;
    coord_sources sources; /* the null's strata per trace (sources.c) */
    cib_trace todo[CIB_TRACE_COUNT];
    int n_todo;
    atomic_int next;
    /* per trace, written only by the thread that runs it */
    coord_pair_list list[CIB_TRACE_COUNT];
    coord_null null[CIB_TRACE_COUNT];
    coord_strata strata[CIB_TRACE_COUNT];
    cib_trace_stats stats[CIB_TRACE_COUNT];
    int rc[CIB_TRACE_COUNT];
} run_ctx;

static int run_trace(run_ctx *c, cib_trace t)
{
    cib_trace_stats *st = &c->stats[t];
    coord_rec *rec = NULL;
    size_t n = 0;
    int rc = coord_emit(&c->src, &c->order, t, NULL, &rec, &n, &st->events);
    if (rc != CIB_OK || n == 0) {
        free(rec);
        return rc;
    }
    st->ran = true;
    bool timed = coord_traces[t].timed;
    size_t na = c->src.store->accounts.n;
    coord_null *null = &c->null[t];
    null->d = calloc(na ? na : 1, sizeof *null->d);
    null->c = calloc(na ? na : 1, sizeof *null->c);
    coord_pairs pairs = {0};
    rc = null->d && null->c ? CIB_OK : CIB_ENOMEM;
    /* the object trace's null is kept per author of the target post, the
     * url trace's per domain of the link (strata.c), when known */
    const uint32_t *stratum_of = t == CIB_TRACE_OBJECT ? c->sources.author_of
                                 : t == CIB_TRACE_URL  ? c->sources.domain_of
                                                       : NULL;
    const coord_key_map *stratum_map =
        t == CIB_TRACE_TEXT && c->sources.text.n ? &c->sources.text : NULL;
    uint64_t n_sources = t == CIB_TRACE_OBJECT ? (uint64_t)na
                                               : c->sources.n_domains;
    bool stratified = stratum_of != NULL || stratum_map != NULL;
    if (rc == CIB_OK && stratified) {
        rc = coord_strata_init(&c->strata[t], (uint32_t)na,
                               (n_sources + 1) * COORD_DELAY_CLASSES);
        null->strata = rc == CIB_OK ? &c->strata[t] : NULL;
    }
    if (rc == CIB_OK)
        rc = coord_radix_sort(rec, n, !timed);
    if (rc == CIB_OK)
        rc = coord_pairs_init(&pairs);
    if (rc == CIB_OK) {
        coord_sweep_in in = {rec, n, timed ? c->order.time : NULL,
                             c->window_s, c->opt->max_window_accounts,
                             stratum_of, stratum_map};
        rc = coord_sweep(&in, &pairs, null, st);
    }
    if (rc == CIB_OK && null->strata) {
        /* actions on keys without a source of their own are draws from
         * all of the trace's actions, as in the unstratified null: the
         * rest left over by the sources would be a small stratum that a
         * farm's own sites and copies can fill, measuring it against
         * itself */
        null->strata->m[0] = null->m;
        rc = coord_strata_finish(null->strata);
    }
    free(rec);
    if (rc == CIB_OK)
        rc = coord_pairs_extract(&pairs, &c->list[t]);
    coord_pairs_free(&pairs);
    st->candidates = c->list[t].n;
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

int cib_coord_run(cib_coord_result *out, const cib_store *store,
                  const cib_norm *norm, const cib_coord_options *opt,
                  cib_error *err)
{
    memset(out, 0, sizeof *out);
    if (opt->window_s < 0 || opt->min_repeat < 1)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "coordination window must be >= 0 and "
                             "min-repeat >= 1");
    if (!(opt->fdr > 0 && opt->fdr < 1))
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "false discovery rate %g is not in (0, 1)",
                             opt->fdr);
    run_ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    c->src = (coord_src){store, norm};
    c->opt = opt;
    c->window_s = opt->window_s;
    atomic_init(&c->next, 0);
    bool any_timed = false;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (opt->traces[t]) {
            c->todo[c->n_todo++] = (cib_trace)t;
            any_timed |= coord_traces[t].timed;
        }
    int rc = CIB_OK;
    if (any_timed)
        rc = coord_time_order_build(&c->order, &store->events);
    if (rc == CIB_OK)
        rc = coord_sources_build(&c->sources, store, norm, opt->traces);
    out->window.window_s = opt->window_s;
    if (rc == CIB_OK && opt->window_auto) {
        rc = coord_estimate_window(&c->src, &c->order, opt, &out->window);
        c->window_s = out->window.window_s;
    }
    if (rc == CIB_OK)
        rc = run_all(c, opt->threads ? opt->threads : 1);
    bool ran[CIB_TRACE_COUNT];
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        ran[t] = c->stats[t].ran;
    coord_merge_in min = {c->list, c->null, ran,
                          (uint32_t)store->accounts.n, opt};
    if (rc == CIB_OK)
        rc = coord_merge(out, &min);
    memcpy(out->trace, c->stats, sizeof out->trace);
    coord_time_order_free(&c->order, &store->events);
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        free(c->list[t].rec);
        free(c->null[t].d);
        free(c->null[t].c);
        coord_strata_free(&c->strata[t]);
    }
    coord_sources_free(&c->sources);
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
