/*
 * fuzz_ingest.h — the body of the input-format targets (fuzz_activity,
 * fuzz_twitter_io, fuzz_map): read the bytes as a file of one format with
 * cib_ingest_file, check what the store then holds, and run the analysis
 * stages after ingest (normalize, coord, graph) on it.
 *
 * Properties checked: the call returns one of its documented codes; every
 * data row is counted as stored or rejected (rows = events + rejected,
 * nothing lost); the store is consistent (account indices in range, every
 * account has events and their counts add up, CSR ranges ascending,
 * string ids in the pool, times in [1970, 2100), actions known); every
 * interned string is valid UTF-8 without NUL; and the later stages accept
 * whatever ingest stored, returning pairs of distinct accounts in range.
 */
#ifndef CIB_FUZZ_INGEST_H
#define CIB_FUZZ_INGEST_H

#include <igraph.h>
#include <string.h>

#include "coord/coord.h"
#include "fuzz_util.h"
#include "graph/graph.h"
#include "ingest/ingest.h"
#include "ingest/values.h"
#include "normalize/normalize.h"
#include "store/store.h"

#define FUZZ_TIME_END INT64_C(4102444800)

static inline void fuzz_check_store(const cib_store *s, const cib_ingest_stats *st)
{
    const cib_events *e = &s->events;
    const cib_accounts *a = &s->accounts;
    uint32_t n_strings = cib_strings_count(s->strings);
    FUZZ_CHECK(st->rows == st->events + st->rejected_rows,
               "rows %llu != events %llu + rejected %llu",
               (unsigned long long)st->rows, (unsigned long long)st->events,
               (unsigned long long)st->rejected_rows);
    FUZZ_CHECK(e->n == st->events, "store holds %zu events, stats say %llu",
               e->n, (unsigned long long)st->events);
    uint64_t sum = 0;
    for (size_t i = 0; i < a->n; i++) {
        FUZZ_CHECK(a->n_events[i] > 0, "account %zu has no events", i);
        FUZZ_CHECK(a->id[i] != 0 && a->id[i] < n_strings, "bad account id");
        FUZZ_CHECK(a->asset[i] < CIB_ASSET_COUNT, "bad asset");
        sum += a->n_events[i];
    }
    FUZZ_CHECK(sum == e->n, "account event counts add to %llu, not %zu",
               (unsigned long long)sum, e->n);
    FUZZ_CHECK(e->url_begin[0] == 0 && e->tag_begin[0] == 0, "CSR start");
    for (size_t i = 0; i < e->n; i++) {
        FUZZ_CHECK(e->account[i] < a->n, "event %zu: account out of range", i);
        FUZZ_CHECK(e->time[i] >= 0 && e->time[i] < FUZZ_TIME_END,
                   "event %zu: time %lld", i, (long long)e->time[i]);
        FUZZ_CHECK(e->action[i] < CIB_ACTION_COUNT, "event %zu: action", i);
        FUZZ_CHECK(e->url_begin[i] <= e->url_begin[i + 1] &&
                       e->tag_begin[i] <= e->tag_begin[i + 1],
                   "event %zu: CSR ranges not ascending", i);
        const uint32_t ids[] = {e->post[i], e->object[i], e->text[i],
                                e->network[i], e->image[i], e->group[i]};
        for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
            FUZZ_CHECK(ids[k] < n_strings, "event %zu: string id", i);
    }
    FUZZ_CHECK(e->n == 0 || (e->url_begin[e->n] == e->n_urls &&
                             e->tag_begin[e->n] == e->n_tags),
               "CSR ends");
    for (size_t i = 0; i < e->n_urls; i++)
        FUZZ_CHECK(e->url_ids[i] != 0 && e->url_ids[i] < n_strings, "url id");
    for (size_t i = 0; i < e->n_tags; i++)
        FUZZ_CHECK(e->tag_ids[i] != 0 && e->tag_ids[i] < n_strings, "tag id");
    for (uint32_t id = 1; id < n_strings; id++) {
        size_t n;
        const char *p = cib_strings_get(s->strings, id, &n);
        FUZZ_CHECK(n > 0 && ingest_utf8_check(p, n) == UTF8_OK,
                   "string %u is empty or not UTF-8", id);
    }
}

