/*
 * gexf.c — network.gexf: the kept graph as GEXF 1.3 (https://gexf.net,
 * the format of Gephi), written directly as XML like network.graphml, so
 * that node ids stay the account id strings.
 *
 * Nodes: every account in at least one kept pair (the nodes of
 * network.graphml), id and label = account id, attributes cluster ("C<k>",
 * empty when none), asset_type, platform (empty when unknown) and
 * followers (-1 when unknown), and a viz:color per cluster (the first
 * seven clusters in Okabe-Ito colours, others grey) so that Gephi opens
 * them coloured.  Edges: every kept pair, weight = distinct keys over all
 * traces, one attribute per trace that ran.  All strings pass through
 * cib_markup_escape.
 */
#include "charts.h"
#include "internal.h"

#include <inttypes.h>


static void attr(FILE *f, const char *id, const char *type)
{
    fprintf(f, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", id,
            id, type);
}

static void node(FILE *f, const cib_report_input *in, uint32_t a)
{
    const cib_accounts *acc = &in->store->accounts;
    const char *id = cib_report_str(in, acc->id[a]);
    fputs("      <node id=\"", f);
    cib_markup_escapes(f, id);
    fputs("\" label=\"", f);
    cib_markup_escapes(f, id);
    fputs("\">\n        <attvalues>", f);
    uint32_t k = cib_report_cluster_of(in, a);
    if (k)
        fprintf(f, "<attvalue for=\"cluster\" value=\"C%" PRIu32 "\"/>", k);
    uint32_t p = cib_report_publisher_of(in, a);
    if (p)
        fprintf(f, "<attvalue for=\"publisher_network\" value=\"P%" PRIu32
                   "\"/>", p);
    fprintf(f, "<attvalue for=\"asset_type\" value=\"%s\"/>",
            cib_asset_name((cib_asset)acc->asset[a]));
    if (acc->platform[a]) {
        fputs("<attvalue for=\"platform\" value=\"", f);
        cib_markup_escapes(f, cib_report_str(in, acc->platform[a]));
        fputs("\"/>", f);
    }
    fprintf(f, "<attvalue for=\"followers\" value=\"%" PRId64 "\"/>",
            acc->followers[a] >= 0 ? acc->followers[a] : -1);
    fputs("</attvalues>\n", f);
    /* colours: clusters 1..7 Okabe-Ito without yellow, like report.html */
    cib_rgb c = {0.6, 0.6, 0.6};
    if (k >= 1 && k <= 7)
        c = cib_okabe_ito(k - 1 == 3 ? 7 : k - 1);
    fprintf(f, "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n",
            (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5),
            (int)(c.b * 255 + 0.5));
    fputs("      </node>\n", f);
}

int cib_report_write_gexf(FILE *f, const cib_report_input *in,
                          const cib_summary *s, cib_error *err)
{
    (void)err;
    const cib_accounts *acc = &in->store->accounts;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://gexf.net/1.3\" "
          "xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
          "  <meta><creator>cibscan " CIB_VERSION "</creator>"
          "<description>accounts that co-acted (kept pairs)</description>"
          "</meta>\n"
          "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n"
          "    <attributes class=\"node\">\n", f);
    attr(f, "cluster", "string");
    attr(f, "publisher_network", "string");
    attr(f, "asset_type", "string");
    attr(f, "platform", "string");
    attr(f, "followers", "long");
    fputs("    </attributes>\n    <attributes class=\"edge\">\n", f);
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (s->traces_ran[t])
            attr(f, cib_trace_name((cib_trace)t), "long");
    fputs("    </attributes>\n    <nodes>\n", f);
    for (uint32_t a = 0; a < acc->n; a++)
        if (s->degree[a]) /* in a kept pair, as in network.graphml */
            node(f, in, a);
    fputs("    </nodes>\n    <edges>\n", f);
    for (size_t p = 0; in->coord && p < in->coord->n_pairs; p++) {
        const cib_pair *pr = &in->coord->pairs[p];
        if (pr->a >= acc->n || pr->b >= acc->n)
            continue;
        fprintf(f, "      <edge id=\"%zu\" source=\"", p);
        cib_markup_escapes(f, cib_report_str(in, acc->id[pr->a]));
        fputs("\" target=\"", f);
        cib_markup_escapes(f, cib_report_str(in, acc->id[pr->b]));
        fprintf(f, "\" weight=\"%" PRIu32 "\"><attvalues>", pr->total);
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            if (s->traces_ran[t])
                fprintf(f, "<attvalue for=\"%s\" value=\"%" PRIu32 "\"/>",
                        cib_trace_name((cib_trace)t), pr->weight[t]);
        fputs("</attvalues></edge>\n", f);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
    return CIB_OK;
}
