/*
 * zone.c — time-zone inference over the candidate zones of a cib_tzdb.
 *
 * 1. Runs: for every zone, the offsets it gives the binned events, as
 *    (first bin, offset) runs: one binary search per transition inside
 *    the span.  Zones with identical runs map every event alike and form
 *    one candidate class (Europe/Berlin, Europe/Paris, Europe/Tirane ...).
 * 2. For each class, one walk over the bins gives the local hour of week.
 * 3. Score (nats, per class):
 *      tau * (S + A) - 0.5 * k * ln(n_eff)
 *    S  sharpness: log-likelihood of the local hour-of-day and weekday
 *       counts under their own free multinomials.  The zone that follows
 *       the operators' clock (its DST dates, its half hour) concentrates
 *       the events most; zones one whole hour apart tie here.
 *    A  phase: the best human-day template (templates.c); separates the
 *       zones S cannot.
 *    k  offset changes inside the data: each is one more parameter of
 *       the hypothesis, charged as in BIC (Schwarz 1978), so a clock
 *       change must earn its keep against a fixed offset.
 *    tau = n_eff / N, n_eff = distinct UTC hours with events: events of
 *       one hour are not independent (bursts, threads), so the evidence
 *       is tempered to the number of hours that carry it.
 * 4. Posterior over classes = softmax of the scores (flat prior).
 *    An answer is a standard offset plus whether the clock keeps DST
 *    (at least 10 % of the events in DST).  zone_confidence = posterior
 *    mass of the classes giving the chosen answer, i.e. how far it stands
 *    from the next distinct answer (runner_up; zone_evidence is the score
 *    gap in nats).  The posterior is conditional on the templates: an
 *    operator who keeps a late or early day is placed an hour off with
 *    full confidence (docs/rhythm.md, "Limits").
 *
 * Relies on tzif.c (tables), bins.c, templates.c; cib_hash64 for run
 * signatures.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rhythm_internal.h"

/* A class "keeps DST" when at least this share of its events fell in
 * DST: a zone that dropped DST early in the data (Libya 2013) answers
 * "fixed offset" like its neighbours. */
#define DST_MIN_SHARE 0.10

typedef struct run {
    size_t p;       /* first bin index */
    int32_t off;    /* seconds east */
    uint8_t isdst;
} run;

typedef struct zone_info {
    size_t begin, n;   /* into the shared run array */
    size_t changes;    /* offset changes between events (DST flips of the
                        * flag alone, as in Europe/Dublin, do not count) */
    uint64_t hash;
    size_t cls;
} zone_info;

typedef struct cls_info {
    size_t first_zone; /* the zone whose runs define the class */
    size_t rep;        /* representative zone */
    size_t members;
    double score;
    int32_t std_off;
    bool dst;          /* at least DST_MIN_SHARE of the events in DST */
    int template_kind;
} cls_info;

typedef struct run_buf {
    run *r;
    size_t n, cap;
} run_buf;

static int run_push(run_buf *b, size_t p, int32_t off, uint8_t isdst)
{
    if (cib_grow((void **)&b->r, &b->cap, b->n + 1, sizeof *b->r))
        return CIB_ENOMEM;
    b->r[b->n++] = (run){p, off, isdst};
    return CIB_OK;
}

/* First bin index whose bin start is at or after instant t. */
static size_t first_bin_at(const rh_bins *b, int64_t t)
{
    int64_t q = -rh_floordiv(-t, RH_BIN_SECONDS); /* ceil(t / 900) */
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->bin[mid] < q)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Add an offset that starts at bin p to the zone's runs (which begin at
 * index `begin` of buf). */
static int add_change(run_buf *buf, size_t begin, size_t p, int32_t off,
                      uint8_t isdst)
{
    if (buf->n > begin && buf->r[buf->n - 1].p == p) {
        buf->n--; /* the previous offset held over no event */
    }
    if (buf->n > begin && buf->r[buf->n - 1].off == off &&
        buf->r[buf->n - 1].isdst == isdst)
        return CIB_OK;
    return run_push(buf, p, off, isdst);
}

