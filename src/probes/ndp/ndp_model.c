/* NDP forward model construction: slices, reactive isotopes per layer, and the exit energies of
 * every followed particle from every slice boundary at every exit-angle node, computed by the
 * stopping engine (il_depth_energy_curve) through the sample and then the gas, foil and dead
 * layer in front of the detector. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/elements.h"
#include "interlayer/material.h"
#include "probes/ndp/ndp_exit.h"
#include "interlayer/constants.h"
#include "probes/ndp/ndp_model_priv.h"

#define MAX_SLICES 20000

void il_ndp_model_free(il_ndp_model *m)
{
    if (!m)
        return;
    free(m->layer_name);
    free(m->layer_top);
    free(m->iso_cm3);
    free(m->frac);
    free(m->edge);
    free(m->slice_layer);
    free(m->slice_iso);
    free(m->exitE);
    free(m->exitS);
    free(m->ch_edge);
    free(m->ch_centre);
    free(m->bkg);
    free(m);
}

/* Resolves an instrument material (foil, gas, detector) to a formula and number density. */
static il_status resolve_material(const char *what, const char *text, il_formula *f,
                                  double *atoms_cm3, il_error *err)
{
    il_material_resolved r;
    il_status st = il_material_resolve(NULL, text, 0, &r, err);
    if (st) {
        if (err) /* the column points into the material text, not into any input file */
            err->line = err->column = 0;
        il_error_prefix(err, "instrument %s: ", what);
        return st;
    }
    *f = r.formula;
    il_composition c;
    st = il_composition_from_formula(&r.formula, NULL, 0, &c, err);
    if (!st)
        st = il_composition_number_density(&c, r.density_g_cm3, atoms_cm3, err);
    if (st)
        il_error_prefix(err, "instrument %s: ", what);
    return st;
}

/* Isotope densities come from il_layer_isotopes (il_composition_atoms_cm3 of the layer's
 * composition); the fraction sums them so it is the one the simulation has always used. */
static double iso_fraction(const il_layer *L, int Z, int A)
{
    il_layer_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n = il_layer_isotopes(L, iso, IL_FORMULA_ISOTOPES_MAX);
    double el = 0, is = 0;
    for (size_t i = 0; i < n; i++)
        if (iso[i].Z == Z) {
            el += iso[i].atoms_cm3;
            if (iso[i].A == A)
                is += iso[i].atoms_cm3;
        }
    if (el > 0)
        return is / el;
    for (size_t i = 0; i < L->n_enrich; i++)
        if (L->enrich[i].Z == Z && L->enrich[i].A == A)
            return L->enrich[i].fraction;
    return il_isotope_abundance(Z, A);
}

static double iso_density(const il_layer *L, int Z, int A)
{
    il_layer_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n = il_layer_isotopes(L, iso, IL_FORMULA_ISOTOPES_MAX);
    for (size_t i = 0; i < n; i++)
        if (iso[i].Z == Z && iso[i].A == A)
            return iso[i].atoms_cm3;
    return 0;
}

