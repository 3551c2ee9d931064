/*
 * cmd_detect.c — `cibscan detect`: ingest -> normalize -> coord -> graph ->
 * report.  Every input is read before anything is written, so bad input
 * leaves no output folder behind.
 */
#include <errno.h>
#include <sys/stat.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "coord/coord.h"
#include "graph/graph.h"
#include "normalize/normalize.h"
#include "report/report.h"
#include "rhythm/rhythm.h"

static const char DETECT_USAGE[] =
    "usage: cibscan detect [options] INPUT...\n"
    "\n"
    "Find accounts that act together and write a report.  INPUT is a CSV\n"
    "or JSON Lines file (plain, .gz or .zst) or - for standard input.\n"
    "\n"
    "  --out DIR             output folder (default ./cibscan-out)\n"
    "  --format F            auto|activity|twitter-io|jsonl (default auto)\n"
    "  --map FIELD=COL,...   read any CSV: which column holds which field\n"
    "  --window SECONDS|auto coordination window W (default 60); auto:\n"
    "                        estimated from the data (CooRnet's rule)\n"
    "  --min-repeat N        keep pairs that co-acted on >= N keys (default 2)\n"
    "  --min-cluster N       smallest cluster reported (default 3)\n"
    "  --traces LIST         url,object,text,hashtag,network,image\n"
    "                        (default: every trace the input has)\n"
    "  --max-window-accounts N  events of one key inside one window above\n"
    "                        which the key is left out (default 2000)\n"
    "  --no-significance     keep every pair meeting the window and repeat\n"
    "                        rule (the plain co-action count)\n"
    "  --fdr Q               false discovery rate of the pair test\n"
    "                        (default 0.05)\n"
    "  --text-similarity J   near-duplicate text threshold, Jaccard of\n"
    "                        word bigrams (default 0.5)\n"
    "  --keep-publishers     count publisher networks (coordinated pages\n"
    "                        with a real audience) as clusters instead of\n"
    "                        setting them apart\n"
    "  --watchlist FILE      domains or URLs to flag (one per line, or the\n"
    "                        indicator column of a CSV; [.] accepted)\n"
    "  --threads N           worker threads (default: all cores)\n"
    "  --seed N              seed of the community detection (default 1)\n"
    "  --strict              the first unreadable row is an error\n"
    "  --max-events N        stop with exit 3 past N events (default 2e9)\n"
    "  --max-accounts N      stop with exit 3 past N accounts (default 1e9)\n"
    "  --quiet               no tally on stdout\n"
    "  --profile             wall time and peak memory of each stage on\n"
    "                        stderr (also CIBSCAN_TIMING=1)\n";

typedef struct detect_args {
    const char *out_dir;
    char *map_spec;
    cib_ingest_options ingest;
    cib_coord_options coord;
    cib_graph_options graph;
    bool window_auto;
    bool significance;
    bool keep_publishers;    /* --keep-publishers */
    bool traces_given;       /* --traces named the traces */
    double text_similarity;
    const char *watchlist;
    bool quiet;
    bool profile;
    uint64_t max_events, max_accounts; /* 0: the store's defaults */
} detect_args;

enum {
    OPT_OUT = 256, OPT_FORMAT, OPT_MAP, OPT_WINDOW, OPT_MIN_REPEAT,
    OPT_MIN_CLUSTER, OPT_TRACES, OPT_NO_SIG, OPT_THREADS, OPT_SEED,
    OPT_STRICT, OPT_QUIET, OPT_MAX_WINDOW, OPT_PROFILE, OPT_MAX_EVENTS,
    OPT_MAX_ACCOUNTS, OPT_FDR, OPT_TEXT_SIM, OPT_WATCHLIST, OPT_KEEP_PUB, OPT_HELP
};

static const struct option DETECT_OPTIONS[] = {
    {"out", required_argument, 0, OPT_OUT},
    {"format", required_argument, 0, OPT_FORMAT},
    {"map", required_argument, 0, OPT_MAP},
    {"window", required_argument, 0, OPT_WINDOW},
    {"min-repeat", required_argument, 0, OPT_MIN_REPEAT},
    {"min-cluster", required_argument, 0, OPT_MIN_CLUSTER},
    {"traces", required_argument, 0, OPT_TRACES},
    {"max-window-accounts", required_argument, 0, OPT_MAX_WINDOW},
    {"no-significance", no_argument, 0, OPT_NO_SIG},
    {"threads", required_argument, 0, OPT_THREADS},
    {"seed", required_argument, 0, OPT_SEED},
    {"strict", no_argument, 0, OPT_STRICT},
    {"quiet", no_argument, 0, OPT_QUIET},
    {"profile", no_argument, 0, OPT_PROFILE},
    {"max-events", required_argument, 0, OPT_MAX_EVENTS},
    {"max-accounts", required_argument, 0, OPT_MAX_ACCOUNTS},
    {"fdr", required_argument, 0, OPT_FDR},
    {"text-similarity", required_argument, 0, OPT_TEXT_SIM},
    {"watchlist", required_argument, 0, OPT_WATCHLIST},
    {"keep-publishers", no_argument, 0, OPT_KEEP_PUB},
    {"help", no_argument, 0, OPT_HELP},
    {0, 0, 0, 0},
};

