/*
 * json.c — report.json (CONTRACT.md "Output"), built with jansson in the
 * key order of the contract and written with indent 2.  The rhythm and
 * active objects are the rhythm stage's (cib_rhythm_json_set).
 *
 * Building a jansson tree can only fail for memory; instead of checking
 * every call, the builders below record a failure in a flag (`bad`) and
 * the caller turns it into CIB_ENOMEM once.
 */
#include "internal.h"
#include "profile.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Set o[key] = v (stealing v); a NULL v or a failed set marks *bad. */
static void put(json_t *o, const char *key, json_t *v, int *bad)
{
    if (v == NULL || o == NULL || json_object_set_new(o, key, v) != 0)
        *bad = 1;
}

static void push(json_t *a, json_t *v, int *bad)
{
    if (v == NULL || a == NULL || json_array_append_new(a, v) != 0)
        *bad = 1;
}

static json_t *jint(uint64_t v)
{
    return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX : (json_int_t)v);
}

/* A real, or null for NaN/inf (JSON has no such numbers). */
static json_t *jreal(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* A JSON string of n bytes.  Input strings are valid UTF-8 (ingest
 * rejects other rows), but a report must be written whatever the store
 * holds: invalid bytes are replaced by U+FFFD rather than failing. */
static json_t *jstrn(const char *s, size_t n)
{
    json_t *v = json_stringn(s, n);
    if (v != NULL)
        return v;
    char *buf = malloc(n * 3 + 1);
    if (buf == NULL)
        return NULL;
    size_t o = 0, i = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t len = utf8proc_iterate(
            (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
        if (len <= 0) {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(buf + o, s + i, (size_t)len);
            o += (size_t)len;
            i += (size_t)len;
        }
    }
    v = json_stringn(buf, o);
    free(buf);
    return v;
}

static json_t *jid(const cib_report_input *in, uint32_t id)
{
    size_t n;
    const char *s = cib_strings_get(in->store->strings, id, &n);
    return jstrn(s, n);
}

static json_t *jtime(int64_t t)
{
    char buf[32];
    return json_string(cib_time_iso(t, buf, sizeof buf));
}

/* ------------------------------------------------------------- sections */

static json_t *tool_json(int *bad)
{
    json_t *o = json_object();
    put(o, "name", json_string("cibscan"), bad);
    put(o, "version", json_string(CIB_VERSION), bad);
    return o;
}

static json_t *input_json(const cib_report_input *in, int *bad)
{
    json_t *o = json_object();
    json_t *files = json_array();
    for (size_t i = 0; i < in->run.n_files; i++)
        push(files, jstrn(in->run.files[i], strlen(in->run.files[i])), bad);
    put(o, "files", files, bad);
    put(o, "events", jint(in->store->events.n), bad);
    put(o, "accounts", jint(in->store->accounts.n), bad);
    put(o, "rejected_rows",
        jint(in->run.ingest ? in->run.ingest->rejected_rows : 0), bad);
    put(o, "duplicate_rows",
        jint(in->run.ingest ? in->run.ingest->duplicate_rows : 0), bad);
    json_t *formats = json_array();
    for (int f = CIB_FORMAT_ACTIVITY; f <= CIB_FORMAT_JSONL; f++)
        if (in->run.ingest && in->run.ingest->formats >> f & 1)
            push(formats, json_string(cib_format_name((cib_format)f)), bad);
    put(o, "formats", formats, bad);
    /* JSON Lines stream control messages ({"delete": ...}) passed over */
    put(o, "skipped_lines",
        jint(in->run.ingest ? in->run.ingest->skipped_lines : 0), bad);
    int64_t first, last;
    bool any = cib_store_span(in->store, &first, &last);
    put(o, "first_time", any ? jtime(first) : json_null(), bad);
    put(o, "last_time", any ? jtime(last) : json_null(), bad);
    return o;
}

/* How --window auto chose the window (coord.h cib_window_estimate). */
static json_t *window_estimate_json(const cib_window_estimate *w, int *bad)
{
    json_t *o = json_object();
    put(o, "method", json_string(
        "CooRnet estimate_coord_interval (Giglietto et al. 2020): median "
        "time to more than p of a key's actions over the q quickest keys "
        "by second action; actions are each account's first on the key, "
        "over every timed trace; at least the data's time resolution"),
        bad);
    put(o, "coornet_s", json_integer(w->coornet_s), bad);
    put(o, "resolution_s", json_integer(w->resolution_s), bad);
    put(o, "q", jreal(w->q), bad);
    put(o, "p", jreal(w->p), bad);
    put(o, "keys", jint(w->keys), bad);
    put(o, "quick_keys", jint(w->quick_keys), bad);
    put(o, "fallback", json_boolean(w->fallback), bad);
    return o;
}

/* The pair test's figures (coord.h cib_significance). */
static json_t *significance_json(const cib_significance *g, int *bad)
{
    json_t *o = json_object();
    put(o, "applied", json_boolean(g->applied), bad);
    put(o, "null", json_string(
        "independent accounts, each a draw of its own number of actions "
        "from all actions; p = 2 min of the two conditional Poisson tails, "
        "times the traces that ran (docs/coordination.md)"), bad);
    put(o, "procedure", json_string("Benjamini-Hochberg over all pairs"),
        bad);
    put(o, "fdr", jreal(g->fdr), bad);
    put(o, "accounts", jint(g->accounts), bad);
    put(o, "hypotheses", jreal(g->hypotheses), bad);
    put(o, "candidates", jint(g->candidates), bad);
    put(o, "discoveries", jint(g->discoveries), bad);
    put(o, "log10_p_cut", jreal(g->log10_p_cut), bad);
    return o;
}

static json_t *parameters_json(const cib_report_input *in,
                               const cib_summary *s, int *bad)
{
    const cib_coord_options *co = in->run.coord;
    const cib_graph_options *go = in->run.graph;
    json_t *o = json_object();
    /* the window used: estimated with --window auto */
    put(o, "window_s",
        in->coord && in->coord->window.automatic
            ? json_integer(in->coord->window.window_s)
            : co ? json_integer(co->window_s) : json_null(), bad);
    put(o, "window_auto", json_boolean(in->run.window_auto), bad);
    if (in->coord && in->coord->window.automatic)
        put(o, "window_estimate",
            window_estimate_json(&in->coord->window, bad), bad);
    put(o, "min_repeat", co ? jint(co->min_repeat) : json_null(), bad);
    put(o, "min_cluster", go ? jint(go->min_cluster) : json_null(), bad);
    json_t *traces = json_array();
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (s->traces_ran[t])
            push(traces, json_string(cib_trace_name((cib_trace)t)), bad);
    put(o, "traces", traces, bad);
    put(o, "significance", json_boolean(in->run.significance), bad);
    put(o, "publishers_set_apart", json_boolean(!in->run.keep_publishers),
        bad);
    put(o, "seed", go ? jint(go->seed) : json_null(), bad);
    put(o, "max_window_accounts",
        co ? jint(co->max_window_accounts) : json_null(), bad);
    put(o, "resolution", go ? jreal(go->resolution) : json_null(), bad);
    put(o, "fdr", co ? jreal(co->fdr) : json_null(), bad);
    put(o, "text_similarity",
        in->norm ? jreal(in->norm->stats.text_similarity) : json_null(), bad);
    json_t *wl = json_null();
    if (in->watchlist) {
        cib_watchlist_stats ws = cib_watchlist_get_stats(in->watchlist);
        wl = json_object();
        put(wl, "file", in->run.watchlist_file
                            ? jstrn(in->run.watchlist_file,
                                    strlen(in->run.watchlist_file))
                            : json_null(), bad);
        put(wl, "domains", jint(ws.domains), bad);
        put(wl, "urls", jint(ws.urls), bad);
        put(wl, "ignored", jint(ws.ignored), bad);
        put(wl, "duplicates", jint(ws.duplicates), bad);
    }
    put(o, "watchlist", wl, bad);
    return o;
}

static json_t *stats_json(const cib_report_input *in, const cib_summary *s,
                          int *bad)
{
    json_t *o = json_object();
    put(o, "pairs_kept", jint(in->coord ? in->coord->n_pairs : 0), bad);
    put(o, "clusters", jint(s->n_clusters), bad);
    put(o, "clustered_accounts", jint(s->clustered_accounts), bad);
    put(o, "modularity",
        in->clusters ? jreal(in->clusters->modularity) : json_null(), bad);
    json_t *traces = json_object();
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        cib_trace_stats z = {0};
        const cib_trace_stats *ts = in->coord ? &in->coord->trace[t] : &z;
        json_t *x = json_object();
        put(x, "ran", json_boolean(ts->ran), bad);
        put(x, "events", jint(ts->events), bad);
        put(x, "keys", jint(ts->keys), bad);
        put(x, "co_keys", jint(ts->co_keys), bad);
        put(x, "pairs", jint(ts->pairs), bad);
        put(x, "saturated_keys", jint(ts->saturated_keys), bad);
        put(traces, cib_trace_name((cib_trace)t), x, bad);
    }
    put(o, "traces", traces, bad);
    if (in->coord)
        put(o, "significance", significance_json(&in->coord->significance,
                                                 bad), bad);
    if (in->norm) {
        const cib_norm_stats *ns = &in->norm->stats;
        json_t *x = json_object();
        put(x, "distinct", jint(ns->texts), bad);
        put(x, "folded", jint(ns->folded), bad);
        put(x, "groups", jint(ns->text_groups), bad);
        put(x, "merged", jint(ns->merged), bad);
        put(x, "lsh_candidates", jint(ns->candidates), bad);
        put(x, "jaccard_checks", jint(ns->checks), bad);
        put(x, "hashtags_from_text", json_boolean(ns->tags_from_text), bad);
        put(o, "text", x, bad);
    }
    if (in->evidence && in->evidence->watchlist) {
        json_t *x = json_object();
        put(x, "shares", jint(in->evidence->watch_shares), bad);
        put(x, "accounts", jint(in->evidence->watch_accounts), bad);
        put(o, "watchlist", x, bad);
    }
    return o;
}

static json_t *assets_json(const cib_report_input *in,
                           const cib_cluster_summary *c, int *bad)
{
    json_t *o = json_object();
    for (int a = 0; a < CIB_ASSET_COUNT; a++)
        put(o, cib_asset_name((cib_asset)a), jint(c->assets[a]), bad);
    json_t *by = json_object();
    for (size_t i = 0; i < c->n_platforms; i++) {
        json_t *p = json_object();
        for (int a = 0; a < CIB_ASSET_COUNT; a++)
            put(p, cib_asset_name((cib_asset)a),
                jint(c->platforms[i].assets[a]), bad);
        put(by, cib_report_str(in, c->platforms[i].platform), p, bad);
    }
    put(o, "by_platform", by, bad);
    return o;
}

/* A trace's keys co-acted on and how fast (coord.h cib_trace_evidence),
 * added to the trace's evidence object x. */
static void co_json(json_t *x, const cib_trace_evidence *co, int *bad)
{
    put(x, "keys", jint(co->keys), bad);
    put(x, "co_actions", jint(co->co_actions), bad);
    put(x, "median_delay_s", jreal(co->median_delay_s), bad);
}

/* The domains a cluster or publisher network amplifies (graph.h
 * cib_domain_lift), most shared first. */
static json_t *domains_json(const cib_report_input *in,
                            const cib_cluster_evidence *ce, int *bad)
{
    json_t *doms = json_array();
    for (size_t i = 0; i < ce->n_domains; i++) {
        const cib_domain_lift *l = &ce->domains[i];
        json_t *d = json_object();
        put(d, "domain", jid(in, l->domain), bad);
        put(d, "shares", jint(l->shares), bad);
        put(d, "share", jreal(l->share), bad);
        put(d, "others_share", jreal(l->others_share), bad);
        put(d, "lift", jreal(l->lift), bad); /* null when others: none */
        push(doms, d, bad);
    }
    return doms;
}

static json_t *evidence_json(const cib_report_input *in,
                             const cib_summary *s,
                             const cib_cluster_summary *c, int *bad)
{
    json_t *o = json_object();
    const cib_cluster_evidence *ce =
        in->evidence && c->number <= in->evidence->n_clusters
            ? &in->evidence->clusters[c->number - 1] : NULL;
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        if (!s->traces_ran[t])
            continue;
        json_t *x = json_object();
        put(x, "pairs", jint(c->pairs.trace[t].pairs), bad);
        put(x, "total_weight", jint(c->pairs.trace[t].total_weight), bad);
        put(x, "max_weight", jint(c->pairs.trace[t].max_weight), bad);
        if (ce) /* keys co-acted on and how fast (graph.h) */
            co_json(x, &ce->trace[t].co, bad);
        put(o, cib_trace_name((cib_trace)t), x, bad);
    }
    return o;
}

