/*
 * cmd_rhythm.c — `cibscan rhythm`: placeholder until the rhythm stage's
 * command lands (issue 3); detect already reports each cluster's rhythm.
 */
#include "cli.h"

int cib_cmd_rhythm(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cib_cli_usage("rhythm", "the rhythm command is not built yet; "
                         "detect reports each cluster's rhythm");
}
