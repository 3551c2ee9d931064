/*
 * graph.h — the fused account graph and its clusters.
 *
 * Kept pairs of every trace form one weighted undirected graph (weight =
 * total distinct keys co-acted on, over all traces), built with igraph.
 * Clusters are its Leiden communities (Traag, Waltman & van Eck 2019,
 * "From Louvain to Leiden: guaranteeing well-connected communities",
 * Sci. Rep. 9:5233) optimising modularity, via igraph_community_leiden,
 * with communities that co-act with each other at least half as densely
 * as within themselves merged (merge.c); communities smaller than
 * min_cluster accounts are dropped.  Runs are repeatable for a seed.
 */
#ifndef CIB_GRAPH_H
#define CIB_GRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/common.h"
#include "../coord/coord.h"
#include "../normalize/normalize.h"
#include "../store/store.h"

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

/* The cluster number (1..n_clusters) of account index a, 0 when it is in
 * none; safe for a NULL clustering, one without cluster_of, an account
 * past cl->n_accounts (a clustering made over fewer accounts than the
 * store holds) and a number past n_clusters. */
uint32_t cib_clustering_number(const cib_clustering *cl, uint32_t a);

/* ------------------------------------------------------------ evidence */

#define CIB_EVIDENCE_TOP 10

/* One trace's kept pairs inside a cluster. */
typedef struct cib_trace_pairs {
    uint64_t pairs;        /* kept internal pairs with weight > 0 on it */
    uint64_t total_weight; /* sum of their weights (distinct keys) */
    uint32_t max_weight;   /* the strongest pair's weight */
} cib_trace_pairs;

/* A cluster's kept pairs: inside it, per trace, and the weight of those
 * that leave it. */
typedef struct cib_cluster_pairs {
    uint64_t internal_pairs;
    uint64_t internal_weight; /* sum of the internal pairs' totals */
    uint64_t cut_weight;      /* totals of the pairs with one end outside */
    cib_trace_pairs trace[CIB_TRACE_COUNT];
} cib_cluster_pairs;

/* Add the kept pair pr to the sums of the clusters of its two accounts in
 * cl (sums has cl->n_clusters entries, cluster k at k - 1): internal to
 * their cluster when they share one, cut weight of each otherwise.
 * Returns the cluster number they share, 0 when none. */
uint32_t cib_cluster_pairs_add(cib_cluster_pairs *sums,
                               const cib_clustering *cl, const cib_pair *pr);

/* One trace's co-action inside a cluster. */
typedef struct cib_cluster_trace {
    cib_trace_evidence co; /* keys, co-actions, median delay (coord.h) */
} cib_cluster_trace;

/* A domain the cluster amplifies: its share of the cluster's links
 * against its share of everyone else's (issue 5 item 1). */
typedef struct cib_domain_lift {
    uint32_t domain;     /* string id of the registrable domain */
    uint64_t shares;     /* the cluster's URL shares of it */
    double share;        /* shares / the cluster's URL shares */
    double others_share; /* the same among all other accounts */
    double lift;         /* share / others_share; +inf when others never
                            shared it */
} cib_domain_lift;

typedef struct cib_watch_hit {
    uint32_t entry;  /* index into the watchlist */
    uint64_t shares; /* the cluster's URL shares matching it */
} cib_watch_hit;

typedef struct cib_cluster_evidence {
    /* score = cube root of strength x density x cohesion, in [0, 1]:
     *   strength = median over internal kept pairs of
     *              min(1, -log10(p) / 10) (p <= 1e-10 counts fully),
     *   density  = internal kept pairs / (size (size - 1) / 2),
     *   cohesion = internal weight / (internal + cut weight).
     * A cluster scores 1 when every two accounts co-acted far beyond
     * chance and none with anyone outside; any part at 0 makes it 0. */
    double score;
    double strength, density, cohesion;
    double median_log10_p;   /* of the internal kept pairs; NaN if none */
    cib_cluster_pairs pairs;
    cib_cluster_trace trace[CIB_TRACE_COUNT];
    uint64_t links;          /* URL shares (with a domain) by members */
    cib_domain_lift domains[CIB_EVIDENCE_TOP]; /* most shared first */
    size_t n_domains;
    uint64_t watch_shares;   /* URL shares matching the watchlist */
    uint32_t watch_accounts; /* members with such a share */
    cib_watch_hit watch[CIB_EVIDENCE_TOP]; /* most matched entries */
    size_t n_watch;
} cib_cluster_evidence;

typedef struct cib_evidence_set {
    cib_cluster_evidence *clusters; /* n_clusters, in cluster order */
    uint32_t n_clusters;
    bool watchlist;                 /* a watchlist was given */
    uint64_t watch_shares;          /* matching URL shares in all input */
    uint64_t watch_accounts;        /* accounts with such a share */
} cib_evidence_set;