/* The cluster's rhythm and active objects come from the rhythm stage's
 * JSON writer, the one writer of those keys (shared with `rhythm --json`). */
static json_t *rhythm_json(const cib_report_input *in,
                           const cib_cluster_summary *c, int *bad)
{
    cib_error err;
    json_t *o = json_object();
    if (o == NULL || cib_rhythm_json_set(o, &c->rhythm, in->tzdb, &err))
        *bad = 1;
    return o;
}

static json_t *active_json(const cib_cluster_summary *c, int *bad)
{
    cib_error err;
    json_t *o = json_object();
    if (o == NULL || cib_rhythm_active_json_set(o, &c->rhythm, &err))
        *bad = 1;
    return o;
}

/* The graph stage's parts of a cluster (graph.h cib_cluster_evidence):
 * the score's parts, the domains it amplifies, its watchlist hits. */
static void cluster_evidence_json(json_t *o, const cib_report_input *in,
                                  const cib_cluster_evidence *ce, int *bad)
{
    json_t *parts = json_object();
    put(parts, "strength", jreal(ce->strength), bad);
    put(parts, "density", jreal(ce->density), bad);
    put(parts, "cohesion", jreal(ce->cohesion), bad);
    put(parts, "median_log10_p", jreal(ce->median_log10_p), bad);
    put(o, "score_parts", parts, bad);
    put(o, "amplified_domains", domains_json(in, ce, bad), bad);
    if (!in->evidence->watchlist || in->watchlist == NULL)
        return;
    json_t *w = json_object(), *entries = json_array();
    put(w, "shares", jint(ce->watch_shares), bad);
    put(w, "accounts", jint(ce->watch_accounts), bad);
    for (size_t i = 0; i < ce->n_watch; i++) {
        json_t *x = json_object();
        const char *e = cib_watchlist_entry(in->watchlist, ce->watch[i].entry);
        put(x, "entry", jstrn(e, strlen(e)), bad);
        put(x, "shares", jint(ce->watch[i].shares), bad);
        push(entries, x, bad);
    }
    put(w, "entries", entries, bad);
    put(o, "watchlist", w, bad);
}

