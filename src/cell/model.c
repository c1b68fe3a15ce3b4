/* The cell model: parameters resolved against the stack, the right-hand side of the state
 * equations, the terminal voltage and the Li ledger (cell.h, docs/cell.md).
 *
 * Every Li flux leaves one state and enters another with the same expression, so the sum of
 * all Li is a linear invariant of the right-hand side; CVODE's BDF steps keep linear invariants
 * to rounding (each Newton correction conserves them), which is why the ledger closes to far
 * better than the solver tolerance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell/cell_internal.h"
#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "matter/layer_respec.h"

static const double THETA_EPS = 1e-9;

static double clamp01(double t)
{
    return t < THETA_EPS ? THETA_EPS : (t > 1 - THETA_EPS ? 1 - THETA_EPS : t);
}

static int find_layer(const il_stack *s, const char *name, size_t *out)
{
    for (size_t i = 0; i < il_stack_count(s); i++)
        if (strcmp(il_stack_layer(s, i)->name, name) == 0) {
            *out = i;
            return 1;
        }
    return 0;
}

static il_status bad(il_error *err, const char *key, const char *why, const char *val)
{
    return il_error_set(err, IL_ERR_INVALID, "%s: %s%s%s%s", key, why, val ? " '" : "",
                        val ? val : "", val ? "'" : "");
}

static il_status setup_electrode(il_cell *c, il_cell_elec *e, const il_cell_electrode *p,
                                 const char *key, il_error *err)
{
    char k[96];
    e->p = p;
    snprintf(k, sizeof k, "%s.layer", key);
    if (!p->layer[0])
        return bad(err, k, "missing: name the stack layer", NULL);
    if (!find_layer(c->stack, p->layer, &e->layer))
        return bad(err, k, "no stack layer named", p->layer);
    const il_layer *l = il_stack_layer(c->stack, e->layer);
    if (l->is_substrate)
        return bad(err, k, "an electrode cannot be the substrate", p->layer);
    snprintf(k, sizeof k, "%s.ocv", key);
    if (!il__cell_ocv_rows(p->ocv, &e->ocv_first, &e->ocv_n))
        return bad(err, k, "no OCV table (known: LiCoO2, LiMn2O4, Si, Li)", p->ocv);
    e->metal = strcmp(p->ocv, "Li") == 0;
    e->thickness_cm = l->thickness_nm * 1e-7;
    e->fu_cm3 = il__layer_formula_units_cm3(l);
    if (e->metal) {
        double rho = p->li_metal_density_g_cm3 > 0 ? p->li_metal_density_g_cm3 : 0.534;
        e->metal_molar_volume_cm3 = il_element_by_z(3)->atomic_weight_u / rho;
        if (!(l->li_atoms_cm2 > 0))
            return bad(err, k, "a Li metal electrode needs a Li layer in the stack, not",
                       l->material);
        return IL_OK;
    }
    snprintf(k, sizeof k, "%s.li_max_per_formula", key);
    if (!(p->li_max_per_formula > 0) || p->li_max_per_formula > 100)
        return bad(err, k, "must be > 0 (Li per formula unit at full lithiation)", NULL);
    snprintf(k, sizeof k, "%s.li_initial_per_formula", key);
    if (!(p->li_initial_per_formula >= 0) || p->li_initial_per_formula > p->li_max_per_formula)
        return bad(err, k, "must be between 0 and li_max_per_formula", NULL);
    snprintf(k, sizeof k, "%s.diffusivity_cm2_s", key);
    if (!(p->diffusivity_cm2_s > 0) || !isfinite(p->diffusivity_cm2_s))
        return bad(err, k, "must be > 0", NULL);
    snprintf(k, sizeof k, "%s.diffusivity_slope", key);
    if (!isfinite(p->diffusivity_slope) || fabs(p->diffusivity_slope) > 50)
        return bad(err, k, "must be between -50 and 50 (ln D per unit theta)", NULL);
    e->c_max_mol_cm3 = p->li_max_per_formula * e->fu_cm3 / IL_AVOGADRO;
    return IL_OK;
}

static double electrode_li(const il_cell_elec *e, const double *y)
{
    if (e->metal)
        return y[e->y0];
    double s = 0;
    for (size_t j = 0; j < e->n; j++)
        s += y[e->y0 + j];
    return s * e->c_max_mol_cm3 * e->thickness_cm / (double)e->n;
}

double il__cell_mean_x(const il_cell_elec *e, const double *y)
{
    if (e->metal)
        return y[e->y0] * e->metal_molar_volume_cm3 * 1e7; /* thickness in nm */
    double s = 0;
    for (size_t j = 0; j < e->n; j++)
        s += y[e->y0 + j];
    return s / (double)e->n * e->p->li_max_per_formula;
}

