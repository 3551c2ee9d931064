/*
 * synth.h — simulated activity with planted coordinated networks and
 * ground truth, written as activity CSV (CONTRACT.md `cibscan synth`).
 *
 * The world (docs/synth.md has the long form and the sources of each
 * number):
 *  - organic accounts with heavy-tailed activity and audiences, living in
 *    real IANA zones weighted like the platforms' user populations, with
 *    a human day (evening peak, late weekend mornings) and week (more at
 *    the weekend, whose days follow the zone's country), who chat, share
 *    Zipf-popular news stories, and repost and reply in cascades;
 *  - organic bursts: hundreds share one breaking story (and its sister
 *    stories from other outlets) within minutes;
 *  - legitimate automated news pages that post every story of their
 *    outlet's feed, co-posting with their sister pages within seconds;
 *  - planted networks: operators in one office (an IANA zone, a shift with
 *    a lunch break, rest days, holidays) running accounts, pages and
 *    groups, with low audiences, busy in burst months over years, running
 *    campaigns that enlist accounts of every operator on duty: links to
 *    their own sites, reposts of the network's main page, comments with
 *    lightly edited copies of one text, seconds to minutes apart.
 *
 * Deterministic for a seed: the same options give the same bytes (given
 * the same tz database; dates before 2038 are stable across tzdata
 * versions save for rule changes a government makes).  The generator
 * streams rows to the output; memory holds the accounts and a few days of
 * rows, not the whole output.
 */
#ifndef CIB_SYNTH_H
#define CIB_SYNTH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../common/common.h"

#define CIB_SYNTH_MAX_NETWORKS 16
#define CIB_SYNTH_ZONE_LEN 64
#define CIB_SYNTH_ZONES_LEN 2048

/* Language of a network's texts (organic accounts speak their zone's). */
typedef enum cib_synth_lang {
    CIB_SYNTH_EN = 0,
    CIB_SYNTH_FA, /* Persian, with Arabic-letter variants in edited copies */
} cib_synth_lang;

/* One planted network: one office of `operators` people running
 * `accounts` assets together (a planted network is one truth label,
 * N1, N2, ...; its campaigns enlist accounts of all its operators, so it
 * is one co-acting cluster, not one per operator). */
typedef struct cib_synth_network {
    char zone[CIB_SYNTH_ZONE_LEN]; /* IANA zone of the office */
    uint32_t operators;    /* >= 1 */
    uint32_t accounts;     /* assets in all: accounts, pages and groups */
    double share;          /* share of all events, 0..0.9 */
    double shift_start;    /* local hour the shift starts, 0..24 */
    double shift_end;      /* local hour it ends, > shift_start */
    int lunch_hour;        /* local hour of the lunch break, -1 none */
    double lunch_keep;     /* activity kept during lunch, 0..1 */
    uint8_t rest_days;     /* bit d set: weekday d off (0 = Monday) */
    bool round_the_clock;  /* operators work 8-hour shifts around the
                              clock every day, sharing the accounts;
                              shift, lunch and rest days are ignored */
    uint32_t holidays;     /* extra days off a year, on workdays */
    uint32_t bursts;       /* burst periods over the span */
    uint32_t burst_days;   /* length of each */
    double burst_factor;   /* activity in a burst against the base */
    cib_synth_lang lang;
    int64_t first, last;   /* active period, Unix seconds; 0: the span */
} cib_synth_network;

