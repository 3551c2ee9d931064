/*
 * audience.c — who engages with each cluster's posts, and which clusters
 * are publisher networks rather than farms (the conditions are in
 * graph.h); and the split that sets those apart.
 *
 * Why engagement and followers: a media group's sister pages post every
 * story through one tool within seconds of each other, so they co-act as
 * tightly as any farm, and no null model of independent accounts removes
 * them.  What a farm lacks is an audience: its assets have "high volume,
 * little following" (DESIGN.md), and what engagement they get they give
 * each other (Meta's CIB reports describe fake accounts liking and
 * resharing their own pages' posts).  A publisher's posts are reshared
 * by many accounts that are in no cluster.  Two halves of one farm that
 * amplify each other are not a publisher either: their engagement comes
 * from another cluster, not from accounts in none.
 *
 * Relies on the store's post and object ids and follower counts.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* The lower median of v[0..n) (sorted in place); -1 when n is 0. */
static int64_t median(int64_t *v, size_t n)
{
    if (n == 0)
        return -1;
    qsort(v, n, sizeof *v, cmp_i64);
    return v[(n - 1) / 2];
}

void cib_audience_set_free(cib_audience_set *a)
{
    if (a == NULL)
        return;
    free(a->clusters);
    memset(a, 0, sizeof *a);
}

/* Followers: each cluster's median over its members with a known count,
 * and the median of every account with one. */
static int followers(cib_audience_set *out, const cib_clustering *cl,
                     const cib_store *store)
{
    const cib_accounts *ac = &store->accounts;
    int64_t *v = malloc((ac->n ? ac->n : 1) * sizeof *v);
    if (v == NULL)
        return CIB_ENOMEM;
    size_t n = 0;
    for (size_t a = 0; a < ac->n; a++)
        if (ac->followers[a] != CIB_UNKNOWN_FOLLOWERS)
            v[n++] = ac->followers[a];
    out->population_followers_median = median(v, n);
    for (uint32_t k = 0; k < cl->n_clusters; k++) {
        const cib_cluster *c = &cl->clusters[k];
        n = 0;
        for (uint32_t i = 0; i < c->size; i++)
            if (ac->followers[c->accounts[i]] != CIB_UNKNOWN_FOLLOWERS)
                v[n++] = ac->followers[c->accounts[i]];
        out->clusters[k].followers_known = (uint32_t)n;
        out->clusters[k].followers_median = median(v, n);
    }
    free(v);
    return CIB_OK;
}

/* Engagement: every event acting on a clustered account's post, by
 * someone else; outside engagers counted once per cluster by sorting the
 * (cluster, account) pairs. */
static int engagement(cib_audience_set *out, const cib_clustering *cl,
                      const cib_store *store)
{
    const cib_events *e = &store->events;
    uint32_t ns = cib_strings_count(store->strings);
    uint32_t *author = calloc(ns ? ns : 1, sizeof *author);
    if (author == NULL)
        return CIB_ENOMEM;
    /* author[post] = account + 1 of a clustered account's post, else 0:
     * only clustered authors matter */
    bool any = false;
    for (size_t i = 0; i < e->n; i++)
        if (e->post[i] && e->post[i] < ns &&
            cib_clustering_number(cl, e->account[i])) {
            author[e->post[i]] = e->account[i] + 1;
            any = true;
        }
    uint64_t *pairs = NULL;
    size_t n_pairs = 0, cap = 0;
    int rc = CIB_OK;
    for (size_t i = 0; any && i < e->n && rc == CIB_OK; i++) {
        uint32_t o = e->object[i];
        if (o == 0 || o >= ns || author[o] == 0)
            continue;
        uint32_t au = author[o] - 1, by = e->account[i];
        if (au == by)
            continue; /* a thread of one's own */
        uint32_t k = cib_clustering_number(cl, au);
        uint32_t kb = cib_clustering_number(cl, by);
        cib_cluster_audience *ca = &out->clusters[k - 1];
        ca->engagement++;
        out->engagement_events++;
        if (kb == k) {
            ca->from_members++;
        } else if (kb) {
            ca->from_clusters++;
        } else {
            ca->from_outside++;
            rc = cib_grow((void **)&pairs, &cap, n_pairs + 1, sizeof *pairs);
            if (rc == CIB_OK)
                pairs[n_pairs++] = (uint64_t)k << 32 | by;
        }
    }
    free(author);
    /* distinct outside engagers per cluster number k (count[0] unused) */
    uint64_t *engagers = rc == CIB_OK
                             ? calloc((size_t)cl->n_clusters + 1,
                                      sizeof *engagers)
                             : NULL;
    if (rc == CIB_OK && engagers == NULL)
        rc = CIB_ENOMEM;
    if (rc == CIB_OK)
        rc = cib_count_distinct(pairs, n_pairs, engagers);
    for (uint32_t k = 1; rc == CIB_OK && k <= cl->n_clusters; k++)
        out->clusters[k - 1].outside_engagers = engagers[k];
    free(engagers);
    free(pairs);
    return rc;
}