il_status il__cell_resize_state(il_cell *c, size_t n_vol, il_error *err)
{
    /* keep the amount in each electrode; profiles are resampled by their mean (a new run with
     * another resolution starts from the current mean state's profile, volume by volume) */
    size_t nc = c->cat.metal ? 1 : n_vol, na = c->an.metal ? 1 : n_vol;
    size_t nin = c->p.n_interlayers;
    size_t n = nc + na + 2 * nin + 2;
    double *y = calloc(n, sizeof *y);
    if (!y)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_cell_elec *es[2] = {&c->cat, &c->an};
    size_t ns[2] = {nc, na}, off = 0;
    for (int k = 0; k < 2; k++) {
        il_cell_elec *e = es[k];
        for (size_t j = 0; j < ns[k]; j++) {
            if (!c->y) {
                y[off + j] = e->metal ? 0 : e->p->li_initial_per_formula / e->p->li_max_per_formula;
            } else if (e->metal) {
                y[off + j] = c->y[e->y0];
            } else { /* volume j of the new grid takes the old volume at its centre */
                size_t o = (size_t)(((double)j + 0.5) / (double)ns[k] * (double)e->n);
                y[off + j] = c->y[e->y0 + (o < e->n ? o : e->n - 1)];
            }
        }
        if (!c->y && e->metal)
            y[off] = il_stack_layer(c->stack, e->layer)->li_atoms_cm2 / IL_AVOGADRO;
        off += ns[k];
    }
    for (size_t k = 0; k < nin; k++) {
        y[off + k] = c->y ? c->y[c->iL + k] : c->in[k].L0_nm;
        y[off + nin + k] = c->y ? c->y[c->iT + k] : 0;
    }
    y[off + 2 * nin] = c->y ? c->y[c->iQ] : 0;
    y[off + 2 * nin + 1] = c->y ? c->y[c->iQ + 1] : 0;
    free(c->y);
    c->y = y;
    c->n_vol = n_vol;
    c->cat.y0 = 0, c->cat.n = nc;
    c->an.y0 = nc, c->an.n = na;
    c->iL = off, c->iT = off + nin, c->iQ = off + 2 * nin, c->n_state = n;
    return IL_OK;
}

