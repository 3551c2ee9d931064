/*
 * graphml.c — network.graphml: the kept graph as GraphML 1.0
 * (http://graphml.graphdrawing.org/specification.html), written directly
 * as XML: the format is small and writing it here keeps the node ids the
 * account id strings, which igraph's writer would replace by numbers.
 *
 * Nodes: every account in at least one kept pair, id = account id string,
 * data cluster ("C<k>", absent when none), platform (absent when
 * unknown), asset_type, followers (absent when unknown).
 * Edges: every kept pair, data weight (distinct keys over all traces) and
 * one weight per trace that ran, keyed w_<trace> with attr.name <trace>.
 * All strings pass through cib_markup_escape.
 */
#include "internal.h"

#include <inttypes.h>

static void key(FILE *f, const char *id, const char *domain, const char *name,
                const char *type)
{
    fprintf(f,
            "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
            id, domain, name, type);
}

static void node(FILE *f, const cib_report_input *in, uint32_t a)
{
    const cib_accounts *acc = &in->store->accounts;
    fputs("    <node id=\"", f);
    cib_markup_escapes(f, cib_report_str(in, acc->id[a]));
    fputs("\">", f);
    uint32_t k = cib_report_cluster_of(in, a);
    if (k)
        fprintf(f, "<data key=\"cluster\">C%" PRIu32 "</data>", k);
    uint32_t p = cib_report_publisher_of(in, a);
    if (p)
        fprintf(f, "<data key=\"publisher_network\">P%" PRIu32 "</data>", p);
    if (acc->platform[a]) {
        fputs("<data key=\"platform\">", f);
        cib_markup_escapes(f, cib_report_str(in, acc->platform[a]));
        fputs("</data>", f);
    }
    fprintf(f, "<data key=\"asset_type\">%s</data>",
            cib_asset_name((cib_asset)acc->asset[a]));
    if (acc->followers[a] >= 0)
        fprintf(f, "<data key=\"followers\">%" PRId64 "</data>",
                acc->followers[a]);
    fputs("</node>\n", f);
}

static void edge(FILE *f, const cib_report_input *in, const cib_summary *s,
                 const cib_pair *pr)
{
    const cib_accounts *acc = &in->store->accounts;
    fputs("    <edge source=\"", f);
    cib_markup_escapes(f, cib_report_str(in, acc->id[pr->a]));
    fputs("\" target=\"", f);
    cib_markup_escapes(f, cib_report_str(in, acc->id[pr->b]));
    fprintf(f, "\"><data key=\"weight\">%" PRIu32 "</data>", pr->total);
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (s->traces_ran[t])
            fprintf(f, "<data key=\"w_%s\">%" PRIu32 "</data>",
                    cib_trace_name((cib_trace)t), pr->weight[t]);
    fputs("</edge>\n", f);
}

int cib_report_write_graphml(FILE *f, const cib_report_input *in,
                             const cib_summary *s, cib_error *err)
{
    (void)err;
    const cib_accounts *acc = &in->store->accounts;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "  xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n", f);
    key(f, "cluster", "node", "cluster", "string");
    key(f, "publisher_network", "node", "publisher_network", "string");
    key(f, "platform", "node", "platform", "string");
    key(f, "asset_type", "node", "asset_type", "string");
    key(f, "followers", "node", "followers", "long");
    key(f, "weight", "edge", "weight", "long");
    for (int t = 0; t < CIB_TRACE_COUNT; t++) {
        if (!s->traces_ran[t])
            continue;
        char id[32];
        snprintf(id, sizeof id, "w_%s", cib_trace_name((cib_trace)t));
        key(f, id, "edge", cib_trace_name((cib_trace)t), "long");
    }
    fputs("  <graph id=\"cibscan\" edgedefault=\"undirected\">\n", f);
    /* degree > 0 exactly for accounts in a kept pair (summary.c) */
    for (uint32_t a = 0; a < acc->n; a++)
        if (s->degree[a])
            node(f, in, a);
    for (size_t p = 0; in->coord && p < in->coord->n_pairs; p++) {
        const cib_pair *pr = &in->coord->pairs[p];
        if (pr->a < acc->n && pr->b < acc->n)
            edge(f, in, s, pr);
    }
    fputs("  </graph>\n</graphml>\n", f);
    return CIB_OK;
}
