/* What a cell run writes (cell_io.h): time series, ledger and cycles as CSV, a JSON summary,
 * the saved states as stack files, and the plots (cell_plots.c). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "interlayer/cell_io.h"
#include "interlayer/constants.h"
#include "interlayer/outfile.h"
#include "io/cell_plots.h"
#include "io/json_text.h"

static il_status open_csv(const char *dir, const char *name, il_outfile **of, FILE **f, il_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    il_status st = il_outfile_open(path, of, err);
    if (!st)
        *f = il_outfile_stream(*of);
    return st;
}

static void q(FILE *f, const char *a, const char *b)
{
    fprintf(f, ",\"%s %s\"", a, b);
}

/* The contact diagnostic's columns and fields exist for the Li metal electrodes of a cell
 * with creep data (cell.h, il_cell_contact). */
static int contact_on(const il_cell_params *p, int side)
{
    const il_cell_electrode *e = side == IL_CELL_SIDE_CATHODE ? &p->cathode : &p->anode;
    return il_cell_contact_enabled(&p->contact) && strcmp(e->ocv, "Li") == 0;
}

static const char *side_layer(const il_cell_params *p, int side)
{
    return side == IL_CELL_SIDE_CATHODE ? p->cathode.layer : p->anode.layer;
}

static il_status write_timeseries(const char *dir, const il_cell_result *r, il_error *err)
{
    il_outfile *of;
    FILE *f;
    il_status st = open_csv(dir, "timeseries.csv", &of, &f, err);
    if (st)
        return st;
    const il_cell_params *p = il_cell_result_params(r);
    fputs("time_s,time_h,voltage_V,current_uA_cm2,charge_uAh_cm2,cycle,step,cathode_x,anode_x", f);
    for (size_t k = 0; k < p->n_interlayers; k++) {
        q(f, p->interlayers[k].layer, "thickness_nm");
        q(f, p->interlayers[k].layer, "resistance_ohm_cm2");
    }
    fputs(",electrolyte_resistance_ohm_cm2", f);
    for (int k = 0; k < 2; k++)
        if (contact_on(p, k)) {
            q(f, side_layer(p, k), "void_nm");
            q(f, side_layer(p, k), "contact_fraction");
            q(f, side_layer(p, k), "interface_resistance_ohm_cm2");
        }
    fputs("\n", f);
    for (size_t i = 0; i < il_cell_result_n_samples(r); i++) {
        const il_cell_sample *s = il_cell_result_sample(r, i);
        fprintf(f, "%.10g,%.8g,%.8g,%.8g,%.8g,%zu,%zu,%.8g,%.8g", s->time_s, s->time_s / 3600,
                s->voltage_V, s->current_A_cm2 * 1e6, s->ledger.charge_C_cm2 / 3.6e-3, s->cycle,
                s->step + 1, s->cathode_x, s->anode_x);
        for (size_t k = 0; k < p->n_interlayers; k++)
            fprintf(f, ",%.10g,%.8g", s->thickness_nm[k], s->resistance_ohm_cm2[k]);
        fprintf(f, ",%.8g", s->electrolyte_resistance_ohm_cm2);
        for (int k = 0; k < 2; k++)
            if (contact_on(p, k))
                fprintf(f, ",%.8g,%.8g,%.8g", s->void_nm[k], s->contact_fraction[k],
                        s->interface_resistance_ohm_cm2[k]);
        fputs("\n", f);
    }
    return il_outfile_commit(of, err);
}

static il_status write_ledger(const char *dir, const il_cell_result *r, il_error *err)
{
    il_outfile *of;
    FILE *f;
    il_status st = open_csv(dir, "ledger.csv", &of, &f, err);
    if (st)
        return st;
    const il_cell_params *p = il_cell_result_params(r);
    fputs("time_s,cathode_atoms_cm2,anode_mobile_atoms_cm2,anode_metal_atoms_cm2,plated_atoms_cm2,"
          "electrolyte_atoms_cm2", f);
    for (size_t k = 0; k < p->n_interlayers; k++) {
        q(f, p->interlayers[k].layer, "immobilised_atoms_cm2");
        q(f, p->interlayers[k].layer, "reacted_atoms_cm2");
        q(f, p->interlayers[k].layer, "initial_atoms_cm2");
    }
    fputs(",total_atoms_cm2,relative_error,charge_C_cm2,li_moved_atoms_cm2,faraday_relative_error\n", f);
    for (size_t i = 0; i < il_cell_result_n_samples(r); i++) {
        const il_cell_sample *s = il_cell_result_sample(r, i);
        const il_cell_ledger *l = &s->ledger;
        const double A = IL_AVOGADRO;
        fprintf(f, "%.10g,%.12g,%.12g,%.12g,%.12g,%.12g", s->time_s, l->cathode * A,
                l->anode_mobile * A, l->anode_metal * A, l->plated * A, l->electrolyte * A);
        for (size_t k = 0; k < p->n_interlayers; k++)
            fprintf(f, ",%.12g,%.12g,%.12g", l->interlayer_immobilised[k] * A,
                    l->interlayer_reacted[k] * A, l->interlayer_initial[k] * A);
        fprintf(f, ",%.15g,%.3g,%.12g,%.12g,%.3g\n", l->total * A, l->relative_error,
                l->charge_C_cm2, l->li_moved_mol_cm2 * A, l->faraday_relative_error);
    }
    return il_outfile_commit(of, err);
}

