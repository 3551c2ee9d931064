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
 * edges.csv:    source,target,weight,<one column per trace that ran> — one
 *               row per kept pair in coord order (sorted by account index);
 *               weight = distinct keys over all traces (cib_pair.total).
 */
#include "internal.h"

#include <inttypes.h>
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
    const cib_clustering *cl = in->clusters;
    cib_account_rhythm *rhythm;
    int rc = cib_account_rhythm_build(&rhythm, in, err);
    if (rc != CIB_OK)
        return rc;
    fputs("account_id,cluster_id,platform,asset_type,followers,events,"
          "degree,strength,zone,utc_offset_hours,pattern\n", f);
    for (size_t a = 0; a < acc->n; a++) {
        id_cell(f, in, acc->id[a]);
        cib_csv_sep(f, ',');
        uint32_t k = cl && cl->cluster_of && a < cl->n_accounts
                         ? cl->cluster_of[a] : 0;
        if (k && k <= cl->n_clusters)
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
        fputc('\n', f);
    }
    free(rhythm);
    return CIB_OK;
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
    fputc('\n', f);
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
        fputc('\n', f);
    }
    return CIB_OK;
}
