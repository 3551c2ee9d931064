/*
 * fuzz_time.c — cib_parse_time (src/ingest/time.c) on any bytes.
 *
 * Properties: an accepted value lies in [1970-01-01, 2100-01-01) (the
 * documented range); surrounding white space changes nothing; and the
 * ISO 8601 form cibscan writes (cib_time_iso) parses back to the same
 * second, so every time the report shows can be read again.
 */
#include <string.h>

#include "common/common.h"
#include "fuzz_util.h"
#include "ingest/ingest.h"

#define TIME_END INT64_C(4102444800) /* 2100-01-01T00:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy: the parser must not read past n */
    char *s = calloc(size ? size : 1, 1);
    if (s == NULL)
        return 0;
    if (size)
        memcpy(s, data, size);
    int64_t t = -1;
    bool ok = cib_parse_time(s, size, &t);
    if (ok) {
        FUZZ_CHECK(t >= 0 && t < TIME_END, "time %lld out of range",
                   (long long)t);
        char iso[32];
        cib_time_iso(t, iso, sizeof iso);
        int64_t back = -1;
        FUZZ_CHECK(cib_parse_time(iso, strlen(iso), &back) && back == t,
                   "'%s' does not parse back to %lld", iso, (long long)t);
    }
    if (size < 4096) {
        char padded[4100];
        padded[0] = ' ';
        memcpy(padded + 1, s, size);
        padded[size + 1] = '\t';
        int64_t t2 = -1;
        bool ok2 = cib_parse_time(padded, size + 2, &t2);
        FUZZ_CHECK(ok2 == ok && (!ok || t2 == t),
                   "surrounding spaces change the result");
    }
    free(s);
    return 0;
}
