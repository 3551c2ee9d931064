/*
 * zones.c — where organic accounts live, and local time in real IANA
 * zones (DST included) through the rhythm stage's tz database reader.
 *
 * The default mix weighs each zone by its country's social-media users in
 * millions, roughly as DataReportal's "Digital 2023" reports rank
 * Facebook's advertising reach by country (India about 315, United States
 * 180, Indonesia 120, Brazil 110, Mexico 90, Philippines 85, Vietnam 70,
 * ...; rounded, not a census: a plausible world mix); the United States
 * is split over its four main zones by population.
 * Rest days follow the country: Friday and Saturday in Egypt, Saudi
 * Arabia, Iraq and Bangladesh, Friday in Iran, Saturday and Sunday
 * elsewhere.  Persian speakers live in Asia/Tehran.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define SAT_SUN ((1u << 5) | (1u << 6))
#define FRI_SAT ((1u << 4) | (1u << 5))
#define FRI (1u << 4)

typedef struct zone_weight {
    const char *name;
    double weight;
    uint8_t weekend;
} zone_weight;

static const zone_weight WORLD[] = {
    {"Asia/Kolkata", 315, SAT_SUN},
    {"America/New_York", 85, SAT_SUN},
    {"America/Chicago", 50, SAT_SUN},
    {"America/Denver", 12, SAT_SUN},
    {"America/Los_Angeles", 33, SAT_SUN},
    {"Asia/Jakarta", 120, SAT_SUN},
    {"America/Sao_Paulo", 110, SAT_SUN},
    {"America/Mexico_City", 90, SAT_SUN},
    {"Asia/Manila", 85, SAT_SUN},
    {"Asia/Ho_Chi_Minh", 70, SAT_SUN},
    {"Asia/Dhaka", 50, FRI_SAT},
    {"Asia/Bangkok", 50, SAT_SUN},
    {"Africa/Cairo", 45, FRI_SAT},
    {"Asia/Karachi", 45, SAT_SUN},
    {"Europe/Istanbul", 35, SAT_SUN},
    {"Europe/London", 35, SAT_SUN},
    {"America/Bogota", 35, SAT_SUN},
    {"Africa/Lagos", 30, SAT_SUN},
    {"Europe/Paris", 30, SAT_SUN},
    {"Europe/Rome", 30, SAT_SUN},
    {"America/Argentina/Buenos_Aires", 30, SAT_SUN},
    {"Europe/Berlin", 25, SAT_SUN},
    {"Asia/Riyadh", 25, FRI_SAT},
    {"Europe/Madrid", 22, SAT_SUN},
    {"Asia/Kuala_Lumpur", 22, SAT_SUN},
    {"Asia/Baghdad", 20, FRI_SAT},
    {"America/Lima", 20, SAT_SUN},
    {"Africa/Casablanca", 20, SAT_SUN},
    {"Asia/Tehran", 20, FRI},
    {"Australia/Sydney", 18, SAT_SUN},
    {"Europe/Warsaw", 15, SAT_SUN},
    {"Europe/Kyiv", 15, SAT_SUN},
    {"Africa/Johannesburg", 15, SAT_SUN},
    {"Asia/Tokyo", 15, SAT_SUN},
    {"Africa/Nairobi", 10, SAT_SUN},
    {"Asia/Seoul", 10, SAT_SUN},
    {"Europe/Moscow", 10, SAT_SUN},
    {"Europe/Tirane", 1.5, SAT_SUN},
};
#define N_WORLD (sizeof WORLD / sizeof WORLD[0])

static uint8_t weekend_of(const char *name)
{
    for (size_t i = 0; i < N_WORLD; i++)
        if (strcmp(WORLD[i].name, name) == 0)
            return WORLD[i].weekend;
    return SAT_SUN;
}

static int add_zone(synth_world *w, const char *name, double weight,
                    cib_error *err)
{
    if (w->n_zones >= SYNTH_MAX_ZONES)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "--organic-zones: more than %d zones",
                             SYNTH_MAX_ZONES);
    long tz = cib_tzdb_find(w->db, name);
    if (tz < 0)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "zone '%s' is not in the tz database", name);
    synth_zone *z = &w->zones[w->n_zones];
    z->tz = tz;
    z->weight = weight;
    z->weekend = weekend_of(name);
    z->lang = strcmp(name, "Asia/Tehran") == 0 ? CIB_SYNTH_FA : CIB_SYNTH_EN;
    z->asn = (uint16_t)(2000 + 97 * w->n_zones);
    w->n_zones++;
    return CIB_OK;
}

/* "Zone:weight,Zone:weight" (a missing weight is 1). */
static int parse_mix(synth_world *w, const char *spec, cib_error *err)
{
    char buf[CIB_SYNTH_ZONES_LEN];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *item = strtok_r(buf, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        double weight = 1;
        char *colon = strchr(item, ':');
        if (colon) {
            *colon = '\0';
            char *end;
            weight = strtod(colon + 1, &end);
            if (end == colon + 1 || *end != '\0' || !(weight >= 0))
                return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                                     "--organic-zones: bad weight '%s'",
                                     colon + 1);
        }
        int rc = add_zone(w, item, weight, err);
        if (rc != CIB_OK)
            return rc;
    }
    return CIB_OK;
}

