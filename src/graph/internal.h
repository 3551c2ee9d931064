/*
 * internal.h — what graph.c hands to clusters.c: the Leiden membership of
 * the mapped vertices, to be turned into numbered clusters.
 */
#ifndef CIB_GRAPH_INTERNAL_H
#define CIB_GRAPH_INTERNAL_H

#include <igraph/igraph.h>

#include "graph.h"

/* From membership[v] (community of vertex v, 0-based) and acct[v] (the
 * account of vertex v, ascending in v), fill out->clusters, n_clusters
 * and cluster_of (already allocated, zeroed): communities of at least
 * min_cluster accounts, numbered largest first, ties by smallest account.
 * Returns 0 or CIB_ENOMEM. */
int graph_clusters(cib_clustering *out, const igraph_integer_t *membership,
                   const uint32_t *acct, uint32_t n_vertices,
                   uint32_t min_cluster, cib_error *err);

#endif