il_status il_cell_new(const il_cell_params *p, const il_stack *stack, il_cell **out, il_error *err)
{
    *out = NULL;
    il_cell *c = calloc(1, sizeof *c);
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    c->p = *p;
    il_status st = il_stack_clone(stack, &c->stack, err);
    if (st)
        goto fail;
    st = IL_ERR_INVALID;
    if (!(p->temperature_K > 0) || p->temperature_K > 2000) {
        bad(err, "temperature_K", "must be between 0 and 2000 K", NULL);
        goto fail;
    }
    if (!(p->area_cm2 > 0)) {
        bad(err, "area_cm2", "must be > 0", NULL);
        goto fail;
    }
    if (!(p->contact_resistance_ohm_cm2 >= 0) || !(p->nominal_capacity_uAh_cm2 >= 0)) {
        bad(err, "contact_resistance_ohm_cm2/nominal_capacity_uAh_cm2", "must be >= 0", NULL);
        goto fail;
    }
    if ((st = setup_electrode(c, &c->cat, &c->p.cathode, "cathode", err)) ||
        (st = setup_electrode(c, &c->an, &c->p.anode, "anode", err)))
        goto fail;
    st = IL_ERR_INVALID;
    if (c->cat.layer == c->an.layer) {
        bad(err, "anode.layer", "is the cathode's layer too:", p->anode.layer);
        goto fail;
    }
    if (!p->electrolyte.layer[0] || !find_layer(c->stack, p->electrolyte.layer, &c->electrolyte)) {
        bad(err, "electrolyte.layer", "no stack layer named", p->electrolyte.layer);
        goto fail;
    }
    size_t lo = c->cat.layer < c->an.layer ? c->cat.layer : c->an.layer;
    size_t hi = c->cat.layer < c->an.layer ? c->an.layer : c->cat.layer;
    if (c->electrolyte <= lo || c->electrolyte >= hi) {
        bad(err, "electrolyte.layer", "must lie between the cathode and the anode in the stack:",
            p->electrolyte.layer);
        goto fail;
    }
    if (!(p->electrolyte.conductivity_S_cm > 0)) {
        bad(err, "electrolyte.conductivity_S_cm", "must be > 0", NULL);
        goto fail;
    }
    const il_layer *le = il_stack_layer(c->stack, c->electrolyte);
    c->electrolyte_L_cm = le->thickness_nm * 1e-7;
    c->electrolyte_li_mol_cm2 = le->li_atoms_cm2 / IL_AVOGADRO;
    c->cat.electrolyte_below = c->cat.layer < c->electrolyte;
    c->an.electrolyte_below = c->an.layer < c->electrolyte;
    if (p->n_interlayers > IL_CELL_MAX_INTERLAYERS) {
        bad(err, "interlayers", "at most 4", NULL);
        goto fail;
    }
    for (size_t k = 0; k < p->n_interlayers; k++) {
        const il_cell_interlayer *ip = &c->p.interlayers[k];
        il_cell_inter *in = &c->in[k];
        char key[64];
        snprintf(key, sizeof key, "interlayers[%zu].layer", k + 1);
        in->p = ip;
        if (!find_layer(c->stack, ip->layer, &in->layer)) {
            bad(err, key, "no stack layer named", ip->layer);
            goto fail;
        }
        size_t el = ip->side == IL_CELL_SIDE_ANODE ? c->an.layer : c->cat.layer;
        size_t a = el < c->electrolyte ? el : c->electrolyte;
        size_t b = el < c->electrolyte ? c->electrolyte : el;
        if (in->layer <= a || in->layer >= b) {
            bad(err, key, "must lie between its electrode and the electrolyte:", ip->layer);
            goto fail;
        }
        const il_layer *l = il_stack_layer(c->stack, in->layer);
        in->L0_nm = l->thickness_nm;
        in->fu_cm3 = il__layer_formula_units_cm3(l);
        in->li_initial_mol_cm2 = l->li_atoms_cm2 / IL_AVOGADRO;
        snprintf(key, sizeof key, "interlayers[%zu]", k + 1);
        if (!(ip->ionic_conductivity_S_cm >= 0) || !(ip->electronic_conductivity_S_cm >= 0) ||
            !(ip->tunneling_conductance_S_cm2 >= 0) || !(ip->reaction_resistance_ohm_cm2 >= 0) ||
            !(ip->molar_volume_cm3_mol >= 0) || !(ip->tunneling_length_nm >= 0)) {
            bad(err, key, "conductivities, resistances and volumes must be >= 0", NULL);
            goto fail;
        }
        if (!(ip->ionic_conductivity_S_cm > 0)) {
            bad(err, key, "ionic_conductivity_S_cm must be > 0 for current to pass", NULL);
            goto fail;
        }
        if (!(ip->trap_fraction >= 0 && ip->trap_fraction <= 1) || !(ip->trap_capacity_mol_cm2 >= 0)) {
            bad(err, key, "trap_fraction must be 0..1 and trap_capacity_mol_cm2 >= 0", NULL);
            goto fail;
        }
    }
    if ((st = il__cell_resize_state(c, 20, err)))
        goto fail;
    il_cell_ledger led;
    il__cell_ledger(c, c->y, &led);
    c->initial_total = led.total;
    c->li_cathode_initial = led.cathode;
    *out = c;
    return IL_OK;
fail:
    il_cell_free(c);
    return st ? st : IL_ERR_INVALID;
}

