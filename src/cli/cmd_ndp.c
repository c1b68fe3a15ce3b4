/* interlayer ndp: neutron depth profiling from the command line.
 *   ndp simulate STACK [instrument] [--seed N] [-o SPECTRUM] [--json|--csv] [--plot FILE]
 *   ndp invert SPECTRUM --stack STACK [instrument] [--method ...] [--json|--csv] [--plot FILE]
 *   ndp operando DIR --stack STACK [--reference FILE] [--cycler FILE] -o OUTDIR
 *   ndp calibrate SPECTRUM --stack REFERENCE_STACK [instrument] [--json]
 *   ndp reactions [--json|--csv]
 *   ndp reduce FILE.yaml -o OUT.csv [--json]
 * A thin layer over the library: parsing, printing, files. This file holds the dispatch; each
 * verb is in its own file (cmd_ndp_<verb>.c), the help and the instrument options in
 * cmd_ndp_instrument.c, shared pieces in cmd_ndp_common.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/cmd_ndp_reduce.h"

static const cli_subcommand verbs[] = {
    {"simulate", cli_ndp_simulate},   {"invert", cli_ndp_invert},
    {"operando", cli_ndp_operando},   {"calibrate", cli_ndp_calibrate},
    {"reactions", cli_ndp_reactions}, {"reduce", cli_ndp_reduce},
};

/* Not cli_group: without a verb a one-line usage, since the full help is a page long. */
int cli_cmd_ndp(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage(
            "usage: interlayer ndp simulate|invert|operando|calibrate|reactions|reduce ...");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(cli_ndp_help_text, stdout);
        return CLI_EXIT_OK;
    }
    return cli_dispatch("ndp", verbs, sizeof verbs / sizeof verbs[0], argc, argv);
}
