/*
 * cmd_synth.c — `cibscan synth`: simulated activity with planted networks
 * and their ground truth (src/synth/).  Every knob of cib_synth_options is
 * a flag; the numeric ones are parsed from one table.  --scenario is
 * applied first wherever it stands, the other flags over it in order.
 * Both files are written whole or not at all.
 */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ingest/ingest.h"
#include "synth/synth.h"

static const char SYNTH_USAGE[] =
    "usage: cibscan synth [--scenario NAME] --out EVENTS.csv "
    "[--truth TRUTH.csv] [options]\n"
    "\n"
    "Write simulated activity (activity CSV, in time order) with planted\n"
    "coordinated networks, and the truth file\n"
    "account_id,network_id,kind,operator (network_id N1, N2, ... for\n"
    "planted accounts, empty for organic accounts and news pages).\n"
    "Details: docs/synth.md.\n"
    "\n"
    "  --out FILE              events (default: standard output)\n"
    "  --truth FILE            ground truth\n"
    "  --scenario NAME         preset (default office); --list-scenarios\n"
    "                          names them (the options below show office's\n"
    "                          defaults; a scenario changes some)\n"
    "  --seed N                random seed (default 1); same seed, same bytes\n"
    "  --events N              about N events in all (default 100000)\n"
    "  --start YYYY-MM-DD      first day (default 2019-01-07)\n"
    "  --days N                days simulated (default 730)\n"
    "  --zoneinfo DIR          tz database (default /usr/share/zoneinfo)\n"
    "organic accounts:\n"
    "  --organic-accounts N    (default: organic events / events-per-account)\n"
    "  --events-per-account X  mean organic events per account (40)\n"
    "  --activity-alpha X      Pareto shape of activity (1.3)\n"
    "  --followers-median X, --followers-sigma X   log-normal audience (150, 1.6)\n"
    "  --organic-zones SPEC    Zone:weight,... (default: world user mix)\n"
    "  --mix P,S,R,Y           own posts, story shares, reposts, replies\n"
    "                          (0.38,0.27,0.25,0.10)\n"
    "  --cascade-delay S       median delay of a repost or reply (1200)\n"
    "  --share-delay S         median delay of a story share (5400)\n"
    "  --headline-text X       shares quoting the headline (0.35)\n"
    "  --stock-text X          replies that are stock phrases (0.15)\n"
    "  --mobile-share X        events from a mobile carrier's NAT (0.2)\n"
    "  --community-size N      mean accounts of a community (300)\n"
    "  --community-share X     a cascade's or story's audience from its\n"
    "                          community, the rest from anyone (0.8)\n"
    "organic bursts:\n"
    "  --bursts-per-month X    (4)\n"
    "  --burst-size N          mean sharers (0: from reach and max share)\n"
    "  --burst-reach X         organic accounts sharing a burst (0.01;\n"
    "                          5..1000 accounts)\n"
    "  --burst-max-share X     most organic events in auto-sized bursts (0.15)\n"
    "  --burst-spread S        mean delay after the story breaks (240)\n"
    "  --burst-stories N       outlets covering one event, 1..N (3)\n"
    "automated news pages:\n"
    "  --news-groups N         media groups with sister pages (0)\n"
    "  --sister-pages N        pages per group (3)\n"
    "  --news-pages N          single pages (6)\n"
    "  --news-share X          share of all events (0.04)\n"
    "  --news-sync X           groups whose tool posts to all pages at once (0.7)\n"
    "planted networks:\n"
    "  --network SPEC          a network (repeat for more; the first replaces\n"
    "                          the scenario's): key=value,... with zone,\n"
    "                          operators, accounts, share, shift=9-18,\n"
    "                          lunch=13|none, lunch-keep, rest=Sat+Sun|none,\n"
    "                          clock=0|1, holidays, bursts, burst-days,\n"
    "                          burst-factor, lang=en|fa, first, last\n"
    "  --no-networks           no planted network\n"
    "  --network-accounts N    accounts of every network\n"
    "  --utc-offset H          every network in the fixed zone Etc/GMT-H\n"
    "  --campaign-delay S      median delay of a copy after the lead (40)\n"
    "  --campaign-size MIN-MAX accounts enlisted per campaign (3-10)\n"
    "  --campaign-mix L,A,R,H,M  link, amplify, raid, hashtag and media\n"
    "                          campaigns (0.35,0.25,0.2,0.1,0.1)\n"
    "  --solo-share X          network events outside campaigns (0.3)\n"
    "  --edit-rate X           copies lightly edited (0.7)\n"
    "  --farm-followers-median X  (60)\n";

