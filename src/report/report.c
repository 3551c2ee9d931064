/*
 * report.c — cib_report_write: every output file, written whole or not at
 * all.  Relies on the writers of internal.h and POSIX file calls.
 *
 * Why a staging folder inside out_dir rather than temporary names beside
 * the targets: a failed run leaves at most one hidden folder (removed on
 * the way out) instead of a scatter of half files, and rename(2) within
 * one file system is atomic, so a reader sees either the old file or the
 * new one.  Before the first rename every target is checked to be absent
 * or a regular file, so the renames do not fail halfway for a reason we
 * could have seen.  (Should a rename still fail, the files moved before it
 * stay in place and the rest are removed; the error names the file.)
 */
#include "internal.h"
#include "profile.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef int (*writer_fn)(FILE *, const cib_report_input *,
                         const cib_summary *, cib_error *);

static const struct {
    const char *name;
    writer_fn write;
} FILES[] = {
    {"report.json", cib_report_write_json},
    {"report.html", cib_report_write_html},
    {"accounts.csv", cib_report_write_accounts},
    {"edges.csv", cib_report_write_edges},
    {"network.graphml", cib_report_write_graphml},
    {"network.gexf", cib_report_write_gexf},
};
#define N_FILES (sizeof FILES / sizeof FILES[0])

/* Folders this call created, deepest last, to remove on failure. */
typedef struct made_dirs {
    char **path;
    size_t n, cap;
} made_dirs;

static void made_dirs_free(made_dirs *m, bool remove)
{
    for (size_t i = m->n; i-- > 0;) {
        if (remove)
            rmdir(m->path[i]); /* only when empty: never lose a user file */
        free(m->path[i]);
    }
    free(m->path);
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

#define STAGING_PREFIX ".cibscan-staging-"

/* A run killed while writing (SIGKILL, power loss) leaves its staging
 * folder behind; remove those of processes that no longer exist, so they
 * do not pile up.  Only our own file names are removed, and the folder
 * only when that empties it.  Failures are ignored: this is tidying. */
static void remove_stale_staging(const char *out_dir)
{
    DIR *d = opendir(out_dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t np = strlen(STAGING_PREFIX);
        if (strncmp(e->d_name, STAGING_PREFIX, np) != 0)
            continue;
        char *end;
        long pid = strtol(e->d_name + np, &end, 10);
        if (*end != '\0' || pid <= 0 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *dir = join(out_dir, e->d_name);
        for (size_t i = 0; dir && i < N_FILES; i++) {
            char *f = join(dir, FILES[i].name);
            if (f)
                unlink(f);
            free(f);
        }
        if (dir)
            rmdir(dir);
        free(dir);
    }
    closedir(d);
}


/* mkdir -p out_dir, recording what was created. */
static int make_out_dir(const char *out_dir, made_dirs *m, cib_error *err)
{
    char *path = strdup(out_dir);
    if (path == NULL)
        return cib_error_set(err, CIB_ENOMEM, out_dir, 0, "out of memory");
    size_t len = strlen(path);
    int rc = CIB_OK;
    for (size_t i = 1; i <= len && rc == CIB_OK; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char saved = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) == 0) {
            char *copy = strdup(path);
            if (copy == NULL ||
                cib_grow((void **)&m->path, &m->cap, m->n + 1, sizeof *m->path)) {
                free(copy);
                rmdir(path);
                rc = cib_error_set(err, CIB_ENOMEM, out_dir, 0, "out of memory");
            } else {
                m->path[m->n++] = copy;
            }
        } else if (errno != EEXIST) {
            rc = cib_error_set(err, CIB_EIO, path, 0,
                               "cannot create output folder: %s",
                               strerror(errno));
        } else if (i == len || saved == '/') {
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
                rc = cib_error_set(err, CIB_EIO, path, 0,
                                   "exists and is not a folder");
        }
        path[i] = saved;
    }
    free(path);
    return rc;
}

/* Write one file of FILES into the staging folder; errors name `final`,
 * the path the user asked for. */
