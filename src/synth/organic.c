/*
 * organic.c — ordinary accounts: their own posts of one local date, and
 * the reposts and replies (cascades) any post draws.
 *
 * Own posts: the day's count is Poisson around the budget; each post's
 * author is drawn by activity weight (Walker's alias: the same as giving
 * every account its own Poisson count, by the splitting property of the
 * Poisson process), thinned by the author's week (more on its country's
 * rest days) and placed at a local hour of the organic day, late by the
 * author's chronotype and an hour more on rest days.
 *
 * Cascades: a post by an account with audience f draws Poisson(min(m * f
 * * X, cap)) reactions, X a unit-mean Pareto(1.5) (a few posts go
 * viral), m solved for in world.c so the budget is met; each comes after a log-normal delay (median
 * --cascade-delay, sigma 1.5: seconds to a day) from an account drawn by
 * activity that is awake then, mostly (--community-share) from the
 * author's community: a cascade runs through followers, so the same
 * heavy users do not meet in every cascade.  Relies on world.c's tables.
 */
#include "internal.h"

#include <math.h>

bool synth_awake(synth_world *w, cib_rng *r, uint32_t a, int64_t t)
{
    const synth_hot *acc = &w->hot[a];
    int64_t wall = synth_utc_to_wall(w, w->zones[acc->zone].tz, t) -
                   (int64_t)acc->chrono * 60;
    int hour = (int)(((wall % 86400) + 86400) % 86400 / 3600);
    return cib_rng_uniform(r) < w->hour_weight[hour];
}

static uint32_t day_of(const synth_world *w, int64_t t)
{
    int64_t d = (t - w->opt.start) / 86400;
    return d < 0 ? 0 : d >= w->opt.days ? w->opt.days - 1 : (uint32_t)d;
}

static bool active(const synth_hot *a, uint32_t d)
{
    return d >= a->first_day && d <= a->last_day;
}

static uint32_t draw(synth_world *w, cib_rng *r, uint32_t comm)
{
    if (comm == SYNTH_ANYONE || comm >= w->n_comm ||
        w->comm_begin[comm] == w->comm_begin[comm + 1] ||
        cib_rng_uniform(r) >= w->opt.community_share)
        return cib_alias_draw(&w->activity, r);
    uint32_t i = cib_alias_draw(&w->comm_alias[comm], r);
    return w->comm_members[w->comm_begin[comm] + i];
}

uint32_t synth_pick_organic(synth_world *w, cib_rng *r, uint32_t d, int64_t t,
                            uint32_t comm)
{
    uint32_t a = draw(w, r, comm);
    for (int tries = 0; tries < 8; tries++) {
        if (active(&w->hot[a], d) && synth_awake(w, r, a, t))
            return a;
        a = draw(w, r, comm);
    }
    return a;
}

synth_row *synth_organic_row(synth_world *w, cib_rng *r, uint32_t a, int64_t t,
                             cib_action action)
{
    synth_row *row = synth_push(w, a, t, action,
                                synth_post_id(STREAM_ORGANIC,
                                              w->next_post_organic++));
    if (row != NULL)
        row->net = cib_rng_uniform(r) < w->opt.mobile_share ? NET_MOBILE
                                                            : NET_HOME;
    return row;
}

void synth_ring_push(synth_world *w, uint64_t post, int64_t t)
{
    w->ring[w->ring_head] = (synth_target){post, t};
    w->ring_head = (w->ring_head + 1) % SYNTH_RING;
    if (w->ring_n < SYNTH_RING)
        w->ring_n++;
}

double synth_virality(cib_rng *r)
{
    return fmin(cib_rng_pareto(r, 1.5) / 3.0, 1000.0); /* Pareto(1.5): mean 3 */
}

