/*
 * html_cluster.c — one cluster's section of report.html: its tally, where
 * and when it works, its profile (audience, creation batches), the four
 * pictures, what it pushes, the evidence per trace, sample texts and its
 * accounts.  Relies on the summary, the profiles (profile.h) and the
 * charts (charts.h); every input string goes through cib_html_text.
 */
#include "html.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What co-acting means on each trace, for the evidence table. */
static const char *trace_meaning(cib_trace t)
{
    switch (t) {
    case CIB_TRACE_URL: return "shared the same link within the window";
    case CIB_TRACE_OBJECT:
        return "acted on (reposted, replied to, commented on) the same post "
               "within the window";
    case CIB_TRACE_TEXT: return "posted the same text within the window";
    case CIB_TRACE_HASHTAG:
        return "used the same set of hashtags within the window";
    case CIB_TRACE_NETWORK:
        return "were seen on the same network value (IP, ASN, device)";
    case CIB_TRACE_IMAGE: return "used the same image";
    default: return "";
    }
}

static void dt(FILE *f, const char *term) { fprintf(f, "<dt>%s</dt><dd>", term); }

/* ------------------------------------------------------------ facts */

static void tally_facts(FILE *f, const cib_report_input *in,
                        const cib_cluster_summary *c)
{
    fputs("<dl class=\"tally-facts\">", f);
    dt(f, "Assets");
    for (int a = 0; a < CIB_ASSET_COUNT; a++) {
        fprintf(f, "%s<span data-k=\"%s\">", a ? ", " : "",
                cib_asset_name((cib_asset)a));
        cib_html_count(f, c->assets[a]);
        fprintf(f, "</span> %s%s", cib_asset_name((cib_asset)a),
                c->assets[a] == 1 ? "" : "s");
    }
    fputs("</dd>", f);
    if (c->n_platforms) {
        dt(f, "By platform");
        fputs("<table class=\"small\"><tr><th>platform</th>", f);
        for (int a = 0; a < CIB_ASSET_COUNT; a++)
            fprintf(f, "<th class=\"n\">%s</th>", cib_asset_name((cib_asset)a));
        fputs("</tr>", f);
        for (size_t i = 0; i < c->n_platforms; i++) {
            fputs("<tr><td>", f);
            cib_html_text(f, cib_report_str(in, c->platforms[i].platform));
            fputs("</td>", f);
            for (int a = 0; a < CIB_ASSET_COUNT; a++) {
                fputs("<td class=\"n\">", f);
                cib_html_count(f, c->platforms[i].assets[a]);
                fputs("</td>", f);
            }
            fputs("</tr>", f);
        }
        fputs("</table></dd>", f);
    }
    dt(f, "Followers combined");
    if (c->followers_known) {
        fputs("<span data-k=\"followers_total\">", f);
        cib_html_count(f, (uint64_t)c->followers_total);
        fputs("</span>", f);
        if (c->followers_known < c->cluster->size) {
            fputs(" <span class=\"muted\">(", f);
            cib_html_count(f, c->followers_known);
            fputs(" accounts with a known count)</span>", f);
        }
    } else {
        fputs("unknown", f);
    }
    fputs("</dd>", f);
    dt(f, "Events");
    fputs("<span data-k=\"events\">", f);
    cib_html_count(f, c->events);
    fputs("</span></dd>", f);
    dt(f, "Active (UTC)");
    cib_report_put_active(f, c);
    if (c->has_rhythm && c->rhythm.n_peak_months) {
        fputs("; peak months", f);
        for (unsigned i = 0;
             i < c->rhythm.n_peak_months && i < CIB_MAX_PEAK_MONTHS; i++)
            fprintf(f, "%s %.7s", i ? "," : "", c->rhythm.peak_months[i]);
    }
    fputs("</dd></dl>\n", f);
}

