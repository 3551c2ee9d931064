/*
 * clusters.c — Leiden communities to numbered clusters, and their
 * release.
 *
 * Communities below min_cluster accounts are dropped (a pair or a triangle
 * is weak evidence of a network; CooRnet's and CooRTweet's reports too
 * drop the smallest components).  The numbering is fixed by the data, not
 * by igraph's community labels: largest first, ties by smallest account
 * index, so "C1" names the same group on every run with the same seed.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct community {
    uint32_t size;
    uint32_t first; /* smallest account */
    uint32_t number; /* 1-based cluster number, 0 = dropped */
} community;

static int by_size_then_first(const void *x, const void *y)
{
    const community *a = *(community *const *)x, *b = *(community *const *)y;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

int graph_clusters(cib_clustering *out, const igraph_integer_t *membership,
                   const uint32_t *acct, uint32_t n_vertices,
                   uint32_t min_cluster, cib_error *err)
{
    uint32_t n_comm = 0;
    for (uint32_t v = 0; v < n_vertices; v++)
        if ((uint32_t)membership[v] + 1 > n_comm)
            n_comm = (uint32_t)membership[v] + 1;
    community *comm = calloc(n_comm ? n_comm : 1, sizeof *comm);
    community **order = malloc((n_comm ? n_comm : 1) * sizeof *order);
    if (comm == NULL || order == NULL) {
        free(comm);
        free(order);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    for (uint32_t v = 0; v < n_vertices; v++) {
        community *c = &comm[membership[v]];
        if (c->size++ == 0)
            c->first = acct[v]; /* vertices come in account order */
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n_comm; i++)
        if (comm[i].size >= min_cluster && comm[i].size > 0)
            order[kept++] = &comm[i];
    qsort(order, kept, sizeof *order, by_size_then_first);
    out->clusters = calloc(kept ? kept : 1, sizeof *out->clusters);
    int rc = out->clusters ? CIB_OK : CIB_ENOMEM;
    for (uint32_t k = 0; rc == CIB_OK && k < kept; k++) {
        order[k]->number = k + 1;
        out->clusters[k].accounts =
            malloc(order[k]->size * sizeof *out->clusters[k].accounts);
        if (out->clusters[k].accounts == NULL)
            rc = CIB_ENOMEM;
        out->n_clusters = k + 1; /* so that free releases what exists */
    }
    for (uint32_t v = 0; rc == CIB_OK && v < n_vertices; v++) {
        uint32_t k = comm[membership[v]].number;
        if (k == 0)
            continue;
        cib_cluster *c = &out->clusters[k - 1];
        c->accounts[c->size++] = acct[v];
        out->cluster_of[acct[v]] = k;
    }
    free(comm);
    free(order);
    if (rc != CIB_OK)
        return cib_error_set(err, rc, NULL, 0, "out of memory");
    return CIB_OK;
}

uint32_t cib_clustering_number(const cib_clustering *cl, uint32_t a)
{
    if (cl == NULL || cl->cluster_of == NULL || a >= cl->n_accounts)
        return 0;
    uint32_t k = cl->cluster_of[a];
    return k <= cl->n_clusters ? k : 0;
}

int graph_cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

void cib_clustering_free(cib_clustering *c)
{
    if (c == NULL)
        return;
    for (uint32_t k = 0; k < c->n_clusters; k++)
        free(c->clusters[k].accounts);
    free(c->clusters);
    free(c->cluster_of);
    memset(c, 0, sizeof *c);
}
