/* interlayer refl validate: the ORSO reflectivity validation suite, case by case. */
#include <stdio.h>
#include <stddef.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"
#include "cli/output.h"
#include "interlayer/refl.h"

static const cli_column validate_columns[] = {
    {"test", "ORSO test", "%.0f"},
    {"slabs", "slabs", "%.0f"},
    {"points", "points", "%.0f"},
    {"smeared", "smeared", NULL},
    {"worst_relative_error", "worst rel. error", "%.3g"},
    {"tolerance", "tolerance", "%.0e"},
    {"result", "result", NULL},
};

typedef struct {
    cli_out out;
} validate_args;

static const cli_verb validate_verb = {
    .name = "refl validate",
    .help = "usage: interlayer refl validate [--csv|--json] [-o FILE]\n"
            "  runs the 8 unpolarised cases of the ORSO reflectivity validation suite\n"
            "  (embedded) and prints the worst relative error of each against its\n"
            "  tolerance; exit code 1 when any case fails\n",
    CLI_SETS(CLI_OUT_SET(validate_args)),
    .unknown = "unexpected argument",
};

int cli_refl_validate(int argc, char **argv)
{
    validate_args a = {0};
    CLI_PARSE_OR_RETURN(&validate_verb, argc, argv, &a);
    il_refl_validation v[IL_REFL_ORSO_CASES];
    il_error err;
    if (il_refl_validate(v, &err))
        return cli_fail(&err);
    cli_table *t = cli_table_new(validate_columns, CLI_COUNT(validate_columns));
    int all = 1;
    for (int k = 0; k < IL_REFL_ORSO_CASES; k++) {
        long r = cli_table_add_row(t);
        cli_table_set_num(t, r, 0, v[k].test);
        cli_table_set_num(t, r, 1, (double)v[k].nslabs);
        cli_table_set_num(t, r, 2, (double)v[k].npoints);
        cli_table_set_text(t, r, 3, v[k].smeared ? "yes" : "no");
        cli_table_set_num(t, r, 4, v[k].worst_rel_error);
        cli_table_set_num(t, r, 5, v[k].tolerance);
        cli_table_set_text(t, r, 6, v[k].pass ? "pass" : "FAIL");
        all &= v[k].pass;
    }
    rc = cli_out_emit(&a.out, t, NULL);
    cli_table_free(t);
    if (rc)
        return rc;
    if (!all) {
        fprintf(stderr, "interlayer: refl validate: some ORSO cases are outside tolerance\n");
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}
