/*
 * atomic.c — output files written whole or not at all: write to a
 * temporary name beside the target, then rename over it.  A target that
 * exists and is not a regular file (/dev/null, a pipe, a terminal) is
 * written in place: renaming over it would replace the device itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cib_atomic_open(cib_atomic_file *f, const char *path, cib_error *err)
{
    f->path = path;
    f->fp = NULL;
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        f->tmp[0] = '\0';
        return CIB_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return cib_error_set(err, CIB_EIO, path, 0,
                                 "is a directory, not a file");
        f->tmp[0] = '\0';
        f->fp = fopen(path, "wb");
        if (f->fp == NULL)
            return cib_error_set(err, CIB_EIO, path, 0, "cannot write: %s",
                                 strerror(errno));
        return CIB_OK;
    }
    int n = snprintf(f->tmp, sizeof f->tmp, "%s.tmp-%ld", path,
                     (long)getpid());
    if (n < 0 || (size_t)n >= sizeof f->tmp)
        return cib_error_set(err, CIB_EIO, path, 0, "path too long");
    f->fp = fopen(f->tmp, "wb");
    if (f->fp == NULL)
        return cib_error_set(err, CIB_EIO, path, 0, "cannot write: %s",
                             strerror(errno));
    return CIB_OK;
}

int cib_atomic_commit(cib_atomic_file *f, int status, cib_error *err)
{
    if (f->fp == NULL)
        return status;
    if (f->fp == stdout) {
        if ((fflush(stdout) != 0 || ferror(stdout)) && status == CIB_OK)
            status = cib_error_set(err, CIB_EIO, "-", 0,
                                   "cannot write standard output: %s",
                                   errno ? strerror(errno) : "write failed");
        f->fp = NULL;
        return status;
    }
    bool failed = status != CIB_OK || ferror(f->fp);
    if (fclose(f->fp) != 0)
        failed = true;
    f->fp = NULL;
    if (f->tmp[0] == '\0') /* written in place: nothing to rename */
        return failed && status == CIB_OK
                   ? cib_error_set(err, CIB_EIO, f->path, 0, "cannot write")
                   : status;
    if (!failed && rename(f->tmp, f->path) == 0)
        return CIB_OK;
    int e = errno;
    unlink(f->tmp);
    if (status != CIB_OK)
        return status;
    return cib_error_set(err, CIB_EIO, f->path, 0, "cannot write: %s",
                         strerror(e));
}