/* Who engages with a cluster's posts (graph.h cib_cluster_audience). */
static json_t *engagement_json(const cib_cluster_audience *a,
                               int64_t population_median, int *bad)
{
    json_t *o = json_object();
    put(o, "received", jint(a->engagement), bad);
    put(o, "from_members", jint(a->from_members), bad);
    put(o, "from_other_clusters", jint(a->from_clusters), bad);
    put(o, "from_outside", jint(a->from_outside), bad);
    put(o, "outside_engagers", jint(a->outside_engagers), bad);
    put(o, "followers_median", a->followers_median >= 0
                                   ? json_integer(a->followers_median)
                                   : json_null(), bad);
    put(o, "population_followers_median",
        population_median >= 0 ? json_integer(population_median)
                               : json_null(), bad);
    put(o, "publisher", json_boolean(a->publisher), bad);
    return o;
}

/* A publisher network set apart (graph.h): its accounts, assets, the
 * audience that set it apart and the co-action that made it a cluster. */
static json_t *publisher_json(const cib_report_input *in, uint32_t k,
                              int *bad)
{
    const cib_cluster *c = &in->publishers->clusters[k];
    const cib_accounts *acc = &in->store->accounts;
    json_t *o = json_object(), *accounts = json_array(), *assets = json_object();
    char id[16];
    snprintf(id, sizeof id, "P%u", k + 1);
    put(o, "id", json_string(id), bad);
    uint64_t n_asset[CIB_ASSET_COUNT] = {0};
    for (uint32_t i = 0; i < c->size; i++) {
        uint32_t a = c->accounts[i];
        push(accounts, jid(in, acc->id[a]), bad);
        n_asset[acc->asset[a] < CIB_ASSET_COUNT ? acc->asset[a] : 0]++;
    }
    put(o, "accounts", accounts, bad);
    put(o, "size", jint(c->size), bad);
    for (int a = 0; a < CIB_ASSET_COUNT; a++)
        put(assets, cib_asset_name((cib_asset)a), jint(n_asset[a]), bad);
    put(o, "assets", assets, bad);
    if (in->publisher_audience && k < in->publisher_audience->n_clusters)
        put(o, "engagement",
            engagement_json(&in->publisher_audience->clusters[k],
                            in->publisher_audience->population_followers_median,
                            bad), bad);
    if (in->publisher_evidence && k < in->publisher_evidence->n_clusters) {
        const cib_cluster_evidence *ce = &in->publisher_evidence->clusters[k];
        put(o, "score", jreal(ce->score), bad);
        json_t *ev = json_object();
        for (int t = 0; t < CIB_TRACE_COUNT; t++) {
            if (ce->pairs.trace[t].pairs == 0)
                continue;
            json_t *x = json_object();
            put(x, "pairs", jint(ce->pairs.trace[t].pairs), bad);
            co_json(x, &ce->trace[t].co, bad);
            put(ev, cib_trace_name((cib_trace)t), x, bad);
        }
        put(o, "evidence", ev, bad);
        put(o, "amplified_domains", domains_json(in, ce, bad), bad);
    }
    return o;
}

