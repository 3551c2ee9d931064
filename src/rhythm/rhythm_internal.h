/*
 * rhythm_internal.h — what the files of src/rhythm/ share and nobody else
 * sees: the parsed zone (transition table + POSIX rule), civil-date
 * arithmetic, the quarter-hour event bins, the zone scorer and the shift
 * metrics.  Public API: rhythm.h.
 */
#ifndef CIB_RHYTHM_INTERNAL_H
#define CIB_RHYTHM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rhythm.h"

/* ---------------------------------------------------------------- dates */

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12,
 * d 1..31), and back. */
int64_t rh_days_from_civil(int64_t y, int m, int d);
void rh_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
bool rh_is_leap(int64_t y);
int rh_days_in_month(int64_t y, int m);

/* floor(a / b) and the matching non-negative remainder, b > 0. */
static inline int64_t rh_floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0)) ? q - 1 : q;
}
static inline int64_t rh_floormod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}

/* Monday-first weekday (0 = Monday) of a day count since 1970-01-01, which
 * was a Thursday. */
static inline int rh_weekday(int64_t days)
{
    return (int)rh_floormod(days + 3, 7);
}

/* ---------------------------------------------------------------- POSIX TZ */

/* One end of a DST rule: "Jn", "n" or "Mm.w.d", plus the local time of
 * day in seconds (may be negative or above 24 h, RFC 8536 section 3.3.1). */
typedef struct rh_rule_date {
    char kind;       /* 'J', 'N' (zero-based day of year) or 'M' */
    int day;         /* J: 1..365; N: 0..365; M: weekday 0 (Sunday)..6 */
    int week, month; /* M only: week 1..5 (5 = last), month 1..12 */
    int32_t time;    /* seconds after local midnight */
} rh_rule_date;

/* The footer of a TZif file: offsets are seconds EAST of UTC here (the
 * POSIX string counts west; the parser flips the sign). */
typedef struct rh_posix_tz {
    int32_t std_off, dst_off;
    bool has_dst;
    rh_rule_date start, end;
} rh_posix_tz;

/* Parse a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3" or
 * "<+0330>-3:30".  Returns false when it is not one. */
bool rh_posix_parse(const char *s, rh_posix_tz *out);

/* The two UTC instants of year y at which DST starts and ends under tz
 * (has_dst must be true). */
void rh_posix_year(const rh_posix_tz *tz, int64_t y, int64_t *dst_start,
                   int64_t *dst_end);

/* Offset and isdst in force at t under tz. */
void rh_posix_at(const rh_posix_tz *tz, int64_t t, int32_t *off, bool *isdst);

/* ---------------------------------------------------------------- zones */

/* Transition tables are expanded from the TZif file and its footer up to
 * this instant (2100-01-01T00:00:00Z); later instants ask the rule. */
#define RH_TABLE_END INT64_C(4102444800)

typedef struct rh_zone {
    char name[64];
    bool canonical;   /* listed in zone1970.tab */
    int priority;     /* rank in the well-known list, larger = later */
    size_t n;         /* entries; at[0] == INT64_MIN */
    int64_t *at;      /* entry i holds from at[i] until at[i+1] */
    int32_t *off;     /* seconds east of UTC */
    uint8_t *isdst;
    bool has_rule;    /* footer present: instants >= RH_TABLE_END use it */
    rh_posix_tz rule;
} rh_zone;

/* Parse the TZif bytes buf[0..len) into z (name left alone).  Returns 0,
 * CIB_EINPUT when the bytes are not TZif, or CIB_ENOMEM. */
int rh_tzif_parse(rh_zone *z, const unsigned char *buf, size_t len);
void rh_zone_clear(rh_zone *z);

/* Index of the table entry in force at t (the last with at <= t). */
size_t rh_zone_entry(const rh_zone *z, int64_t t);
void rh_zone_at(const rh_zone *z, int64_t t, int32_t *off, bool *isdst);


/* ---------------------------------------------------------------- bins */

#define RH_BIN_SECONDS 900          /* a quarter hour */
#define RH_BINS_PER_WEEK 672

/* Events counted per absolute quarter-hour bin (bin b covers Unix time
 * [900 b, 900 b + 900)); only bins with events, ascending. */
typedef struct rh_bins {
    size_t n;
    int64_t *bin;
    uint64_t *count;
    uint64_t total;
    uint64_t hours;                 /* distinct absolute UTC hours */
    int64_t first, last;            /* earliest and latest event time */
} rh_bins;

int rh_bins_build(rh_bins *b, const int64_t *times, size_t n);
void rh_bins_free(rh_bins *b);

/* ---------------------------------------------------------------- zone */

/* The shift metrics need, besides the local hour-of-week histogram, how
 * each local weekday's share varies from week to week. */
typedef struct rh_local {
    uint64_t how[CIB_HOURS_PER_WEEK]; /* local hour of week */
    size_t n_weeks;
    uint64_t *week_day;              /* n_weeks x 7 counts, local weeks */
} rh_local;

void rh_local_free(rh_local *l);

/* Infer the zone of the binned events (b->total >= the minimum) and fill
 * out's zone fields; `forced` >= 0 picks that zone instead of the best.
 * The local profile of the chosen zone goes to *local and the chosen
 * candidate's best template to *office_like (an office or day-shift
 * template, not the waking-day or uniform one).  Returns 0 or
 * CIB_ENOMEM. */
int rh_infer_zone(cib_rhythm *out, const rh_bins *b, const cib_tzdb *db,
                  long forced, rh_local *local, bool *office_like);

/* The day templates of templates.c with their logs precomputed for the
 * beta grid; filled by rh_templates_init, read-only after. */
typedef struct rh_templates {
    double logq[3][13][24];
    double logprior[3];
} rh_templates;

void rh_templates_init(rh_templates *t);

/* The database: zones sorted by name, and the day templates, which every
 * profile reads (kept here so that no call recomputes them and no global
 * state is needed). */
struct cib_tzdb {
    size_t n;
    rh_zone *zones;
    rh_templates templates;
};

/* Template fit of a local hour-of-day count vector (the phase half of the
 * zone score): the best over templates T and beta of
 * sum_h c[h] log((1 - beta) T[h] + beta / 24) + log prior(T), and which
 * template won (index; rh_template_office_like tells its kind). */
double rh_template_fit(const rh_templates *t, const double c[24], int *which);
bool rh_template_office_like(int which);

/* ---------------------------------------------------------------- shift */

/* Fill pattern, workday hours, lunch dip, night share, rest days and day
 * shares of out from the local profile. */
void rh_shift_metrics(cib_rhythm *out, const rh_local *local,
                      bool office_like);

/* ---------------------------------------------------------------- timeline */

/* Fill out->peak_months from the bins. Returns 0 or CIB_ENOMEM. */
int rh_peak_months(cib_rhythm *out, const rh_bins *b);

#endif
