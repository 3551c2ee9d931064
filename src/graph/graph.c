/*
 * graph.c — the fused account graph in igraph and its Leiden partition.
 *
 * Vertices are only the accounts that appear in a kept pair (in
 * ascending account order, so vertex order and results do not depend on
 * accounts that play no part); edge weight is the pair's total.  Leiden
 * (Traag, Waltman & van Eck 2019) optimises modularity through igraph's
 * generalised quality function: node weights = weighted degree
 * (strength) and resolution = gamma / 2m, m the total edge weight, which
 * is how igraph's documentation says to obtain modularity.  beta = 0.01
 * (the paper's and igraph's default randomness of the refinement step);
 * iterations until one leaves the partition unchanged (n_iterations < 0).
 *
 * Randomness: igraph draws from its default RNG, which is library state
 * (per thread when igraph is built thread-local, process-wide otherwise).
 * A local PCG32 generator seeded with opt->seed is made the default for
 * the call and the previous default is put back, so a seed always gives
 * the same clusters and nothing leaks to other igraph users; but the call
 * must not run concurrently with other igraph calls in the same RNG
 * scope.
 *
 * Errors: no igraph error handler is installed here (that is process
 * state, for main to choose).  igraph's default handler aborts; with
 * igraph_error_handler_ignore installed, failures come back as return
 * codes and are reported as CIB_ENOMEM with igraph's message.
 *
 * Relies on igraph 0.10 and clusters.c of this stage.
 */
#include "graph.h"
#include "internal.h"

#include <igraph/igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void cib_graph_options_init(cib_graph_options *opt)
{
    opt->min_cluster = 3;
    opt->seed = 1;
    opt->resolution = 1.0;
}

/* Accounts in pairs, ascending: acct[v] for vertex v, vid[a] for account
 * a (UINT32_MAX when a is in no pair). */
typedef struct vertex_map {
    uint32_t *acct, *vid;
    uint32_t n;
} vertex_map;

static int map_vertices(vertex_map *m, const cib_coord_result *coord,
                        uint32_t n_accounts)
{
    m->n = 0;
    m->vid = malloc((n_accounts ? n_accounts : 1) * sizeof *m->vid);
    m->acct = malloc((n_accounts ? n_accounts : 1) * sizeof *m->acct);
    if (m->vid == NULL || m->acct == NULL)
        return CIB_ENOMEM;
    memset(m->vid, 0xff, n_accounts * sizeof *m->vid);
    for (size_t p = 0; p < coord->n_pairs; p++)
        m->vid[coord->pairs[p].a] = m->vid[coord->pairs[p].b] = 0;
    for (uint32_t a = 0; a < n_accounts; a++)
        if (m->vid[a] == 0) {
            m->vid[a] = m->n;
            m->acct[m->n++] = a;
        }
    return CIB_OK;
}

