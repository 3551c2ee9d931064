/*
 * tzdb.c — the candidate zones: which IANA names to consider (the zone
 * tables of the system's tzdata), loading each one's TZif file (tzif.c),
 * and the public look-ups of rhythm.h.  Relies on libc directory and file
 * I/O only.
 *
 * Candidates are zone1970.tab (one canonical zone per region with a
 * distinct history since 1970) united with zone.tab (one or more per
 * country, which brings back names people look for, such as
 * Europe/Tirane or Europe/Paris, that newer tzdata made links), plus UTC.
 * Where those tables are missing, every TZif file under the folder is a
 * candidate, except the right/ and posix/ copies.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rhythm_internal.h"

#define DEFAULT_DIR "/usr/share/zoneinfo"
#define MAX_TZIF_BYTES (1u << 20)

/* Representatives for a class of equivalent zones: the first of these
 * that belongs to the class names it (well-known cities first), then the
 * zone1970.tab names, then the rest alphabetically. */
static const char *const well_known[] = {
    "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Phoenix", "America/Anchorage",
    "Pacific/Honolulu", "America/Mexico_City", "America/Toronto",
    "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Bogota",
    "America/Lima", "America/Caracas", "America/Santiago", "America/Halifax",
    "America/St_Johns", "Europe/London", "Europe/Berlin", "Europe/Paris",
    "Africa/Lagos", "Europe/Moscow", "Europe/Istanbul", "Africa/Cairo",
    "Africa/Johannesburg", "Africa/Nairobi", "Europe/Kyiv", "Europe/Athens",
    "Asia/Jerusalem", "Asia/Riyadh", "Asia/Tehran", "Asia/Dubai",
    "Asia/Kabul", "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu",
    "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Shanghai",
    "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney",
    "Australia/Adelaide", "Australia/Perth", "Pacific/Auckland", "UTC",
};
#define N_WELL_KNOWN (sizeof well_known / sizeof well_known[0])

typedef struct name_list {
    size_t n, cap_name, cap_canonical;
    char (*name)[64];
    bool *canonical;
} name_list;

static int list_add(name_list *l, const char *name, bool canonical)
{
    if (strlen(name) >= 64 || name[0] == '\0')
        return CIB_OK;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->name[i], name) == 0) {
            l->canonical[i] |= canonical;
            return CIB_OK;
        }
    if (cib_grow((void **)&l->name, &l->cap_name, l->n + 1, sizeof *l->name) ||
        cib_grow((void **)&l->canonical, &l->cap_canonical, l->n + 1,
                 sizeof *l->canonical))
        return CIB_ENOMEM;
    snprintf(l->name[l->n], 64, "%s", name);
    l->canonical[l->n] = canonical;
    l->n++;
    return CIB_OK;
}

/* Third tab-separated field of each non-comment line of a .tab file.
 * Returns 1 when the file was read, 0 when absent, or CIB_ENOMEM. */
static int read_tab(name_list *l, const char *dir, const char *file,
                    bool canonical)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    char line[1024];
    int rc = 1;
    while (rc == 1 && fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *save = NULL;
        char *field = strtok_r(line, "\t\n", &save);
        for (int i = 1; i < 3 && field; i++)
            field = strtok_r(NULL, "\t\n", &save);
        if (field && list_add(l, field, canonical) != CIB_OK)
            rc = CIB_ENOMEM;
    }
    fclose(f);
    return rc;
}

/* Every regular file under dir/rel whose first bytes are "TZif". */
static int walk(name_list *l, const char *dir, const char *rel, int depth)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (d == NULL || depth > 4) {
        if (d)
            closedir(d);
        return CIB_OK;
    }
    int rc = CIB_OK;
    struct dirent *e;
    while (rc == CIB_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "right") == 0 ||
            strcmp(e->d_name, "posix") == 0 || strcmp(e->d_name, "localtime") == 0 ||
            strcmp(e->d_name, "posixrules") == 0 || strcmp(e->d_name, "Factory") == 0)
            continue;
        char sub[4096], full[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", dir, sub);
        struct stat st;
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            rc = walk(l, dir, sub, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            FILE *f = fopen(full, "rb");
            char magic[4];
            if (f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0)
                rc = list_add(l, sub, true);
            if (f)
                fclose(f);
        }
    }
    closedir(d);
    return rc;
}