static int zone_runs(run_buf *buf, zone_info *zi, const rh_zone *z,
                     const rh_bins *b)
{
    zi->begin = buf->n;
    int64_t t0 = b->bin[0] * RH_BIN_SECONDS;
    int64_t t1 = b->bin[b->n - 1] * RH_BIN_SECONDS;
    size_t i = rh_zone_entry(z, t0);
    int rc = run_push(buf, 0, z->off[i], z->isdst[i]);
    for (size_t j = i + 1; rc == CIB_OK && j < z->n && z->at[j] <= t1; j++) {
        size_t p = first_bin_at(b, z->at[j]);
        if (p >= b->n)
            break;
        rc = add_change(buf, zi->begin, p, z->off[j], z->isdst[j]);
    }
    if (rc == CIB_OK && t1 >= RH_TABLE_END && z->has_rule && z->rule.has_dst) {
        /* beyond the expanded table (never reached by ingested data, which
         * ends before 2100): the rule's transitions year by year, up to
         * year 9999; later instants keep the last offset */
        int64_t y1;
        int m, d;
        rh_civil_from_days(rh_floordiv(t1, 86400), &y1, &m, &d);
        for (int64_t y = 2100; rc == CIB_OK && y <= y1 && y <= 9999; y++) {
            int64_t when[2];
            rh_posix_year(&z->rule, y, &when[0], &when[1]);
            bool start_first = when[0] < when[1];
            for (int k = 0; rc == CIB_OK && k < 2; k++) {
                bool is_start = (k == 0) == start_first;
                int64_t at = is_start ? when[0] : when[1];
                if (at < RH_TABLE_END || at > t1)
                    continue;
                size_t p = first_bin_at(b, at);
                if (p < b->n)
                    rc = add_change(buf, zi->begin, p,
                                    is_start ? z->rule.dst_off : z->rule.std_off,
                                    is_start);
            }
        }
    }
    zi->n = buf->n - zi->begin;
    /* signature of the offset sequence alone: runs that only flip the DST
     * flag continue the previous offset */
    uint64_t h = 0;
    zi->changes = 0;
    for (size_t k = 0; k < zi->n; k++) {
        const run *r = &buf->r[zi->begin + k];
        if (k > 0 && r->off == buf->r[zi->begin + k - 1].off)
            continue;
        zi->changes += k > 0;
        int64_t key[2] = {(int64_t)r->p, r->off};
        h = cib_hash64(key, sizeof key, h);
    }
    zi->hash = h;
    return rc;
}

/* Next run of zi at or after index k that changes the offset. */
static size_t next_change(const run_buf *buf, const zone_info *zi, size_t k)
{
    while (k < zi->n && k > 0 &&
           buf->r[zi->begin + k].off == buf->r[zi->begin + k - 1].off)
        k++;
    return k;
}

/* Do two zones give every event the same offset? */
static bool same_runs(const run_buf *buf, const zone_info *a, const zone_info *b)
{
    if (a->hash != b->hash || a->changes != b->changes)
        return false;
    size_t i = 0, j = 0;
    for (;;) {
        i = next_change(buf, a, i);
        j = next_change(buf, b, j);
        if (i == a->n || j == b->n)
            return i == a->n && j == b->n;
        const run *x = &buf->r[a->begin + i], *y = &buf->r[b->begin + j];
        if (x->p != y->p || x->off != y->off)
            return false;
        i++;
        j++;
    }
}

static int32_t quarter_of(int32_t off)
{
    return (int32_t)rh_floordiv((int64_t)off + RH_BIN_SECONDS / 2, RH_BIN_SECONDS);
}

/* Local hour-of-week counts of a class, and events per run. */
static void walk_class(const run_buf *buf, const zone_info *zi,
                       const rh_bins *b, const uint16_t *qw,
                       uint64_t how[CIB_HOURS_PER_WEEK], uint64_t *run_events)
{
    memset(how, 0, CIB_HOURS_PER_WEEK * sizeof *how);
    for (size_t k = 0; k < zi->n; k++) {
        const run *r = &buf->r[zi->begin + k];
        size_t end = k + 1 < zi->n ? buf->r[zi->begin + k + 1].p : b->n;
        int32_t oq = quarter_of(r->off);
        uint64_t events = 0;
        for (size_t p = r->p; p < end; p++) {
            int32_t lq = (int32_t)qw[p] + oq;
            if (lq < 0)
                lq += RH_BINS_PER_WEEK;
            else if (lq >= RH_BINS_PER_WEEK)
                lq -= RH_BINS_PER_WEEK;
            how[lq >> 2] += b->count[p];
            events += b->count[p];
        }
        if (run_events)
            run_events[k] = events;
    }
}

