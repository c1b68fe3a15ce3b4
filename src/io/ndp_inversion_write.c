/* The result files of an NDP inversion (ndp_io.h): the JSON and CSV `interlayer ndp invert`
 * prints, and the instrument object every NDP result file embeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/constants.h"
#include "interlayer/ndp_io.h"
#include "interlayer/ndp_series.h"
#include "io/json_text.h"
#include "io/ndp_json.h"

json_t *il__ndp_instrument_doc(const il_ndp_instrument *ins)
{
    json_t *o = json_object();
    json_object_set_new(o, "fluence_rate_n_per_cm2_s", il__json_number(ins->fluence_rate_n_cm2_s));
    json_object_set_new(o, "live_time_s", il__json_number(ins->live_time_s));
    json_object_set_new(o, "neutron_energy_meV", il__json_number(ins->neutron_meV));
    json_object_set_new(o, "solid_angle_sr", il__json_number(il_ndp_solid_angle_sr(ins)));
    json_object_set_new(o, "solid_angle_fraction", il__json_number(il_ndp_solid_angle_fraction(ins)));
    int disc = ins->geometry == IL_NDP_GEOMETRY_DETECTOR;
    json_object_set_new(o, "geometry", json_string(disc ? "detector" : "solid_angle"));
    if (disc) {
        json_object_set_new(o, "detector_distance_mm", il__json_number(ins->distance_mm));
        json_object_set_new(o, "detector_area_mm2", il__json_number(ins->area_mm2));
        json_object_set_new(o, "detector_angle_deg", il__json_number(ins->angle_deg));
    } else {
        json_object_set_new(o, "exit_angle_deg", il__json_number(ins->exit_angle_deg));
    }
    json_object_set_new(o, "channels", json_integer(ins->channels));
    json_object_set_new(o, "gain_keV_per_channel", il__json_number(ins->gain_keV));
    json_object_set_new(o, "offset_keV", il__json_number(ins->offset_keV));
    json_object_set_new(o, "quadratic_keV_per_channel2", il__json_number(ins->quadratic_keV));
    json_object_set_new(o, "fwhm_keV", il__json_number(ins->fwhm_keV));
    json_object_set_new(o, "dead_layer_nm", il__json_number(ins->dead_layer_nm));
    json_object_set_new(o, "gas", ins->gas[0] ? json_string(ins->gas) : json_null());
    json_object_set_new(o, "gas_pressure_mbar", il__json_number(ins->gas_pressure_mbar));
    json_object_set_new(o, "foil", ins->foil[0] ? json_string(ins->foil) : json_null());
    json_object_set_new(o, "foil_nm", il__json_number(ins->foil_nm));
    return o;
}

il_status il_ndp_instrument_json(const il_ndp_instrument *ins, char **text, il_error *err)
{
    if (!ins || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_instrument_json: NULL argument");
    return il__json_text(il__ndp_instrument_doc(ins), text, err);
}

static json_t *layer_doc(const il_ndp_model *m, const il_ndp_profile *p, size_t l)
{
    json_t *lo = json_object();
    json_object_set_new(lo, "name", json_string(il_ndp_model_layer_name(m, l)));
    json_object_set_new(lo, "top_nm", il__json_number(il_ndp_model_layer_top_nm(m, l)));
    json_object_set_new(lo, "li_atoms_per_cm2", il__json_number(p->li_atoms_cm2[l]));
    json_object_set_new(lo, "li_atoms_per_cm2_sigma", il__json_number(p->li_atoms_cm2_sigma[l]));
    json_object_set_new(lo, "li_atoms_per_cm2_regularisation", il__json_number(p->li_atoms_cm2_reg[l]));
    json_object_set_new(lo, "li_atoms_per_cm2_systematic", il__json_number(p->li_atoms_cm2_sys[l]));
    /* the parts of the uncertainty, each its own key (profiles made before they existed lack
     * them) */
    const struct {
        const char *key;
        const double *v;
    } part[] = {{"li_atoms_per_cm2_spill", p->li_atoms_cm2_spill},
                {"li_atoms_per_cm2_stopping", p->li_atoms_cm2_stop},
                {"li_atoms_per_cm2_density", p->li_atoms_cm2_dens},
                {"li_atoms_per_cm2_geometry", p->li_atoms_cm2_geom},
                {"li_atoms_per_cm2_calibration", p->li_atoms_cm2_cal},
                {"li_atoms_per_cm2_nonsystematic", p->li_atoms_cm2_nonsys},
                {"li_atoms_per_cm2_total", p->li_atoms_cm2_total}};
    for (size_t k = 0; k < sizeof part / sizeof part[0]; k++)
        if (part[k].v)
            json_object_set_new(lo, part[k].key, il__json_number(part[k].v[l]));
    json_object_set_new(lo, "li_mol_per_cm2", il__json_number(p->li_atoms_cm2[l] / IL_AVOGADRO));
    json_object_set_new(lo, "li_uAh_per_cm2",
                        il__json_number(il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l])));
    return lo;
}

