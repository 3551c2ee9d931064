/*
 * network.c — one working day of the planted network, after the
 * takedown reports it imitates (DESIGN.md "The case it is built for"):
 * each operator's accounts work an office shift in the network's UTC
 * offset (9-18 local, lunch dip at 13, weekends off) and run campaigns:
 *  - link campaign: one account posts a link to the operator's own site,
 *    and 3-8 others share the same URL with the same text 5-50 s later;
 *  - repost campaign: the operator's main page posts, and 3-8 accounts
 *    repost it within 1-30 s.
 * Besides, a few solo posts of the network's message.  Relies on the
 * budget set in world.c.
 */
#include "internal.h"

/* A time in the office shift of local day d (Unix seconds). */
static int64_t office_time(synth_world *w, uint32_t d)
{
    int64_t local_start = w->opt.start + (int64_t)d * 86400 -
                          (int64_t)w->opt.utc_offset_hours * 3600;
    int hour = (int)cib_rng_pick(&w->rng, w->office_hour_cdf, 24);
    return local_start + hour * 3600 + (int64_t)cib_rng_below(&w->rng, 3600);
}

static void network_tags(synth_world *w, synth_row *r)
{
    r->n_tags = (uint8_t)(1 + cib_rng_below(&w->rng, 2));
    for (unsigned i = 0; i < r->n_tags; i++)
        r->tags[i] = (uint8_t)cib_rng_below(&w->rng, SYNTH_NETWORK_TAGS);
}

static synth_row *event(synth_world *w, uint32_t account, int64_t t,
                        cib_action action)
{
    synth_row *r = synth_push(w);
    if (r) {
        r->account = account;
        r->time = t;
        r->action = (uint8_t)action;
        r->post = w->next_post++;
    }
    return r;
}

/* k distinct members of operator o other than `not` into out (k <= 8 and
 * at most members - 1): rejection, cheap because k is small. */
static void pick_others(synth_world *w, uint32_t o, uint32_t not, uint32_t k,
                        uint32_t *out)
{
    uint32_t b = w->op_begin[o], m = w->op_begin[o + 1] - b;
    for (uint32_t i = 0; i < k;) {
        uint32_t a = b + (uint32_t)cib_rng_below(&w->rng, m);
        bool seen = a == not;
        for (uint32_t j = 0; j < i && !seen; j++)
            seen = out[j] == a;
        if (!seen)
            out[i++] = a;
    }
}

static int campaign(synth_world *w, uint32_t o, uint32_t d)
{
    uint32_t b = w->op_begin[o], m = w->op_begin[o + 1] - b;
    if (m < 2)
        return CIB_OK; /* no one to coordinate with (world.c plans none) */
    uint32_t kmax = m - 1 < 8 ? m - 1 : 8, kmin = kmax < 3 ? kmax : 3;
    uint32_t k = kmin + (uint32_t)cib_rng_below(&w->rng, kmax - kmin + 1);
    uint32_t others[8];
    int64_t t0 = office_time(w, d);
    bool link = cib_rng_uniform(&w->rng) < 0.6;
    /* the lead: any personal account for links, the main page (the
     * operator's first account) for reposts */
    uint32_t lead = link ? b + 1 + (uint32_t)cib_rng_below(&w->rng, m - 1) : b;
    synth_row *r = event(w, lead, t0, CIB_ACTION_POST);
    if (r == NULL)
        return CIB_ENOMEM;
    r->text = cib_rng_next(&w->rng) | 1;
    network_tags(w, r);
    if (link || cib_rng_uniform(&w->rng) < 0.5) {
        r->url_kind = URL_SITE;
        r->url_site = (uint8_t)cib_rng_below(&w->rng, SYNTH_SITES);
        r->url = (uint32_t)w->next_article++;
    }
    synth_row lead_row = *r; /* r moves when the buffer grows */
    pick_others(w, o, lead, k, others);
    for (uint32_t i = 0; i < k; i++) {
        int64_t t = link ? t0 + 5 + (int64_t)cib_rng_below(&w->rng, 46)
                         : t0 + 1 + (int64_t)cib_rng_below(&w->rng, 30);
        r = event(w, others[i], t, link ? CIB_ACTION_SHARE : CIB_ACTION_REPOST);
        if (r == NULL)
            return CIB_ENOMEM;
        if (link) { /* same link, copied text and tags */
            r->url_kind = lead_row.url_kind;
            r->url_site = lead_row.url_site;
            r->url = lead_row.url;
            r->text = lead_row.text;
            r->n_tags = lead_row.n_tags;
            for (unsigned j = 0; j < 3; j++)
                r->tags[j] = lead_row.tags[j];
        } else {
            r->object = lead_row.post;
        }
    }
    return CIB_OK;
}

static int solo_post(synth_world *w, uint32_t o, uint32_t d)
{
    uint32_t b = w->op_begin[o], m = w->op_begin[o + 1] - b;
    uint32_t a = b + (uint32_t)cib_rng_below(&w->rng, m);
    synth_row *r = event(w, a, office_time(w, d), CIB_ACTION_POST);
    if (r == NULL)
        return CIB_ENOMEM;
    r->text = cib_rng_next(&w->rng) | 1;
    network_tags(w, r);
    return CIB_OK;
}

int synth_network_day(synth_world *w, uint32_t d)
{
    if (synth_weekday(w, d) >= 5)
        return CIB_OK; /* weekends off */
    for (uint32_t o = 0; o < w->n_ops; o++) {
        uint64_t n = cib_rng_poisson(&w->rng, w->solo[o]);
        for (uint64_t i = 0; i < n; i++)
            if (solo_post(w, o, d))
                return CIB_ENOMEM;
        n = cib_rng_poisson(&w->rng, w->campaigns[o]);
        for (uint64_t i = 0; i < n; i++)
            if (campaign(w, o, d))
                return CIB_ENOMEM;
    }
    return CIB_OK;
}