typedef struct cib_synth_options {
    char scenario[32];        /* the preset these came from */
    uint64_t seed;            /* default 1 */
    uint64_t events;          /* approximate total events */
    int64_t start;            /* Unix seconds of the first day, 00:00 UTC */
    uint32_t days;            /* span in days */

    /* organic accounts */
    uint32_t organic_accounts; /* 0: from events / events_per_account */
    double events_per_account; /* mean organic events per account */
    double activity_alpha;     /* Pareto shape of activity weights */
    double followers_median;   /* log-normal audience */
    double followers_sigma;
    char organic_zones[CIB_SYNTH_ZONES_LEN]; /* "" world mix, or
                                  "Zone:weight,Zone:weight,..." */
    double mix_post;   /* shares of organic events: own posts, */
    double mix_share;  /* story links shared, */
    double mix_repost; /* reposts and */
    double mix_reply;  /* replies or comments; normalised to sum 1 */
    double cascade_delay_s;  /* median delay of a repost or reply */
    double share_delay_s;    /* median delay of a share after publishing */
    double headline_text;    /* share of link shares quoting the headline */
    double stock_text;       /* share of replies that are stock phrases */
    double mobile_share;     /* share of events from a mobile network */
    uint32_t community_size; /* mean accounts of a community (people who
                                follow each other, mostly in one zone) */
    double community_share;  /* share of a post's or story's audience from
                                its community, the rest from anyone */

    /* organic bursts */
    double bursts_per_month;
    uint32_t burst_size;     /* mean sharers of a burst; 0: burst_reach
                                of the organic accounts (5..1000), at
                                most what keeps bursts within
                                burst_max_share of the organic events */
    double burst_reach;
    double burst_max_share;
    double burst_spread_s;   /* mean delay after the story breaks */
    uint32_t burst_stories;  /* stories on the event, 1..this */

    /* automated news pages */
    uint32_t news_groups;    /* media groups with sister pages */
    uint32_t sister_pages;   /* pages per group, >= 2 */
    uint32_t news_pages;     /* single automated pages */
    double news_share;       /* share of all events */
    double news_sync;        /* share of groups whose tool posts to every
                                page at once (else each page polls) */

    /* planted networks */
    uint32_t n_networks;
    cib_synth_network networks[CIB_SYNTH_MAX_NETWORKS];
    double campaign_delay_s;  /* median delay of a copy after the lead */
    uint32_t campaign_min;    /* accounts enlisted per campaign */
    uint32_t campaign_max;
    double campaign_mix[5];   /* link, amplify, raid, hashtag, media
                                 campaigns (farm.c), normalised */
    double solo_share;        /* share of network events outside campaigns */
    double edit_rate;         /* share of copies lightly edited */
    double farm_followers_median;
} cib_synth_options;

/* The defaults: the "office" scenario (three networks N1-N3 of one
 * office, each cib_synth_network_init with 2 operators, 8 assets and a
 * third of 5% of the events). */
void cib_synth_options_init(cib_synth_options *opt);

/* Defaults of one planted network: Europe/Tirane, 3 operators, 24
 * assets, 5% of events, 9-18 with lunch at 13 (15% kept), Sat and Sun
 * off, 10 holidays, 2 bursts of 45 days at 4 times, English. */
void cib_synth_network_init(cib_synth_network *net);

/* Reset opt to the named preset: office, zones, small, clock, bursts,
 * newsroom, mixed (docs/synth.md).  Returns 0 or CIB_EUSAGE for an unknown name
 * (err lists the names). */
int cib_synth_scenario(cib_synth_options *opt, const char *name,
                       cib_error *err);

/* The preset names, NULL-terminated, and a one-line description of each. */
extern const char *const cib_synth_scenarios[];
const char *cib_synth_scenario_about(const char *name);

/* Change a network from a spec "key=value,key=value": zone=NAME,
 * operators=N, accounts=N, share=X, shift=H-H (hours, may be fractional:
 * 8.5-17), lunch=H|none, lunch-keep=X, rest=Sat+Sun|none (weekday names,
 * '+'-separated), clock=0|1, holidays=N, bursts=N, burst-days=N,
 * burst-factor=X, lang=en|fa, first=YYYY-MM-DD, last=YYYY-MM-DD.
 * Returns 0 or CIB_EUSAGE (err says which key). */
int cib_synth_network_parse(cib_synth_network *net, const char *spec,
                            cib_error *err);

/* Check opt for values the simulator cannot use (shares out of range,
 * unknown zones are found later).  Returns 0 or CIB_EUSAGE. */
int cib_synth_options_check(const cib_synth_options *opt, cib_error *err);

/* Write events (activity CSV with header, rows in time order) to
 * `events` and the truth file to `truth` (may be NULL): one row per
 * account, "account_id,network_id,kind,operator" — network_id N1, N2, ...
 * in the order of opt->networks and empty for everyone else (CONTRACT.md),
 * kind organic|news|farm, operator "N1.2" for a farm account's owner
 * (empty for round-the-clock networks, whose operators share accounts).
 * Loads the tz database from `zoneinfo` (NULL: /usr/share/zoneinfo).
 * Returns 0, CIB_EUSAGE (bad options, a zone not in the database),
 * CIB_EIO (the tz database cannot be read, or a write fails: err names
 * events_path or truth_path, with the system's reason) or CIB_ENOMEM. */
int cib_synth_write(const cib_synth_options *opt, const char *zoneinfo,
                    FILE *events, const char *events_path, FILE *truth,
                    const char *truth_path, cib_error *err);

#endif
