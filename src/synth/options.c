/*
 * options.c — the simulator's knobs: defaults, the named scenarios, the
 * network spec parser and the checks.  Why each default is what it is
 * is in docs/synth.md.  Relies on ingest.h for date parsing.
 */
#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../ingest/ingest.h"

#define DAY_2019_01_07 17903 /* a Monday */
#define DAY_2020_01_06 18267 /* a Monday */

void cib_synth_network_init(cib_synth_network *net)
{
    memset(net, 0, sizeof *net);
    snprintf(net->zone, sizeof net->zone, "Europe/Tirane");
    net->operators = 3;
    net->accounts = 24;
    net->share = 0.05;
    net->shift_start = 9;
    net->shift_end = 18;
    net->lunch_hour = 13;
    net->lunch_keep = 0.15;
    net->rest_days = (1u << 5) | (1u << 6);
    net->holidays = 10;
    net->bursts = 2;
    net->burst_days = 45;
    net->burst_factor = 4;
    net->lang = CIB_SYNTH_EN;
}

void cib_synth_options_init(cib_synth_options *opt)
{
    memset(opt, 0, sizeof *opt);
    snprintf(opt->scenario, sizeof opt->scenario, "office");
    opt->seed = 1;
    opt->events = 100000;
    opt->start = (int64_t)DAY_2019_01_07 * 86400;
    opt->days = 730;

    opt->events_per_account = 40;
    opt->activity_alpha = 1.3;
    opt->followers_median = 150;
    opt->followers_sigma = 1.6;
    opt->mix_post = 0.38;
    opt->mix_share = 0.27;
    opt->mix_repost = 0.25;
    opt->mix_reply = 0.10;
    opt->cascade_delay_s = 1200;
    opt->share_delay_s = 5400;
    opt->headline_text = 0.35;
    opt->stock_text = 0.15;
    opt->mobile_share = 0.2;
    opt->community_size = 300;
    opt->community_share = 0.8;

    opt->bursts_per_month = 4;
    opt->burst_size = 0;
    opt->burst_reach = 0.01;
    opt->burst_max_share = 0.15;
    opt->burst_spread_s = 240;
    opt->burst_stories = 3;

    opt->news_groups = 0;
    opt->sister_pages = 3;
    opt->news_pages = 6;
    opt->news_share = 0.04;
    opt->news_sync = 0.7;

    /* DESIGN.md's case: one office, three separate clusters */
    opt->n_networks = 3;
    for (int k = 0; k < 3; k++) {
        cib_synth_network_init(&opt->networks[k]);
        opt->networks[k].operators = 2;
        opt->networks[k].accounts = 8;
        opt->networks[k].share = 0.05 / 3;
    }
    opt->campaign_delay_s = 40;
    opt->campaign_min = 3;
    opt->campaign_max = 10;
    opt->campaign_mix[0] = 0.35;
    opt->campaign_mix[1] = 0.25;
    opt->campaign_mix[2] = 0.20;
    opt->campaign_mix[3] = 0.10;
    opt->campaign_mix[4] = 0.10;
    opt->solo_share = 0.3;
    opt->edit_rate = 0.7;
    opt->farm_followers_median = 60;
}

const char *const cib_synth_scenarios[] = {"office", "zones", "small", "clock",
                                           "bursts", "newsroom", "mixed",
                                           NULL};

static const char *const ABOUT[] = {
    "one office farm (Europe/Tirane) running three networks of 8 assets "
    "and 2 operators among organic users, bursts and news pages, "
    "2019-2020",
    "four farms: Europe/Tirane, Africa/Lagos, Asia/Tehran (Friday rest, "
    "Persian) and America/New_York (no lunch dip), 2020-2021",
    "a farm of 6 accounts (Asia/Manila) among 50,000 organic accounts, "
    "1M events",
    "a round-the-clock network (Europe/Moscow, 3 shifts, 30 shared "
    "assets)",
    "organic bursts (8 a month, each shared by 8% of the organic accounts, "
    "up to 1000) and single news pages, no farm",
    "automated news pages with sister pages (6 groups of 4) and bursts, "
    "no farm",
    "everything at once: a farm (Europe/Tirane, 3 operators, 24 assets), "
    "sister news pages (3 groups of 3) and the bursts of 'bursts'"};

const char *cib_synth_scenario_about(const char *name)
{
    for (size_t i = 0; cib_synth_scenarios[i]; i++)
        if (strcmp(name, cib_synth_scenarios[i]) == 0)
            return ABOUT[i];
    return NULL;
}

static cib_synth_network *add_network(cib_synth_options *opt, const char *zone,
                                      uint32_t operators, uint32_t accounts,
                                      double share)
{
    cib_synth_network *n = &opt->networks[opt->n_networks++];
    cib_synth_network_init(n);
    snprintf(n->zone, sizeof n->zone, "%s", zone);
    n->operators = operators;
    n->accounts = accounts;
    n->share = share;
    return n;
}