int synth_cascade(synth_world *w, cib_rng *r, uint32_t author, uint64_t post,
                  int64_t t0, double scale)
{
    if (scale <= 0)
        return CIB_OK;
    uint64_t n = cib_rng_poisson(
        r, fmin(scale * synth_virality(r), (double)w->cascade_cap));
    for (uint64_t i = 0; i < n; i++) {
        double delay = fmin(SYNTH_MAX_DELAY,
                            5 + cib_rng_lognormal(r, w->opt.cascade_delay_s, 1.5));
        int64_t t = t0 + (int64_t)delay;
        uint32_t a = synth_pick_organic(w, r, day_of(w, t), t,
                                        w->acct[author].community);
        if (a == author)
            continue;
        bool reply = cib_rng_uniform(r) < w->reply_share;
        synth_row *row = synth_organic_row(
            w, r, a, t, !reply ? CIB_ACTION_REPOST
                        : w->acct[a].platform == SYNTH_FACEBOOK ? CIB_ACTION_COMMENT
                                                                : CIB_ACTION_REPLY);
        if (row == NULL)
            return CIB_ENOMEM;
        row->object = post;
        if (reply) {
            row->lang = w->zones[w->acct[a].zone].lang;
            row->text_kind = cib_rng_uniform(r) < w->opt.stock_text
                                 ? TEXT_STOCK : TEXT_CHAT;
            row->text = cib_rng_next(r) | 1;
        }
    }
    return CIB_OK;
}

/* Zipf(1) over the organic tags, by inverse transform on the harmonic
 * sums (60 tags: a table would do no better). */
static uint16_t organic_tag(cib_rng *r)
{
    double h = 0;
    for (int i = 1; i <= SYNTH_ORGANIC_TAGS; i++)
        h += 1.0 / i;
    double x = cib_rng_uniform(r) * h, s = 0;
    for (int i = 1; i <= SYNTH_ORGANIC_TAGS; i++) {
        s += 1.0 / i;
        if (x < s)
            return (uint16_t)(i - 1);
    }
    return SYNTH_ORGANIC_TAGS - 1;
}

static int own_post(synth_world *w, cib_rng *r, uint32_t a, uint32_t d,
                    bool rest)
{
    const synth_hot *acc = &w->hot[a];
    int hour = (int)cib_rng_pick(r, w->hour_cdf, 24) + (rest ? 1 : 0);
    int64_t wall = w->opt.start + (int64_t)d * 86400 + hour * 3600 +
                   (int64_t)acc->chrono * 60 +
                   (int64_t)cib_rng_below(r, 3600);
    int64_t t = synth_wall_to_utc(w, w->zones[acc->zone].tz, wall);
    synth_row *row = synth_organic_row(w, r, a, t, CIB_ACTION_POST);
    if (row == NULL)
        return CIB_ENOMEM;
    uint64_t post = row->post;
    row->text_kind = TEXT_CHAT;
    row->lang = w->zones[acc->zone].lang;
    row->text = cib_rng_next(r) | 1;
    if (cib_rng_uniform(r) < 0.25) {
        row->n_tags = (uint8_t)(1 + cib_rng_below(r, 2));
        for (unsigned i = 0; i < row->n_tags; i++)
            row->tags[i] = organic_tag(r);
    }
    /* big accounts' posts are what farms raid in the comments */
    uint32_t followers = w->acct[a].followers;
    if (followers > 20000)
        synth_ring_push(w, post, t);
    return synth_cascade(w, r, a, post, t, w->chat_cascade * followers);
}

int synth_organic_day(synth_world *w, uint32_t d)
{
    cib_rng *r = &w->rng_organic;
    int weekday = synth_weekday(w, d);
    /* rest days 1.2, workdays 0.92: over a week of 2 rest days, 1.0 */
    uint64_t n = cib_rng_poisson(r, w->chat_per_day * 1.2);
    for (uint64_t i = 0; i < n; i++) {
        uint32_t a = cib_alias_draw(&w->activity, r);
        for (int tries = 0; tries < 10 && !active(&w->hot[a], d); tries++)
            a = cib_alias_draw(&w->activity, r);
        if (!active(&w->hot[a], d))
            continue;
        bool rest = w->zones[w->hot[a].zone].weekend >> weekday & 1;
        if (!rest && cib_rng_uniform(r) >= 0.92 / 1.2)
            continue;
        if (own_post(w, r, a, d, rest))
            return CIB_ENOMEM;
    }
    return CIB_OK;
}
