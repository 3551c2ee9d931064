/*
 * merge.c — joining Leiden communities that are one group.
 *
 * Modularity has no reason to keep a dense, even group whole when it is
 * the graph's only structure: a round-the-clock farm whose shifts share
 * one pool of accounts is a near-clique, and Leiden may cut it in two
 * halves whose accounts co-act with each other about as much as within
 * each half (on synth's clock scenario at 100,000 events: 42 keys per
 * pair between the halves, 46 and 47 within).  The modularity of such a
 * split is near 0 (0.006 there), and a reader would call it one network.
 * So two communities are merged when the mean weight per possible pair
 * between them is at least GRAPH_MERGE_RATIO times the lower of their two
 * mean weights per possible pair inside: they co-act with each other at
 * least half as strongly as the weaker of them does within itself.
 * Decisions use the densities Leiden left (no cascade of merged
 * densities); merges are transitive (union-find).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct link {
    uint64_t key; /* smaller community << 32 | larger */
    double w;
} link;

static int by_key(const void *x, const void *y)
{
    const link *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

static igraph_integer_t find(igraph_integer_t *parent, igraph_integer_t c)
{
    while (parent[c] != c) {
        parent[c] = parent[parent[c]];
        c = parent[c];
    }
    return c;
}

int graph_merge_dense(igraph_integer_t *memb, igraph_integer_t n_vertices,
                      const igraph_integer_t *edges, const double *weight,
                      igraph_integer_t n_edges, double ratio)
{
    igraph_integer_t n_comm = 0;
    for (igraph_integer_t v = 0; v < n_vertices; v++)
        if (memb[v] + 1 > n_comm)
            n_comm = memb[v] + 1;
    if (n_comm < 2)
        return CIB_OK;
    double *size = calloc((size_t)n_comm, sizeof *size);
    double *inside = calloc((size_t)n_comm, sizeof *inside);
    igraph_integer_t *parent = malloc((size_t)n_comm * sizeof *parent);
    link *between = malloc((size_t)(n_edges ? n_edges : 1) * sizeof *between);
    if (!size || !inside || !parent || !between) {
        free(size);
        free(inside);
        free(parent);
        free(between);
        return CIB_ENOMEM;
    }
    for (igraph_integer_t v = 0; v < n_vertices; v++)
        size[memb[v]] += 1;
    size_t nb = 0;
    for (igraph_integer_t e = 0; e < n_edges; e++) {
        igraph_integer_t a = memb[edges[2 * e]], b = memb[edges[2 * e + 1]];
        if (a == b) {
            inside[a] += weight[e];
            continue;
        }
        uint64_t lo = (uint64_t)(a < b ? a : b), hi = (uint64_t)(a < b ? b : a);
        between[nb++] = (link){lo << 32 | hi, weight[e]};
    }
    qsort(between, nb, sizeof *between, by_key);
    for (igraph_integer_t c = 0; c < n_comm; c++)
        parent[c] = c;
    for (size_t i = 0; i < nb;) {
        size_t j = i;
        double w = 0;
        for (; j < nb && between[j].key == between[i].key; j++)
            w += between[j].w;
        igraph_integer_t a = (igraph_integer_t)(between[i].key >> 32);
        igraph_integer_t b = (igraph_integer_t)(between[i].key & 0xffffffffu);
        i = j;
        if (size[a] < 2 || size[b] < 2)
            continue; /* no inside to compare with */
        double da = inside[a] / (size[a] * (size[a] - 1) / 2);
        double db = inside[b] / (size[b] * (size[b] - 1) / 2);
        double dab = w / (size[a] * size[b]);
        if (dab >= ratio * (da < db ? da : db)) {
            igraph_integer_t ra = find(parent, a), rb = find(parent, b);
            if (ra != rb)
                parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
        }
    }
    for (igraph_integer_t v = 0; v < n_vertices; v++)
        memb[v] = find(parent, memb[v]);
    free(size);
    free(inside);
    free(parent);
    free(between);
    return CIB_OK;
}
