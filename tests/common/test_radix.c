/*
 * test_radix.c — cib_radix_sort against a reference order: qsort with
 * the record's original index as the last key, which is the one order a
 * stable sort may give.  Record shapes are those of the callers (16-byte
 * coord records by key or (key, ord), 8-byte words by their high half,
 * 8-byte (vocabulary, id) items) and an odd 9-byte record with unaligned
 * fields; cases: hand-checked, random (with many ties and without), all
 * keys equal, already sorted, reversed, 0 and 1 records, keys differing
 * in the top byte only, keys whose varying bits the sort's guess (the
 * first, middle and last 1,024 records) misses, varying bits with gaps
 * (a << 32 | b), runs of 9 to 11 bits (one wide digit), skip_bits that
 * are not whole bytes, malformed field lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/common.h"

/* splitmix64 (Steele, Lea & Flood 2014): a fixed stream of test keys. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ------------------------------------------------- 16-byte records */

/* The shape of coord's records; `tag` is the record's original index. */
typedef struct rec16 {
    uint64_t key;
    uint32_t ord;
    uint32_t tag;
} rec16;

static const cib_radix_field BY_KEY[] = {{offsetof(rec16, key), 8, 0}};
static const cib_radix_field BY_KEY_ORD[] = {{offsetof(rec16, key), 8, 0},
                                             {offsetof(rec16, ord), 4, 0}};

static int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

static int cmp_key_tag(const void *pa, const void *pb)
{
    const rec16 *a = pa, *b = pb;
    int c = cmp_u64(a->key, b->key);
    return c ? c : cmp_u64(a->tag, b->tag);
}

static int cmp_key_ord_tag(const void *pa, const void *pb)
{
    const rec16 *a = pa, *b = pb;
    int c = cmp_u64(a->key, b->key);
    if (c == 0)
        c = cmp_u64(a->ord, b->ord);
    return c ? c : cmp_u64(a->tag, b->tag);
}

/* Sort v by key (or by (key, ord)) and assert it equals the reference:
 * the same records, stable-ordered, compared to the byte. */
static void check16(rec16 *v, size_t n, int by_ord)
{
    rec16 *ref = malloc((n ? n : 1) * sizeof *ref);
    assert_non_null(ref);
    for (size_t i = 0; i < n; i++)
        v[i].tag = (uint32_t)i;
    memcpy(ref, v, n * sizeof *v);
    qsort(ref, n, sizeof *ref, by_ord ? cmp_key_ord_tag : cmp_key_tag);
    assert_int_equal(cib_radix_sort(v, n, sizeof *v, by_ord ? BY_KEY_ORD : BY_KEY,
                                    by_ord ? 2 : 1),
                     CIB_OK);
    assert_memory_equal(v, ref, n * sizeof *v);
    free(ref);
}

/* Keys 3,1,2,1,3 (tags 0..4) by key: the 1s (tags 1, 3), the 2 (tag 2),
 * the 3s (tags 0, 4); equal keys keep their first order. */
static void hand_checked(void **state)
{
    (void)state;
    rec16 v[5] = {{3, 0, 0}, {1, 0, 1}, {2, 0, 2}, {1, 0, 3}, {3, 0, 4}};
    assert_int_equal(cib_radix_sort(v, 5, sizeof *v, BY_KEY, 1), CIB_OK);
    const uint32_t want[5] = {1, 3, 2, 0, 4};
    for (int i = 0; i < 5; i++)
        assert_int_equal(v[i].tag, want[i]);
    assert_int_equal(v[0].key, 1);
    assert_int_equal(v[4].key, 3);
}

/* (key, ord): key 5 with ords 9, 2, 7 and key 4 with ord 8 come out
 * (4,8), (5,2), (5,7), (5,9) — ord breaks key ties. */
