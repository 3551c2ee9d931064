/*
 * html_network.c — the network pictures of report.html: the overview of
 * all clustered accounts coloured by cluster, and one cluster's accounts
 * coloured and shaped by asset type.  Chooses what to draw (at most
 * CIB_HTML_NET_NODES nodes per cluster and CIB_HTML_NET_EDGES edges,
 * the strongest, and says so); chart_network.c lays out and draws.
 */
#include "html.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OVERVIEW_NODES 1500

typedef struct by_weight {
    double w;
    size_t i;
} by_weight;

static int cmp_weight(const void *pa, const void *pb)
{
    const by_weight *a = pa, *b = pb;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Nodes are accounts[0..n); node_of maps an account index to its node
 * (UINT32_MAX: not drawn).  Edges: the pairs with both ends drawn, the
 * strongest `max_edges`. */
typedef struct net {
    cib_net_node *nodes;
    size_t n;
    cib_net_edge *edges;
    size_t m, m_all;
    uint32_t *node_of;
} net;

static void net_free(net *g)
{
    free(g->nodes);
    free(g->edges);
    free(g->node_of);
    memset(g, 0, sizeof *g);
}

static int net_edges(net *g, const cib_report_input *in, const size_t *pairs,
                     size_t np, size_t max_edges)
{
    by_weight *bw = malloc((np + 1) * sizeof *bw);
    if (bw == NULL)
        return CIB_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        size_t p = pairs ? pairs[i] : i;
        const cib_pair *pr = &in->coord->pairs[p];
        if (g->node_of[pr->a] != UINT32_MAX && g->node_of[pr->b] != UINT32_MAX)
            bw[k++] = (by_weight){pr->total, p};
    }
    g->m_all = k;
    if (k > max_edges) {
        qsort(bw, k, sizeof *bw, cmp_weight);
        k = max_edges;
    }
    g->edges = malloc((k + 1) * sizeof *g->edges);
    if (g->edges == NULL) {
        free(bw);
        return CIB_ENOMEM;
    }
    for (size_t i = 0; i < k; i++) {
        const cib_pair *pr = &in->coord->pairs[bw[i].i];
        g->edges[i] = (cib_net_edge){g->node_of[pr->a], g->node_of[pr->b],
                                     pr->total};
    }
    g->m = k;
    free(bw);
    return CIB_OK;
}

static int net_init(net *g, const cib_report_input *in, size_t cap)
{
    memset(g, 0, sizeof *g);
    size_t na = in->store->accounts.n;
    g->nodes = calloc(cap + 1, sizeof *g->nodes);
    g->node_of = malloc((na + 1) * sizeof *g->node_of);
    if (!g->nodes || !g->node_of) {
        net_free(g);
        return CIB_ENOMEM;
    }
    memset(g->node_of, 0xff, (na + 1) * sizeof *g->node_of);
    return CIB_OK;
}

/* Accounts of a cluster, strongest first, at most `cap` of them, into
 * out; returns how many. */
static size_t strongest(const cib_summary *s, const cib_cluster *cl,
                        uint32_t *out, size_t cap, by_weight *tmp)
{
    for (uint32_t i = 0; i < cl->size; i++)
        tmp[i] = (by_weight){(double)s->strength[cl->accounts[i]], i};
    if (cl->size > cap)
        qsort(tmp, cl->size, sizeof *tmp, cmp_weight);
    size_t n = cl->size < cap ? cl->size : cap;
    for (size_t i = 0; i < n; i++)
        out[i] = cl->accounts[tmp[i].i];
    return n;
}

/* Free what a picture needed; the error, if any, names the picture. */
static int finish(net *g, uint32_t *acc, by_weight *tmp, int rc,
                  cib_error *err)
{
    free(acc);
    free(tmp);
    net_free(g);
    if (rc)
        return cib_error_set(err, rc, NULL, 0, "cannot draw the network");
    return CIB_OK;
}

