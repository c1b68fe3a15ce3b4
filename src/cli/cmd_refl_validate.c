/* interlayer refl validate: the ORSO reflectivity validation suite, case by case. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"
#include "cli/output.h"
#include "interlayer/refl.h"

static const il_column validate_columns[] = {
    {"test", "ORSO test", "%.0f"},
    {"slabs", "slabs", "%.0f"},
    {"points", "points", "%.0f"},
    {"smeared", "smeared", NULL},
    {"worst_relative_error", "worst rel. error", "%.3g"},
    {"tolerance", "tolerance", "%.0e"},
    {"result", "result", NULL},
};

int refl_cmd_validate(int argc, char **argv)
{
    il_out_opts out = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer refl validate [--csv|--json] [-o FILE]\n"
                   "  runs the 8 unpolarised cases of the ORSO reflectivity validation suite\n"
                   "  (embedded) and prints the worst relative error of each against its\n"
                   "  tolerance; exit code 1 when any case fails\n");
            return IL_EXIT_OK;
        }
        if ((r = il_out_parse(argc, argv, &i, &out))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        return il_cli_usage("refl validate: unexpected argument '%s'", argv[i]);
    }
    il_refl_validation v[IL_REFL_ORSO_CASES];
    il_error err;
    if (il_refl_validate(v, &err))
        return il_cli_fail(&err);
    il_table *t = il_table_new(validate_columns, sizeof validate_columns / sizeof *validate_columns);
    int all = 1;
    for (int k = 0; k < IL_REFL_ORSO_CASES; k++) {
        long r = il_table_add_row(t);
        il_table_set_num(t, r, 0, v[k].test);
        il_table_set_num(t, r, 1, (double)v[k].nslabs);
        il_table_set_num(t, r, 2, (double)v[k].npoints);
        il_table_set_text(t, r, 3, v[k].smeared ? "yes" : "no");
        il_table_set_num(t, r, 4, v[k].worst_rel_error);
        il_table_set_num(t, r, 5, v[k].tolerance);
        il_table_set_text(t, r, 6, v[k].pass ? "pass" : "FAIL");
        all &= v[k].pass;
    }
    int rc = il_out_emit(&out, t, NULL);
    il_table_free(t);
    if (rc)
        return rc;
    if (!all) {
        fprintf(stderr, "interlayer: refl validate: some ORSO cases are outside tolerance\n");
        return IL_EXIT_FAIL;
    }
    return IL_EXIT_OK;
}
