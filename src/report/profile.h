/*
 * profile.h — the cluster profile behind the tally (issue 8): audience,
 * account-creation batches, distinctive hashtags / domains / terms, and
 * what report.html draws besides the summary (each cluster's event rows
 * and internal pairs, the population's daily curve in the cluster's
 * zone, sample texts).  Internal to src/report.
 */
#ifndef CIB_REPORT_PROFILE_H
#define CIB_REPORT_PROFILE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "internal.h"

#define CIB_PROFILE_TOP 10    /* distinctive items kept per vocabulary */
#define CIB_PROFILE_SAMPLES 5 /* sample texts kept per cluster */

/* The three vocabularies compared by weighted log-odds. */
typedef enum cib_vocab {
    CIB_VOCAB_HASHTAG = 0, /* folded hashtags, also #words of the text */
    CIB_VOCAB_DOMAIN,      /* registrable domains of shared URLs */
    CIB_VOCAB_TERM,        /* lower-cased words of the text */
    CIB_VOCAB_COUNT
} cib_vocab;

const char *cib_vocab_name(cib_vocab v); /* "hashtags", "domains", "terms" */

/* One distinctive item of a cluster. */
typedef struct cib_distinct {
    uint32_t item;   /* string id in cib_profiles.items */
    uint64_t count;  /* the cluster's events using it */
    uint64_t rest;   /* events outside the cluster using it */
    double delta;    /* log-odds ratio, cluster vs everyone else */
    double z;        /* delta / its standard deviation */
} cib_distinct;

/* A text the cluster posted, and how often. */
typedef struct cib_sample_text {
    uint32_t text;   /* string id in the store's pool */
    uint64_t events; /* the cluster's events with exactly this text */
} cib_sample_text;

typedef struct cib_cluster_profile {
    /* Audience: events per follower, median over the cluster's accounts
     * whose follower count is known (followers 0 counted as 1), and that
     * median over the population's median.  NaN when unknown. */
    uint32_t audience_accounts;
    double events_per_follower;
    double audience_ratio;

    /* Creation batches: accounts with a known creation date, the month
     * ("YYYY-MM", "" when none) in which most of them were created, how
     * many, their share, the population's share created that month, and
     * the chance of so many or more in some month if the cluster's
     * accounts were drawn from the population (binomial upper tail times
     * the number of months with creations, Bonferroni; at most 1). */
    uint32_t created_known;
    char busiest_month[8];
    uint32_t busiest_count;
    double busiest_share, population_share, batch_p;

    /* Distinctive items, highest z first; only items with z >= 1.96 (5%
     * two-sided) used in at least two of the cluster's events. */
    cib_distinct top[CIB_VOCAB_COUNT][CIB_PROFILE_TOP];
    size_t n_top[CIB_VOCAB_COUNT];
    uint64_t vocab_events[CIB_VOCAB_COUNT]; /* cluster events with any */

    /* Population's share of events per hour of day (24) on the clock the
     * cluster's local profile uses (its zone, or UTC without one). */
    bool has_population_day;
    double population_day[24];

    cib_sample_text samples[CIB_PROFILE_SAMPLES];
    size_t n_samples;
} cib_cluster_profile;

typedef struct cib_profiles {
    cib_cluster_profile *clusters; /* n_clusters */
    uint32_t n_clusters;
    cib_strings *items;            /* strings of every cib_distinct.item */
    /* population medians and counts behind the ratios */
    double population_events_per_follower; /* NaN unknown */
    uint32_t population_audience_accounts;
    uint32_t population_created_known;
    /* clustered event rows grouped by cluster: cluster k (1-based) has
     * rows[row_start[k-1] .. row_start[k]) */
    uint32_t *rows;
    size_t *row_start;             /* n_clusters + 1 */
    /* indices into coord->pairs of the pairs inside cluster k:
     * pair_idx[pair_start[k-1] .. pair_start[k]) */
    size_t *pair_idx;
    size_t *pair_start;            /* n_clusters + 1 */
} cib_profiles;

/* Build every cluster's profile of s (made by cib_summary_build, with the
 * zone inference when in->tzdb is set).  Cost: one pass over the events'
 * texts, hashtags and URLs to count each vocabulary item's events (at
 * most 2 million events: beyond, a regular sample, see profile.c), a
 * second over the clustered events; a sort of each cluster's items; the
 * population's quarter-hour histogram mapped once per distinct zone.
 * Returns 0 or CIB_ENOMEM; *out is NULL on failure. */
int cib_profiles_build(cib_profiles **out, const cib_report_input *in,
                       const cib_summary *s, cib_error *err);
void cib_profiles_free(cib_profiles *p);

/* Weighted log-odds with an informative Dirichlet prior (Monroe,
 * Colaresi & Quinn 2008, "Fightin' Words", Political Analysis 16(4),
 * section 3.5.3): for an item with counts y_i in the cluster (n_i in all)
 * and y_j outside (n_j), prior alpha_w = alpha_0 * (y_i + y_j) / (n_i +
 * n_j),
 *   delta = log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
 *         - log((y_j + a_w) / (n_j + a_0 - y_j - a_w)),
 *   var   = 1 / (y_i + a_w) + 1 / (y_j + a_w),   z = delta / sqrt(var).
 * Returns z and writes delta (may be NULL).  NaN when n_i + n_j == 0. */
double cib_logodds_z(double y_i, double n_i, double y_j, double n_j,
                     double alpha0, double *delta);

/* The prior's weight alpha_0 the report uses, in events. */
#define CIB_LOGODDS_ALPHA0 500.0

/* Split text into vocabulary items: fn(ctx, vocab, bytes, len) is called
 * for each lower-cased word of at least two characters holding a letter
 * (CIB_VOCAB_TERM) and for each #hashtag without its '#'
 * (CIB_VOCAB_HASHTAG).  URLs (http://, https://, www.) and @mentions are
 * skipped.  Words are runs of letters, digits, marks and inner
 * apostrophes; lower-casing is Unicode's simple mapping (utf8proc).
 * Invalid UTF-8 bytes end a word. */
typedef void (*cib_token_fn)(void *ctx, cib_vocab v, const char *s,
                             size_t n);
void cib_tokenize(const char *text, size_t len, cib_token_fn fn, void *ctx);

/* The cluster's "profile" object of report.json (NULL on no memory). */
json_t *cib_profile_json(const cib_profiles *p, const cib_report_input *in,
                         uint32_t k);

#endif
