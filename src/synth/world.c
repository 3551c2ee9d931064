/*
 * world.c — setting up the simulated world: who the organic accounts and
 * news pages are, where they live and when they are awake, and how the
 * event budget splits over own posts, story shares, bursts and cascades
 * (farms: farm.c).  Every number below is a default knob or derived from
 * knobs so that the expected total is opt->events; docs/synth.md gives
 * the derivations.  Relies on rng.h and zones.c.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Relative activity by local hour for ordinary users: asleep 1-6, a rise
 * through the day and the evening peak 19-22 seen in public samples (the
 * Pfizer-tweets hour profile of data/real/README.md, section 6, peaks in
 * the evening of its users' zones as well). */
static const double ORGANIC_HOURS[24] = {
    2.0, 1.0, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3.0, 3.2, 3.4,
    3.6, 3.4, 3.3, 3.4, 3.7, 4.2, 5.0, 5.8, 6.3, 6.5, 5.5, 3.8};

/* Stories an outlet's sister page posts (it posts its own section). */
#define SISTER_POST 0.6
/* Story popularity: Pareto(1.2) truncated at POP_CAP. */
#define POP_ALPHA 1.2
#define POP_CAP 2000.0

int synth_weekday(const synth_world *w, uint32_t d)
{
    int64_t days = w->opt.start / 86400 - (w->opt.start % 86400 < 0);
    return (int)(((days + d) % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

synth_row *synth_push(synth_world *w, uint32_t account, int64_t t,
                      cib_action action, uint64_t post)
{
    if (w->n_rows == w->cap_rows &&
        cib_grow((void **)&w->rows, &w->cap_rows, w->n_rows + 1,
                 sizeof *w->rows))
        return NULL;
    synth_row *r = &w->rows[w->n_rows++];
    memset(r, 0, sizeof *r);
    r->account = account;
    r->time = t;
    r->action = (uint8_t)action;
    r->post = post;
    return r;
}

/* The multiplier m for which the mean of min(m * s[i], cap) over the
 * samples is `target`: how big the mean of a capped heavy-tailed size must
 * be for the capped sizes to add up to the budget.  Bisection (the mean is
 * increasing in m); a target above the cap gives the largest m tried. */
static double calibrate(const double *s, size_t n, double cap, double target)
{
    if (target <= 0)
        return 0;
    double lo = 0, hi = 1e-9;
    for (;;) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += fmin(hi * s[i], cap);
        if (sum / n >= target || hi > 1e12)
            break;
        lo = hi;
        hi *= 2;
    }
    for (int it = 0; it < 60; it++) {
        double mid = (lo + hi) / 2, sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += fmin(mid * s[i], cap);
        if (sum / n < target)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

static uint16_t pick_zone(synth_world *w, cib_rng *r)
{
    return (uint16_t)cib_rng_pick(r, w->zone_cdf, w->n_zones);
}

/* A day of the span, as the uint16 the accounts keep. */
static uint16_t day16(double x, uint32_t days)
{
    if (x < 0)
        x = 0;
    if (x > days - 1)
        x = days - 1;
    return (uint16_t)x;
}

/* Communities: n_organic / community_size of them, of Pareto(1.5) sizes,
 * each with a home zone drawn from the zone mix where four in five of its
 * members live (people follow people of their own country). */
static int setup_communities(synth_world *w)
{
    cib_rng *r = &w->rng_setup;
    uint32_t n = (uint32_t)fmax(1, round((double)w->n_organic /
                                         w->opt.community_size));
    w->n_comm = n;
    w->comm_cdf = malloc(n * sizeof *w->comm_cdf);
    w->comm_zone = malloc(n * sizeof *w->comm_zone);
    w->comm_alias = calloc(n, sizeof *w->comm_alias);
    w->comm_begin = calloc((size_t)n + 1, sizeof *w->comm_begin);
    w->comm_members = malloc((w->n_organic ? w->n_organic : 1) *
                             sizeof *w->comm_members);
    if (!w->comm_cdf || !w->comm_zone || !w->comm_alias || !w->comm_begin ||
        !w->comm_members)
        return CIB_ENOMEM;
    double sum = 0;
    for (uint32_t c = 0; c < n; c++) {
        sum += fmin(cib_rng_pareto(r, 1.5), 50);
        w->comm_cdf[c] = sum;
        w->comm_zone[c] = pick_zone(w, r);
    }
    return CIB_OK;
}

/* Group the organic accounts by community (a counting sort) and build
 * each community's alias table over its members' activity. */
static int index_communities(synth_world *w)
{
    uint32_t n = w->n_comm;
    for (uint32_t i = 0; i < w->n_organic; i++)
        w->comm_begin[w->acct[i].community + 1]++;
    for (uint32_t c = 0; c < n; c++)
        w->comm_begin[c + 1] += w->comm_begin[c];
    uint32_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
    double *weights = malloc((w->n_organic ? w->n_organic : 1) * sizeof *weights);
    if (fill == NULL || weights == NULL) {
        free(fill);
        free(weights);
        return CIB_ENOMEM;
    }
    memcpy(fill, w->comm_begin, ((size_t)n + 1) * sizeof *fill);
    for (uint32_t i = 0; i < w->n_organic; i++)
        w->comm_members[fill[w->acct[i].community]++] = i;
    int rc = CIB_OK;
    for (uint32_t c = 0; c < n && rc == CIB_OK; c++) {
        uint32_t b = w->comm_begin[c], e = w->comm_begin[c + 1];
        if (b == e)
            continue; /* empty: its draws go to everyone (organic.c) */
        for (uint32_t k = b; k < e; k++)
            weights[k - b] = w->weight[w->comm_members[k]];
        if (cib_alias_init(&w->comm_alias[c], weights, e - b) != 0)
            rc = CIB_ENOMEM;
    }
    free(fill);
    free(weights);
    return rc;
}

static void setup_organic(synth_world *w)
{
    cib_rng *r = &w->rng_setup;
    uint32_t days = w->opt.days;
    /* accounts existed since 2008 at the earliest */
    int64_t oldest = INT64_C(1199145600);
    for (uint32_t i = 0; i < w->n_organic; i++) {
        synth_account *a = &w->acct[i];
        a->kind = KIND_ORGANIC;
        a->community = (uint32_t)cib_rng_pick(r, w->comm_cdf, w->n_comm);
        a->zone = cib_rng_uniform(r) < 0.8 ? w->comm_zone[a->community]
                                           : pick_zone(w, r);
        double u = cib_rng_uniform(r);
        a->platform = u < 0.55 ? SYNTH_FACEBOOK
                      : u < 0.8 ? SYNTH_INSTAGRAM : SYNTH_TWITTER;
        u = cib_rng_uniform(r);
        a->asset = u < 0.02 ? CIB_ASSET_PAGE
                   : u < 0.03 ? CIB_ASSET_GROUP : CIB_ASSET_ACCOUNT;
        double f = cib_rng_lognormal(r, w->opt.followers_median,
                                     w->opt.followers_sigma);
        if (a->asset != CIB_ASSET_ACCOUNT)
            f *= 10; /* pages and groups reach further */
        a->followers = (uint32_t)fmin(f, 5e7);
        /* Pareto activity, clipped so no one takes a tenth of the day */
        w->weight[i] = fmin(cib_rng_pareto(r, w->opt.activity_alpha),
                                1000.0);
        a->chrono = (int16_t)fmax(-180, fmin(180, 60 * cib_rng_normal(r)));
        /* three in four stay all along; the rest join or leave midway */
        a->first_day = 0;
        a->last_day = (uint16_t)(days - 1);
        u = cib_rng_uniform(r);
        if (u < 0.125 && days > 60)
            a->first_day = day16(cib_rng_uniform(r) * (days - 30), days);
        else if (u < 0.25 && days > 60)
            a->last_day = day16(30 + cib_rng_uniform(r) * (days - 30), days);
        a->home = (uint32_t)cib_rng_next(r);
        int64_t joined = w->opt.start + (int64_t)a->first_day * 86400;
        int64_t created = a->first_day > 0
                              ? joined - (int64_t)cib_rng_below(r, 30 * 86400)
                              : oldest + (int64_t)(cib_rng_uniform(r) *
                                                   (double)(joined - oldest));
        a->created = (uint16_t)(created / 86400);
    }
}

/* News pages: group g (< news_groups) is the outlet of domain rank g with
 * sister_pages pages; then single pages for the next news_pages outlets. */
static void setup_news(synth_world *w)
{
    cib_rng *r = &w->rng_setup;
    const cib_synth_options *o = &w->opt;
    for (size_t d = 0; d < SYNTH_DOMAINS; d++)
        w->domain_first_page[d] = -1;
    uint32_t a = w->n_organic;
    uint32_t outlets = o->news_groups + o->news_pages;
    for (uint32_t g = 0; g < outlets && g < SYNTH_DOMAINS; g++) {
        uint32_t pages = g < o->news_groups ? o->sister_pages : 1;
        w->domain_first_page[g] = (int32_t)a;
        w->domain_pages[g] = (uint8_t)pages;
        w->group_sync[g] = cib_rng_uniform(r) < o->news_sync;
        w->group_utm[g] = cib_rng_uniform(r) < 0.5;
        uint32_t comm = (uint32_t)cib_rng_pick(r, w->comm_cdf, w->n_comm);
        uint16_t zone = w->comm_zone[comm];
        for (uint32_t p = 0; p < pages; p++, a++) {
            synth_account *acc = &w->acct[a];
            acc->community = comm;
            acc->kind = KIND_NEWS;
            acc->group = (uint8_t)g;
            acc->zone = zone;
            acc->platform = p % 3 == 2 ? SYNTH_TWITTER : SYNTH_FACEBOOK;
            acc->asset = CIB_ASSET_PAGE;
            acc->followers = (uint32_t)fmin(5e7, cib_rng_lognormal(
                r, p == 0 ? 120000 : 30000, 1.0));
            acc->first_day = 0;
            acc->last_day = (uint16_t)(o->days - 1);
            acc->home = 1; /* not a default avatar */
            acc->created = (uint16_t)(14610 + /* 2010-2014 */
                                      cib_rng_below(r, 5 * 365));
        }
    }
}

/* Budget of the organic and news generators, per simulated day. */
static int setup_budget(synth_world *w, double e_news, double e_org)
{
    const cib_synth_options *o = &w->opt;
    double days = o->days;
    /* bursts first (a second story is shared by 3 in 10 sharers); the
     * mix splits what they leave, at least a fifth */
    w->bursts_per_day = o->bursts_per_month / 30.44;
    double n_bursts = w->bursts_per_day * days;
    w->burst_size = o->burst_size;
    if (w->burst_size == 0) {
        double reach = fmax(5, fmin(1000, o->burst_reach * w->n_organic));
        double most = n_bursts > 0 ? o->burst_max_share * e_org /
                                         (1.3 * n_bursts)
                                   : reach;
        w->burst_size = fmax(1, fmin(reach, most));
    }
    double burst_events = n_bursts * w->burst_size * 1.3;
    double rest = fmax(0.2 * e_org, e_org - burst_events);
    double mix = o->mix_post + o->mix_share + o->mix_repost + o->mix_reply;
    double chat = rest * o->mix_post / mix;
    double story_shares = rest * o->mix_share / mix;
    double cascades = rest * (o->mix_repost + o->mix_reply) / mix;
    w->reply_share = o->mix_repost + o->mix_reply > 0
                         ? o->mix_reply / (o->mix_repost + o->mix_reply) : 0;
    w->chat_per_day = chat / days;

    /* stories: enough for the news pages' share of events, each page
     * posting every story of its outlet (sister pages 60%) */
    double zipf[SYNTH_DOMAINS];
    cib_rng_zipf_weights(zipf, SYNTH_DOMAINS, 1.0);
    cib_rng_cdf(w->domain_cdf, zipf, SYNTH_DOMAINS);
    double total = w->domain_cdf[SYNTH_DOMAINS - 1], per_story = 0;
    for (size_t d = 0; d < SYNTH_DOMAINS; d++)
        if (w->domain_first_page[d] >= 0)
            per_story += zipf[d] / total *
                         (1 + (w->domain_pages[d] - 1) * SISTER_POST);
    if (per_story > 0 && e_news > 0)
        w->stories_per_day = fmax(1, e_news / (days * per_story));
    else
        w->stories_per_day = fmax(1, story_shares / (days * 4));

    /* cascades: news posts get a quarter (at most 20 each), own posts the
     * rest; sizes are capped, so each mean is solved for below */
    double news_posts = per_story * w->stories_per_day * days;
    double news_mean = news_posts > 0 ? fmin(20, 0.25 * cascades / news_posts)
                                      : 0;
    double chat_mean = chat > 0 ? fmax(0, cascades - news_mean * news_posts) /
                                      chat
                                : 0;
    w->cascade_cap = (uint32_t)fmax(20, fmin(5000, w->n_organic / 20.0));
    double cap = w->cascade_cap;

    /* samples of the unscaled size of a story's shares (its popularity),
     * a chat post's cascade (author by activity: audience x virality) and
     * a news post's (page audience x virality) */
    enum { SAMPLES = 4096 };
    double *s = malloc(SAMPLES * sizeof *s);
    if (s == NULL)
        return CIB_ENOMEM;
    cib_rng *r = &w->rng_setup;
    for (size_t i = 0; i < SAMPLES; i++)
        s[i] = fmin(cib_rng_pareto(r, POP_ALPHA), POP_CAP);
    w->shares_per_pop = calibrate(s, SAMPLES, cap,
                                  story_shares / (days * w->stories_per_day));
    /* authors as organic.c draws them: by activity, on their active
     * days only */
    for (size_t i = 0; i < SAMPLES; i++) {
        uint32_t a;
        do
            a = cib_alias_draw(&w->activity, r);
        while (cib_rng_uniform(r) * days >=
               w->acct[a].last_day - w->acct[a].first_day + 1.0);
        s[i] = (double)w->acct[a].followers * synth_virality(r);
    }
    w->chat_cascade = calibrate(s, SAMPLES, cap, chat_mean);
    /* pages as news.c posts: by their outlet's share of the stories
     * (sister pages 60% of it) */
    double *page_w = malloc((w->n_news ? w->n_news : 1) * sizeof *page_w);
    cib_alias pages = {0};
    if (page_w == NULL) {
        free(s);
        return CIB_ENOMEM;
    }
    for (uint32_t p = 0; p < w->n_news; p++) {
        const synth_account *a = &w->acct[w->n_organic + p];
        bool sister = w->domain_first_page[a->group] != (int32_t)(w->n_organic + p);
        page_w[p] = zipf[a->group] * (sister ? SISTER_POST : 1.0);
    }
    int rc = w->n_news ? cib_alias_init(&pages, page_w, w->n_news) : 0;
    free(page_w);
    if (rc != 0) {
        free(s);
        return CIB_ENOMEM;
    }
    for (size_t i = 0; i < SAMPLES && w->n_news; i++)
        s[i] = (double)w->acct[w->n_organic + cib_alias_draw(&pages, r)]
                   .followers * synth_virality(r);
    w->news_cascade = w->n_news ? calibrate(s, SAMPLES, cap, news_mean) : 0;
    cib_alias_free(&pages);
    free(s);
    return CIB_OK;
}

static void name(synth_name *n, const char *s)
{
    size_t len = strlen(s);
    if (len >= sizeof n->s)
        len = sizeof n->s - 1;
    memcpy(n->s, s, len);
    n->s[len] = '\0';
    n->n = (uint8_t)len;
}

/* Names written on many rows, formatted once. */
static void setup_names(synth_world *w)
{
    char buf[64];
    for (unsigned d = 0; d < SYNTH_DOMAINS; d++)
        name(&w->domain_names[d], synth_domain(d, buf, sizeof buf));
    for (unsigned t = 0; t < SYNTH_TAGS; t++)
        name(&w->tag_names[t], synth_tag(t, buf, sizeof buf));
    for (unsigned k = 0; k < CIB_SYNTH_MAX_NETWORKS; k++)
        for (unsigned s = 0; s < SYNTH_SITES; s++)
            name(&w->site_names[k * SYNTH_SITES + s],
                 synth_site(k, s, buf, sizeof buf));
}

int synth_world_init(synth_world *w, const cib_synth_options *opt,
                     const cib_tzdb *db, cib_error *err)
{
    memset(w, 0, sizeof *w);
    w->opt = *opt;
    w->db = db;
    /* one stream per generator: a farm knob leaves the organic rows be */
    cib_rng_seed(&w->rng_setup, opt->seed);
    cib_rng_seed(&w->rng_organic, opt->seed ^ 0x6f7267616e6963ull);
    cib_rng_seed(&w->rng_news, opt->seed ^ 0x6e657773ull);
    setup_names(w);
    int rc = synth_zones_init(w, err);
    if (rc != CIB_OK)
        return rc;

    double e = (double)opt->events, e_farm = 0;
    for (uint32_t i = 0; i < opt->n_networks; i++)
        e_farm += opt->networks[i].share * e;
    uint32_t outlets = opt->news_groups + opt->news_pages;
    w->n_news = opt->news_groups * opt->sister_pages + opt->news_pages;
    double e_news = w->n_news ? opt->news_share * e : 0;
    double e_org = e - e_farm - e_news;
    w->n_organic = opt->organic_accounts
                       ? opt->organic_accounts
                       : (uint32_t)fmax(100, round(e_org /
                                                   opt->events_per_account));
    uint32_t n_farm = 0;
    for (uint32_t i = 0; i < opt->n_networks; i++)
        n_farm += opt->networks[i].accounts;
    (void)outlets;
    w->n_acct = w->n_organic + w->n_news + n_farm;
    w->acct = calloc(w->n_acct, sizeof *w->acct);
    if (w->acct == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    /* ids are shuffled so that news pages and planted accounts do not
     * stand out by number */
    for (uint32_t i = 0; i < w->n_acct; i++)
        w->acct[i].label = i;
    for (uint32_t i = w->n_acct; i > 1; i--) {
        uint32_t j = (uint32_t)cib_rng_below(&w->rng_setup, i);
        uint32_t t = w->acct[i - 1].label;
        w->acct[i - 1].label = w->acct[j].label;
        w->acct[j].label = t;
    }
    w->weight = malloc((w->n_organic ? w->n_organic : 1) * sizeof *w->weight);
    if (w->weight == NULL || setup_communities(w) != CIB_OK)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    setup_organic(w);
    setup_news(w);
    rc = w->n_organic ? cib_alias_init(&w->activity, w->weight, w->n_organic)
                      : 0;
    if (rc != 0 || index_communities(w) != CIB_OK)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    free(w->weight);
    w->weight = NULL;
    w->hot = malloc((w->n_organic ? w->n_organic : 1) * sizeof *w->hot);
    if (w->hot == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    for (uint32_t i = 0; i < w->n_organic; i++)
        w->hot[i] = (synth_hot){w->acct[i].zone, w->acct[i].chrono,
                                w->acct[i].first_day, w->acct[i].last_day};
    if (setup_budget(w, e_news, e_org) != CIB_OK)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");

    double max = 0;
    for (int h = 0; h < 24; h++)
        max = fmax(max, ORGANIC_HOURS[h]);
    for (int h = 0; h < 24; h++)
        w->hour_weight[h] = ORGANIC_HOURS[h] / max;
    cib_rng_cdf(w->hour_cdf, ORGANIC_HOURS, 24);
    w->next_post_organic = w->next_post_news = w->next_story = 1;
    return synth_farm_setup(w, err);
}

void synth_world_free(synth_world *w)
{
    synth_flush_wait(w);
    free(w->batch[0]);
    free(w->batch[1]);
    for (uint32_t i = 0; i < w->n_nets; i++)
        free(w->nets[i].day_factor);
    cib_alias_free(&w->activity);
    for (uint32_t c = 0; c < w->n_comm && w->comm_alias; c++)
        cib_alias_free(&w->comm_alias[c]);
    free(w->comm_alias);
    free(w->comm_members);
    free(w->comm_begin);
    free(w->comm_cdf);
    free(w->comm_zone);
    free(w->tzdays);
    free(w->weight);
    free(w->hot);
    free(w->acct);
    free(w->ops);
    free(w->rows);
    free(w->keys);
    memset(w, 0, sizeof *w);
}
