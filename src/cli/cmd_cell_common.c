/* Shared by the cell verbs (cmd_cell_common.h). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_cell_common.h"
#include "interlayer/cell_io.h"
#include "interlayer/constants.h"
#include "interlayer/ndp_io.h"

const cli_opt cli_cell_run_options[6] = {
    CLI_OPT_TEXT("--protocol", "-p", offsetof(cli_cell_run_args, protocol)),
    CLI_OPT_TEXT("--cycler", NULL, offsetof(cli_cell_run_args, cycler)),
    CLI_OPT_TEXT("--save-every", NULL, offsetof(cli_cell_run_args, save_every)),
    CLI_OPT_TEXT("--sample-every", NULL, offsetof(cli_cell_run_args, sample_every)),
    CLI_OPT_TEXT("--volumes", NULL, offsetof(cli_cell_run_args, volumes)),
    CLI_OPT_TEXT("--output", "-o", offsetof(cli_cell_run_args, output)),
};

static void progress(void *user, double t_s, double t_end)
{
    (void)t_end;
    double *last = user;
    if (t_s - *last < 600)
        return;
    *last = t_s;
    fprintf(stderr, "\rsimulated %.2f h", t_s / 3600);
    fflush(stderr);
}

int cli_cell_load_and_run(const char *verb, const char *cell_path, const cli_cell_run_args *a,
                          il_cell_result **res, const char **protocol_text)
{
    *res = NULL;
    if (!cell_path)
        return cli_usage("%s: give a cell parameter file CELL.yaml (see --help)", verb);
    if (!a->output)
        return cli_usage("%s: give an output folder with -o DIR", verb);
    if (!!a->protocol == !!a->cycler)
        return cli_usage("%s: give either --protocol TEXT or --cycler FILE", verb);
    il_error err;
    il_cell_options o;
    il_cell_options_default(&o);
    if (a->save_every && il_cell_parse_duration_s(a->save_every, &o.save_every_s, &err))
        return cli_usage("%s: --save-every '%s': %s", verb, a->save_every, err.message);
    if (a->sample_every && il_cell_parse_duration_s(a->sample_every, &o.sample_every_s, &err))
        return cli_usage("%s: --sample-every '%s': %s", verb, a->sample_every, err.message);
    if (a->volumes) {
        char *end;
        long n = strtol(a->volumes, &end, 10);
        if (end == a->volumes || *end || n < 2 || n > 120)
            return cli_usage("%s: --volumes %s: expected a whole number 2..120", verb, a->volumes);
        o.n_volumes = (size_t)n;
    }
    il_cell_params p;
    il_stack *stack = NULL;
    if (il_cell_params_load(cell_path, &p, &stack, &err))
        return cli_fail(&err);
    il_cell_protocol *pr = NULL;
    int rc = CLI_EXIT_OK;
    if (a->protocol) {
        if (il_cell_protocol_parse(a->protocol, "--protocol", &pr, &err))
            rc = cli_fail(&err);
        *protocol_text = a->protocol;
    } else {
        il_ndp_cycler *cy = NULL;
        if (il_ndp_cycler_load(a->cycler, &cy, &err) ||
            il_cell_protocol_from_current(cy->time_s, cy->current_A, cy->n, p.area_cm2, &pr, &err))
            rc = cli_fail(&err);
        il_ndp_cycler_free(cy);
        *protocol_text = a->cycler;
    }
    il_cell *c = NULL;
    if (!rc && il_cell_new(&p, stack, &c, &err))
        rc = cli_fail(&err);
    double last = 0;
    if (isatty(fileno(stderr))) {
        o.progress = progress;
        o.progress_user = &last;
    }
    if (!rc && il_cell_run(c, pr, &o, res, &err))
        rc = cli_fail(&err);
    if (last > 0)
        fputc('\n', stderr);
    il_cell_free(c);
    il_cell_protocol_free(pr);
    il_stack_free(stack);
    return rc;
}

/* The contact diagnostic, for cells with a Li metal electrode: the stripping CCD with its
 * assumptions and each electrode's worst contact, or one line saying it is off. */
