/*
 * synth_events.h — event generators for the rhythm tests (header only,
 * included by the test files that need it): an office working local
 * hours in a given IANA zone (its local times turned into UTC with the
 * zone's own rules, DST included), an organic crowd with evening peaks and
 * busy weekends, and round-the-clock automation.  Deterministic for a seed.
 */
#ifndef CIB_TEST_SYNTH_EVENTS_H
#define CIB_TEST_SYNTH_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "rhythm/rhythm.h"

/* cmocka group setup/teardown: the system tz database in *state. */
static inline int tzdb_setup(void **state)
{
    cib_tzdb *db;
    cib_error err;
    if (cib_tzdb_new(&db, NULL, &err) != 0)
        return -1;
    *state = db;
    return 0;
}

static inline int tzdb_teardown(void **state)
{
    cib_tzdb_free(*state);
    return 0;
}

typedef struct events {
    int64_t *t;
    size_t n, cap;
} events;

static inline void ev_push(events *e, int64_t t)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 1024;
        e->t = realloc(e->t, e->cap * sizeof *e->t);
        if (e->t == NULL)
            abort();
    }
    e->t[e->n++] = t;
}

static inline uint64_t ev_rand(uint64_t *s) /* xorshift64* */
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

/* Uniform in [0, 1). */
static inline double ev_unit(uint64_t *s)
{
    return (double)(ev_rand(s) >> 11) / 9007199254740992.0;
}

/* UTC instant of local wall-clock time `local` (seconds since 1970 as if
 * the zone were UTC) in zone z. */
static inline int64_t ev_to_utc(const cib_tzdb *db, long z, int64_t local)
{
    int32_t off;
    cib_tzdb_offset(db, (size_t)z, local, &off, NULL);
    cib_tzdb_offset(db, (size_t)z, local - off, &off, NULL);
    return local - off;
}

typedef struct office_spec {
    const char *zone;
    int64_t first_day;  /* local date as days since 1970-01-01, a Monday */
    int days;
    bool rest[7];       /* Mon..Sun off */
    int start_hour, end_hour; /* local, end exclusive */
    int per_hour;       /* events in each working hour */
    int lunch_hour;     /* -1 none */
    double lunch_keep;  /* share of per_hour kept at lunch */
    double noise_per_day; /* expected events at random hours per day */
    uint64_t seed;
} office_spec;

static inline void ev_office(events *e, const cib_tzdb *db, const office_spec *o)
{
    long z = cib_tzdb_find(db, o->zone);
    if (z < 0)
        abort();
    uint64_t s = o->seed;
    for (int k = 0; k < o->days; k++) {
        int64_t day = o->first_day + k;
        int wd = (int)(((day + 3) % 7 + 7) % 7);
        if (!o->rest[wd])
            for (int h = o->start_hour; h < o->end_hour; h++) {
                int n = h == o->lunch_hour ? (int)(o->per_hour * o->lunch_keep + 0.5)
                                           : o->per_hour;
                for (int i = 0; i < n; i++)
                    ev_push(e, ev_to_utc(db, z, day * 86400 + h * 3600 +
                                                    (int64_t)(ev_rand(&s) % 3600)));
            }
        if (ev_unit(&s) < o->noise_per_day)
            ev_push(e, ev_to_utc(db, z, day * 86400 + (int64_t)(ev_rand(&s) % 86400)));
    }
}

/* A crowd of ordinary users: quiet nights, rising through the day, most
 * active 18-23, weekends 40 % busier than weekdays. */
static inline void ev_organic(events *e, const cib_tzdb *db, const char *zone,
                       int64_t first_day, int days, double scale, uint64_t seed)
{
    static const double w[24] = {2.0, 1.0, .5, .3, .2, .2, .3, .6, 1.0, 1.2, 1.3, 1.4,
                                 1.5, 1.5, 1.5, 1.6, 1.8, 2.2, 2.8, 3.3, 3.6, 3.6, 3.2, 2.6};
    long z = cib_tzdb_find(db, zone);
    if (z < 0)
        abort();
    uint64_t s = seed;
    for (int k = 0; k < days; k++) {
        int64_t day = first_day + k;
        int wd = (int)(((day + 3) % 7 + 7) % 7);
        double m = wd >= 5 ? 1.4 : 1.0;
        for (int h = 0; h < 24; h++) {
            double want = w[h] * m * scale;
            int n = (int)want + (ev_unit(&s) < want - (int)want);
            for (int i = 0; i < n; i++)
                ev_push(e, ev_to_utc(db, z, day * 86400 + h * 3600 +
                                                (int64_t)(ev_rand(&s) % 3600)));
        }
    }
}

/* n events uniform over [t0, t0 + span). */
static inline void ev_uniform(events *e, int64_t t0, int64_t span, size_t n, uint64_t seed)
{
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++)
        ev_push(e, t0 + (int64_t)(ev_rand(&s) % (uint64_t)span));
}

#endif
