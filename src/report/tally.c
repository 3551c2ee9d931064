/*
 * tally.c — the takedown-style tally printed by `cibscan detect`, in the
 * manner of the platforms' public CIB reports ("128 accounts, 41 pages,
 * 21 groups ... about 121,000 followers"): per cluster its accounts by
 * asset type and platform, combined followers, active period, peak months
 * and the strongest evidence.  The pieces are shared with report.html.
 */
#include "internal.h"

#include <inttypes.h>
#include <string.h>

void cib_report_put_assets(FILE *f, const cib_cluster_summary *c)
{
    for (int a = 0; a < CIB_ASSET_COUNT; a++)
        fprintf(f, "%s%" PRIu64 " %s", a ? ", " : "", c->assets[a],
                cib_asset_name((cib_asset)a));
}

void cib_report_put_platforms(FILE *f, const cib_report_input *in,
                              const cib_cluster_summary *c, bool html)
{
    for (size_t i = 0; i < c->n_platforms; i++) {
        fputs(i ? ", " : "", f);
        const char *name = cib_report_str(in, c->platforms[i].platform);
        char safe[256];
        if (html)
            cib_markup_escapes(f, name);
        else /* the tally goes to a terminal: no escape sequences */
            fputs(cib_printable(name, safe, sizeof safe), f);
        fprintf(f, " %" PRIu64, c->platforms[i].total);
    }
}

void cib_report_put_evidence(FILE *f, const cib_summary *s,
                             const cib_cluster_summary *c)
{
    int t = cib_summary_strongest(s, c);
    if (t < 0) {
        fputs("none", f);
        return;
    }
    char pairs[32], weight[32];
    fprintf(f, "%s (%s pairs, weight %s)", cib_trace_name((cib_trace)t),
            cib_report_thousands((int64_t)c->pairs.trace[t].pairs, pairs,
                                 sizeof pairs),
            cib_report_thousands((int64_t)c->pairs.trace[t].total_weight,
                                 weight, sizeof weight));
}

void cib_report_put_active(FILE *f, const cib_cluster_summary *c)
{
    if (c->events == 0) {
        fputs("no events", f);
        return;
    }
    char a[32], b[32];
    cib_time_iso(c->first, a, sizeof a);
    cib_time_iso(c->last, b, sizeof b);
    fprintf(f, "%.10s .. %.10s", a, b); /* the dates only */
}

static void put_cluster(FILE *out, const cib_report_input *in,
                        const cib_summary *s, const cib_cluster_summary *c)
{
    char buf[32];
    fprintf(out, "C%" PRIu32 "  %s account%s (", c->number,
            cib_report_thousands(c->cluster->size, buf, sizeof buf),
            c->cluster->size == 1 ? "" : "s");
    cib_report_put_assets(out, c);
    if (c->n_platforms) {
        fputs("; ", out);
        cib_report_put_platforms(out, in, c, false);
    }
    fputs(")  followers ", out);
    if (c->followers_known)
        fputs(cib_report_thousands(c->followers_total, buf, sizeof buf), out);
    else
        fputs("unknown", out);
    fputs("  active ", out);
    cib_report_put_active(out, c);
    if (c->has_rhythm && c->rhythm.n_peak_months) {
        fputs(", peak", out);
        for (unsigned i = 0;
             i < c->rhythm.n_peak_months && i < CIB_MAX_PEAK_MONTHS; i++)
            fprintf(out, "%s %.7s", i ? "," : "", c->rhythm.peak_months[i]);
    }
    fputs("  strongest evidence: ", out);
    cib_report_put_evidence(out, s, c);
    fputc('\n', out);
}

void cib_report_tally(const cib_report_input *in, FILE *out)
{
    cib_summary s;
    cib_error err;
    /* Peak months come from the UTC profile; the zone is not needed here
     * and its inference would cost a second pass over every zone. */
    if (cib_summary_build(&s, in, CIB_SUMMARY_UTC_RHYTHM, &err)) {
        fprintf(out, "(no tally: %s)\n", err.message);
        return;
    }
    char ev[32], ac[32], pr[32], cl[32];
    cib_report_thousands((int64_t)in->store->events.n, ev, sizeof ev);
    cib_report_thousands((int64_t)in->store->accounts.n, ac, sizeof ac);
    cib_report_thousands(in->coord ? (int64_t)in->coord->n_pairs : 0, pr,
                         sizeof pr);
    if (s.n_clusters == 0) {
        fprintf(out,
                "No coordinated clusters found (%s events, %s accounts, "
                "%s pairs kept).\n", ev, ac, pr);
    } else {
        cib_report_thousands((int64_t)s.clustered_accounts, cl, sizeof cl);
        fprintf(out,
                "%" PRIu32 " coordinated cluster%s: %s of %s accounts "
                "(%s events, %s pairs kept)\n", s.n_clusters,
                s.n_clusters == 1 ? "" : "s", cl, ac, ev, pr);
        for (uint32_t k = 0; k < s.n_clusters; k++)
            put_cluster(out, in, &s, &s.clusters[k]);
    }
    cib_report_put_publishers(out, in);
    cib_summary_free(&s);
}