static il_status write_cycles(const char *dir, const il_cell_result *r, il_error *err)
{
    il_outfile *of;
    FILE *f;
    il_status st = open_csv(dir, "cycles.csv", &of, &f, err);
    if (st)
        return st;
    fputs("cycle,charge_uAh_cm2,discharge_uAh_cm2,coulombic_efficiency,immobilised_uAh_cm2\n", f);
    for (size_t i = 0; i < il_cell_result_n_cycles(r); i++) {
        const il_cell_cycle *c = il_cell_result_cycle(r, i);
        fprintf(f, "%zu,%.8g,%.8g,%.8g,%.8g\n", c->cycle, c->charge_uAh_cm2, c->discharge_uAh_cm2,
                c->coulombic_efficiency, c->immobilised_uAh_cm2);
    }
    return il_outfile_commit(of, err);
}

static json_t *ledger_json(const il_cell_ledger *l, const il_cell_params *p)
{
    const double A = IL_AVOGADRO;
    json_t *o = json_object();
    json_object_set_new(o, "cathode_atoms_cm2", il__json_number(l->cathode * A));
    json_object_set_new(o, "anode_mobile_atoms_cm2", il__json_number(l->anode_mobile * A));
    json_object_set_new(o, "anode_metal_atoms_cm2", il__json_number(l->anode_metal * A));
    json_object_set_new(o, "plated_atoms_cm2", il__json_number(l->plated * A));
    json_object_set_new(o, "electrolyte_atoms_cm2", il__json_number(l->electrolyte * A));
    json_t *in = json_array();
    for (size_t k = 0; k < p->n_interlayers; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "layer", json_string(p->interlayers[k].layer));
        json_object_set_new(e, "immobilised_atoms_cm2", il__json_number(l->interlayer_immobilised[k] * A));
        json_object_set_new(e, "reacted_atoms_cm2", il__json_number(l->interlayer_reacted[k] * A));
        json_object_set_new(e, "initial_atoms_cm2", il__json_number(l->interlayer_initial[k] * A));
        json_array_append_new(in, e);
    }
    json_object_set_new(o, "interlayers", in);
    json_object_set_new(o, "immobilised_atoms_cm2", il__json_number(l->immobilised * A));
    json_object_set_new(o, "immobilised_uAh_cm2", il__json_number(l->immobilised * IL_FARADAY / 3.6e-3));
    json_object_set_new(o, "total_atoms_cm2", il__json_number(l->total * A));
    json_object_set_new(o, "relative_error", il__json_number(l->relative_error));
    json_object_set_new(o, "charge_C_cm2", il__json_number(l->charge_C_cm2));
    json_object_set_new(o, "li_moved_atoms_cm2", il__json_number(l->li_moved_mol_cm2 * A));
    json_object_set_new(o, "faraday_relative_error", il__json_number(l->faraday_relative_error));
    return o;
}

static json_t *contact_json(const il_cell_result *r, const il_cell_params *p)
{
    json_t *o = json_object();
    const il_cell_contact *c = &p->contact;
    json_object_set_new(o, "enabled", json_boolean(il_cell_contact_enabled(c)));
    if (!il_cell_contact_enabled(c)) {
        json_object_set_new(o, "reason", json_string("no creep data (contact.creep_prefactor_"
                                                      "MPa_n_s, creep_exponent, creep_length_um,"
                                                      " void_height_um)"));
        return o;
    }
    double rho = strcmp(p->cathode.ocv, "Li") == 0 ? p->cathode.li_metal_density_g_cm3
                                                    : p->anode.li_metal_density_g_cm3;
    json_object_set_new(o, "stack_pressure_MPa", il__json_number(c->stack_pressure_MPa));
    json_object_set_new(o, "stripping_ccd_mA_cm2",
                        il__json_number(1e3 * il_cell_stripping_ccd_A_cm2(c, p->temperature_K, rho)));
    json_object_set_new(o, "assumptions", json_string(il_cell_contact_assumptions()));
    json_t *el = json_array();
    size_t n = il_cell_result_n_samples(r);
    for (int k = 0; k < 2; k++) {
        if (!contact_on(p, k))
            continue;
        double fmin, vmax;
        il_cell_result_contact_extremes(r, (il_cell_side)k, &fmin, &vmax);
        const il_cell_sample *last = il_cell_result_sample(r, n - 1);
        json_t *e = json_object();
        json_object_set_new(e, "layer", json_string(side_layer(p, k)));
        json_object_set_new(e, "max_void_nm", il__json_number(vmax));
        json_object_set_new(e, "min_contact_fraction", il__json_number(fmin));
        json_object_set_new(e, "final_void_nm", il__json_number(last->void_nm[k]));
        json_object_set_new(e, "final_interface_resistance_ohm_cm2",
                            il__json_number(last->interface_resistance_ohm_cm2[k]));
        json_array_append_new(el, e);
    }
    json_object_set_new(o, "electrodes", el);
    return o;
}

