/*
 * cli.h — the command line: one function per command, called by main with
 * the arguments after the command word (argv[0] is the command name).
 * Each returns the process exit status of CONTRACT.md (0 success, 1 usage,
 * 2 bad input, 3 I/O or resource error).  The CLI only parses options and
 * calls the stages; it holds no analysis of its own.
 */
#ifndef CIB_CLI_H
#define CIB_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/common.h"
#include "ingest/ingest.h"

int cib_cmd_detect(int argc, char **argv);
int cib_cmd_rhythm(int argc, char **argv);
int cib_cmd_synth(int argc, char **argv);
int cib_cmd_eval(int argc, char **argv);

/* Print err as "cibscan: FILE:LINE: message" on stderr and return the exit
 * status for its code. */
int cib_cli_fail(const cib_error *err);

/* Print a usage error on stderr ("cibscan: ...", then a hint to --help) and
 * return 1. */
int cib_cli_usage(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parse a non-negative integer option value; false when it is not one or
 * exceeds max. */
bool cib_cli_parse_u64(const char *s, uint64_t max, uint64_t *out);

/* Read every INPUT into store with opt, printing the rejected-row total on
 * stderr when there were any.  Returns an exit status (0 on success). */
int cib_cli_ingest(cib_store *store, char **inputs, int n_inputs,
                   const cib_ingest_options *opt, cib_ingest_stats *stats);

/* An output file written whole or not at all ("-" is stdout). */
typedef struct cib_atomic_file {
    const char *path;
    char tmp[4096];
    FILE *fp;
} cib_atomic_file;

/* Open path's temporary sibling for writing.  Returns 0 or CIB_EIO. */
int cib_atomic_open(cib_atomic_file *f, const char *path, cib_error *err);

/* Close; when status is 0 and every write succeeded, rename the file into
 * place, otherwise remove it.  Returns status, or CIB_EIO when the file
 * could not be completed. */
int cib_atomic_commit(cib_atomic_file *f, int status, cib_error *err);

#endif
