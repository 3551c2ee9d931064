/*
 * eval.h — score detected clusters against planted ground truth
 * (`cibscan eval`, CONTRACT.md).
 *
 * Two views of quality:
 *  - the "coordinated" label over all accounts of the truth file: an
 *    account is predicted coordinated when it has a cluster, and truly so
 *    when it has a network; precision, recall and F1 of that label;
 *  - the partition over the planted accounts (those with a network): how
 *    well clusters recover networks, as the adjusted Rand index (Hubert &
 *    Arabie 1985, "Comparing partitions", J. Classification 2:193) and
 *    normalised mutual information (arithmetic-mean normalisation, Vinh,
 *    Epps & Bailey 2010, JMLR 11:2837).  A planted account left out of
 *    every cluster counts as a singleton cluster of its own, so missing it
 *    costs agreement.
 */
#ifndef CIB_EVAL_H
#define CIB_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"

/* A contingency table of two labelings of the same n items: cell (i, j)
 * counts items with label i in the first and j in the second.  Row-major,
 * rows * cols cells. */
typedef struct cib_contingency {
    const uint64_t *cells;
    size_t rows, cols;
} cib_contingency;

/* Adjusted Rand index of the table, in [-1, 1]; 1 for identical
 * partitions.  Returns 1.0 when both partitions are trivial in the same
 * way (the index is undefined there; identical trivial partitions agree).
 * Cost O(rows * cols). */
double cib_eval_ari(const cib_contingency *t);

/* Normalised mutual information, I(U;V) / ((H(U) + H(V)) / 2), in [0, 1];
 * 1.0 when both entropies are 0.  Cost O(rows * cols). */
double cib_eval_nmi(const cib_contingency *t);

/* Precision, recall and F1 from counts; 0 where a denominator is 0. */
void cib_eval_prf(uint64_t true_pos, uint64_t false_pos, uint64_t false_neg,
                  double *precision, double *recall, double *f1);

/* Per planted network: the cluster holding most of its accounts. */
typedef struct cib_eval_network {
    char network[128];
    uint64_t size;        /* planted accounts */
    char best_cluster[64];/* "" when none of its accounts is clustered */
    uint64_t best_overlap;/* its accounts in that cluster */
    uint64_t found;       /* its accounts in any cluster */
    uint64_t clusters;    /* distinct clusters holding them */
    uint64_t best_size;   /* accounts of the truth file in best_cluster
                             (more than best_overlap: it took in others) */
} cib_eval_network;

/* False positives of one kind (the truth file's optional `kind` column,
 * as `cibscan synth` writes it: organic, news; "" without the column). */
typedef struct cib_eval_kind {
    char kind[32];
    uint64_t false_pos;
} cib_eval_kind;

#define CIB_EVAL_MAX_KINDS 8

typedef struct cib_eval_result {
    uint64_t accounts;        /* accounts in the truth file */
    uint64_t true_pos, false_pos, false_neg, true_neg;
    uint64_t unknown_accounts;/* clustered accounts absent from the truth */
    double precision, recall, f1, ari, nmi;
    cib_eval_network *networks;
    size_t n_networks;
    /* false positives by kind, most first; the kinds past
     * CIB_EVAL_MAX_KINDS - 1 are summed into "other" */
    cib_eval_kind fp_kinds[CIB_EVAL_MAX_KINDS];
    size_t n_fp_kinds;
} cib_eval_result;

/* Score accounts_csv (cibscan's accounts.csv: columns account_id and
 * cluster_id) against truth_csv (account_id,network_id and, optionally,
 * kind).  Returns 0, CIB_EIO (a file cannot be read) or CIB_EINPUT (a
 * column is missing or a row is malformed; err names file and line). */
int cib_eval_files(cib_eval_result *out, const char *truth_csv,
                   const char *accounts_csv, cib_error *err);
void cib_eval_result_free(cib_eval_result *r);

#endif
