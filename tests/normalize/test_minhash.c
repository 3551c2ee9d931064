/*
 * test_minhash.c — shingles, MinHash against exact Jaccard on pairs whose
 * similarity is known by construction, and the near-duplicate text keys
 * of cib_norm_build (src/normalize/minhash.c, neardup.c, texts.c).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normalize/normalize.h"

/* |a - b| <= eps (this cmocka has no assert_near) */
#define assert_near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

static void shingles(const char *folded, uint32_t **sh, size_t *n)
{
    assert_int_equal(cib_text_shingles(folded, strlen(folded), sh, n), 0);
}

/* Word 2-grams: "a b c d" has the bigrams "a b", "b c", "c d". */
static void test_word_shingles(void **state)
{
    (void)state;
    uint32_t *sh;
    size_t n;
    shingles("a b c d", &sh, &n);
    assert_int_equal(n, 3);
    free(sh);
    /* a repeated bigram counts once: "a b a b" has "a b", "b a" */
    shingles("a b a b", &sh, &n);
    assert_int_equal(n, 2);
    free(sh);
    /* one word is one shingle; nothing is no shingle */
    shingles("hello", &sh, &n);
    assert_int_equal(n, 1);
    free(sh);
    shingles("", &sh, &n);
    assert_int_equal(n, 0);
    assert_null(sh);
}

/* Chinese has no spaces: character 3-grams.  "我们今天去北京" is 7 code
 * points: 5 trigrams. */
static void test_character_shingles(void **state)
{
    (void)state;
    uint32_t *sh;
    size_t n;
    shingles("\xE6\x88\x91\xE4\xBB\xAC\xE4\xBB\x8A\xE5\xA4\xA9\xE5\x8E\xBB"
             "\xE5\x8C\x97\xE4\xBA\xAC", &sh, &n);
    assert_int_equal(n, 5);
    free(sh);
}

/* "the quick brown fox jumps over the lazy dog" has 8 bigrams; with
 * "leaps" for "jumps" two of them ("fox jumps", "jumps over") are
 * replaced by two others, so 6 are shared of 10 in all: J = 0.6. */
static void test_exact_jaccard_of_texts(void **state)
{
    (void)state;
    uint32_t *a, *b;
    size_t na, nb;
    shingles("the quick brown fox jumps over the lazy dog", &a, &na);
    shingles("the quick brown fox leaps over the lazy dog", &b, &nb);
    assert_int_equal(na, 8);
    assert_int_equal(nb, 8);
    assert_near(cib_jaccard(a, na, b, nb), 0.6, 1e-12);
    assert_near(cib_jaccard(a, na, a, na), 1.0, 1e-12);
    free(a);
    free(b);
}

/* Sets built with a known overlap: A = {1..100} and B = {51..150} share
 * 50 of 150 elements, J = 1/3; A and C = {1..90} u {101..110} share 90
 * of 110, J = 9/11; A and D = {201..300} share none.  With k = 256
 * functions the MinHash estimate has standard error sqrt(J(1-J)/256) <=
 * 0.032, so it must fall within 0.1 (more than 3 standard errors) of the
 * exact value; equal sets agree in every position. */
static void test_minhash_against_exact(void **state)
{
    (void)state;
    enum { K = 256 };
    uint32_t a[100], b[100], c[100], d[100];
    for (uint32_t i = 0; i < 100; i++) {
        a[i] = i + 1;
        b[i] = i + 51;
        c[i] = i < 90 ? i + 1 : i + 11;
        d[i] = i + 201;
    }
    struct {
        const uint32_t *x, *y;
        double exact;
    } pairs[] = {{a, b, 1.0 / 3}, {a, c, 9.0 / 11}, {a, d, 0.0}, {a, a, 1.0}};
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++) {
        uint32_t sx[K], sy[K];
        cib_minhash(pairs[p].x, 100, sx, K);
        cib_minhash(pairs[p].y, 100, sy, K);
        double exact = cib_jaccard(pairs[p].x, 100, pairs[p].y, 100);
        assert_near(exact, pairs[p].exact, 1e-12);
        double est = cib_minhash_similarity(sx, sy, K);
        assert_true(fabs(est - exact) < 0.1);
    }
    uint32_t s1[K], s2[K];
    cib_minhash(a, 100, s1, K);
    cib_minhash(a, 100, s2, K);
    assert_near(cib_minhash_similarity(s1, s2, K), 1.0, 0);
}

/* ------------------------------------------------------------ the store */

