/*
 * fuzz_text.c — the text normaliser (src/normalize/text.c) on any bytes.
 *
 * Properties: valid UTF-8 without NUL (what ingest lets through) is
 * always normalised, and invalid UTF-8 is refused with CIB_EINPUT; the
 * result is valid UTF-8 with no space at either end, no two spaces in a
 * row and no longer white space than one ' '; and normalising twice
 * changes nothing (NFKC_Casefold is closed under itself, UAX #44), or two
 * copies of one text could get two keys.
 */
#include <string.h>

#include "common/common.h"
#include "fuzz_util.h"
#include "ingest/values.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL, "out of memory");
    if (size)
        memcpy(text, data, size);
    int utf8 = ingest_utf8_check(text, size);
    char *out = NULL;
    size_t n = 0;
    int rc = cib_text_normalize_checked(text, size, &out, &n);
    if (utf8 == UTF8_OK)
        FUZZ_CHECK(rc == CIB_OK, "valid UTF-8 refused (%d)", rc);
    if (utf8 == UTF8_INVALID)
        FUZZ_CHECK(rc == CIB_EINPUT, "invalid UTF-8 accepted (%d)", rc);
    if (rc == CIB_OK) {
        FUZZ_CHECK(out != NULL && out[n] == '\0', "result unterminated");
        if (utf8 == UTF8_OK)
            FUZZ_CHECK(ingest_utf8_check(out, n) == UTF8_OK,
                       "result is not UTF-8");
        FUZZ_CHECK(n == 0 || (out[0] != ' ' && out[n - 1] != ' '),
                   "result not trimmed");
        FUZZ_CHECK(memmem(out, n, "  ", 2) == NULL, "two spaces in a row");
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(!(out[i] >= '\t' && out[i] <= '\r'),
                       "ASCII white space other than ' ' at %zu", i);
        char *again = NULL;
        size_t n2 = 0;
        FUZZ_CHECK(cib_text_normalize_checked(out, n, &again, &n2) == CIB_OK,
                   "result refused");
        FUZZ_CHECK(n2 == n && memcmp(out, again, n) == 0,
                   "normalising twice changes the text");
        free(again);
    } else {
        FUZZ_CHECK(out == NULL, "failure with a result");
    }
    free(out);
    free(text);
    return 0;
}
