/*
 * test_fold.c — text folded for near-duplicate comparison
 * (src/normalize/fold.c): links, mentions and the retweet mark dropped,
 * Arabic-script letters unified, the text reduced to its words.  Each
 * expectation is worked out from the rules in normalize.h
 * (cib_text_fold); code points are written as UTF-8 escapes with their
 * names beside them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normalize/normalize.h"

static void check(const char *in, const char *want)
{
    char *out = NULL;
    size_t n = 99;
    assert_int_equal(cib_text_fold(in, strlen(in), &out, &n), CIB_OK);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    free(out);
}

/* Case, punctuation and spacing do not make a different message; '#' is
 * punctuation too, so "#KochFarms" is the word "kochfarms". */
static void test_words(void **state)
{
    (void)state;
    check("Thanks #KochFarms, for ruining   our traditions!!!",
          "thanks kochfarms for ruining our traditions");
    check("can't", "can t");
    check("snake_case stays", "snake_case stays");
    check("  ", "");
}

/* Links differ per copy (a fresh t.co link each time), mentions are who
 * it is sent to, and "RT @x:" is the retweet wrapper: all go. */
static void test_links_and_mentions(void **state)
{
    (void)state;
    check("RT @nysHealth: Poisoned #turkey https://t.co/AbC123 www.x.org/p",
          "poisoned turkey");
    check("see:https://t.co/x now", "see now");
    check("mail me@home", "mail me home");
    /* "rt" is dropped only as the first word */
    check("art rt of", "art rt of");
    check("pic.twitter.com/abc wow", "wow");
}

/* Each emoji (a symbol, So) is a word of its own; other symbols and
 * punctuation separate words. */
static void test_symbols(void **state)
{
    (void)state;
    /* U+1F600 grinning face, twice, glued to a word */
    check("ok\xF0\x9F\x98\x80\xF0\x9F\x98\x80", "ok \xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
}

/* Arabic: the same word typed with and without harakat and tatweel.
 * "كتاب" (kaf teh alef beh, "book"); with fatha U+064E after kaf and a
 * tatweel U+0640 after teh it must fold to the same letters. */
static void test_arabic_diacritics_and_tatweel(void **state)
{
    (void)state;
    check("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x80\xD8\xA7\xD8\xA8",
          "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8");
    /* alef with hamza above U+0623 and below U+0625 are bare alef U+0627:
     * "أحمد" and "احمد" */
    check("\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF", "\xD8\xA7\xD8\xAD\xD9\x85\xD8\xAF");
    check("\xD8\xA5", "\xD8\xA7");
    /* teh marbuta U+0629 is heh U+0647: "مدرسة" -> "مدرسه" */
    check("\xD9\x85\xD8\xAF\xD8\xB1\xD8\xB3\xD8\xA9",
          "\xD9\x85\xD8\xAF\xD8\xB1\xD8\xB3\xD9\x87");
    /* alef maksura U+0649 is yeh U+064A: "على" -> "علي" */
    check("\xD8\xB9\xD9\x84\xD9\x89", "\xD8\xB9\xD9\x84\xD9\x8A");
}

/* Persian: "ایران" typed on a Persian keyboard (Farsi yeh U+06CC) and on
 * an Arabic one (yeh U+064A) is one word; likewise keheh U+06A9 and kaf
 * U+0643 in "کشور" ("country").  Both fold to the Arabic letters. */
static void test_persian_letters(void **state)
{
    (void)state;
    const char *persian_iran = "\xD8\xA7\xDB\x8C\xD8\xB1\xD8\xA7\xD9\x86";
    const char *arabic_iran = "\xD8\xA7\xD9\x8A\xD8\xB1\xD8\xA7\xD9\x86";
    check(persian_iran, arabic_iran);
    check(arabic_iran, arabic_iran);
    check("\xDA\xA9\xD8\xB4\xD9\x88\xD8\xB1", "\xD9\x83\xD8\xB4\xD9\x88\xD8\xB1");
    /* Persian digits U+06F1 U+06F4 and Arabic-Indic U+0661 U+0664: "14" */
    check("\xDB\xB1\xDB\xB4", "14");
    check("\xD9\xA1\xD9\xA4", "14");
    /* ZWNJ U+200C inside "می‌خواهم" is default-ignorable and goes (NFKC
     * casefold); Farsi yeh becomes yeh */
    check("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85",
          "\xD9\x85\xD9\x8A\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85");
}

/* Presentation forms (U+FEE1 meem isolated) are NFKC-compatible with the
 * base letter U+0645. */
static void test_arabic_presentation_forms(void **state)
{
    (void)state;
    check("\xEF\xBB\xA1", "\xD9\x85");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    char *out = (char *)1;
    size_t n;
    assert_int_equal(cib_text_fold("a\xFF", 2, &out, &n), CIB_EINPUT);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_links_and_mentions),
        cmocka_unit_test(test_symbols),
        cmocka_unit_test(test_arabic_diacritics_and_tatweel),
        cmocka_unit_test(test_persian_letters),
        cmocka_unit_test(test_arabic_presentation_forms),
        cmocka_unit_test(test_invalid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
