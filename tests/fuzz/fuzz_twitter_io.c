/*
 * fuzz_twitter_io.c — a Twitter information-operation release CSV
 * (--format twitter-io) on any bytes, through ingest and the analysis
 * stages; see fuzz_ingest.h for what is checked.
 */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest(data, size, CIB_FORMAT_TWITTER_IO, NULL);
    return 0;
}
