/* Gaussian resolution smearing by quadrature at each Q point.
 *
 * Truncated window ±t·σ: Gauss–Legendre (GSL) on [-t, t] in units of σ, weights times the
 * normal density; optionally divided by the discrete weight sum (a normalised truncated
 * Gaussian, exact for a constant R). Full Gaussian: the same on ±8.5σ, renormalised (the weight
 * outside is 1.9e-17). The window is split at the critical edge of the backing medium, where R
 * has a kink. "Fine enough" is checked, not assumed: the result is compared with the one from
 * about half as many points (fixed rule) or the rule is doubled until two agree (automatic). */
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdlib.h>

#include "probes/refl/refl_kernel.h"

void il_refl_resolution_init(il_refl_resolution *res)
{
    if (!res)
        return;
    res->kind = IL_REFL_DQ_SIGMA;
    res->dq_over_q = 0.0;
    res->truncate_sigma = 0.0;
    res->renormalise = 1;
    res->points = 0;
    res->tol = 0.0;
}

/* Gauss–Legendre nodes and weights on [-1, 1]. */
typedef struct {
    int n;
    double *x;
    double *w;
} rule;

/* The window is ±IL_REFL_FULL_WINDOW σ for the "full" Gaussian: the weight outside is
 * erfc(8.5/√2) = 1.9e-17, below double precision relative to the whole. A Gauss–Hermite rule
 * would be the textbook choice but converges slowly across the kink of R at the critical edge;
 * a finite window can be split there (see smear_point). */
#define IL_REFL_FULL_WINDOW 8.5

static void rule_free(rule *r)
{
    free(r->x);
    free(r->w);
    r->x = r->w = NULL;
}

static il_status rule_make(rule *r, int n, il_error *err)
{
    r->n = n;
    r->x = malloc((size_t)n * sizeof *r->x);
    r->w = malloc((size_t)n * sizeof *r->w);
    gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc((size_t)n);
    if (!r->x || !r->w || !t) {
        rule_free(r);
        if (t)
            gsl_integration_glfixed_table_free(t);
        return il_error_set(err, IL_ERR_NOMEM, "resolution: out of memory for %d points", n);
    }
    for (int k = 0; k < n; k++)
        gsl_integration_glfixed_point(-1.0, 1.0, (size_t)k, &r->x[k], &r->w[k], t);
    gsl_integration_glfixed_table_free(t);
    return IL_OK;
}

/* Smeared |r|² at one point: ∫ φ(x) R(q + σx) dx over [-T, T] (φ the standard normal density),
 * divided by ∫ φ over the window when renorm. R has a kink (a square-root branch point of the
 * backing medium's k) at its critical edge Q_c; a polynomial rule across a kink converges only
 * algebraically, so the window is split there and each part gets the full rule. qbuf/rbuf hold
 * 2 n values. */
static double smear_point(const il_refl_slab *slabs, size_t nslabs, double q, double sigma,
                          double T, const rule *ru, int renorm, double *qbuf, double *rbuf,
                          double *wbuf)
{
    const double inv_sqrt_2pi = 0.39894228040143267794;
    double edges[4];
    int ne = 0;
    edges[ne++] = -T;
    double drho = slabs[nslabs - 1].sld_re_1e6 - slabs[0].sld_re_1e6;
    if (drho > 0.0) {
        double qc = sqrt(4.0 * IL_REFL_FOURPI_E6 * drho); /* Q_c² = 16π Δρ·1e-6 */
        double xs[2] = {(-qc - q) / sigma, (qc - q) / sigma}; /* ±Q_c: R is even in Q */
        for (int i = 0; i < 2; i++)
            if (xs[i] > edges[ne - 1] && xs[i] < T)
                edges[ne++] = xs[i];
    }
    edges[ne++] = T;
    size_t m = 0;
    for (int s = 0; s + 1 < ne; s++) {
        double lo = edges[s], hi = edges[s + 1], mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
        for (int k = 0; k < ru->n; k++, m++) {
            double x = mid + half * ru->x[k];
            qbuf[m] = q + sigma * x;
            wbuf[m] = half * ru->w[k] * inv_sqrt_2pi * exp(-0.5 * x * x);
        }
    }
    il_refl_reflectivity(slabs, nslabs, qbuf, m, 1.0, 0.0, rbuf, NULL);
    double sum = 0.0, wsum = 0.0;
    for (size_t k = 0; k < m; k++) {
        sum += wbuf[k] * rbuf[k];
        wsum += wbuf[k];
    }
    return renorm ? sum / wsum : sum;
}

static double point_sigma(const il_refl_resolution *res, const double *dq, size_t i, double q)
{
    double w = dq ? dq[i] : res->dq_over_q * fabs(q);
    return res->kind == IL_REFL_DQ_FWHM ? w / IL_FWHM_PER_SIGMA : w;
}

