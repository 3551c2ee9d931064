/*
 * main.c — entry point: dispatch the command word to its cli function.
 * Process-wide library set-up (igraph's error handler) happens here and
 * nowhere else, since it is global state.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <igraph.h>

#include "cli.h"

#ifndef CIBSCAN_VERSION
#define CIBSCAN_VERSION CIB_VERSION
#endif

static const char USAGE[] =
    "usage: cibscan COMMAND [options]\n"
    "\n"
    "Find coordinated inauthentic behaviour in social-media activity.\n"
    "\n"
    "commands:\n"
    "  detect [options] INPUT...      find coordinated networks, write a report\n"
    "  rhythm [options] INPUT...      activity rhythm and time zone of groups\n"
    "  synth  [options]               simulated activity with planted networks\n"
    "  eval   --truth T ACCOUNTS_CSV  score clusters against ground truth\n"
    "\n"
    "  cibscan COMMAND --help         options of one command\n"
    "  cibscan --version\n";

static const struct {
    const char *name;
    int (*run)(int, char **);
} COMMANDS[] = {
    {"detect", cib_cmd_detect},
    {"rhythm", cib_cmd_rhythm},
    {"synth", cib_cmd_synth},
    {"eval", cib_cmd_eval},
};

/* What a command printed on stdout (a table, JSON, the tally) must have
 * reached it: a full disk or closed pipe is an I/O error (exit 3), not a
 * success. */
static int finish_stdout(int status)
{
    if (status != 0) /* the command has said what went wrong */
        return status;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "cibscan: -: cannot write standard output: %s\n",
                errno ? strerror(errno) : "write failed");
        return 3;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return 1;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("cibscan %s\n", CIBSCAN_VERSION);
        return 0;
    }
    /* igraph's default handler aborts the process; the stages check every
     * igraph return code themselves and report it as a cib_error. */
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);

    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0)
            return finish_stdout(COMMANDS[i].run(argc - 1, argv + 1));
    fprintf(stderr, "cibscan: unknown command '%s'\n\n%s", argv[1], USAGE);
    return 1;
}
