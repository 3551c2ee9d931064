/*
 * synth.h — simulated activity with planted coordinated networks and
 * ground truth, written as activity CSV (CONTRACT.md `cibscan synth`).
 *
 * Deterministic for a seed: the same options give the same bytes.  The
 * generator streams rows to the output, so memory does not grow with the
 * number of events.
 */
#ifndef CIB_SYNTH_H
#define CIB_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#include "../common/common.h"

typedef struct cib_synth_options {
    uint64_t seed;             /* default 1 */
    uint64_t events;           /* approximate total events, default 100000 */
    uint32_t organic_accounts; /* default 2000 */
    uint32_t network_accounts; /* accounts in the planted network, default 24 */
    int64_t start;             /* Unix seconds of the first day, default 2020-01-06 */
    uint32_t days;             /* span in days, default 90 */
    int utc_offset_hours;      /* the network's office offset, default +1 */
} cib_synth_options;

void cib_synth_options_init(cib_synth_options *opt);

/* Write events (activity CSV with header) to `events` and the truth file
 * ("account_id,network_id", network_id empty for organic accounts) to
 * `truth` (may be NULL).  Returns 0 or CIB_EIO naming `events_path`. */
int cib_synth_write(const cib_synth_options *opt, FILE *events,
                    const char *events_path, FILE *truth, cib_error *err);

#endif
