/*
 * rhythm.h — when a set of events happens: hour-of-week profile, activity
 * timeline and peaks, the operators' time zone and working shift.
 *
 * Input is always a plain array of event times (Unix seconds, UTC), so a
 * profile can be made for a cluster, an account, a --group-by value or
 * everything alike.
 *
 * Method (docs/rhythm.md has the long form and the sources): events are
 * counted in quarter-hour UTC bins once; every candidate IANA zone maps
 * the bins to local time with its own rules (DST included); zones that
 * map every bin alike form one candidate.  A candidate is scored by how
 * sharp its local daily/weekly pattern is (a free multinomial's
 * log-likelihood: the right DST rule and half-hour offset concentrate the
 * events) plus how well the local day fits a human template (office day,
 * 12-hour day shift, waking day after the American Time Use Survey), with
 * a BIC-style penalty for every offset change the zone makes inside the
 * data.  Cost: O(events) to bin, O(zones x log bins + classes x bins)
 * to score.
 */
#ifndef CIB_RHYTHM_H
#define CIB_RHYTHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "../common/common.h"

#define CIB_HOURS_PER_WEEK 168
#define CIB_MAX_PEAK_MONTHS 6
/* zones_equivalent keeps at most this many names (n_zones_equivalent
 * counts them all) */
#define CIB_MAX_EQUIV_ZONES 64
/* Fewer events than this, or events in fewer distinct UTC hours than
 * CIB_RHYTHM_MIN_HOURS, give pattern "undetermined" and no zone. */
#define CIB_RHYTHM_MIN_EVENTS 50
#define CIB_RHYTHM_MIN_HOURS 12

/* ---------------------------------------------------------------- tzdb */

/* Time-zone database (IANA zones from the system's tzdata).  Opaque;
 * read-only after cib_tzdb_new, so one db may serve many threads. */
typedef struct cib_tzdb cib_tzdb;

/* Load the zones under `dir` (NULL: /usr/share/zoneinfo).  The candidate
 * list is the union of zone1970.tab and zone.tab (canonical zones plus the
 * per-country links such as Europe/Tirane), plus UTC; when neither table
 * exists every TZif file under dir is taken (right/ and posix/ skipped).
 * Each zone's TZif file (RFC 8536, the 64-bit v2+ body and the POSIX TZ
 * footer for later instants) is parsed here, not by libc.  A listed zone
 * whose file is missing or corrupt is skipped.  Returns 0, CIB_EIO when
 * the folder cannot be read or holds no usable zone, or CIB_ENOMEM. */
int cib_tzdb_new(cib_tzdb **out, const char *dir, cib_error *err);
void cib_tzdb_free(cib_tzdb *db);

/* Number of zones loaded; zones are indexed 0 .. count-1. */
size_t cib_tzdb_count(const cib_tzdb *db);

/* Name of zone `index` ("Europe/Tirane"); NULL when out of range. */
const char *cib_tzdb_name(const cib_tzdb *db, size_t index);

/* Index of the zone called `name`, or -1 when it is not loaded. */
long cib_tzdb_find(const cib_tzdb *db, const char *name);

/* UTC offset in seconds east of Greenwich in force in zone `index` at
 * Unix time t, and whether it is daylight-saving time (isdst may be
 * NULL).  Returns 0, or CIB_EUSAGE when index is out of range. */
int cib_tzdb_offset(const cib_tzdb *db, size_t index, int64_t t,
                    int32_t *utoff, bool *isdst);

/* ---------------------------------------------------------------- profile */

typedef enum cib_pattern {
    CIB_PATTERN_UNDETERMINED = 0,
    CIB_PATTERN_OFFICE,
    CIB_PATTERN_ORGANIC,
    CIB_PATTERN_ROUND_THE_CLOCK,
} cib_pattern;

const char *cib_pattern_name(cib_pattern p);

/* "Mon" .. "Sun" for 0 .. 6; "?" otherwise. */
const char *cib_weekday_name(int day);

typedef struct cib_rhythm {
    uint64_t events;
    int64_t first, last;               /* Unix seconds; 0 when no events */
    uint64_t hour_of_week_utc[CIB_HOURS_PER_WEEK]; /* Monday 00 UTC first */
    /* months ("YYYY-MM") whose activity stands out, most active first */
    char peak_months[CIB_MAX_PEAK_MONTHS][8];
    unsigned n_peak_months;

    /* Filled by the zone inference; zone[0] == '\0' when not inferred
     * (no tz database given, or too few events). */
    char zone[64];
    double utc_offset_hours;           /* standard (winter) offset */
    double zone_confidence;            /* 0..1 */
    cib_pattern pattern;
    int workday_start_hour, workday_end_hour; /* local, -1 unknown */
    double lunch_dip;                  /* NaN unknown */
    double night_share;                /* NaN unknown */
    bool rest_day[7];                  /* Mon..Sun */

    /* ---- additions beyond CONTRACT.md's keys ---- */
    /* the zone's clock changed (DST) between the events: true for
     * Europe/Tirane over a summer, false for Africa/Lagos */
    bool dst;
    /* other zones whose offsets agree with `zone` for every event, as
     * tzdb indices (names: cib_tzdb_name); the first
     * min(n, CIB_MAX_EQUIV_ZONES) are kept */
    uint16_t zones_equivalent[CIB_MAX_EQUIV_ZONES];
    unsigned n_zones_equivalent;
    /* the best candidate with another standard offset or DST behaviour,
     * and its standard offset ("" when none) */
    char runner_up[64];
    double runner_up_offset_hours;
    /* score of the chosen candidate minus the runner-up's: a tempered
     * log-likelihood ratio in nats (docs/rhythm.md); NaN when none */
    double zone_evidence;
    /* local hour of week in `zone` (Monday 00 local first); all zero when
     * no zone */
    uint64_t hour_of_week_local[CIB_HOURS_PER_WEEK];
    int lunch_hour;                    /* local hour of the dip, -1 unknown */
    double day_share[7];               /* local Mon..Sun share; NaN unknown */
    /* distinct UTC hours holding events (the effective sample size the
     * confidence uses) */
    uint64_t active_hours;
} cib_rhythm;

