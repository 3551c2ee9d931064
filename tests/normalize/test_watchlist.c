/*
 * test_watchlist.c — watched domains and URLs (src/normalize/watchlist.c):
 * defanged entries, the two file layouts (a plain list, Meta's indicator
 * CSVs), and what a shared link matches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "normalize/normalize.h"

static int64_t match(const cib_watchlist *wl, const char *url)
{
    return cib_watchlist_match(wl, url, strlen(url));
}

static int add(cib_watchlist *wl, const char *e)
{
    return cib_watchlist_add(wl, e, strlen(e));
}

/* "bild[.]pics" is the domain bild.pics; hxxps and [:] are https and ':'.
 * A domain matches its subdomains, not a longer name ending alike. */
static void test_defanged_domains(void **state)
{
    (void)state;
    cib_watchlist *wl = cib_watchlist_new();
    assert_int_equal(add(wl, "bild[.]pics"), CIB_OK);
    assert_int_equal(add(wl, "  WELT(.)tours "), CIB_OK);
    assert_int_equal(match(wl, "https://bild.pics/politik/1"), 0);
    assert_int_equal(match(wl, "http://www.bild.pics"), 0);
    assert_int_equal(match(wl, "https://news.bild.pics/x"), 0);
    assert_int_equal(match(wl, "https://welt.tours/"), 1);
    assert_int_equal(match(wl, "https://notbild.pics/"), -1);
    assert_int_equal(match(wl, "https://bild.de/"), -1);
    /* not a URL at all */
    assert_int_equal(match(wl, "bild.pics"), -1);
    assert_string_equal(cib_watchlist_entry(wl, 0), "bild.pics");
    cib_watchlist_free(wl);
}

/* URL entries match the link and its continuations, whatever the scheme,
 * the www. prefix or tracking parameters of the share. */
static void test_url_entries(void **state)
{
    (void)state;
    cib_watchlist *wl = cib_watchlist_new();
    assert_int_equal(add(wl, "hxxps[:]//t[.]me/libera_Italia"), CIB_OK);
    assert_int_equal(add(wl, "medium.com/@someone"), CIB_OK); /* no scheme */
    assert_int_equal(match(wl, "https://t.me/libera_Italia"), 0);
    assert_int_equal(match(wl, "http://t.me/libera_Italia/123?utm_source=x"), 0);
    assert_int_equal(match(wl, "https://t.me/libera_Italia_2"), -1);
    assert_int_equal(match(wl, "https://t.me/"), -1);
    assert_int_equal(match(wl, "https://www.medium.com/@someone/a-post-1"), 1);
    /* a URL whose path is only "/" names the whole site: a domain */
    assert_int_equal(add(wl, "https://example[.]org/"), CIB_OK);
    assert_int_equal(match(wl, "https://a.example.org/page"), 2);
    cib_watchlist_stats st = cib_watchlist_get_stats(wl);
    assert_int_equal(st.urls, 2);
    assert_int_equal(st.domains, 1);
    cib_watchlist_free(wl);
}

/* Free text is neither: ignored and counted; a repeat is counted once. */
static void test_ignored_entries(void **state)
{
    (void)state;
    cib_watchlist *wl = cib_watchlist_new();
    assert_int_equal(add(wl, "7,704 Facebook accounts"), CIB_EINPUT);
    assert_int_equal(add(wl, "justaword"), CIB_EINPUT);
    assert_int_equal(add(wl, "a.org"), CIB_OK);
    assert_int_equal(add(wl, "A.ORG"), CIB_OK);
    cib_watchlist_stats st = cib_watchlist_get_stats(wl);
    assert_int_equal(st.ignored, 2);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(cib_watchlist_count(wl), 1);
    cib_watchlist_free(wl);
}

