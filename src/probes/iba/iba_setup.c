/* The stack side of an IBA simulation: per layer the composition and the stopping of the beam
 * and of every detected particle, the foil, and the path out to the detector. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/stack_stopping.h"
#include "probes/iba/iba_priv.h"

/* A top for the stopping tables: above anything a beam or product of IBA reaches (NRA alphas
 * of 7Li(p,a) at 7 MeV protons carry ~12 MeV). */
#define IBA_EMAX_keV 1e5

double il__iba_mass(int Z, int A)
{
    double m;
    if (A > 0 && il_nuclide_mass_u(Z, A, &m, NULL) == IL_OK)
        return m;
    const il_element *e = il_element_by_z(Z);
    return e ? e->atomic_weight_u : 0.0;
}

/* The stopping tables take the ion's velocity from E / M with the bare-nucleus mass (as the
 * ICRU-49 tables do): the atomic mass less Z electrons (2.7e-4 lighter for 4He). */
static il_status stopping_for(const il_composition *c, double factor, int Z1, double M1_atomic,
                              il_straggling_model model, double emax_keV, il_ion_stopping **out,
                              il_error *err)
{
    double M1 = M1_atomic - Z1 * IL_ELECTRON_MASS_U;
    il_stopping_target t;
    il_composition_stopping_target(c, factor, &t);
    t.straggling = model;
    return il_ion_stopping_new(Z1, M1, &t, emax_keV, out, err);
}

void il__iba_setup_free(iba_setup *S)
{
    if (!S)
        return;
    for (size_t i = 0; i < S->n_layers; i++) {
        if (S->beam_stop)
            il_ion_stopping_free(S->beam_stop[i]);
        for (size_t t = 0; t < S->n_types && S->out_stop; t++)
            if (!S->shares_beam[t])
                il_ion_stopping_free(S->out_stop[t * S->n_layers + i]);
    }
    for (size_t t = 0; t < S->n_types; t++) {
        il_ion_stopping_free(S->foil_stop[t]);
        il_ion_stopping_free(S->window_stop[t]);
        il__iba_phd_free(S->phd[t]);
    }
    free(S->beam_stop);
    free(S->out_stop);
    free(S->layer);
    free(S->areal_tfu);
    free(S->comp);
    free(S);
}

/* The detector's response to particle type t: resolution, dead layer, pulse-height defect. */
static il_status detector_for(iba_setup *S, size_t t, iba_particle p, il_error *err)
{
    double fw = il__iba_resolution_fwhm(&S->o, p.Z, p.A);
    S->res2[t] = pow(fw / 2.3548200450309493, 2);
    S->window_stop[t] = NULL;
    S->phd[t] = NULL;
    double bare = p.M - p.Z * IL_ELECTRON_MASS_U;
    if (S->o.detector_window_tfu > 0.0) {
        static const int si[1] = {14};
        static const double one[1] = {1.0};
        il_stopping_target w = {.Z = si, .atoms = one, .n = 1, .straggling = S->o.straggling};
        il_status st = il_ion_stopping_new(p.Z, bare, &w, S->emax_keV, &S->window_stop[t], err);
        if (st)
            return st;
    }
    if (S->o.pulse_height_defect) {
        il_status st = il__iba_phd_new(p.Z, bare, S->emax_keV, &S->phd[t], err);
        if (st) {
            il_ion_stopping_free(S->window_stop[t]);
            S->window_stop[t] = NULL;
            return st;
        }
    }
    return IL_OK;
}

il_status il__iba_type(iba_setup *S, int Z, int A, size_t *index, il_error *err)
{
    for (size_t t = 0; t < S->n_types; t++)
        if (S->type[t].Z == Z && S->type[t].A == A) {
            *index = t;
            return IL_OK;
        }
    if (S->n_types == IBA_MAX_TYPES)
        return il_error_set(err, IL_ERR_RANGE, "more than %d kinds of detected particles",
                            IBA_MAX_TYPES);
    size_t t = S->n_types;
    iba_particle p = {Z, A, il__iba_mass(Z, A)};
    /* the backscattered beam ion: the beam's own tables */
    S->shares_beam[t] = Z == S->beam.Z && A == S->beam.A;
    for (size_t i = 0; i < S->n_layers && S->shares_beam[t]; i++)
        S->out_stop[t * S->n_layers + i] = S->beam_stop[i];
    for (size_t i = 0; i < S->n_layers && !S->shares_beam[t]; i++) {
        il_status st = stopping_for(&S->comp[i], S->layer[i]->stopping_factor, Z, p.M,
                                    S->o.straggling, S->emax_keV, &S->out_stop[t * S->n_layers + i],
                                    err);
        if (st) {
            for (size_t k = 0; k < i; k++)
                il_ion_stopping_free(S->out_stop[t * S->n_layers + k]);
            return st;
        }
    }
    S->foil_stop[t] = NULL;
    if (S->o.foil.n && S->o.foil.areal_tfu > 0.0) {
        il_stopping_target ft = {.Z = S->o.foil.Z, .atoms = S->o.foil.atoms, .n = S->o.foil.n,
                                 .straggling = S->o.straggling};
        il_status st = il_ion_stopping_new(Z, p.M - Z * IL_ELECTRON_MASS_U, &ft, S->emax_keV,
                                           &S->foil_stop[t], err);
        if (st) {
            for (size_t k = 0; k < S->n_layers && !S->shares_beam[t]; k++)
                il_ion_stopping_free(S->out_stop[t * S->n_layers + k]);
            il_error_prefix(err, "range foil: ");
            return st;
        }
    }
    il_status st = detector_for(S, t, p, err);
    if (st) {
        for (size_t k = 0; k < S->n_layers && !S->shares_beam[t]; k++)
            il_ion_stopping_free(S->out_stop[t * S->n_layers + k]);
        il_ion_stopping_free(S->foil_stop[t]);
        S->foil_stop[t] = NULL;
        return st;
    }
    S->type[t] = p;
    S->n_types++;
    *index = t;
    return IL_OK;
}