void il_cell_free(il_cell *c)
{
    if (!c)
        return;
    il_stack_free(c->stack);
    free(c->y);
    free(c);
}

const il_cell_params *il_cell_get_params(const il_cell *c) { return &c->p; }

void il_cell_set_trap_law(il_cell *c, il_cell_trap_law law, void *user)
{
    c->trap = law;
    c->trap_user = user;
}

static double electrode_sites_uAh(const il_cell_elec *e)
{
    return e->c_max_mol_cm3 * e->thickness_cm * IL_FARADAY / 3.6e-3;
}

double il_cell_nominal_capacity_uAh_cm2(const il_cell *c)
{
    if (c->p.nominal_capacity_uAh_cm2 > 0)
        return c->p.nominal_capacity_uAh_cm2;
    if (!c->cat.metal)
        return 0.5 * electrode_sites_uAh(&c->cat);
    if (!c->an.metal)
        return electrode_sites_uAh(&c->an);
    return 1000.0; /* Li | SE | Li: no host to define it; 1 mAh/cm2 as a convention */
}

/* ---- kinetics and voltage ---- */

static double surface_theta(const il_cell_elec *e, const double *y)
{
    return e->metal ? 0.5 : y[e->y0];
}

static double electrode_ocv(const il_cell_elec *e, const double *y)
{
    if (e->metal)
        return 0.0;
    return il__cell_ocv_rows_V(e->ocv_first, e->ocv_n, clamp01(y[e->y0]) * e->p->li_max_per_formula);
}

static double overpotential(const il_cell *c, const il_cell_elec *e, const double *y, double i)
{
    double T = c->p.temperature_K;
    double i0 = e->p->exchange_current_A_cm2 * il__cell_temperature_factor(e->p->kinetics_activation_eV, T);
    if (!e->metal) {
        double th = clamp01(surface_theta(e, y));
        i0 *= 2 * sqrt(th * (1 - th));
    }
    if (!(i0 > 0))
        return 0.0; /* no kinetic limit given */
    return 2 * IL_GAS_CONSTANT_J_MOL_K * T / IL_FARADAY * asinh(i / (2 * i0));
}

static double ohmic_resistance(const il_cell *c, const double *y)
{
    double T = c->p.temperature_K;
    double r = c->p.contact_resistance_ohm_cm2 +
               c->electrolyte_L_cm / (c->p.electrolyte.conductivity_S_cm *
                                      il__cell_temperature_factor(c->p.electrolyte.activation_eV, T));
    for (size_t k = 0; k < c->p.n_interlayers; k++)
        r += il_cell_interlayer_resistance_ohm_cm2(c->in[k].p, y[c->iL + k], T);
    return r;
}

double il__cell_voltage(const il_cell *c, const double *y, double i)
{
    return electrode_ocv(&c->cat, y) - electrode_ocv(&c->an, y) + overpotential(c, &c->cat, y, i) +
           overpotential(c, &c->an, y, i) + i * ohmic_resistance(c, y);
}

