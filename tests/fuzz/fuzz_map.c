/*
 * fuzz_map.c — any CSV read through a column map (--map): the first line
 * of the input is the map argument (FIELD=COLUMN,...), the rest the CSV,
 * read with --format auto so the header decides the rest.  Fuzzes
 * cib_ingest_parse_map and the layout built from it, then ingest and the
 * analysis stages as fuzz_ingest.h says.
 */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (nl == NULL)
        return 0;
    size_t spec_n = (size_t)(nl - data);
    char *spec = malloc(spec_n + 1);
    FUZZ_CHECK(spec != NULL, "out of memory");
    memcpy(spec, data, spec_n);
    spec[spec_n] = '\0'; /* a NUL inside ends the argument, as in argv */
    fuzz_ingest(nl + 1, size - spec_n - 1, CIB_FORMAT_AUTO, spec);
    free(spec);
    return 0;
}