/* Why each cluster's accounts are together (evidence.c): per trace the
 * internal pairs and weights, the keys co-acted on and the median delay
 * (cib_coord_evidence), the score, the domains it amplifies (registrable
 * domains of its members' links, most shared first, with their share
 * against everyone else's) and, with a watchlist (wl may be NULL), its
 * members' shares of watched domains and URLs.  norm may be NULL (no
 * domains, no watchlist).  Cost: one pass over the pairs and the events,
 * a sort of the URL domains, and cib_coord_evidence.  Returns 0 or
 * CIB_ENOMEM; `out` is overwritten, free it with cib_evidence_set_free. */
int cib_graph_evidence(cib_evidence_set *out, const cib_clustering *cl,
                       const cib_coord_result *coord, const cib_store *store,
                       const cib_norm *norm, const cib_watchlist *wl,
                       cib_error *err);
void cib_evidence_set_free(cib_evidence_set *e);

/* ------------------------------------------------------------ audience */

/* A cluster is set apart as a publisher network, not counted as
 * coordinated inauthentic behaviour, when its co-action comes with the
 * marks of a real audience and none of self-amplification (audience.c):
 *  - its posts draw engagement (reposts, replies, comments, quotes,
 *    likes) from at least CIB_PUBLISHER_ENGAGERS_PER_ACCOUNT distinct
 *    accounts in no cluster per member;
 *  - at most CIB_PUBLISHER_MAX_SELF_SHARE of that engagement comes from
 *    its own members (self-amplification), and at least half of it from
 *    accounts in no cluster (a farm raiding the network's posts is
 *    engagement from another cluster: it neither proves nor disproves an
 *    audience, so it only counts against the half);
 *  - where followers are known for at least half the members, their
 *    median is at least CIB_PUBLISHER_FOLLOWER_RATIO times the median of
 *    all accounts with known followers.
 * Sister pages of one media group posting every story through one tool
 * are coordinated by any co-action measure, yet not inauthentic: a farm
 * has "high volume, little following" and amplifies itself (DESIGN.md's
 * case; Meta's CIB reports: fake accounts liking and resharing their own
 * pages' posts). */
#define CIB_PUBLISHER_ENGAGERS_PER_ACCOUNT 10
#define CIB_PUBLISHER_MAX_SELF_SHARE 0.10
#define CIB_PUBLISHER_FOLLOWER_RATIO 10.0

typedef struct cib_cluster_audience {
    uint64_t engagement;       /* others' actions on members' posts */
    uint64_t from_members;     /* of them by other members */
    uint64_t from_clusters;    /* by members of other clusters */
    uint64_t from_outside;     /* by accounts in no cluster */
    uint64_t outside_engagers; /* distinct accounts among from_outside */
    uint32_t followers_known;  /* members with a known follower count */
    int64_t followers_median;  /* of those members; -1 when none */
    bool publisher;            /* meets every condition above */
} cib_cluster_audience;

typedef struct cib_audience_set {
    cib_cluster_audience *clusters; /* n_clusters, in cluster order */
    uint32_t n_clusters;
    int64_t population_followers_median; /* all accounts; -1 unknown */
    uint64_t engagement_events; /* events acting on a post in the data */
} cib_audience_set;

/* Each cluster's audience and whether it is a publisher network (the
 * conditions above).  A post's author is the account of the event whose
 * own post id it is; an event acts on a post when its object id is one.
 * Without post and object ids no cluster can show an audience and none is
 * a publisher.  Cost: one pass over the events, an array of one uint32
 * per interned string, a sort of the (cluster, engager) pairs and of the
 * follower counts.  Returns 0 or CIB_ENOMEM; `out` is overwritten, free it
 * with cib_audience_set_free, also after a failure. */
int cib_graph_audience(cib_audience_set *out, const cib_clustering *cl,
                       const cib_store *store, cib_error *err);
void cib_audience_set_free(cib_audience_set *a);

/* Move the clusters whose apart[k - 1] is true from `cl` into `out` (and
 * their audiences from `aud` into `out_aud`; aud and out_aud may be NULL),
 * keeping the order in both and renumbering both from 1; cl->cluster_of
 * and out->cluster_of are fixed to match.  apart has cl->n_clusters
 * entries.  Returns 0 or CIB_ENOMEM (`cl` and `aud` unchanged then);
 * `out` and `out_aud` are overwritten, free them as usual. */
int cib_clustering_split(cib_clustering *cl, const bool *apart,
                         cib_clustering *out, cib_audience_set *aud,
                         cib_audience_set *out_aud, cib_error *err);

#endif
