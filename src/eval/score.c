/*
 * score.c — read a truth file and cibscan's accounts.csv and score the one
 * against the other (definitions in eval.h).  Account, network and cluster
 * names are interned in one string pool so every table below is an array
 * indexed by string id.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "ingest/ingest.h"
#include "store/store.h"

#define NOT_SEEN UINT32_MAX

typedef struct scorer {
    cib_strings *pool;
    uint32_t *network; /* by account string id: network id, 0 organic */
    uint32_t *cluster; /* by account string id: cluster id, 0 none */
    uint32_t *kind;    /* by account string id: kind id, 0 none */
    size_t cap;
    bool has_kind;     /* the truth file has a kind column */
    uint32_t *truth_accounts; /* account ids in truth-file order */
    size_t n_truth, cap_truth;
    const char *file;
} scorer;

/* Make the per-id tables cover id, new slots NOT_SEEN. */
static int cover(scorer *s, uint32_t id, cib_error *err)
{
    if (id < s->cap)
        return CIB_OK;
    size_t ncap = s->cap ? s->cap : 1024;
    while (ncap <= id)
        ncap *= 2;
    uint32_t *n = realloc(s->network, ncap * sizeof *n);
    if (n)
        s->network = n;
    uint32_t *c = n ? realloc(s->cluster, ncap * sizeof *c) : NULL;
    if (c)
        s->cluster = c;
    uint32_t *k = c ? realloc(s->kind, ncap * sizeof *k) : NULL;
    if (k)
        s->kind = k;
    if (!n || !c || !k)
        return cib_error_set(err, CIB_ENOMEM, s->file, 0, "out of memory");
    for (size_t i = s->cap; i < ncap; i++) {
        s->network[i] = s->cluster[i] = NOT_SEEN;
        s->kind[i] = 0;
    }
    s->cap = ncap;
    return CIB_OK;
}

static int intern(scorer *s, const char *v, uint32_t *id, uint64_t line,
                  cib_error *err)
{
    *id = cib_strings_intern(s->pool, v, strlen(v));
    if (*id == UINT32_MAX)
        return cib_error_set(err, CIB_ENOMEM, s->file, line, "out of memory");
    return cover(s, *id, err);
}

static int truth_row(void *ctx, const char *const *v, uint64_t line,
                     cib_error *err)
{
    scorer *s = ctx;
    uint32_t acct, net, kind = 0;
    if (v[0][0] == '\0')
        return cib_error_set(err, CIB_EINPUT, s->file, line,
                             "field 'account_id' is empty");
    int rc = intern(s, v[0], &acct, line, err);
    if (rc == CIB_OK)
        rc = intern(s, v[1], &net, line, err);
    if (rc == CIB_OK && s->has_kind)
        rc = intern(s, v[2], &kind, line, err);
    if (rc != CIB_OK)
        return rc;
    if (s->network[acct] != NOT_SEEN)
        return cib_error_set(err, CIB_EINPUT, s->file, line,
                             "account '%s' appears twice", v[0]);
    s->network[acct] = net;
    s->kind[acct] = kind;
    if (cib_grow((void **)&s->truth_accounts, &s->cap_truth, s->n_truth + 1,
                 sizeof *s->truth_accounts))
        return cib_error_set(err, CIB_ENOMEM, s->file, line, "out of memory");
    s->truth_accounts[s->n_truth++] = acct;
    return CIB_OK;
}

static int accounts_row(void *ctx, const char *const *v, uint64_t line,
                        cib_error *err)
{
    scorer *s = ctx;
    uint32_t acct, cl;
    /* accounts.csv neutralises ids that a spreadsheet would run as a
     * formula with a leading ' (src/report/csv_out.c): "'@user" is the
     * truth file's "@user" */
    const char *id = v[0];
    if (id[0] == '\'' && id[1] && strchr("=+-@\t\r", id[1]))
        id++;
    int rc = intern(s, id, &acct, line, err);
    if (rc == CIB_OK)
        rc = intern(s, v[1], &cl, line, err);
    if (rc == CIB_OK)
        s->cluster[acct] = cl;
    return rc;
}

