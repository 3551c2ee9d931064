/*
 * test_url.c — the canonical form of a URL and its host
 * (src/normalize/url.c).  Each expectation follows from the rules listed
 * in normalize.h: RFC 3986 syntax normalisation (case of scheme and host,
 * percent-encoding, dot segments), default ports, empty path and trailing
 * slash, tracking parameters, www/mobile/AMP variants, no fragment; other
 * parameters and the path's case are kept as written.
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

/* utm_*, fbclid, gclid and ref go (issue 5 names ref as tracking); id
 * stays, and the parameters left keep their order. */
static void test_tracking_parameters_removed(void **state)
{
    (void)state;
    check_canonical(
        "http://a.org/p?utm_source=tw&id=5&utm_medium=social&fbclid=abc&ref=x&gclid=9",
        "http://a.org/p?id=5");
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

/* The table of canonical forms: one line per rule, each with the reason
 * the expected value is right. */
static const struct {
    const char *in, *want;
} CASES[] = {
    /* RFC 3986 6.2.2.1: scheme and host are case-insensitive */
    {"HTTP://EXAMPLE.ORG/x", "http://example.org/x"},
    /* 6.2.2.2: %7E is the unreserved '~' and %41 the letter 'A': decoded */
    {"http://a.org/%7Euser/%41", "http://a.org/~user/A"},
    /* 6.2.2.2: other escapes stay, with upper-case hex ('/' is reserved) */
    {"http://a.org/a%2fb", "http://a.org/a%2Fb"},
    /* 6.2.2.3: dot segments are removed */
    {"http://a.org/a/./b/../c", "http://a.org/a/c"},
    /* 6.2.3: the default port of the scheme is dropped ... */
    {"http://a.org:80/x", "http://a.org/x"},
    {"https://a.org:443/x", "https://a.org/x"},
    /* ... an empty port too, and any other port stays */
    {"http://a.org:/x", "http://a.org/x"},
    {"https://a.org:8443/x", "https://a.org:8443/x"},
    /* 6.2.3: an empty path is "/" */
    {"http://a.org", "http://a.org/"},
    {"http://a.org?q=1", "http://a.org/?q=1"},
    /* a trailing slash names the same page on the web */
    {"http://a.org/news/", "http://a.org/news"},
    {"http://a.org/news//", "http://a.org/news"},
    /* an inner empty segment is part of the path */
    {"http://a.org/a//b", "http://a.org/a//b"},
    /* www, mobile and AMP hosts are variants of the site */
    {"https://www.bbc.co.uk/news", "https://bbc.co.uk/news"},
    {"https://m.facebook.com/story.php?id=1", "https://facebook.com/story.php?id=1"},
    {"https://mobile.twitter.com/a/status/1", "https://twitter.com/a/status/1"},
    {"https://amp.theguardian.com/world", "https://theguardian.com/world"},
    /* ... but "m." is a host of its own when nothing with a dot is left */
    {"http://m.co/x", "http://m.co/x"},
    /* an "amp" path segment first or last selects the AMP page */
    {"https://a.org/amp/story/1", "https://a.org/story/1"},
    {"https://a.org/story/1/amp/", "https://a.org/story/1"},
    /* ... a path that is only "amp" is not a variant of anything */
    {"https://a.org/amp", "https://a.org/amp"},
    /* the AMP query switches */
    {"https://a.org/s?amp=1", "https://a.org/s"},
    {"https://a.org/s?outputType=amp&p=2", "https://a.org/s?p=2"},
    /* Google's AMP viewer wraps the publisher's https page ... */
    {"https://www.google.com/amp/s/www.nytimes.com/2020/x.html",
     "https://nytimes.com/2020/x.html"},
    /* ... and the AMP cache; without "s/" the inner page is http */
    {"https://example-com.cdn.ampproject.org/c/s/example.com/a?amp=1",
     "https://example.com/a"},
    {"https://example-com.cdn.ampproject.org/v/example.com/a",
     "http://example.com/a"},
    /* click ids of the platforms */
    {"https://a.org/?gclid=1&msclkid=2&yclid=3&twclid=4", "https://a.org/"},
    /* Instagram and Mailchimp share ids */
    {"https://instagram.com/p/X/?igshid=abc", "https://instagram.com/p/X"},
    {"https://a.org/n?mc_cid=1&mc_eid=2&x=y", "https://a.org/n?x=y"},
    /* X's ref_src and YouTube's si are per-share; t (a time offset) is not */
    {"https://twitter.com/a/status/1?ref_src=twsrc", "https://twitter.com/a/status/1"},
    {"https://youtu.be/abc?si=XYZ&t=30", "https://youtu.be/abc?t=30"},
    /* tracking names are matched case-insensitively, values are not */
    {"https://a.org/?UTM_Source=x&Q=Y", "https://a.org/?Q=Y"},
    /* empty parameters are dropped */
    {"https://a.org/?a=1&&b=2&", "https://a.org/?a=1&b=2"},
    /* a raw space and raw UTF-8 are percent-encoded (WHATWG URL), so they
     * meet their encoded spelling */
    {"http://a.org/p q", "http://a.org/p%20q"},
    {"http://a.org/\xC3\xA9", "http://a.org/%C3%A9"},
    {"http://a.org/%c3%a9", "http://a.org/%C3%A9"},
    /* a stray '%' is a literal percent sign */
    {"http://a.org/100%", "http://a.org/100%25"},
    /* IPv6 literals keep their brackets; the default port goes */
    {"http://[::1]:80/", "http://[::1]/"},
    /* a trailing dot of a fully qualified host is dropped */
    {"http://a.org./x", "http://a.org/x"},
    /* uriparser rejects a broken IPv6 literal: the hand split keeps it */
    {"HTTP://[bad/x?utm_source=1", "http://[bad/x"},
    /* not URLs: left as they are */
    {"www.example.com/x?utm_source=y", "www.example.com/x?utm_source=y"},
};

static void test_case_table(void **state)
{
    (void)state;
    assert_true(sizeof CASES / sizeof *CASES >= 30);
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const char *in = CASES[i].in;
        char out[256];
        size_t n = cib_url_canonical(in, strlen(in), out, sizeof out);
        if (strcmp(out, CASES[i].want) != 0)
            fail_msg("case %zu: %s -> %s, want %s", i, CASES[i].in, out,
                     CASES[i].want);
        assert_int_equal(n, strlen(CASES[i].want));
    }
}

/* Canonical forms are fixed points: canonicalising one again changes
 * nothing (otherwise two spellings could meet only sometimes). */
static void test_idempotent(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char once[256], twice[256];
        const char *in = CASES[i].in;
        cib_url_canonical(in, strlen(in), once, sizeof once);
        cib_url_canonical(once, strlen(once), twice, sizeof twice);
        if (strcmp(once, twice) != 0)
            fail_msg("case %zu: %s -> %s -> %s", i, CASES[i].in, once, twice);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_table),
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_case_of_scheme_and_host_only),
        cmocka_unit_test(test_fragment_removed),
        cmocka_unit_test(test_tracking_parameters_removed),
        cmocka_unit_test(test_not_a_url_unchanged),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
