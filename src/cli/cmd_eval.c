/*
 * cmd_eval.c — `cibscan eval --truth T ACCOUNTS_CSV [--json FILE]`: score
 * detected clusters against planted ground truth (src/eval/).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "eval/eval.h"

static const char EVAL_USAGE[] =
    "usage: cibscan eval --truth TRUTH.csv ACCOUNTS.csv [--json FILE]\n"
    "\n"
    "Precision, recall and F1 of the 'coordinated' label over the accounts\n"
    "of TRUTH.csv (account_id,network_id), and the adjusted Rand index and\n"
    "NMI of the clusters of ACCOUNTS.csv (cibscan's accounts.csv) over the\n"
    "planted networks; per network, the cluster holding most of it.  With\n"
    "a kind column in TRUTH.csv (as cibscan synth writes), the false\n"
    "positives by kind.  --json writes the same figures as JSON to FILE\n"
    "(- for standard output).\n";

enum { OPT_TRUTH = 256, OPT_JSON, OPT_HELP };

static const struct option EVAL_OPTIONS[] = {
    {"truth", required_argument, 0, OPT_TRUTH},
    {"json", required_argument, 0, OPT_JSON},
    {"help", no_argument, 0, OPT_HELP},
    {0, 0, 0, 0},
};

/* Which of the figures mean something: precision needs a predicted
 * account, recall a planted one, F1 both, ARI and NMI a planted one.  A
 * run with nothing planted and nothing found is a perfect outcome, not a
 * precision, recall and F1 of 0: they are "n/a" (null in JSON). */
typedef struct defined {
    bool precision, recall, f1, partition;
} defined;

static defined defined_figures(const cib_eval_result *r)
{
    defined d;
    d.precision = r->true_pos + r->false_pos > 0;
    d.recall = r->true_pos + r->false_neg > 0;
    d.f1 = d.precision && d.recall;
    d.partition = d.recall;
    return d;
}

static json_t *real_or_null(bool ok, double v)
{
    return ok ? json_real(v) : json_null();
}

static json_t *result_json(const cib_eval_result *r)
{
    defined d = defined_figures(r);
    json_t *nets = json_array();
    for (size_t i = 0; i < r->n_networks; i++) {
        const cib_eval_network *n = &r->networks[i];
        json_array_append_new(nets, json_pack(
            "{s:s, s:I, s:I, s:I, s:s?, s:I, s:I}", "network", n->network,
            "size", (json_int_t)n->size,
            "found", (json_int_t)n->found,
            "clusters", (json_int_t)n->clusters,
            "best_cluster", n->best_cluster[0] ? n->best_cluster : NULL,
            "best_overlap", (json_int_t)n->best_overlap,
            "best_cluster_size", (json_int_t)n->best_size));
    }
    json_t *kinds = json_object();
    for (size_t i = 0; i < r->n_fp_kinds; i++)
        json_object_set_new(kinds, r->fp_kinds[i].kind[0]
                                       ? r->fp_kinds[i].kind : "unknown",
                            json_integer((json_int_t)r->fp_kinds[i].false_pos));
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, "
                     "s:o, s:o, s:o}",
                     "accounts", (json_int_t)r->accounts,
                     "true_positives", (json_int_t)r->true_pos,
                     "false_positives", (json_int_t)r->false_pos,
                     "false_negatives", (json_int_t)r->false_neg,
                     "true_negatives", (json_int_t)r->true_neg,
                     "clustered_not_in_truth", (json_int_t)r->unknown_accounts,
                     "precision", real_or_null(d.precision, r->precision),
                     "recall", real_or_null(d.recall, r->recall),
                     "f1", real_or_null(d.f1, r->f1),
                     "ari", real_or_null(d.partition, r->ari),
                     "nmi", real_or_null(d.partition, r->nmi),
                     "false_positives_by_kind", kinds,
                     "networks", nets);
}