il_status il_ndp_model_new(const il_stack *stack, const il_ndp_instrument *ins,
                           il_ndp_model **out, il_error *err)
{
    *out = NULL;
    il_status st = il_ndp_instrument_check(ins, err);
    if (st)
        return st;
    size_t nl = il_stack_count(stack);
    if (nl == 0)
        return il_error_set(err, IL_ERR_INVALID, "the stack has no layers");
    il_ndp_model *m = calloc(1, sizeof *m);
    if (!m)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    m->ins = *ins;
    m->nl = nl;
    m->nr = il_reaction_count() < NDP_MAX_REACTIONS ? il_reaction_count() : NDP_MAX_REACTIONS;
    for (size_t r = 0; r < m->nr; r++)
        il_reaction_get(r, &m->rx[r], NULL);
    m->layer_name = calloc(nl, sizeof *m->layer_name);
    m->layer_top = calloc(nl + 1, sizeof *m->layer_top);
    m->iso_cm3 = calloc(nl * m->nr, sizeof *m->iso_cm3);
    m->frac = calloc(nl * m->nr, sizeof *m->frac);
    if (!m->layer_name || !m->layer_top || !m->iso_cm3 || !m->frac) {
        il_ndp_model_free(m);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }

    /* Which elements are present (any layer), and so which reactions matter. Li always, so
     * that a Li profile can be put into a Li-free stack (inversion, charged states). */
    int present[IL_Z_MAX + 1] = {0};
    present[3] = 1;
    for (size_t l = 0; l < nl; l++) {
        const il_layer *L = il_stack_layer(stack, l);
        for (size_t i = 0; i < L->formula.n; i++)
            present[L->formula.Z[i]] = 1;
        for (size_t k = 0; k < il_layer_n_profiles(L); k++)
            present[il_layer_profile_get(L, k)->Z] = 1; /* a profile may bring an element in */
    }
    int need_ion[IL_ION_COUNT] = {0};
    for (size_t r = 0; r < m->nr; r++) {
        const il_reaction *R = &m->rx[r];
        if (R->target_Z < 1 || R->target_Z > IL_Z_MAX || !present[R->target_Z] ||
            !(R->branch_fraction > 0))
            continue;
        for (int w = 0; w < 2; w++) {
            il_ion ion;
            if (il_ion_from_nuclide(R->particle_Z[w], R->particle_A[w], &ion, NULL))
                continue; /* heavy recoil: the stopping engine covers 1H..4He only */
            il_ndp_particle *P = &m->part[m->np];
            memset(P, 0, sizeof *P);
            if (strcmp(R->id, "6Li_na_3H") == 0)
                snprintf(P->key, sizeof P->key, "%s", w == 0 ? "alpha" : "triton");
            else
                snprintf(P->key, sizeof P->key, "%s_%s", R->id, R->particle[w]);
            snprintf(P->reaction, sizeof P->reaction, "%s", R->id);
            P->target_Z = R->target_Z;
            P->target_A = R->target_A;
            P->Z = R->particle_Z[w];
            P->A = R->particle_A[w];
            P->E0_keV = R->particle_keV[w];
            P->sigma_b = il_reaction_sigma_b(R, ins->neutron_meV);
            m->part_rx[m->np] = r;
            m->np++;
            need_ion[ion] = 1;
        }
    }

    /* Layers: names, tops, isotopes; their stopping comes from the stack->stopping bridge. */
    double top = 0, max_E0 = 0;
    for (size_t p = 0; p < m->np; p++)
        max_E0 = fmax(max_E0, m->part[p].E0_keV);
    for (size_t l = 0; l < nl && !st; l++) {
        const il_layer *L = il_stack_layer(stack, l);
        snprintf(m->layer_name[l], sizeof m->layer_name[l], "%s", L->name);
        m->layer_top[l] = top;
        for (size_t r = 0; r < m->nr; r++) {
            m->iso_cm3[l * m->nr + r] = iso_density(L, m->rx[r].target_Z, m->rx[r].target_A);
            m->frac[l * m->nr + r] = iso_fraction(L, m->rx[r].target_Z, m->rx[r].target_A);
        }
        if (!L->is_substrate)
            top += L->thickness_nm;
    }
    il_stack_stopping *sample[IL_ION_COUNT];
    st = ndp_sample_make(stack, need_ion, sample, err);
    /* Bottom of the model: the finite layers, plus as much of a substrate holding reactive
     * isotopes as the fastest particle can escape from (its CSDA range there). */
    double bottom = top;
    if (!st && il_stack_layer(stack, nl - 1)->is_substrate) {
        int reactive = 0;
        for (size_t r = 0; r < m->nr; r++)
            reactive |= m->iso_cm3[(nl - 1) * m->nr + r] > 0;
        if (reactive && m->np > 0) {
            double rmax = 0;
            for (size_t p = 0; p < m->np; p++) {
                il_ion ion; /* a light ion: checked when the particle was added */
                il_ion_from_nuclide(m->part[p].Z, m->part[p].A, &ion, NULL);
                double rn = ndp_range_nm(&il_stack_stopping_layers(sample[ion])[nl - 1],
                                         m->part[p].E0_keV);
                if (isfinite(rn))
                    rmax = fmax(rmax, rn);
            }
            bottom = top + rmax;
        }
    }
    m->layer_top[nl] = bottom;

    /* Slices aligned to interfaces. */
    size_t ns = 0;
    for (size_t l = 0; l < nl && !st; l++) {
        double t = (l + 1 < nl ? m->layer_top[l + 1] : bottom) - m->layer_top[l];
        if (t > 0)
            ns += (size_t)ceil(t / ins->slice_nm - 1e-9);
    }
    if (!st && (ns == 0 || ns > MAX_SLICES))
        st = il_error_set(err, IL_ERR_INVALID,
                          "the stack gives %zu depth slices of %g nm; need 1..%d (change "
                          "slice_nm)",
                          ns, ins->slice_nm, MAX_SLICES);
    if (!st) {
        m->ns = ns;
        m->edge = malloc((ns + 1) * sizeof *m->edge);
        m->slice_layer = malloc(ns * sizeof *m->slice_layer);
        if (!m->edge || !m->slice_layer)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    if (!st) {
        size_t s = 0;
        for (size_t l = 0; l < nl; l++) {
            double a = m->layer_top[l], b = l + 1 < nl ? m->layer_top[l + 1] : bottom;
            if (b <= a)
                continue;
            size_t k = (size_t)ceil((b - a) / ins->slice_nm - 1e-9);
            for (size_t i = 0; i < k; i++) {
                m->edge[s] = a + (b - a) * (double)i / (double)k;
                m->slice_layer[s] = l;
                s++;
            }
        }
        m->edge[ns] = bottom;
        st = ndp_slice_isotopes(m, stack, err);
    }

    /* Angle nodes and the media in front of the detector. */
    if (!st) {
        m->nk = il_ndp_angle_distribution(ins, m->ang, NDP_MAX_ANGLES, err);
        if (m->nk == 0)
            st = err && err->code ? err->code
                                  : il_error_set(err, IL_ERR_INVALID,
                                                 "the detector sees no exit angle above the "
                                                 "sample plane");
        m->omega_sr = 0;
        for (size_t k = 0; k < m->nk; k++)
            m->omega_sr += m->ang[k].weight_sr;
    }
    size_t n_front = 0;
    ndp_medium front[3]; /* up to 3: dead layer, foil, gas (outermost first in path) */
    memset(front, 0, sizeof front);
    int front_kind[3];
    if (!st && ins->dead_layer_nm > 0) {
        il_formula f;
        double n;
        st = resolve_material("detector_material", ins->detector_material, &f, &n, err);
        if (!st) {
            front[n_front].atoms_cm3 = n;
            front[n_front].thickness_nm = ins->dead_layer_nm;
            front_kind[n_front] = 0;
            st = ndp_medium_make(&f, need_ion, &front[n_front++], err);
        }
    }
    if (!st && ins->foil[0] && ins->foil_nm > 0) {
        il_formula f;
        double n;
        st = resolve_material("foil", ins->foil, &f, &n, err);
        if (!st) {
            front[n_front].atoms_cm3 = n;
            front[n_front].thickness_nm = ins->foil_nm;
            front_kind[n_front] = 0;
            st = ndp_medium_make(&f, need_ion, &front[n_front++], err);
        }
    }
    if (!st && ins->gas[0] && ins->gas_pressure_mbar > 0) {
        il_formula f;
        double n;
        st = resolve_material("gas", ins->gas, &f, &n, err);
        if (!st) {
            /* Ideal gas: molecules/cm3 = p / (k T) * 1e-6, times atoms per molecule. */
            front[n_front].atoms_cm3 = ins->gas_pressure_mbar * 100 /
                                       (IL_BOLTZMANN_J_PER_K * ins->gas_temperature_K) * 1e-6 *
                                       il_formula_atoms(&f);
            front[n_front].thickness_nm = ins->distance_mm * 1e6;
            front_kind[n_front] = 1;
            st = ndp_medium_make(&f, need_ion, &front[n_front++], err);
        }
    }

    /* Exit energies. */
    size_t nb = m->ns + 1;
    if (!st) {
        m->exitE = calloc(m->np * m->nk * nb + 1, sizeof *m->exitE);
        m->exitS = calloc(m->np * m->nk * nb + 1, sizeof *m->exitS);
        if (!m->exitE || !m->exitS)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    double *depth = !st ? malloc(nb * sizeof *depth) : NULL;
    il_slab *lay = !st ? malloc((nl + 3) * sizeof *lay) : NULL;
    if (!st && (!depth || !lay))
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t p = 0; p < m->np && !st; p++) {
        il_ion ion;
        il_ion_from_nuclide(m->part[p].Z, m->part[p].A, &ion, NULL);
        const il_slab *layers = il_stack_stopping_layers(sample[ion]);
        for (size_t k = 0; k < m->nk && !st; k++) {
            const il_ndp_angle_node *A = &m->ang[k];
            /* The particle crosses the gas (along its ray), then the foil and the dead layer
             * (at the incidence angle on the detector). As "layers" above the sample seen at
             * the exit angle theta, each gets the thickness that gives the right path:
             * path * cos(theta). */
            size_t n = 0;
            double off = 0;
            for (size_t f = n_front; f-- > 0;) {
                double path = front_kind[f] == 1 ? front[f].thickness_nm
                                                 : front[f].thickness_nm / A->cos_detector;
                lay[n].stopping = front[f].s[ion];
                lay[n].atoms_cm3 = front[f].atoms_cm3;
                lay[n].thickness_nm = path * A->cos_exit;
                off += lay[n].thickness_nm;
                n++;
            }
            for (size_t l = 0; l < nl; l++) {
                lay[n] = layers[l];
                if (isinf(lay[n].thickness_nm) && l + 1 < nl)
                    lay[n].thickness_nm = 0;
                n++;
            }
            /* A finite stack: let the last layer reach the model bottom. */
            if (!isinf(lay[n - 1].thickness_nm))
                lay[n - 1].thickness_nm += 1e-6;
            for (size_t b = 0; b < nb; b++)
                depth[b] = off + m->edge[b];
            double theta = acos(fmin(1.0, A->cos_exit)) * 180 / IL_PI;
            st = ndp_exit_curve(lay, n, m->part[p].E0_keV, theta, depth, nb,
                                m->exitE + (p * m->nk + k) * nb, m->exitS + (p * m->nk + k) * nb,
                                err);
            if (st)
                il_error_prefix(err, "%s exit energies: ", m->part[p].key);
        }
    }
    free(depth);
    free(lay);
    ndp_sample_free(sample);
    for (size_t i = 0; i < 3; i++)
        ndp_medium_free(&front[i]);

    /* Channels and background. */
    if (!st) {
        m->nch = (size_t)ins->channels;
        m->ch_edge = malloc((m->nch + 1) * sizeof *m->ch_edge);
        m->ch_centre = malloc(m->nch * sizeof *m->ch_centre);
        m->bkg = malloc(m->nch * sizeof *m->bkg);
        if (!m->ch_edge || !m->ch_centre || !m->bkg)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    if (!st) {
        for (size_t c = 0; c <= m->nch; c++)
            m->ch_edge[c] = il_ndp_channel_energy_keV(ins, (double)c - 0.5);
        for (size_t c = 0; c < m->nch; c++) {
            double e = il_ndp_channel_energy_keV(ins, (double)c);
            m->ch_centre[c] = e;
            double w = m->ch_edge[c + 1] - m->ch_edge[c];
            double tail = e > 0 ? ins->bkg_tail_cps_keV * exp(-e / ins->bkg_tail_decay_keV)
                                : ins->bkg_tail_cps_keV;
            m->bkg[c] = ins->live_time_s * w * (ins->bkg_flat_cps_keV + tail);
        }
    }
    if (st) {
        il_ndp_model_free(m);
        return st;
    }
    *out = m;
    return IL_OK;
}

const il_ndp_instrument *il_ndp_model_instrument(const il_ndp_model *m) { return &m->ins; }
size_t il_ndp_model_n_slices(const il_ndp_model *m) { return m->ns; }
const double *il_ndp_model_slice_edges_nm(const il_ndp_model *m) { return m->edge; }
size_t il_ndp_model_slice_layer(const il_ndp_model *m, size_t s) { return m->slice_layer[s]; }
size_t il_ndp_model_n_layers(const il_ndp_model *m) { return m->nl; }
const char *il_ndp_model_layer_name(const il_ndp_model *m, size_t l)
{
    return l < m->nl ? m->layer_name[l] : "";
}
double il_ndp_model_layer_top_nm(const il_ndp_model *m, size_t l)
{
    return l <= m->nl ? m->layer_top[l] : NAN;
}
size_t il_ndp_model_n_particles(const il_ndp_model *m) { return m->np; }
const il_ndp_particle *il_ndp_model_particle(const il_ndp_model *m, size_t p)
{
    return p < m->np ? &m->part[p] : NULL;
}

void il_ndp_model_concentration(const il_ndp_model *m, int Z, double *conc)
{
    for (size_t s = 0; s < m->ns; s++) {
        size_t l = m->slice_layer[s];
        /* Element density = isotope density / its fraction, from any reaction on Z. */
        double c = 0;
        for (size_t r = 0; r < m->nr; r++)
            if (m->rx[r].target_Z == Z && m->frac[l * m->nr + r] > 0) {
                c = m->slice_iso[s * m->nr + r] / m->frac[l * m->nr + r];
                break;
            }
        conc[s] = c;
    }
}

double ndp_slice_factor(const il_ndp_model *m, size_t p, size_t s)
{
    /* barn = 1e-24 cm2, nm = 1e-7 cm */
    double t_cm = (m->edge[s + 1] - m->edge[s]) * 1e-7;
    return m->ins.fluence_rate_n_cm2_s * m->ins.live_time_s * m->part[p].sigma_b * 1e-24 * t_cm;
}