il_status il_refl_smeared(const il_refl_slab *slabs, size_t nslabs, const double *q_invA,
                          const double *dq_invA, size_t nq, const il_refl_resolution *res,
                          double scale, double background, double *r_out, double *quad_err,
                          il_error *err)
{
    il_status st = il_refl_check_args(slabs, nslabs, q_invA, r_out, nq, err);
    if (st)
        return st;
    il_refl_resolution defaults;
    if (!res) {
        il_refl_resolution_init(&defaults);
        res = &defaults;
    }
    if (res->truncate_sigma < 0.0 || !isfinite(res->truncate_sigma))
        return il_error_set(err, IL_ERR_INVALID, "resolution: truncation %g σ must be >= 0",
                            res->truncate_sigma);
    if (res->points < 0 || res->points > 100000)
        return il_error_set(err, IL_ERR_INVALID, "resolution: %d quadrature points", res->points);
    for (size_t i = 0; i < nq; i++) {
        double s = point_sigma(res, dq_invA, i, q_invA[i]);
        if (!(s >= 0.0) || !isfinite(s))
            return il_error_set(err, IL_ERR_INVALID, "resolution: point %zu: width %g is not >= 0",
                                i, s);
    }
    const double tol = res->tol > 0.0 ? res->tol : 1e-8;
    const int autom = res->points == 0;
    const int nmax = autom ? 4097 : res->points;
    const double trunc = res->truncate_sigma;
    const int renorm = trunc > 0.0 ? res->renormalise : 1;
    const double T = trunc > 0.0 ? trunc : IL_REFL_FULL_WINDOW;
    /* up to three parts of the window (split at -Q_c and +Q_c) */
    double *qbuf = malloc(3 * (size_t)nmax * sizeof *qbuf);
    double *rbuf = malloc(3 * (size_t)nmax * sizeof *rbuf);
    double *wbuf = malloc(3 * (size_t)nmax * sizeof *wbuf);
    if (!qbuf || !rbuf || !wbuf) {
        free(qbuf);
        free(rbuf);
        free(wbuf);
        return il_error_set(err, IL_ERR_NOMEM, "resolution: out of memory");
    }
    double worst = 0.0;
    st = IL_OK;
    /* Automatic mode: a ladder of rules with 16·2^l + 1 points, made when first needed. Each
     * point starts one level below where the previous one converged (R varies slowly along Q)
     * and climbs until two successive levels agree to tol. */
    enum { LEVELS = 9 };
    rule ladder[LEVELS] = {{0}};
    rule fixed = {0}, half = {0};
    int level = 0;
    if (!autom) {
        if ((st = rule_make(&fixed, res->points, err)))
            goto done;
        if (quad_err && res->points > 1 &&
            (st = rule_make(&half, (res->points + 1) / 2, err)))
            goto done;
    }
    for (size_t i = 0; i < nq && !st; i++) {
        double q = q_invA[i], sigma = point_sigma(res, dq_invA, i, q);
        if (sigma == 0.0) {
            il_refl_reflectivity(slabs, nslabs, &q, 1, scale, background, &r_out[i], NULL);
            continue;
        }
        double val = 0.0, rel = 0.0;
        if (autom) {
            int l = level > 0 ? level - 1 : 0;
            double prevval = 0.0;
            for (int k = l;; k++) {
                if (k >= LEVELS) {
                    st = il_error_set(err, IL_ERR_NUMERIC,
                                      "resolution: quadrature did not converge at Q = %g 1/Å "
                                      "(relative change %.2g with %d points, wanted %.2g)",
                                      q, rel, ladder[LEVELS - 1].n, tol);
                    break;
                }
                if (!ladder[k].x && (st = rule_make(&ladder[k], 16 * (1 << k) + 1, err)))
                    break;
                val = smear_point(slabs, nslabs, q, sigma, T, &ladder[k], renorm, qbuf, rbuf,
                                  wbuf);
                if (k > l) {
                    rel = val == prevval ? 0.0 : fabs(val - prevval) / fabs(val);
                    if (rel <= tol) {
                        level = k;
                        break;
                    }
                }
                prevval = val;
            }
            if (st)
                break;
        } else {
            val = smear_point(slabs, nslabs, q, sigma, T, &fixed, renorm, qbuf, rbuf, wbuf);
            if (half.x) {
                double v2 = smear_point(slabs, nslabs, q, sigma, T, &half, renorm, qbuf, rbuf, wbuf);
                rel = v2 == val ? 0.0 : fabs(v2 - val) / fabs(val);
            }
        }
        if (rel > worst)
            worst = rel;
        r_out[i] = scale * val + background;
    }
done:
    for (int k = 0; k < LEVELS; k++)
        rule_free(&ladder[k]);
    rule_free(&fixed);
    rule_free(&half);
    free(qbuf);
    free(rbuf);
    free(wbuf);
    if (quad_err)
        *quad_err = worst;
    return st;
}
