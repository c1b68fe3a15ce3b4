/* interlayer ndp: neutron depth profiling from the command line.
 *   ndp simulate STACK [instrument] [--seed N] [-o SPECTRUM] [--json|--csv] [--plot FILE]
 *   ndp invert SPECTRUM --stack STACK [instrument] [--method ...] [--json|--csv] [--plot FILE]
 *   ndp operando DIR --stack STACK [--reference FILE] [--cycler FILE] -o OUTDIR
 *   ndp calibrate SPECTRUM --stack REFERENCE_STACK [instrument] [--json]
 *   ndp reactions [--json|--csv]
 * A thin layer over the library: parsing, printing, files. This file holds the dispatch; each
 * verb is in its own file (cmd_ndp_<verb>.c), the help and the instrument options in
 * cmd_ndp_instrument.c, shared pieces in cmd_ndp_common.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"

int cli_cmd_ndp(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc < 2) {
            cli_usage("usage: interlayer ndp simulate|invert|operando|calibrate|reactions ...");
            return CLI_EXIT_USAGE;
        }
        fputs(cli_ndp_help_text, stdout);
        return CLI_EXIT_OK;
    }
    const char *v = argv[1];
    if (strcmp(v, "simulate") == 0)
        return cli_ndp_simulate(argc - 1, argv + 1);
    if (strcmp(v, "invert") == 0)
        return cli_ndp_invert(argc - 1, argv + 1);
    if (strcmp(v, "operando") == 0)
        return cli_ndp_operando(argc - 1, argv + 1);
    if (strcmp(v, "calibrate") == 0)
        return cli_ndp_calibrate(argc - 1, argv + 1);
    if (strcmp(v, "reactions") == 0)
        return cli_ndp_reactions(argc - 1, argv + 1);
    return cli_usage("ndp: unknown verb '%s' (simulate, invert, operando, calibrate, reactions)",
                     v);
}
