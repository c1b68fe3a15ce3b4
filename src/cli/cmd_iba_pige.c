/* interlayer iba pige STACK --r33 FILE: particle-induced gamma-ray yields per layer (the 478 keV
 * line of 7Li(p,p'gamma) from its excitation function), il_iba_pige. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"
#include "cli/output.h"
#include "interlayer/iba_pige.h"

typedef struct {
    cli_out out;
    cli_iba_args iba;
    double efficiency;
    const char *stack[1];
} pige_args;

static const cli_opt pige_options[] = {
    CLI_OPT_NUMBER("--efficiency", offsetof(pige_args, efficiency), 0),
};

static const cli_verb pige_verb = {
    .name = "iba pige",
    .help =
        "usage: interlayer iba pige STACK --r33 FILE [--beam p] [--energy 3MeV] [--tilt 0]\n"
        "         [--fluence 1e12] [--solid-angle MSR] [--efficiency 1] [--spread KEV]\n"
        "         [--straggling yang|chu|bohr|none] [--accurate] [--csv|--json] [-o FILE]\n"
        "  Gamma-ray counts of each layer from the excitation function in FILE (the first\n"
        "  block of an R33 file, mb/sr at the gamma detector's angle; its target nuclide,\n"
        "  e.g. 7Li for 7Li(p,p'g)7Li 478 keV): fluence x solid angle x efficiency x the\n"
        "  integral of N sigma along the beam's path, the beam slowing down layer by layer.\n"
        "  --efficiency: the gamma detector's intrinsic full-energy-peak efficiency.\n",
    CLI_SETS(CLI_OUT_SET(pige_args),
             CLI_SET(cli_iba_options, offsetof(pige_args, iba)),
             CLI_SET(pige_options, 0)),
    CLI_POSITIONAL(pige_args, stack),
    .unknown = "unexpected argument",
};

int cli_iba_pige(int argc, char **argv)
{
    pige_args a = {0};
    cli_iba_args_init(&a.iba);
    a.efficiency = 1.0;
    CLI_PARSE_OR_RETURN(&pige_verb, argc, argv, &a);
    if (!a.stack[0] || a.iba.r33.n != 1)
        return cli_usage("usage: interlayer iba pige STACK --r33 FILE [--energy 3MeV] ...");
    if (!a.iba.beam)
        a.iba.beam = "p";
    if (!a.iba.energy)
        a.iba.energy = "3MeV";
    il_error err;
    il_stack *stack;
    cli_iba_setup s;
    if ((rc = cli_iba_stack_setup(a.stack[0], &a.iba, &stack, &s)) != CLI_EXIT_OK)
        return rc;
    size_t nl = il_stack_count(stack), n = 0;
    il_iba_pige_row *rows = calloc(nl, sizeof *rows);
    double total = 0.0;
    il_status st = !rows ? il_error_set(&err, IL_ERR_NOMEM, "out of memory")
                  : s.o.n_sigma == 0
                      ? il_error_set(&err, IL_ERR_INVALID, "%s: no cross-section block",
                                     a.iba.r33.v[0])
                      : il_iba_pige(stack, &s.o, s.o.sigma[0], a.efficiency, rows, nl, &n,
                                    &total, &err);
    if (st) {
        if (st == IL_ERR_RANGE)
            il_error_prefix(&err, "%s: ", a.iba.r33.v[0]);
        rc = cli_fail(&err);
        goto done;
    }
    static const cli_column cols[] = {
        {"layer", "layer", "%.0f"},
        {"name", "name", NULL},
        {"beam_top_keV", "E in (keV)", "%.2f"},
        {"beam_bottom_keV", "E out (keV)", "%.2f"},
        {"target_1e15_atoms_per_cm2", "target (1e15/cm2)", "%.6g"},
        {"counts", "counts", "%.6g"},
    };
    cli_table *t = cli_table_new(cols, CLI_COUNT(cols));
    for (size_t i = 0; i < n && i < nl; i++) {
        long row = cli_table_add_row(t);
        cli_table_set_num(t, row, 0, (double)rows[i].layer + 1);
        const il_layer *l = il_stack_layer(stack, rows[i].layer);
        cli_table_set_text(t, row, 1, *l->name ? l->name : "substrate");
        cli_table_set_num(t, row, 2, rows[i].beam_top_keV);
        cli_table_set_num(t, row, 3, rows[i].beam_bottom_keV);
        cli_table_set_num(t, row, 4, rows[i].target_tfu);
        cli_table_set_num(t, row, 5, rows[i].counts);
    }
    rc = cli_out_emit(&a.out, t, NULL);
    cli_table_free(t);
done:
    free(rows);
    cli_iba_setup_clear(&s);
    il_stack_free(stack);
    return rc;
}