/* Index of string id `value` in keys (a column or row list), appended
 * when absent; index_of maps string ids to index + 1 (0: absent), so a
 * look-up costs O(1) however many clusters there are. */
static size_t slot_of(uint32_t *keys, size_t *n, uint32_t *index_of,
                      uint32_t value)
{
    if (index_of[value] == 0) {
        keys[*n] = value;
        index_of[value] = (uint32_t)++*n;
    }
    return index_of[value] - 1;
}

/* Contingency of planted networks (rows) against clusters (columns; an
 * unclustered planted account is a column of its own), ARI, NMI and the
 * best cluster per network. */
static int score_partition(scorer *s, cib_eval_result *r, cib_error *err)
{
    size_t planted = 0;
    for (size_t i = 0; i < s->n_truth; i++)
        planted += s->network[s->truth_accounts[i]] != 0;
    uint32_t *nets = calloc(planted + 1, sizeof *nets);
    uint32_t *cols = calloc(planted + 1, sizeof *cols);
    size_t *row_of = calloc(planted + 1, sizeof *row_of);
    size_t *col_of = calloc(planted + 1, sizeof *col_of);
    size_t ids = cib_strings_count(s->pool);
    uint32_t *net_index = calloc(ids, sizeof *net_index);
    uint32_t *col_index = calloc(ids, sizeof *col_index);
    uint64_t *cells = NULL;
    size_t n_nets = 0, n_cols = 0, k = 0;
    int rc = CIB_OK;
    if (!nets || !cols || !row_of || !col_of || !net_index || !col_index) {
        rc = cib_error_set(err, CIB_ENOMEM, s->file, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < s->n_truth; i++) {
        uint32_t a = s->truth_accounts[i];
        if (s->network[a] == 0)
            continue;
        row_of[k] = slot_of(nets, &n_nets, net_index, s->network[a]);
        uint32_t cl = s->cluster[a];
        if (cl == 0 || cl == NOT_SEEN) {
            /* unclustered: a fresh column, keyed by a value no cluster has */
            cols[n_cols] = UINT32_MAX - 1 - (uint32_t)k;
            col_of[k] = n_cols++;
        } else {
            col_of[k] = slot_of(cols, &n_cols, col_index, cl);
        }
        k++;
    }
    cells = calloc(n_nets * n_cols + 1, sizeof *cells);
    r->networks = calloc(n_nets + 1, sizeof *r->networks);
    if (!cells || !r->networks) {
        rc = cib_error_set(err, CIB_ENOMEM, s->file, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < k; i++)
        cells[row_of[i] * n_cols + col_of[i]]++;
    cib_contingency t = {cells, n_nets, n_cols};
    r->ari = cib_eval_ari(&t);
    r->nmi = cib_eval_nmi(&t);
    r->n_networks = n_nets;
    for (size_t i = 0; i < n_nets; i++) {
        cib_eval_network *net = &r->networks[i];
        snprintf(net->network, sizeof net->network, "%s",
                 cib_strings_get(s->pool, nets[i], NULL));
        uint32_t best = 0;
        for (size_t j = 0; j < n_cols; j++) {
            uint64_t c = cells[i * n_cols + j];
            net->size += c;
            bool real_cluster = cols[j] < UINT32_MAX - 1 - planted;
            if (real_cluster && c > 0) {
                net->found += c;
                net->clusters++;
            }
            if (real_cluster && c > net->best_overlap) {
                net->best_overlap = c;
                best = cols[j];
                snprintf(net->best_cluster, sizeof net->best_cluster, "%s",
                         cib_strings_get(s->pool, cols[j], NULL));
            }
        }
        for (size_t a = 0; a < s->n_truth && best != 0; a++)
            net->best_size += s->cluster[s->truth_accounts[a]] == best;
    }
out:
    free(net_index);
    free(col_index);
    free(nets);
    free(cols);
    free(row_of);
    free(col_of);
    free(cells);
    return rc;
}

/* False positives by kind, most first, the tail summed as "other". */
static void count_fp_kinds(const scorer *s, cib_eval_result *r)
{
    uint32_t ids[64];
    uint64_t counts[64];
    size_t n = 0;
    uint64_t other = 0;
    for (size_t i = 0; i < s->n_truth; i++) {
        uint32_t a = s->truth_accounts[i];
        if (s->network[a] != 0 || s->cluster[a] == 0 ||
            s->cluster[a] == NOT_SEEN)
            continue;
        size_t k = 0;
        while (k < n && ids[k] != s->kind[a])
            k++;
        if (k == n && n == 64) {
            other++;
            continue;
        }
        if (k == n) {
            ids[n] = s->kind[a];
            counts[n++] = 0;
        }
        counts[k]++;
    }
    /* selection by count, ties by first appearance */
    bool used[64] = {false};
    for (size_t out = 0; out < n; out++) {
        size_t best = n;
        for (size_t k = 0; k < n; k++)
            if (!used[k] && (best == n || counts[k] > counts[best]))
                best = k;
        used[best] = true;
        if (r->n_fp_kinds < CIB_EVAL_MAX_KINDS - 1) {
            cib_eval_kind *e = &r->fp_kinds[r->n_fp_kinds++];
            snprintf(e->kind, sizeof e->kind, "%s",
                     cib_strings_get(s->pool, ids[best], NULL));
            e->false_pos = counts[best];
        } else {
            other += counts[best];
        }
    }
    if (other) {
        cib_eval_kind *e = &r->fp_kinds[r->n_fp_kinds++];
        snprintf(e->kind, sizeof e->kind, "other");
        e->false_pos = other;
    }
}

/* Read the truth file, with its kind column when it has one. */
static int read_truth(scorer *s, const char *truth_csv, cib_error *err)
{
    static const char *const with_kind[] = {"account_id", "network_id",
                                            "kind"};
    cib_error local = {0};
    s->has_kind = true;
    int rc = cib_ingest_table(truth_csv, with_kind, 3, truth_row, s, &local);
    if (rc == CIB_EINPUT && local.line == 1 &&
        strstr(local.message, "'kind'") != NULL) {
        /* the header lacks the optional column: no row was read */
        s->has_kind = false;
        rc = cib_ingest_table(truth_csv, with_kind, 2, truth_row, s, &local);
    }
    if (rc != CIB_OK && err)
        *err = local;
    return rc;
}

int cib_eval_files(cib_eval_result *r, const char *truth_csv,
                   const char *accounts_csv, cib_error *err)
{
    memset(r, 0, sizeof *r);
    scorer s = {.pool = cib_strings_new(), .file = truth_csv};
    if (s.pool == NULL)
        return cib_error_set(err, CIB_ENOMEM, truth_csv, 0, "out of memory");
    static const char *const account_cols[] = {"account_id", "cluster_id"};
    int rc = read_truth(&s, truth_csv, err);
    if (rc == CIB_OK) {
        s.file = accounts_csv;
        rc = cib_ingest_table(accounts_csv, account_cols, 2, accounts_row,
                              &s, err);
    }
    if (rc == CIB_OK) {
        r->accounts = s.n_truth;
        for (size_t i = 0; i < s.n_truth; i++) {
            uint32_t a = s.truth_accounts[i];
            bool truly = s.network[a] != 0;
            bool predicted = s.cluster[a] != 0 && s.cluster[a] != NOT_SEEN;
            r->true_pos += truly && predicted;
            r->false_pos += !truly && predicted;
            r->false_neg += truly && !predicted;
            r->true_neg += !truly && !predicted;
        }
        for (size_t id = 1; id < s.cap; id++)
            r->unknown_accounts += s.network[id] == NOT_SEEN &&
                                   s.cluster[id] != NOT_SEEN &&
                                   s.cluster[id] != 0;
        cib_eval_prf(r->true_pos, r->false_pos, r->false_neg, &r->precision,
                     &r->recall, &r->f1);
        count_fp_kinds(&s, r);
        rc = score_partition(&s, r, err);
    }
    if (rc != CIB_OK)
        cib_eval_result_free(r);
    cib_strings_free(s.pool);
    free(s.network);
    free(s.cluster);
    free(s.kind);
    free(s.truth_accounts);
    return rc;
}

void cib_eval_result_free(cib_eval_result *r)
{
    free(r->networks);
    r->networks = NULL;
    r->n_networks = 0;
}
