/*
 * cmd_rhythm.c — `cibscan rhythm`: activity rhythm and time zone of groups
 * of events (everything, each account, each value of a column, or each
 * cluster of a detect run's accounts.csv).  Grouping is done here; the
 * profiles are the rhythm stage's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rhythm/rhythm.h"

static const char RHYTHM_USAGE[] =
    "usage: cibscan rhythm [options] INPUT...\n"
    "\n"
    "Hour-of-week profile, inferred time zone and working shift of groups\n"
    "of events.\n"
    "\n"
    "  --group-by all|account|COLUMN  one group for everything (default),\n"
    "                        one per account, or one per value of a column\n"
    "  --clusters FILE       one group per cluster of a detect run's\n"
    "                        accounts.csv (accounts in no cluster left out)\n"
    "  --zone NAME           profile in this IANA zone instead of inferring\n"
    "  --min-events N        leave out groups with fewer events (default 1)\n"
    "  --json                JSON {\"groups\": [...]} instead of a table\n"
    "  --format F, --map FIELD=COL,..., --strict   as for detect\n";

enum { OPT_GROUP_BY = 256, OPT_CLUSTERS, OPT_ZONE, OPT_MIN_EVENTS, OPT_JSON,
       OPT_FORMAT, OPT_MAP, OPT_STRICT, OPT_HELP };

static const struct option RHYTHM_OPTIONS[] = {
    {"group-by", required_argument, 0, OPT_GROUP_BY},
    {"clusters", required_argument, 0, OPT_CLUSTERS},
    {"zone", required_argument, 0, OPT_ZONE},
    {"min-events", required_argument, 0, OPT_MIN_EVENTS},
    {"json", no_argument, 0, OPT_JSON},
    {"format", required_argument, 0, OPT_FORMAT},
    {"map", required_argument, 0, OPT_MAP},
    {"strict", no_argument, 0, OPT_STRICT},
    {"help", no_argument, 0, OPT_HELP},
    {0, 0, 0, 0},
};

typedef enum { GROUP_ALL, GROUP_ACCOUNT, GROUP_COLUMN, GROUP_CLUSTERS } group_mode;

/* Groups of events: group_of[i] for event i (NO_GROUP: left out), and a
 * name per group. */
#define NO_GROUP UINT32_MAX
typedef struct grouping {
    uint32_t *group_of;
    char **names;
    size_t n_groups;
} grouping;

static void grouping_free(grouping *g)
{
    for (size_t i = 0; i < g->n_groups; i++)
        free(g->names[i]);
    free(g->names);
    free(g->group_of);
}

/* Dense group numbers for string ids (events.group, or cluster names),
 * first come first numbered. */
typedef struct dense_map {
    uint32_t *slot; /* by string id: group + 1, 0 none */
    size_t cap;
} dense_map;

static int group_for_string(grouping *g, dense_map *m, const cib_strings *pool,
                            uint32_t id, uint32_t *out)
{
    if (cib_grow_zeroed((void **)&m->slot, &m->cap, (size_t)id + 1,
                        sizeof *m->slot))
        return CIB_ENOMEM;
    if (m->slot[id] == 0) {
        char **names = realloc(g->names, (g->n_groups + 1) * sizeof *names);
        if (names == NULL)
            return CIB_ENOMEM;
        g->names = names;
        g->names[g->n_groups] = strdup(cib_strings_get(pool, id, NULL));
        if (g->names[g->n_groups] == NULL)
            return CIB_ENOMEM;
        m->slot[id] = (uint32_t)++g->n_groups;
    }
    *out = m->slot[id] - 1;
    return CIB_OK;
}

/* accounts.csv rows: account id -> cluster name, both interned into the
 * store's pool so events can be matched by string id. */
typedef struct cluster_reader {
    cib_store *store;
    uint32_t *cluster_of_string; /* by account string id: cluster string id */
    size_t cap;
    const char *path;
} cluster_reader;

static int cluster_row(void *ctx, const char *const *v, uint64_t line,
                       cib_error *err)
{
    cluster_reader *r = ctx;
    if (v[1][0] == '\0')
        return CIB_OK;
    uint32_t acct = cib_strings_intern(r->store->strings, v[0], strlen(v[0]));
    uint32_t cl = cib_strings_intern(r->store->strings, v[1], strlen(v[1]));
    size_t old_cap = r->cap;
    if (acct == UINT32_MAX || cl == UINT32_MAX ||
        cib_grow((void **)&r->cluster_of_string, &r->cap, (size_t)acct + 1,
                 sizeof *r->cluster_of_string))
        return cib_error_set(err, CIB_ENOMEM, r->path, line, "out of memory");
    /* new slots mean "no cluster" until a row says otherwise */
    memset(r->cluster_of_string + old_cap, 0,
           (r->cap - old_cap) * sizeof *r->cluster_of_string);
    r->cluster_of_string[acct] = cl;
    return CIB_OK;
}

