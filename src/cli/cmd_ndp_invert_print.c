/* The output of `interlayer ndp invert` (see cmd_ndp_invert.h). */
#include "cli/cmd_ndp_invert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"

int cli_ndp_invert_classic(const cli_ndp_measurement *me, int json, int csv)
{
    const double *y = il_spectrum_counts(me->sp);
    size_t nch = il_spectrum_n_channels(me->sp);
    int rc = CLI_EXIT_OK;
    /* one profile per particle of Li */
    json_t *doc = json_object();
    if (!json && !csv)
        printf("classic energy-to-depth conversion (what most facilities do)\n");
    for (size_t p = 0; p < il_ndp_model_n_particles(me->m); p++) {
        const il_ndp_particle *P = il_ndp_model_particle(me->m, p);
        if (P->target_Z != 3)
            continue;
        double *z = malloc(nch * sizeof *z), *c = malloc(nch * sizeof *c);
        il_ndp_classic_profile(me->m, p, y, z, c, NULL);
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
    return rc;
}

static json_t *layer_json(const il_ndp_model *m, const il_ndp_profile *p, size_t l)
{
    json_t *lo = json_object();
    json_object_set_new(lo, "name", json_string(il_ndp_model_layer_name(m, l)));
    json_object_set_new(lo, "top_nm", json_real(il_ndp_model_layer_top_nm(m, l)));
    json_object_set_new(lo, "li_atoms_per_cm2", json_real(p->li_atoms_cm2[l]));
    json_object_set_new(lo, "li_atoms_per_cm2_sigma", json_real(p->li_atoms_cm2_sigma[l]));
    json_object_set_new(lo, "li_atoms_per_cm2_regularisation", json_real(p->li_atoms_cm2_reg[l]));
    json_object_set_new(lo, "li_atoms_per_cm2_systematic", json_real(p->li_atoms_cm2_sys[l]));
    json_object_set_new(lo, "li_mol_per_cm2", json_real(p->li_atoms_cm2[l] / IL_AVOGADRO));
    json_object_set_new(lo, "li_uAh_per_cm2",
                        json_real(il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l])));
    return lo;
}

static json_t *fit_json(const il_ndp_fit *fit)
{
    json_t *f = json_object();
    json_object_set_new(f, "depth_nm", json_real(fit->il_depth_nm));
    json_object_set_new(f, "depth_nm_sigma", json_real(fit->il_depth_sigma));
    json_object_set_new(f, "fwhm_nm", json_real(fit->il_fwhm_nm));
    json_object_set_new(f, "fwhm_nm_sigma", json_real(fit->il_fwhm_sigma));
    json_object_set_new(f, "li_atoms_per_cm2", json_real(fit->il_atoms_cm2));
    json_object_set_new(f, "li_atoms_per_cm2_sigma", json_real(fit->il_atoms_cm2_sigma));
    json_object_set_new(f, "chi2_per_dof", json_real(fit->chi2_per_dof));
    return f;
}

int cli_ndp_invert_json(const char *method, const cli_ndp_measurement *me, const il_ndp_profile *p,
                        const il_ndp_fit *fit)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "method", json_string(method));
    json_object_set_new(doc, "depth_nm", cli_ndp_json_array(p->depth_nm, p->n_bins));
    json_object_set_new(doc, "bin_width_nm", cli_ndp_json_array(p->width_nm, p->n_bins));
    json_object_set_new(doc, "li_atoms_per_cm3", cli_ndp_json_array(p->conc, p->n_bins));
    json_object_set_new(doc, "li_atoms_per_cm3_sigma",
                        cli_ndp_json_array(p->conc_sigma, p->n_bins));
    json_t *layers = json_array();
    for (size_t l = 0; l < p->n_layers; l++)
        json_array_append_new(layers, layer_json(me->m, p, l));
    json_object_set_new(doc, "layers", layers);
    json_object_set_new(doc, "lambda", json_real(p->lambda));
    json_object_set_new(doc, "chi2", json_real(p->chi2));
    json_object_set_new(doc, "fitted_counts", cli_ndp_json_array(p->fitted, p->n_channels));
    json_object_set_new(doc, "instrument", cli_ndp_json_instrument(&me->ins));
    if (fit)
        json_object_set_new(doc, "interlayer_fit", fit_json(fit));
    int rc = cli_out_write_json(NULL, doc);
    json_decref(doc);
    return rc;
}

void cli_ndp_invert_csv(const cli_ndp_measurement *me, const il_ndp_profile *p)
{
    printf("depth_nm,bin_width_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma\n");
    for (size_t j = 0; j < p->n_bins; j++)
        printf("%.6g,%.6g,\"%s\",%.6e,%.6e\n", p->depth_nm[j], p->width_nm[j],
               il_ndp_model_layer_name(me->m, p->bin_layer[j]), p->conc[j], p->conc_sigma[j]);
}

void cli_ndp_invert_text(const char *method, const cli_ndp_measurement *me, const il_ndp_profile *p,
                         const il_ndp_fit *fit)
{
    printf("Li inventories of '%s' (%s, lambda %.4g, chi2 %.5g over %zu channels)\n",
           il_stack_name(me->s), method, p->lambda, p->chi2, il_spectrum_n_channels(me->sp));
    printf("%-28s %12s %12s %11s %11s %11s %12s\n", "layer", "top (nm)", "Li (at/cm2)", "counting",
           "regular.", "systematic", "Li (uAh/cm2)");
    for (size_t l = 0; l < p->n_layers; l++)
        printf("%-28.28s %12.1f %12.4e %11.2e %11.2e %11.2e %12.4g\n",
               il_ndp_model_layer_name(me->m, l), il_ndp_model_layer_top_nm(me->m, l),
               p->li_atoms_cm2[l], p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_reg[l],
               p->li_atoms_cm2_sys[l], il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l]));
    if (fit)
        printf("interlayer fit: depth %.1f +- %.1f nm, FWHM %.1f +- %.1f nm, Li %.4g +- "
               "%.2g at/cm2\n",
               fit->il_depth_nm, fit->il_depth_sigma, fit->il_fwhm_nm, fit->il_fwhm_sigma,
               fit->il_atoms_cm2, fit->il_atoms_cm2_sigma);
}