static json_t *cluster_json(const cib_report_input *in, const cib_summary *s,
                            const cib_cluster_summary *c, int *bad)
{
    json_t *o = json_object();
    char id[16];
    snprintf(id, sizeof id, "C%u", c->number);
    put(o, "id", json_string(id), bad);
    json_t *accounts = json_array();
    for (uint32_t i = 0; i < c->cluster->size; i++) {
        uint32_t a = c->cluster->accounts[i];
        if (a < in->store->accounts.n)
            push(accounts, jid(in, in->store->accounts.id[a]), bad);
    }
    put(o, "accounts", accounts, bad);
    put(o, "size", jint(c->cluster->size), bad);
    put(o, "assets", assets_json(in, c, bad), bad);
    put(o, "followers_total", json_integer(c->followers_total), bad);
    put(o, "events", jint(c->events), bad);
    put(o, "score", jreal(c->score), bad);
    put(o, "evidence", evidence_json(in, s, c, bad), bad);
    put(o, "rhythm", rhythm_json(in, c, bad), bad);
    put(o, "active", active_json(c, bad), bad);
    json_t *doms = json_array();
    for (size_t i = 0; i < c->n_top_domains; i++) {
        json_t *d = json_object();
        put(d, "domain", jid(in, c->top_domains[i].domain), bad);
        put(d, "shares", jint(c->top_domains[i].shares), bad);
        push(doms, d, bad);
    }
    put(o, "top_domains", doms, bad);
    /* beyond the contract */
    put(o, "followers_known", jint(c->followers_known), bad);
    put(o, "internal_pairs", jint(c->pairs.internal_pairs), bad);
    put(o, "internal_weight", jint(c->pairs.internal_weight), bad);
    put(o, "cut_weight", jint(c->pairs.cut_weight), bad);
    if (in->evidence && c->number <= in->evidence->n_clusters)
        cluster_evidence_json(o, in, &in->evidence->clusters[c->number - 1],
                              bad);
    if (in->audience && c->number <= in->audience->n_clusters)
        put(o, "engagement",
            engagement_json(&in->audience->clusters[c->number - 1],
                            in->audience->population_followers_median, bad),
            bad);
    if (s->profiles) /* audience, creation, distinctive items (profile.h) */
        put(o, "profile", cib_profile_json(s->profiles, in, c->number - 1),
            bad);
    return o;
}

int cib_report_write_json(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err)
{
    int bad = 0;
    json_t *root = json_object();
    put(root, "tool", tool_json(&bad), &bad);
    put(root, "input", input_json(in, &bad), &bad);
    put(root, "parameters", parameters_json(in, s, &bad), &bad);
    put(root, "stats", stats_json(in, s, &bad), &bad);
    json_t *clusters = json_array();
    for (uint32_t k = 0; k < s->n_clusters && !bad; k++)
        push(clusters, cluster_json(in, s, &s->clusters[k], &bad), &bad);
    put(root, "clusters", clusters, &bad);
    /* beyond the contract: coordinated, but with a real audience */
    json_t *pubs = json_array();
    for (uint32_t k = 0; in->publishers && k < in->publishers->n_clusters &&
                         !bad; k++)
        push(pubs, publisher_json(in, k, &bad), &bad);
    put(root, "publisher_networks", pubs, &bad);
    if (bad) {
        json_decref(root);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0,
                             "out of memory building report.json");
    }
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || fputc('\n', f) == EOF)
        return cib_error_set(err, CIB_EIO, NULL, 0, "write failed");
    return CIB_OK;
}
