/*
 * synth.c — cib_synth_write: simulate day by day and stream the rows.
 *
 * Each simulated day d adds the day's news (stories, news pages, shares,
 * bursts), the organic accounts' own posts of local date d and each
 * network's working day of local date d to a row buffer.  A later day
 * adds nothing earlier than its first local midnight, which is at most
 * 14 hours (the furthest zone ahead of UTC) plus an hour of slack before
 * its UTC midnight; rows earlier than that are written in time order and
 * dropped from the buffer.  Memory thus holds the accounts and about
 * three days of rows (cascades reach two days ahead).  Relies on world.c,
 * news.c, organic.c, farm.c, queue.c and emit.c.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const KINDS[] = {"organic", "news", "farm"};

/* account_id,network_id,kind,operator for every account, in id order. */
static int write_truth(const synth_world *w, FILE *f)
{
    uint32_t *by_label = malloc((w->n_acct ? w->n_acct : 1) * sizeof *by_label);
    if (by_label == NULL)
        return CIB_ENOMEM;
    for (uint32_t a = 0; a < w->n_acct; a++)
        by_label[w->acct[a].label] = a;
    fputs("account_id,network_id,kind,operator\n", f);
    char id[32];
    for (uint32_t l = 0; l < w->n_acct; l++) {
        uint32_t a = by_label[l];
        const synth_account *acc = &w->acct[a];
        synth_account_id(w, a, id, sizeof id);
        if (acc->kind == KIND_FARM) {
            const synth_net *n = &w->nets[acc->group];
            if (n->cfg->round_the_clock)
                fprintf(f, "%s,N%u,farm,\n", id, acc->group + 1u);
            else
                fprintf(f, "%s,N%u,farm,N%u.%u\n", id, acc->group + 1u,
                        acc->group + 1u, (unsigned)w->ops[acc->op].index);
        } else {
            fprintf(f, "%s,,%s,\n", id, KINDS[acc->kind]);
        }
    }
    free(by_label);
    return CIB_OK;
}

static int simulate(synth_world *w, synth_out *out, const char *events_path,
                    cib_error *err)
{
    w->out = out;
    synth_write_header(out);
    for (uint32_t d = 0; d < w->opt.days; d++) {
        int rc = synth_news_day(w, d);
        if (rc == CIB_OK)
            rc = synth_organic_day(w, d);
        for (uint32_t k = 0; k < w->n_nets && rc == CIB_OK; k++)
            rc = synth_farm_day(w, k, d);
        if (rc == CIB_OK)
            rc = synth_flush(w, w->opt.start + (int64_t)(d + 1) * 86400 -
                                    SYNTH_LEAD);
        if (rc != CIB_OK) {
            synth_flush_wait(w);
            return cib_error_set(err, CIB_ENOMEM, NULL, 0,
                                 "out of memory in the simulation");
        }
        /* the writer may be at work on the stream: look between batches */
        if (d % 64 == 63) {
            synth_flush_wait(w);
            if (ferror(out->f))
                return cib_error_set(err, CIB_EIO, events_path, 0,
                                     "cannot write: %s",
                                     strerror(out->err ? out->err : EIO));
        }
    }
    int rc = synth_flush(w, INT64_MAX);
    synth_flush_wait(w);
    if (rc != CIB_OK)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0,
                             "out of memory in the simulation");
    synth_out_flush(out);
    errno = 0;
    /* the writer thread's reason first: this thread's errno is stale */
    if (fflush(out->f) != 0 || ferror(out->f))
        return cib_error_set(err, CIB_EIO, events_path, 0, "cannot write: %s",
                             strerror(out->err ? out->err
                                      : errno ? errno : EIO));
    return CIB_OK;
}

int cib_synth_write(const cib_synth_options *opt, const char *zoneinfo,
                    FILE *events, const char *events_path, FILE *truth,
                    const char *truth_path, cib_error *err)
{
    int rc = cib_synth_options_check(opt, err);
    if (rc != CIB_OK)
        return rc;
    cib_tzdb *db = NULL;
    rc = cib_tzdb_new(&db, zoneinfo, err);
    if (rc != CIB_OK)
        return rc;
    synth_world *w = malloc(sizeof *w);
    synth_out *out = malloc(sizeof *out);
    if (w == NULL || out == NULL) {
        free(w);
        free(out);
        cib_tzdb_free(db);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    rc = synth_world_init(w, opt, db, err);
    if (rc == CIB_OK) {
        synth_out_init(out, events);
        rc = simulate(w, out, events_path, err);
    }
    if (rc == CIB_OK && truth) {
        if (write_truth(w, truth))
            rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        else if (fflush(truth) != 0 || ferror(truth))
            /* written on this thread: errno is the failed write's */
            rc = cib_error_set(err, CIB_EIO, truth_path, 0,
                               "cannot write the truth file: %s",
                               strerror(errno ? errno : EIO));
    }
    synth_world_free(w);
    free(w);
    free(out);
    cib_tzdb_free(db);
    return rc;
}
