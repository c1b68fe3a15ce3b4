/* interlayer refl validate: the ORSO reflectivity validation suite, case by case. */
#include <stdio.h>
#include <string.h>

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

int cli_refl_validate(int argc, char **argv)
{
    cli_out out = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer refl validate [--csv|--json] [-o FILE]\n"
                   "  runs the 8 unpolarised cases of the ORSO reflectivity validation suite\n"
                   "  (embedded) and prints the worst relative error of each against its\n"
                   "  tolerance; exit code 1 when any case fails\n");
            return CLI_EXIT_OK;
        }
        if ((r = cli_out_parse(argc, argv, &i, &out))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        return cli_usage("refl validate: unexpected argument '%s'", argv[i]);
    }
    il_refl_validation v[IL_REFL_ORSO_CASES];
    il_error err;
    if (il_refl_validate(v, &err))
        return cli_fail(&err);
    cli_table *t = cli_table_new(validate_columns, sizeof validate_columns / sizeof *validate_columns);
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
    int rc = cli_out_emit(&out, t, NULL);
    cli_table_free(t);
    if (rc)
        return rc;
    if (!all) {
        fprintf(stderr, "interlayer: refl validate: some ORSO cases are outside tolerance\n");
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}
