/*
 * news.c — the day's news: stories published by outlets, the automated
 * news pages that post them, the organic users who share them, and
 * breaking-news bursts.
 *
 * A story has an outlet (Zipf(1) over SYNTH_DOMAINS outlets), a
 * publishing time on its newsroom's day, and a popularity drawn from a
 * Pareto(1.2) capped at 2000: most stories are shared once or never, a
 * few thousands of times (the heavy tail of news sharing).  Organic shares
 * follow after a log-normal delay (median --share-delay, sigma 1.3).
 *
 * News pages post every story of their outlet's feed (a sister page the
 * 60% in its section) through a social-media tool: a "synchronous" tool
 * posts to all of a group's pages on one tick, seconds apart; otherwise
 * each page polls the feed on its own period (5 to 20 minutes).  The
 * pages' posts draw cascades like anyone's.
 *
 * Bursts: a story breaks at a random time; 1..--burst-stories outlets
 * publish on it within 15 minutes; --burst-size people (log-normal around
 * it) share one of them, exponentially delayed (mean --burst-spread), 3
 * in 10 a second one too, many quoting the headline or a reaction and the
 * event's hashtag.  Relies on organic.c for picking who is awake.
 */
#include "internal.h"

#include <math.h>

/* Publishing by local hour of a newsroom. */
static const double NEWSROOM_HOURS[24] = {
    0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 2.0, 2.5, 2.5, 2.5, 2.5,
    2.3, 2.3, 2.3, 2.3, 2.2, 2.0, 1.8, 1.6, 1.4, 1.2, 0.8, 0.5};

/* How organic sharers write a story's URL (VAR_* order). */
static const double VARIANT_WEIGHTS[VAR_COUNT] = {0.70, 0.10, 0.06,
                                                  0.04, 0.05, 0.05};

typedef struct story {
    uint32_t id;
    uint16_t domain;
    uint16_t tag;       /* breaking-news tag, 0 none */
    uint32_t community; /* whose story it is; SYNTH_ANYONE for bursts */
    int64_t time;
} story;

static uint8_t url_variant(cib_rng *r)
{
    double x = cib_rng_uniform(r), s = 0;
    for (uint8_t v = 0; v < VAR_COUNT; v++) {
        s += VARIANT_WEIGHTS[v];
        if (x < s)
            return v;
    }
    return VAR_PLAIN;
}

static long outlet_tz(const synth_world *w, uint16_t domain)
{
    int32_t page = w->domain_first_page[domain];
    uint32_t zone = page >= 0 ? w->acct[page].zone
                              : (uint32_t)(domain * 7u) % w->n_zones;
    return w->zones[zone].tz;
}

/* The outlet's pages post the story. */
static int page_posts(synth_world *w, cib_rng *r, const story *s)
{
    int32_t first = w->domain_first_page[s->domain];
    if (first < 0)
        return CIB_OK;
    uint32_t g = w->acct[first].group, pages = w->domain_pages[s->domain];
    int64_t tick = s->time + 60 + (int64_t)cib_rng_below(r, 540);
    for (uint32_t p = 0; p < pages; p++) {
        if (p > 0 && cib_rng_uniform(r) >= 0.6)
            continue;
        uint32_t a = (uint32_t)first + p;
        int64_t t = w->group_sync[g]
                        ? tick + (int64_t)cib_rng_below(r, 20)
                        : s->time + (int64_t)cib_rng_below(
                                        r, 300 * (1 + (p + g) % 4));
        uint64_t post = synth_post_id(STREAM_NEWS, w->next_post_news++);
        synth_row *row = synth_push(w, a, t, CIB_ACTION_POST, post);
        if (row == NULL)
            return CIB_ENOMEM;
        row->url_kind = URL_STORY;
        row->url = s->id;
        row->domain = s->domain;
        row->url_var = w->group_utm[g] ? VAR_UTM : VAR_PLAIN;
        row->text_kind = TEXT_HEADLINE;
        row->text = s->id;
        row->net = NET_TOOL;
        if (g % 2 == 0) {
            row->n_tags = 1;
            row->tags[0] = (uint16_t)(SYNTH_TAG_OUTLET + s->domain);
        }
        synth_ring_push(w, post, t);
        int rc = synth_cascade(w, r, a, post, t,
                               w->news_cascade * (double)w->acct[a].followers);
        if (rc != CIB_OK)
            return rc;
    }
    return CIB_OK;
}

/* One organic share of story s at time t. */
static int share(synth_world *w, cib_rng *r, const story *s, int64_t t,
                 bool burst)
{
    uint32_t d = (uint32_t)fmin(w->opt.days - 1,
                                fmax(0, (double)(t - w->opt.start) / 86400));
    uint32_t a = synth_pick_organic(w, r, d, t, burst ? SYNTH_ANYONE
                                                      : s->community);
    synth_row *row = synth_organic_row(w, r, a, t, CIB_ACTION_SHARE);
    if (row == NULL)
        return CIB_ENOMEM;
    row->url_kind = URL_STORY;
    row->url = s->id;
    row->domain = s->domain;
    row->url_var = url_variant(r);
    double u = cib_rng_uniform(r);
    if (u < w->opt.headline_text) {
        row->text_kind = TEXT_HEADLINE;
        row->text = s->id;
    } else if (u < w->opt.headline_text + 0.35) {
        row->text_kind = burst ? TEXT_REACTION : TEXT_CHAT;
        row->lang = w->zones[w->acct[a].zone].lang;
        row->text = cib_rng_next(r) | 1;
    }
    if (s->tag && cib_rng_uniform(r) < 0.4) {
        row->n_tags = 1;
        row->tags[0] = s->tag;
    }
    return CIB_OK;
}

