/* interlayer cell anneal: interdiffusion of one element or isotope across a stack's layers
 * through an annealing programme (cell.h); writes the annealed stack file. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_cell_common.h"
#include "interlayer/cell_io.h"
#include "interlayer/elements.h"
#include "interlayer/stack_io.h"
#include "core/decimal.h"

typedef struct {
    const char *species, *programme, *D0, *Ea, *volumes, *output;
    cli_list fixed;
    const char *stack[1];
} anneal_args;

static const cli_opt anneal_options[] = {
    CLI_OPT_TEXT("--species", NULL, offsetof(anneal_args, species)),
    CLI_OPT_TEXT("--programme", NULL, offsetof(anneal_args, programme)),
    CLI_OPT_TEXT("--D0", NULL, offsetof(anneal_args, D0)),
    CLI_OPT_TEXT("--Ea", NULL, offsetof(anneal_args, Ea)),
    CLI_OPT_TEXT("--volumes", NULL, offsetof(anneal_args, volumes)),
    CLI_OPT_LIST("--fixed", offsetof(anneal_args, fixed)),
    CLI_OPT_TEXT("--output", "-o", offsetof(anneal_args, output)),
};
static const cli_verb anneal_verb = {
    .name = "cell anneal",
    .help = "usage: interlayer cell anneal STACK --species Li6|Li --programme TEXT\n"
            "                              --D0 CM2_S [--Ea EV] [--fixed LAYER]... [--volumes 40]\n"
            "                              -o OUT.yaml\n"
            "  Fick diffusion of the species across the stack's layers, D = D0 exp(-Ea/kT)\n"
            "  in every layer except the --fixed ones, through the programme\n"
            "  ('600 K for 1 hour; 300 C for 30 min'); writes the stack with the species'\n"
            "  concentration profiles (an isotope's partners keep each layer's element).\n",
    CLI_SETS(CLI_SET(anneal_options, 0)),
    CLI_POSITIONAL(anneal_args, stack),
    .unknown = "unknown option",
};

static int number(const char *opt, const char *text, double *v)
{
    char *end;
    *v = il_decimal_strtod(text, &end);
    if (end == text || *end || !(*v >= 0))
        return cli_usage("cell anneal: %s '%s' is not a number >= 0", opt, text);
    return 0;
}

int cli_cell_anneal(int argc, char **argv)
{
    anneal_args a = {0};
    CLI_PARSE_OR_RETURN(&anneal_verb, argc, argv, &a);
    if (!a.stack[0] || !a.species || !a.programme || !a.D0 || !a.output)
        return cli_usage("cell anneal: give STACK, --species, --programme, --D0 and -o OUT.yaml");
    double D0, Ea = 0;
    if ((rc = number("--D0", a.D0, &D0)) || (a.Ea && (rc = number("--Ea", a.Ea, &Ea))))
        return rc;
    size_t nv = 40;
    if (a.volumes) {
        double v;
        if ((rc = number("--volumes", a.volumes, &v)))
            return rc;
        nv = (size_t)v;
    }
    il_error err;
    int Z = 0, A = 0;
    const il_element *el = il_element_by_symbol(a.species);
    if (el)
        Z = el->Z;
    else if (il_stack_parse_isotope_key(a.species, &Z, &A, &err))
        return cli_usage("cell anneal: --species '%s' is neither an element nor an isotope (Li, "
                         "Li6)", a.species);
    il_anneal_step *prog = NULL;
    size_t np = 0;
    if (il_anneal_programme_parse(a.programme, "--programme", &prog, &np, &err))
        return cli_fail(&err);
    il_stack *s = NULL, *out = NULL;
    if (il_stack_load(a.stack[0], NULL, &s, &err)) {
        free(prog);
        return cli_fail(&err);
    }
    size_t n = il_stack_count(s);
    il_diffusivity *d = calloc(n ? n : 1, sizeof *d);
    for (size_t i = 0; d && i < n; i++) {
        d[i] = (il_diffusivity){D0, Ea};
        for (size_t k = 0; k < a.fixed.n; k++)
            if (strcmp(il_stack_layer(s, i)->name, a.fixed.v[k]) == 0)
                d[i].D0_cm2_s = 0;
    }
    if (!d)
        rc = cli_usage("cell anneal: out of memory");
    else if (il_interdiffusion_run(s, Z, A, d, prog, np, nv, &out, &err) ||
             il_cell_write_stack_yaml(a.output, out, &err))
        rc = cli_fail(&err);
    else {
        double t = 0;
        for (size_t k = 0; k < np; k++)
            t += prog[k].duration_s;
        printf("annealed %s for %.4g h in %zu steps; wrote %s\n", a.species, t / 3600, np,
               a.output);
    }
    free(d);
    free(prog);
    il_stack_free(out);
    il_stack_free(s);
    return rc;
}
