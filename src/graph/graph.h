/*
 * graph.h — the fused account graph and its clusters.
 *
 * Kept pairs of every trace form one weighted undirected graph (weight =
 * total distinct keys co-acted on, over all traces), built with igraph.
 * Clusters are its Leiden communities (Traag, Waltman & van Eck 2019,
 * "From Louvain to Leiden: guaranteeing well-connected communities",
 * Sci. Rep. 9:5233) optimising modularity, via igraph_community_leiden;
 * communities smaller than min_cluster accounts are dropped.  Runs are
 * repeatable for a seed.
 */
#ifndef CIB_GRAPH_H
#define CIB_GRAPH_H

#include <stdint.h>

#include "../common/common.h"
#include "../coord/coord.h"

typedef struct cib_graph_options {
    uint32_t min_cluster; /* accounts, default 3 */
    uint64_t seed;        /* igraph RNG seed, default 1 */
    double resolution;    /* modularity resolution, default 1.0 */
} cib_graph_options;

void cib_graph_options_init(cib_graph_options *opt);

typedef struct cib_cluster {
    uint32_t *accounts; /* account indices, ascending */
    uint32_t size;
} cib_cluster;

typedef struct cib_clustering {
    /* clusters numbered 1..n_clusters in order: largest first, ties by
     * smallest account index; cluster k is clusters[k-1] ("C<k>") */
    cib_cluster *clusters;
    uint32_t n_clusters;
    /* per account index (n_accounts entries): cluster number, 0 = none */
    uint32_t *cluster_of;
    uint32_t n_accounts;
    double modularity; /* of the Leiden partition, NaN when no edges */
} cib_clustering;

/* Cluster the graph of `coord`'s pairs over n_accounts accounts.  The
 * graph holds only accounts that appear in a pair; Leiden runs with
 * modularity as its quality (node weights = strength, resolution =
 * opt->resolution / 2m), beta 0.01, iterated until an iteration changes
 * nothing.  `modularity` is that of the whole Leiden partition (also the
 * communities dropped for size) at opt->resolution.  Cost: igraph's
 * Leiden, about O(pairs) per iteration.
 *
 * igraph's default RNG is library state: a generator seeded with
 * opt->seed stands in for it during the call and the previous one is put
 * back; do not run igraph concurrently.  No igraph error handler is
 * installed: igraph's default handler aborts the process, so main should
 * install igraph_error_handler_ignore (or _printignore) to get errors
 * back as codes.  Returns 0, CIB_EUSAGE (a pair names an account >=
 * n_accounts, or a == b) or CIB_ENOMEM (also igraph failures, with
 * igraph's message).  `out` is overwritten; free it with
 * cib_clustering_free, also after a failure. */
int cib_graph_cluster(cib_clustering *out, const cib_coord_result *coord,
                      uint32_t n_accounts, const cib_graph_options *opt,
                      cib_error *err);
void cib_clustering_free(cib_clustering *c);

#endif
