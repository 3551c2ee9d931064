/*
 * fuzz_url.c — the URL canonicaliser and host extractor
 * (src/normalize/url.c) on any bytes.
 *
 * The first byte picks an output size 0..255, so truncation runs too; the
 * rest is the URL.  Properties: nothing is written past the output
 * (AddressSanitizer sees it: the buffer is malloc'ed to the exact size),
 * the result is NUL-terminated at the returned length, which is below the
 * size; for a URL ingest can store (valid UTF-8, no NUL) the untruncated
 * canonical form is a fixed point (canonicalising twice changes nothing,
 * or two shares of one link could get two keys);
 * and a truncated result is a prefix of the full one.
 */
#include <string.h>

#include "fuzz_util.h"
#include "ingest/values.h"
#include "normalize/normalize.h"

static void check_out(const char *what, const char *out, size_t n, size_t len)
{
    if (n == 0) {
        FUZZ_CHECK(len == 0, "%s: wrote %zu bytes into nothing", what, len);
        return;
    }
    FUZZ_CHECK(len < n, "%s: length %zu for size %zu", what, len, n);
    FUZZ_CHECK(out[len] == '\0', "%s: not NUL-terminated", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    size_t n = data[0];
    size_t len = size - 1;
    char *url = malloc(len ? len : 1);
    char *small = malloc(n ? n : 1);
    /* percent-encoding can triple a byte; room for more, so the full
     * form is never cut */
    size_t full_n = 4 * len + 64;
    char *full = malloc(full_n), *again = malloc(full_n);
    FUZZ_CHECK(url && small && full && again, "out of memory");
    memcpy(url, data + 1, len);

    size_t k = cib_url_canonical(url, len, n ? small : NULL, n);
    check_out("canonical", small, n, k);
    size_t kf = cib_url_canonical(url, len, full, full_n);
    check_out("canonical", full, full_n, kf);
    /* the bound src/normalize/norm.c sizes its buffer by: a raw byte
     * becomes at most a 3-byte escape, plus a few for an added '/' */
    FUZZ_CHECK(kf < 3 * len + 16, "canonical form of %zu bytes is %zu",
               len, kf);
    FUZZ_CHECK(k <= kf && memcmp(small, full, k) == 0,
               "truncated form is not a prefix of the full one");
    /* what ingest can hand over (valid UTF-8, no NUL) must canonicalise
     * to a fixed point */
    if (ingest_utf8_check(url, len) == UTF8_OK) {
        size_t k2 = cib_url_canonical(full, kf, again, full_n);
        FUZZ_CHECK(k2 == kf && memcmp(full, again, kf) == 0,
                   "canonical form is not a fixed point");
    }

    size_t h = cib_url_host(url, len, n ? small : NULL, n);
    check_out("host", small, n, h);
    size_t hf = cib_url_host(url, len, full, full_n);
    check_out("host", full, full_n, hf);
    FUZZ_CHECK(h <= hf && memcmp(small, full, h) == 0,
               "truncated host is not a prefix of the full one");

    free(url);
    free(small);
    free(full);
    free(again);
    return 0;
}