/* Profile of n event times (any order).  `db` may be NULL: then only the
 * UTC profile, span and peak months are filled and the zone is left
 * empty.  Peak months: months whose count has a modified z-score
 * (Iglewicz & Hoaglin 1993, median and MAD over every month from the
 * first to the last) of at least 3.5 and is at least twice the median
 * month.  Returns 0 or CIB_ENOMEM. */
int cib_rhythm_profile(cib_rhythm *out, const int64_t *times, size_t n,
                       const cib_tzdb *db, cib_error *err);

/* As cib_rhythm_profile but with the zone given by name (a user who knows
 * it, or a check of a hypothesis): the local profile and shift metrics are
 * computed in that zone, zone_confidence is still the posterior the
 * inference gives its offset and DST behaviour.  Below the minimum data
 * (CIB_RHYTHM_MIN_EVENTS, CIB_RHYTHM_MIN_HOURS) nothing local is filled,
 * as for cib_rhythm_profile.  Returns 0, CIB_EUSAGE when db is NULL or the
 * zone is unknown, or CIB_ENOMEM. */
int cib_rhythm_profile_zone(cib_rhythm *out, const int64_t *times, size_t n,
                            const cib_tzdb *db, const char *zone,
                            cib_error *err);

/* Profiles of many groups in one call: event i belongs to group
 * group_of[i] (0 .. n_groups-1; other values are ignored).  out holds
 * n_groups profiles.  Cost: one counting sort of the events plus one
 * profile per group.  Returns 0 or CIB_ENOMEM. */
int cib_rhythm_profile_groups(cib_rhythm *out, size_t n_groups,
                              const int64_t *times, const uint32_t *group_of,
                              size_t n, const cib_tzdb *db, cib_error *err);

/* The same, handing each group's profile to fn(ctx, group, profile) in
 * group order instead of storing them: memory does not grow with the
 * number of groups (a profile is about 3 KB; per-account profiles of a
 * large export add up).  The profile is valid during the call only.  A
 * non-zero return from fn stops the walk and is returned.  Returns 0,
 * fn's code, or CIB_ENOMEM. */
typedef int (*cib_rhythm_group_fn)(void *ctx, size_t group, const cib_rhythm *r);
int cib_rhythm_each_group(size_t n_groups, const int64_t *times,
                          const uint32_t *group_of, size_t n, const cib_tzdb *db,
                          cib_rhythm_group_fn fn, void *ctx, cib_error *err);

/* cib_rhythm_each_group on up to `threads` threads (the caller's among
 * them; 0 or 1: cib_rhythm_each_group itself).  fn is called from the
 * worker threads, for different groups at the same time and in no set
 * order, each group once: it must touch only what belongs to its group
 * (one slot of a per-group array).  Each profile is the one the serial
 * walk gives (a profile depends on its group's times only).  Memory: the
 * grouped times (8 bytes an event) plus one profile per thread.  Returns
 * 0, the non-zero code of fn or CIB_ENOMEM (after a failure the other
 * threads stop at their next group; the error is that of the lowest
 * failing group seen). */
int cib_rhythm_each_group_threads(size_t n_groups, const int64_t *times,
                                  const uint32_t *group_of, size_t n,
                                  const cib_tzdb *db, unsigned threads,
                                  cib_rhythm_group_fn fn, void *ctx,
                                  cib_error *err);

/* ---------------------------------------------------------------- timeline */

/* Events per calendar month (UTC) from the first event's month to the
 * last's. */
typedef struct cib_timeline {
    int first_year, first_month;       /* month 1..12 */
    size_t n_months;
    uint64_t *counts;                  /* n_months */
} cib_timeline;

/* Returns 0 (an empty timeline when n == 0), CIB_EINPUT when the events
 * span more than ten thousand years, or CIB_ENOMEM. */
int cib_timeline_new(cib_timeline **out, const int64_t *times, size_t n,
                     cib_error *err);
void cib_timeline_free(cib_timeline *tl);

/* ---------------------------------------------------------------- output */

/* Add the CONTRACT.md rhythm keys of r to the JSON object obj: zone,
 * utc_offset_hours, zone_confidence, pattern, workday_start_hour,
 * workday_end_hour, lunch_dip, night_share, rest_days, hour_of_week_utc;
 * and beyond them dst, zones_equivalent, runner_up, lunch_hour,
 * day_share, hour_of_week_local.  Unknown values are JSON null.  db (may
 * be NULL) names the equivalent zones.  The CLI's `rhythm --json` adds
 * "group" and "events" beside these; the report puts them under
 * "rhythm".  Returns 0 or CIB_ENOMEM. */
int cib_rhythm_json_set(json_t *obj, const cib_rhythm *r,
                        const cib_tzdb *db, cib_error *err);

/* Add "first", "last" (ISO 8601 UTC, null without events) and
 * "peak_months" to obj: the cluster's "active" object.  Returns 0 or
 * CIB_ENOMEM. */
int cib_rhythm_active_json_set(json_t *obj, const cib_rhythm *r,
                               cib_error *err);

/* A fixed-width text table for `cibscan rhythm` without --json: the
 * header line, then one line per group. */
void cib_rhythm_table_header(FILE *out);
void cib_rhythm_table_row(FILE *out, const char *group, const cib_rhythm *r);

#endif
