/* interlayer iba: ion-beam analysis. This file only dispatches to the verbs, one per file:
 * cmd_iba_kinematics.c, cmd_iba_simulate.c, cmd_iba_fit.c; what they share is in cmd_iba_common.c. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"

static const char usage[] =
    "usage: interlayer iba VERB [ARGS...]\n\nverbs:\n"
    "  kinematics  K factor, surface energies and depth scale of every element\n"
    "  simulate    RBS/EBS, ERDA or NRA spectrum of a stack\n"
    "  pige        particle-induced gamma-ray yields per layer (7Li 478 keV)\n"
    "  fit         thicknesses, compositions, calibration fitted to measured spectra\n"
    "Run 'interlayer iba VERB --help' for the options of a verb.\n";

static const cli_subcommand verbs[] = {
    {"kinematics", cli_iba_kinematics},
    {"simulate", cli_iba_simulate},
    {"pige", cli_iba_pige},
    {"fit", cli_iba_fit},
};

int cli_cmd_iba(int argc, char **argv)
{
    return cli_group("iba", usage, verbs, sizeof verbs / sizeof verbs[0], argc, argv);
}
