/*
 * evidence.c — what each trace shows about each cluster: the keys its
 * accounts co-acted on and how fast they followed one another.
 *
 * Only the clustered accounts' events are emitted again.  Each record's
 * key is mixed with its account's cluster, so one sort makes every
 * (key, cluster) a run of its own, in time order for timed traces.  In a
 * timed run, an action "follows" when another account of the cluster
 * acted on the key before it within the window; its delay is the time
 * since the latest such action.  The median of these delays is the
 * cluster's typical reaction time on the trace: seconds for a script,
 * minutes for people passing a link around.
 *
 * Relies on coord.c's emit and the radix sort.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct delays {
    uint32_t *v;
    size_t n, cap;
} delays;

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static double median(delays *d)
{
    if (d->n == 0)
        return NAN;
    qsort(d->v, d->n, sizeof *d->v, cmp_u32);
    if (d->n % 2)
        return d->v[d->n / 2];
    return ((double)d->v[d->n / 2 - 1] + d->v[d->n / 2]) / 2;
}

/* One (key, cluster) run of a timed trace, records [s, e). */
static int timed_run(const coord_rec *rec, size_t s, size_t e,
                     const int64_t *time, int64_t w, cib_trace_evidence *ev,
                     delays *dl)
{
    int64_t t1 = 0, t2 = 0; /* latest action; latest by another account */
    uint32_t a1 = UINT32_MAX;
    bool has2 = false, co = false;
    for (size_t j = s; j < e; j++) {
        int64_t tj = time[rec[j].ord];
        uint32_t aj = rec[j].account;
        bool prev = a1 != UINT32_MAX && (aj != a1 || has2);
        int64_t tp = aj != a1 ? t1 : t2;
        if (prev && (uint64_t)tj - (uint64_t)tp <= (uint64_t)w) {
            uint64_t dt = (uint64_t)tj - (uint64_t)tp;
            if (cib_grow((void **)&dl->v, &dl->cap, dl->n + 1, sizeof *dl->v))
                return CIB_ENOMEM;
            dl->v[dl->n++] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
            ev->co_actions++;
            co = true;
        }
        if (a1 != UINT32_MAX && aj != a1) {
            t2 = t1;
            has2 = true;
        }
        t1 = tj;
        a1 = aj;
    }
    ev->keys += co;
    return CIB_OK;
}

/* One (key, cluster) run of an untimed trace, sorted by account. */
static void untimed_run(const coord_rec *rec, size_t s, size_t e,
                        cib_trace_evidence *ev)
{
    for (size_t j = s + 1; j < e; j++)
        if (rec[j].account != rec[s].account) {
            ev->keys++;
            return;
        }
}

static int trace_evidence(const coord_src *src, const coord_time_order *order,
                          cib_trace t, const uint8_t *keep,
                          const uint32_t *cluster_of, uint32_t n_clusters,
                          int64_t w, cib_trace_evidence *out)
{
    coord_rec *rec = NULL;
    size_t n = 0;
    uint64_t events = 0;
    bool timed = coord_traces[t].timed;
    int rc = coord_emit(src, order, t, keep, &rec, &n, &events);
    for (size_t i = 0; rc == CIB_OK && i < n; i++)
        rec[i].key =
            coord_mix64(rec[i].key ^ coord_mix64(cluster_of[rec[i].account]));
    if (rc == CIB_OK)
        rc = coord_radix_sort(rec, n, !timed);
    delays *dl = calloc(n_clusters ? n_clusters : 1, sizeof *dl);
    if (rc == CIB_OK && dl == NULL)
        rc = CIB_ENOMEM;
    for (size_t s = 0; rc == CIB_OK && s < n;) {
        size_t e = s + 1;
        while (e < n && rec[e].key == rec[s].key)
            e++;
        uint32_t k = cluster_of[rec[s].account];
        cib_trace_evidence *ev = &out[(size_t)(k - 1) * CIB_TRACE_COUNT + t];
        if (timed)
            rc = timed_run(rec, s, e, order->time, w, ev, &dl[k - 1]);
        else
            untimed_run(rec, s, e, ev);
        s = e;
    }
    for (uint32_t k = 0; dl && k < n_clusters; k++) {
        if (rc == CIB_OK && timed)
            out[(size_t)k * CIB_TRACE_COUNT + t].median_delay_s =
                median(&dl[k]);
        free(dl[k].v);
    }
    free(dl);
    free(rec);
    return rc;
}

int cib_coord_evidence(cib_trace_evidence *out, uint32_t n_clusters,
                       const uint32_t *cluster_of, const cib_store *store,
                       const cib_norm *norm, const cib_coord_result *coord,
                       cib_error *err)
{
    size_t total = (size_t)n_clusters * CIB_TRACE_COUNT;
    for (size_t i = 0; i < total; i++)
        out[i] = (cib_trace_evidence){0, 0, NAN};
    if (n_clusters == 0)
        return CIB_OK;
    size_t na = store->accounts.n;
    uint8_t *keep = calloc(na ? na : 1, 1);
    if (keep == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    for (size_t a = 0; a < na; a++)
        keep[a] = cluster_of[a] != 0 && cluster_of[a] <= n_clusters;
    coord_src src = {store, norm};
    coord_time_order order = {0};
    int rc = coord_time_order_build(&order, &store->events);
    for (int t = 0; t < CIB_TRACE_COUNT && rc == CIB_OK; t++)
        if (coord->trace[t].ran)
            rc = trace_evidence(&src, &order, (cib_trace)t, keep, cluster_of,
                                n_clusters, coord->window.window_s, out);
    coord_time_order_free(&order, &store->events);
    free(keep);
    if (rc != CIB_OK)
        return cib_error_set(err, rc, NULL, 0,
                             "out of memory while gathering evidence");
    return CIB_OK;
}
