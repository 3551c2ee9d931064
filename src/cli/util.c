/*
 * util.c — what every command shares: error printing, number parsing and
 * reading the inputs into the store.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cib_cli_fail(const cib_error *err)
{
    char buf[1200];
    fprintf(stderr, "%s\n", cib_error_format(err, buf, sizeof buf));
    return cib_exit_status(err->code);
}

int cib_cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    fputs("cibscan: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'cibscan %s --help')\n", command);
    return 1;
}

bool cib_cli_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (s == NULL || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

int cib_cli_ingest(cib_store *store, char **inputs, int n_inputs,
                   const cib_ingest_options *opt, cib_ingest_stats *stats)
{
    int stdin_inputs = 0;
    for (int i = 0; i < n_inputs; i++)
        stdin_inputs += strcmp(inputs[i], "-") == 0;
    if (stdin_inputs > 1) {
        fprintf(stderr, "cibscan: standard input (-) is given %d times; it "
                "can be read once\n", stdin_inputs);
        return 1;
    }
    for (int i = 0; i < n_inputs; i++) {
        cib_error err = {0};
        uint64_t rows0 = stats->rows, events0 = stats->events;
        int rc = cib_ingest_file(store, inputs[i], opt, stats, &err);
        /* a file none of whose rows could be read is bad input, not an
         * empty result: most often the wrong --format or --map, and a
         * script must be able to tell it from "nothing found" */
        if (rc == CIB_OK && stats->rows > rows0 && stats->events == events0) {
            cib_error_set(&err, CIB_EINPUT,
                          strcmp(inputs[i], "-") ? inputs[i]
                                                 : "standard input", 0,
                          "none of its %llu rows could be read (the reasons "
                          "are above); is --format or --map right?",
                          (unsigned long long)(stats->rows - rows0));
            rc = CIB_EINPUT;
        }
        /* ingest says "out of memory" for any failed append; when a
         * store limit was the cause, say which one ran out */
        if (rc == CIB_ENOMEM && store->full != CIB_FULL_NONE)
            cib_store_failure(store, err.message, sizeof err.message);
        if (rc != CIB_OK)
            return cib_cli_fail(&err);
    }
    if (stats->rejected_rows)
        fprintf(stderr,
                "cibscan: %llu of %llu rows could not be read and were not "
                "used (input.rejected_rows in detect's report)\n",
                (unsigned long long)stats->rejected_rows,
                (unsigned long long)stats->rows);
    if (stats->skipped_lines)
        fprintf(stderr,
                "cibscan: %llu stream control messages (delete, limit, ...) "
                "were passed over\n",
                (unsigned long long)stats->skipped_lines);
    /* a row exported twice must not look like twice the activity */
    uint64_t dups = 0;
    if (cib_store_dedup(store, &dups) != CIB_OK) {
        cib_error err = {0};
        cib_error_set(&err, CIB_ENOMEM, NULL, 0,
                      "out of memory looking for duplicate rows");
        return cib_cli_fail(&err);
    }
    stats->duplicate_rows += dups;
    stats->events -= dups;
    if (dups)
        fprintf(stderr,
                "cibscan: %llu rows repeat an earlier row in every field "
                "cibscan reads and were counted once (input.duplicate_rows "
                "in detect's report)\n",
                (unsigned long long)dups);
    return 0;
}