static void rhythm_facts(FILE *f, const cib_cluster_summary *c)
{
    const cib_rhythm *r = &c->rhythm;
    fputs("<dl class=\"rhythm-facts\">", f);
    dt(f, "Time zone");
    if (!c->has_rhythm || !r->zone[0]) {
        fputs("not inferred (too few events, or no time-zone database)", f);
    } else {
        cib_html_text(f, r->zone);
        fprintf(f, " (UTC%+g in winter%s), confidence %.0f%%",
                r->utc_offset_hours, r->dst ? ", with daylight saving" : "",
                r->zone_confidence * 100);
        if (r->runner_up[0]) {
            fputs("; next best ", f);
            cib_html_text(f, r->runner_up);
            fprintf(f, " (UTC%+g)", r->runner_up_offset_hours);
        }
    }
    fputs("</dd>", f);
    if (c->has_rhythm && r->zone[0]) {
        dt(f, "Working pattern");
        fputs(cib_pattern_name(r->pattern), f);
        if (r->workday_start_hour >= 0 && r->workday_end_hour >= 0)
            fprintf(f, ", working day %02d:00&ndash;%02d:00 local",
                    r->workday_start_hour, r->workday_end_hour);
        fputs("</dd>", f);
        dt(f, "Lunch dip");
        if (isfinite(r->lunch_dip)) {
            fprintf(f, "%.0f%% less activity", r->lunch_dip * 100);
            if (r->lunch_hour >= 0)
                fprintf(f, " at %02d:00", r->lunch_hour);
            fputs(" than the hours around it", f);
        } else {
            fputs("n/a", f);
        }
        fputs("</dd>", f);
        dt(f, "Night (00&ndash;06 local)");
        cib_html_percent(f, r->night_share);
        fputs(" of events</dd>", f);
        dt(f, "Rest days");
        bool any = false;
        for (int d = 0; d < 7; d++)
            if (r->rest_day[d]) {
                fprintf(f, "%s%s", any ? ", " : "", cib_weekday_name(d));
                any = true;
            }
        fputs(any ? "</dd>" : "none</dd>", f);
    }
    fputs("</dl>\n", f);
}

static void profile_facts(FILE *f, const cib_profiles *p,
                          const cib_cluster_profile *cp)
{
    fputs("<dl class=\"profile-facts\">", f);
    dt(f, "Audience");
    if (cp->audience_accounts && isfinite(cp->events_per_follower)) {
        fprintf(f, "%.3g events per follower (median of %" PRIu32
                   " accounts)", cp->events_per_follower,
                cp->audience_accounts);
        if (isfinite(cp->audience_ratio))
            fprintf(f, ", <b>%.3g&times;</b> the median account's (%.3g)%s",
                    cp->audience_ratio, p->population_events_per_follower,
                    cp->audience_ratio >= 10
                        ? ": high volume, little audience" : "");
    } else {
        fputs("follower counts unknown", f);
    }
    fputs("</dd>", f);
    dt(f, "Created in batches?");
    if (cp->created_known) {
        fprintf(f, "%" PRIu32 " of %" PRIu32 " accounts with a creation date "
                   "were created in %s (",
                cp->busiest_count, cp->created_known, cp->busiest_month);
        cib_html_percent(f, cp->busiest_share);
        fputs("; ", f);
        cib_html_percent(f, cp->population_share);
        fprintf(f, " of all accounts), chance under random draws %.2g",
                cp->batch_p);
    } else {
        fputs("no creation dates in the input", f);
    }
    fputs("</dd></dl>\n", f);
}

/* ------------------------------------------------------------ charts */