int cib_synth_scenario(cib_synth_options *opt, const char *name,
                       cib_error *err)
{
    if (cib_synth_scenario_about(name) == NULL)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "unknown scenario '%s' (office, zones, small, "
                             "clock, bursts, newsroom, mixed)", name);
    cib_synth_options_init(opt);
    snprintf(opt->scenario, sizeof opt->scenario, "%s", name);
    if (strcmp(name, "office") == 0)
        return CIB_OK;
    opt->n_networks = 0;
    if (strcmp(name, "zones") == 0) {
        /* 2020-2021: Iran still kept DST (it stopped in 2022), so three
         * of the four zones change their clocks four times */
        opt->start = (int64_t)DAY_2020_01_06 * 86400;
        add_network(opt, "Europe/Tirane", 2, 12, 0.03);
        add_network(opt, "Africa/Lagos", 2, 12, 0.03);
        cib_synth_network *tehran = add_network(opt, "Asia/Tehran", 2, 12, 0.03);
        tehran->rest_days = 1u << 4;
        tehran->lang = CIB_SYNTH_FA;
        cib_synth_network *ny = add_network(opt, "America/New_York", 2, 12, 0.03);
        ny->lunch_hour = -1;
    } else if (strcmp(name, "small") == 0) {
        opt->events = 1000000;
        opt->organic_accounts = 50000;
        cib_synth_network *n = add_network(opt, "Asia/Manila", 2, 6, 0.005);
        n->lunch_hour = 12;
    } else if (strcmp(name, "clock") == 0) {
        cib_synth_network *n = add_network(opt, "Europe/Moscow", 3, 30, 0.06);
        n->round_the_clock = true;
        n->lunch_hour = -1;
        n->rest_days = 0;
        n->holidays = 0;
    } else if (strcmp(name, "bursts") == 0) {
        opt->bursts_per_month = 8;
        opt->burst_reach = 0.08;
        opt->burst_max_share = 0.5;
    } else if (strcmp(name, "newsroom") == 0) {
        opt->news_groups = 6;
        opt->sister_pages = 4;
        opt->news_pages = 10;
        opt->news_share = 0.1;
    } else { /* mixed */
        add_network(opt, "Europe/Tirane", 3, 24, 0.05);
        opt->news_groups = 3;
        opt->bursts_per_month = 8;
        opt->burst_reach = 0.08;
        opt->burst_max_share = 0.5;
    }
    return CIB_OK;
}

static int weekday_of(const char *s, size_t n)
{
    static const char *const NAMES[7] = {"mon", "tue", "wed", "thu",
                                         "fri", "sat", "sun"};
    for (int d = 0; d < 7; d++)
        if (n == 3 && strncasecmp(s, NAMES[d], 3) == 0)
            return d;
    return -1;
}

static bool parse_double(const char *v, double lo, double hi, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end != '\0' || !(x >= lo && x <= hi))
        return false;
    *out = x;
    return true;
}

static bool parse_u32(const char *v, uint32_t lo, uint32_t hi, uint32_t *out)
{
    char *end;
    if (*v < '0' || *v > '9')
        return false;
    unsigned long long x = strtoull(v, &end, 10);
    if (*end != '\0' || x < lo || x > hi)
        return false;
    *out = (uint32_t)x;
    return true;
}

static bool parse_rest(const char *v, uint8_t *out)
{
    *out = 0;
    if (strcasecmp(v, "none") == 0)
        return true;
    const char *p = v;
    while (*p) {
        size_t n = strcspn(p, "+");
        int d = weekday_of(p, n);
        if (d < 0)
            return false;
        *out |= (uint8_t)(1u << d);
        p += n;
        if (*p == '+')
            p++;
    }
    return true;
}

static bool parse_date(const char *v, int64_t *out)
{
    return strlen(v) == 10 && cib_parse_time(v, 10, out);
}

