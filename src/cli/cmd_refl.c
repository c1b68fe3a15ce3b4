/* interlayer refl: neutron and X-ray reflectometry. This file only dispatches to the verbs, one
 * per file: cmd_refl_validate.c, cmd_refl_sld.c, cmd_refl_simulate.c, cmd_refl_fit.c; what they
 * share is in cmd_refl_common.c. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"

static const char usage[] =
    "usage: interlayer refl VERB [ARGS...]\n\nverbs:\n"
    "  validate   run the ORSO validation suite, print the worst error of each case\n"
    "  sld        SLD of each layer of a stack (neutron or X-ray)\n"
    "  simulate   reflectivity of a stack\n"
    "  fit        fit a model to reflectivity data\n"
    "Run 'interlayer refl VERB --help' for the options of a verb.\n";

static const cli_subcommand verbs[] = {
    {"validate", cli_refl_validate},
    {"sld", cli_refl_sld},
    {"simulate", cli_refl_simulate},
    {"fit", cli_refl_fit},
};

int cli_cmd_refl(int argc, char **argv)
{
    return cli_group("refl", usage, verbs, sizeof verbs / sizeof verbs[0], argc, argv);
}
