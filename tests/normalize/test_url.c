/*
 * test_url.c — the first canonical form of a URL and its host
 * (src/normalize/url.c).  Each expectation follows from the rule in
 * normalize.h: scheme and host lower-cased, path kept, fragment and
 * tracking parameters removed, other parameters kept in order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "normalize/normalize.h"

static void check_canonical(const char *in, const char *want)
{
    char out[256];
    size_t n = cib_url_canonical(in, strlen(in), out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void check_host(const char *in, const char *want)
{
    char out[256];
    size_t n = cib_url_host(in, strlen(in), out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

/* Scheme and host fold case; the path is case-sensitive (RFC 3986 6.2.2.1)
 * and stays as written. */
static void test_case_of_scheme_and_host_only(void **state)
{
    (void)state;
    check_canonical("HTTPS://Example.COM/Path/To", "https://example.com/Path/To");
    /* userinfo keeps its case; the port is part of host:port */
    check_canonical("http://User@Host.COM:8080/A", "http://User@host.com:8080/A");
}

static void test_fragment_removed(void **state)
{
    (void)state;
    check_canonical("https://a.org/p?x=1#Top", "https://a.org/p?x=1");
    check_canonical("https://a.org/p#", "https://a.org/p");
    /* a '?' after '#' belongs to the fragment */
    check_canonical("https://a.org/#frag?utm_source=x", "https://a.org/");
}

/* utm_*, fbclid and gclid go; id and ref stay, in their order. */
static void test_tracking_parameters_removed(void **state)
{
    (void)state;
    check_canonical(
        "http://a.org/p?utm_source=tw&id=5&utm_medium=social&fbclid=abc&ref=x&gclid=9",
        "http://a.org/p?id=5&ref=x");
    check_canonical("http://a.org/p?b=2&a=1", "http://a.org/p?b=2&a=1");
    /* nothing left: the '?' goes too */
    check_canonical("http://a.org/p?utm_source=tw&FBCLID=1", "http://a.org/p");
    /* a parameter merely containing "utm_" or "gclid" is not tracking */
    check_canonical("http://a.org/?xutm_a=1&gclid2=3", "http://a.org/?xutm_a=1&gclid2=3");
}

/* Opaque ids of anonymised data and scheme-less values stay as they are. */
static void test_not_a_url_unchanged(void **state)
{
    (void)state;
    check_canonical("1234", "1234");
    check_canonical("Example.COM/Path#x", "Example.COM/Path#x");
    check_canonical("mailto:Bob@Example.com", "mailto:Bob@Example.com");
    check_canonical("", "");
}

/* A buffer of 10 bytes holds 9 bytes and the NUL. */
static void test_truncation(void **state)
{
    (void)state;
    char out[10];
    const char *in = "HTTP://EXAMPLE.COM/x";
    assert_int_equal(cib_url_canonical(in, strlen(in), out, sizeof out), 9);
    assert_string_equal(out, "http://ex");
}

static void test_host(void **state)
{
    (void)state;
    check_host("https://WWW.Example.com:443/x", "example.com");
    check_host("http://user:pw@Sub.Example.org/", "sub.example.org");
    check_host("http://[::1]:80/", "[::1]");
    check_host("http://example.com./a", "example.com");
    check_host("1234", "");
    check_host("file:///etc/passwd", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_of_scheme_and_host_only),
        cmocka_unit_test(test_fragment_removed),
        cmocka_unit_test(test_tracking_parameters_removed),
        cmocka_unit_test(test_not_a_url_unchanged),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