static int charts(cib_page *pg, const cib_report_input *in,
                  const cib_summary *s, uint32_t k, cib_error *err)
{
    FILE *f = pg->f;
    const cib_cluster_summary *c = &s->clusters[k];
    const cib_profiles *p = s->profiles;
    const cib_cluster_profile *cp = &p->clusters[k];
    bool local = c->has_rhythm && c->rhythm.zone[0];
    const uint64_t *how = local ? c->rhythm.hour_of_week_local
                                : c->rhythm.hour_of_week_utc;
    const char *clock = local ? c->rhythm.zone : "UTC";
    uint64_t zero[168] = {0};
    if (!c->has_rhythm)
        how = zero;
    char id[32], label[160];
    uint32_t num = c->number;
    int rc;
    fputs("<div class=\"charts\">\n<figure class=\"chart\" "
          "data-chart=\"heatmap\"><figcaption>Hour of week", f);
    fputs(local ? " (local time)" : " (UTC: zone not inferred)", f);
    fputs("</figcaption>\n", f);
    snprintf(id, sizeof id, "c%" PRIu32 "-how", num);
    snprintf(label, sizeof label, "Events of cluster C%" PRIu32
             " by day of week and hour of day, %s", num, clock);
    if ((rc = cib_chart_heatmap(pg, id, label, how, clock)))
        goto fail;
    fputs("</figure>\n<figure class=\"chart\" data-chart=\"daily\">"
          "<figcaption>Daily profile against all accounts</figcaption>\n", f);
    double day[24] = {0}, total = 0;
    for (int i = 0; i < 168; i++) {
        day[i % 24] += (double)how[i];
        total += (double)how[i];
    }
    for (int h = 0; h < 24; h++)
        day[h] = total > 0 ? day[h] / total : 0;
    snprintf(id, sizeof id, "c%" PRIu32 "-day", num);
    snprintf(label, sizeof label, "Share of events of cluster C%" PRIu32
             " per hour of day against all accounts, %s", num, clock);
    if ((rc = cib_chart_daily(pg, id, label, day, cp->population_day,
                              cp->has_population_day, clock)))
        goto fail;
    fputs("</figure>\n<figure class=\"chart\" data-chart=\"timeline\">"
          "<figcaption>Timeline</figcaption>\n", f);
    size_t n = p->row_start[k + 1] - p->row_start[k];
    int64_t *times = malloc((n + 1) * sizeof *times);
    if (times == NULL) {
        rc = CIB_ENOMEM;
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        times[i] = in->store->events.time[p->rows[p->row_start[k] + i]];
    snprintf(id, sizeof id, "c%" PRIu32 "-time", num);
    snprintf(label, sizeof label, "Events of cluster C%" PRIu32 " over time",
             num);
    rc = cib_chart_timeline(pg, id, label, times, n,
                            (const char (*)[8])c->rhythm.peak_months,
                            c->has_rhythm ? c->rhythm.n_peak_months : 0);
    free(times);
    if (rc)
        goto fail;
    fputs("</figure>\n", f);
    if ((rc = cib_html_cluster_network(pg, in, s, k, err)))
        return rc;
    fputs("</div>\n", f);
    return CIB_OK;
fail:
    return cib_error_set(err, rc, NULL, 0, "cannot draw the charts of C%" PRIu32,
                         num);
}

/* ------------------------------------------------------------ content */

static void distinct_table(FILE *f, const cib_profiles *p,
                           const cib_cluster_profile *cp, cib_vocab v)
{
    fprintf(f, "<div><h3>Distinctive %s</h3>", cib_vocab_name(v));
    if (cp->n_top[v] == 0) {
        fprintf(f, "<p class=\"muted small\">%s</p></div>\n",
                cp->vocab_events[v] ? "none stands out"
                                    : "none in this cluster's events");
        return;
    }
    fputs("<table class=\"small\"><tr><th></th><th class=\"n\">events "
          "here</th><th class=\"n\">elsewhere</th><th class=\"n\">z</th>"
          "</tr>", f);
    for (size_t i = 0; i < cp->n_top[v]; i++) {
        const cib_distinct *d = &cp->top[v][i];
        fputs("<tr><td>", f);
        if (v == CIB_VOCAB_HASHTAG)
            fputc('#', f);
        cib_html_text(f, cib_strings_get(p->items, d->item, NULL));
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, d->count);
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, d->rest);
        fprintf(f, "</td><td class=\"n\">%.1f</td></tr>", d->z);
    }
    fputs("</table></div>\n", f);
}