static int build_groups(grouping *g, cib_store *store, group_mode mode,
                        const char *clusters_csv, cib_error *err)
{
    const cib_events *e = &store->events;
    g->group_of = malloc((e->n ? e->n : 1) * sizeof *g->group_of);
    if (g->group_of == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    dense_map map = {0};
    int rc = CIB_OK;
    if (mode == GROUP_ALL) {
        g->names = malloc(sizeof *g->names);
        if (g->names && (g->names[0] = strdup("all")) != NULL)
            g->n_groups = 1;
        else
            rc = CIB_ENOMEM;
        for (size_t i = 0; rc == CIB_OK && i < e->n; i++)
            g->group_of[i] = 0;
    } else if (mode == GROUP_ACCOUNT || mode == GROUP_COLUMN) {
        for (size_t i = 0; rc == CIB_OK && i < e->n; i++) {
            uint32_t id = mode == GROUP_ACCOUNT
                              ? store->accounts.id[e->account[i]]
                              : e->group[i];
            rc = group_for_string(g, &map, store->strings, id,
                                  &g->group_of[i]);
        }
    } else {
        static const char *const cols[] = {"account_id", "cluster_id"};
        cluster_reader r = {.store = store, .path = clusters_csv};
        rc = cib_ingest_table(clusters_csv, cols, 2, cluster_row, &r, err);
        if (rc != CIB_OK) {
            free(r.cluster_of_string);
            free(map.slot);
            return rc;
        }
        for (size_t i = 0; rc == CIB_OK && i < e->n; i++) {
            uint32_t acct = store->accounts.id[e->account[i]];
            uint32_t cl = acct < r.cap ? r.cluster_of_string[acct] : 0;
            g->group_of[i] = NO_GROUP;
            if (cl)
                rc = group_for_string(g, &map, store->strings, cl,
                                      &g->group_of[i]);
        }
        free(r.cluster_of_string);
    }
    free(map.slot);
    if (rc == CIB_ENOMEM)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    return rc;
}

/* Order of output: most events first, then by name (qsort_r context). */
typedef struct sort_ctx {
    const cib_rhythm *profiles;
    const grouping *g;
} sort_ctx;

static int by_events(const void *pa, const void *pb, void *arg)
{
    const sort_ctx *s = arg;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    uint64_t ea = s->profiles[a].events, eb = s->profiles[b].events;
    if (ea != eb)
        return ea > eb ? -1 : 1;
    return strcmp(s->g->names[a], s->g->names[b]);
}

static int print_groups(const grouping *g, const cib_store *store,
                        const cib_tzdb *db, const char *zone,
                        uint64_t min_events, bool as_json, cib_error *err)
{
    const cib_events *e = &store->events;
    cib_rhythm *profiles = calloc(g->n_groups ? g->n_groups : 1,
                                  sizeof *profiles);
    size_t *order = calloc(g->n_groups ? g->n_groups : 1, sizeof *order);
    int rc = profiles && order ? CIB_OK
                               : cib_error_set(err, CIB_ENOMEM, NULL, 0,
                                               "out of memory");
    if (rc == CIB_OK && zone == NULL) {
        rc = cib_rhythm_profile_groups(profiles, g->n_groups, e->time,
                                       g->group_of, e->n, db, err);
    } else if (rc == CIB_OK) {
        /* a named zone: one profile per group, each from its own times,
         * laid out group after group by one counting sort (a scan of all
         * events per group would cost groups x events) */
        size_t *start = calloc(g->n_groups + 1, sizeof *start);
        int64_t *times = malloc((e->n ? e->n : 1) * sizeof *times);
        if (start == NULL || times == NULL)
            rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        for (size_t i = 0; rc == CIB_OK && i < e->n; i++)
            if (g->group_of[i] < g->n_groups)
                start[g->group_of[i] + 1]++;
        for (size_t k = 0; rc == CIB_OK && k < g->n_groups; k++)
            start[k + 1] += start[k];
        for (size_t i = 0; rc == CIB_OK && i < e->n; i++)
            if (g->group_of[i] < g->n_groups)
                times[start[g->group_of[i]]++] = e->time[i];
        /* start[k] now ends group k: group k is [start[k-1], start[k]) */
        for (size_t k = 0; rc == CIB_OK && k < g->n_groups; k++) {
            size_t from = k ? start[k - 1] : 0;
            rc = cib_rhythm_profile_zone(&profiles[k], times + from,
                                         start[k] - from, db, zone, err);
        }
        free(start);
        free(times);
    }
    json_t *groups = as_json ? json_array() : NULL;
    if (rc == CIB_OK) {
        for (size_t k = 0; k < g->n_groups; k++)
            order[k] = k;
        sort_ctx ctx = {profiles, g};
        qsort_r(order, g->n_groups, sizeof *order, by_events, &ctx);
        if (!as_json)
            cib_rhythm_table_header(stdout);
    }
    for (size_t i = 0; rc == CIB_OK && i < g->n_groups; i++) {
        size_t k = order[i];
        if (profiles[k].events < min_events)
            continue;
        if (!as_json) {
            cib_rhythm_table_row(stdout, g->names[k], &profiles[k]);
            continue;
        }
        json_t *obj = json_pack("{s:s, s:I}", "group", g->names[k], "events",
                                (json_int_t)profiles[k].events);
        if (obj == NULL) {
            rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
            break;
        }
        rc = cib_rhythm_json_set(obj, &profiles[k], db, err);
        if (rc == CIB_OK)
            rc = cib_rhythm_active_json_set(obj, &profiles[k], err);
        json_array_append_new(groups, obj);
    }
    if (rc == CIB_OK && as_json) {
        json_t *root = json_pack("{s:O}", "groups", groups);
        if (json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER))
            rc = cib_error_set(err, CIB_EIO, "-", 0, "cannot write");
        else
            fputc('\n', stdout);
        json_decref(root);
    }
    json_decref(groups);
    free(profiles);
    free(order);
    return rc;
}

