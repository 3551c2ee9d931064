/*
 * organic.c — one UTC day of ordinary accounts.  Each posts a Poisson
 * number of times around its own mean (heavy-tailed across accounts, see
 * world.c), a little more at weekends, at hours drawn from the organic
 * day shifted by its home offset.  They post chatter (sometimes with a
 * link or hashtags), share Zipf-popular links, repost and reply to recent
 * popular posts.  Relies on world.c's tables.
 *
 * Posts made today join the repost pool only after the day, so a repost
 * never points at a post made later than itself.
 */
#include "internal.h"

static int remember(synth_world *w, uint64_t post)
{
    if (cib_grow((void **)&w->fresh, &w->cap_fresh, w->n_fresh + 1,
                 sizeof *w->fresh))
        return CIB_ENOMEM;
    w->fresh[w->n_fresh++] = post;
    return CIB_OK;
}

/* A recent post, the most recent the likeliest (Zipf over recency). */
static uint64_t pick_pool(synth_world *w)
{
    size_t rank = cib_rng_pick(&w->rng, w->pool_cdf, w->pool_n);
    return w->pool[(w->pool_head + SYNTH_POOL - 1 - rank) % SYNTH_POOL];
}

static void organic_tags(synth_world *w, synth_row *r)
{
    if (cib_rng_uniform(&w->rng) >= 0.25)
        return;
    r->n_tags = (uint8_t)(1 + cib_rng_below(&w->rng, 2));
    for (unsigned i = 0; i < r->n_tags; i++)
        r->tags[i] = (uint8_t)cib_rng_below(&w->rng, SYNTH_ORGANIC_TAGS);
}

static void organic_url(synth_world *w, synth_row *r)
{
    r->url_kind = URL_ORGANIC;
    r->url = (uint32_t)cib_rng_pick(&w->rng, w->url_cdf, SYNTH_URLS);
    r->tracking = cib_rng_below(&w->rng, 10) == 0;
}

static int organic_event(synth_world *w, uint32_t a, int64_t day_start)
{
    const synth_account *acc = &w->acct[a];
    synth_row *r = synth_push(w);
    if (r == NULL)
        return CIB_ENOMEM;
    int local = (int)cib_rng_pick(&w->rng, w->organic_hour_cdf, 24);
    int utc = ((local - acc->offset) % 24 + 24) % 24;
    r->time = day_start + utc * 3600 + (int64_t)cib_rng_below(&w->rng, 3600);
    r->account = a;
    r->post = w->next_post++;
    double u = cib_rng_uniform(&w->rng);
    if (w->pool_n == 0 && u >= 0.65)
        u = 0; /* nothing to repost yet */
    if (u < 0.40) {
        r->action = CIB_ACTION_POST;
        r->text = cib_rng_next(&w->rng) | 1;
        if (cib_rng_uniform(&w->rng) < 0.3)
            organic_url(w, r);
        organic_tags(w, r);
    } else if (u < 0.65) {
        r->action = CIB_ACTION_SHARE;
        organic_url(w, r);
        if (cib_rng_uniform(&w->rng) < 0.5)
            r->text = cib_rng_next(&w->rng) | 1;
    } else if (u < 0.88) {
        r->action = CIB_ACTION_REPOST;
        r->object = pick_pool(w);
    } else {
        r->action = CIB_ACTION_REPLY;
        r->object = pick_pool(w);
        r->text = cib_rng_next(&w->rng) | 1;
    }
    if (r->action == CIB_ACTION_POST || r->action == CIB_ACTION_SHARE)
        return remember(w, r->post);
    return CIB_OK;
}

int synth_organic_day(synth_world *w, uint32_t d)
{
    int64_t day_start = w->opt.start + (int64_t)d * 86400;
    /* weekdays 0.94, weekend days 1.15: the week averages to 1 */
    double factor = synth_weekday(w, d) >= 5 ? 1.15 : 0.94;
    for (uint32_t a = 0; a < w->n_organic; a++) {
        uint64_t n = cib_rng_poisson(&w->rng, w->acct[a].rate * factor);
        for (uint64_t i = 0; i < n; i++)
            if (organic_event(w, a, day_start))
                return CIB_ENOMEM;
    }
    for (size_t i = 0; i < w->n_fresh; i++) {
        w->pool[w->pool_head] = w->fresh[i];
        w->pool_head = (w->pool_head + 1) % SYNTH_POOL;
        if (w->pool_n < SYNTH_POOL)
            w->pool_n++;
    }
    w->n_fresh = 0;
    return CIB_OK;
}