/* A fitted value with its sigma, or with the bound it stopped at (no sigma then). */
static void fit_value(json_t *o, const char *key, double v, double sd, int bound)
{
    char k[64];
    json_object_set_new(o, key, il__json_number(v));
    snprintf(k, sizeof k, "%s_sigma", key);
    json_object_set_new(o, k, bound ? json_null() : il__json_number(sd));
    snprintf(k, sizeof k, "%s_at_bound", key);
    json_object_set_new(o, k, json_string(bound < 0 ? "lower" : bound > 0 ? "upper" : "no"));
}

static json_t *fit_doc(const il_ndp_model *m, const il_ndp_fit *fit)
{
    json_t *f = json_object();
    json_object_set_new(f, "interface_depth_nm", il__json_number(fit->il_depth_nm));
    json_object_set_new(f, "host_layer", json_string(il_ndp_model_layer_name(m, fit->il_host)));
    json_object_set_new(f, "depth_resolution_fwhm_nm", il__json_number(fit->il_resolution_nm));
    fit_value(f, "thickness_nm", fit->il_thickness_nm, fit->il_thickness_sigma,
              fit->il_thickness_at_bound);
    json_object_set_new(f, "thickness_bounds_nm", json_pack("[f,f]", fit->il_thickness_lo_nm,
                                                            fit->il_thickness_hi_nm));
    fit_value(f, "li_atoms_per_cm2", fit->il_atoms_cm2, fit->il_atoms_cm2_sigma,
              fit->il_atoms_at_bound);
    json_object_set_new(f, "li_bounds_atoms_per_cm2",
                        json_pack("[f,f]", fit->il_atoms_lo, fit->il_atoms_hi));
    json_object_set_new(f, "chi2_per_dof", il__json_number(fit->chi2_per_dof));
    json_object_set_new(f, "bic", il__json_number(fit->bic));
    return f;
}

static json_t *inversion_doc(const char *method, const il_ndp_model *m, const il_ndp_profile *p,
                             const il_ndp_fit *fit, const il_ndp_instrument *ins)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "method", json_string(method));
    json_object_set_new(doc, "depth_nm", il__json_numbers(p->depth_nm, p->n_bins));
    json_object_set_new(doc, "bin_width_nm", il__json_numbers(p->width_nm, p->n_bins));
    json_object_set_new(doc, "li_atoms_per_cm3", il__json_numbers(p->conc, p->n_bins));
    json_object_set_new(doc, "li_atoms_per_cm3_sigma", il__json_numbers(p->conc_sigma, p->n_bins));
    json_t *layers = json_array();
    for (size_t l = 0; l < p->n_layers; l++)
        json_array_append_new(layers, layer_doc(m, p, l));
    json_object_set_new(doc, "layers", layers);
    json_object_set_new(doc, "lambda", il__json_number(p->lambda));
    json_object_set_new(doc, "chi2", il__json_number(p->chi2));
    json_object_set_new(doc, "self_consistent_passes", json_integer(p->passes));
    json_object_set_new(doc, "self_consistent_converged", json_boolean(p->passes_converged));
    json_object_set_new(doc, "fitted_counts", il__json_numbers(p->fitted, p->n_channels));
    json_object_set_new(doc, "instrument", il__ndp_instrument_doc(ins));
    if (fit)
        json_object_set_new(doc, "interlayer_fit", fit_doc(m, fit));
    return doc;
}