/* A plain list: one entry a line, '#' comments and blank lines skipped. */
static void test_plain_file(void **state)
{
    (void)state;
    char path[] = "/tmp/cibscan-watch-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# known sites\n\nevil[.]example\r\nhttps://good.example/bad/path\n"
          "not a domain\n", f);
    fclose(f);
    cib_watchlist *wl;
    cib_error err;
    assert_int_equal(cib_watchlist_load(&wl, path, &err), CIB_OK);
    cib_watchlist_stats st = cib_watchlist_get_stats(wl);
    assert_int_equal(st.domains, 1);
    assert_int_equal(st.urls, 1);
    assert_int_equal(st.ignored, 1);
    assert_int_equal(match(wl, "https://x.evil.example/"), 0);
    assert_int_equal(match(wl, "https://good.example/bad/path/more"), 1);
    assert_int_equal(match(wl, "https://good.example/other"), -1);
    cib_watchlist_free(wl);
    unlink(path);
    /* a missing file is an I/O error naming it */
    assert_int_equal(cib_watchlist_load(&wl, path, &err), CIB_EIO);
    assert_null(wl);
    assert_string_equal(err.file, path);
}

/* Meta's indicator files (data README section 8) load as watchlists; the
 * figures were checked with a Python script that refangs, classifies and
 * de-duplicates by the same rules.
 * 2022_09_cib_china_russia.csv: 350 rows in column indicator_value: 313
 * domain_name rows (2 repeated: 311 domains) and 37 URLs, one of which
 * ends at its host ("https://<host>/") and counts as a domain: 312
 * domains, 36 URLs, 2 repeats.
 * Q2_2023_doppelganger_russia.csv: 6,497 rows in column Indicator: 5,952
 * domains, 330 URLs, 4 free-text rows, 211 repeats.
 * Q2_2023_spamouflage_china.csv: 529 rows: 16 domains (15 of them URLs
 * ending at the host), 227 URLs, 279 rows of free text ("7,704 Facebook
 * accounts", article titles), 7 repeats. */
static void test_meta_files(void **state)
{
    (void)state;
    const char *shared = getenv("CIBSCAN_SHARED");
    if (shared == NULL)
        skip();
    char path[1024];
    cib_watchlist *wl;
    cib_error err;
    snprintf(path, sizeof path,
             "%s/meta_cib_indicators/2022_09_cib_china_russia.csv", shared);
    assert_int_equal(cib_watchlist_load(&wl, path, &err), CIB_OK);
    cib_watchlist_stats st = cib_watchlist_get_stats(wl);
    assert_int_equal(st.domains, 312);
    assert_int_equal(st.urls, 36);
    assert_int_equal(st.ignored, 0);
    assert_int_equal(st.duplicates, 2);
    /* bild.pics is a listed Doppelganger domain */
    assert_true(match(wl, "https://www.bild.pics/politik/article") >= 0);
    cib_watchlist_free(wl);

    snprintf(path, sizeof path,
             "%s/meta_cib_indicators/Q2_2023_doppelganger_russia.csv", shared);
    assert_int_equal(cib_watchlist_load(&wl, path, &err), CIB_OK);
    st = cib_watchlist_get_stats(wl);
    assert_int_equal(st.domains, 5952);
    assert_int_equal(st.urls, 330);
    assert_int_equal(st.ignored, 4);
    assert_int_equal(st.duplicates, 211);
    /* "artichoc[.]cc", the file's first indicator */
    assert_true(match(wl, "https://artichoc.cc/a") >= 0);
    cib_watchlist_free(wl);

    snprintf(path, sizeof path,
             "%s/meta_cib_indicators/Q2_2023_spamouflage_china.csv", shared);
    assert_int_equal(cib_watchlist_load(&wl, path, &err), CIB_OK);
    st = cib_watchlist_get_stats(wl);
    assert_int_equal(st.domains, 16);
    assert_int_equal(st.urls, 227);
    assert_int_equal(st.ignored, 279);
    assert_int_equal(st.duplicates, 7);
    cib_watchlist_free(wl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defanged_domains),
        cmocka_unit_test(test_url_entries),
        cmocka_unit_test(test_ignored_entries),
        cmocka_unit_test(test_plain_file),
        cmocka_unit_test(test_meta_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
