/*
 * world.c — setting up the simulated world: who the accounts are, when
 * they are awake, how popular each URL is, and how many events each kind
 * of account makes (the event budget).  Relies on rng.h.
 *
 * Budget: the planted network gets 8 times its share of accounts in
 * events (capped at 30%): troll farms post far more than their size (the
 * "high volume, little following" of DESIGN.md).  Organic accounts split
 * the rest in proportion to Pareto(1.3) activity weights, clipped at 200
 * times the smallest so one account cannot take the whole budget.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Relative activity by local hour for ordinary users: asleep 1-6, a rise
 * through the day and the evening peak 19-22 seen in public samples. */
static const double ORGANIC_HOURS[24] = {
    2.0, 1.0, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3.0, 3.2, 3.4,
    3.6, 3.4, 3.3, 3.4, 3.7, 4.2, 5.0, 5.8, 6.3, 6.5, 5.5, 3.8};

/* The office shift: 9 to 18 local, the lunch dip at 13, nothing else. */
static const double OFFICE_HOURS[24] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0.7, 1, 1, 1, 0.3, 1, 1, 1, 0.8, 0, 0, 0, 0, 0, 0};

/* Home offsets of ordinary users and how common each is. */
static const int OFFSETS[] = {-8, -6, -5, 0, 1, 2, 3, 8, 9};
static const double OFFSET_WEIGHTS[] = {0.12, 0.06, 0.18, 0.14, 0.2,
                                        0.1,  0.06, 0.06, 0.08};
#define N_OFFSETS (sizeof OFFSETS / sizeof OFFSETS[0])