/* Parse "url,text" into the enabled-trace flags. */
static int parse_traces(const char *list, bool traces[CIB_TRACE_COUNT])
{
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        traces[t] = false;
    const char *p = list;
    if (*p == '\0')
        return cib_cli_usage("detect", "--traces: the list is empty (known: "
                             "url, object, text, hashtag, network, image)");
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        cib_trace t;
        if (!cib_trace_parse(p, n, &t))
            return cib_cli_usage("detect", "--traces: unknown trace '%.*s' "
                                 "(known: url, object, text, hashtag, "
                                 "network, image)", (int)n, p);
        traces[t] = true;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* --profile (or CIBSCAN_TIMING=1): after each stage, its wall time and
 * the process's peak resident memory so far (getrusage ru_maxrss) on
 * stderr, one line "cibscan: profile: STAGE SECONDS s peak-rss MIB MiB"
 * (issue 7; bench/run.sh reads these lines). */
typedef struct stage_clock {
    bool on;
    double t0, start;
} stage_clock;

static double wall_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void clock_start(stage_clock *c, bool on)
{
    const char *env = getenv("CIBSCAN_TIMING");
    c->on = on || (env && strcmp(env, "1") == 0);
    c->t0 = c->start = wall_s();
}

static void clock_stage(stage_clock *c, const char *stage)
{
    if (!c->on)
        return;
    struct rusage ru;
    double t = wall_s(), mib = 0;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        mib = (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
    fprintf(stderr, "cibscan: profile: %-9s %8.3f s peak-rss %8.1f MiB\n",
            stage, t - c->start, mib);
    c->start = t;
}

/* Print a stage's failure; a bare "out of memory" gets the stage's name,
 * so that the user learns what ran out (exit 3, CONTRACT.md). */
static int stage_fail(cib_error *err, const char *stage)
{
    if (err->code == CIB_ENOMEM && strcmp(err->message, "out of memory") == 0)
        snprintf(err->message, sizeof err->message, "out of memory while %s",
                 stage);
    return cib_cli_fail(err);
}

/* Say what the run is doing on stderr when it is a terminal (CONTRACT.md:
 * long work shows progress); quiet otherwise, so logs and pipes stay
 * clean. */
static void progress(const detect_args *a, const char *what)
{
    if (!a->quiet && isatty(STDERR_FILENO))
        fprintf(stderr, "cibscan: %s ...\n", what);
}

/* Fail early, before a long analysis, when the output folder cannot be
 * written: it exists and is no folder or not writable, or the nearest
 * folder that exists above it is not writable. */
static int check_out_dir(const char *path, cib_error *err)
{
    if (path[0] == '\0')
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "--out: the output folder name is empty");
    char probe[4096];
    snprintf(probe, sizeof probe, "%s", path);
    struct stat st;
    for (;;) {
        if (stat(probe, &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                return cib_error_set(err, CIB_EIO, probe, 0,
                                     "exists and is not a folder; cannot "
                                     "write the report there");
            if (access(probe, W_OK | X_OK) != 0)
                return cib_error_set(err, CIB_EIO, probe, 0,
                                     "folder is not writable: %s",
                                     strerror(errno));
            return CIB_OK;
        }
        char *slash = strrchr(probe, '/');
        if (slash == NULL) {
            snprintf(probe, sizeof probe, ".");
        } else if (slash == probe) {
            probe[1] = '\0';
        } else {
            *slash = '\0';
        }
    }
}

/* A number in (0, 1] ("0.05", "5e-2"); false when s is not one. */
static bool parse_fraction(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v > 0 && v <= 1))
        return false;
    *out = v;
    return true;
}

/* A trace the user asked for that found nothing to read, and keys left
 * out as saturated, are said on stderr: otherwise "no clusters found" could
 * be read as "no coordination". */