static double xlogy(double x, double y)
{
    return x > 0 ? x * log(y) : 0.0;
}

/* Sharpness S and the template fit A of one local histogram. */
static double class_loglik(const uint64_t how[CIB_HOURS_PER_WEEK], double n,
                           const rh_templates *tpl, int *kind)
{
    double c[24] = {0}, d[7] = {0};
    for (int i = 0; i < CIB_HOURS_PER_WEEK; i++) {
        c[i % 24] += (double)how[i];
        d[i / 24] += (double)how[i];
    }
    double s = 0;
    for (int h = 0; h < 24; h++)
        s += xlogy(c[h], c[h] / n);
    for (int i = 0; i < 7; i++)
        s += xlogy(d[i], d[i] / n);
    return s + rh_template_fit(tpl, c, kind);
}

/* Standard offset: the non-DST offset holding the most events; when every
 * event fell in DST, the busiest DST offset less one hour (DST saves one
 * hour nearly everywhere).  *dst_share receives the share of events that
 * fell in DST. */
static int32_t standard_offset(const run_buf *buf, const zone_info *zi,
                               const uint64_t *run_events, double *dst_share)
{
    int32_t best = 0, best_dst = 0;
    uint64_t best_n = 0, best_dst_n = 0, in_dst = 0, all = 0;
    bool found = false;
    for (size_t k = 0; k < zi->n; k++) {
        const run *r = &buf->r[zi->begin + k];
        all += run_events[k];
        if (r->isdst)
            in_dst += run_events[k];
        uint64_t total = 0; /* events of every run with this offset and flag */
        for (size_t j = 0; j < zi->n; j++) {
            const run *q = &buf->r[zi->begin + j];
            if (q->off == r->off && q->isdst == r->isdst)
                total += run_events[j];
        }
        if (r->isdst && total > best_dst_n) {
            best_dst = r->off;
            best_dst_n = total;
        }
        if (!r->isdst && (!found || total > best_n)) {
            best = r->off;
            best_n = total;
            found = true;
        }
    }
    *dst_share = all ? (double)in_dst / (double)all : 0;
    return found ? best : best_dst - 3600;
}

/* Local week x weekday counts of the chosen class, for the rest-day test. */
static int week_days(rh_local *local, const run_buf *buf, const zone_info *zi,
                     const rh_bins *b)
{
    local->n_weeks = 0;
    local->week_day = NULL;
    int32_t off_first = buf->r[zi->begin].off;
    int32_t off_last = buf->r[zi->begin + zi->n - 1].off;
    int64_t d0 = rh_floordiv(b->bin[0] * RH_BIN_SECONDS + off_first, 86400);
    int64_t d1 = rh_floordiv(b->bin[b->n - 1] * RH_BIN_SECONDS + off_last, 86400);
    int64_t w0 = rh_floordiv(d0 + 3, 7), w1 = rh_floordiv(d1 + 3, 7);
    if (w1 < w0 || w1 - w0 >= 1000000)
        return CIB_OK; /* absurd span: the test falls back to counts */
    local->n_weeks = (size_t)(w1 - w0 + 1);
    local->week_day = calloc(local->n_weeks * 7, sizeof *local->week_day);
    if (local->week_day == NULL) {
        local->n_weeks = 0;
        return CIB_ENOMEM;
    }
    for (size_t k = 0; k < zi->n; k++) {
        const run *r = &buf->r[zi->begin + k];
        size_t end = k + 1 < zi->n ? buf->r[zi->begin + k + 1].p : b->n;
        for (size_t p = r->p; p < end; p++) {
            int64_t day = rh_floordiv(b->bin[p] * RH_BIN_SECONDS + r->off, 86400);
            int64_t w = rh_floordiv(day + 3, 7) - w0;
            if (w < 0)
                w = 0;
            if (w >= (int64_t)local->n_weeks)
                w = (int64_t)local->n_weeks - 1;
            local->week_day[(size_t)w * 7 + (size_t)rh_weekday(day)] += b->count[p];
        }
    }
    return CIB_OK;
}