typedef enum { T_U32, T_U64, T_DOUBLE } value_type;

typedef struct numeric_flag {
    const char *name;
    value_type type;
    size_t offset;
    double lo, hi;
} numeric_flag;

#define OFF(f) offsetof(cib_synth_options, f)
static const numeric_flag NUMERIC[] = {
    {"seed", T_U64, OFF(seed), 0, 1.8e19},
    {"events", T_U64, OFF(events), 1, 1e10},
    {"days", T_U32, OFF(days), 1, 36500},
    {"organic-accounts", T_U32, OFF(organic_accounts), 0, 1e8},
    {"events-per-account", T_DOUBLE, OFF(events_per_account), 0.01, 1e6},
    {"activity-alpha", T_DOUBLE, OFF(activity_alpha), 0.1, 10},
    {"followers-median", T_DOUBLE, OFF(followers_median), 1, 1e8},
    {"followers-sigma", T_DOUBLE, OFF(followers_sigma), 0, 5},
    {"cascade-delay", T_DOUBLE, OFF(cascade_delay_s), 1, 86400},
    {"share-delay", T_DOUBLE, OFF(share_delay_s), 1, 86400},
    {"headline-text", T_DOUBLE, OFF(headline_text), 0, 0.65},
    {"stock-text", T_DOUBLE, OFF(stock_text), 0, 1},
    {"mobile-share", T_DOUBLE, OFF(mobile_share), 0, 1},
    {"community-size", T_U32, OFF(community_size), 1, 1e8},
    {"community-share", T_DOUBLE, OFF(community_share), 0, 1},
    {"bursts-per-month", T_DOUBLE, OFF(bursts_per_month), 0, 1000},
    {"burst-size", T_U32, OFF(burst_size), 0, 1e6},
    {"burst-reach", T_DOUBLE, OFF(burst_reach), 0, 1},
    {"burst-max-share", T_DOUBLE, OFF(burst_max_share), 0, 1},
    {"burst-spread", T_DOUBLE, OFF(burst_spread_s), 1, 86400},
    {"burst-stories", T_U32, OFF(burst_stories), 1, 8},
    {"news-groups", T_U32, OFF(news_groups), 0, 250},
    {"sister-pages", T_U32, OFF(sister_pages), 2, 20},
    {"news-pages", T_U32, OFF(news_pages), 0, 250},
    {"news-share", T_DOUBLE, OFF(news_share), 0, 0.9},
    {"news-sync", T_DOUBLE, OFF(news_sync), 0, 1},
    {"campaign-delay", T_DOUBLE, OFF(campaign_delay_s), 1, 3600},
    {"solo-share", T_DOUBLE, OFF(solo_share), 0, 1},
    {"edit-rate", T_DOUBLE, OFF(edit_rate), 0, 1},
    {"farm-followers-median", T_DOUBLE, OFF(farm_followers_median), 1, 1e8},
};
#define N_NUMERIC (sizeof NUMERIC / sizeof NUMERIC[0])

enum { OPT_OUT = 256, OPT_TRUTH, OPT_SCENARIO, OPT_LIST, OPT_START,
       OPT_ZONEINFO, OPT_ZONES, OPT_MIX, OPT_NETWORK, OPT_NO_NETWORKS,
       OPT_NET_ACCOUNTS, OPT_OFFSET, OPT_CAMPAIGN_SIZE, OPT_CAMPAIGN_MIX,
       OPT_HELP,
       OPT_NUMERIC };

static const struct option FIXED[] = {
    {"out", required_argument, 0, OPT_OUT},
    {"truth", required_argument, 0, OPT_TRUTH},
    {"scenario", required_argument, 0, OPT_SCENARIO},
    {"list-scenarios", no_argument, 0, OPT_LIST},
    {"start", required_argument, 0, OPT_START},
    {"zoneinfo", required_argument, 0, OPT_ZONEINFO},
    {"organic-zones", required_argument, 0, OPT_ZONES},
    {"mix", required_argument, 0, OPT_MIX},
    {"network", required_argument, 0, OPT_NETWORK},
    {"no-networks", no_argument, 0, OPT_NO_NETWORKS},
    {"network-accounts", required_argument, 0, OPT_NET_ACCOUNTS},
    {"utc-offset", required_argument, 0, OPT_OFFSET},
    {"campaign-size", required_argument, 0, OPT_CAMPAIGN_SIZE},
    {"campaign-mix", required_argument, 0, OPT_CAMPAIGN_MIX},
    {"help", no_argument, 0, OPT_HELP},
};
#define N_FIXED (sizeof FIXED / sizeof FIXED[0])