static int load_zone(rh_zone *z, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return CIB_EIO;
    unsigned char *buf = malloc(MAX_TZIF_BYTES);
    if (buf == NULL) {
        fclose(f);
        return CIB_ENOMEM;
    }
    size_t len = fread(buf, 1, MAX_TZIF_BYTES, f);
    fclose(f);
    int rc = rh_tzif_parse(z, buf, len);
    free(buf);
    return rc;
}

static int well_known_rank(const char *name)
{
    for (size_t i = 0; i < N_WELL_KNOWN; i++)
        if (strcmp(well_known[i], name) == 0)
            return (int)i;
    return -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const rh_zone *)a)->name, ((const rh_zone *)b)->name);
}

int cib_tzdb_new(cib_tzdb **out, const char *dir, cib_error *err)
{
    *out = NULL;
    if (dir == NULL)
        dir = DEFAULT_DIR;
    DIR *probe = opendir(dir);
    if (probe == NULL)
        return cib_error_set(err, CIB_EIO, dir, 0,
                             "cannot read the time-zone folder: %s",
                             strerror(errno));
    closedir(probe);

    name_list names = {0};
    int a = read_tab(&names, dir, "zone1970.tab", true);
    int b = a < 0 ? a : read_tab(&names, dir, "zone.tab", false);
    int rc = (a < 0 || b < 0) ? CIB_ENOMEM : CIB_OK;
    if (rc == CIB_OK && a == 0 && b == 0)
        rc = walk(&names, dir, "", 0);
    if (rc == CIB_OK && (a == 1 || b == 1))
        rc = list_add(&names, "UTC", true);

    cib_tzdb *db = calloc(1, sizeof *db);
    if (rc == CIB_OK && (db == NULL ||
                         (names.n && !(db->zones = calloc(names.n, sizeof *db->zones)))))
        rc = CIB_ENOMEM;
    /* zones_equivalent stores zone indices as uint16_t */
    if (names.n > UINT16_MAX)
        names.n = UINT16_MAX;
    for (size_t i = 0; rc == CIB_OK && i < names.n; i++) {
        rh_zone *z = &db->zones[db->n];
        int zr = load_zone(z, dir, names.name[i]);
        if (zr == CIB_ENOMEM)
            rc = zr;
        if (zr != CIB_OK)
            continue; /* missing or corrupt: not a candidate */
        snprintf(z->name, sizeof z->name, "%s", names.name[i]);
        z->canonical = names.canonical[i];
        int rank = well_known_rank(z->name);
        z->priority = rank >= 0 ? rank : (int)N_WELL_KNOWN + (z->canonical ? 0 : 1);
        db->n++;
    }
    free(names.name);
    free(names.canonical);
    if (rc == CIB_OK && db->n == 0)
        rc = cib_error_set(err, CIB_EIO, dir, 0, "no usable time-zone file found");
    else if (rc == CIB_ENOMEM)
        cib_error_set(err, rc, dir, 0, "out of memory loading time zones");
    if (rc != CIB_OK) {
        cib_tzdb_free(db);
        return rc;
    }
    qsort(db->zones, db->n, sizeof *db->zones, by_name);
    rh_templates_init(&db->templates);
    *out = db;
    return CIB_OK;
}

void cib_tzdb_free(cib_tzdb *db)
{
    if (db == NULL)
        return;
    for (size_t i = 0; i < db->n; i++)
        rh_zone_clear(&db->zones[i]);
    free(db->zones);
    free(db);
}

size_t cib_tzdb_count(const cib_tzdb *db)
{
    return db ? db->n : 0;
}

const char *cib_tzdb_name(const cib_tzdb *db, size_t index)
{
    return db && index < db->n ? db->zones[index].name : NULL;
}

long cib_tzdb_find(const cib_tzdb *db, const char *name)
{
    if (db == NULL || name == NULL)
        return -1;
    size_t lo = 0, hi = db->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(db->zones[mid].name, name);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int cib_tzdb_offset(const cib_tzdb *db, size_t index, int64_t t,
                    int32_t *utoff, bool *isdst)
{
    if (db == NULL || index >= db->n)
        return CIB_EUSAGE;
    bool dst;
    rh_zone_at(&db->zones[index], t, utoff, &dst);
    if (isdst)
        *isdst = dst;
    return CIB_OK;
}