/* Leiden on the mapped graph; fills membership and *modularity. */
static int leiden(const cib_coord_result *coord, const vertex_map *m,
                  const cib_graph_options *opt, igraph_vector_int_t *memb,
                  double *modularity, cib_error *err)
{
    igraph_vector_int_t edges;
    igraph_vector_t weights, strength;
    igraph_t g;
    igraph_rng_t rng;
    int made = 0; /* how many of the five objects above exist */
    const char *what = "building the graph";
    igraph_integer_t n = (igraph_integer_t)coord->n_pairs;
    igraph_error_t e;
    double total = 0;

    if ((e = igraph_vector_int_init(&edges, 2 * n)) != IGRAPH_SUCCESS)
        goto done;
    made++;
    if ((e = igraph_vector_init(&weights, n)) != IGRAPH_SUCCESS)
        goto done;
    made++;
    for (igraph_integer_t p = 0; p < n; p++) {
        VECTOR(edges)[2 * p] = m->vid[coord->pairs[p].a];
        VECTOR(edges)[2 * p + 1] = m->vid[coord->pairs[p].b];
        VECTOR(weights)[p] = coord->pairs[p].total;
        total += coord->pairs[p].total;
    }
    if ((e = igraph_create(&g, &edges, m->n, IGRAPH_UNDIRECTED)))
        goto done;
    made++;
    if ((e = igraph_vector_init(&strength, 0)))
        goto done;
    made++;
    if ((e = igraph_strength(&g, &strength, igraph_vss_all(), IGRAPH_ALL,
                             IGRAPH_LOOPS, &weights)))
        goto done;
    if ((e = igraph_rng_init(&rng, &igraph_rngtype_pcg32)))
        goto done;
    made++;
    if ((e = igraph_rng_seed(&rng, (igraph_uint_t)opt->seed)))
        goto done;

    what = "Leiden";
    igraph_rng_t *previous = igraph_rng_default();
    igraph_rng_set_default(&rng);
    igraph_integer_t nb;
    igraph_real_t quality, q;
    e = igraph_community_leiden(&g, &weights, &strength,
                                opt->resolution / (2 * total), 0.01, false,
                                -1, memb, &nb, &quality);
    igraph_rng_set_default(previous);
    if (e)
        goto done;
    what = "merging communities";
    if (graph_merge_dense(VECTOR(*memb), m->n, VECTOR(edges),
                          VECTOR(weights), n, GRAPH_MERGE_RATIO) != CIB_OK) {
        e = IGRAPH_ENOMEM;
        goto done;
    }
    what = "modularity";
    if ((e = igraph_modularity(&g, memb, &weights, opt->resolution, false,
                               &q)))
        goto done;
    *modularity = q;

done:
    switch (made) { /* destroy in reverse order of making */
    case 5: igraph_rng_destroy(&rng); /* fall through */
    case 4: igraph_vector_destroy(&strength); /* fall through */
    case 3: igraph_destroy(&g); /* fall through */
    case 2: igraph_vector_destroy(&weights); /* fall through */
    case 1: igraph_vector_int_destroy(&edges); /* fall through */
    default: break;
    }
    if (e != IGRAPH_SUCCESS)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "igraph: %s: %s",
                             what, igraph_strerror(e));
    return CIB_OK;
}

int cib_graph_cluster(cib_clustering *out, const cib_coord_result *coord,
                      uint32_t n_accounts, const cib_graph_options *opt,
                      cib_error *err)
{
    memset(out, 0, sizeof *out);
    out->modularity = NAN;
    out->n_accounts = n_accounts;
    for (size_t p = 0; p < coord->n_pairs; p++)
        if (coord->pairs[p].a >= n_accounts ||
            coord->pairs[p].b >= n_accounts ||
            coord->pairs[p].a == coord->pairs[p].b)
            return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                 "pair %zu names account %u/%u of %u", p,
                                 coord->pairs[p].a, coord->pairs[p].b,
                                 n_accounts);
    out->cluster_of = calloc(n_accounts ? n_accounts : 1,
                             sizeof *out->cluster_of);
    if (out->cluster_of == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    if (coord->n_pairs == 0)
        return CIB_OK;
    vertex_map m = {0};
    igraph_vector_int_t memb;
    int rc = map_vertices(&m, coord, n_accounts);
    if (rc != CIB_OK) {
        cib_error_set(err, rc, NULL, 0, "out of memory");
    } else if (igraph_vector_int_init(&memb, 0) != IGRAPH_SUCCESS) {
        rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    } else {
        rc = leiden(coord, &m, opt, &memb, &out->modularity, err);
        if (rc == CIB_OK)
            rc = graph_clusters(out, VECTOR(memb), m.acct, m.n,
                                opt->min_cluster, err);
        igraph_vector_int_destroy(&memb);
    }
    free(m.acct);
    free(m.vid);
    if (rc != CIB_OK)
        cib_clustering_free(out);
    return rc;
}