void rh_local_free(rh_local *l)
{
    free(l->week_day);
    l->week_day = NULL;
    l->n_weeks = 0;
}

/* Representative first: lower priority rank, then name. */
static bool better_rep(const cib_tzdb *db, size_t a, size_t b)
{
    const rh_zone *x = &db->zones[a], *y = &db->zones[b];
    if (x->priority != y->priority)
        return x->priority < y->priority;
    return strcmp(x->name, y->name) < 0;
}

typedef struct infer_state {
    run_buf buf;
    zone_info *zones;
    cls_info *classes;
    size_t n_classes;
    uint16_t *qw;
    uint64_t *run_events;
} infer_state;

static void state_free(infer_state *s)
{
    free(s->buf.r);
    free(s->zones);
    free(s->classes);
    free(s->qw);
    free(s->run_events);
}

/* Runs, classes and scores of every zone. */
static int score_classes(infer_state *s, const rh_bins *b, const cib_tzdb *db)
{
    s->zones = calloc(db->n, sizeof *s->zones);
    s->classes = calloc(db->n, sizeof *s->classes);
    s->qw = malloc(b->n * sizeof *s->qw);
    if (!s->zones || !s->classes || !s->qw)
        return CIB_ENOMEM;
    for (size_t p = 0; p < b->n; p++)
        s->qw[p] = (uint16_t)rh_floormod(b->bin[p] + 3 * 96, RH_BINS_PER_WEEK);

    /* classes by signature: open addressing over a power-of-two table at
     * least twice the number of zones; equal signatures are confirmed run
     * by run */
    size_t slots = 16;
    while (slots < 2 * db->n)
        slots *= 2;
    size_t *table = malloc(slots * sizeof *table);
    if (!table)
        return CIB_ENOMEM;
    for (size_t i = 0; i < slots; i++)
        table[i] = SIZE_MAX;
    size_t max_runs = 1;
    int rc = CIB_OK;
    for (size_t z = 0; rc == CIB_OK && z < db->n; z++) {
        rc = zone_runs(&s->buf, &s->zones[z], &db->zones[z], b);
        if (rc)
            break;
        if (s->zones[z].n > max_runs)
            max_runs = s->zones[z].n;
        size_t slot = (size_t)s->zones[z].hash & (slots - 1);
        while (table[slot] != SIZE_MAX &&
               !same_runs(&s->buf, &s->zones[s->classes[table[slot]].first_zone],
                          &s->zones[z]))
            slot = (slot + 1) & (slots - 1);
        size_t c = table[slot];
        if (c == SIZE_MAX) {
            c = table[slot] = s->n_classes++;
            s->classes[c] = (cls_info){.first_zone = z, .rep = z};
        }
        s->zones[z].cls = c;
        s->classes[c].members++;
        if (better_rep(db, z, s->classes[c].rep))
            s->classes[c].rep = z;
    }
    free(table);
    if (rc)
        return rc;
    s->run_events = malloc(max_runs * sizeof *s->run_events);
    if (!s->run_events)
        return CIB_ENOMEM;

    double n = (double)b->total;
    double n_eff = (double)(b->hours ? b->hours : 1);
    double tau = n_eff / n;
    uint64_t how[CIB_HOURS_PER_WEEK];
    for (size_t c = 0; c < s->n_classes; c++) {
        cls_info *ci = &s->classes[c];
        /* every member gives the same local times; the representative's
         * own runs carry its DST flags (members may split runs
         * differently: Dublin's winter is "DST", London's summer is) */
        const zone_info *rz = &s->zones[ci->rep];
        walk_class(&s->buf, rz, b, s->qw, how, s->run_events);
        double ll = class_loglik(how, n, &db->templates, &ci->template_kind);
        ci->score = tau * ll - 0.5 * (double)rz->changes * log(n_eff);
        double dst_share;
        ci->std_off = standard_offset(&s->buf, rz, s->run_events, &dst_share);
        ci->dst = dst_share >= DST_MIN_SHARE;
    }
    return CIB_OK;
}

