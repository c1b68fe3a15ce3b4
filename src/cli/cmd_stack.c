/* interlayer stack: not yet implemented. */
#include "cli/cli.h"

int il_cmd_stack(int argc, char **argv)
{
    (void)argc;
    return il_cli_usage("'%s' is not implemented yet", argv[0]);
}
