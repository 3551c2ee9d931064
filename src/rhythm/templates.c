/*
 * templates.c — the phase half of the zone score: how well a local
 * hour-of-day count vector fits a human day.  Three templates, each mixed
 * with a uniform share beta (automation, night shifts, a few night owls)
 * fitted on a grid, so that a little round-the-clock activity does not
 * decide where the day is:
 *
 *   waking day   share of people awake by local hour, shaped after the
 *                American Time Use Survey's "percent of people sleeping"
 *                by time of day (U.S. Bureau of Labor Statistics): nearly
 *                everyone asleep 02-05, half awake at 07, most awake
 *                09-21, half asleep by 23.  Organic users.
 *   office       9:00-18:00 with a ramp from 07 and a tail to 20 (the
 *                DESIGN.md office week; the Albania farm "picking up
 *                after 9 am").
 *   day shift    9:00-21:00: the 12-hour day shifts former IRA employees
 *                describe (data/real/README.md, section 1, "Shifts and
 *                operator location").
 *
 * Offices that start at 8 or 10 are the same template one zone over; the
 * sharpness half of the score (zone.c) is what separates DST rules.
 * Relies on libm.
 */
#include <math.h>

#include "rhythm_internal.h"

#define N_TEMPLATES 3
#define N_BETA 13 /* beta = 0, 0.05, ..., 0.60 */

static const double shape[N_TEMPLATES][24] = {
    /* waking day (awake share + 0.02) */
    {.24, .14, .09, .07, .07, .12, .27, .52, .72, .84, .92, .92,
     .92, .92, .92, .92, .92, .92, .92, .90, .89, .87, .72, .47},
    /* office 9-18 */
    {.02, .02, .02, .02, .02, .02, .02, .05, .30, 1, 1, 1,
     1, 1, 1, 1, 1, 1, .40, .20, .10, .02, .02, .02},
    /* day shift 9-21 */
    {.02, .02, .02, .02, .02, .02, .02, .05, .30, 1, 1, 1,
     1, 1, 1, 1, 1, 1, 1, 1, 1, .40, .20, .10},
};
/* prior weight of each template */
static const double prior[N_TEMPLATES] = {0.5, 0.3, 0.2};

void rh_templates_init(rh_templates *t)
{
    for (int k = 0; k < N_TEMPLATES; k++) {
        double sum = 0;
        for (int h = 0; h < 24; h++)
            sum += shape[k][h];
        for (int j = 0; j < N_BETA; j++) {
            double beta = 0.05 * j;
            for (int h = 0; h < 24; h++)
                t->logq[k][j][h] =
                    log((1 - beta) * shape[k][h] / sum + beta / 24.0);
        }
        t->logprior[k] = log(prior[k]);
    }
}

double rh_template_fit(const rh_templates *t, const double c[24], int *which)
{
    double best = -INFINITY;
    int best_k = 0;
    for (int k = 0; k < N_TEMPLATES; k++)
        for (int j = 0; j < N_BETA; j++) {
            double ll = t->logprior[k];
            for (int h = 0; h < 24; h++)
                ll += c[h] * t->logq[k][j][h];
            if (ll > best) {
                best = ll;
                best_k = k;
            }
        }
    if (which)
        *which = best_k;
    return best;
}

bool rh_template_office_like(int which)
{
    return which == 1 || which == 2;
}
