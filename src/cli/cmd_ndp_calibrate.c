/* interlayer ndp calibrate: energy scale and fluence x solid angle from a reference sample. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"

typedef struct {
    cli_ndp_instr_args instr;
    const char *stack;
    int json;
    const char *spectrum[1];
} calibrate_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--stack", NULL, offsetof(calibrate_args, stack)),
    CLI_OPT_FLAG("--json", offsetof(calibrate_args, json)),
};

static const cli_opt_set option_sets[] = {
    CLI_SET(cli_ndp_instr_options, offsetof(calibrate_args, instr)),
    CLI_SET(own_options, 0),
};

static const cli_verb calibrate_verb = {
    .name = "ndp calibrate",
    .help = cli_ndp_help_text,
    .sets = option_sets,
    .nsets = CLI_COUNT(option_sets),
    .pos_offset = offsetof(calibrate_args, spectrum),
    .max_pos = 1,
    .unknown = "unknown option",
};

/* What the calibration found. */
typedef struct {
    double ch[2], E[2]; /* alpha and triton edges: measured channel, model energy (keV) */
    double offset_keV, gain_keV;
    double factor, factor_sigma; /* fluence x solid angle over the instrument's */
} calibration;

/* Edges: the same half-height rule is applied to the measured spectrum and to the model's
 * spectrum of the reference; the model edge's energy (from the calibration in use) is assigned
 * to the measured edge's channel, so any bias of the rule cancels. Two rounds: the second
 * starts from the first round's calibration. */
static int find_energy_scale(const il_ndp_instrument *ins, const il_stack *s, const il_spectrum *sp,
                             const char *spec_arg, calibration *c)
{
    il_error err;
    const double *y = il_spectrum_counts(sp);
    size_t nch = il_spectrum_n_channels(sp);
    double quad = 0;
    c->offset_keV = ins->offset_keV, c->gain_keV = ins->gain_keV;
    for (int round = 0; round < 2; round++) {
        il_ndp_instrument gi = *ins;
        gi.offset_keV = c->offset_keV, gi.gain_keV = c->gain_keV, gi.quadratic_keV = 0;
        il_ndp_model *mg = NULL;
        il_ndp_sim *sim = NULL;
        if (il_ndp_model_new(s, &gi, &mg, &err) || il_ndp_simulate(mg, 0, NULL, &sim, &err)) {
            il_ndp_model_free(mg);
            return cli_fail(&err);
        }
        size_t ne = 0;
        for (size_t p = 0; p < il_ndp_model_n_particles(mg) && ne < 2; p++) {
            const il_ndp_particle *P = il_ndp_model_particle(mg, p);
            if (P->target_Z != 3)
                continue;
            const double *yp = sim->by_particle + p * nch;
            double top = il_ndp_energy_channel(&gi, P->E0_keV);
            double cs = il_ndp_find_edge(yp, nch, top - 60, 60);
            double cm = isfinite(cs) ? il_ndp_find_edge(y, nch, top - 60, 60) : NAN;
            if (isfinite(cs) && isfinite(cm)) {
                c->ch[ne] = cm;
                c->E[ne] = il_ndp_channel_energy_keV(&gi, cs);
                ne++;
            }
        }
        il_ndp_sim_free(sim);
        il_ndp_model_free(mg);
        if (ne < 2) {
            il_error_set(&err, IL_ERR_NUMERIC,
                         "%s: could not locate the alpha and triton edges near the channels the "
                         "instrument's calibration predicts; give --gain/--offset closer to the "
                         "truth",
                         spec_arg);
            return cli_fail(&err);
        }
        if (il_ndp_calibrate_energy(c->ch, c->E, ne, 0, &c->offset_keV, &c->gain_keV, &quad, &err))
            return cli_fail(&err);
    }
    return CLI_EXIT_OK;
}

/* Fluence x solid angle: the model under the new energy scale against the counts above
 * 300 keV. */