int cib_html_overview_network(cib_page *pg, const cib_report_input *in,
                              const cib_summary *s, cib_error *err)
{
    FILE *f = pg->f;
    if (in->coord == NULL || in->coord->n_pairs == 0)
        return CIB_OK;
    net g;
    if (net_init(&g, in, OVERVIEW_NODES))
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    uint32_t *acc = malloc((OVERVIEW_NODES + 1) * sizeof *acc);
    by_weight *tmp = NULL;
    size_t biggest = s->n_clusters ? s->clusters[0].cluster->size : 0;
    tmp = malloc((biggest + 1) * sizeof *tmp);
    int rc = acc && tmp ? CIB_OK : CIB_ENOMEM;
    uint32_t shown = 0;
    for (uint32_t k = 0; rc == CIB_OK && k < s->n_clusters; k++) {
        const cib_cluster *cl = s->clusters[k].cluster;
        if (g.n > 0 && g.n + cl->size > OVERVIEW_NODES)
            break;
        size_t n = strongest(s, cl, acc, OVERVIEW_NODES - g.n, tmp);
        for (size_t i = 0; i < n; i++) {
            g.node_of[acc[i]] = (uint32_t)g.n;
            g.nodes[g.n++] = (cib_net_node){
                .colour = k < 7 ? (k == 3 ? 7 : k) : ~0u, /* no yellow */
                .shape = 0, .size = 1, .group = k};
        }
        shown = k + 1;
    }
    if (rc == CIB_OK)
        rc = net_edges(&g, in, NULL, in->coord->n_pairs, CIB_HTML_NET_EDGES);
    if (rc == CIB_OK) {
        cib_net_key keys[8];
        char names[8][24];
        size_t nk = 0;
        for (uint32_t k = 0; k < shown && k < 7; k++) {
            snprintf(names[nk], sizeof names[nk], "C%" PRIu32, k + 1);
            keys[nk] = (cib_net_key){names[nk], k == 3 ? 7 : k, 0};
            nk++;
        }
        if (shown > 7)
            keys[nk++] = (cib_net_key){"C8 and later", ~0u, 0};
        fputs("<h2>The network</h2>\n<figure class=\"chart\" "
              "data-chart=\"overview-network\"><figcaption>Accounts of ", f);
        if (shown < s->n_clusters)
            fprintf(f, "the %" PRIu32 " largest clusters", shown);
        else
            fputs("every cluster", f);
        fputs(" and the pairs that co-acted (", f);
        cib_html_count(f, g.m);
        if (g.m < g.m_all) {
            fputs(" strongest of ", f);
            cib_html_count(f, g.m_all);
        }
        fputs(" pairs; line width and darkness: shared keys)</figcaption>\n",
              f);
        rc = cib_chart_network(pg, "net-all", "Network of the clustered "
                               "accounts, coloured by cluster", 1180, 560,
                               g.nodes, g.n, g.edges, g.m, false, keys, nk,
                               in->run.graph ? in->run.graph->seed : 1);
        fputs("</figure>\n", f);
    }
    return finish(&g, acc, tmp, rc, err);
}

/* Okabe-Ito colour and shape per asset type: account blue circle, page
 * orange square, group green triangle. */
static const unsigned ASSET_COLOUR[CIB_ASSET_COUNT] = {4, 0, 2};

int cib_html_cluster_network(cib_page *pg, const cib_report_input *in,
                             const cib_summary *s, uint32_t k, cib_error *err)
{
    FILE *f = pg->f;
    const cib_profiles *p = s->profiles;
    const cib_cluster *cl = s->clusters[k].cluster;
    const cib_accounts *accs = &in->store->accounts;
    net g;
    if (net_init(&g, in, CIB_HTML_NET_NODES))
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    uint32_t *acc = malloc((CIB_HTML_NET_NODES + 1) * sizeof *acc);
    by_weight *tmp = malloc((cl->size + 1) * sizeof *tmp);
    int rc = acc && tmp ? CIB_OK : CIB_ENOMEM;
    size_t n = rc ? 0 : strongest(s, cl, acc, CIB_HTML_NET_NODES, tmp);
    bool labels = n <= 40;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = acc[i];
        unsigned asset = accs->asset[a] < CIB_ASSET_COUNT ? accs->asset[a] : 0;
        g.node_of[a] = (uint32_t)i;
        g.nodes[i] = (cib_net_node){
            .label = labels ? cib_report_str(in, accs->id[a]) : NULL,
            .colour = ASSET_COLOUR[asset], .shape = asset,
            .size = accs->followers[a] > 0 ? log1p((double)accs->followers[a])
                                           : 0};
    }
    g.n = n;
    if (rc == CIB_OK && in->coord)
        rc = net_edges(&g, in, p->pair_idx + p->pair_start[k],
                       p->pair_start[k + 1] - p->pair_start[k],
                       CIB_HTML_NET_EDGES);
    if (rc == CIB_OK) {
        cib_net_key keys[CIB_ASSET_COUNT];
        for (int a = 0; a < CIB_ASSET_COUNT; a++)
            keys[a] = (cib_net_key){cib_asset_name((cib_asset)a),
                                    ASSET_COLOUR[a], (unsigned)a};
        fputs("<figure class=\"chart\" data-chart=\"network\"><figcaption>"
              "Who co-acted with whom", f);
        if (n < cl->size) {
            fputs(" (the ", f);
            cib_html_count(f, n);
            fputs(" most connected accounts)", f);
        }
        if (g.m < g.m_all) {
            fputs(", the ", f);
            cib_html_count(f, g.m);
            fputs(" strongest of ", f);
            cib_html_count(f, g.m_all);
            fputs(" pairs", f);
        }
        fputs("</figcaption>\n", f);
        char id[32], label[96];
        snprintf(id, sizeof id, "c%" PRIu32 "-net", k + 1);
        snprintf(label, sizeof label,
                 "Network of cluster C%" PRIu32 ": node size = followers "
                 "(log), line width = shared keys", k + 1);
        rc = cib_chart_network(pg, id, label, 580, 420, g.nodes, g.n, g.edges,
                               g.m, labels, keys, CIB_ASSET_COUNT,
                               in->run.graph ? in->run.graph->seed : 1);
        fputs("<div class=\"small muted\">Node size: followers (log scale); "
              "line width and darkness: keys the pair co-acted on.</div>"
              "</figure>\n", f);
    }
    return finish(&g, acc, tmp, rc, err);
}
