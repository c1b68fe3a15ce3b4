/* interlayer refl: neutron and X-ray reflectometry (validate, sld, simulate, fit). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
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

static int cmd_validate(int argc, char **argv)
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

static int not_yet(const char *verb)
{
    return il_cli_usage("refl %s: not implemented yet", verb);
}

static int cmd_sld(int argc, char **argv)
{
    (void)argc;
    return not_yet(argv[0]);
}

static int cmd_simulate(int argc, char **argv)
{
    (void)argc;
    return not_yet(argv[0]);
}

static int cmd_fit(int argc, char **argv)
{
    (void)argc;
    return not_yet(argv[0]);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: interlayer refl VERB [ARGS...]\n\nverbs:\n"
               "  validate   run the ORSO validation suite, print the worst error of each case\n"
               "  sld        SLD of each layer of a stack (neutron or X-ray)\n"
               "  simulate   reflectivity of a stack\n"
               "  fit        fit a model to reflectivity data\n"
               "Run 'interlayer refl VERB --help' for the options of a verb.\n");
}

int il_cmd_refl(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return IL_EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        usage(stdout);
        return IL_EXIT_OK;
    }
    if (strcmp(verb, "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(verb, "sld") == 0)
        return cmd_sld(argc - 1, argv + 1);
    if (strcmp(verb, "simulate") == 0)
        return cmd_simulate(argc - 1, argv + 1);
    if (strcmp(verb, "fit") == 0)
        return cmd_fit(argc - 1, argv + 1);
    return il_cli_usage("refl: unknown verb '%s' (validate, sld, simulate, fit)", verb);
}
