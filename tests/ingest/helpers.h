/*
 * helpers.h — shared by the ingest unit tests: scratch files in a
 * per-process temporary folder (removed by tmp_cleanup), fixture paths,
 * and a one-call ingest into a fresh store.
 */
#ifndef CIB_TEST_INGEST_HELPERS_H
#define CIB_TEST_INGEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "ingest/ingest.h"

static char tmp_dir[256];
static char tmp_paths[64][320];
static int tmp_count;

/* The scratch folder, created on first use. */
static inline const char *tmp_folder(void)
{
    if (tmp_dir[0] == '\0') {
        const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(tmp_dir, sizeof tmp_dir, "%s/cibscan-ingest-XXXXXX", base);
        assert_non_null(mkdtemp(tmp_dir));
    }
    return tmp_dir;
}

/* Path of a new scratch file `name` holding n bytes of data. */
static inline const char *tmp_write(const char *name, const void *data,
                                    size_t n)
{
    tmp_folder();
    assert_true(tmp_count < 64);
    char *path = tmp_paths[tmp_count++];
    snprintf(path, sizeof tmp_paths[0], "%s/%s", tmp_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static inline const char *tmp_text(const char *name, const char *text)
{
    return tmp_write(name, text, strlen(text));
}

static inline int tmp_cleanup(void **state)
{
    (void)state;
    for (int i = 0; i < tmp_count; i++)
        unlink(tmp_paths[i]);
    if (tmp_dir[0])
        rmdir(tmp_dir);
    tmp_count = 0;
    tmp_dir[0] = '\0';
    return 0;
}

/* $CIBSCAN_TESTDATA/ingest/<name> into buf. */
static inline const char *fixture(char *buf, size_t n, const char *name)
{
    const char *base = getenv("CIBSCAN_TESTDATA");
    if (base == NULL)
        base = "tests/data";
    snprintf(buf, n, "%s/ingest/%s", base, name);
    return buf;
}

/* Options with warnings off (tests that check warnings set them). */
static inline cib_ingest_options quiet_options(void)
{
    cib_ingest_options opt;
    cib_ingest_options_init(&opt);
    opt.warn = NULL;
    return opt;
}

/* Id of a string in the store's pool (0 when absent). */
static inline uint32_t sid(const cib_store *s, const char *str)
{
    return cib_strings_find(s->strings, str, strlen(str));
}

static inline const char *str_of(const cib_store *s, uint32_t id)
{
    return cib_strings_get(s->strings, id, NULL);
}

/* A gzip member of data (zlib deflate with the gzip wrapper) into out of
 * capacity cap; returns its length. */
static inline size_t gzip_bytes(const void *data, size_t n,
                                unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip wrapper rather than zlib's */
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
                                  Z_DEFAULT_STRATEGY),
                     Z_OK);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    return len;
}

#endif
