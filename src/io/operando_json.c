/* summary.json of an operando analysis (schema in operando_io.h). Numbers that do not exist
 * (no cycler record, no growth) are null rather than NaN, which JSON cannot hold. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

#include "interlayer/operando_io.h"
#include "interlayer/outfile.h"

static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *real_array(const double *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, real_or_null(v[i]));
    return a;
}

static const char *layer_name(const il_operando_result *r, size_t l)
{
    return il_ndp_model_layer_name(r->model, l);
}

static json_t *layers_json(const il_operando_result *r)
{
    const il_ndp_series *s = r->series;
    size_t last = (r->n - 1) * s->n_layers;
    json_t *layers = json_array();
    for (size_t l = 0; l < s->n_layers; l++) {
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(layer_name(r, l)));
        json_object_set_new(o, "reference_li_atoms_per_cm2",
                            real_or_null(s->reference->li_atoms_cm2[l]));
        json_object_set_new(o, "final_li_atoms_per_cm2", real_or_null(s->inventory[last + l]));
        json_object_set_new(o, "final_li_atoms_per_cm2_sigma",
                            real_or_null(s->inventory_sigma[last + l]));
        /* every part of the final inventory's uncertainty, and the Li moved with its own */
        const il_ndp_profile *p = s->profile[r->n - 1];
        json_t *parts = json_object();
        json_object_set_new(parts, "counting", real_or_null(p->li_atoms_cm2_sigma[l]));
        json_object_set_new(parts, "regularisation", real_or_null(p->li_atoms_cm2_reg[l]));
        json_object_set_new(parts, "spill", real_or_null(p->li_atoms_cm2_spill[l]));
        json_object_set_new(parts, "stopping", real_or_null(p->li_atoms_cm2_stop[l]));
        json_object_set_new(parts, "density", real_or_null(p->li_atoms_cm2_dens[l]));
        json_object_set_new(parts, "geometry", real_or_null(p->li_atoms_cm2_geom[l]));
        json_object_set_new(parts, "calibration", real_or_null(p->li_atoms_cm2_cal[l]));
        json_object_set_new(parts, "systematic", real_or_null(p->li_atoms_cm2_sys[l]));
        json_object_set_new(parts, "total", real_or_null(p->li_atoms_cm2_total[l]));
        json_object_set_new(o, "final_li_atoms_per_cm2_sigma_parts", parts);
        json_object_set_new(o, "moved_li_atoms_per_cm2", real_or_null(s->moved[last + l]));
        json_object_set_new(o, "moved_li_atoms_per_cm2_sigma", real_or_null(s->moved_sigma[last + l]));
        json_object_set_new(o, "moved_li_atoms_per_cm2_systematic",
                            real_or_null(s->moved_sys[last + l]));
        json_array_append_new(layers, o);
    }
    return layers;
}

static json_t *spectrum_json(const il_operando_result *r, size_t i)
{
    const il_ndp_series *s = r->series;
    const il_ndp_faraday *q = &s->faraday[i];
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(r->frames[i].file));
    json_object_set_new(o, "time_s", real_or_null(s->mid_time_s[i]));
    json_object_set_new(o, "voltage_V", real_or_null(s->voltage_V[i]));
    json_object_set_new(o, "li_atoms_per_cm2",
                        real_array(s->inventory + i * s->n_layers, s->n_layers));
    json_object_set_new(o, "li_left_cathode_atoms_per_cm2", real_or_null(q->li_measured_atoms_cm2));
    json_object_set_new(o, "li_left_cathode_sigma", real_or_null(q->li_measured_sigma_atoms_cm2));
    json_object_set_new(o, "charge_C", real_or_null(q->charge_C));
    json_object_set_new(o, "li_from_charge_atoms_per_cm2", real_or_null(q->li_expected_atoms_cm2));
    json_object_set_new(o, "faraday_ratio", real_or_null(q->ratio));
    return o;
}

static json_t *interface_json(const il_operando_result *r, size_t k)
{
    const il_ndp_series *s = r->series;
    size_t n = r->n;
    json_t *o = json_object();
    char name[200];
    snprintf(name, sizeof name, "%s / %s", layer_name(r, k), layer_name(r, k + 1));
    json_object_set_new(o, "interface", json_string(name));
    json_object_set_new(o, "depth_nm", real_or_null(s->interface_nm[k]));
    int grew = s->first[k] < n;
    json_object_set_new(o, "growing_interlayer", json_boolean(grew));
    json_object_set_new(o, "first_spectrum",
                        grew ? json_integer((json_int_t)s->first[k] + 1) : json_null());
    json_object_set_new(o, "first_time_s", grew ? real_or_null(s->mid_time_s[s->first[k]])
                                                : json_null());
    json_object_set_new(o, "found_depth_nm", isfinite(s->growth_depth_nm[k]) && grew
                                                 ? real_or_null(s->growth_depth_nm[k])
                                                 : json_null());
    json_object_set_new(o, "excess_li_atoms_per_cm2", real_array(s->excess + k * n, n));
    json_object_set_new(o, "excess_li_atoms_per_cm2_sigma",
                        real_array(s->excess_sigma + k * n, n));
    json_object_set_new(o, "window_half_width_nm", real_or_null(s->window_nm[k]));
    json_object_set_new(o, "window_recovered_share", real_or_null(s->recovered[k]));
    json_object_set_new(o, "window_recovered_share_spread", real_or_null(s->recovered_spread[k]));
    return o;
}

static json_t *summary_json(const il_operando_result *r)
{
    const il_ndp_series *s = r->series;
    json_t *doc = json_object();
    json_object_set_new(doc, "stack", json_string(il_stack_name(r->stack)));
    json_object_set_new(doc, "n_spectra", json_integer((json_int_t)r->n));
    json_object_set_new(doc, "lambda", real_or_null(s->reference->lambda));
    json_object_set_new(doc, "cathode_layer", json_string(layer_name(r, r->cathode_layer)));
    json_object_set_new(doc, "area_cm2", real_or_null(r->area_cm2));
    json_object_set_new(doc, "layers", layers_json(r));
    json_t *sp = json_array();
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(sp, spectrum_json(r, i));
    json_object_set_new(doc, "spectra", sp);
    json_t *ifs = json_array();
    for (size_t k = 0; k < s->n_interfaces; k++)
        json_array_append_new(ifs, interface_json(r, k));
    json_object_set_new(doc, "interfaces", ifs);
    return doc;
}

il_status il_operando_write_summary_json(const char *path, const il_operando_result *r,
                                         il_error *err)
{
    if (!path || !r)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_write_summary_json: NULL argument");
    json_t *doc = summary_json(r);
    il_outfile *of;
    il_status st = il_outfile_open(path, &of, err);
    if (!st) {
        /* Ten significant digits keep every number a double prints meaningfully. */
        FILE *f = il_outfile_stream(of);
        int bad = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0;
        fputc('\n', f);
        if (bad) {
            il_outfile_abort(of);
            st = il_error_set_at(err, IL_ERR_IO, path, 0, 0, "could not write JSON");
        } else {
            st = il_outfile_commit(of, err);
        }
    }
    json_decref(doc);
    return st;
}
