/* NDP calibration: energy scale from known edges or lines, and fluence x solid angle from a
 * reference sample of known composition. */
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>

#include "probes/ndp/ndp_model_priv.h"

il_status il_ndp_calibrate_energy(const double *ch, const double *E, size_t n, int quad,
                                  double *offset, double *gain, double *quadratic, il_error *err)
{
    size_t p = quad ? 3 : 2;
    if (n < p)
        return il_error_set(err, IL_ERR_INVALID,
                            "an energy calibration with %zu terms needs at least %zu points, got "
                            "%zu",
                            p, p, n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(ch[i]) || !isfinite(E[i]))
            return il_error_set(err, IL_ERR_INVALID, "calibration point %zu is not finite", i + 1);
    gsl_matrix *X = gsl_matrix_alloc(n, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *y = gsl_vector_alloc(n), *c = gsl_vector_alloc(p);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, p);
    il_status st = IL_OK;
    if (!X || !cov || !y || !c || !w)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st) {
        for (size_t i = 0; i < n; i++) {
            gsl_matrix_set(X, i, 0, 1);
            gsl_matrix_set(X, i, 1, ch[i]);
            if (quad)
                gsl_matrix_set(X, i, 2, ch[i] * ch[i]);
            gsl_vector_set(y, i, E[i]);
        }
        double chisq;
        if (gsl_multifit_linear(X, y, c, cov, &chisq, w))
            st = il_error_set(err, IL_ERR_NUMERIC, "calibration points are degenerate");
    }
    if (!st) {
        *offset = gsl_vector_get(c, 0);
        *gain = gsl_vector_get(c, 1);
        *quadratic = quad ? gsl_vector_get(c, 2) : 0;
        if (!(*gain > 0))
            st = il_error_set(err, IL_ERR_INVALID,
                              "calibration gives gain %g keV/channel; energies must rise with "
                              "channel",
                              *gain);
    }
    if (X)
        gsl_matrix_free(X);
    if (cov)
        gsl_matrix_free(cov);
    if (y)
        gsl_vector_free(y);
    if (c)
        gsl_vector_free(c);
    if (w)
        gsl_multifit_linear_free(w);
    return st;
}

/* The leading (high-energy) edge: scanning down from the top of the window to where the
 * 5-channel mean first reaches 30 % of the window's largest, taking the plateau as the largest
 * 5-channel mean within 12 channels below that point, and interpolating where the counts cross
 * half of it. Using the local plateau (not the window maximum) keeps the rule on the edge itself
 * when a taller structure from deeper layers sits in the same window. */
double il_ndp_find_edge(const double *y, size_t n, double guess, double window)
{
    if (n < 8 || !(window > 1) || !isfinite(guess))
        return NAN;
    long lo = (long)floor(guess - window), hi = (long)ceil(guess + window);
    if (lo < 2)
        lo = 2;
    if (hi > (long)n - 3)
        hi = (long)n - 3;
    if (hi <= lo + 4)
        return NAN;
#define SM(c) ((y[(c)-2] + y[(c)-1] + y[c] + y[(c) + 1] + y[(c) + 2]) / 5)
    double mx = 0;
    for (long c = lo; c <= hi; c++)
        mx = fmax(mx, SM(c));
    if (!(mx > 0))
        return NAN;
    long c1 = hi;
    while (c1 > lo && SM(c1) < 0.3 * mx)
        c1--;
    double plate = 0;
    long at = c1;
    for (long c = c1; c >= lo && c >= c1 - 12; c--)
        if (SM(c) > plate) {
            plate = SM(c);
            at = c;
        }
#undef SM
    double half = 0.5 * plate;
    for (long c = at; c < (long)n - 1; c++)
        if (y[c] >= half && y[c + 1] < half)
            return (double)c + (y[c] - half) / (y[c] - y[c + 1]);
    return NAN;
}

il_status il_ndp_calibrate_intensity(const il_ndp_model *m, const double *counts, size_t lo,
                                     size_t hi, double *factor, double *sigma, il_error *err)
{
    if (hi >= m->nch || lo > hi)
        return il_error_set(err, IL_ERR_INVALID, "channel window %zu..%zu outside 0..%zu", lo, hi,
                            m->nch - 1);
    il_ndp_sim *s;
    il_status st = il_ndp_simulate(m, 0, NULL, &s, err);
    if (st)
        return st;
    double meas = 0, sim = 0, var = 0;
    for (size_t c = lo; c <= hi; c++) {
        meas += counts[c] - s->background[c];
        sim += s->counts[c] - s->background[c];
        var += counts[c] > 0 ? counts[c] : 0;
    }
    il_ndp_sim_free(s);
    if (!(sim > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "the reference sample gives no counts in channels %zu..%zu", lo, hi);
    *factor = meas / sim;
    *sigma = sqrt(var) / sim;
    return IL_OK;
}