static int find_intensity(const il_ndp_instrument *ins, const il_stack *s, const il_spectrum *sp,
                          calibration *c)
{
    il_error err;
    il_ndp_instrument ins2 = *ins;
    ins2.offset_keV = c->offset_keV, ins2.gain_keV = c->gain_keV, ins2.quadratic_keV = 0;
    il_ndp_model *m2;
    if (il_ndp_model_new(s, &ins2, &m2, &err))
        return cli_fail(&err);
    size_t lo = (size_t)fmax(0, floor(il_ndp_energy_channel(&ins2, 300)));
    int rc = CLI_EXIT_OK;
    if (il_ndp_calibrate_intensity(m2, il_spectrum_counts(sp), lo, il_spectrum_n_channels(sp) - 1,
                                   &c->factor, &c->factor_sigma, &err))
        rc = cli_fail(&err);
    il_ndp_model_free(m2);
    return rc;
}

static int print_json(const il_ndp_instrument *ins, const calibration *c)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "offset_keV", json_real(c->offset_keV));
    json_object_set_new(doc, "gain_keV_per_channel", json_real(c->gain_keV));
    json_object_set_new(doc, "alpha_edge_channel", json_real(c->ch[0]));
    json_object_set_new(doc, "alpha_edge_keV", json_real(c->E[0]));
    json_object_set_new(doc, "triton_edge_channel", json_real(c->ch[1]));
    json_object_set_new(doc, "triton_edge_keV", json_real(c->E[1]));
    json_object_set_new(doc, "fluence_solid_angle_factor", json_real(c->factor));
    json_object_set_new(doc, "fluence_solid_angle_factor_sigma", json_real(c->factor_sigma));
    json_object_set_new(doc, "calibrated_fluence_rate_n_per_cm2_s",
                        json_real(ins->fluence_rate_n_cm2_s * c->factor));
    int rc = cli_out_write_json(NULL, doc);
    json_decref(doc);
    return rc;
}

static void print_text(const il_ndp_instrument *ins, const il_stack *s, const calibration *c)
{
    printf("energy calibration from the Li edges of '%s':\n", il_stack_name(s));
    printf("  alpha edge at channel %.2f = %.1f keV, triton edge at channel %.2f = %.1f keV\n",
           c->ch[0], c->E[0], c->ch[1], c->E[1]);
    printf("  offset_keV: %.4f\n  gain_keV: %.6f\n", c->offset_keV, c->gain_keV);
    printf("fluence x solid angle: %.5f +- %.5f times the instrument's (fluence_rate_"
           "n_cm2_s: %.5g at the given solid angle)\n",
           c->factor, c->factor_sigma, ins->fluence_rate_n_cm2_s * c->factor);
}

int cli_ndp_calibrate(int argc, char **argv)
{
    calibrate_args a = {0};
    int rc = cli_parse(&calibrate_verb, argc, argv, &a);
    if (rc != CLI_RUN)
        return rc;
    if (!a.spectrum[0] || !a.stack)
        return cli_usage("usage: interlayer ndp calibrate SPECTRUM --stack REFERENCE_STACK");
    il_error err;
    il_ndp_instrument ins;
    il_spectrum *sp;
    il_stack *s;
    /* The file's own calibration is what we are checking: keep the instrument's as a guess,
     * but take the channel count and live time. */
    if (cli_ndp_load_measurement(&a.instr, a.spectrum[0], a.stack, 1, &ins, &sp, &s, &err))
        return cli_fail(&err);
    calibration c = {{NAN, NAN}, {NAN, NAN}, 0, 0, NAN, NAN};
    rc = find_energy_scale(&ins, s, sp, a.spectrum[0], &c);
    if (rc == CLI_EXIT_OK)
        rc = find_intensity(&ins, s, sp, &c);
    if (rc == CLI_EXIT_OK && a.json)
        rc = print_json(&ins, &c);
    else if (rc == CLI_EXIT_OK)
        print_text(&ins, s, &c);
    il_stack_free(s);
    il_spectrum_free(sp);
    return rc;
}