static bool set_numeric(cib_synth_options *opt, const numeric_flag *f,
                        const char *v)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end != '\0' || !(x >= f->lo && x <= f->hi))
        return false;
    char *p = (char *)opt + f->offset;
    if (f->type == T_DOUBLE) {
        *(double *)p = x;
        return true;
    }
    uint64_t u;
    if (!cib_cli_parse_u64(v, f->type == T_U32 ? UINT32_MAX : UINT64_MAX, &u) ||
        (double)u < f->lo || (double)u > f->hi)
        return false;
    if (f->type == T_U32)
        *(uint32_t *)p = (uint32_t)u;
    else
        *(uint64_t *)p = u;
    return true;
}

/* n comma-separated non-negative shares, not all 0, into out. */
static bool parse_shares(const char *v, double *out, int n)
{
    double x[8], sum = 0;
    const char *p = v;
    for (int i = 0; i < n; i++) {
        char *end;
        x[i] = strtod(p, &end);
        if (end == p || !(x[i] >= 0 && x[i] <= 1e6) ||
            *end != (i + 1 < n ? ',' : '\0'))
            return false;
        sum += x[i];
        p = end + 1;
    }
    if (!(sum > 0))
        return false;
    for (int i = 0; i < n; i++)
        out[i] = x[i];
    return true;
}

static bool parse_mix(cib_synth_options *opt, const char *v)
{
    double x[4];
    if (!parse_shares(v, x, 4))
        return false;
    opt->mix_post = x[0];
    opt->mix_share = x[1];
    opt->mix_repost = x[2];
    opt->mix_reply = x[3];
    return true;
}

static int list_scenarios(void)
{
    for (size_t i = 0; cib_synth_scenarios[i]; i++)
        printf("%-9s %s\n", cib_synth_scenarios[i],
               cib_synth_scenario_about(cib_synth_scenarios[i]));
    return 0;
}

/* Apply one flag (not --scenario) to opt; returns 0 or an exit status. */
static int apply(cib_synth_options *opt, int c, const char *arg,
                 const char **out, const char **truth, const char **zoneinfo,
                 bool *networks_given)
{
    cib_error err = {0};
    switch (c) {
    case OPT_OUT: *out = arg; return 0;
    case OPT_TRUTH: *truth = arg; return 0;
    case OPT_ZONEINFO: *zoneinfo = arg; return 0;
    case OPT_START: {
        int64_t t;
        if (strlen(arg) != 10 || !cib_parse_time(arg, 10, &t))
            return cib_cli_usage("synth", "--start: '%s' is not YYYY-MM-DD",
                                 arg);
        opt->start = t;
        return 0;
    }
    case OPT_ZONES:
        if (strlen(arg) >= sizeof opt->organic_zones)
            return cib_cli_usage("synth", "--organic-zones: too long");
        snprintf(opt->organic_zones, sizeof opt->organic_zones, "%s", arg);
        return 0;
    case OPT_MIX:
        if (!parse_mix(opt, arg))
            return cib_cli_usage("synth", "--mix: '%s' is not four "
                                 "non-negative shares P,S,R,Y", arg);
        return 0;
    case OPT_NETWORK:
        if (!*networks_given) {
            opt->n_networks = 0;
            *networks_given = true;
        }
        if (opt->n_networks >= CIB_SYNTH_MAX_NETWORKS)
            return cib_cli_usage("synth", "at most %d networks",
                                 CIB_SYNTH_MAX_NETWORKS);
        cib_synth_network_init(&opt->networks[opt->n_networks]);
        if (cib_synth_network_parse(&opt->networks[opt->n_networks], arg,
                                    &err) != CIB_OK)
            return cib_cli_usage("synth", "%s", err.message);
        opt->n_networks++;
        return 0;
    case OPT_NO_NETWORKS:
        opt->n_networks = 0;
        *networks_given = true;
        return 0;
    case OPT_NET_ACCOUNTS: {
        uint64_t v;
        if (!cib_cli_parse_u64(arg, 100000, &v) || v == 0)
            return cib_cli_usage("synth", "--network-accounts: '%s' is not "
                                 "an integer from 1 to 100000", arg);
        for (uint32_t i = 0; i < opt->n_networks; i++) {
            opt->networks[i].accounts = (uint32_t)v;
            if (opt->networks[i].operators > v)
                opt->networks[i].operators = (uint32_t)v;
        }
        return 0;
    }
    case OPT_OFFSET: {
        int h;
        char tail;
        if (sscanf(arg, "%d%c", &h, &tail) != 1 || h < -12 || h > 14)
            return cib_cli_usage("synth", "--utc-offset: '%s' is not an "
                                 "hour from -12 to 14", arg);
        /* POSIX-style names: Etc/GMT-1 is one hour east of Greenwich */
        for (uint32_t i = 0; i < opt->n_networks; i++) {
            char *zone = opt->networks[i].zone;
            if (h == 0)
                snprintf(zone, CIB_SYNTH_ZONE_LEN, "Etc/UTC");
            else
                snprintf(zone, CIB_SYNTH_ZONE_LEN, "Etc/GMT%+d", -h);
        }
        return 0;
    }
    case OPT_CAMPAIGN_MIX:
        if (!parse_shares(arg, opt->campaign_mix, 5))
            return cib_cli_usage("synth", "--campaign-mix: '%s' is not five "
                                 "non-negative shares L,A,R,H,M", arg);
        return 0;
    case OPT_CAMPAIGN_SIZE: {
        unsigned lo, hi;
        char tail;
        if (sscanf(arg, "%u-%u%c", &lo, &hi, &tail) != 2 || lo < 1 || hi < lo ||
            hi > 1000)
            return cib_cli_usage("synth", "--campaign-size: '%s' is not "
                                 "MIN-MAX with 1 <= MIN <= MAX <= 1000", arg);
        opt->campaign_min = lo;
        opt->campaign_max = hi;
        return 0;
    }
    default:
        if (c >= OPT_NUMERIC && c < OPT_NUMERIC + (int)N_NUMERIC) {
            const numeric_flag *f = &NUMERIC[c - OPT_NUMERIC];
            if (!set_numeric(opt, f, arg))
                return cib_cli_usage("synth", "--%s: '%s' is not a number "
                                     "from %g to %g", f->name, arg, f->lo,
                                     f->hi);
            return 0;
        }
        return 1;
    }
}