int rh_infer_zone(cib_rhythm *out, const rh_bins *b, const cib_tzdb *db,
                  long forced, rh_local *local, bool *office_like)
{
    infer_state s = {0};
    memset(local, 0, sizeof *local);
    int rc = score_classes(&s, b, db);
    if (rc) {
        state_free(&s);
        return rc;
    }
    size_t best = 0;
    for (size_t c = 1; c < s.n_classes; c++)
        if (s.classes[c].score > s.classes[best].score)
            best = c;
    size_t chosen = forced >= 0 ? s.zones[forced].cls : best;
    size_t shown = forced >= 0 ? (size_t)forced : s.classes[chosen].rep;
    const cls_info *ch = &s.classes[chosen];

    /* posterior mass of the chosen answer (offset + DST behaviour) */
    double top = s.classes[best].score, mass = 0, total = 0;
    long runner = -1;
    for (size_t c = 0; c < s.n_classes; c++) {
        double w = exp(s.classes[c].score - top);
        total += w;
        bool same = s.classes[c].std_off == ch->std_off && s.classes[c].dst == ch->dst;
        if (same)
            mass += w;
        else if (runner < 0 || s.classes[c].score > s.classes[runner].score)
            runner = (long)c;
    }
    out->zone_confidence = total > 0 ? mass / total : 0;
    snprintf(out->zone, sizeof out->zone, "%s", db->zones[shown].name);
    out->utc_offset_hours = ch->std_off / 3600.0;
    out->dst = ch->dst;
    out->runner_up[0] = '\0';
    out->runner_up_offset_hours = NAN;
    out->zone_evidence = NAN;
    if (runner >= 0) {
        out->zone_evidence = ch->score - s.classes[runner].score;
        snprintf(out->runner_up, sizeof out->runner_up, "%s",
                 db->zones[s.classes[runner].rep].name);
        out->runner_up_offset_hours = s.classes[runner].std_off / 3600.0;
    }

    /* the other members, best-known first */
    out->n_zones_equivalent = 0;
    for (size_t z = 0; z < db->n; z++) {
        if (s.zones[z].cls != chosen || z == shown)
            continue;
        unsigned k = out->n_zones_equivalent++;
        if (k >= CIB_MAX_EQUIV_ZONES) {
            /* keep the best-known CIB_MAX_EQUIV_ZONES */
            unsigned worst = 0;
            for (unsigned j = 1; j < CIB_MAX_EQUIV_ZONES; j++)
                if (better_rep(db, out->zones_equivalent[worst], out->zones_equivalent[j]))
                    worst = j;
            if (better_rep(db, z, out->zones_equivalent[worst]))
                out->zones_equivalent[worst] = (uint16_t)z;
            continue;
        }
        out->zones_equivalent[k] = (uint16_t)z;
    }
    unsigned kept = out->n_zones_equivalent < CIB_MAX_EQUIV_ZONES
                        ? out->n_zones_equivalent : CIB_MAX_EQUIV_ZONES;
    for (unsigned i = 1; i < kept; i++) /* insertion sort, best first */
        for (unsigned j = i; j > 0 && better_rep(db, out->zones_equivalent[j],
                                                 out->zones_equivalent[j - 1]); j--) {
            uint16_t t = out->zones_equivalent[j];
            out->zones_equivalent[j] = out->zones_equivalent[j - 1];
            out->zones_equivalent[j - 1] = t;
        }

    const zone_info *zi = &s.zones[shown];
    walk_class(&s.buf, zi, b, s.qw, local->how, NULL);
    memcpy(out->hour_of_week_local, local->how, sizeof local->how);
    *office_like = rh_template_office_like(ch->template_kind);
    rc = week_days(local, &s.buf, zi, b);
    state_free(&s);
    return rc;
}