static void pushes(FILE *f, const cib_report_input *in,
                   const cib_profiles *p, const cib_cluster_summary *c,
                   const cib_cluster_profile *cp)
{
    fputs("<h3>What it pushes</h3>\n<p class=\"small muted\">Items this "
          "cluster uses far more than everyone else: weighted log-odds with "
          "an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn "
          "2008), z &ge; 1.96, counted once per event.</p>\n"
          "<div class=\"cols\">\n", f);
    if (c->n_top_domains) {
        fputs("<div><h3>Top domains</h3><table class=\"small\"><tr><th>"
              "domain</th><th class=\"n\">links</th></tr>", f);
        for (size_t i = 0; i < c->n_top_domains; i++) {
            fputs("<tr><td>", f);
            cib_html_text(f, cib_report_str(in, c->top_domains[i].domain));
            fputs("</td><td class=\"n\">", f);
            cib_html_count(f, c->top_domains[i].shares);
            fputs("</td></tr>", f);
        }
        fputs("</table></div>\n", f);
    }
    for (int v = 0; v < CIB_VOCAB_COUNT; v++)
        distinct_table(f, p, cp, (cib_vocab)v);
    fputs("</div>\n", f);
}

/* A probability given by its log10, as "1.2e-34" (or "< 1e-300"). */
static void put_p(FILE *f, double log10_p)
{
    if (!isfinite(log10_p))
        fputs("&ndash;", f);
    else if (log10_p > -4)
        fprintf(f, "%.3g", pow(10.0, log10_p));
    else {
        double e = floor(log10_p), m = pow(10.0, log10_p - e);
        fprintf(f, "%.2ge%.0f", m, e);
    }
}

/* The watchlist entries its members shared (graph.h). */
static void watch_facts(FILE *f, const cib_report_input *in,
                        const cib_cluster_evidence *ce)
{
    if (!in->evidence->watchlist || in->watchlist == NULL)
        return;
    fputs("<p class=\"small\" data-watchlist>Watchlist: ", f);
    if (ce->watch_shares == 0) {
        fputs("no share of a watched domain or URL.</p>\n", f);
        return;
    }
    cib_html_count(f, ce->watch_shares);
    fputs(" shares of watched domains or URLs by ", f);
    cib_html_count(f, ce->watch_accounts);
    fputs(ce->watch_accounts == 1 ? " account: " : " accounts: ", f);
    for (size_t i = 0; i < ce->n_watch; i++) {
        fputs(i ? ", " : "", f);
        fputs("<code>", f);
        cib_html_text(f, cib_watchlist_entry(in->watchlist,
                                             ce->watch[i].entry));
        fputs("</code> (", f);
        cib_html_count(f, ce->watch[i].shares);
        fputs(")", f);
    }
    fputs(".</p>\n", f);
}

/* Who engages with its posts (graph.h cib_cluster_audience). */
static void engagement_facts(FILE *f, const cib_report_input *in,
                             uint32_t k)
{
    if (in->audience == NULL || k >= in->audience->n_clusters)
        return;
    const cib_cluster_audience *a = &in->audience->clusters[k];
    fputs("<p class=\"small\" data-engagement>Engagement with its posts: ", f);
    if (a->engagement == 0) {
        fputs("none seen in the input.", f);
    } else {
        cib_html_count(f, a->engagement);
        fprintf(f, " actions, %.0f%% by its own accounts, %.0f%% by other "
                   "clusters, %.0f%% by ",
                100.0 * (double)a->from_members / (double)a->engagement,
                100.0 * (double)a->from_clusters / (double)a->engagement,
                100.0 * (double)a->from_outside / (double)a->engagement);
        cib_html_count(f, a->outside_engagers);
        fputs(" accounts in no cluster.", f);
    }
    if (a->followers_median >= 0 &&
        in->audience->population_followers_median >= 0) {
        fputs(" Median followers ", f);
        cib_html_count(f, (uint64_t)a->followers_median);
        fputs(" against ", f);
        cib_html_count(f, (uint64_t)in->audience->population_followers_median);
        fputs(" for all accounts.", f);
    }
    fputs("</p>\n", f);
}

