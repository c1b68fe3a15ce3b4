/* interlayer ndp invert: the Li depth profile and layer inventories from a measured spectrum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/plot.h"

int cli_ndp_invert(int argc, char **argv)
{
    const char *spec_arg = NULL, *stack_arg = NULL, *plot = NULL, *method = "tikhonov",
               *lambda = "gcv", *fit_il = NULL, *selfc = NULL;
    int json = 0, csv = 0, systematic = 1, nonneg = 1, mlem_layers = 1;
    cli_ndp_instr_args ia = {0};
    const cli_ndp_str_opt strs[] = {{"--stack", &stack_arg},        {"--plot", &plot},
                                {"--method", &method},          {"--lambda", &lambda},
                                {"--fit-interlayer", &fit_il}, {"--self-consistent", &selfc}};
    for (int i = 1; i < argc; i++) {
        int r;
        if ((r = cli_ndp_verb_option(argc, argv, &i, &ia)) == CLI_NDP_ARG_TAKEN)
            continue;
        if (r != CLI_NDP_ARG_OTHER)
            return r == CLI_NDP_ARG_HELP ? cli_ndp_help() : CLI_EXIT_USAGE;
        if ((r = cli_ndp_str_option(argc, argv, &i, strs, sizeof strs / sizeof *strs))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--csv") == 0) {
            csv = 1;
        } else if (strcmp(argv[i], "--no-systematic") == 0) {
            systematic = 0;
        } else if (strcmp(argv[i], "--unconstrained") == 0) {
            nonneg = 0;
        } else if (strcmp(argv[i], "--mlem-flat-start") == 0) {
            mlem_layers = 0;
        } else if ((r = cli_ndp_positional("invert", argv[i], &spec_arg))) {
            return r;
        }
    }
    if (!spec_arg || !stack_arg)
        return cli_usage("usage: interlayer ndp invert SPECTRUM --stack STACK [options]");
    il_ndp_invert_options o;
    il_ndp_invert_options_default(&o);
    o.systematic = systematic;
    o.nonneg = nonneg;
    o.mlem_layers = mlem_layers;
    if (selfc) {
        char *end;
        long k = strtol(selfc, &end, 10);
        if (*end || k < 0 || k > 10)
            return cli_usage("ndp invert: --self-consistent '%s' must be 0..10 passes", selfc);
        o.self_consistent = (int)k;
    }
    if (strcmp(method, "tikhonov") == 0)
        o.method = IL_NDP_METHOD_TIKHONOV;
    else if (strcmp(method, "mlem") == 0)
        o.method = IL_NDP_METHOD_MLEM;
    else if (strcmp(method, "classic") == 0)
        o.method = IL_NDP_METHOD_CLASSIC;
    else
        return cli_usage("ndp invert: --method '%s' unknown (tikhonov, mlem, classic)", method);
    if (strcmp(lambda, "gcv") == 0)
        o.lambda_rule = IL_NDP_LAMBDA_GCV;
    else if (strcmp(lambda, "discrepancy") == 0)
        o.lambda_rule = IL_NDP_LAMBDA_DISCREPANCY;
    else if (strcmp(lambda, "lcurve") == 0)
        o.lambda_rule = IL_NDP_LAMBDA_LCURVE;
    else
        return cli_usage("ndp invert: --lambda '%s' unknown (gcv, discrepancy, lcurve)",
                            lambda);
    double il_depth = 0;
    if (fit_il) {
        il_error e2;
        if (il_parse_length_nm(fit_il, &il_depth, &e2))
            return cli_usage("ndp invert: --fit-interlayer: %s", e2.message);
    }
    il_error err;
    il_ndp_instrument ins;
    il_spectrum *sp;
    il_stack *s;
    if (cli_ndp_load_measurement(&ia, spec_arg, stack_arg, 0, &ins, &sp, &s, &err))
        return cli_fail(&err);
    il_ndp_model *m = NULL;
    int rc = CLI_EXIT_OK;
    if (il_ndp_model_new(s, &ins, &m, &err))
        rc = cli_fail(&err);
    const double *y = il_spectrum_counts(sp);
    size_t nch = il_spectrum_n_channels(sp);
    if (rc == CLI_EXIT_OK && o.method == IL_NDP_METHOD_CLASSIC) {
        /* one profile per particle of Li */
        json_t *doc = json_object();
        if (!json && !csv)
            printf("classic energy-to-depth conversion (what most facilities do)\n");
        for (size_t p = 0; p < il_ndp_model_n_particles(m); p++) {
            const il_ndp_particle *P = il_ndp_model_particle(m, p);
            if (P->target_Z != 3)
                continue;
            double *z = malloc(nch * sizeof *z), *c = malloc(nch * sizeof *c);
            il_ndp_classic_profile(m, p, y, z, c, NULL);
            json_t *o2 = json_object(), *zz = json_array(), *cc = json_array();
            if (csv && p == 0)
                printf("particle,channel,depth_nm,li6_based_atoms_per_cm3\n");
            for (size_t k = 0; k < nch; k++) {
                if (!isfinite(z[k]) || !isfinite(c[k]))
                    continue;
                /* the conversion counts 6Li: divide by the layer's 6Li fraction for all Li */
                json_array_append_new(zz, json_real(z[k]));
                json_array_append_new(cc, json_real(c[k]));
                if (csv)
                    printf("%s,%zu,%.6g,%.6g\n", P->key, k, z[k], c[k]);
            }
            json_object_set_new(o2, "depth_nm", zz);
            json_object_set_new(o2, "li6_atoms_per_cm3", cc);
            json_object_set_new(doc, P->key, o2);
            free(z), free(c);
        }
        if (json)
            rc = cli_out_write_json(NULL, doc);
        else if (!csv)
            printf("(use --json or --csv for the values)\n");
        json_decref(doc);
    } else if (rc == CLI_EXIT_OK) {
        il_ndp_profile *p = NULL;
        if (il_ndp_invert(m, s, y, &o, &p, &err))
            rc = cli_fail(&err);
        il_ndp_fit *fit = NULL;
        if (rc == CLI_EXIT_OK && fit_il) {
            if (il_ndp_fit_new(m, &fit, &err))
                rc = cli_fail(&err);
            if (rc == CLI_EXIT_OK) {
                fit->interlayer = 1;
                fit->il_depth_nm = il_depth;
                fit->il_fwhm_nm = 20;
                fit->il_atoms_cm2 = 1e16;
                if (il_ndp_fit_run(m, y, fit, &err))
                    rc = cli_fail(&err);
            }
        }
        if (rc == CLI_EXIT_OK && json) {
            json_t *doc = json_object();
            json_object_set_new(doc, "method", json_string(method));
            json_object_set_new(doc, "depth_nm", cli_ndp_json_array(p->depth_nm, p->n_bins));
            json_object_set_new(doc, "bin_width_nm", cli_ndp_json_array(p->width_nm, p->n_bins));
            json_object_set_new(doc, "li_atoms_per_cm3", cli_ndp_json_array(p->conc, p->n_bins));
            json_object_set_new(doc, "li_atoms_per_cm3_sigma",
                                cli_ndp_json_array(p->conc_sigma, p->n_bins));
            json_t *layers = json_array();
            for (size_t l = 0; l < p->n_layers; l++) {
                json_t *lo = json_object();
                json_object_set_new(lo, "name", json_string(il_ndp_model_layer_name(m, l)));
                json_object_set_new(lo, "top_nm", json_real(il_ndp_model_layer_top_nm(m, l)));
                json_object_set_new(lo, "li_atoms_per_cm2", json_real(p->li_atoms_cm2[l]));
                json_object_set_new(lo, "li_atoms_per_cm2_sigma",
                                    json_real(p->li_atoms_cm2_sigma[l]));
                json_object_set_new(lo, "li_atoms_per_cm2_regularisation",
                                    json_real(p->li_atoms_cm2_reg[l]));
                json_object_set_new(lo, "li_atoms_per_cm2_systematic",
                                    json_real(p->li_atoms_cm2_sys[l]));
                json_object_set_new(lo, "li_mol_per_cm2",
                                    json_real(p->li_atoms_cm2[l] / IL_AVOGADRO));
                json_object_set_new(lo, "li_uAh_per_cm2",
                                    json_real(il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l])));
                json_array_append_new(layers, lo);
            }
            json_object_set_new(doc, "layers", layers);
            json_object_set_new(doc, "lambda", json_real(p->lambda));
            json_object_set_new(doc, "chi2", json_real(p->chi2));
            json_object_set_new(doc, "fitted_counts", cli_ndp_json_array(p->fitted, p->n_channels));
            json_object_set_new(doc, "instrument", cli_ndp_json_instrument(&ins));
            if (fit) {
                json_t *f = json_object();
                json_object_set_new(f, "depth_nm", json_real(fit->il_depth_nm));
                json_object_set_new(f, "depth_nm_sigma", json_real(fit->il_depth_sigma));
                json_object_set_new(f, "fwhm_nm", json_real(fit->il_fwhm_nm));
                json_object_set_new(f, "fwhm_nm_sigma", json_real(fit->il_fwhm_sigma));
                json_object_set_new(f, "li_atoms_per_cm2", json_real(fit->il_atoms_cm2));
                json_object_set_new(f, "li_atoms_per_cm2_sigma",
                                    json_real(fit->il_atoms_cm2_sigma));
                json_object_set_new(f, "chi2_per_dof", json_real(fit->chi2_per_dof));
                json_object_set_new(doc, "interlayer_fit", f);
            }
            rc = cli_out_write_json(NULL, doc);
            json_decref(doc);
        } else if (rc == CLI_EXIT_OK && csv) {
            printf("depth_nm,bin_width_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma\n");
            for (size_t j = 0; j < p->n_bins; j++)
                printf("%.6g,%.6g,\"%s\",%.6e,%.6e\n", p->depth_nm[j], p->width_nm[j],
                       il_ndp_model_layer_name(m, p->bin_layer[j]), p->conc[j], p->conc_sigma[j]);
        } else if (rc == CLI_EXIT_OK) {
            printf("Li inventories of '%s' (%s, lambda %.4g, chi2 %.5g over %zu channels)\n",
                   il_stack_name(s), method, p->lambda, p->chi2, nch);
            printf("%-28s %12s %12s %11s %11s %11s %12s\n", "layer", "top (nm)", "Li (at/cm2)",
                   "counting", "regular.", "systematic", "Li (uAh/cm2)");
            for (size_t l = 0; l < p->n_layers; l++)
                printf("%-28.28s %12.1f %12.4e %11.2e %11.2e %11.2e %12.4g\n",
                       il_ndp_model_layer_name(m, l), il_ndp_model_layer_top_nm(m, l),
                       p->li_atoms_cm2[l], p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_reg[l],
                       p->li_atoms_cm2_sys[l], il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l]));
            if (fit)
                printf("interlayer fit: depth %.1f +- %.1f nm, FWHM %.1f +- %.1f nm, Li %.4g +- "
                       "%.2g at/cm2\n",
                       fit->il_depth_nm, fit->il_depth_sigma, fit->il_fwhm_nm, fit->il_fwhm_sigma,
                       fit->il_atoms_cm2, fit->il_atoms_cm2_sigma);
        }
        if (rc == CLI_EXIT_OK && plot) {
            il_plot_series ser = {p->depth_nm, p->conc, p->conc_sigma, p->n_bins, "Li",
                                  IL_PLOT_STEPS};
            il_plot_axes ax = {"Li depth profile", "depth (nm)", "Li (atoms/cm3)", 0, 0};
            if (il_plot_xy(plot, &ax, &ser, 1, &err))
                rc = cli_fail(&err);
        }
        il_ndp_fit_free(fit);
        il_ndp_profile_free(p);
    }
    il_ndp_model_free(m);
    il_stack_free(s);
    il_spectrum_free(sp);
    return rc;
}