il_status il_ndp_inversion_json(const char *method, const il_ndp_model *m,
                                const il_ndp_profile *p, const il_ndp_fit *fit,
                                const il_ndp_instrument *ins, char **text, il_error *err)
{
    if (!method || !m || !p || !ins || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_inversion_json: NULL argument");
    return il__json_text(inversion_doc(method, m, p, fit, ins), text, err);
}

il_status il_ndp_structure_json(const char *method, const il_ndp_structure *a,
                                const il_ndp_instrument *ins, double bic_margin, char **text,
                                il_error *err)
{
    if (!method || !a || !ins || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_structure_json: NULL argument");
    json_t *doc = inversion_doc(method, a->model, a->profile, a->fit, ins);
    json_t *mc = json_object(), *cand = json_array();
    json_object_set_new(mc, "criterion", json_string("BIC = chi2 + k ln n"));
    json_object_set_new(mc, "margin", il__json_number(bic_margin));
    json_object_set_new(mc, "bic_without_interlayer", il__json_number(a->bic_none));
    for (size_t k = 0; k < a->n_candidates; k++)
        json_array_append_new(cand, json_pack("{s:f,s:f,s:f}", "interface_depth_nm",
                                              a->cand_depth_nm[k], "bic", a->cand_bic[k],
                                              "li_atoms_per_cm2", a->cand_li_atoms_cm2[k]));
    json_object_set_new(mc, "candidates", cand);
    int kept = a->interlayer != (size_t)-1;
    json_object_set_new(mc, "interlayer_layer",
                        kept ? json_string(il_ndp_model_layer_name(a->model, a->interlayer))
                             : json_null());
    json_object_set_new(mc, "host_layer",
                        kept ? json_string(il_ndp_model_layer_name(a->model, a->host))
                             : json_null());
    json_object_set_new(doc, "model_choice", mc);
    return il__json_text(doc, text, err);
}

il_status il_ndp_inversion_write_json(const char *path, const char *method,
                                      const il_ndp_model *m, const il_ndp_profile *p,
                                      const il_ndp_fit *fit, const il_ndp_instrument *ins,
                                      il_error *err)
{
    char *text = NULL;
    il_status st = il_ndp_inversion_json(method, m, p, fit, ins, &text, err);
    return il__write_made_text(path, st, text, err);
}

il_status il_ndp_inversion_csv(const il_ndp_model *m, const il_ndp_profile *p, char **text,
                               il_error *err)
{
    if (!m || !p || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_inversion_csv: NULL argument");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    fprintf(f, "depth_nm,bin_width_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma\n");
    for (size_t j = 0; j < p->n_bins; j++)
        fprintf(f, "%.6g,%.6g,\"%s\",%.6e,%.6e\n", p->depth_nm[j], p->width_nm[j],
                il_ndp_model_layer_name(m, p->bin_layer[j]), p->conc[j], p->conc_sigma[j]);
    if (fclose(f) != 0 || !buf) {
        free(buf);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    *text = buf;
    return IL_OK;
}

il_status il_ndp_inversion_write_csv(const char *path, const il_ndp_model *m,
                                     const il_ndp_profile *p, il_error *err)
{
    char *text = NULL;
    il_status st = il_ndp_inversion_csv(m, p, &text, err);
    return il__write_made_text(path, st, text, err);
}
