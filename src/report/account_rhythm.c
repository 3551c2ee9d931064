/*
 * account_rhythm.c — the per-account time zone, offset and pattern written
 * beside each account in accounts.csv (issue 3): the rhythm stage's
 * inference run once per account that has enough events for it.
 *
 * Accounts below CIB_RHYTHM_MIN_EVENTS are left out of the grouping (their
 * columns stay empty) so the cost is one profile per active account, not
 * per account; the profiles are streamed (cib_rhythm_each_group_threads,
 * on the run's --threads), so memory holds three small fields per
 * account, not whole profiles.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct collect_ctx {
    cib_account_rhythm *out;
    const cib_tzdb *db;
} collect_ctx;

static int collect(void *arg, size_t account, const cib_rhythm *r)
{
    collect_ctx *c = arg;
    cib_account_rhythm *a = &c->out[account];
    if (r->zone[0] == '\0')
        return CIB_OK;
    a->zone = cib_tzdb_find(c->db, r->zone);
    a->utc_offset_hours = r->utc_offset_hours;
    a->pattern = r->pattern;
    return CIB_OK;
}

int cib_account_rhythm_build(cib_account_rhythm **out,
                             const cib_report_input *in, cib_error *err)
{
    const cib_events *e = &in->store->events;
    size_t n_accounts = in->store->accounts.n;
    *out = NULL;
    cib_account_rhythm *res = malloc((n_accounts ? n_accounts : 1) * sizeof *res);
    if (res == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    for (size_t a = 0; a < n_accounts; a++)
        res[a] = (cib_account_rhythm){.zone = -1,
                                      .pattern = CIB_PATTERN_UNDETERMINED};
    if (in->tzdb == NULL || e->n == 0) {
        *out = res;
        return CIB_OK;
    }
    uint32_t *group_of = malloc(e->n * sizeof *group_of);
    if (group_of == NULL) {
        free(res);
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    }
    const uint64_t *n_events = in->store->accounts.n_events;
    for (size_t i = 0; i < e->n; i++) {
        uint32_t a = e->account[i];
        group_of[i] = n_events[a] >= CIB_RHYTHM_MIN_EVENTS ? a : UINT32_MAX;
    }
    collect_ctx ctx = {res, in->tzdb};
    /* as many threads as the run's --threads; collect writes only the
     * slot of its own account, so the walk may run in any order */
    unsigned threads = in->run.coord ? in->run.coord->threads : 1;
    int rc = cib_rhythm_each_group_threads(n_accounts, e->time, group_of,
                                           e->n, in->tzdb, threads, collect,
                                           &ctx, err);
    free(group_of);
    if (rc != CIB_OK) {
        free(res);
        return rc;
    }
    *out = res;
    return CIB_OK;
}
