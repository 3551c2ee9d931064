/*
 * tzif.c — read one compiled zone file (TZif, RFC 8536) into the
 * transition table the zone inference walks.  Version 1 files give the
 * 32-bit body only; version 2 and later are read from their 64-bit body
 * and footer.  The footer's POSIX TZ rule (posix_tz.c) is expanded into
 * explicit transitions up to RH_TABLE_END, so "slim" files (which stop at
 * the last rule change) and "fat" ones (listing transitions to 2037) give
 * the same table.  We parse TZif ourselves because glibc's localtime with
 * setenv("TZ") is process-global state and far too slow for hundreds of
 * zones per profile.
 */
#include <stdlib.h>
#include <string.h>

#include "rhythm_internal.h"

#define HEADER_LEN 44
#define MAX_COUNT 1000000u /* no real file comes near; guards the sums */

typedef struct counts {
    uint32_t isut, isstd, leap, time, type, chars;
} counts;

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static bool read_header(const unsigned char *p, size_t avail, counts *c,
                        char *version)
{
    if (avail < HEADER_LEN || memcmp(p, "TZif", 4) != 0)
        return false;
    *version = (char)p[4];
    c->isut = be32(p + 20);
    c->isstd = be32(p + 24);
    c->leap = be32(p + 28);
    c->time = be32(p + 32);
    c->type = be32(p + 36);
    c->chars = be32(p + 40);
    return c->isut <= MAX_COUNT && c->isstd <= MAX_COUNT &&
           c->leap <= MAX_COUNT && c->time <= MAX_COUNT &&
           c->type >= 1 && c->type <= 256 && c->chars <= MAX_COUNT;
}

/* Bytes of a data block whose times are tsize (4 or 8) bytes wide. */
static size_t block_len(const counts *c, size_t tsize)
{
    return (size_t)c->time * tsize + c->time + (size_t)c->type * 6 +
           c->chars + (size_t)c->leap * (tsize + 4) + c->isstd + c->isut;
}

/* Append an entry unless it repeats the previous offset and flag. */
static int push(rh_zone *z, size_t *cap, int64_t at, int32_t off, uint8_t isdst)
{
    if (z->n > 0 && z->off[z->n - 1] == off && z->isdst[z->n - 1] == isdst)
        return CIB_OK;
    if (z->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        int64_t *at2 = realloc(z->at, ncap * sizeof *at2);
        if (at2 == NULL)
            return CIB_ENOMEM;
        z->at = at2;
        int32_t *off2 = realloc(z->off, ncap * sizeof *off2);
        if (off2 == NULL)
            return CIB_ENOMEM;
        z->off = off2;
        uint8_t *dst2 = realloc(z->isdst, ncap);
        if (dst2 == NULL)
            return CIB_ENOMEM;
        z->isdst = dst2;
        *cap = ncap;
    }
    z->at[z->n] = at;
    z->off[z->n] = off;
    z->isdst[z->n] = isdst;
    z->n++;
    return CIB_OK;
}

/* Transitions of the footer rule from year y0 on, after instant `after`,
 * up to RH_TABLE_END. */
static int expand_rule(rh_zone *z, size_t *cap, int64_t y0, int64_t after)
{
    int64_t y1;
    int m, d;
    rh_civil_from_days(RH_TABLE_END / 86400, &y1, &m, &d);
    for (int64_t y = y0; y <= y1; y++) {
        int64_t s, e;
        rh_posix_year(&z->rule, y, &s, &e);
        /* time order; a tie keeps the start (DST) as the later entry */
        int64_t first = e <= s ? e : s, second = e <= s ? s : e;
        bool first_dst = !(e <= s), second_dst = e <= s;
        if (first > after && first < RH_TABLE_END) {
            int rc = push(z, cap, first,
                          first_dst ? z->rule.dst_off : z->rule.std_off, first_dst);
            if (rc)
                return rc;
        }
        if (second > after && second < RH_TABLE_END) {
            int rc = push(z, cap, second,
                          second_dst ? z->rule.dst_off : z->rule.std_off, second_dst);
            if (rc)
                return rc;
        }
    }
    return CIB_OK;
}

