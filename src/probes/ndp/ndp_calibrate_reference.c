/* NDP calibration on a reference sample: energy scale from the 6Li alpha and triton edges,
 * then fluence x solid angle from the counts above 300 keV. */
#include <math.h>

#include "interlayer/ndp_calibrate.h"
#include "interlayer/ndp_simulate.h"

/* Half-width of the channel window searched around the edge the current scale predicts; the
 * window is centred 60 channels below the particle's birth energy because the edge of a real
 * spectrum sits below E0 (exit losses, resolution). */
#define EDGE_WINDOW_CH 60.0

/* Counts above this energy carry the reference's Li signal without the low-energy noise. */
#define INTENSITY_FROM_KEV 300.0

/* The scale must judge itself (a gamma-ray spectrum used to be "calibrated" to offset 1175.6
 * keV, gain 0.44). An NDP amplifier puts 0 keV near channel 0: an offset beyond a quarter of
 * the alpha edge's energy (~514 keV) means the two steps found are not the alpha and triton
 * edges (their channel ratio is not their energy ratio). */
#define MAX_OFFSET_FRACTION 0.25

/* After the scale and intensity, the reference's model must look like the spectrum above
 * INTENSITY_FROM_KEV: refused when both chi2 per channel (Pearson, variance max(model, 1)) is
 * above 10, i.e. far beyond counting noise, and the model misses more than 30 % of the
 * counts (sum |measured - model| / sum measured), i.e. the shape differs, not just a
 * detail a high-statistics spectrum resolves. */
#define MAX_CHI2_PER_CHANNEL 10.0
#define MAX_MISMATCH 0.30

/* The instrument with the energy scale found so far (linear: the reference gives two edges). */
static il_ndp_instrument with_scale(const il_ndp_instrument *ins, double offset_keV,
                                    double gain_keV)
{
    il_ndp_instrument g = *ins;
    g.offset_keV = offset_keV, g.gain_keV = gain_keV, g.quadratic_keV = 0;
    return g;
}

/* One round: the edges of the model under `gi` and of the measurement, then the line through
 * them. */
static il_status edge_round(const il_stack *s, const il_ndp_instrument *gi, const double *y,
                            size_t nch, const char *name, il_ndp_reference_calibration *c,
                            il_error *err)
{
    il_ndp_model *mg = NULL;
    il_ndp_sim *sim = NULL;
    il_status st = il_ndp_model_new(s, gi, &mg, err);
    if (!st)
        st = il_ndp_simulate(mg, 0, NULL, &sim, err);
    size_t ne = 0;
    for (size_t p = 0; !st && p < il_ndp_model_n_particles(mg) && ne < 2; p++) {
        const il_ndp_particle *P = il_ndp_model_particle(mg, p);
        if (P->target_Z != 3)
            continue;
        const double *yp = sim->by_particle + p * nch;
        double top = il_ndp_energy_channel(gi, P->E0_keV);
        double cs = il_ndp_find_edge(yp, nch, top - EDGE_WINDOW_CH, EDGE_WINDOW_CH);
        double cm = isfinite(cs) ? il_ndp_find_edge(y, nch, top - EDGE_WINDOW_CH, EDGE_WINDOW_CH)
                                 : NAN;
        if (isfinite(cs) && isfinite(cm)) {
            c->edge_channel[ne] = cm;
            c->edge_keV[ne] = il_ndp_channel_energy_keV(gi, cs);
            ne++;
        }
    }
    il_ndp_sim_free(sim);
    il_ndp_model_free(mg);
    if (st)
        return st;
    if (ne < 2)
        return il_error_set(err, IL_ERR_NUMERIC,
                            "%s: could not locate the alpha and triton edges near the channels "
                            "the instrument's calibration predicts; start from a gain and offset "
                            "closer to the truth",
                            name ? name : "spectrum");
    /* the triton (2728 keV) sits above the alpha (2056 keV): steps in the other order are
     * something else */
    if (!(c->edge_channel[1] > c->edge_channel[0]))
        return il_error_set(err, IL_ERR_NUMERIC,
                            "%s: no NDP calibration: the step taken for the triton edge "
                            "(channel %.1f) lies below the one taken for the alpha edge (channel "
                            "%.1f): these are not the 6Li edges",
                            name ? name : "spectrum", c->edge_channel[1], c->edge_channel[0]);
    double quad = 0;
    return il_ndp_calibrate_energy(c->edge_channel, c->edge_keV, ne, 0, &c->offset_keV,
                                   &c->gain_keV, &quad, err);
}

