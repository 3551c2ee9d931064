/*
 * profile_json.c — a cluster's "profile" object of report.json:
 *
 *   "profile": {
 *     "audience": {"accounts": N, "events_per_follower": x,
 *                  "population_events_per_follower": x, "ratio": x},
 *     "creation": {"accounts": N, "busiest_month": "YYYY-MM", "count": N,
 *                  "share": x, "population_share": x, "p": x},
 *     "distinctive": {"hashtags": [{"item", "events", "rest", "log_odds",
 *                     "z"}...], "domains": [...], "terms": [...]},
 *     "samples": [{"text": "...", "events": N}, ...]
 *   }
 *
 * Unknown figures are null.  Relies on jansson.
 */
#include "profile.h"

#include <math.h>
#include <string.h>

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static void put(json_t *o, const char *k, json_t *v, int *bad)
{
    if (v == NULL || o == NULL || json_object_set_new(o, k, v) != 0)
        *bad = 1;
}

/* A string that is valid UTF-8 or null (texts of the store may not be:
 * json.c's writer replaces; here a sample is simply left out). */
static json_t *str(const char *s, size_t n)
{
    return json_stringn(s, n);
}

json_t *cib_profile_json(const cib_profiles *p, const cib_report_input *in,
                         uint32_t k)
{
    const cib_cluster_profile *cp = &p->clusters[k];
    int bad = 0;
    json_t *o = json_object();

    json_t *au = json_object();
    put(au, "accounts", json_integer(cp->audience_accounts), &bad);
    put(au, "events_per_follower", num(cp->events_per_follower), &bad);
    put(au, "population_events_per_follower",
        num(p->population_events_per_follower), &bad);
    put(au, "ratio", num(cp->audience_ratio), &bad);
    put(o, "audience", au, &bad);

    json_t *cr = json_object();
    put(cr, "accounts", json_integer(cp->created_known), &bad);
    put(cr, "busiest_month",
        cp->busiest_month[0] ? json_string(cp->busiest_month) : json_null(),
        &bad);
    put(cr, "count", json_integer(cp->busiest_count), &bad);
    put(cr, "share", num(cp->busiest_share), &bad);
    put(cr, "population_share", num(cp->population_share), &bad);
    put(cr, "p", num(cp->batch_p), &bad);
    put(o, "creation", cr, &bad);

    json_t *di = json_object();
    for (int v = 0; v < CIB_VOCAB_COUNT; v++) {
        json_t *a = json_array();
        for (size_t i = 0; i < cp->n_top[v]; i++) {
            const cib_distinct *d = &cp->top[v][i];
            size_t n;
            const char *s = cib_strings_get(p->items, d->item, &n);
            json_t *x = json_object();
            json_t *name = str(s, n);
            if (name == NULL) { /* not UTF-8: leave the item out */
                json_decref(x);
                continue;
            }
            put(x, "item", name, &bad);
            put(x, "events", json_integer((json_int_t)d->count), &bad);
            put(x, "rest", json_integer((json_int_t)d->rest), &bad);
            put(x, "log_odds", num(d->delta), &bad);
            put(x, "z", num(d->z), &bad);
            if (a == NULL || json_array_append_new(a, x) != 0)
                bad = 1;
        }
        put(di, cib_vocab_name((cib_vocab)v), a, &bad);
    }
    put(o, "distinctive", di, &bad);

    json_t *sa = json_array();
    for (size_t i = 0; i < cp->n_samples; i++) {
        size_t n;
        const char *s =
            cib_strings_get(in->store->strings, cp->samples[i].text, &n);
        json_t *t = str(s, n);
        if (t == NULL)
            continue;
        json_t *x = json_object();
        put(x, "text", t, &bad);
        put(x, "events", json_integer((json_int_t)cp->samples[i].events),
            &bad);
        if (sa == NULL || json_array_append_new(sa, x) != 0)
            bad = 1;
    }
    put(o, "samples", sa, &bad);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}