static void hand_checked_two_fields(void **state)
{
    (void)state;
    rec16 v[4] = {{5, 9, 0}, {5, 2, 1}, {4, 8, 2}, {5, 7, 3}};
    assert_int_equal(cib_radix_sort(v, 4, sizeof *v, BY_KEY_ORD, 2), CIB_OK);
    const uint32_t want[4] = {2, 1, 3, 0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(v[i].tag, want[i]);
}

/* Random keys over the whole 64 bits (few ties), over 1000 values (many
 * ties: stability shows) and ords over 50 values. */
static void random_16(void **state)
{
    (void)state;
    const size_t sizes[] = {2, 3, 17, 255, 256, 257, 1000, 100000};
    uint64_t s = 42;
    rec16 *v = malloc(100000 * sizeof *v);
    assert_non_null(v);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        for (int mode = 0; mode < 4; mode++) {
            for (size_t i = 0; i < n; i++) {
                uint64_t x = next(&s);
                v[i].key = mode & 1 ? x % 1000 : x;
                v[i].ord = (uint32_t)(next(&s) % 50);
            }
            check16(v, n, mode >> 1);
        }
    }
    free(v);
}

/* Every key the same: nothing may move, whatever the size. */
static void all_equal(void **state)
{
    (void)state;
    rec16 v[1000];
    for (size_t i = 0; i < 1000; i++)
        v[i] = (rec16){0xdeadbeefcafef00dULL, 7, (uint32_t)i};
    assert_int_equal(cib_radix_sort(v, 1000, sizeof *v, BY_KEY_ORD, 2), CIB_OK);
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(v[i].tag, i);
}

/* Already in order, and in reverse order (a key repeated twice each:
 * the pairs keep their first order in both). */
static void sorted_and_reversed(void **state)
{
    (void)state;
    enum { N = 3000 };
    rec16 *v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < N; i++)
        v[i] = (rec16){(uint64_t)(i / 2) * 0x10001ULL, 0, (uint32_t)i};
    assert_int_equal(cib_radix_sort(v, N, sizeof *v, BY_KEY, 1), CIB_OK);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(v[i].tag, i);
    for (size_t i = 0; i < N; i++)
        v[i] = (rec16){(uint64_t)((N - 1 - i) / 2) * 0x10001ULL, 0,
                       (uint32_t)i};
    assert_int_equal(cib_radix_sort(v, N, sizeof *v, BY_KEY, 1), CIB_OK);
    /* key j stood at i = N-2-2j and N-1-2j, in that order */
    for (size_t j = 0; j < N / 2; j++) {
        assert_int_equal(v[2 * j].key, j * 0x10001ULL);
        assert_int_equal(v[2 * j].tag, N - 2 - 2 * j);
        assert_int_equal(v[2 * j + 1].tag, N - 1 - 2 * j);
    }
    free(v);
}

/* No records (a NULL array) and one record: nothing to do, no error. */
static void empty_and_single(void **state)
{
    (void)state;
    assert_int_equal(cib_radix_sort(NULL, 0, sizeof(rec16), BY_KEY, 1),
                     CIB_OK);
    rec16 one = {99, 1, 2};
    assert_int_equal(cib_radix_sort(&one, 1, sizeof one, BY_KEY_ORD, 2),
                     CIB_OK);
    assert_int_equal(one.key, 99);
    assert_int_equal(one.ord, 1);
    assert_int_equal(one.tag, 2);
}

/* Keys differing only in the top byte (the low seven are one constant):
 * leaving out constant bits must not leave out the ones that vary. */
static void top_byte_only(void **state)
{
    (void)state;
    uint64_t s = 7;
    rec16 v[5000];
    for (size_t i = 0; i < 5000; i++)
        v[i].key = (next(&s) & 0xff) << 56 | 0x0123456789abcdULL;
    check16(v, 5000, 0);
    assert_true(v[0].key <= v[4999].key);
    assert_true(v[0].key >> 56 < v[4999].key >> 56);
}

/* The same with ord as the only varying part of a (key, ord) key, and
 * with ords differing only in their top byte. */