static void warn_traces(const detect_args *a, const cib_coord_result *coord)
{
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        const cib_trace_stats *ts = &coord->trace[t];
        const char *name = cib_trace_name((cib_trace)t);
        if (a->traces_given && a->coord.traces[t] && !ts->ran)
            fprintf(stderr, "cibscan: trace '%s' was asked for, but no event "
                    "of the input has a value for it\n", name);
        if (ts->saturated_keys)
            fprintf(stderr, "cibscan: trace '%s': %llu key%s had more than "
                    "%u events inside one window and %s left out of the pair "
                    "count (stats.traces.%s.saturated_keys)\n", name,
                    (unsigned long long)ts->saturated_keys,
                    ts->saturated_keys == 1 ? "" : "s",
                    a->coord.max_window_accounts,
                    ts->saturated_keys == 1 ? "was" : "were", name);
    }
}

/* Fill *a from argv; returns -1 to go on, or an exit status to stop with. */
static int parse_detect_args(detect_args *a, int argc, char **argv)
{
    a->out_dir = "cibscan-out";
    cib_ingest_options_init(&a->ingest);
    cib_coord_options_init(&a->coord);
    cib_graph_options_init(&a->graph);
    a->significance = true;
    a->text_similarity = CIB_TEXT_SIMILARITY;
    /* --threads' default, all cores, for the stages after ingest too (their
     * results do not depend on the thread count) */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    a->coord.threads = cores > 1 ? (unsigned)(cores > 64 ? 64 : cores) : 1;
    uint64_t v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", DETECT_OPTIONS, NULL)) != -1) {
        switch (c) {
        case OPT_OUT: a->out_dir = optarg; break;
        case OPT_FORMAT:
            if (!cib_format_parse(optarg, &a->ingest.format))
                return cib_cli_usage("detect", "--format: unknown format '%s' "
                                     "(known: auto, activity, twitter-io, jsonl)",
                                     optarg);
            break;
        case OPT_MAP: a->map_spec = optarg; break;
        case OPT_WINDOW:
            if (strcmp(optarg, "auto") == 0) {
                a->window_auto = true;
            } else if (cib_cli_parse_u64(optarg, 365ull * 86400, &v)) {
                a->coord.window_s = (int64_t)v;
                a->window_auto = false;
            } else {
                return cib_cli_usage("detect", "--window: '%s' is not 'auto' "
                                     "or a number of seconds from 0 to "
                                     "31536000 (one year)", optarg);
            }
            break;
        case OPT_MIN_REPEAT:
            if (!cib_cli_parse_u64(optarg, UINT32_MAX, &v) || v == 0)
                return cib_cli_usage("detect", "--min-repeat: '%s' is not a "
                                     "positive integer", optarg);
            a->coord.min_repeat = (uint32_t)v;
            break;
        case OPT_MIN_CLUSTER:
            if (!cib_cli_parse_u64(optarg, UINT32_MAX, &v) || v < 2)
                return cib_cli_usage("detect", "--min-cluster: '%s' is not an "
                                     "integer >= 2", optarg);
            a->graph.min_cluster = (uint32_t)v;
            break;
        case OPT_TRACES: {
            a->traces_given = true;
            int rc = parse_traces(optarg, a->coord.traces);
            if (rc)
                return rc;
            break;
        }
        case OPT_MAX_WINDOW:
            if (!cib_cli_parse_u64(optarg, UINT32_MAX, &v) || v < 2)
                return cib_cli_usage("detect", "--max-window-accounts: '%s' "
                                     "is not an integer >= 2", optarg);
            a->coord.max_window_accounts = (uint32_t)v;
            break;
        case OPT_NO_SIG: a->significance = false; break;
        case OPT_KEEP_PUB: a->keep_publishers = true; break;
        case OPT_FDR:
            if (!parse_fraction(optarg, &a->coord.fdr) || a->coord.fdr >= 1)
                return cib_cli_usage("detect", "--fdr: '%s' is not a number "
                                     "between 0 and 1", optarg);
            break;
        case OPT_TEXT_SIM:
            if (!parse_fraction(optarg, &a->text_similarity))
                return cib_cli_usage("detect", "--text-similarity: '%s' is "
                                     "not a number in (0, 1]", optarg);
            break;
        case OPT_WATCHLIST: a->watchlist = optarg; break;
        case OPT_THREADS:
            if (!cib_cli_parse_u64(optarg, 1024, &v) || v == 0)
                return cib_cli_usage("detect", "--threads: '%s' is not an "
                                     "integer from 1 to 1024", optarg);
            a->coord.threads = (unsigned)v;
            a->ingest.threads = (unsigned)v;
            break;
        case OPT_SEED:
            if (!cib_cli_parse_u64(optarg, UINT64_MAX, &v))
                return cib_cli_usage("detect", "--seed: '%s' is not a "
                                     "non-negative integer", optarg);
            a->graph.seed = v;
            break;
        case OPT_STRICT: a->ingest.strict = true; break;
        case OPT_MAX_EVENTS:
            if (!cib_cli_parse_u64(optarg, CIB_DEFAULT_MAX_EVENTS, &v) || !v)
                return cib_cli_usage("detect", "--max-events: '%s' is not an "
                                     "integer from 1 to %llu", optarg,
                                     (unsigned long long)CIB_DEFAULT_MAX_EVENTS);
            a->max_events = v;
            break;
        case OPT_MAX_ACCOUNTS:
            if (!cib_cli_parse_u64(optarg, CIB_DEFAULT_MAX_ACCOUNTS, &v) || !v)
                return cib_cli_usage("detect", "--max-accounts: '%s' is not "
                                     "an integer from 1 to %llu", optarg,
                                     (unsigned long long)CIB_DEFAULT_MAX_ACCOUNTS);
            a->max_accounts = v;
            break;
        case OPT_QUIET: a->quiet = true; break;
        case OPT_PROFILE: a->profile = true; break;
        case OPT_HELP: fputs(DETECT_USAGE, stdout); return 0;
        default:
            return cib_cli_usage("detect", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cib_cli_usage("detect", "no INPUT given");
    if (a->map_spec) {
        cib_error err = {0};
        if (cib_ingest_parse_map(&a->ingest, a->map_spec, &err) != CIB_OK)
            return cib_cli_fail(&err);
    }
    a->coord.window_auto = a->window_auto;
    a->coord.significance = a->significance;
    return -1;
}

/* Measure each cluster's audience and, unless keep is set, move the
 * publisher networks (graph.h) out of `clusters` into `publishers`. */
static int set_apart_publishers(cib_clustering *clusters,
                                cib_clustering *publishers,
                                cib_audience_set *audience,
                                cib_audience_set *pub_audience,
                                const cib_store *store, bool keep,
                                cib_error *err)
{
    int rc = cib_graph_audience(audience, clusters, store, err);
    if (rc != CIB_OK || keep)
        return rc;
    bool *apart = calloc(clusters->n_clusters ? clusters->n_clusters : 1,
                         sizeof *apart);
    if (apart == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    for (uint32_t k = 0; k < clusters->n_clusters; k++)
        apart[k] = audience->clusters[k].publisher;
    rc = cib_clustering_split(clusters, apart, publishers, audience,
                              pub_audience, err);
    free(apart);
    return rc;
}

int cib_cmd_detect(int argc, char **argv)
{
    detect_args a = {0};
    int status = parse_detect_args(&a, argc, argv);
    if (status >= 0)
        return status;

    cib_store *store = cib_store_new();
    cib_norm norm = {0};
    cib_coord_result coord = {0};
    cib_clustering clusters = {0};
    cib_tzdb *tzdb = NULL;
    cib_watchlist *watchlist = NULL;
    cib_evidence_set evidence = {0};
    cib_audience_set audience = {0}, pub_audience = {0};
    cib_clustering publishers = {0};
    cib_evidence_set pub_evidence = {0};
    cib_ingest_stats stats = {0};
    cib_error err = {0};
    stage_clock clock;
    clock_start(&clock, a.profile);
    if (store == NULL) {
        cib_error_set(&err, CIB_ENOMEM, NULL, 0, "out of memory");
        status = cib_cli_fail(&err);
        goto done;
    }
    store->max_events = a.max_events;
    store->max_accounts = a.max_accounts;
    /* an unwritable output folder or a bad watchlist fails before the
     * (long) input is read */
    if (check_out_dir(a.out_dir, &err) != CIB_OK) {
        status = cib_cli_fail(&err);
        goto done;
    }
    if (a.watchlist &&
        cib_watchlist_load(&watchlist, a.watchlist, &err) != CIB_OK) {
        status = cib_cli_fail(&err);
        goto done;
    }

    progress(&a, "reading the input");
    status = cib_cli_ingest(store, argv + optind, argc - optind, &a.ingest,
                            &stats);
    if (status)
        goto done;
    clock_stage(&clock, "ingest");
    if (store->events.n == 0)
        fprintf(stderr, "cibscan: the input holds no events\n");
    /* a release holds only the accounts a platform took down: the pair
     * test then measures suspects against each other */
    if (a.significance && !a.quiet &&
        stats.formats >> CIB_FORMAT_TWITTER_IO & 1)
        fprintf(stderr,
                "cibscan: note: an information-operation release holds only "
                "the accounts taken down, so the pair test measures them "
                "against each other and a campaign that is much of the "
                "file is its own crowd; --no-significance maps who acts "
                "with whom (docs/usage.md, \"Files of suspects only\")\n");

    const char *stage = "normalising keys";
    progress(&a, stage);
    cib_norm_options nopt;
    cib_norm_options_init(&nopt);
    nopt.threads = a.coord.threads;
    nopt.text_similarity = a.text_similarity;
    /* hashtags are read from the text only when --traces asks for them:
     * by default a trace runs when the input has its column */
    nopt.tags_from_text = a.traces_given && a.coord.traces[CIB_TRACE_HASHTAG];
    int rc = cib_norm_build_with(&norm, store, &nopt, &err);
    clock_stage(&clock, "normalize");
    if (rc == CIB_OK) {
        stage = "counting co-actions";
        progress(&a, stage);
        rc = cib_coord_run(&coord, store, &norm, &a.coord, &err);
        clock_stage(&clock, "coord");
    }
    if (rc == CIB_OK) {
        stage = "clustering the account graph";
        progress(&a, stage);
        rc = cib_graph_cluster(&clusters, &coord, (uint32_t)store->accounts.n,
                               &a.graph, &err);
        if (rc == CIB_OK)
            rc = set_apart_publishers(&clusters, &publishers, &audience,
                                      &pub_audience, store, a.keep_publishers,
                                      &err);
        if (rc == CIB_OK)
            rc = cib_graph_evidence(&evidence, &clusters, &coord, store, &norm,
                                    watchlist, &err);
        if (rc == CIB_OK && publishers.n_clusters)
            rc = cib_graph_evidence(&pub_evidence, &publishers, &coord, store,
                                    &norm, NULL, &err);
        clock_stage(&clock, "graph");
    }
    if (rc != CIB_OK) {
        status = stage_fail(&err, stage);
        goto done;
    }
    warn_traces(&a, &coord);
    /* Without a zone database the report still holds every UTC figure;
     * only the zone inference is left out, and we say so. */
    if (cib_tzdb_new(&tzdb, NULL, &err) != CIB_OK) {
        fprintf(stderr, "cibscan: time zones not inferred: %s\n",
                err.message);
        tzdb = NULL;
    }
    clock_stage(&clock, "tzdb");

    cib_report_input in = {
        .store = store,
        .norm = &norm,
        .coord = &coord,
        .clusters = &clusters,
        .tzdb = tzdb,
        .run = {
            .files = (const char *const *)(argv + optind),
            .n_files = (size_t)(argc - optind),
            .ingest = &stats,
            .coord = &a.coord,
            .window_auto = a.window_auto,
            .graph = &a.graph,
            .significance = a.significance,
            .watchlist_file = a.watchlist,
            .keep_publishers = a.keep_publishers,
        },
        .evidence = &evidence,
        .watchlist = watchlist,
        .audience = &audience,
        .publishers = &publishers,
        .publisher_evidence = &pub_evidence,
        .publisher_audience = &pub_audience,
    };
    progress(&a, "writing the report");
    if (cib_report_write(&in, a.out_dir, &err) != CIB_OK) {
        status = stage_fail(&err, "writing the report");
        goto done;
    }
    clock_stage(&clock, "report"); /* rhythm profiles are made in here */
    if (!a.quiet)
        cib_report_tally(&in, stdout);
    status = 0;
    if (clock.on) {
        double t = wall_s() - clock.t0;
        clock.start = clock.t0;
        clock_stage(&clock, "total");
        fprintf(stderr, "cibscan: profile: %zu events, %.0f events/s\n",
                store->events.n, t > 0 ? (double)store->events.n / t : 0.0);
    }

done:
    cib_tzdb_free(tzdb);
    cib_evidence_set_free(&evidence);
    cib_evidence_set_free(&pub_evidence);
    cib_audience_set_free(&audience);
    cib_audience_set_free(&pub_audience);
    cib_clustering_free(&publishers);
    cib_watchlist_free(watchlist);
    cib_clustering_free(&clusters);
    cib_coord_result_free(&coord);
    cib_norm_free(&norm);
    cib_store_free(store);
    return status;
}
