/* interlayer cell simulate: run a protocol on a cell and write what happened (cell_io.h). */
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_cell_common.h"
#include "interlayer/cell_io.h"

typedef struct {
    cli_cell_run_args run;
    const char *cell[1];
} simulate_args;

static const cli_verb simulate_verb = {
    .name = "cell simulate",
    .help = "usage: interlayer cell simulate CELL.yaml (--protocol TEXT | --cycler FILE)\n"
            "                                [--save-every 10min] [--sample-every 60s]\n"
            "                                [--volumes 20] -o DIR\n"
            "  CELL.yaml: a cell parameter file (examples/cell/).\n"
            "  --protocol: steps separated by ';', groups 'N x (...)':\n"
            "    'Charge at 10 uA/cm2 until 4.2 V; Hold at 4.2 V until 1 uA/cm2;\n"
            "     Rest for 1 hour; Discharge at C/5 until 3.0 V'\n"
            "  --cycler: replay the current of a Battery Data Format CSV record.\n"
            "  --save-every: save the full state (a stack file) this often.\n"
            "  Writes timeseries.csv, ledger.csv, cycles.csv, summary.json, states/, and\n"
            "  voltage.svg, current.svg, thickness.svg, ledger.svg into DIR.\n",
    CLI_SETS(CLI_SET(cli_cell_run_options, offsetof(simulate_args, run))),
    CLI_POSITIONAL(simulate_args, cell),
    .unknown = "unknown option",
};

int cli_cell_simulate(int argc, char **argv)
{
    simulate_args a = {0};
    CLI_PARSE_OR_RETURN(&simulate_verb, argc, argv, &a);
    il_cell_result *r = NULL;
    const char *text = NULL;
    rc = cli_cell_load_and_run("cell simulate", a.cell[0], &a.run, &r, &text);
    if (rc)
        return rc;
    il_error err;
    if (il_cell_write(a.run.output, r, text, &err))
        rc = cli_fail(&err);
    else
        cli_cell_report(r, a.run.output);
    il_cell_result_free(r);
    return rc;
}