static void ord_only(void **state)
{
    (void)state;
    uint64_t s = 8;
    rec16 v[5000];
    for (size_t i = 0; i < 5000; i++) {
        v[i].key = 77;
        v[i].ord = (uint32_t)(next(&s) & 0xff) << 24 | 0x42;
    }
    check16(v, 5000, 1);
}

/* ------------------------------------------------- 8-byte words */

typedef struct word_tag {
    uint64_t w;
    size_t tag;
} word_tag;

static int cmp_high_tag(const void *pa, const void *pb)
{
    const word_tag *a = pa, *b = pb;
    int c = cmp_u64(a->w >> 32, b->w >> 32);
    return c ? c : cmp_u64(a->tag, b->tag);
}

/* 64-bit words by their high half only (skip_bits = 32, normalize's band
 * records): low halves are random, so only a stable sort matches. */
static void words_by_high_half(void **state)
{
    (void)state;
    enum { N = 50000 };
    const cib_radix_field high = {0, 8, 32};
    uint64_t *v = malloc(N * sizeof *v);
    word_tag *ref = malloc(N * sizeof *ref);
    assert_non_null(v);
    assert_non_null(ref);
    uint64_t s = 9;
    for (int mode = 0; mode < 2; mode++) {
        for (size_t i = 0; i < N; i++) {
            uint64_t hi = mode ? next(&s) % 300 : next(&s) >> 32;
            v[i] = hi << 32 | (next(&s) & 0xffffffffu);
            ref[i] = (word_tag){v[i], i};
        }
        qsort(ref, N, sizeof *ref, cmp_high_tag);
        assert_int_equal(cib_radix_sort(v, N, sizeof *v, &high, 1), CIB_OK);
        for (size_t i = 0; i < N; i++)
            assert_int_equal(v[i], ref[i].w);
    }
    free(v);
    free(ref);
}

/* 8-byte (vocabulary, id) items as the report's profiles sort them:
 * vocabulary first although it is the first field in memory. */
typedef struct item {
    uint32_t vocab, id;
} item;

static int cmp_item(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = cmp_u64(a->vocab, b->vocab);
    return c ? c : cmp_u64(a->id, b->id);
}

static void items_by_vocab_then_id(void **state)
{
    (void)state;
    enum { N = 20000 };
    static const cib_radix_field by[] = {{offsetof(item, vocab), 4, 0},
                                         {offsetof(item, id), 4, 0}};
    item *v = malloc(N * sizeof *v), *ref = malloc(N * sizeof *ref);
    assert_non_null(v);
    assert_non_null(ref);
    uint64_t s = 10;
    for (size_t i = 0; i < N; i++)
        v[i] = (item){(uint32_t)(next(&s) % 3), (uint32_t)(next(&s) % 70000)};
    memcpy(ref, v, sizeof(item) * N);
    qsort(ref, N, sizeof *ref, cmp_item); /* equal items are identical */
    assert_int_equal(cib_radix_sort(v, N, sizeof *v, by, 2), CIB_OK);
    assert_memory_equal(v, ref, sizeof(item) * N);
    /* ids below 1,000: 10 varying bits, one wide digit (the profiles'
     * common case), then the vocabulary */
    for (size_t i = 0; i < N; i++)
        v[i] = (item){(uint32_t)(next(&s) % 3), (uint32_t)(next(&s) % 1000)};
    memcpy(ref, v, sizeof(item) * N);
    qsort(ref, N, sizeof *ref, cmp_item);
    assert_int_equal(cib_radix_sort(v, N, sizeof *v, by, 2), CIB_OK);
    assert_memory_equal(v, ref, sizeof(item) * N);
    /* hand-checked: (1, 5) < (2, 0) although 5 > 0 */
    item two[2] = {{2, 0}, {1, 5}};
    assert_int_equal(cib_radix_sort(two, 2, sizeof *two, by, 2), CIB_OK);
    assert_int_equal(two[0].vocab, 1);
    assert_int_equal(two[0].id, 5);
    free(v);
    free(ref);
}

