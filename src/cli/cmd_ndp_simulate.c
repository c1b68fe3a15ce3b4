/* interlayer ndp simulate: the expected (and Poisson-sampled) NDP spectrum of a stack. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/cmd_ndp_simulate.h"
#include "cli/output.h"

typedef struct {
    cli_out out; /* -o: the spectrum file; --plot: its plot; --json, --csv: on stdout */
    cli_ndp_instr_args instr;
    const char *seed, *start, *profile, *profile_kind, *profile_element;
    const char *stack[1];
} simulate_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--profile", NULL, offsetof(simulate_args, profile)),
    CLI_OPT_TEXT("--profile-kind", NULL, offsetof(simulate_args, profile_kind)),
    CLI_OPT_TEXT("--profile-element", NULL, offsetof(simulate_args, profile_element)),
    CLI_OPT_TEXT("--seed", NULL, offsetof(simulate_args, seed)),
    CLI_OPT_TEXT("--start", NULL, offsetof(simulate_args, start)),
};

static const cli_verb simulate_verb = {
    .name = "ndp simulate",
    .help = cli_ndp_help_text,
    CLI_SETS(CLI_SET(cli_ndp_instr_options, offsetof(simulate_args, instr)),
             CLI_SET(own_options, 0), CLI_OUT_SET(simulate_args)),
    CLI_POSITIONAL(simulate_args, stack),
    .unknown = "unknown option",
};

static const cli_word_value profile_kinds[] = {
    {"linear", IL_NDP_POINTS_LINEAR}, {"steps", IL_NDP_POINTS_STEPS}, {NULL, 0}};

/* An optional depth profile of one element inside the stack (points from a file), as a
 * concentration per slice of the model (*conc NULL without --profile). */
static int load_profile(const simulate_args *a, const il_ndp_model *m, double **conc, int *Z)
{
    *conc = NULL;
    *Z = 0;
    if (!a->profile)
        return CLI_EXIT_OK;
    int kind;
    if (cli_word("ndp simulate", "--profile-kind", a->profile_kind, profile_kinds, "linear, steps",
                 &kind))
        return CLI_EXIT_USAGE;
    const il_element *el = il_element_by_symbol(a->profile_element);
    if (!el)
        return cli_usage("ndp simulate: --profile-element '%s' is not an element",
                         a->profile_element);
    il_error err;
    double *pz = NULL, *pc = NULL;
    size_t pn = 0;
    double *c = malloc(il_ndp_model_n_slices(m) * sizeof *c);
    il_status st = c ? il_ndp_points_load(a->profile, &pz, &pc, &pn, &err)
                     : il_error_set(&err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = il_ndp_points_to_slices(m, el->Z, (il_ndp_points_kind)kind, pz, pc, pn, c, &err);
    free(pz), free(pc);
    if (st) {
        free(c);
        return cli_fail(&err);
    }
    *conc = c;
    *Z = el->Z;
    return CLI_EXIT_OK;
}

/* --seed: a whole number >= 0 (0 and 1 when absent: no sampling). */
static int read_seed(const char *text, unsigned long long *seed)
{
    *seed = 0;
    if (!text)
        return CLI_RUN;
    char *end;
    *seed = strtoull(text, &end, 10);
    if (*text == '\0' || *end || *text == '-')
        return cli_usage("ndp simulate: --seed '%s' is not a whole number >= 0", text);
    return CLI_RUN;
}

/* Everything the user asked for: the file, the plot, then JSON, CSV or the summary. */
static int emit(const simulate_args *a, const cli_ndp_simulation *sim)
{
    il_error err;
    if (a->out.output && cli_ndp_write_spectrum(a->out.output, sim, a->start, &err))
        return cli_fail(&err);
    int rc = CLI_EXIT_OK;
    if (a->out.plot && (rc = cli_ndp_plot_spectrum(a->out.plot, sim)))
        return rc;
    if (a->out.json)
        return cli_ndp_simulate_json(sim);
    if (a->out.csv)
        return cli_ndp_simulate_csv(sim);
    else if (!a->out.output && !a->out.plot)
        cli_ndp_simulate_text(sim);
    return CLI_EXIT_OK;
}

/* Simulates the model (with the profile, if any), samples it with --seed, and emits. */
static int simulate(const simulate_args *a, const il_ndp_instrument *ins, const il_stack *s,
                    const il_ndp_model *m, unsigned long long seed)
{
    double *pconc;
    int pZ;
    int rc = load_profile(a, m, &pconc, &pZ);
    if (rc)
        return rc;
    il_error err;
    il_ndp_sim *r;
    il_status st = il_ndp_simulate(m, pZ, pconc, &r, &err);
    free(pconc);
    if (st)
        return cli_fail(&err);
    cli_ndp_simulation sim = {ins, s, m, r, NULL, seed};
    double *sampled = NULL;
    if (a->seed) {
        sampled = malloc(r->n_channels * sizeof *sampled);
        if (!sampled || il_ndp_poisson_sample(r->counts, r->n_channels, seed, sampled, &err)) {
            il_error_set(&err, IL_ERR_NOMEM, "out of memory");
            rc = cli_fail(&err);
        }
        sim.sampled = sampled;
    }
    if (rc == CLI_EXIT_OK)
        rc = emit(a, &sim);
    free(sampled);
    il_ndp_sim_free(r);
    return rc;
}

int cli_ndp_simulate(int argc, char **argv)
{
    simulate_args a = {.profile_kind = "linear", .profile_element = "Li"};
    CLI_PARSE_OR_RETURN(&simulate_verb, argc, argv, &a);
    if (!a.stack[0])
        return cli_usage("usage: interlayer ndp simulate STACK [options] (see ndp --help)");
    unsigned long long seed;
    if ((rc = read_seed(a.seed, &seed)) != CLI_RUN)
        return rc;
    il_error err;
    il_ndp_instrument ins;
    il_stack *s;
    if (cli_ndp_instr_build(&a.instr, &ins, &err) || cli_stack_load(a.stack[0], &s, &err))
        return cli_fail(&err);
    il_ndp_model *m;
    if (il_ndp_model_new(s, &ins, &m, &err)) {
        il_stack_free(s);
        return cli_fail(&err);
    }
    rc = simulate(&a, &ins, s, m, seed);
    il_ndp_model_free(m);
    il_stack_free(s);
    return rc;
}
