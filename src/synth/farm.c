/*
 * farm.c — planted networks, after the takedown reports they imitate
 * (DESIGN.md "The case it is built for").
 *
 * A network is an office in one IANA zone.  Its operators each own a
 * share of its assets: a page first (operator 1's page is the network's
 * main page), a group when they run five or more, personal accounts for
 * the rest (Facebook, Instagram, Twitter).  Audiences are small.  The
 * assets were created in three batches shortly before the network starts.
 * A round-the-clock network's operators work 8-hour shifts (00-08, 08-16,
 * 16-24 local, every day) on one shared pool of assets.
 *
 * Working days: not a rest day, not one of the yearly holidays, within the
 * active period; intensity 1, or --burst-factor inside the burst periods
 * (the "most active in 2017, spike in late 2020" of the report).  On a
 * working day each operator comes in with probability 0.95, starting up
 * to a quarter of an hour late; events fall in the shift, thinned to
 * lunch-keep in the lunch hour.
 *
 * Campaigns enlist accounts of every operator present (so one network is
 * one co-acting cluster, whatever its number of operators), in the shares
 * of --campaign-mix (35, 25, 20, 10, 10%):
 *  - link: an account posts a link to one of the network's sites; others
 *    share the same link with copies of its text;
 *  - amplify: the main page posts; others repost it, some also comment
 *    with copies of one comment;
 *  - raid: accounts comment on a popular organic or news post with copies
 *    of one text;
 *  - hashtag: accounts post their own texts with the same hashtags;
 *  - media: accounts share a popular news story with copies of one text.
 * A copy follows the lead after a log-normal delay (median
 * --campaign-delay, sigma 0.8, 2 s to 15 min; raids twice as slow) and is
 * lightly edited with probability --edit-rate.  Besides campaigns, each
 * account posts on its own (--solo-share of the network's events).
 *
 * An event's network value is its operator's desk (75%), the office's
 * shared exit (15%) or the operator's phone on a carrier's NAT (10%).
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { CAMP_LINK, CAMP_AMPLIFY, CAMP_RAID, CAMP_HASHTAG, CAMP_MEDIA,
       CAMP_COUNT };
#define PRESENT 0.95

/* Per-day state of one network. */
typedef struct farm_day {
    synth_world *w;
    synth_net *net;
    cib_rng *r;
    uint32_t d;
    int64_t wall0;      /* local midnight of the day, as wall seconds */
    bool present[64];   /* operators (first 64) in today */
    int64_t late[64];   /* their start delay, seconds */
    uint32_t *cand;     /* accounts whose operator is in */
    uint32_t n_cand;
} farm_day;

static uint32_t op_slot(const synth_net *n, uint32_t op)
{
    return (op - n->op_begin) % 64;
}

static bool op_present(const farm_day *f, uint32_t op)
{
    return f->present[op_slot(f->net, op)];
}

static int64_t local_to_utc(const farm_day *f, double hour)
{
    return synth_wall_to_utc(f->w, f->net->tz,
                             f->wall0 + (int64_t)(hour * 3600));
}

/* A time in the shift of operator op (Unix seconds); in a
 * round-the-clock network any time of the day (whoever is on shift then
 * acts, see actor()). */
static int64_t shift_time(farm_day *f, uint32_t op)
{
    const cib_synth_network *c = f->net->cfg;
    if (c->round_the_clock)
        return local_to_utc(f, 24.0 * cib_rng_uniform(f->r));
    double h;
    for (int tries = 0;; tries++) {
        h = c->shift_start + (c->shift_end - c->shift_start) *
                                 cib_rng_uniform(f->r);
        bool lunch = c->lunch_hour >= 0 && h >= c->lunch_hour &&
                     h < c->lunch_hour + 1;
        if (!lunch || tries > 20 || cib_rng_uniform(f->r) < c->lunch_keep)
            break;
    }
    return local_to_utc(f, h) + f->late[op_slot(f->net, op)];
}

