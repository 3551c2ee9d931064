/*
 * cmd_synth.c — `cibscan synth`: simulated activity with a planted network
 * and its ground truth.  Both files are written whole or not at all.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "synth/synth.h"

static const char SYNTH_USAGE[] =
    "usage: cibscan synth --out EVENTS.csv [--truth TRUTH.csv] [options]\n"
    "\n"
    "Write simulated activity (activity CSV) with a planted coordinated\n"
    "network, and the truth file account_id,network_id.\n"
    "\n"
    "  --out FILE            events (default: standard output)\n"
    "  --truth FILE          ground truth\n"
    "  --seed N              random seed (default 1); same seed, same bytes\n"
    "  --events N            about N events in all (default 100000)\n"
    "  --organic-accounts N  ordinary accounts (default 2000)\n"
    "  --network-accounts N  accounts of the planted network (default 24)\n"
    "  --days N              days simulated (default 90)\n"
    "  --utc-offset H        the network's office UTC offset (default 1)\n";

enum { OPT_OUT = 256, OPT_TRUTH, OPT_SEED, OPT_EVENTS, OPT_ORGANIC,
       OPT_NETWORK, OPT_DAYS, OPT_OFFSET, OPT_HELP };

static const struct option SYNTH_OPTIONS[] = {
    {"out", required_argument, 0, OPT_OUT},
    {"truth", required_argument, 0, OPT_TRUTH},
    {"seed", required_argument, 0, OPT_SEED},
    {"events", required_argument, 0, OPT_EVENTS},
    {"organic-accounts", required_argument, 0, OPT_ORGANIC},
    {"network-accounts", required_argument, 0, OPT_NETWORK},
    {"days", required_argument, 0, OPT_DAYS},
    {"utc-offset", required_argument, 0, OPT_OFFSET},
    {"help", no_argument, 0, OPT_HELP},
    {0, 0, 0, 0},
};

int cib_cmd_synth(int argc, char **argv)
{
    cib_synth_options opt;
    cib_synth_options_init(&opt);
    const char *out = "-", *truth = NULL;
    uint64_t v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", SYNTH_OPTIONS, NULL)) != -1) {
        switch (c) {
        case OPT_OUT: out = optarg; break;
        case OPT_TRUTH: truth = optarg; break;
        case OPT_SEED:
            if (!cib_cli_parse_u64(optarg, UINT64_MAX, &v))
                return cib_cli_usage("synth", "--seed: '%s' is not a "
                                     "non-negative integer", optarg);
            opt.seed = v;
            break;
        case OPT_EVENTS:
            if (!cib_cli_parse_u64(optarg, 10000000000ull, &v) || v == 0)
                return cib_cli_usage("synth", "--events: '%s' is not an "
                                     "integer from 1 to 1e10", optarg);
            opt.events = v;
            break;
        case OPT_ORGANIC:
            if (!cib_cli_parse_u64(optarg, 100000000, &v))
                return cib_cli_usage("synth", "--organic-accounts: '%s' is "
                                     "not an integer up to 1e8", optarg);
            opt.organic_accounts = (uint32_t)v;
            break;
        case OPT_NETWORK:
            if (!cib_cli_parse_u64(optarg, 1000000, &v))
                return cib_cli_usage("synth", "--network-accounts: '%s' is "
                                     "not an integer up to 1e6", optarg);
            opt.network_accounts = (uint32_t)v;
            break;
        case OPT_DAYS:
            if (!cib_cli_parse_u64(optarg, 36500, &v) || v == 0)
                return cib_cli_usage("synth", "--days: '%s' is not an "
                                     "integer from 1 to 36500", optarg);
            opt.days = (uint32_t)v;
            break;
        case OPT_OFFSET: {
            int h;
            char tail;
            if (sscanf(optarg, "%d%c", &h, &tail) != 1 || h < -12 || h > 14)
                return cib_cli_usage("synth", "--utc-offset: '%s' is not an "
                                     "hour from -12 to 14", optarg);
            opt.utc_offset_hours = h;
            break;
        }
        case OPT_HELP: fputs(SYNTH_USAGE, stdout); return 0;
        default:
            return cib_cli_usage("synth", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cib_cli_usage("synth", "unexpected argument '%s'", argv[optind]);

    cib_error err = {0};
    cib_atomic_file events = {0}, truth_file = {0};
    int rc = cib_atomic_open(&events, out, &err);
    if (rc == CIB_OK && truth)
        rc = cib_atomic_open(&truth_file, truth, &err);
    if (rc == CIB_OK)
        rc = cib_synth_write(&opt, events.fp, out, truth_file.fp, &err);
    /* The truth file is completed first: if it fails, the events file is
     * discarded too, so a pair is never left half written. */
    rc = cib_atomic_commit(&truth_file, rc, &err);
    rc = cib_atomic_commit(&events, rc, &err);
    if (rc != CIB_OK)
        return cib_cli_fail(&err);
    return 0;
}
