/*
 * fuzz_util.h — what the libFuzzer targets of tests/fuzz/ share: an input
 * held in an anonymous memory file (memfd_create) that the ingest stage
 * can open by path, without touching the disk, and a check that aborts
 * with a message (a failed property is a crash libFuzzer records, with the
 * input that caused it).
 *
 * Each target is a fuzz_<name>.c defining LLVMFuzzerTestOneInput; it is
 * linked either with libFuzzer (-fsanitize=fuzzer, clang) or with
 * replay.c, which runs it over the files of its corpus in every build.
 */
#ifndef CIB_FUZZ_UTIL_H
#define CIB_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with where and why when cond is false. */
#define FUZZ_CHECK(cond, ...)                                                 \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, \
                    #cond);                                                   \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* An in-memory file holding data[0..size), readable by path.  path is
 * "/proc/self/fd/N"; opening it gives a fresh descriptor at offset 0.
 * Returns the descriptor (close it when done) or -1. */
static inline int fuzz_memfile(const uint8_t *data, size_t size, char *path,
                               size_t path_n)
{
    int fd = memfd_create("cibscan-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(path, path_n, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
