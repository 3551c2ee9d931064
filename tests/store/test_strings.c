/*
 * test_strings.c — the interner's table and arena at the sizes where
 * their layout changes: the slot table moving from calloc to a mapped
 * array, strings larger than an arena block, bytes that only differ after
 * a NUL, and the hash-first path ingest uses to prefetch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"

/* 300,000 distinct strings: a table kept at most 3/4 full holds 196,608
 * in 2^18 slots and 393,216 in 2^19, so it ends at 2^19 slots (nine
 * doublings from 2^10), 8 bytes each = 4 MiB, the size from which the
 * table is mapped rather than calloc'ed.  Ids are handed out in order of
 * first interning: "s<i>" gets i + 1 (id 0 is ""). */
static void ids_survive_every_doubling(void **state)
{
    (void)state;
    enum { N = 300000 };
    cib_strings *p = cib_strings_new();
    assert_non_null(p);
    char buf[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "s%d", i);
        assert_int_equal(cib_strings_intern(p, buf, (size_t)n),
                         (uint32_t)i + 1);
    }
    assert_int_equal(cib_strings_count(p), N + 1);
    /* interning again finds, never adds */
    for (int i = 0; i < N; i += 7) {
        int n = snprintf(buf, sizeof buf, "s%d", i);
        assert_int_equal(cib_strings_intern(p, buf, (size_t)n),
                         (uint32_t)i + 1);
    }
    assert_int_equal(cib_strings_count(p), N + 1);
    for (int i = 0; i < N; i += 101) {
        int n = snprintf(buf, sizeof buf, "s%d", i);
        size_t len;
        const char *s = cib_strings_get(p, (uint32_t)i + 1, &len);
        assert_int_equal(len, (size_t)n);
        assert_memory_equal(s, buf, (size_t)n + 1); /* NUL-terminated */
    }
    assert_int_equal(cib_strings_find(p, "s300000", 7), 0); /* one past */
    cib_strings_free(p);
}

/* The hash-first path gives the ids the plain path gives: "x" is new (1),
 * "y" new (2), "x" again is 1. */
static void hashed_interning_matches_plain(void **state)
{
    (void)state;
    cib_strings *p = cib_strings_new();
    uint64_t hx = cib_strings_hash("x", 1), hy = cib_strings_hash("y", 1);
    cib_strings_prefetch(p, hx);
    cib_strings_prefetch(p, hy);
    assert_int_equal(cib_strings_intern_hashed(p, "x", 1, hx), 1);
    assert_int_equal(cib_strings_intern_hashed(p, "y", 1, hy), 2);
    assert_int_equal(cib_strings_intern(p, "x", 1), 1);
    assert_int_equal(cib_strings_intern_hashed(p, "y", 1, hy), 2);
    /* the hash of the empty string still gives id 0 */
    assert_int_equal(cib_strings_intern_hashed(p, "", 0,
                                               cib_strings_hash("", 0)),
                     0);
    assert_int_equal(cib_strings_count(p), 3);
    cib_strings_free(p);
}

/* Bytes are compared in full, past a NUL: "a\0b" and "a\0c" are two
 * strings, and "a" (a prefix of both) a third. */
static void bytes_after_nul_count(void **state)
{
    (void)state;
    cib_strings *p = cib_strings_new();
    uint32_t ab = cib_strings_intern(p, "a\0b", 3);
    uint32_t ac = cib_strings_intern(p, "a\0c", 3);
    uint32_t a = cib_strings_intern(p, "a", 1);
    assert_int_equal(ab, 1);
    assert_int_equal(ac, 2);
    assert_int_equal(a, 3);
    size_t len;
    assert_memory_equal(cib_strings_get(p, ac, &len), "a\0c", 3);
    assert_int_equal(len, 3);
    cib_strings_free(p);
}

/* A 3 MiB string does not fit a 1 MiB arena block; it gets a block of its
 * own and strings before and after it keep their bytes.  An id past the
 * end reads as "" of length 0. */
static void huge_string_gets_its_own_block(void **state)
{
    (void)state;
    size_t big_n = (size_t)3 << 20;
    char *big = malloc(big_n);
    assert_non_null(big);
    memset(big, 'z', big_n);
    cib_strings *p = cib_strings_new();
    uint32_t before = cib_strings_intern(p, "before", 6);
    const char *before_s = cib_strings_get(p, before, NULL);
    uint32_t b = cib_strings_intern(p, big, big_n);
    uint32_t after = cib_strings_intern(p, "after", 5);
    assert_int_equal(b, 2);
    assert_int_equal(after, 3);
    size_t len;
    const char *s = cib_strings_get(p, b, &len);
    assert_int_equal(len, big_n);
    assert_memory_equal(s, big, big_n);
    assert_int_equal(s[big_n], '\0');
    assert_string_equal(before_s, "before");
    assert_string_equal(cib_strings_get(p, after, NULL), "after");
    assert_int_equal(cib_strings_find(p, big, big_n), b);
    assert_string_equal(cib_strings_get(p, 99, &len), "");
    assert_int_equal(len, 0);
    cib_strings_free(p);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_survive_every_doubling),
        cmocka_unit_test(hashed_interning_matches_plain),
        cmocka_unit_test(bytes_after_nul_count),
        cmocka_unit_test(huge_string_gets_its_own_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