static void evidence(FILE *f, const cib_report_input *in, const cib_summary *s,
                     const cib_cluster_summary *c)
{
    const cib_cluster_evidence *ce =
        in->evidence && c->number <= in->evidence->n_clusters
            ? &in->evidence->clusters[c->number - 1] : NULL;
    fputs("<h3>Evidence</h3>\n<p class=\"small muted\">Pairs of this "
          "cluster's accounts that", f);
    if (in->run.coord)
        fprintf(f, " (window %" PRId64 " s)", in->run.coord->window_s);
    fputs(":</p>\n<table class=\"evidence\"><tr><th>trace</th><th>the "
          "accounts of a pair</th><th class=\"n\">pairs</th><th class=\"n\">"
          "keys, summed</th><th class=\"n\">strongest pair</th>", f);
    if (ce)
        fputs("<th class=\"n\">keys co-acted on</th><th class=\"n\">"
              "co-actions</th><th class=\"n\">median delay (s)</th>", f);
    fputs("</tr>\n", f);
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        if (!s->traces_ran[t])
            continue;
        const cib_trace_pairs *e = &c->pairs.trace[t];
        fprintf(f, "<tr data-trace=\"%s\"><td>%s</td><td>%s</td>"
                   "<td class=\"n\">", cib_trace_name((cib_trace)t),
                cib_trace_name((cib_trace)t), trace_meaning((cib_trace)t));
        cib_html_count(f, e->pairs);
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, e->total_weight);
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, e->max_weight);
        if (ce) {
            const cib_trace_evidence *co = &ce->trace[t].co;
            fputs("</td><td class=\"n\">", f);
            cib_html_count(f, co->keys);
            fputs("</td><td class=\"n\">", f);
            cib_html_count(f, co->co_actions);
            fputs("</td><td class=\"n\">", f);
            if (isfinite(co->median_delay_s))
                fprintf(f, "%.0f", co->median_delay_s);
            else
                fputs("&ndash;", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n<p class=\"small\">", f);
    cib_html_count(f, c->pairs.internal_pairs);
    fputs(" pairs inside the cluster share ", f);
    cib_html_count(f, c->pairs.internal_weight);
    fputs(" keys; pairs reaching outside it share ", f);
    cib_html_count(f, c->pairs.cut_weight);
    if (ce) {
        fputs(". Median p-value of its pairs under the pair test <span "
              "data-median-p>", f);
        put_p(f, ce->median_log10_p);
        fprintf(f, "</span> (edges.csv has every pair's). Score %.2f: "
                   "strength %.2f, density %.2f, cohesion %.2f.</p>\n",
                c->score, ce->strength, ce->density, ce->cohesion);
        watch_facts(f, in, ce);
    } else {
        fprintf(f, ". Score %.2f (density &times; cohesion).</p>\n",
                c->score);
    }
    engagement_facts(f, in, c->number - 1);
}

/* Write at most CIB_HTML_TEXT_CHARS code points of s, escaped. */
static void clipped(FILE *f, const char *s, size_t n)
{
    size_t i = 0, chars = 0;
    while (i < n && chars < CIB_HTML_TEXT_CHARS) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++; /* continuation bytes stay with their lead byte */
        chars++;
    }
    cib_markup_escape(f, s, i);
    if (i < n)
        fputs("&hellip;", f);
}

static void sample_texts(FILE *f, const cib_report_input *in,
                         const cib_cluster_profile *cp)
{
    if (cp->n_samples == 0)
        return;
    fputs("<h3>Most repeated texts</h3>\n", f);
    for (size_t i = 0; i < cp->n_samples; i++) {
        size_t n;
        const char *t = cib_strings_get(in->store->strings,
                                        cp->samples[i].text, &n);
        fputs("<blockquote>", f);
        clipped(f, t, n);
        fputs("</blockquote><div class=\"small muted\">posted ", f);
        cib_html_count(f, cp->samples[i].events);
        fputs(cp->samples[i].events == 1 ? " time</div>\n" : " times</div>\n",
              f);
    }
}