int cib_cmd_synth(int argc, char **argv)
{
    struct option longopts[N_FIXED + N_NUMERIC + 1];
    memcpy(longopts, FIXED, sizeof FIXED);
    for (size_t i = 0; i < N_NUMERIC; i++)
        longopts[N_FIXED + i] = (struct option){NUMERIC[i].name,
                                                required_argument, 0,
                                                OPT_NUMERIC + (int)i};
    longopts[N_FIXED + N_NUMERIC] = (struct option){0, 0, 0, 0};

    cib_synth_options opt;
    cib_synth_options_init(&opt);
    cib_error err = {0};
    int c;
    /* pass 1: --help, --list-scenarios, --scenario and unknown flags */
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_HELP) {
            fputs(SYNTH_USAGE, stdout);
            return 0;
        }
        if (c == OPT_LIST)
            return list_scenarios();
        if (c == OPT_SCENARIO && cib_synth_scenario(&opt, optarg, &err))
            return cib_cli_usage("synth", "%s", err.message);
        if (c == '?' || c == ':')
            return cib_cli_usage("synth", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
    }
    if (optind < argc)
        return cib_cli_usage("synth", "unexpected argument '%s'", argv[optind]);
    /* pass 2: everything else, over the scenario */
    const char *out = "-", *truth = NULL, *zoneinfo = NULL;
    bool networks_given = false;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_SCENARIO)
            continue;
        int status = apply(&opt, c, optarg, &out, &truth, &zoneinfo,
                           &networks_given);
        if (status)
            return status;
    }
    if (cib_synth_options_check(&opt, &err) != CIB_OK)
        return cib_cli_usage("synth", "%s", err.message);

    if (truth && strcmp(truth, out) == 0)
        return cib_cli_usage("synth", "--out and --truth name the same file "
                             "'%s'", out);

    cib_atomic_file events = {0}, truth_file = {0};
    int rc = cib_atomic_open(&events, out, &err);
    if (rc == CIB_OK && truth)
        rc = cib_atomic_open(&truth_file, truth, &err);
    if (rc == CIB_OK)
        rc = cib_synth_write(&opt, zoneinfo, events.fp, out, truth_file.fp,
                             truth, &err);
    /* The truth file is completed first: if it fails, the events file is
     * discarded too, so a pair is never left half written. */
    rc = cib_atomic_commit(&truth_file, rc, &err);
    rc = cib_atomic_commit(&events, rc, &err);
    if (rc != CIB_OK) {
        if (rc == CIB_EUSAGE)
            return cib_cli_usage("synth", "%s", err.message);
        return cib_cli_fail(&err);
    }
    return 0;
}