static int publish(synth_world *w, cib_rng *r, story *s, double pop)
{
    s->id = (uint32_t)w->next_story++;
    /* an outlet with pages speaks to its pages' community; another
     * story finds its readers in some community, big ones likelier */
    int32_t page = w->domain_first_page[s->domain];
    s->community = page >= 0 ? w->acct[page].community
                             : (uint32_t)cib_rng_pick(r, w->comm_cdf, w->n_comm);
    int rc = page_posts(w, r, s);
    uint64_t n = cib_rng_poisson(
        r, fmin(w->shares_per_pop * pop, (double)w->cascade_cap));
    for (uint64_t i = 0; i < n && rc == CIB_OK; i++) {
        double delay = fmin(SYNTH_MAX_DELAY,
                            30 + cib_rng_lognormal(r, w->opt.share_delay_s, 1.3));
        rc = share(w, r, s, s->time + (int64_t)delay, false);
    }
    if (pop > 5 || s->tag) {
        w->stories[w->story_head] =
            (synth_story){s->id, s->domain, s->time};
        w->story_head = (w->story_head + 1) % SYNTH_STORY_RING;
        if (w->story_n < SYNTH_STORY_RING)
            w->story_n++;
    }
    return rc;
}

static int burst(synth_world *w, cib_rng *r, uint32_t d)
{
    story s[8];
    uint32_t k = 1 + (uint32_t)cib_rng_below(r, w->opt.burst_stories
                                                  ? (w->opt.burst_stories < 8
                                                         ? w->opt.burst_stories
                                                         : 8)
                                                  : 1);
    int64_t t0 = w->opt.start + (int64_t)d * 86400 +
                 (int64_t)cib_rng_below(r, 86400);
    uint16_t tag = (uint16_t)(SYNTH_TAG_BREAKING +
                              cib_rng_below(r, SYNTH_BREAKING_TAGS));
    for (uint32_t i = 0; i < k; i++) {
        s[i].domain = (uint16_t)cib_rng_pick(r, w->domain_cdf, SYNTH_DOMAINS);
        s[i].time = t0 + (i ? (int64_t)cib_rng_below(r, 900) : 0);
        s[i].tag = tag;
        int rc = publish(w, r, &s[i], 1.0);
        if (rc != CIB_OK)
            return rc;
    }
    /* log-normal(sigma 0.5) around the size: its mean is e^0.125 */
    double size = w->burst_size * cib_rng_lognormal(r, 1.0, 0.5) / 1.1331;
    uint64_t n = cib_rng_poisson(r, size);
    for (uint64_t i = 0; i < n; i++) {
        /* the first outlet's story is the one most shared */
        uint32_t j = cib_rng_uniform(r) < 0.6 ? 0 : (uint32_t)cib_rng_below(r, k);
        int64_t t = s[j].time + 30 +
                    (int64_t)cib_rng_exponential(r, w->opt.burst_spread_s);
        int rc = share(w, r, &s[j], t, true);
        if (rc == CIB_OK && k > 1 && cib_rng_uniform(r) < 0.3) {
            uint32_t j2 = (j + 1 + (uint32_t)cib_rng_below(r, k - 1)) % k;
            int64_t t2 = t + (int64_t)cib_rng_exponential(
                                 r, w->opt.burst_spread_s);
            rc = share(w, r, &s[j2], t2, true);
        }
        if (rc != CIB_OK)
            return rc;
    }
    return CIB_OK;
}

int synth_news_day(synth_world *w, uint32_t d)
{
    cib_rng *r = &w->rng_news;
    double hour_cdf[24];
    cib_rng_cdf(hour_cdf, NEWSROOM_HOURS, 24);
    uint64_t n = cib_rng_poisson(r, w->stories_per_day);
    for (uint64_t i = 0; i < n; i++) {
        story s = {0};
        s.domain = (uint16_t)cib_rng_pick(r, w->domain_cdf, SYNTH_DOMAINS);
        int64_t wall = w->opt.start + (int64_t)d * 86400 +
                       (int64_t)cib_rng_pick(r, hour_cdf, 24) * 3600 +
                       (int64_t)cib_rng_below(r, 3600);
        s.time = synth_wall_to_utc(w, outlet_tz(w, s.domain), wall);
        double pop = fmin(cib_rng_pareto(r, 1.2), 2000.0);
        int rc = publish(w, r, &s, pop);
        if (rc != CIB_OK)
            return rc;
    }
    uint64_t b = cib_rng_poisson(r, w->bursts_per_day);
    for (uint64_t i = 0; i < b; i++) {
        int rc = burst(w, r, d);
        if (rc != CIB_OK)
            return rc;
    }
    return CIB_OK;
}
