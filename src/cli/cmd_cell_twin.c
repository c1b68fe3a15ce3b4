/* interlayer cell twin: (not yet) */
#include "cli/cli.h"
#include "cli/cmd_cell_common.h"

int cli_cell_twin(int argc, char **argv)
{
    (void)argc, (void)argv;
    return cli_usage("cell twin: not built yet");
}