/* ------------------------------------------------- odd-sized records */

/* 9-byte records, no padding: a uint32 at byte 1 (unaligned), a byte at
 * 0 and a uint32 tag at 5; sorted by (the uint32, the byte) through the
 * size-generic pass. */
enum { R9 = 9 };

static uint32_t u32_at(const unsigned char *p)
{
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
}

static int cmp_r9(const void *pa, const void *pb)
{
    const unsigned char *a = pa, *b = pb;
    int c = cmp_u64(u32_at(a + 1), u32_at(b + 1));
    if (c == 0)
        c = cmp_u64(a[0], b[0]);
    return c ? c : cmp_u64(u32_at(a + 5), u32_at(b + 5));
}

static void odd_size_unaligned(void **state)
{
    (void)state;
    enum { N = 10000 };
    static const cib_radix_field by[] = {{1, 4, 0}, {0, 1, 0}};
    unsigned char *v = malloc(N * R9), *ref = malloc(N * R9);
    assert_non_null(v);
    assert_non_null(ref);
    uint64_t s = 11;
    for (size_t i = 0; i < N; i++) {
        uint32_t k = (uint32_t)(next(&s) % 5000), tag = (uint32_t)i;
        v[i * R9] = (unsigned char)(next(&s) % 4);
        memcpy(v + i * R9 + 1, &k, 4);
        memcpy(v + i * R9 + 5, &tag, 4);
    }
    memcpy(ref, v, (size_t)N * R9);
    qsort(ref, N, R9, cmp_r9);
    assert_int_equal(cib_radix_sort(v, N, R9, by, 2), CIB_OK);
    assert_memory_equal(v, ref, (size_t)N * R9);
    free(v);
    free(ref);
}

/* ------------------------------------------------- the varying bits */

/* Keys equal but for a few records in stretches the sort's guess does
 * not read (records 2,000 to 2,009 of 20,000: the guess reads 0-1,023,
 * 10,000-11,023 and 18,976-19,999), in bits no guessed record has: the
 * full read must find them and the digits be planned again.  Keys
 * 0x500 everywhere and 0x500 | 0x8000... at those ten, descending, so
 * they sort last in reverse order of place. */
static void guess_missed(void **state)
{
    (void)state;
    enum { N = 20000 };
    rec16 *v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < N; i++)
        v[i] = (rec16){0x500, 0, 0};
    for (uint64_t i = 0; i < 10; i++)
        v[2000 + i].key = 0x500 | (UINT64_C(1) << 63) | (9 - i) << 40;
    check16(v, N, 0);
    /* hand-checked: the unchanged keys keep their order, the ten follow */
    assert_int_equal(v[0].tag, 0);
    assert_int_equal(v[N - 11].tag, N - 1);
    assert_int_equal(v[N - 10].tag, 2009);
    assert_int_equal(v[N - 1].tag, 2000);
    /* the same with a second field that varies only there */
    for (size_t i = 0; i < N; i++)
        v[i] = (rec16){7, 3, 0};
    v[5000].ord = 1;
    v[5001].ord = 2;
    check16(v, N, 1);
    assert_int_equal(v[0].tag, 5000);
    assert_int_equal(v[1].tag, 5001);
    assert_int_equal(v[2].tag, 0);
    free(v);
}

/* Varying bits with gaps: pairs a << 32 | b of 17-bit numbers (two runs
 * of one field), keys whose only varying bits are 0, 9, 18 .. 63 (eight
 * one-bit runs, the most a 64-bit field can have), and keys of 9, 10 and
 * 11 random bits (one wide digit each), many ties in all. */