static void contact_report(const il_cell_result *r, const il_cell_params *p)
{
    int metal[2] = {strcmp(p->anode.ocv, "Li") == 0, strcmp(p->cathode.ocv, "Li") == 0};
    if (!metal[0] && !metal[1])
        return;
    const il_cell_contact *c = &p->contact;
    if (!il_cell_contact_enabled(c)) {
        printf("contact diagnostic off: no creep data in the parameter file (contact: "
               "creep_prefactor_MPa_n_s, creep_exponent, creep_length_um, void_height_um)\n");
        return;
    }
    double rho = metal[1] ? p->cathode.li_metal_density_g_cm3 : p->anode.li_metal_density_g_cm3;
    printf("contact: stripping CCD %.3g mA/cm2 at %.3g MPa, %.5g K (%s)\n",
           1e3 * il_cell_stripping_ccd_A_cm2(c, p->temperature_K, rho), c->stack_pressure_MPa,
           p->temperature_K, il_cell_contact_assumptions());
    for (int k = 0; k < 2; k++) {
        if (!metal[k])
            continue;
        double fmin, vmax;
        il_cell_result_contact_extremes(r, (il_cell_side)k, &fmin, &vmax);
        printf("contact %s: worst void %.4g nm, contact fraction down to %.4g\n",
               k ? p->cathode.layer : p->anode.layer, vmax, fmin);
    }
}

void cli_cell_report(const il_cell_result *r, const char *dir)
{
    const il_cell_params *p = il_cell_result_params(r);
    size_t n = il_cell_result_n_samples(r);
    const il_cell_sample *last = il_cell_result_sample(r, n - 1);
    printf("%s: %.4g h simulated, %zu cycles\n", p->name[0] ? p->name : "cell",
           last->time_s / 3600, il_cell_result_n_cycles(r));
    printf("%6s %14s %14s %8s %14s\n", "cycle", "charge", "discharge", "CE", "immobilised");
    printf("%6s %14s %14s %8s %14s\n", "", "(uAh/cm2)", "(uAh/cm2)", "", "(uAh/cm2)");
    for (size_t i = 0; i < il_cell_result_n_cycles(r); i++) {
        const il_cell_cycle *c = il_cell_result_cycle(r, i);
        printf("%6zu %14.5g %14.5g %8.4f %14.4g\n", c->cycle, c->charge_uAh_cm2,
               c->discharge_uAh_cm2, c->coulombic_efficiency, c->immobilised_uAh_cm2);
    }
    for (size_t k = 0; k < p->n_interlayers; k++)
        printf("interlayer %s: %.5g nm -> %.5g nm, %.4g ohm cm2\n", p->interlayers[k].layer,
               il_cell_result_sample(r, 0)->thickness_nm[k], last->thickness_nm[k],
               last->resistance_ohm_cm2[k]);
    double worst = 0;
    for (size_t i = 0; i < n; i++)
        worst = fmax(worst, il_cell_result_sample(r, i)->ledger.relative_error);
    const il_cell_ledger *l = &last->ledger;
    printf("Li ledger (atoms/cm2): cathode %.5e, anode %.5e, immobilised %.5e, electrolyte "
           "%.5e; closes to %.1e (worst)\n", l->cathode * IL_AVOGADRO,
           (l->anode_mobile + l->anode_metal) * IL_AVOGADRO, l->immobilised * IL_AVOGADRO,
           l->electrolyte * IL_AVOGADRO, worst);
    printf("Faraday: charge passed %.6g C/cm2 = %.6e Li/cm2 moved (off by %.1e)\n",
           l->charge_C_cm2, l->li_moved_mol_cm2 * IL_AVOGADRO, l->faraday_relative_error);
    contact_report(r, p);
    printf("wrote %s: timeseries.csv ledger.csv cycles.csv summary.json states/ (%zu) plots\n",
           dir, il_cell_result_n_states(r));
}