double il__cell_current_for_voltage(const il_cell *c, const double *y, double v, double guess)
{
    /* V(i) rises strictly (ohmic and asinh terms), so a bracket then bisection-guarded secant */
    double r = ohmic_resistance(c, y);
    double step = fabs(guess) > 1e-12 ? fabs(guess) : (r > 0 ? 0.01 / r : 1e-6);
    double a = guess, b = guess;
    double fa = il__cell_voltage(c, y, a) - v, fb = fa;
    for (int k = 0; k < 200 && fa > 0; k++)
        b = a, fb = fa, a -= step, step *= 2, fa = il__cell_voltage(c, y, a) - v;
    for (int k = 0; k < 200 && fb < 0; k++)
        a = b, fa = fb, b += step, step *= 2, fb = il__cell_voltage(c, y, b) - v;
    if (fa == 0)
        return a;
    if (fb == 0)
        return b;
    for (int k = 0; k < 200 && b - a > 1e-15 * (fabs(a) + fabs(b)) + 1e-18; k++) {
        double m = a - fa * (b - a) / (fb - fa);
        if (!(m > a && m < b) || k % 3 == 2)
            m = 0.5 * (a + b);
        double fm = il__cell_voltage(c, y, m) - v;
        if (fm == 0)
            return m;
        if (fm < 0)
            a = m, fa = fm;
        else
            b = m, fb = fm;
    }
    return 0.5 * (a + b);
}

double il__cell_drive_current(il_cell_drive *d, const double *y)
{
    switch (d->kind) {
    case IL_CELL_STEP_CURRENT:
        return d->current_A_cm2;
    case IL_CELL_STEP_VOLTAGE:
        d->last_current = il__cell_current_for_voltage(d->c, y, d->voltage_V, d->last_current);
        return d->last_current;
    default:
        return 0.0;
    }
}

/* ---- right-hand side ---- */

static double diffusivity(const il_cell *c, const il_cell_elec *e, double theta)
{
    const il_cell_electrode *p = e->p;
    return p->diffusivity_cm2_s * exp(p->diffusivity_slope * (theta - 0.5)) *
           il__cell_temperature_factor(p->diffusion_activation_eV, c->p.temperature_K);
}

/* Finite volumes: source_mol (mol/cm2/s) enters volume 0, the electrolyte side; the far side
 * (current collector) is closed. Fluxes between volumes telescope, so the sum is exact. */
static void electrode_rhs(const il_cell *c, const il_cell_elec *e, const double *y, double source,
                          double *dy)
{
    if (e->metal) {
        dy[e->y0] = source;
        return;
    }
    size_t n = e->n;
    double dx = e->thickness_cm / (double)n, cap = e->c_max_mol_cm3 * dx;
    const double *th = y + e->y0;
    double *d = dy + e->y0;
    for (size_t j = 0; j < n; j++)
        d[j] = 0;
    for (size_t j = 0; j + 1 < n; j++) {
        double D = diffusivity(c, e, 0.5 * (th[j] + th[j + 1]));
        double J = -D * e->c_max_mol_cm3 * (th[j + 1] - th[j]) / dx; /* toward the collector */
        d[j] -= J;
        d[j + 1] += J;
    }
    d[0] += source;
    for (size_t j = 0; j < n; j++)
        d[j] /= cap;
}

static double default_trap(const il_cell_interlayer *p, double li_in, double trapped)
{
    if (!(li_in > 0) || p->trap_fraction == 0)
        return 0.0;
    double r = p->trap_fraction * li_in;
    if (p->trap_capacity_mol_cm2 > 0)
        r *= trapped < p->trap_capacity_mol_cm2 ? 1 - trapped / p->trap_capacity_mol_cm2 : 0;
    return r;
}

