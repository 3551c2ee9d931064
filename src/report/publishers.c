/*
 * publishers.c — the publisher networks set apart from the clusters
 * (graph.h "audience"): coordinated, but with a real audience and no
 * self-amplification, so not counted in the tally of coordinated
 * inauthentic behaviour.  They are still shown, with the figures that set
 * them apart, so that a reader can overrule the verdict (detect
 * --keep-publishers).
 */
#include "html.h"
#include "internal.h"

#include <inttypes.h>

/* Share of a network's engagement given by its own members. */
static double self_share(const cib_cluster_audience *a)
{
    return a->engagement
               ? (double)a->from_members / (double)a->engagement
               : 0.0;
}

/* The trace with most internal pairs, or -1. */
static int strongest_trace(const cib_cluster_evidence *ce)
{
    int best = -1;
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (ce->pairs.trace[t].pairs &&
            (best < 0 ||
             ce->pairs.trace[t].pairs > ce->pairs.trace[best].pairs))
            best = t;
    return best;
}

static const cib_cluster_audience *audience_of(const cib_report_input *in,
                                               uint32_t k)
{
    return in->publisher_audience && k < in->publisher_audience->n_clusters
               ? &in->publisher_audience->clusters[k] : NULL;
}

static const cib_cluster_evidence *evidence_of(const cib_report_input *in,
                                               uint32_t k)
{
    return in->publisher_evidence && k < in->publisher_evidence->n_clusters
               ? &in->publisher_evidence->clusters[k] : NULL;
}

void cib_report_put_publishers(FILE *f, const cib_report_input *in)
{
    const cib_clustering *p = in->publishers;
    if (p == NULL || p->n_clusters == 0)
        return;
    uint64_t accounts = 0;
    for (uint32_t k = 0; k < p->n_clusters; k++)
        accounts += p->clusters[k].size;
    fprintf(f, "%" PRIu32 " publisher network%s set apart (coordinated, "
            "with a real audience; not counted above): %" PRIu64
            " accounts\n", p->n_clusters, p->n_clusters == 1 ? "" : "s",
            accounts);
    for (uint32_t k = 0; k < p->n_clusters; k++) {
        const cib_cluster_audience *a = audience_of(in, k);
        char buf[32];
        fprintf(f, "P%" PRIu32 "  %" PRIu32 " accounts", k + 1,
                p->clusters[k].size);
        if (a) {
            if (a->followers_median >= 0)
                fprintf(f, "  median followers %s",
                        cib_report_thousands(a->followers_median, buf,
                                             sizeof buf));
            fprintf(f, "  engaged by %s accounts in no cluster",
                    cib_report_thousands((int64_t)a->outside_engagers, buf,
                                         sizeof buf));
            fprintf(f, " (%.0f%% of engagement from its own accounts)",
                    100.0 * self_share(a));
        }
        fputc('\n', f);
    }
}

void cib_html_publishers(FILE *f, const cib_report_input *in)
{
    const cib_clustering *p = in->publishers;
    if (p == NULL || p->n_clusters == 0)
        return;
    fputs("<h2>Publisher networks set apart</h2>\n<p class=\"small\">These "
          "accounts co-act as tightly as a cluster, but their posts are "
          "engaged with by many accounts in no cluster and hardly by "
          "their own, and (where follower counts are known) they "
          "have far more followers than most accounts: the marks of a "
          "media group's pages posting through one tool, not of a farm. "
          "They are not in the tally above; "
          "<code>cibscan detect --keep-publishers</code> counts them as "
          "clusters.</p>\n<div class=\"scroll\"><table id=\"publishers\">\n"
          "<thead><tr><th>network</th><th class=\"n\">size</th>"
          "<th>accounts</th><th class=\"n\">median followers</th>"
          "<th class=\"n\">engagement received</th>"
          "<th class=\"n\">engaged by (no cluster)</th>"
          "<th class=\"n\">from its own accounts</th>"
          "<th>strongest trace</th><th class=\"n\">score</th></tr></thead>"
          "\n<tbody>\n", f);
    for (uint32_t k = 0; k < p->n_clusters; k++) {
        const cib_cluster *c = &p->clusters[k];
        const cib_cluster_audience *a = audience_of(in, k);
        const cib_cluster_evidence *ce = evidence_of(in, k);
        fprintf(f, "<tr><td>P%" PRIu32 "</td><td class=\"n\">%" PRIu32
                "</td><td>", k + 1, c->size);
        for (uint32_t i = 0; i < c->size && i < 10; i++) {
            if (i)
                fputs(", ", f);
            cib_markup_escapes(
                f, cib_report_str(in, in->store->accounts.id[c->accounts[i]]));
        }
        if (c->size > 10)
            fprintf(f, " and %" PRIu32 " more", c->size - 10);
        fputs("</td><td class=\"n\">", f);
        if (a && a->followers_median >= 0)
            cib_html_count(f, (uint64_t)a->followers_median);
        else
            fputs("&ndash;", f);
        if (a) {
            fputs("</td><td class=\"n\">", f);
            cib_html_count(f, a->engagement);
            fputs("</td><td class=\"n\">", f);
            cib_html_count(f, a->outside_engagers);
            fprintf(f, "</td><td class=\"n\">%.0f%%", 100.0 * self_share(a));
        } else {
            fputs("</td><td></td><td></td><td>", f);
        }
        int t = ce ? strongest_trace(ce) : -1;
        fputs("</td><td>", f);
        if (t >= 0)
        {
            fprintf(f, "%s (", cib_trace_name((cib_trace)t));
            cib_html_count(f, ce->pairs.trace[t].pairs);
            fputs(" pairs, ", f);
            cib_html_count(f, ce->trace[t].co.keys);
            fputs(" keys)", f);
        }
        fprintf(f, "</td><td class=\"n\">%.2f</td></tr>\n",
                ce ? ce->score : 0.0);
    }
    fputs("</tbody></table></div>\n", f);
}