/* One key=value of a network spec. */
static bool network_set(cib_synth_network *net, const char *key, char *v)
{
    if (strcmp(key, "zone") == 0) {
        if (strlen(v) == 0 || strlen(v) >= sizeof net->zone)
            return false;
        snprintf(net->zone, sizeof net->zone, "%s", v);
        return true;
    }
    if (strcmp(key, "operators") == 0)
        return parse_u32(v, 1, 1000, &net->operators);
    if (strcmp(key, "accounts") == 0)
        return parse_u32(v, 1, 100000, &net->accounts);
    if (strcmp(key, "share") == 0)
        return parse_double(v, 0, 0.9, &net->share);
    if (strcmp(key, "shift") == 0) {
        char *dash = strchr(v, '-');
        if (dash == NULL)
            return false;
        *dash = '\0';
        return parse_double(v, 0, 24, &net->shift_start) &&
               parse_double(dash + 1, 0, 24, &net->shift_end) &&
               net->shift_end > net->shift_start;
    }
    if (strcmp(key, "lunch") == 0) {
        uint32_t h;
        if (strcmp(v, "none") == 0) {
            net->lunch_hour = -1;
            return true;
        }
        if (!parse_u32(v, 0, 23, &h))
            return false;
        net->lunch_hour = (int)h;
        return true;
    }
    if (strcmp(key, "lunch-keep") == 0)
        return parse_double(v, 0, 1, &net->lunch_keep);
    if (strcmp(key, "rest") == 0)
        return parse_rest(v, &net->rest_days);
    if (strcmp(key, "clock") == 0) {
        if (strcmp(v, "0") && strcmp(v, "1"))
            return false;
        net->round_the_clock = v[0] == '1';
        return true;
    }
    if (strcmp(key, "holidays") == 0)
        return parse_u32(v, 0, 200, &net->holidays);
    if (strcmp(key, "bursts") == 0)
        return parse_u32(v, 0, 100, &net->bursts);
    if (strcmp(key, "burst-days") == 0)
        return parse_u32(v, 1, 3650, &net->burst_days);
    if (strcmp(key, "burst-factor") == 0)
        return parse_double(v, 1, 100, &net->burst_factor);
    if (strcmp(key, "lang") == 0) {
        if (strcmp(v, "en") == 0)
            net->lang = CIB_SYNTH_EN;
        else if (strcmp(v, "fa") == 0)
            net->lang = CIB_SYNTH_FA;
        else
            return false;
        return true;
    }
    if (strcmp(key, "first") == 0)
        return parse_date(v, &net->first);
    if (strcmp(key, "last") == 0)
        return parse_date(v, &net->last);
    return false;
}

int cib_synth_network_parse(cib_synth_network *net, const char *spec,
                            cib_error *err)
{
    char buf[1024];
    if (strlen(spec) >= sizeof buf)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "--network: spec too long");
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *item = strtok_r(buf, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (eq == NULL)
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "--network: '%s' is not key=value", item);
        *eq = '\0';
        if (!network_set(net, item, eq + 1))
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "--network: bad or unknown '%s=%s'", item,
                                 eq + 1);
    }
    return CIB_OK;
}

int cib_synth_options_check(const cib_synth_options *opt, cib_error *err)
{
#define BAD(...) cib_error_set(err, CIB_EUSAGE, NULL, 0, __VA_ARGS__)
    if (opt->days == 0 || opt->days > 36500)
        return BAD("--days must be 1 to 36500");
    if (opt->events == 0)
        return BAD("--events must be at least 1");
    double farm = 0;
    for (uint32_t i = 0; i < opt->n_networks; i++) {
        const cib_synth_network *n = &opt->networks[i];
        farm += n->share;
        if (n->accounts == 0 || n->operators == 0)
            return BAD("network %u: needs accounts and operators", i + 1);
        if (!n->round_the_clock && n->operators > n->accounts)
            return BAD("network %u: more operators than accounts", i + 1);
        if (!(n->shift_end > n->shift_start))
            return BAD("network %u: the shift must end after it starts",
                       i + 1);
        if (!n->round_the_clock && n->rest_days == 0x7f)
            return BAD("network %u: every day is a rest day", i + 1);
    }
    double organic = 1.0 - farm - opt->news_share;
    if (organic < 0.05)
        return BAD("network and news shares leave under 5%% of the events "
                   "to organic accounts");
    double mix = opt->mix_post + opt->mix_share + opt->mix_repost +
                 opt->mix_reply;
    if (!(opt->mix_post >= 0 && opt->mix_share >= 0 && opt->mix_repost >= 0 &&
          opt->mix_reply >= 0 && mix > 0))
        return BAD("the organic mix needs non-negative shares, not all 0");
    double cmix = 0;
    for (int i = 0; i < 5; i++) {
        if (!(opt->campaign_mix[i] >= 0))
            return BAD("--campaign-mix needs non-negative shares");
        cmix += opt->campaign_mix[i];
    }
    if (!(cmix > 0))
        return BAD("--campaign-mix needs a positive share");
    if (opt->campaign_min < 1 || opt->campaign_max < opt->campaign_min)
        return BAD("--campaign-size: need 1 <= min <= max");
    if (opt->news_groups > 0 && opt->sister_pages < 2)
        return BAD("--sister-pages must be at least 2");
    if (opt->news_groups + opt->news_pages > 250)
        return BAD("at most 250 news groups and single pages in all");
    if (opt->community_size == 0 || !(opt->community_share >= 0 &&
                                      opt->community_share <= 1))
        return BAD("--community-size must be >= 1, --community-share 0..1");
    if (!(opt->events_per_account > 0) || !(opt->activity_alpha > 0) ||
        !(opt->followers_median > 0) || !(opt->farm_followers_median > 0))
        return BAD("rates, shapes and medians must be positive");
    return CIB_OK;
#undef BAD
}