static void gaps_and_wide_runs(void **state)
{
    (void)state;
    enum { N = 30000 };
    rec16 *v = malloc(N * sizeof *v);
    assert_non_null(v);
    uint64_t s = 12;
    for (size_t i = 0; i < N; i++)
        v[i].key = (next(&s) % 100000) << 32 | next(&s) % 100000;
    check16(v, N, 0);
    uint64_t spread = 0;
    for (unsigned b = 0; b < 64; b += 9)
        spread |= UINT64_C(1) << b;
    for (size_t i = 0; i < N; i++)
        v[i].key = next(&s) & spread;
    check16(v, N, 0);
    for (unsigned bits = 9; bits <= 11; bits++) {
        for (size_t i = 0; i < N; i++) {
            v[i].key = next(&s) & ((UINT64_C(1) << bits) - 1);
            v[i].ord = (uint32_t)(next(&s) % 5);
        }
        check16(v, N, 1);
    }
    free(v);
}

/* skip_bits that is not a whole number of bytes: by the top 59 bits of
 * a 64-bit word, its low 5 bits left out.  0x21, 0x1f, 0x20 are 1, 0, 1
 * above bit 5, so they come out 0x1f, 0x21, 0x20 (the two 1s in their
 * first order; a sort by the whole word would put 0x20 before 0x21). */
static void skip_bits_not_bytes(void **state)
{
    (void)state;
    const cib_radix_field by = {0, 8, 5};
    uint64_t w[3] = {0x21, 0x1f, 0x20};
    assert_int_equal(cib_radix_sort(w, 3, sizeof *w, &by, 1), CIB_OK);
    assert_int_equal(w[0], 0x1f);
    assert_int_equal(w[1], 0x21);
    assert_int_equal(w[2], 0x20);
}

/* 16-byte records with a 64-bit field across their two halves (at byte
 * 4) and a 16-bit one at byte 14, read field by field, not as words. */
typedef struct rec_odd {
    uint32_t tag;
    uint32_t key_lo, key_hi; /* a uint64_t at byte 4, as bytes */
    uint16_t pad, small;
} rec_odd;

static uint64_t odd_key(const rec_odd *r)
{
    uint64_t k;
    memcpy(&k, (const unsigned char *)r + 4, 8);
    return k;
}

static int cmp_odd(const void *pa, const void *pb)
{
    const rec_odd *a = pa, *b = pb;
    int c = cmp_u64(a->small, b->small);
    if (c == 0)
        c = cmp_u64(odd_key(a), odd_key(b));
    return c ? c : cmp_u64(a->tag, b->tag);
}

static void field_across_words(void **state)
{
    (void)state;
    enum { N = 9000 };
    static const cib_radix_field by[] = {{offsetof(rec_odd, small), 2, 0},
                                         {4, 8, 0}};
    rec_odd *v = malloc(N * sizeof *v), *ref = malloc(N * sizeof *ref);
    assert_non_null(v);
    assert_non_null(ref);
    assert_int_equal(sizeof(rec_odd), 16);
    uint64_t s = 13;
    for (size_t i = 0; i < N; i++) {
        uint64_t k = next(&s) % 5000;
        v[i] = (rec_odd){(uint32_t)i, 0, 0, 0, (uint16_t)(next(&s) % 3)};
        memcpy((unsigned char *)&v[i] + 4, &k, 8);
    }
    memcpy(ref, v, N * sizeof *v);
    qsort(ref, N, sizeof *ref, cmp_odd);
    assert_int_equal(cib_radix_sort(v, N, sizeof *v, by, 2), CIB_OK);
    assert_memory_equal(v, ref, N * sizeof *v);
    free(v);
    free(ref);
}

/* Records smaller than 8 bytes (4-byte values below 1,000: one wide
 * digit read field by field) against qsort. */
static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