/* "0.9091", or "n/a" when the figure means nothing. */
static const char *figure(bool ok, double v, char *buf, size_t n)
{
    if (ok)
        snprintf(buf, n, "%.4f", v);
    else
        snprintf(buf, n, "n/a");
    return buf;
}

static void print_table(const cib_eval_result *rp)
{
    const cib_eval_result r = *rp;

    defined d = defined_figures(&r);
    char p[16], rc[16], f1[16], ari[16], nmi[16];
    printf("coordinated label   precision %s  recall %s  F1 %s  "
           "(TP %llu, FP %llu, FN %llu)\n",
           figure(d.precision, r.precision, p, sizeof p),
           figure(d.recall, r.recall, rc, sizeof rc),
           figure(d.f1, r.f1, f1, sizeof f1),
           (unsigned long long)r.true_pos, (unsigned long long)r.false_pos,
           (unsigned long long)r.false_neg);
    if (r.n_fp_kinds > 0 && r.fp_kinds[0].kind[0]) {
        char net_kind[sizeof r.fp_kinds[0].kind];
        printf("false positives by kind ");
        for (size_t i = 0; i < r.n_fp_kinds; i++)
            printf(" %s %llu", cib_printable(r.fp_kinds[i].kind, net_kind,
                                             sizeof net_kind),
                   (unsigned long long)r.fp_kinds[i].false_pos);
        printf("\n");
    }
    printf("clusters vs planted ARI %s  NMI %s\n",
           figure(d.partition, r.ari, ari, sizeof ari),
           figure(d.partition, r.nmi, nmi, sizeof nmi));
    for (size_t i = 0; i < r.n_networks; i++) {
        const cib_eval_network *n = &r.networks[i];
        char net[sizeof n->network];
        printf("  network %-10s %5llu accounts, %llu clustered in %llu "
               "clusters; best cluster %s holds %llu of them",
               cib_printable(n->network, net, sizeof net),
               (unsigned long long)n->size,
               (unsigned long long)n->found, (unsigned long long)n->clusters,
               n->best_cluster[0] ? n->best_cluster : "none",
               (unsigned long long)n->best_overlap);
        if (n->best_cluster[0])
            printf(" (of its %llu)", (unsigned long long)n->best_size);
        printf("\n");
    }
}

int cib_cmd_eval(int argc, char **argv)
{
    const char *truth = NULL, *json_path = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", EVAL_OPTIONS, NULL)) != -1) {
        switch (c) {
        case OPT_TRUTH: truth = optarg; break;
        case OPT_JSON: json_path = optarg; break;
        case OPT_HELP: fputs(EVAL_USAGE, stdout); return 0;
        default:
            return cib_cli_usage("eval", "unknown or incomplete option '%s'",
                                 argv[optind - 1]);
        }
    }
    if (truth == NULL)
        return cib_cli_usage("eval", "--truth TRUTH.csv is required");
    if (optind + 1 != argc)
        return cib_cli_usage("eval", "give exactly one ACCOUNTS.csv");

    cib_eval_result r;
    cib_error err = {0};
    if (cib_eval_files(&r, truth, argv[optind], &err) != CIB_OK)
        return cib_cli_fail(&err);

    /* with --json -, stdout carries the JSON alone so it parses */
    bool table = json_path == NULL || strcmp(json_path, "-") != 0;
    if (table)
        print_table(&r);

    int rc = CIB_OK;
    if (json_path) {
        json_t *j = result_json(&r);
        cib_atomic_file f = {0};
        rc = cib_atomic_open(&f, json_path, &err);
        if (rc == CIB_OK && json_dumpf(j, f.fp, JSON_INDENT(2) |
                                                  JSON_PRESERVE_ORDER) != 0)
            rc = cib_error_set(&err, CIB_EIO, json_path, 0, "cannot write");
        if (rc == CIB_OK)
            fputc('\n', f.fp);
        rc = cib_atomic_commit(&f, rc, &err);
        json_decref(j);
    }
    cib_eval_result_free(&r);
    return rc == CIB_OK ? 0 : cib_cli_fail(&err);
}