int synth_weekday(const synth_world *w, uint32_t d)
{
    int64_t days = w->opt.start / 86400 - (w->opt.start % 86400 < 0);
    return (int)(((days + d) % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

synth_row *synth_push(synth_world *w)
{
    if (cib_grow((void **)&w->rows, &w->cap_rows, w->n_rows + 1,
                 sizeof *w->rows))
        return NULL;
    synth_row *r = &w->rows[w->n_rows++];
    memset(r, 0, sizeof *r);
    r->seq = w->seq++;
    return r;
}

static void setup_organic(synth_world *w, double budget)
{
    double sum = 0;
    for (uint32_t i = 0; i < w->n_organic; i++) {
        synth_account *a = &w->acct[i];
        a->op = SYNTH_NO_OP;
        a->offset = (int8_t)OFFSETS[cib_rng_pick(&w->rng, w->offset_cdf,
                                                 N_OFFSETS)];
        double u = cib_rng_uniform(&w->rng);
        a->platform = u < 0.55 ? SYNTH_FACEBOOK
                      : u < 0.8 ? SYNTH_INSTAGRAM : SYNTH_TWITTER;
        u = cib_rng_uniform(&w->rng);
        a->asset = u < 0.02 ? CIB_ASSET_PAGE
                   : u < 0.03 ? CIB_ASSET_GROUP : CIB_ASSET_ACCOUNT;
        /* log-normal audience, median about 150; pages reach further */
        double f = exp(5.0 + 1.6 * cib_rng_normal(&w->rng));
        if (a->asset != CIB_ASSET_ACCOUNT)
            f *= 10;
        a->followers = (int64_t)fmin(f, 5e7);
        a->net = (uint32_t)cib_rng_next(&w->rng);
        a->rate = fmin(cib_rng_pareto(&w->rng, 1.3), 200.0);
        sum += a->rate;
    }
    for (uint32_t i = 0; i < w->n_organic; i++)
        w->acct[i].rate *= budget / (sum * w->opt.days);
}

/* Operators get equal shares of the network; in each the first account
 * is the main page, the second a group when the operator has six or
 * more, the rest personal accounts (one in four on Instagram). */
static void setup_network(synth_world *w, double budget)
{
    uint32_t n_net = w->n_acct - w->n_organic;
    w->n_ops = n_net < SYNTH_OPERATORS ? n_net : SYNTH_OPERATORS;
    uint32_t workdays = 0;
    for (uint32_t d = 0; d < w->opt.days; d++)
        workdays += synth_weekday(w, d) < 5;
    w->op_begin[0] = w->n_organic;
    for (uint32_t o = 0; o < w->n_ops; o++) {
        uint32_t m = n_net / w->n_ops + (o < n_net % w->n_ops);
        w->op_begin[o + 1] = w->op_begin[o] + m;
        for (uint32_t j = 0; j < m; j++) {
            synth_account *a = &w->acct[w->op_begin[o] + j];
            a->op = (uint8_t)o;
            a->offset = (int8_t)w->opt.utc_offset_hours;
            a->platform = j % 4 == 3 ? SYNTH_INSTAGRAM : SYNTH_FACEBOOK;
            a->asset = j == 0 ? CIB_ASSET_PAGE
                       : j == 1 && m >= 6 ? CIB_ASSET_GROUP : CIB_ASSET_ACCOUNT;
            a->followers =
                (int64_t)(a->asset == CIB_ASSET_PAGE
                              ? 300 + cib_rng_below(&w->rng, 2000)
                          : a->asset == CIB_ASSET_GROUP
                              ? 50 + cib_rng_below(&w->rng, 400)
                              : cib_rng_below(&w->rng, 120));
        }
        /* events per workday, 15% solo posts and the rest in campaigns of
         * one lead and k = kmin..kmax followers */
        double per_day = workdays ? budget * m / n_net / workdays : 0;
        uint32_t kmax = m - 1 < 8 ? m - 1 : 8, kmin = kmax < 3 ? kmax : 3;
        if (kmax == 0) {
            w->solo[o] = per_day;
            continue;
        }
        w->solo[o] = 0.15 * per_day;
        w->campaigns[o] = 0.85 * per_day / (1.0 + (kmin + kmax) / 2.0);
    }
}

int synth_world_init(synth_world *w, const cib_synth_options *opt)
{
    memset(w, 0, sizeof *w);
    w->opt = *opt;
    if (w->opt.days == 0)
        w->opt.days = 1;
    cib_rng_seed(&w->rng, opt->seed);
    w->n_organic = opt->organic_accounts;
    w->n_acct = opt->organic_accounts + opt->network_accounts;
    w->acct = calloc(w->n_acct ? w->n_acct : 1, sizeof *w->acct);
    if (w->acct == NULL)
        return CIB_ENOMEM;
    /* ids are shuffled so that planted accounts do not stand out by name */
    for (uint32_t i = 0; i < w->n_acct; i++)
        w->acct[i].label = i;
    for (uint32_t i = w->n_acct; i > 1; i--) {
        uint32_t j = (uint32_t)cib_rng_below(&w->rng, i);
        uint32_t t = w->acct[i - 1].label;
        w->acct[i - 1].label = w->acct[j].label;
        w->acct[j].label = t;
    }
    cib_rng_cdf(w->organic_hour_cdf, ORGANIC_HOURS, 24);
    cib_rng_cdf(w->office_hour_cdf, OFFICE_HOURS, 24);
    cib_rng_cdf(w->offset_cdf, OFFSET_WEIGHTS, N_OFFSETS);

    /* URL i's popularity is Zipf(1) by rank; its domain is drawn Zipf(1)
     * over the domains, so big outlets have many URLs */
    double weights[SYNTH_URLS];
    cib_rng_zipf_weights(weights, SYNTH_DOMAINS, 1.0);
    double dom_cdf[SYNTH_DOMAINS];
    cib_rng_cdf(dom_cdf, weights, SYNTH_DOMAINS);
    for (size_t i = 0; i < SYNTH_URLS; i++)
        w->url_domain[i] =
            (uint16_t)cib_rng_pick(&w->rng, dom_cdf, SYNTH_DOMAINS);
    cib_rng_zipf_weights(weights, SYNTH_URLS, 1.0);
    cib_rng_cdf(w->url_cdf, weights, SYNTH_URLS);
    cib_rng_zipf_weights(weights, SYNTH_POOL, 1.1);
    cib_rng_cdf(w->pool_cdf, weights, SYNTH_POOL);

    uint32_t n_net = opt->network_accounts;
    double share = w->n_organic == 0 ? 1.0
                   : n_net == 0      ? 0.0
                                     : fmin(0.3, 8.0 * n_net / w->n_acct);
    double net_budget = share * (double)opt->events;
    setup_organic(w, (double)opt->events - net_budget);
    if (n_net)
        setup_network(w, net_budget);
    w->next_post = 1;
    w->next_article = 1;
    return CIB_OK;
}

void synth_world_free(synth_world *w)
{
    free(w->acct);
    free(w->rows);
    free(w->fresh);
    memset(w, 0, sizeof *w);
}
