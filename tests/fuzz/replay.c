/*
 * replay.c — a main() for the fuzz targets in builds without libFuzzer:
 * runs LLVMFuzzerTestOneInput once on every file named on the command
 * line or found in a folder named there (not recursively).  ctest runs it
 * over tests/fuzz/corpus/<target>/, so the seeds and every input that
 * once crashed a target are replayed by the ordinary test run, under the
 * sanitizers when the build has them.  A target signals a failure by
 * crashing (abort, sanitizer report), which fails the test.
 *
 * Exit status: 0 when every input ran, 1 when an argument cannot be read
 * or no input was found at all (an empty corpus would pass vacuously).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_util.h"

/* Read a whole file; NULL on failure. */
static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    uint8_t *buf = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *p = realloc(buf, cap);
            if (p == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *n = len;
    return buf;
}

static int run_file(const char *path, size_t *count)
{
    size_t n = 0;
    uint8_t *data = slurp(path, &n);
    if (data == NULL) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    /* a copy of exactly n bytes, so reads past the end are caught */
    uint8_t *exact = malloc(n ? n : 1);
    if (exact == NULL) {
        free(data);
        return 1;
    }
    if (n)
        memcpy(exact, data, n);
    free(data);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    (*count)++;
    return 0;
}

static int run_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "replay: cannot open folder %s\n", dir);
        return 1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        if (path == NULL) {
            rc = 1;
            break;
        }
        snprintf(path, len, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            rc = run_file(path, count);
        free(path);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: no such file or folder: %s\n", argv[i]);
            return 1;
        }
        int rc = S_ISDIR(st.st_mode) ? run_dir(argv[i], &count)
                                     : run_file(argv[i], &count);
        if (rc)
            return rc;
    }
    printf("replay: %zu inputs ran\n", count);
    return count ? 0 : 1;
}