/* The operator who acts for account a at time t: its owner, or in a
 * round-the-clock network whoever's shift holds t. */
static uint32_t actor(const farm_day *f, uint32_t a, int64_t t)
{
    const synth_net *n = f->net;
    if (!n->cfg->round_the_clock)
        return f->w->acct[a].op;
    int64_t wall = synth_utc_to_wall(f->w, n->tz, t);
    uint32_t s = (uint32_t)(((wall % 86400) + 86400) % 86400 / 28800);
    uint32_t m = n->op_end - n->op_begin;
    for (uint32_t i = 0; i < m; i++) {
        uint32_t op = n->op_begin + (s + 3 * i) % m;
        if (f->w->ops[op].shift == s)
            return op;
    }
    return n->op_begin + s % m;
}

static synth_row *event(farm_day *f, uint32_t a, int64_t t, cib_action act)
{
    synth_net *n = f->net;
    synth_row *r = synth_push(f->w, a, t, act,
                              synth_post_id(STREAM_FARM +
                                                (unsigned)(n - f->w->nets),
                                            n->next_post++));
    if (r == NULL)
        return NULL;
    r->op = (uint16_t)actor(f, a, t);
    double u = cib_rng_uniform(f->r);
    r->net = u < 0.75 ? NET_DESK : u < 0.9 ? NET_OFFICE : NET_MOBILE;
    r->lang = (uint8_t)n->cfg->lang;
    return r;
}

static void network_tags(farm_day *f, synth_row *r, unsigned k)
{
    uint32_t base = SYNTH_TAG_NETWORK +
                    (uint32_t)(f->net - f->w->nets) * SYNTH_NETWORK_TAGS;
    r->n_tags = (uint8_t)k;
    for (unsigned i = 0; i < k; i++)
        r->tags[i] = (uint16_t)(base + cib_rng_below(f->r, SYNTH_NETWORK_TAGS));
}

static void copy_tags(synth_row *to, const synth_row *from)
{
    to->n_tags = from->n_tags;
    memcpy(to->tags, from->tags, sizeof to->tags);
}

static double copy_delay(farm_day *f, double scale)
{
    double x = cib_rng_lognormal(f->r, f->w->opt.campaign_delay_s * scale, 0.8);
    return fmin(900 * scale, fmax(2, x));
}

static uint8_t copy_edit(farm_day *f)
{
    return cib_rng_uniform(f->r) < f->w->opt.edit_rate
               ? (uint8_t)(1 + cib_rng_below(f->r, 250)) : 0;
}

