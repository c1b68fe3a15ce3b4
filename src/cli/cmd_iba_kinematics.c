/* interlayer iba kinematics STACK: the table IBA people look up - per layer and element the
 * kinematic (or recoil) factor, the energies detected from the surface and from the layer's
 * top and bottom, and the layer's depth scale. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"
#include "cli/output.h"

typedef struct {
    cli_out out;
    cli_iba_args iba;
    const char *stack[1];
} kin_args;

static const cli_verb kin_verb = {
    .name = "iba kinematics",
    .help = "usage: interlayer iba kinematics STACK [--beam 4He] [--energy 2MeV] [--angle 165]\n"
            "         [--tilt DEG] [--geometry ibm|cornell|general [--exit DEG]]\n"
            "         [--technique rbs|erda] [--csv|--json] [-o FILE]\n"
            "  Per layer and element: K (RBS) or recoil factor (ERDA), the energy detected\n"
            "  from the surface (K E0), from the layer's top and bottom (mean energies through\n"
            "  the layers above, in and out), and the depth scale (keV per nm, over the first\n"
            "  100 nm of the layer). ERDA defaults: --angle 30, --tilt 75.\n",
    CLI_SETS(CLI_OUT_SET(kin_args), CLI_SET(cli_iba_options, offsetof(kin_args, iba))),
    CLI_POSITIONAL(kin_args, stack),
    .unknown = "unexpected argument",
};

static const cli_column columns[] = {
    {"layer", "layer", NULL},
    {"element", "element", NULL},
    {"mass_u", "M (u)", "%.4f"},
    {"factor", "K", "%.5f"},
    {"surface_keV", "K E0 (keV)", "%.1f"},
    {"beam_top_keV", "beam at top (keV)", "%.1f"},
    {"top_keV", "from top (keV)", "%.1f"},
    {"bottom_keV", "from bottom (keV)", "%.1f"},
    {"depth_scale_keV_per_nm", "depth scale (keV/nm)", "%.4f"},
};

int cli_iba_kinematics(int argc, char **argv)
{
    kin_args a = {0};
    cli_iba_args_init(&a.iba);
    CLI_PARSE_OR_RETURN(&kin_verb, argc, argv, &a);
    if (!a.stack[0])
        return cli_usage("usage: interlayer iba kinematics STACK [--beam 4He] [--energy 2MeV] "
                         "[--angle 165]");
    il_error err;
    il_stack *stack;
    cli_iba_setup s;
    if ((rc = cli_iba_stack_setup(a.stack[0], &a.iba, &stack, &s)) != CLI_EXIT_OK)
        return rc;
    size_t n = 0;
    il_iba_kinematics_row *rows = NULL;
    il_status st = il_iba_kinematics(stack, &s.o, NULL, 0, &n, &err);
    if (!st && !(rows = calloc(n ? n : 1, sizeof *rows)))
        st = il_error_set(&err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = il_iba_kinematics(stack, &s.o, rows, n, &n, &err);
    if (st) {
        free(rows);
        cli_iba_setup_clear(&s);
        il_stack_free(stack);
        return cli_fail(&err);
    }
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    for (size_t i = 0; i < n; i++) {
        const il_iba_kinematics_row *r = &rows[i];
        long row = cli_table_add_row(t);
        cli_table_set_text(t, row, 0, il_stack_layer(stack, r->layer)->name);
        cli_table_set_text(t, row, 1, il_element_by_z(r->Z)->symbol);
        cli_table_set_num(t, row, 2, r->mass_u);
        cli_table_set_num(t, row, 3, r->factor);
        cli_table_set_num(t, row, 4, r->surface_keV);
        cli_table_set_num(t, row, 5, r->beam_top_keV);
        cli_table_set_num(t, row, 6, r->top_keV);
        if (isnan(r->bottom_keV) && !a.out.json)
            cli_table_set_text(t, row, 7, "-"); /* the substrate has no bottom */
        else
            cli_table_set_num(t, row, 7, r->bottom_keV);
        cli_table_set_num(t, row, 8, r->depth_scale_keV_nm);
    }
    if (!a.out.json && !a.out.csv) {
        double beta;
        il_iba_exit_angle(&s.o, &beta, NULL);
        printf("%d%s at %g keV, %s at %g deg, incidence %g deg, exit %g deg from the normal\n",
               s.o.beam_A, il_element_by_z(s.o.beam_Z)->symbol, s.o.energy_keV,
               s.o.technique == IL_IBA_ERDA ? "recoils" : "scattered", s.o.theta_deg,
               s.o.alpha_deg, beta);
    }
    rc = cli_out_emit(&a.out, t, NULL);
    cli_table_free(t);
    free(rows);
    cli_iba_setup_clear(&s);
    il_stack_free(stack);
    return rc;
}