static void small_records(void **state)
{
    (void)state;
    enum { N = 10000 };
    static const cib_radix_field by = {0, 4, 0};
    uint32_t *v = malloc(N * sizeof *v), *ref = malloc(N * sizeof *ref);
    assert_non_null(v);
    assert_non_null(ref);
    uint64_t s = 14;
    for (int mode = 0; mode < 2; mode++) {
        for (size_t i = 0; i < N; i++)
            v[i] = (uint32_t)(mode ? next(&s) : next(&s) % 1000);
        memcpy(ref, v, N * sizeof *v);
        qsort(ref, N, sizeof *ref, cmp_u32);
        assert_int_equal(cib_radix_sort(v, N, sizeof *v, &by, 1), CIB_OK);
        assert_memory_equal(v, ref, N * sizeof *v);
    }
    free(v);
    free(ref);
}

/* ------------------------------------------------- errors */

/* Malformed fields are refused with CIB_EUSAGE and the records left as
 * they were: a 3-byte integer, skip_bits as large as the field, a field
 * past the record's end, 24 key bytes (over CIB_RADIX_MAX_BYTES = 16). */
static void malformed_fields(void **state)
{
    (void)state;
    rec16 v[2] = {{2, 0, 0}, {1, 0, 1}};
    const cib_radix_field bad_size = {0, 3, 0};
    const cib_radix_field bad_skip = {0, 8, 64};
    const cib_radix_field past_end = {12, 8, 0};
    const cib_radix_field too_many[3] = {{0, 8, 0}, {0, 8, 0}, {8, 8, 0}};
    assert_int_equal(cib_radix_sort(v, 2, sizeof *v, &bad_size, 1),
                     CIB_EUSAGE);
    assert_int_equal(cib_radix_sort(v, 2, sizeof *v, &bad_skip, 1),
                     CIB_EUSAGE);
    assert_int_equal(cib_radix_sort(v, 2, sizeof *v, &past_end, 1),
                     CIB_EUSAGE);
    assert_int_equal(cib_radix_sort(v, 2, sizeof *v, too_many, 3),
                     CIB_EUSAGE);
    assert_int_equal(v[0].key, 2);
    assert_int_equal(v[1].key, 1);
    /* 16 key bytes are allowed: (key, key) sorts as key */
    const cib_radix_field twice[2] = {{0, 8, 0}, {0, 8, 0}};
    assert_int_equal(cib_radix_sort(v, 2, sizeof *v, twice, 2), CIB_OK);
    assert_int_equal(v[0].key, 1);
}

/* cib_count_distinct: group 1 has members 7, 9 (7 twice), group 3 has
 * member 7 once, group 0 and 2 none: counts 0, 2, 0, 1.  An empty input
 * (NULL, 0) counts nothing. */
static void count_distinct(void **state)
{
    (void)state;
    uint64_t v[5] = {1ull << 32 | 9, 3ull << 32 | 7, 1ull << 32 | 7,
                     1ull << 32 | 7, 1ull << 32 | 9};
    uint64_t count[4] = {0};
    assert_int_equal(cib_count_distinct(v, 5, count), CIB_OK);
    assert_int_equal(count[0], 0);
    assert_int_equal(count[1], 2);
    assert_int_equal(count[2], 0);
    assert_int_equal(count[3], 1);
    assert_int_equal(cib_count_distinct(NULL, 0, count), CIB_OK);
    assert_int_equal(count[1], 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_checked),
        cmocka_unit_test(hand_checked_two_fields),
        cmocka_unit_test(random_16),
        cmocka_unit_test(all_equal),
        cmocka_unit_test(sorted_and_reversed),
        cmocka_unit_test(empty_and_single),
        cmocka_unit_test(top_byte_only),
        cmocka_unit_test(ord_only),
        cmocka_unit_test(words_by_high_half),
        cmocka_unit_test(items_by_vocab_then_id),
        cmocka_unit_test(odd_size_unaligned),
        cmocka_unit_test(guess_missed),
        cmocka_unit_test(gaps_and_wide_runs),
        cmocka_unit_test(skip_bits_not_bytes),
        cmocka_unit_test(field_across_words),
        cmocka_unit_test(small_records),
        cmocka_unit_test(malformed_fields),
        cmocka_unit_test(count_distinct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