static bool is_publisher(const cib_cluster_audience *a, uint32_t size,
                         int64_t population_median)
{
    if (a->engagement == 0 || size == 0)
        return false;
    if (a->outside_engagers <
        (uint64_t)CIB_PUBLISHER_ENGAGERS_PER_ACCOUNT * size)
        return false;
    if ((double)a->from_members >
            CIB_PUBLISHER_MAX_SELF_SHARE * (double)a->engagement ||
        2 * a->from_outside < a->engagement)
        return false;
    if (2 * (uint64_t)a->followers_known >= size && population_median >= 0)
        return (double)a->followers_median >=
               CIB_PUBLISHER_FOLLOWER_RATIO * (double)population_median;
    return true;
}

int cib_graph_audience(cib_audience_set *out, const cib_clustering *cl,
                       const cib_store *store, cib_error *err)
{
    memset(out, 0, sizeof *out);
    out->population_followers_median = -1;
    out->clusters = calloc(cl->n_clusters ? cl->n_clusters : 1,
                           sizeof *out->clusters);
    if (out->clusters == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    out->n_clusters = cl->n_clusters;
    int rc = followers(out, cl, store);
    if (rc == CIB_OK && cl->n_clusters)
        rc = engagement(out, cl, store);
    if (rc != CIB_OK)
        return cib_error_set(err, rc, NULL, 0, "out of memory");
    for (uint32_t k = 0; k < cl->n_clusters; k++)
        out->clusters[k].publisher =
            is_publisher(&out->clusters[k], cl->clusters[k].size,
                         out->population_followers_median);
    return CIB_OK;
}

/* cluster_of from the clusters' account lists: k + 1 for the accounts of
 * clusters[k], 0 for the rest. */
static void number_accounts(cib_clustering *c)
{
    memset(c->cluster_of, 0, c->n_accounts * sizeof *c->cluster_of);
    for (uint32_t k = 0; k < c->n_clusters; k++)
        for (uint32_t i = 0; i < c->clusters[k].size; i++)
            c->cluster_of[c->clusters[k].accounts[i]] = k + 1;
}

int cib_clustering_split(cib_clustering *cl, const bool *apart,
                         cib_clustering *out, cib_audience_set *aud,
                         cib_audience_set *out_aud, cib_error *err)
{
    memset(out, 0, sizeof *out);
    if (out_aud)
        memset(out_aud, 0, sizeof *out_aud);
    uint32_t n = cl->n_clusters, n_apart = 0;
    for (uint32_t k = 0; k < n; k++)
        n_apart += apart[k];
    out->n_accounts = cl->n_accounts;
    out->modularity = cl->modularity;
    out->cluster_of = calloc(cl->n_accounts ? cl->n_accounts : 1,
                             sizeof *out->cluster_of);
    out->clusters = calloc(n_apart ? n_apart : 1, sizeof *out->clusters);
    cib_cluster_audience *oa = NULL;
    if (aud && out_aud)
        oa = calloc(n_apart ? n_apart : 1, sizeof *oa);
    if (!out->cluster_of || !out->clusters || (aud && out_aud && !oa)) {
        free(oa);
        cib_clustering_free(out);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    /* nothing below fails: move the clusters, then renumber */
    uint32_t kept = 0, moved = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (apart[k]) {
            if (oa)
                oa[moved] = aud->clusters[k];
            out->clusters[moved++] = cl->clusters[k];
        } else {
            if (aud)
                aud->clusters[kept] = aud->clusters[k];
            cl->clusters[kept++] = cl->clusters[k];
        }
    }
    cl->n_clusters = kept;
    out->n_clusters = moved;
    number_accounts(cl);
    number_accounts(out);
    if (aud) {
        aud->n_clusters = kept;
        if (out_aud) {
            out_aud->clusters = oa;
            out_aud->n_clusters = moved;
            out_aud->population_followers_median =
                aud->population_followers_median;
            out_aud->engagement_events = aud->engagement_events;
        }
    }
    return CIB_OK;
}
