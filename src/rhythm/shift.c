/*
 * shift.c — the working shift read off a local hour-of-week profile:
 * rest days, workday start and end, lunch dip, night share and the
 * pattern word.  Definitions (CONTRACT.md "rhythm", docs/rhythm.md):
 *
 *   night_share   share of events 00:00-06:00 local.
 *   rest days     the days below the largest gap between the sorted daily
 *                 shares (a natural break), when they are one to three
 *                 days, their mean is at least 10 % below the other
 *                 days' mean, and the difference holds week by week at
 *                 z >= 3 (bursty weeks do not make a rest day; a
 *                 weekend-heavy organic week has its break above five
 *                 days and no rest day).
 *   workday       on the other days, the hours at or above half the level
 *                 of the six busiest hours, from the first to the last
 *                 such hour after the quietest three-hour stretch; the
 *                 end hour is exclusive (18 = busy until 18:00).
 *   lunch dip     1 - a(L) / mean(a(L-1), a(L+1)), L the quietest hour
 *                 from 11 to 15 whose neighbours are inside the workday.
 *   pattern       round-the-clock when the quietest three hours still
 *                 hold 40 % of the busiest three hours' activity; office
 *                 when an office or day-shift template fits best and
 *                 some day rests (or the nights are empty); organic
 *                 otherwise.
 * Relies on libm.
 */
#include <math.h>
#include <string.h>

#include "rhythm_internal.h"

#define REST_DROP 0.10
#define REST_Z 3.0
#define RTC_RATIO 0.40

/* z statistic of "the rest days' mean share is below the working days'
 * mean share", paired week by week (weeks weighted by their events, the
 * standard error from the spread over weeks, so bursty weeks count as the
 * noise they are); NaN when fewer than 4 weeks carry events. */
static double weekly_z(const rh_local *l, const bool rest[7], int k)
{
    double sw = 0, sw2 = 0, mu = 0;
    size_t weeks = 0;
    for (int pass = 0; pass < 2; pass++) {
        double var = 0;
        for (size_t w = 0; w < l->n_weeks; w++) {
            const uint64_t *row = l->week_day + w * 7;
            double t = 0, r = 0;
            for (int i = 0; i < 7; i++) {
                t += (double)row[i];
                r += rest[i] ? (double)row[i] : 0;
            }
            if (t <= 0)
                continue;
            double diff = (t - r) / t / (7 - k) - r / t / k;
            if (pass == 0) {
                mu += t * diff;
                sw += t;
                sw2 += t * t;
                weeks++;
            } else {
                var += t * (diff - mu) * (diff - mu);
            }
        }
        if (pass == 0) {
            if (weeks < 4 || sw <= 0)
                return NAN;
            mu /= sw;
        } else {
            double n_eff = sw * sw / sw2;
            double se = sqrt(var / sw / n_eff);
            return se > 0 ? mu / se : (mu > 0 ? INFINITY : 0);
        }
    }
    return NAN;
}

/* Rest days: split the days at the largest gap between their sorted
 * shares (a natural break); the days below it rest when there are one to
 * three of them, their mean share is at least REST_DROP below the other
 * days' mean, and the difference holds week by week (z >= REST_Z). */
