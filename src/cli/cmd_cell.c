/* interlayer cell: the evolving thin-film cell. This file only dispatches to the verbs:
 * cmd_cell_simulate.c and cmd_cell_twin.c; what they share is in cmd_cell_common.c. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_cell_common.h"

static const char usage[] =
    "usage: interlayer cell VERB [ARGS...]\n\nverbs:\n"
    "  simulate   run a cycling protocol on a cell: V(t), I(t), capacity per cycle,\n"
    "             interlayer thickness and resistance, the Li ledger, saved states\n"
    "  twin       the same, plus the synthetic NDP spectra of the saved states and the\n"
    "             cycler record, as 'ndp operando' reads them\n"
    "  anneal     interdiffusion of an element or isotope through an annealing\n"
    "             programme; writes the annealed stack\n"
    "Run 'interlayer cell VERB --help' for the options of a verb.\n";

static const cli_subcommand verbs[] = {
    {"simulate", cli_cell_simulate},
    {"twin", cli_cell_twin},
    {"anneal", cli_cell_anneal},
};

int cli_cmd_cell(int argc, char **argv)
{
    return cli_group("cell", usage, verbs, sizeof verbs / sizeof verbs[0], argc, argv);
}