typedef struct acc_rank {
    uint64_t strength;
    uint32_t account;
} acc_rank;

static int cmp_rank(const void *pa, const void *pb)
{
    const acc_rank *a = pa, *b = pb;
    if (a->strength != b->strength)
        return a->strength > b->strength ? -1 : 1;
    return (a->account > b->account) - (a->account < b->account);
}

static int account_table(FILE *f, const cib_report_input *in,
                         const cib_summary *s, const cib_cluster_summary *c)
{
    const cib_cluster *cl = c->cluster;
    const cib_accounts *acc = &in->store->accounts;
    acc_rank *r = malloc((cl->size + 1) * sizeof *r);
    if (r == NULL)
        return CIB_ENOMEM;
    for (uint32_t i = 0; i < cl->size; i++)
        r[i] = (acc_rank){s->strength[cl->accounts[i]], cl->accounts[i]};
    qsort(r, cl->size, sizeof *r, cmp_rank);
    fputs("<h3>Accounts</h3>\n<table class=\"accounts small\"><tr><th>"
          "account</th><th>platform</th><th>type</th><th class=\"n\">"
          "followers</th><th class=\"n\">events</th><th class=\"n\">pairs"
          "</th><th class=\"n\">keys shared</th></tr>\n", f);
    uint32_t shown = cl->size < CIB_HTML_ACCOUNT_ROWS ? cl->size
                                                      : CIB_HTML_ACCOUNT_ROWS;
    for (uint32_t i = 0; i < shown; i++) {
        uint32_t a = r[i].account;
        if (a >= acc->n)
            continue;
        fputs("<tr><td class=\"account\">", f);
        cib_html_text(f, cib_report_str(in, acc->id[a]));
        fputs("</td><td>", f);
        cib_html_text(f, cib_report_str(in, acc->platform[a]));
        fprintf(f, "</td><td>%s</td><td class=\"n\">",
                cib_asset_name((cib_asset)acc->asset[a]));
        if (acc->followers[a] >= 0)
            cib_html_count(f, (uint64_t)acc->followers[a]);
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, acc->n_events[a]);
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, s->degree[a]);
        fputs("</td><td class=\"n\">", f);
        cib_html_count(f, s->strength[a]);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
    if (shown < cl->size) {
        fputs("<p class=\"small\" data-k=\"accounts_left_out\">&hellip; and ",
              f);
        cib_html_count(f, cl->size - shown);
        fputs(" more accounts (the most connected are shown); all of them "
              "are in accounts.csv.</p>\n", f);
    }
    free(r);
    return CIB_OK;
}

int cib_html_cluster(cib_page *pg, const cib_report_input *in,
                     const cib_summary *s, uint32_t k, cib_error *err)
{
    FILE *f = pg->f;
    const cib_cluster_summary *c = &s->clusters[k];
    const cib_profiles *p = s->profiles;
    const cib_cluster_profile *cp = &p->clusters[k];
    fprintf(f, "<section class=\"cluster\" id=\"C%" PRIu32
               "\" data-cluster=\"C%" PRIu32 "\">\n<h2>C%" PRIu32 ": ",
            c->number, c->number, c->number);
    cib_html_count(f, c->cluster->size);
    fputs(c->cluster->size == 1 ? " asset" : " assets", f);
    fputs("</h2>\n<div class=\"facts\">\n", f);
    tally_facts(f, in, c);
    rhythm_facts(f, c);
    profile_facts(f, p, cp);
    fputs("</div>\n", f);
    int rc = charts(pg, in, s, k, err);
    if (rc)
        return rc;
    pushes(f, in, p, c, cp);
    evidence(f, in, s, c);
    sample_texts(f, in, cp);
    if (account_table(f, in, s, c))
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    fputs("</section>\n", f);
    return CIB_OK;
}
