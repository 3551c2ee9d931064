/*
 * synth.c — cib_synth_write: simulate day by day and stream the rows.
 *
 * Each simulated day adds the organic accounts' UTC day and the network's
 * local working day to a row buffer; rows that no later day can precede
 * are then sorted by time and written, so the file comes out in time
 * order while memory holds only about a day of rows.  Relies on world.c,
 * organic.c, network.c and emit.c.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void cib_synth_options_init(cib_synth_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->seed = 1;
    opt->events = 100000;
    opt->organic_accounts = 2000;
    opt->network_accounts = 24;
    opt->start = 1578268800; /* 2020-01-06T00:00:00Z, a Monday */
    opt->days = 90;
    opt->utc_offset_hours = 1;
}

static int cmp_row(const void *pa, const void *pb)
{
    const synth_row *a = pa, *b = pb;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Sort the buffer and write the rows before `cutoff`, keeping the rest. */
static void flush(synth_world *w, FILE *f, int64_t cutoff)
{
    qsort(w->rows, w->n_rows, sizeof *w->rows, cmp_row);
    size_t i = 0;
    for (; i < w->n_rows && w->rows[i].time < cutoff; i++)
        synth_write_row(f, w, &w->rows[i]);
    memmove(w->rows, w->rows + i, (w->n_rows - i) * sizeof *w->rows);
    w->n_rows -= i;
}

/* account_id,network_id for every account, in id order. */
static int write_truth(const synth_world *w, FILE *f)
{
    uint32_t *by_label = malloc((w->n_acct ? w->n_acct : 1) * sizeof *by_label);
    if (by_label == NULL)
        return CIB_ENOMEM;
    for (uint32_t a = 0; a < w->n_acct; a++)
        by_label[w->acct[a].label] = a;
    fputs("account_id,network_id\n", f);
    char id[32];
    for (uint32_t l = 0; l < w->n_acct; l++) {
        uint32_t a = by_label[l];
        synth_account_id(w, a, id, sizeof id);
        fprintf(f, "%s,%s\n", id, w->acct[a].op == SYNTH_NO_OP ? "" : "N1");
    }
    free(by_label);
    return CIB_OK;
}

int cib_synth_write(const cib_synth_options *opt, FILE *events,
                    const char *events_path, FILE *truth, cib_error *err)
{
    synth_world *w = malloc(sizeof *w);
    if (w == NULL || synth_world_init(w, opt)) {
        if (w)
            synth_world_free(w);
        free(w);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0,
                             "out of memory setting up the simulation");
    }
    synth_write_header(events);
    int rc = CIB_OK;
    /* Later days start no earlier than the next UTC day, or the next
     * office morning (09:00 local) for offsets beyond +9. */
    int64_t lead = 9 - w->opt.utc_offset_hours < 0
                       ? (int64_t)(9 - w->opt.utc_offset_hours) * 3600 : 0;
    for (uint32_t d = 0; d < w->opt.days && rc == CIB_OK; d++) {
        if (synth_organic_day(w, d) || synth_network_day(w, d)) {
            rc = cib_error_set(err, CIB_ENOMEM, NULL, 0,
                               "out of memory in the simulation");
            break;
        }
        flush(w, events, w->opt.start + (int64_t)(d + 1) * 86400 + lead);
        if (ferror(events))
            rc = cib_error_set(err, CIB_EIO, events_path, 0,
                               "cannot write: %s", strerror(errno));
    }
    if (rc == CIB_OK) {
        flush(w, events, INT64_MAX);
        if (fflush(events) != 0 || ferror(events))
            rc = cib_error_set(err, CIB_EIO, events_path, 0,
                               "cannot write: %s", strerror(errno));
    }
    if (rc == CIB_OK && truth) {
        if (write_truth(w, truth))
            rc = cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
        else if (fflush(truth) != 0 || ferror(truth))
            rc = cib_error_set(err, CIB_EIO, NULL, 0,
                               "cannot write the truth file: %s",
                               strerror(errno));
    }
    synth_world_free(w);
    free(w);
    return rc;
}
