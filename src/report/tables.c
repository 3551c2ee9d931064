/*
 * tables.c — accounts.csv and edges.csv (CONTRACT.md "Output").  Cells go
 * through csv_out.c: RFC 4180 quoting, and strings from the input are
 * formula-neutralised (a leading = + - @ gets a ' in front).
 *
 * accounts.csv: account_id,cluster_id,platform,asset_type,followers,
 *               events,degree,strength,zone,utc_offset_hours,pattern — one
 *               row per account in the store, in store order; cluster_id
 *               "C<k>" or empty, followers empty when unknown; degree =
 *               kept pairs, strength = the sum of their total weights;
 *               zone, offset and pattern from the account's own events,
 *               empty below CIB_RHYTHM_MIN_EVENTS events.
 * edges.csv:    source,target,weight,<one column per trace that ran>,
 *               p_value,q_value (when the pairs come from cib_coord_run,
 *               which tests them) — one row per kept pair in coord order
 *               (sorted by account index); weight = distinct keys over
 *               all traces (cib_pair.total); p_value the pair test's
 *               fused p-value, q_value its Benjamini-Hochberg q-value
 *               (empty when the pair was not ranked).
 */
#include "internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

static void id_cell(FILE *f, const cib_report_input *in, uint32_t id)
{
    size_t n;
    const char *s = cib_strings_get(in->store->strings, id, &n);
    cib_csv_cell(f, s, n, CIB_CSV_NEUTRALIZE);
}

int cib_report_write_accounts(FILE *f, const cib_report_input *in,
                              const cib_summary *s, cib_error *err)
{
    const cib_accounts *acc = &in->store->accounts;
    cib_account_rhythm *rhythm;
    int rc = cib_account_rhythm_build(&rhythm, in, err);
    if (rc != CIB_OK)
        return rc;
    fputs("account_id,cluster_id,platform,asset_type,followers,events,"
          "degree,strength,zone,utc_offset_hours,pattern,"
          "publisher_network\n", f);
    for (size_t a = 0; a < acc->n; a++) {
        id_cell(f, in, acc->id[a]);
        cib_csv_sep(f, ',');
        uint32_t k = cib_report_cluster_of(in, (uint32_t)a);
        if (k)
            fprintf(f, "C%" PRIu32, k);
        cib_csv_sep(f, ',');
        id_cell(f, in, acc->platform[a]);
        fprintf(f, ",%s,", cib_asset_name((cib_asset)acc->asset[a]));
        if (acc->followers[a] >= 0)
            fprintf(f, "%" PRId64, acc->followers[a]);
        fprintf(f, ",%" PRIu64 ",%" PRIu32 ",%" PRIu64 ",", acc->n_events[a],
                s->degree[a], s->strength[a]);
        const cib_account_rhythm *r = &rhythm[a];
        if (r->zone >= 0)
            fprintf(f, "%s,%g,%s", cib_tzdb_name(in->tzdb, (size_t)r->zone),
                    r->utc_offset_hours, cib_pattern_name(r->pattern));
        else
            fputs(",,", f);
        fputc(',', f);
        uint32_t p = cib_report_publisher_of(in, (uint32_t)a);
        if (p)
            fprintf(f, "P%" PRIu32, p);
        fputc('\n', f);
    }
    free(rhythm);
    return CIB_OK;
}

/* A probability given as its log10, in %.3g style also below the range
 * of doubles ("2.5e-1234"), so that tiny p-values keep their size. */
static void put_log10(FILE *f, double l)
{
    if (!(l < 0)) {
        fputs("1", f);
        return;
    }
    if (l > -300) {
        fprintf(f, "%.3g", pow(10, l));
        return;
    }
    double e = floor(l), m = pow(10, l - e);
    if (m >= 9.995) { /* "%.3g" would print 10 */
        m = 1;
        e += 1;
    }
    fprintf(f, "%.3ge%.0f", m, e);
}

int cib_report_write_edges(FILE *f, const cib_report_input *in,
                           const cib_summary *s, cib_error *err)
{
    (void)err;
    const cib_accounts *acc = &in->store->accounts;
    fputs("source,target,weight", f);
    for (int t = 0; t < CIB_TRACE_COUNT; t++)
        if (s->traces_ran[t])
            fprintf(f, ",%s", cib_trace_name((cib_trace)t));
    /* the pair test's columns, when cib_coord_run made the pairs */
    bool tested = in->coord && in->coord->significance.fdr > 0;
    fputs(tested ? ",p_value,q_value\n" : "\n", f);
    for (size_t p = 0; in->coord && p < in->coord->n_pairs; p++) {
        const cib_pair *pr = &in->coord->pairs[p];
        if (pr->a >= acc->n || pr->b >= acc->n)
            continue;
        id_cell(f, in, acc->id[pr->a]);
        cib_csv_sep(f, ',');
        id_cell(f, in, acc->id[pr->b]);
        fprintf(f, ",%" PRIu32, pr->total);
        for (int t = 0; t < CIB_TRACE_COUNT; t++)
            if (s->traces_ran[t])
                fprintf(f, ",%" PRIu32, pr->weight[t]);
        if (tested) { /* the pair test's p- and q-value (coord.h) */
            fputc(',', f);
            put_log10(f, pr->log10_p);
            fputc(',', f);
            if (pr->q_value == pr->q_value) /* NaN: not computed */
                put_log10(f, log10(pr->q_value));
        }
        fputc('\n', f);
    }
    return CIB_OK;
}