void il__cell_rhs(const il_cell *c, const double *y, double i, double *dy)
{
    double T = c->p.temperature_K;
    double flux = i / IL_FARADAY; /* Li mol/cm2/s from cathode to anode */
    double src_cat = -flux, src_an = flux;
    double u_cat = electrode_ocv(&c->cat, y), u_an = electrode_ocv(&c->an, y);
    for (size_t k = 0; k < c->p.n_interlayers; k++) {
        const il_cell_interlayer *p = c->in[k].p;
        int anode = p->side == IL_CELL_SIDE_ANODE;
        double L = y[c->iL + k];
        double drive = anode ? p->reaction_free_energy_eV - u_an : u_cat - p->reaction_free_energy_eV;
        double dL = il_cell_growth_rate_nm_s(p, L, drive, T); /* nm/s */
        double reacted = p->molar_volume_cm3_mol > 0 ? dL * 1e-7 / p->molar_volume_cm3_mol : 0;
        double li_in = anode ? flux : -flux;
        double trapped = c->trap ? c->trap(c->trap_user, k, li_in, y[c->iT + k])
                                 : default_trap(p, li_in, y[c->iT + k]);
        dy[c->iL + k] = dL;
        dy[c->iT + k] = trapped;
        if (anode)
            src_an -= reacted + trapped;
        else
            src_cat -= reacted + trapped;
    }
    electrode_rhs(c, &c->cat, y, src_cat, dy);
    electrode_rhs(c, &c->an, y, src_an, dy);
    dy[c->iQ] = i;
    dy[c->iQ + 1] = fabs(i); /* charge throughput: the scale of the Faraday check */
}

/* ---- ledger ---- */

void il__cell_ledger(const il_cell *c, const double *y, il_cell_ledger *L)
{
    memset(L, 0, sizeof *L);
    L->cathode = electrode_li(&c->cat, y);
    if (c->an.metal) {
        L->anode_metal = y[c->an.y0];
        L->plated = y[c->an.y0] - il_stack_layer(c->stack, c->an.layer)->li_atoms_cm2 / IL_AVOGADRO;
    } else {
        L->anode_mobile = electrode_li(&c->an, y);
    }
    L->electrolyte = c->electrolyte_li_mol_cm2;
    L->total = L->cathode + L->anode_mobile + L->anode_metal + L->electrolyte;
    double cat_side = 0;
    for (size_t k = 0; k < c->p.n_interlayers; k++) {
        const il_cell_interlayer *p = c->in[k].p;
        L->interlayer_immobilised[k] = y[c->iT + k];
        L->interlayer_reacted[k] = p->molar_volume_cm3_mol > 0
                                       ? (y[c->iL + k] - c->in[k].L0_nm) * 1e-7 / p->molar_volume_cm3_mol
                                       : 0;
        L->interlayer_initial[k] = c->in[k].li_initial_mol_cm2;
        L->immobilised += y[c->iT + k];
        L->total += L->interlayer_immobilised[k] + L->interlayer_reacted[k] + L->interlayer_initial[k];
        if (p->side == IL_CELL_SIDE_CATHODE)
            cat_side += L->interlayer_immobilised[k] + L->interlayer_reacted[k];
    }
    L->initial_total = c->initial_total > 0 ? c->initial_total : L->total;
    L->relative_error = fabs(L->total - L->initial_total) / L->initial_total;
    L->charge_C_cm2 = y[c->iQ];
    /* the Li the current carried out of the cathode: what it lost, less what its own side's
     * interlayers took from it */
    double c0 = c->initial_total > 0 ? c->li_cathode_initial : L->cathode;
    L->li_moved_mol_cm2 = c0 - L->cathode - cat_side;
    double q = L->charge_C_cm2 / IL_FARADAY;
    L->throughput_C_cm2 = y[c->iQ + 1];
    double scale = fmax(L->throughput_C_cm2 / IL_FARADAY, fmax(fabs(L->li_moved_mol_cm2), fabs(q)));
    L->faraday_relative_error = scale > 0 ? fabs(q - L->li_moved_mol_cm2) / scale : 0;
}