int rh_tzif_parse(rh_zone *z, const unsigned char *buf, size_t len)
{
    counts c;
    char version;
    if (!read_header(buf, len, &c, &version))
        return CIB_EINPUT;
    size_t tsize = 4;
    const unsigned char *p = buf + HEADER_LEN;
    size_t avail = len - HEADER_LEN;
    if (version >= '2') {
        /* skip the 32-bit body; the 64-bit header and body follow */
        size_t skip = block_len(&c, 4);
        if (skip > avail || !read_header(p + skip, avail - skip, &c, &version))
            return CIB_EINPUT;
        p += skip + HEADER_LEN;
        avail -= skip + HEADER_LEN;
        tsize = 8;
    }
    size_t body = block_len(&c, tsize);
    if (body > avail)
        return CIB_EINPUT;
    const unsigned char *times = p;
    const unsigned char *idx = times + (size_t)c.time * tsize;
    const unsigned char *types = idx + c.time;
    for (uint32_t i = 0; i < c.time; i++)
        if (idx[i] >= c.type)
            return CIB_EINPUT;
    /* RFC 8536 section 3.2: utoff within (-25 h, 26 h), isdst 0 or 1, the
     * designation index inside the designation bytes */
    for (uint32_t i = 0; i < c.type; i++) {
        const unsigned char *tt = types + 6 * (size_t)i;
        int32_t utoff = (int32_t)be32(tt);
        if (utoff < -89999 || utoff > 93599 || tt[4] > 1 || tt[5] >= c.chars)
            return CIB_EINPUT;
    }

    z->has_rule = false;
    if (tsize == 8 && body < avail && p[body] == '\n') {
        const char *f = (const char *)p + body + 1;
        const char *nl = memchr(f, '\n', avail - body - 1);
        char tz[128];
        if (nl && (size_t)(nl - f) < sizeof tz && nl > f) {
            memcpy(tz, f, (size_t)(nl - f));
            tz[nl - f] = '\0';
            z->has_rule = rh_posix_parse(tz, &z->rule);
        }
    }

    size_t cap = 0;
    z->n = 0;
    int32_t off0 = (int32_t)be32(types);
    int rc = push(z, &cap, INT64_MIN, off0, types[4] != 0);
    int64_t last = INT64_MIN;
    for (uint32_t i = 0; i < c.time && rc == CIB_OK; i++) {
        int64_t at = tsize == 8 ? be64(times + 8 * (size_t)i)
                                : (int64_t)(int32_t)be32(times + 4 * (size_t)i);
        if (at <= last && i > 0)
            return CIB_EINPUT; /* times must ascend */
        last = at;
        const unsigned char *tt = types + 6 * (size_t)idx[i];
        if (at < RH_TABLE_END)
            rc = push(z, &cap, at, (int32_t)be32(tt), tt[4] != 0);
    }
    if (rc == CIB_OK && z->has_rule && z->rule.has_dst) {
        int64_t y0 = 1900, y;
        int m, d;
        if (c.time > 0) {
            rh_civil_from_days(rh_floordiv(last, 86400), &y, &m, &d);
            /* no real rule starts before standard time existed; the bound
             * keeps a corrupt early time from looping over eons */
            y0 = y < 1800 ? 1800 : y;
        }
        rc = expand_rule(z, &cap, y0, c.time > 0 ? last : INT64_MIN + 1);
    } else if (rc == CIB_OK && z->has_rule && c.time == 0) {
        /* no transitions: the rule's fixed offset holds throughout */
        z->off[0] = z->rule.std_off;
        z->isdst[0] = 0;
    }
    if (rc != CIB_OK)
        rh_zone_clear(z);
    return rc;
}

void rh_zone_clear(rh_zone *z)
{
    free(z->at);
    free(z->off);
    free(z->isdst);
    z->at = NULL;
    z->off = NULL;
    z->isdst = NULL;
    z->n = 0;
}

size_t rh_zone_entry(const rh_zone *z, int64_t t)
{
    size_t lo = 0, hi = z->n; /* at[lo] <= t < at[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void rh_zone_at(const rh_zone *z, int64_t t, int32_t *off, bool *isdst)
{
    if (t >= RH_TABLE_END && z->has_rule) {
        rh_posix_at(&z->rule, t, off, isdst);
        return;
    }
    size_t i = rh_zone_entry(z, t);
    *off = z->off[i];
    *isdst = z->isdst[i] != 0;
}
