/*
 * fuzz_jsonl.c — JSON Lines (--format jsonl: tweets and activity objects)
 * on any bytes, through ingest and the analysis stages; see
 * fuzz_ingest.h for what is checked (stream control messages are no rows,
 * so rows = events + rejected still holds).
 */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest(data, size, CIB_FORMAT_JSONL, NULL);
    return 0;
}