/* The offset test above, with the numbers in the message. */
static il_status judge_scale(const il_ndp_reference_calibration *c, const char *name,
                             il_error *err)
{
    double limit = MAX_OFFSET_FRACTION * c->edge_keV[0];
    if (fabs(c->offset_keV) <= limit)
        return IL_OK;
    return il_error_set(err, IL_ERR_NUMERIC,
                        "%s: no NDP calibration: the steps found at channels %.1f and %.1f give "
                        "offset %.1f keV, gain %.4g keV/channel; an offset beyond %.0f keV "
                        "(a quarter of the alpha edge's %.0f keV) means they are not the 6Li "
                        "alpha and triton edges (channel ratio %.3f, energy ratio %.3f): is "
                        "this an NDP spectrum of the reference, with a gain near the "
                        "instrument's?",
                        name ? name : "spectrum", c->edge_channel[0], c->edge_channel[1],
                        c->offset_keV, c->gain_keV, limit, c->edge_keV[0],
                        c->edge_channel[1] / c->edge_channel[0], c->edge_keV[1] / c->edge_keV[0]);
}

/* The shape test above: model m (the final scale) times `factor` against the counts in
 * [lo, n). */
static il_status judge_shape(const il_ndp_model *m, const double *y, size_t lo, size_t n,
                             double factor, const char *name, il_error *err)
{
    il_ndp_sim *s = NULL;
    il_status st = il_ndp_simulate(m, 0, NULL, &s, err);
    if (st)
        return st;
    double chi2 = 0, miss = 0, total = 0;
    for (size_t c = lo; c < n; c++) {
        double mod = s->background[c] + factor * (s->counts[c] - s->background[c]);
        double d = y[c] - mod;
        chi2 += d * d / fmax(mod, 1);
        miss += fabs(d);
        total += fabs(y[c]);
    }
    il_ndp_sim_free(s);
    double per = chi2 / (double)(n - lo), rel = total > 0 ? miss / total : 1;
    if (per <= MAX_CHI2_PER_CHANNEL || rel <= MAX_MISMATCH)
        return IL_OK;
    return il_error_set(err, IL_ERR_NUMERIC,
                        "%s: no NDP calibration: the reference's model does not match the "
                        "spectrum above %.0f keV (channels %zu..%zu): chi2 %.3g per channel "
                        "(allowed %.0f) and %.0f %% of the counts missed (allowed %.0f %%): wrong "
                        "reference stack, or not a spectrum of it",
                        name ? name : "spectrum", INTENSITY_FROM_KEV, lo, n - 1, per, MAX_CHI2_PER_CHANNEL, 100 * rel,
                        100 * MAX_MISMATCH);
}

il_status il_ndp_calibrate_reference(const il_stack *reference, const il_ndp_instrument *ins,
                                     const double *counts, size_t n_channels, const char *name,
                                     il_ndp_reference_calibration *out, il_error *err)
{
    if (!reference || !ins || !counts || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_calibrate_reference: NULL argument");
    if (ins->channels < 0 || (size_t)ins->channels != n_channels)
        return il_error_set(err, IL_ERR_INVALID,
                            "the spectrum has %zu channels, the instrument %d", n_channels,
                            ins->channels);
    il_ndp_reference_calibration c = {{NAN, NAN}, {NAN, NAN}, ins->offset_keV, ins->gain_keV,
                                      NAN, NAN, NAN};
    for (int round = 0; round < 2; round++) {
        il_ndp_instrument gi = with_scale(ins, c.offset_keV, c.gain_keV);
        il_status st = edge_round(reference, &gi, counts, n_channels, name, &c, err);
        if (st)
            return st;
    }
    il_status st = judge_scale(&c, name, err);
    if (st)
        return st;
    il_ndp_instrument fin = with_scale(ins, c.offset_keV, c.gain_keV);
    il_ndp_model *m = NULL;
    st = il_ndp_model_new(reference, &fin, &m, err);
    if (st)
        return st;
    size_t lo = (size_t)fmax(0, floor(il_ndp_energy_channel(&fin, INTENSITY_FROM_KEV)));
    st = il_ndp_calibrate_intensity(m, counts, lo, n_channels - 1, &c.factor, &c.factor_sigma,
                                    err);
    if (!st)
        st = judge_shape(m, counts, lo, n_channels, c.factor, name, err);
    il_ndp_model_free(m);
    if (st)
        return st;
    c.fluence_rate_n_cm2_s = ins->fluence_rate_n_cm2_s * c.factor;
    *out = c;
    return IL_OK;
}