static void rest_days(cib_rhythm *out, const rh_local *l, const double day[7],
                      double n)
{
    int order[7] = {0, 1, 2, 3, 4, 5, 6};
    for (int i = 1; i < 7; i++) /* ascending by activity */
        for (int j = i; j > 0 && day[order[j]] < day[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    int k = 0;
    double gap = -1;
    for (int i = 1; i < 7; i++)
        if (day[order[i]] - day[order[i - 1]] > gap) {
            gap = day[order[i]] - day[order[i - 1]];
            k = i;
        }
    for (int d = 0; d < 7; d++)
        out->rest_day[d] = false;
    if (k < 1 || k > 3)
        return;
    bool rest[7] = {false};
    double c_rest = 0;
    for (int i = 0; i < k; i++) {
        rest[order[i]] = true;
        c_rest += day[order[i]];
    }
    double c_work = n - c_rest;
    double m_rest = c_rest / k, m_work = c_work / (7 - k);
    if (m_rest > (1 - REST_DROP) * m_work)
        return;
    double z = weekly_z(l, rest, k);
    if (isnan(z)) {
        /* too few weeks: Poisson counts, overdispersed by the events per
         * active hour */
        double phi = out->active_hours ? n / (double)out->active_hours : 1;
        phi = phi < 1 ? 1 : phi;
        double se = sqrt(phi * (c_work / ((7.0 - k) * (7 - k)) + c_rest / ((double)k * k)));
        z = se > 0 ? (m_work - m_rest) / se : 0;
    }
    if (z >= REST_Z)
        memcpy(out->rest_day, rest, sizeof rest);
}

static void workday(cib_rhythm *out, const double w[24])
{
    out->workday_start_hour = out->workday_end_hour = -1;
    out->lunch_hour = -1;
    out->lunch_dip = NAN;
    double top[24];
    memcpy(top, w, sizeof top);
    for (int i = 1; i < 24; i++)
        for (int j = i; j > 0 && top[j] > top[j - 1]; j--) {
            double t = top[j];
            top[j] = top[j - 1];
            top[j - 1] = t;
        }
    double level = (top[0] + top[1] + top[2] + top[3] + top[4] + top[5]) / 6;
    if (level <= 0)
        return;
    int trough = 0;
    double low = INFINITY;
    for (int h = 0; h < 24; h++) {
        double s = w[(h + 23) % 24] + w[h] + w[(h + 1) % 24];
        if (s < low) {
            low = s;
            trough = h;
        }
    }
    int first = -1, last = -1;
    for (int k = 1; k <= 24; k++) {
        int h = (trough + k) % 24;
        if (w[h] >= 0.5 * level) {
            if (first < 0)
                first = trough + k;
            last = trough + k;
        }
    }
    int start = first % 24, end = (last + 1) % 24;
    if (end == 0)
        end = 24;
    out->workday_start_hour = start;
    out->workday_end_hour = end;
    if (start >= end)
        return; /* a night shift across midnight: no lunch to look for */
    double best = INFINITY;
    for (int h = 11; h <= 15; h++) {
        if (h - 1 < start || h + 1 >= end)
            continue;
        if (w[h] < best) {
            best = w[h];
            out->lunch_hour = h;
        }
    }
    if (out->lunch_hour < 0)
        return;
    int h = out->lunch_hour;
    double around = (w[h - 1] + w[h + 1]) / 2;
    if (around <= 0)
        return;
    double dip = 1 - w[h] / around;
    out->lunch_dip = dip < 0 ? 0 : dip > 1 ? 1 : dip;
}

void rh_shift_metrics(cib_rhythm *out, const rh_local *local, bool office_like)
{
    double day[7] = {0}, hour[24] = {0}, n = 0, night = 0;
    for (int i = 0; i < CIB_HOURS_PER_WEEK; i++) {
        double c = (double)local->how[i];
        day[i / 24] += c;
        hour[i % 24] += c;
        n += c;
        if (i % 24 < 6)
            night += c;
    }
    if (n <= 0)
        return;
    for (int d = 0; d < 7; d++)
        out->day_share[d] = day[d] / n;
    out->night_share = night / n;
    rest_days(out, local, day, n);

    double work[24] = {0};
    bool any_rest = false;
    for (int i = 0; i < CIB_HOURS_PER_WEEK; i++)
        if (!out->rest_day[i / 24])
            work[i % 24] += (double)local->how[i];
    for (int d = 0; d < 7; d++)
        any_rest |= out->rest_day[d];
    workday(out, work);

    double lo = INFINITY, hi = 0;
    for (int h = 0; h < 24; h++) {
        double s = hour[(h + 23) % 24] + hour[h] + hour[(h + 1) % 24];
        lo = s < lo ? s : lo;
        hi = s > hi ? s : hi;
    }
    if (lo >= RTC_RATIO * hi)
        out->pattern = CIB_PATTERN_ROUND_THE_CLOCK;
    else if (office_like && (any_rest || out->night_share < 0.02))
        out->pattern = CIB_PATTERN_OFFICE;
    else
        out->pattern = CIB_PATTERN_ORGANIC;
}
