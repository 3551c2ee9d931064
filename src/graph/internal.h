/*
 * internal.h — what graph.c hands to clusters.c (the Leiden membership of
 * the mapped vertices, to be turned into numbered clusters) and the small
 * helpers the graph stage's files share.
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

/* Merge communities that are one group (merge.c): memb[v] (community of
 * vertex v, 0-based, n_vertices of them) is rewritten so that two
 * communities of at least two vertices each are one when the mean weight
 * per possible pair between them is at least ratio times the lower of
 * their mean weights per possible pair inside.  edges holds n_edges
 * vertex pairs (2 per edge), weight their weights.  Returns 0 or
 * CIB_ENOMEM (memb unchanged). */
#define GRAPH_MERGE_RATIO 0.5
int graph_merge_dense(igraph_integer_t *memb, igraph_integer_t n_vertices,
                      const igraph_integer_t *edges, const double *weight,
                      igraph_integer_t n_edges, double ratio);

/* qsort comparison of two uint64_t, ascending. */
int graph_cmp_u64(const void *x, const void *y);

#endif
