/*
 * fuzz_activity.c — an activity CSV (--format activity) on any bytes,
 * through ingest and the analysis stages; see fuzz_ingest.h for what is
 * checked.
 */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest(data, size, CIB_FORMAT_ACTIVITY, NULL);
    return 0;
}
