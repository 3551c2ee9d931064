/*
 * bench_rhythm.c — time of the rhythm stage's zone inference over every
 * candidate zone for 1 and 10 million generated events (an office in
 * Europe/Tirane over two years, with a tenth of the events at random
 * hours).  Prints one line per size: events, zones, classes scored is
 * internal, milliseconds for cib_rhythm_profile (binning, all zones,
 * shift metrics) and the zone found.  Build and run: bench/rhythm/run.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rhythm/rhythm.h"

static uint64_t next(uint64_t *s) /* xorshift64* */
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Local office time -> UTC with the zone's own offset at that instant. */
static int64_t to_utc(const cib_tzdb *db, size_t zone, int64_t local)
{
    int32_t off;
    cib_tzdb_offset(db, zone, local - 3600, &off, NULL);
    cib_tzdb_offset(db, zone, local - off, &off, NULL);
    return local - off;
}

int main(int argc, char **argv)
{
    cib_error err;
    cib_tzdb *db;
    double t0 = now_ms();
    if (cib_tzdb_new(&db, argc > 1 ? argv[1] : NULL, &err) != 0) {
        fprintf(stderr, "bench_rhythm: %s\n", err.message);
        return 1;
    }
    printf("tzdb: %zu zones loaded in %.1f ms\n", cib_tzdb_count(db), now_ms() - t0);
    long tirane = cib_tzdb_find(db, "Europe/Tirane");
    if (tirane < 0) {
        fprintf(stderr, "bench_rhythm: Europe/Tirane missing\n");
        return 1;
    }
    const int64_t start = INT64_C(1609718400); /* Monday 2021-01-04 00:00 */
    size_t sizes[2] = {1000000, 10000000};
    for (int k = 0; k < 2; k++) {
        size_t n = sizes[k];
        int64_t *t = malloc(n * sizeof *t);
        if (t == NULL)
            return 1;
        uint64_t rng = 0x9E3779B97F4A7C15u + (uint64_t)k;
        for (size_t i = 0; i < n; i++) {
            uint64_t r = next(&rng);
            int64_t day = (int64_t)(r % 730);
            if (day % 7 >= 5 && r % 10 != 0) /* weekends mostly off */
                day -= 2;
            int64_t sec = (r >> 20) % 10 == 0 ? (int64_t)((r >> 24) % 86400)
                                              : 9 * 3600 + (int64_t)((r >> 24) % (9 * 3600));
            t[i] = to_utc(db, (size_t)tirane, start + day * 86400 + sec);
        }
        cib_rhythm r;
        double a = now_ms();
        if (cib_rhythm_profile(&r, t, n, db, &err) != 0) {
            fprintf(stderr, "bench_rhythm: %s\n", err.message);
            return 1;
        }
        double ms = now_ms() - a;
        printf("%9zu events, %zu zones: %8.1f ms  zone %s (UTC%+.1f, dst %s, "
               "confidence %.2f, pattern %s)\n", n, cib_tzdb_count(db), ms, r.zone,
               r.utc_offset_hours, r.dst ? "yes" : "no", r.zone_confidence,
               cib_pattern_name(r.pattern));
        free(t);
    }
    cib_tzdb_free(db);
    return 0;
}
