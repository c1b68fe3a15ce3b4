/* interlayer ndp: neutron depth profiling from the command line.
 *   ndp simulate STACK [instrument] [--seed N] [-o SPECTRUM] [--json|--csv] [--plot FILE]
 *   ndp invert SPECTRUM --stack STACK [instrument] [--method ...] [--json|--csv] [--plot FILE]
 *   ndp operando DIR --stack STACK [--reference FILE] [--cycler FILE] -o OUTDIR
 *   ndp calibrate SPECTRUM --stack REFERENCE_STACK [instrument] [--json]
 *   ndp reactions [--json|--csv]
 * A thin layer over the library: parsing, printing, files. This file holds the help and the
 * dispatch; each verb is in its own file (cmd_ndp_<verb>.c), shared pieces in cmd_ndp_common.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"

int cli_ndp_help(void)
{
    printf("usage: interlayer ndp VERB ...\n"
           "  simulate STACK [instrument] [--seed N] [-o FILE.spe|.n42|.csv] [--json|--csv]\n"
           "           [--plot FILE.svg] [--start ISO-TIME]  expected (and Poisson-sampled)\n"
           "           spectrum; --start stamps the acquisition start into the written file\n"
           "           [--profile FILE [--profile-kind linear|steps] [--profile-element Li]]\n"
           "           a depth profile (depth_nm, atoms/cm3 pairs) replacing the stack's own\n"
           "  invert SPECTRUM --stack STACK [instrument] [--method tikhonov|mlem|classic]\n"
           "           [--lambda gcv|discrepancy|lcurve] [--fit-interlayer DEPTH] [--no-systematic]\n"
           "           [--unconstrained] (allow negative concentrations) [--mlem-flat-start]\n"
           "           [--self-consistent N]  (N passes putting the Li found into the stopping)\n"
           "           [--json|--csv] [--plot FILE.svg]   Li depth profile and inventories\n"
           "  operando DIR --stack STACK [--reference FILE] [--cycler FILE] [--index FILE]\n"
           "           [--cell-area CM2] [--cathode N] -o OUTDIR   a time series of spectra\n"
           "  calibrate SPECTRUM --stack REFERENCE [instrument] [--json]\n"
           "           energy scale from the alpha and triton edges, fluence x solid angle\n"
           "  reactions [--json|--csv]        the nuclear data\n"
           "STACK: a YAML file, an inline \"Pt 50nm | LiCoO2 1um | Si\", or 'default'.\n\n%s",
           cli_ndp_instr_help);
    return CLI_EXIT_OK;
}

int cli_cmd_ndp(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc < 2) {
            cli_usage("usage: interlayer ndp simulate|invert|operando|calibrate|reactions ...");
            return CLI_EXIT_USAGE;
        }
        return cli_ndp_help();
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
    return cli_usage("ndp: unknown verb '%s' (simulate, invert, operando, calibrate, "
                        "reactions)",
                        v);
}