/* k distinct candidates other than `not` into out; returns how many. */
static uint32_t enlist(farm_day *f, uint32_t not, uint32_t k, uint32_t *out)
{
    uint32_t m = 0;
    for (uint32_t i = 0; i < f->n_cand; i++)
        if (f->cand[i] != not)
            out[m++] = f->cand[i];
    /* partial Fisher-Yates: the first k of a shuffle */
    if (k > m)
        k = m;
    for (uint32_t i = 0; i < k; i++) {
        uint32_t j = i + (uint32_t)cib_rng_below(f->r, m - i);
        uint32_t t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
    return k;
}

/* The most recent raid target posted before t (among the last 32). */
static bool raid_target(farm_day *f, int64_t t, uint64_t *post)
{
    synth_world *w = f->w;
    size_t seen = 0;
    for (size_t i = 0; i < w->ring_n && seen < 32; i++) {
        const synth_target *x =
            &w->ring[(w->ring_head + SYNTH_RING - 1 - i) % SYNTH_RING];
        if (x->time < t - 60) {
            seen++;
            if (cib_rng_below(f->r, 4) == 0 || seen == 32) {
                *post = x->post;
                return true;
            }
        }
    }
    return false;
}

static bool media_story(farm_day *f, int64_t t, synth_story *out)
{
    synth_world *w = f->w;
    for (size_t i = 0; i < w->story_n; i++) {
        const synth_story *s =
            &w->stories[(w->story_head + SYNTH_STORY_RING - 1 - i) %
                        SYNTH_STORY_RING];
        if (s->time < t - 60 && cib_rng_below(f->r, 3) == 0) {
            *out = *s;
            return true;
        }
    }
    return false;
}

static int campaign(farm_day *f, uint32_t *buf)
{
    synth_world *w = f->w;
    synth_net *n = f->net;
    const cib_synth_options *o = &w->opt;
    double total = 0, s = 0;
    for (int i = 0; i < CAMP_COUNT; i++)
        total += o->campaign_mix[i];
    double x = cib_rng_uniform(f->r) * total;
    int type = CAMP_LINK;
    for (int i = 0; i < CAMP_COUNT; i++) {
        s += o->campaign_mix[i];
        if (x < s) {
            type = i;
            break;
        }
    }
    uint32_t main_page = n->acct_begin;
    uint32_t lead = f->cand[cib_rng_below(f->r, f->n_cand)];
    if (type == CAMP_AMPLIFY) {
        if (!n->cfg->round_the_clock && !op_present(f, w->acct[main_page].op))
            type = CAMP_LINK;
        else
            lead = main_page;
    }
    uint32_t kmax = o->campaign_max, kmin = o->campaign_min;
    uint32_t k = kmin + (uint32_t)cib_rng_below(f->r, kmax - kmin + 1);
    k = enlist(f, lead, k, buf);
    int64_t t0 = shift_time(f, w->acct[lead].op);
    uint64_t target = 0;
    synth_story st = {0};
    if (type == CAMP_RAID && !raid_target(f, t0, &target))
        type = CAMP_LINK;
    if (type == CAMP_MEDIA && !media_story(f, t0, &st))
        type = CAMP_LINK;

    uint64_t text = cib_rng_next(f->r) | 1;
    synth_row lead_row;
    synth_row *r;
    switch (type) {
    case CAMP_LINK:
    case CAMP_MEDIA:
        r = event(f, lead, t0, CIB_ACTION_POST);
        if (r == NULL)
            return CIB_ENOMEM;
        r->text_kind = TEXT_MESSAGE;
        r->text = text;
        network_tags(f, r, 1 + (unsigned)cib_rng_below(f->r, 2));
        if (type == CAMP_LINK) {
            r->url_kind = URL_SITE;
            r->domain = (uint16_t)cib_rng_below(f->r, SYNTH_SITES);
            r->url = (uint32_t)n->next_article++;
        } else {
            r->url_kind = URL_STORY;
            r->domain = st.domain;
            r->url = st.id;
        }
        lead_row = *r;
        for (uint32_t i = 0; i < k; i++) {
            int64_t t = t0 + (int64_t)copy_delay(f, 1);
            r = event(f, buf[i], t, CIB_ACTION_SHARE);
            if (r == NULL)
                return CIB_ENOMEM;
            r->url_kind = lead_row.url_kind;
            r->domain = lead_row.domain;
            r->url = lead_row.url;
            r->url_var = cib_rng_uniform(f->r) < 0.15 ? VAR_UTM : VAR_PLAIN;
            r->text_kind = TEXT_MESSAGE;
            r->text = text;
            r->edit = copy_edit(f);
            copy_tags(r, &lead_row);
        }
        return CIB_OK;
    case CAMP_AMPLIFY: {
        r = event(f, lead, t0, CIB_ACTION_POST);
        if (r == NULL)
            return CIB_ENOMEM;
        r->text_kind = TEXT_MESSAGE;
        r->text = text;
        network_tags(f, r, 1);
        if (cib_rng_uniform(f->r) < 0.5) {
            r->url_kind = URL_SITE;
            r->domain = (uint16_t)cib_rng_below(f->r, SYNTH_SITES);
            r->url = (uint32_t)n->next_article++;
        }
        uint64_t post = r->post;
        uint64_t comment = cib_rng_next(f->r) | 1;
        for (uint32_t i = 0; i < k; i++) {
            int64_t t = t0 + (int64_t)copy_delay(f, 1);
            r = event(f, buf[i], t, CIB_ACTION_REPOST);
            if (r == NULL)
                return CIB_ENOMEM;
            r->object = post;
            if (cib_rng_uniform(f->r) < 0.3) {
                t += (int64_t)copy_delay(f, 1);
                r = event(f, buf[i], t, CIB_ACTION_COMMENT);
                if (r == NULL)
                    return CIB_ENOMEM;
                r->object = post;
                r->text_kind = TEXT_MESSAGE;
                r->text = comment;
                r->edit = copy_edit(f);
            }
        }
        return CIB_OK;
    }
    case CAMP_RAID:
        buf[k++] = lead;
        for (uint32_t i = 0; i < k; i++) {
            int64_t t = t0 + (i + 1 < k ? (int64_t)copy_delay(f, 2) : 0);
            uint32_t a = buf[i];
            r = event(f, a, t, w->acct[a].platform == SYNTH_FACEBOOK
                                   ? CIB_ACTION_COMMENT : CIB_ACTION_REPLY);
            if (r == NULL)
                return CIB_ENOMEM;
            r->object = target;
            r->text_kind = TEXT_MESSAGE;
            r->text = text;
            r->edit = i + 1 < k ? copy_edit(f) : 0;
        }
        return CIB_OK;
    default: { /* hashtag */
        synth_row tags = {0};
        network_tags(f, &tags, 2);
        buf[k++] = lead;
        for (uint32_t i = 0; i < k; i++) {
            int64_t t = t0 + (i + 1 < k ? (int64_t)copy_delay(f, 3) : 0);
            r = event(f, buf[i], t, CIB_ACTION_POST);
            if (r == NULL)
                return CIB_ENOMEM;
            r->text_kind = TEXT_MESSAGE;
            r->text = cib_rng_next(f->r) | 1;
            copy_tags(r, &tags);
        }
        return CIB_OK;
    }
    }
}

static int solo(farm_day *f)
{
    uint32_t a = f->cand[cib_rng_below(f->r, f->n_cand)];
    int64_t t = shift_time(f, f->w->acct[a].op);
    synth_row *r = event(f, a, t, CIB_ACTION_POST);
    if (r == NULL)
        return CIB_ENOMEM;
    r->text_kind = TEXT_MESSAGE;
    r->text = cib_rng_next(f->r) | 1;
    double u = cib_rng_uniform(f->r);
    if (u < 0.4)
        network_tags(f, r, 1 + (unsigned)cib_rng_below(f->r, 2));
    if (u > 0.8) {
        r->url_kind = URL_SITE;
        r->domain = (uint16_t)cib_rng_below(f->r, SYNTH_SITES);
        r->url = (uint32_t)f->net->next_article++;
    }
    return CIB_OK;
}

int synth_farm_day(synth_world *w, uint32_t k, uint32_t d)
{
    synth_net *n = &w->nets[k];
    double factor = n->day_factor[d];
    if (factor <= 0)
        return CIB_OK;
    uint32_t m = n->acct_end - n->acct_begin;
    uint32_t *buf = malloc(2 * (size_t)m * sizeof *buf + sizeof *buf);
    if (buf == NULL)
        return CIB_ENOMEM;
    farm_day f = {.w = w, .net = n, .r = &n->rng, .d = d, .cand = buf + m};
    f.wall0 = w->opt.start + (int64_t)d * 86400;
    /* round-the-clock shifts hand over; an office's people come and go */
    bool any = false;
    for (uint32_t op = n->op_begin; op < n->op_end; op++) {
        bool in = n->cfg->round_the_clock || cib_rng_uniform(&n->rng) < PRESENT;
        f.present[op_slot(n, op)] = f.present[op_slot(n, op)] || in;
        f.late[op_slot(n, op)] = (int64_t)cib_rng_below(&n->rng, 900);
        any = any || in;
    }
    for (uint32_t a = n->acct_begin; a < n->acct_end && any; a++)
        if (n->cfg->round_the_clock || op_present(&f, w->acct[a].op))
            f.cand[f.n_cand++] = a;
    int rc = CIB_OK;
    if (f.n_cand > 0) {
        uint64_t c = f.n_cand > 1 ? cib_rng_poisson(&n->rng,
                                                    n->campaigns_per_day * factor)
                                  : 0;
        for (uint64_t i = 0; i < c && rc == CIB_OK; i++)
            rc = campaign(&f, buf);
        uint64_t s = cib_rng_poisson(&n->rng, n->solo_per_day * factor);
        for (uint64_t i = 0; i < s && rc == CIB_OK; i++)
            rc = solo(&f);
    }
    free(buf);
    return rc;
}

/* ---------------------------------------------------------------- setup */

/* Day factors: active period, rest days, holidays and burst periods. */
static void plan_days(synth_world *w, synth_net *n)
{
    const cib_synth_network *c = n->cfg;
    uint32_t days = w->opt.days;
    int64_t first = c->first ? (c->first - w->opt.start) / 86400 : 0;
    int64_t last = c->last ? (c->last - w->opt.start) / 86400 : days - 1;
    for (uint32_t d = 0; d < days; d++) {
        bool on = (int64_t)d >= first && (int64_t)d <= last;
        if (!c->round_the_clock && (c->rest_days >> synth_weekday(w, d) & 1))
            on = false;
        n->day_factor[d] = on ? 1.0f : 0.0f;
    }
    if (!c->round_the_clock) {
        uint32_t holidays = (uint32_t)round(c->holidays * days / 365.0);
        for (uint32_t i = 0; i < holidays; i++)
            n->day_factor[cib_rng_below(&n->rng, days)] = 0;
    }
    int64_t lo = first < 0 ? 0 : first, hi = last >= days ? days - 1 : last;
    for (uint32_t b = 0; b < c->bursts && hi >= lo; b++) {
        int64_t s = lo + (int64_t)cib_rng_below(&n->rng, (uint64_t)(hi - lo + 1));
        for (int64_t d = s; d < s + c->burst_days && d <= hi; d++)
            if (n->day_factor[d] > 0)
                n->day_factor[d] = (float)c->burst_factor;
    }
}

static void setup_accounts(synth_world *w, synth_net *n, uint32_t k,
                           uint32_t first_day)
{
    cib_rng *r = &n->rng;
    const cib_synth_network *c = n->cfg;
    uint32_t m = n->acct_end - n->acct_begin;
    uint32_t ops = n->op_end - n->op_begin;
    double med = w->opt.farm_followers_median;
    int64_t first = w->opt.start + (int64_t)first_day * 86400;
    int64_t batch[3];
    for (int b = 0; b < 3; b++)
        batch[b] = first - (int64_t)(7 + cib_rng_below(r, 173)) * 86400;
    uint32_t photos = m * 6 / 10 ? m * 6 / 10 : 1;
    for (uint32_t j = 0; j < m; j++) {
        synth_account *a = &w->acct[n->acct_begin + j];
        /* operator o owns assets j with j mod ops == o: o's first is a
         * page (the network's main page for o = 0), second a group when
         * it has five or more */
        uint32_t o = j % ops, nth = j / ops, owned = m / ops + (o < m % ops);
        a->kind = KIND_FARM;
        a->group = (uint8_t)k;
        a->op = (uint16_t)(n->op_begin + o);
        a->asset = nth == 0 ? CIB_ASSET_PAGE
                   : nth == 1 && owned >= 5 ? CIB_ASSET_GROUP
                                            : CIB_ASSET_ACCOUNT;
        double u = cib_rng_uniform(r);
        a->platform = a->asset != CIB_ASSET_ACCOUNT || u < 0.6 ? SYNTH_FACEBOOK
                      : u < 0.85 ? SYNTH_INSTAGRAM : SYNTH_TWITTER;
        double f = cib_rng_lognormal(r, med, 0.9);
        if (a->asset == CIB_ASSET_PAGE)
            f *= 10;
        else if (a->asset == CIB_ASSET_GROUP)
            f *= 5;
        a->followers = (uint32_t)fmin(f, 5e7);
        a->created = (uint16_t)((batch[j % 3] +
                                 (int64_t)cib_rng_below(r, 2 * 86400)) / 86400);
        /* stolen photos: a pool of 0.6 per asset, so some are reused */
        a->home = (uint32_t)cib_rng_below(r, photos);
        a->first_day = 0;
        a->last_day = (uint16_t)(w->opt.days - 1);
    }
    (void)c;
}

int synth_farm_setup(synth_world *w, cib_error *err)
{
    const cib_synth_options *o = &w->opt;
    w->n_nets = o->n_networks;
    uint32_t n_ops = 0;
    for (uint32_t k = 0; k < w->n_nets; k++)
        n_ops += o->networks[k].operators;
    w->ops = calloc(n_ops ? n_ops : 1, sizeof *w->ops);
    if (w->ops == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    uint32_t acct = w->n_organic + w->n_news, op = 0;
    for (uint32_t k = 0; k < w->n_nets; k++) {
        synth_net *n = &w->nets[k];
        n->cfg = &o->networks[k];
        n->tz = cib_tzdb_find(w->db, n->cfg->zone);
        if (n->tz < 0)
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "network %u: zone '%s' is not in the tz "
                                 "database", k + 1, n->cfg->zone);
        cib_rng_seed(&n->rng, o->seed ^ (0x6661726dull + 0x1000193ull * k));
        n->acct_begin = acct;
        n->acct_end = acct + n->cfg->accounts;
        acct = n->acct_end;
        n->op_begin = op;
        n->op_end = op + n->cfg->operators;
        for (uint32_t i = 0; i < n->cfg->operators; i++, op++) {
            w->ops[op].net = (uint16_t)k;
            w->ops[op].index = (uint16_t)(i + 1);
            w->ops[op].shift = (uint8_t)(i % 3);
        }
        n->asn = (uint16_t)(64500 + k);
        n->addr = 0x5BBB0000u + (uint32_t)k * 0x100u + (uint32_t)(cib_rng_below(&n->rng, 200) << 16);
        n->next_post = n->next_article = 1;
        n->day_factor = calloc(o->days, sizeof *n->day_factor);
        if (n->day_factor == NULL)
            return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        plan_days(w, n);
        uint32_t first_day = 0;
        while (first_day + 1 < o->days && n->day_factor[first_day] == 0)
            first_day++;
        setup_accounts(w, n, k, first_day);

        /* budget: events = campaigns * (lead + enlisted + comments) +
         * solo posts, spread over the day factors; an operator absent
         * shrinks the pool a little, which the budget ignores */
        double sum = 0;
        for (uint32_t d = 0; d < o->days; d++)
            sum += n->day_factor[d];
        double e = n->cfg->share * (double)o->events;
        uint32_t m = n->cfg->accounts;
        double pool = n->cfg->round_the_clock ? m : PRESENT * m;
        double kmax = fmin(o->campaign_max, fmax(1, pool - 1.0));
        double kmin = fmin(o->campaign_min, kmax);
        double kmean = (kmin + kmax) / 2;
        /* raids and hashtag pushes count the lead among the k + 1 */
        double mix = 0;
        for (int i = 0; i < CAMP_COUNT; i++)
            mix += o->campaign_mix[i];
        double per = 1 + kmean + o->campaign_mix[CAMP_AMPLIFY] / mix * 0.3 * kmean;
        double solo_share = m > 1 ? o->solo_share : 1.0;
        if (sum > 0) {
            n->campaigns_per_day = m > 1 ? (1 - solo_share) * e / (per * sum) : 0;
            n->solo_per_day = solo_share * e / sum;
        }
    }
    return CIB_OK;
}