static int write_one(const char *staged, const char *final, writer_fn fn,
                     const cib_report_input *in, const cib_summary *s,
                     cib_error *err)
{
    FILE *f = fopen(staged, "w");
    if (f == NULL)
        return cib_error_set(err, CIB_EIO, final, 0, "cannot create: %s",
                             strerror(errno));
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    int rc = fn(f, in, s, err);
    if (rc == CIB_ENOMEM) {
        fclose(f);
        return cib_error_set(err, CIB_ENOMEM, final, 0, "out of memory");
    }
    int saved = 0;
    if (rc != CIB_OK || fflush(f) != 0 || ferror(f))
        saved = errno ? errno : EIO;
    else if (fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
        saved = errno; /* fsync is unsupported on some special files */
    if (fclose(f) != 0 && saved == 0)
        saved = errno;
    if (saved)
        return cib_error_set(err, CIB_EIO, final, 0, "cannot write: %s",
                             strerror(saved));
    return CIB_OK;
}

/* Every target must be absent or a regular file for rename to replace it. */
static int check_targets(char *const *finals, cib_error *err)
{
    for (size_t i = 0; i < N_FILES; i++) {
        struct stat st;
        if (lstat(finals[i], &st) == 0 && !S_ISREG(st.st_mode))
            return cib_error_set(err, CIB_EIO, finals[i], 0,
                                 "exists and is not a regular file");
    }
    return CIB_OK;
}

int cib_report_write(const cib_report_input *in, const char *out_dir,
                     cib_error *err)
{
    if (in == NULL || in->store == NULL || out_dir == NULL || !out_dir[0])
        return cib_error_set(err, CIB_EUSAGE, NULL, 0,
                             "report: no input or no output folder");
    cib_summary s;
    int rc = cib_summary_build(&s, in, CIB_SUMMARY_FULL_RHYTHM, err);
    if (rc)
        return rc;
    cib_profiles *profiles = NULL;
    rc = cib_profiles_build(&profiles, in, &s, err);
    if (rc) {
        cib_summary_free(&s);
        return rc;
    }
    s.profiles = profiles;

    made_dirs made = {0};
    char *staging = NULL, *staged[N_FILES] = {0}, *finals[N_FILES] = {0};
    size_t written = 0;
    rc = make_out_dir(out_dir, &made, err);
    if (rc)
        goto done;
    remove_stale_staging(out_dir);
    char name[64];
    snprintf(name, sizeof name, STAGING_PREFIX "%ld", (long)getpid());
    staging = join(out_dir, name);
    bool ok = staging != NULL;
    for (size_t i = 0; i < N_FILES; i++) {
        staged[i] = ok ? join(staging, FILES[i].name) : NULL;
        finals[i] = join(out_dir, FILES[i].name);
        ok = ok && staged[i] && finals[i];
    }
    if (!ok) {
        rc = cib_error_set(err, CIB_ENOMEM, out_dir, 0, "out of memory");
        goto done;
    }
    if (mkdir(staging, 0700) != 0) {
        rc = cib_error_set(err, CIB_EIO, staging, 0,
                           "cannot create staging folder: %s",
                           strerror(errno));
        goto done;
    }
    for (; written < N_FILES; written++) {
        rc = write_one(staged[written], finals[written], FILES[written].write,
                       in, &s, err);
        if (rc) {
            written++; /* the failed file may exist partly: remove it too */
            break;
        }
    }
    if (rc == CIB_OK)
        rc = check_targets(finals, err);
    for (size_t i = 0; rc == CIB_OK && i < N_FILES; i++)
        if (rename(staged[i], finals[i]) != 0)
            rc = cib_error_set(err, CIB_EIO, finals[i], 0,
                               "cannot move into place: %s", strerror(errno));
    for (size_t i = 0; i < written; i++)
        unlink(staged[i]); /* leftovers after a failure; ENOENT otherwise */
    rmdir(staging);
done:
    made_dirs_free(&made, rc != CIB_OK);
    free(staging);
    for (size_t i = 0; i < N_FILES; i++) {
        free(staged[i]);
        free(finals[i]);
    }
    cib_profiles_free(profiles);
    s.profiles = NULL;
    cib_summary_free(&s);
    return rc;
}