int cib_cmd_rhythm(int argc, char **argv)
{
    cib_ingest_options ingest;
    cib_ingest_options_init(&ingest);
    group_mode mode = GROUP_ALL;
    const char *clusters = NULL, *zone = NULL;
    char *map_spec = NULL;
    uint64_t min_events = 1;
    bool as_json = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", RHYTHM_OPTIONS, NULL)) != -1) {
        switch (c) {
        case OPT_GROUP_BY:
            if (strcmp(optarg, "all") == 0) {
                mode = GROUP_ALL;
            } else if (strcmp(optarg, "account") == 0) {
                mode = GROUP_ACCOUNT;
            } else {
                mode = GROUP_COLUMN;
                ingest.group_by = optarg;
            }
            break;
        case OPT_CLUSTERS: clusters = optarg; mode = GROUP_CLUSTERS; break;
        case OPT_ZONE: zone = optarg; break;
        case OPT_MIN_EVENTS:
            if (!cib_cli_parse_u64(optarg, UINT64_MAX, &min_events))
                return cib_cli_usage("rhythm", "--min-events: '%s' is not a "
                                     "non-negative integer", optarg);
            break;
        case OPT_JSON: as_json = true; break;
        case OPT_FORMAT:
            if (!cib_format_parse(optarg, &ingest.format))
                return cib_cli_usage("rhythm", "--format: unknown format '%s' "
                                     "(known: auto, activity, twitter-io, jsonl)",
                                     optarg);
            break;
        case OPT_MAP: map_spec = optarg; break;
        case OPT_STRICT: ingest.strict = true; break;
        case OPT_HELP: fputs(RHYTHM_USAGE, stdout); return 0;
        default:
            return cib_cli_usage("rhythm", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cib_cli_usage("rhythm", "no INPUT given");
    if (clusters && ingest.group_by)
        return cib_cli_usage("rhythm", "--clusters and --group-by COLUMN "
                             "do not go together");
    cib_error err = {0};
    if (map_spec && cib_ingest_parse_map(&ingest, map_spec, &err) != CIB_OK)
        return cib_cli_fail(&err);

    cib_store *store = cib_store_new();
    cib_tzdb *db = NULL;
    grouping g = {0};
    cib_ingest_stats stats = {0};
    int status;
    if (store == NULL) {
        cib_error_set(&err, CIB_ENOMEM, NULL, 0, "out of memory");
        status = cib_cli_fail(&err);
        goto done;
    }
    status = cib_cli_ingest(store, argv + optind, argc - optind, &ingest,
                            &stats);
    if (status)
        goto done;
    if (cib_tzdb_new(&db, NULL, &err) != CIB_OK) {
        if (zone) {
            status = cib_cli_fail(&err);
            goto done;
        }
        fprintf(stderr, "cibscan: time zones not inferred: %s\n",
                err.message);
        db = NULL;
    }
    if (zone && cib_tzdb_find(db, zone) < 0) {
        status = cib_cli_usage("rhythm", "--zone: unknown zone '%s'", zone);
        goto done;
    }
    if (build_groups(&g, store, mode, clusters, &err) != CIB_OK ||
        print_groups(&g, store, db, zone, min_events, as_json, &err) != CIB_OK)
        status = cib_cli_fail(&err);

done:
    grouping_free(&g);
    cib_tzdb_free(db);
    cib_store_free(store);
    return status;
}