static uint32_t S(cib_store *s, const char *str)
{
    return cib_strings_intern(s->strings, str, strlen(str));
}

static void add(cib_store *s, const char *account, int64_t t,
                const char *text)
{
    uint32_t acct;
    assert_int_equal(cib_store_account(s, S(s, account), &acct), 0);
    cib_event_in ev = {.account = acct, .time = t, .text = S(s, text)};
    assert_int_equal(cib_store_append(s, &ev), 0);
}

/* Near-duplicates share a text key; the key is that of the earliest
 * version, whatever order the events come in. */
static void test_text_keys(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    /* 0 and 1: J = 0.6 >= 0.5 (the fox pair above) */
    add(s, "a", 100, "The quick brown fox jumps over the lazy dog https://t.co/1");
    add(s, "b", 50, "the quick brown fox LEAPS over the lazy dog https://t.co/2");
    /* 2: its 2 bigrams are among the 8 of text 0: J = 2/8 */
    add(s, "c", 60, "the quick brown");
    /* 3 and 4: one Persian word typed on two keyboards (test_fold.c) */
    add(s, "a", 10, "\xD8\xA7\xDB\x8C\xD8\xB1\xD8\xA7\xD9\x86 now");
    add(s, "b", 20, "\xD8\xA7\xD9\x8A\xD8\xB1\xD8\xA7\xD9\x86 now");
    /* 5: only a link: no words, no key */
    add(s, "c", 30, "https://t.co/3");
    cib_norm n;
    cib_error err;
    assert_int_equal(cib_norm_build(&n, s, &err), 0);
    assert_true(n.text_key[0] != 0);
    assert_true(n.text_key[0] == n.text_key[1]);
    assert_true(n.text_key[2] != n.text_key[0]);
    assert_true(n.text_key[3] != 0 && n.text_key[3] == n.text_key[4]);
    assert_true(n.text_key[5] == 0);
    /* 6 distinct raw texts, 5 with words of which 3 and 4 fold equal:
     * 4 folded; 0 and 1 merge: 3 groups */
    assert_int_equal(n.stats.texts, 6);
    assert_int_equal(n.stats.folded, 4);
    assert_int_equal(n.stats.merged, 1);
    assert_int_equal(n.stats.text_groups, 3);
    cib_norm_free(&n);

    /* with the threshold above 0.6 the fox texts stay apart */
    cib_norm_options opt;
    cib_norm_options_init(&opt);
    opt.text_similarity = 0.7;
    assert_int_equal(cib_norm_build_with(&n, s, &opt, &err), 0);
    assert_true(n.text_key[0] != n.text_key[1]);
    cib_norm_free(&n);
    opt.text_similarity = 1.5;
    assert_int_equal(cib_norm_build_with(&n, s, &opt, &err), CIB_EUSAGE);
    cib_store_free(s);
}

/* Without a hashtag column, and when asked, the hashtag sets come from
 * the texts: "#A #b" and "#B x #a" are one set {a, b}; "#a" alone is
 * another; a '#' inside a word starts no tag. */
static void test_tagsets_from_text(void **state)
{
    (void)state;
    cib_store *s = cib_store_new();
    add(s, "a", 1, "#A #b");
    add(s, "b", 2, "#B x #a");
    add(s, "c", 3, "#a");
    add(s, "c", 4, "x#y");
    cib_norm n;
    cib_error err;
    /* not asked: no hashtag sets */
    assert_int_equal(cib_norm_build(&n, s, &err), 0);
    assert_false(n.stats.tags_from_text);
    assert_true(n.tagset_key[0] == 0);
    cib_norm_free(&n);
    cib_norm_options opt;
    cib_norm_options_init(&opt);
    opt.tags_from_text = true;
    assert_int_equal(cib_norm_build_with(&n, s, &opt, &err), 0);
    assert_true(n.stats.tags_from_text);
    assert_true(n.tagset_key[0] != 0 && n.tagset_key[0] == n.tagset_key[1]);
    assert_true(n.tagset_key[2] != 0 && n.tagset_key[2] != n.tagset_key[0]);
    assert_true(n.tagset_key[3] == 0);
    cib_norm_free(&n);
    cib_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_shingles),
        cmocka_unit_test(test_character_shingles),
        cmocka_unit_test(test_exact_jaccard_of_texts),
        cmocka_unit_test(test_minhash_against_exact),
        cmocka_unit_test(test_text_keys),
        cmocka_unit_test(test_tagsets_from_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
