/* interlayer ndp calibrate: energy scale and fluence x solid angle from a reference sample. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"

int cli_ndp_calibrate(int argc, char **argv)
{
    const char *spec_arg = NULL, *stack_arg = NULL;
    int json = 0;
    cli_ndp_instr_args ia = {0};
    const cli_ndp_str_opt strs[] = {{"--stack", &stack_arg}};
    for (int i = 1; i < argc; i++) {
        int r;
        if ((r = cli_ndp_verb_option(argc, argv, &i, &ia)) == CLI_NDP_ARG_TAKEN)
            continue;
        if (r != CLI_NDP_ARG_OTHER)
            return r == CLI_NDP_ARG_HELP ? cli_ndp_help() : CLI_EXIT_USAGE;
        if ((r = cli_ndp_str_option(argc, argv, &i, strs, 1))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if ((r = cli_ndp_positional("calibrate", argv[i], &spec_arg))) {
            return r;
        }
    }
    if (!spec_arg || !stack_arg)
        return cli_usage("usage: interlayer ndp calibrate SPECTRUM --stack REFERENCE_STACK");
    il_error err;
    il_ndp_instrument ins;
    il_spectrum *sp;
    il_stack *s;
    /* The file's own calibration is what we are checking: keep the instrument's as a guess,
     * but take the channel count and live time. */
    if (cli_ndp_load_measurement(&ia, spec_arg, stack_arg, 1, &ins, &sp, &s, &err))
        return cli_fail(&err);
    int rc = CLI_EXIT_OK;
    const double *y = il_spectrum_counts(sp);
    size_t nch = il_spectrum_n_channels(sp);
    /* Edges: the same half-height rule is applied to the measured spectrum and to the model's
     * spectrum of the reference; the model edge's energy (from the calibration in use) is
     * assigned to the measured edge's channel, so any bias of the rule cancels. Two rounds:
     * the second starts from the first round's calibration. */
    double ch[2] = {NAN, NAN}, E[2] = {NAN, NAN};
    size_t ne = 0;
    double off = ins.offset_keV, gain = ins.gain_keV, quad = 0, fac = NAN, fsig = NAN;
    for (int round = 0; round < 2 && rc == CLI_EXIT_OK; round++) {
        il_ndp_instrument gi = ins;
        gi.offset_keV = off, gi.gain_keV = gain, gi.quadratic_keV = 0;
        il_ndp_model *mg = NULL;
        il_ndp_sim *sim = NULL;
        if (il_ndp_model_new(s, &gi, &mg, &err) || il_ndp_simulate(mg, 0, NULL, &sim, &err)) {
            rc = cli_fail(&err);
            il_ndp_model_free(mg);
            break;
        }
        ne = 0;
        for (size_t p = 0; p < il_ndp_model_n_particles(mg) && ne < 2; p++) {
            const il_ndp_particle *P = il_ndp_model_particle(mg, p);
            if (P->target_Z != 3)
                continue;
            const double *yp = sim->by_particle + p * nch;
            double top = il_ndp_energy_channel(&gi, P->E0_keV);
            double cs = il_ndp_find_edge(yp, nch, top - 60, 60);
            double cm = isfinite(cs) ? il_ndp_find_edge(y, nch, top - 60, 60) : NAN;
            if (isfinite(cs) && isfinite(cm)) {
                ch[ne] = cm;
                E[ne] = il_ndp_channel_energy_keV(&gi, cs);
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
            rc = cli_fail(&err);
        } else if (il_ndp_calibrate_energy(ch, E, ne, 0, &off, &gain, &quad, &err)) {
            rc = cli_fail(&err);
        }
    }
    if (rc == CLI_EXIT_OK) {
        il_ndp_instrument ins2 = ins;
        ins2.offset_keV = off, ins2.gain_keV = gain, ins2.quadratic_keV = 0;
        il_ndp_model *m2;
        if (il_ndp_model_new(s, &ins2, &m2, &err))
            rc = cli_fail(&err);
        else {
            size_t lo = (size_t)fmax(0, floor(il_ndp_energy_channel(&ins2, 300)));
            if (il_ndp_calibrate_intensity(m2, y, lo, nch - 1, &fac, &fsig, &err))
                rc = cli_fail(&err);
            il_ndp_model_free(m2);
        }
    }
    if (rc == CLI_EXIT_OK) {
        if (json) {
            json_t *doc = json_object();
            json_object_set_new(doc, "offset_keV", json_real(off));
            json_object_set_new(doc, "gain_keV_per_channel", json_real(gain));
            json_object_set_new(doc, "alpha_edge_channel", json_real(ch[0]));
            json_object_set_new(doc, "alpha_edge_keV", json_real(E[0]));
            json_object_set_new(doc, "triton_edge_channel", json_real(ch[1]));
            json_object_set_new(doc, "triton_edge_keV", json_real(E[1]));
            json_object_set_new(doc, "fluence_solid_angle_factor", json_real(fac));
            json_object_set_new(doc, "fluence_solid_angle_factor_sigma", json_real(fsig));
            json_object_set_new(doc, "calibrated_fluence_rate_n_per_cm2_s",
                                json_real(ins.fluence_rate_n_cm2_s * fac));
            rc = cli_out_write_json(NULL, doc);
            json_decref(doc);
        } else {
            printf("energy calibration from the Li edges of '%s':\n", il_stack_name(s));
            printf("  alpha edge at channel %.2f = %.1f keV, triton edge at channel %.2f = %.1f "
                   "keV\n",
                   ch[0], E[0], ch[1], E[1]);
            printf("  offset_keV: %.4f\n  gain_keV: %.6f\n", off, gain);
            printf("fluence x solid angle: %.5f +- %.5f times the instrument's (fluence_rate_"
                   "n_cm2_s: %.5g at the given solid angle)\n",
                   fac, fsig, ins.fluence_rate_n_cm2_s * fac);
        }
    }
    il_stack_free(s);
    il_spectrum_free(sp);
    return rc;
}