static il_status check_options(const il_iba_options *o, il_error *err)
{
    if (!(o->energy_keV > 0.0 && o->energy_keV < IBA_EMAX_keV))
        return il_error_set(err, IL_ERR_INVALID, "beam energy %g keV: expected 0 < E < %g keV",
                            o->energy_keV, IBA_EMAX_keV);
    if (!il_element_by_z(o->beam_Z) || o->beam_A < o->beam_Z)
        return il_error_set(err, IL_ERR_INVALID, "beam ion Z=%d A=%d is not a nuclide",
                            o->beam_Z, o->beam_A);
    if (!(o->energy_spread_keV >= 0.0) || !(o->resolution_keV >= 0.0))
        return il_error_set(err, IL_ERR_INVALID, "energy spread %g keV / resolution %g keV: "
                            "expected values >= 0", o->energy_spread_keV, o->resolution_keV);
    if (!(o->fluence > 0.0) || !(o->solid_angle_msr > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "fluence %g, solid angle %g msr: expected "
                            "positive values", o->fluence, o->solid_angle_msr);
    if (o->channels < 1 || o->channels > (1u << 20))
        return il_error_set(err, IL_ERR_INVALID, "%zu channels: expected 1..%u", o->channels,
                            1u << 20);
    if (!(o->cal_gain_keV > 0.0) || !isfinite(o->cal_offset_keV) || !isfinite(o->cal_quad_keV))
        return il_error_set(err, IL_ERR_INVALID, "calibration gain %g keV/channel: expected a "
                            "positive gain and finite offset and quadratic term",
                            o->cal_gain_keV);
    /* the calibration must rise over the channels */
    double x = (double)o->channels;
    if (!(o->cal_gain_keV + 2.0 * o->cal_quad_keV * x > 0.0 && o->cal_gain_keV > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "calibration quadratic term %g keV/channel^2 "
                            "makes the energy fall before channel %zu", o->cal_quad_keV,
                            o->channels);
    for (size_t i = 0; i < o->n_particle_resolution; i++)
        if (!(o->particle_resolution[i].fwhm_keV >= 0.0))
            return il_error_set(err, IL_ERR_INVALID, "resolution %g keV for particle Z=%d A=%d: "
                                "expected >= 0", o->particle_resolution[i].fwhm_keV,
                                o->particle_resolution[i].Z, o->particle_resolution[i].A);
    if (!(o->detector_window_tfu >= 0.0) || !(o->beam_spot_mm >= 0.0) ||
        !(o->aperture_mm >= 0.0) || !(o->detector_distance_mm >= 0.0))
        return il_error_set(err, IL_ERR_INVALID, "detector window %g tfu, beam spot %g mm, "
                            "aperture %g mm, distance %g mm: expected values >= 0",
                            o->detector_window_tfu, o->beam_spot_mm, o->aperture_mm,
                            o->detector_distance_mm);
    if ((o->beam_spot_mm > 0.0 || o->aperture_mm > 0.0) && !(o->detector_distance_mm > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "beam spot %g mm / aperture %g mm given "
                            "without the detector distance (mm)", o->beam_spot_mm,
                            o->aperture_mm);
    if ((o->real_time_s > 0.0 || o->live_time_s > 0.0) &&
        !(o->real_time_s > 0.0 && o->live_time_s > 0.0 && o->live_time_s <= o->real_time_s))
        return il_error_set(err, IL_ERR_INVALID, "live time %g s, real time %g s: expected "
                            "0 < live <= real", o->live_time_s, o->real_time_s);
    if (!(o->pileup_time_us >= 0.0) || (o->pileup_time_us > 0.0 && !(o->real_time_s > 0.0)))
        return il_error_set(err, IL_ERR_INVALID, "pile-up resolving time %g us: expected >= 0, "
                            "with the real and live time of the measurement (the count rate)",
                            o->pileup_time_us);
    if (o->foil.n && !(o->foil.areal_tfu >= 0.0))
        return il_error_set(err, IL_ERR_INVALID, "range foil thickness %g tfu: expected >= 0",
                            o->foil.areal_tfu);
    return IL_OK;
}

il_status il__iba_setup_new(const il_stack *stack, const il_iba_options *o, iba_setup **out,
                            il_error *err)
{
    *out = NULL;
    il_status st = check_options(o, err);
    if (st)
        return st;
    double beta;
    if ((st = il_iba_exit_angle(o, &beta, err)))
        return st;
    size_t n = il_stack_count(stack);
    if (n == 0)
        return il_error_set(err, IL_ERR_INVALID, "the stack has no layers");
    iba_setup *S = calloc(1, sizeof *S);
    if (!S)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    S->o = *o;
    S->beta_deg = beta;
    S->cos_a = cos(o->alpha_deg * IL_PI / 180.0);
    S->cos_b = cos(beta * IL_PI / 180.0);
    S->beam = (iba_particle){o->beam_Z, o->beam_A, il__iba_mass(o->beam_Z, o->beam_A)};
    /* kinematic broadening: the aperture (uniform over its width) and the beam spot (Gaussian
     * FWHM, seen from the detector foreshortened by cos(beta)/cos(alpha)) spread the
     * scattering angle */
    if (o->detector_distance_mm > 0.0) {
        double ap = o->aperture_mm / sqrt(12.0);
        double sp = o->beam_spot_mm / 2.3548200450309493 * S->cos_b / S->cos_a;
        S->geo_sd_rad = sqrt(ap * ap + sp * sp) / o->detector_distance_mm;
    }
    /* the tables reach just above the highest energy any particle can have: the beam's, or a
     * reaction product's (at most E0 + Q); a smaller table is quicker to build */
    double qmax = 0.0;
    for (size_t i = 0; i < o->n_sigma; i++)
        qmax = fmax(qmax, il_sigma_table_info(o->sigma[i])->Q_keV);
    S->emax_keV = fmin(IBA_EMAX_keV, 1.05 * (o->energy_keV + qmax) + 50.0);
    S->n_layers = n;
    S->layer = calloc(n, sizeof *S->layer);
    S->areal_tfu = calloc(n, sizeof *S->areal_tfu);
    S->comp = calloc(n, sizeof *S->comp);
    S->beam_stop = calloc(n, sizeof *S->beam_stop);
    S->out_stop = calloc(n * IBA_MAX_TYPES, sizeof *S->out_stop);
    if (!S->layer || !S->areal_tfu || !S->comp || !S->beam_stop || !S->out_stop) {
        il__iba_setup_free(S);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(stack, i);
        S->layer[i] = l;
        S->areal_tfu[i] = l->is_substrate ? INFINITY : l->areal_tfu;
        if ((st = il_layer_composition(l, &S->comp[i], err)) ||
            (st = stopping_for(&S->comp[i], l->stopping_factor, S->beam.Z, S->beam.M,
                               o->straggling, S->emax_keV, &S->beam_stop[i], err))) {
            il_error_prefix(err, "layer %zu (%s): ", i + 1, l->name);
            il__iba_setup_free(S);
            return st;
        }
    }
    *out = S;
    return IL_OK;
}

double il__iba_exit(const iba_setup *S, size_t t, size_t layer, double x, double E, double *var)
{
    const size_t nl = S->n_layers;
    E = il_ion_stopping_advance(S->out_stop[t * nl + layer], E, x / S->cos_b, var);
    for (size_t i = layer; i-- > 0 && E > 0.0;)
        E = il_ion_stopping_advance(S->out_stop[t * nl + i], E, S->areal_tfu[i] / S->cos_b, var);
    if (E > 0.0 && S->foil_stop[t])
        E = il_ion_stopping_advance(S->foil_stop[t], E, S->o.foil.areal_tfu, var);
    if (E > 0.0 && S->window_stop[t])
        E = il_ion_stopping_advance(S->window_stop[t], E, S->o.detector_window_tfu, var);
    if (E > 0.0 && S->phd[t]) {
        double slope;
        E = il__iba_phd_pulse(S->phd[t], E, &slope);
        if (var)
            *var *= slope * slope;
    }
    return E;
}

il_status il__iba_setup_restack(iba_setup *S, const il_stack *stack, il_error *err)
{
    size_t n = il_stack_count(stack);
    if (n != S->n_layers)
        return il_error_set(err, IL_ERR_INVALID, "stack has %zu layers, the setup %zu", n,
                            S->n_layers);
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(stack, i);
        il_composition c;
        il_status st = il_layer_composition(l, &c, err);
        if (st)
            return st;
        const il_composition *o = &S->comp[i];
        int same = c.n == o->n && l->stopping_factor == S->layer[i]->stopping_factor &&
                   l->is_substrate == S->layer[i]->is_substrate;
        for (size_t k = 0; same && k < c.n; k++)
            same = c.Z[k] == o->Z[k] && c.A[k] == o->A[k] && c.atoms[k] == o->atoms[k];
        if (!same)
            return il_error_set(err, IL_ERR_INVALID, "layer %zu changed its make-up", i + 1);
    }
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(stack, i);
        S->layer[i] = l;
        S->areal_tfu[i] = l->is_substrate ? INFINITY : l->areal_tfu;
    }
    return IL_OK;
}