/* As main.c does: igraph errors come back as codes, not aborts.  (Two
 * pointer stores, so it is simply done on every input.) */
static inline void fuzz_ingest_setup(void)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

/* Options that make small inputs reach every path: a wide window and
 * min_repeat 1 so pairs form, a small saturation bound so it runs too,
 * clusters from 2 accounts. */
static inline void fuzz_analysis_options(cib_coord_options *co,
                                  cib_graph_options *go)
{
    cib_coord_options_init(co);
    co->window_s = 3600;
    co->min_repeat = 1;
    co->max_window_accounts = 8;
    cib_graph_options_init(go);
    go->min_cluster = 2;
}

/* The stages after ingest, on whatever the store holds. */
static inline void fuzz_analyse(cib_store *store)
{
    cib_error err = {0};
    cib_norm norm = {0};
    cib_coord_result coord = {0};
    cib_clustering cl = {0};
    int rc = cib_norm_build(&norm, store, &err);
    FUZZ_CHECK(rc == CIB_OK, "normalize: %s", err.message);
    cib_coord_options co;
    cib_graph_options go;
    fuzz_analysis_options(&co, &go);
    rc = cib_coord_run(&coord, store, &norm, &co, &err);
    FUZZ_CHECK(rc == CIB_OK, "coord: %s", err.message);
    for (size_t p = 0; p < coord.n_pairs; p++)
        FUZZ_CHECK(coord.pairs[p].a < coord.pairs[p].b &&
                       coord.pairs[p].b < store->accounts.n,
                   "pair %zu out of order or range", p);
    rc = cib_graph_cluster(&cl, &coord, (uint32_t)store->accounts.n, &go,
                           &err);
    FUZZ_CHECK(rc == CIB_OK, "graph: %s", err.message);
    cib_clustering_free(&cl);
    cib_coord_result_free(&coord);
    cib_norm_free(&norm);
}

/* Ingest options for fuzzing: no warnings printed, limits small enough
 * that the over-limit paths run, and one or two ingest threads as the
 * caller picks (the store must not depend on it). */
static inline void fuzz_ingest_options(cib_ingest_options *opt,
                                       cib_format format, unsigned threads)
{
    cib_ingest_options_init(opt);
    opt->format = format;
    opt->threads = threads;
    opt->warn = NULL;
    opt->max_field_bytes = 4096;
    opt->max_fields = 64;
}

/* Ingest data[0..size) as `format` (with map_spec as --map when not NULL)
 * and check it. */
static inline void fuzz_ingest(const uint8_t *data, size_t size, cib_format format,
                        char *map_spec)
{
    fuzz_ingest_setup();
    cib_ingest_options opt;
    fuzz_ingest_options(&opt, format, 1 + (unsigned)(size & 1));
    cib_error err = {0};
    if (map_spec && cib_ingest_parse_map(&opt, map_spec, &err) != CIB_OK)
        return;
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return;
    cib_store *store = cib_store_new();
    FUZZ_CHECK(store != NULL, "out of memory");
    cib_ingest_stats stats = {0};
    int rc = cib_ingest_file(store, path, &opt, &stats, &err);
    close(fd);
    FUZZ_CHECK(rc == CIB_OK || rc == CIB_EINPUT || rc == CIB_EUSAGE,
               "ingest returned %d: %s", rc, err.message);
    if (rc != CIB_OK) {
        FUZZ_CHECK(err.message[0] != '\0', "error %d without a message", rc);
        /* events read before a failure stay; the counts must still hold */
        FUZZ_CHECK(store->events.n == stats.events, "events after failure");
    } else {
        fuzz_check_store(store, &stats);
        fuzz_analyse(store);
    }
    cib_store_free(store);
}

#endif