static il_status write_summary(const char *dir, const il_cell_result *r, const char *protocol,
                               il_error *err)
{
    const il_cell_params *p = il_cell_result_params(r);
    json_t *doc = json_object();
    json_object_set_new(doc, "name", json_string(p->name));
    json_object_set_new(doc, "protocol", json_string(protocol ? protocol : ""));
    json_object_set_new(doc, "temperature_K", il__json_number(p->temperature_K));
    size_t n = il_cell_result_n_samples(r);
    double worst = 0, worst_f = 0;
    for (size_t i = 0; i < n; i++) {
        worst = fmax(worst, il_cell_result_sample(r, i)->ledger.relative_error);
        worst_f = fmax(worst_f, il_cell_result_sample(r, i)->ledger.faraday_relative_error);
    }
    json_object_set_new(doc, "ledger_worst_relative_error", il__json_number(worst));
    json_object_set_new(doc, "faraday_worst_relative_error", il__json_number(worst_f));
    if (n) {
        const il_cell_sample *last = il_cell_result_sample(r, n - 1);
        json_object_set_new(doc, "end_time_s", il__json_number(last->time_s));
        json_object_set_new(doc, "final_ledger", ledger_json(&last->ledger, p));
        json_t *th = json_array();
        for (size_t k = 0; k < p->n_interlayers; k++) {
            json_t *e = json_object();
            json_object_set_new(e, "layer", json_string(p->interlayers[k].layer));
            json_object_set_new(e, "initial_thickness_nm", il__json_number(il_cell_result_sample(r, 0)->thickness_nm[k]));
            json_object_set_new(e, "final_thickness_nm", il__json_number(last->thickness_nm[k]));
            json_object_set_new(e, "final_resistance_ohm_cm2", il__json_number(last->resistance_ohm_cm2[k]));
            json_array_append_new(th, e);
        }
        json_object_set_new(doc, "interlayers", th);
    }
    if (n && (strcmp(p->cathode.ocv, "Li") == 0 || strcmp(p->anode.ocv, "Li") == 0))
        json_object_set_new(doc, "contact", contact_json(r, p));
    json_t *cy = json_array();
    for (size_t i = 0; i < il_cell_result_n_cycles(r); i++) {
        const il_cell_cycle *c = il_cell_result_cycle(r, i);
        json_t *e = json_object();
        json_object_set_new(e, "cycle", json_integer((json_int_t)c->cycle));
        json_object_set_new(e, "charge_uAh_cm2", il__json_number(c->charge_uAh_cm2));
        json_object_set_new(e, "discharge_uAh_cm2", il__json_number(c->discharge_uAh_cm2));
        json_object_set_new(e, "coulombic_efficiency", il__json_number(c->coulombic_efficiency));
        json_object_set_new(e, "immobilised_uAh_cm2", il__json_number(c->immobilised_uAh_cm2));
        json_array_append_new(cy, e);
    }
    json_object_set_new(doc, "cycles", cy);
    json_t *states = json_array();
    for (size_t k = 0; k < il_cell_result_n_states(r); k++) {
        json_t *e = json_object();
        char name[64];
        snprintf(name, sizeof name, "states/state_%03zu.yaml", k + 1);
        json_object_set_new(e, "time_s", il__json_number(il_cell_result_state_time_s(r, k)));
        json_object_set_new(e, "stack", json_string(name));
        json_array_append_new(states, e);
    }
    json_object_set_new(doc, "states", states);
    char path[4096];
    snprintf(path, sizeof path, "%s/summary.json", dir);
    char *text = NULL;
    il_status st = il__json_text(doc, &text, err);
    return il__write_made_text(path, st, text, err);
}

static il_status make_dir(const char *dir, il_error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return il_error_set(err, IL_ERR_IO, "%s: cannot create the folder: %s", dir, strerror(errno));
    return IL_OK;
}

il_status il_cell_write(const char *dir, const il_cell_result *r, const char *protocol_text,
                        il_error *err)
{
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/states", dir);
    il_status st;
    if ((st = make_dir(dir, err)) || (st = make_dir(sub, err)) ||
        (st = write_timeseries(dir, r, err)) || (st = write_ledger(dir, r, err)) ||
        (st = write_cycles(dir, r, err)) || (st = write_summary(dir, r, protocol_text, err)))
        return st;
    for (size_t k = 0; k < il_cell_result_n_states(r); k++) {
        il_stack *s;
        if ((st = il_cell_result_state_stack(r, k, &s, err)))
            return st;
        char path[4200];
        snprintf(path, sizeof path, "%s/state_%03zu.yaml", sub, k + 1);
        st = il_cell_write_stack_yaml(path, s, err);
        il_stack_free(s);
        if (st)
            return st;
    }
    return il__cell_write_plots(dir, r, err);
}