int synth_zones_init(synth_world *w, cib_error *err)
{
    w->n_zones = 0;
    w->tzdays = calloc(cib_tzdb_count(w->db) * SYNTH_TZ_WAYS,
                       sizeof *w->tzdays);
    if (w->tzdays == NULL)
        return cib_error_set(err, CIB_ENOMEM, NULL, 0, "out of memory");
    int rc = CIB_OK;
    if (w->opt.organic_zones[0]) {
        rc = parse_mix(w, w->opt.organic_zones, err);
    } else {
        /* a tzdata without one of the zones (renamed, say) loses only it */
        for (size_t i = 0; i < N_WORLD && rc == CIB_OK; i++)
            if (cib_tzdb_find(w->db, WORLD[i].name) >= 0)
                rc = add_zone(w, WORLD[i].name, WORLD[i].weight, err);
    }
    if (rc != CIB_OK)
        return rc;
    double sum = 0;
    for (uint32_t i = 0; i < w->n_zones; i++) {
        sum += w->zones[i].weight;
        w->zone_cdf[i] = sum;
    }
    if (w->n_zones == 0 || sum <= 0)
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "no organic zone with a positive weight");
    return CIB_OK;
}

/* The offset at t, from a small per-zone cache of whole days: the tz
 * database's look-up is a binary search over transitions, and the
 * simulator asks millions of times about the same few days. */
static int32_t offset_at(synth_world *w, long tz, int64_t t)
{
    int32_t off = 0;
    int64_t day = t / 86400 - (t % 86400 < 0);
    synth_tzday *e = &w->tzdays[(size_t)tz * SYNTH_TZ_WAYS +
                                (size_t)(day & (SYNTH_TZ_WAYS - 1))];
    if (e->day == day + 1 && e->off != INT32_MIN)
        return e->off;
    if (e->day != day + 1) {
        int32_t end = 0;
        cib_tzdb_offset(w->db, (size_t)tz, day * 86400, &off, NULL);
        cib_tzdb_offset(w->db, (size_t)tz, day * 86400 + 86399, &end, NULL);
        e->day = day + 1;
        e->off = off == end ? off : INT32_MIN;
        if (off == end)
            return off;
    }
    cib_tzdb_offset(w->db, (size_t)tz, t, &off, NULL);
    return off;
}

int64_t synth_wall_to_utc(synth_world *w, long tz, int64_t wall)
{
    /* The offset at the guess wall - off(wall) is right except within an
     * offset change; a second step settles it (a wall time skipped by a
     * spring-forward gap lands an hour later, as a phone's clock would
     * show it). */
    int64_t t = wall - offset_at(w, tz, wall);
    int32_t off = offset_at(w, tz, t);
    t = wall - off;
    int32_t again = offset_at(w, tz, t);
    if (again != off)
        t = wall - again;
    return t;
}

int64_t synth_utc_to_wall(synth_world *w, long tz, int64_t t)
{
    return t + offset_at(w, tz, t);
}
