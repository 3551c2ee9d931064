/*
 * rhythm.h — when a set of events happens: hour-of-week profile, activity
 * timeline and peaks, the operators' time zone and working shift.
 *
 * Input is always a plain array of event times (Unix seconds, UTC), so a
 * profile can be made for a cluster, an account, a --group-by value or
 * everything alike.
 */
#ifndef CIB_RHYTHM_H
#define CIB_RHYTHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/common.h"

#define CIB_HOURS_PER_WEEK 168
#define CIB_MAX_PEAK_MONTHS 6

/* Time-zone database (IANA zones from the system's tzdata).  Opaque. */
typedef struct cib_tzdb cib_tzdb;

/* Load the zones under `dir` (NULL: /usr/share/zoneinfo).  Returns 0,
 * CIB_EIO when the folder cannot be read, or CIB_ENOMEM. */
int cib_tzdb_new(cib_tzdb **out, const char *dir, cib_error *err);
void cib_tzdb_free(cib_tzdb *db);

typedef enum cib_pattern {
    CIB_PATTERN_UNDETERMINED = 0,
    CIB_PATTERN_OFFICE,
    CIB_PATTERN_ORGANIC,
    CIB_PATTERN_ROUND_THE_CLOCK,
} cib_pattern;

const char *cib_pattern_name(cib_pattern p);

typedef struct cib_rhythm {
    uint64_t events;
    int64_t first, last;               /* Unix seconds; 0 when no events */
    uint64_t hour_of_week_utc[CIB_HOURS_PER_WEEK]; /* Monday 00 UTC first */
    /* months ("YYYY-MM") whose activity stands out, most active first */
    char peak_months[CIB_MAX_PEAK_MONTHS][8];
    unsigned n_peak_months;

    /* Filled by cib_rhythm_infer_zone; zone[0] == '\0' when not inferred
     * (no tz database given, or too few events). */
    char zone[64];
    double utc_offset_hours;           /* standard (winter) offset */
    double zone_confidence;            /* 0..1 */
    cib_pattern pattern;
    int workday_start_hour, workday_end_hour; /* local, -1 unknown */
    double lunch_dip;                  /* NaN unknown */
    double night_share;                /* NaN unknown */
    bool rest_day[7];                  /* Mon..Sun */
} cib_rhythm;

/* Profile of n event times.  `db` may be NULL: then only the UTC
 * profile, span and peak months are filled and the zone is left empty.
 * Returns 0 or CIB_ENOMEM. */
int cib_rhythm_profile(cib_rhythm *out, const int64_t *times, size_t n,
                       const cib_tzdb *db, cib_error *err);

#endif
