/* Abeles matrix reflectivity, evaluated from the backing medium upwards.
 *
 * With the interface matrix I_j = [[1, r_j], [r_j, 1]] (r_j the Nevot–Croce-damped Fresnel
 * coefficient of interface j|j+1) and the phase matrix of layer j scaled by exp(iβ_j) so that
 * no entry exceeds 1 in modulus, P_j = diag(1, exp(2iβ_j)), β_j = k_j d_j, the reflection
 * amplitude is r = w/u for (u, w)^T = I_0 P_1 I_1 ... P_{N-2} I_{N-2} (1, 0)^T. Evaluating the
 * product right to left needs one complex 2-vector instead of a 2x2 matrix and no division per
 * layer (Parratt's recursion divides at every interface; it is the same algebra, written
 * separately in refl_parratt.c as a check). The vector is rescaled every few interfaces so that
 * thousands of layers neither overflow nor underflow.
 *
 * The Fresnel coefficient is computed as r = (k_j² - k_{j+1}²) / (k_j + k_{j+1})², where
 * k_j² - k_{j+1}² = 4π·1e-6·[(ρ_{j+1} - ρ_j) - i(ρ''_{j+1} - ρ''_j)] is known exactly, instead of
 * (k_j - k_{j+1}) / (k_j + k_{j+1}), which loses digits by cancellation at large Q or for
 * nearly equal SLDs (microslabs). All arithmetic is real, on blocks of Q, so that the compiler
 * can vectorise the inner loops; there is no allocation. */
#include <math.h>
#include <string.h>

#include "probes/refl/refl_kernel.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* Principal square root of a + ib (Re >= 0; Im has the sign of b, so b >= 0 gives the decaying
 * wave Im k >= 0). Each branch takes the root that does not cancel. */
static inline void csqrt_principal(double a, double b, double *re, double *im)
{
    double m = sqrt(a * a + b * b);
    if (a >= 0.0) {
        double t = sqrt(0.5 * (m + a));
        *re = t;
        *im = t > 0.0 ? 0.5 * b / t : 0.0;
    } else {
        double t = sqrt(0.5 * (m - a)); /* > 0 because a < 0 */
        *re = 0.5 * fabs(b) / t;
        *im = b < 0.0 ? -t : t;
    }
}

/* The fronting medium's absorption is ignored (ORSO convention): it would make the incident
 * wave itself decay, which a measured R does not include. */
static inline double sld_im_of(const il_refl_slab *s, size_t j)
{
    return j == 0 ? 0.0 : s[j].sld_im_1e6;
}

void il_refl_abeles_block(const il_refl_slab *s, size_t n, const double *q, size_t m, double *R)
{
    enum { B = IL_REFL_BLOCK };
    double q2[B], knr[B], kni[B], kjr[B], kji[B], ur[B], ui[B], wr[B], wi[B];
    const double rho0 = s[0].sld_re_1e6;
    /* Pad a partial block by repeating its first Q; results for the padding are dropped. */
    for (size_t b = 0; b < B; b++) {
        double qb = b < m ? q[b] : q[0];
        q2[b] = 0.25 * qb * qb;
    }
    {
        double a = -IL_REFL_FOURPI_E6 * (s[n - 1].sld_re_1e6 - rho0);
        double bi = IL_REFL_FOURPI_E6 * sld_im_of(s, n - 1) + 0.0; /* + 0.0: no -0 */
        for (size_t b = 0; b < B; b++) {
            csqrt_principal(q2[b] + a, bi, &knr[b], &kni[b]);
            ur[b] = 1.0;
            ui[b] = 0.0;
            wr[b] = 0.0;
            wi[b] = 0.0;
        }
    }
    for (size_t jj = n - 1; jj-- > 0;) {
        const size_t j = jj; /* interface j | j+1, medium j above */
        const double a = -IL_REFL_FOURPI_E6 * (s[j].sld_re_1e6 - rho0);
        const double bi = IL_REFL_FOURPI_E6 * sld_im_of(s, j) + 0.0;
        const double dr = IL_REFL_FOURPI_E6 * (s[j + 1].sld_re_1e6 - s[j].sld_re_1e6);
        const double di = -IL_REFL_FOURPI_E6 * (sld_im_of(s, j + 1) - sld_im_of(s, j));
        const double sig2 = s[j + 1].roughness_A * s[j + 1].roughness_A;
        const int has_phase = j + 1 < n - 1; /* the backing medium has no thickness */
        const double d2 = 2.0 * s[j + 1].thickness_A;
        for (size_t b = 0; b < B; b++) {
            if (j == 0) {
                kjr[b] = sqrt(q2[b]); /* exactly |Q|/2 in the fronting medium */
                kji[b] = 0.0;
            } else {
                csqrt_principal(q2[b] + a, bi, &kjr[b], &kji[b]);
            }
        }
        for (size_t b = 0; b < B; b++) {
            /* r0 = Δ / (kj + kn)² */
            double sr = kjr[b] + knr[b], si = kji[b] + kni[b];
            double s2r = sr * sr - si * si, s2i = 2.0 * sr * si;
            double den = s2r * s2r + s2i * s2i;
            double rr = 0.0, ri = 0.0;
            if (den > 0.0) {
                rr = (dr * s2r + di * s2i) / den;
                ri = (di * s2r - dr * s2i) / den;
            }
            if (sig2 > 0.0) {
                /* Nevot–Croce: exp(-2 σ² kj kn) */
                double pr = kjr[b] * knr[b] - kji[b] * kni[b];
                double pi = kjr[b] * kni[b] + kji[b] * knr[b];
                double mag = exp(-2.0 * sig2 * pr), ph = -2.0 * sig2 * pi;
                double c = mag * cos(ph), sn = mag * sin(ph);
                double t = rr * c - ri * sn;
                ri = rr * sn + ri * c;
                rr = t;
            }
            double xr = wr[b], xi = wi[b];
            if (has_phase) {
                /* w *= exp(2 i kn d) = exp(-2 Im(kn) d) (cos 2 Re(kn) d + i sin ...) */
                double mag = exp(-d2 * kni[b]), ph = d2 * knr[b];
                double c = mag * cos(ph), sn = mag * sin(ph);
                double t = xr * c - xi * sn;
                xi = xr * sn + xi * c;
                xr = t;
            }
            double nur = ur[b] + rr * xr - ri * xi, nui = ui[b] + rr * xi + ri * xr;
            double nwr = xr + rr * ur[b] - ri * ui[b], nwi = xi + rr * ui[b] + ri * ur[b];
            ur[b] = nur;
            ui[b] = nui;
            wr[b] = nwr;
            wi[b] = nwi;
            knr[b] = kjr[b];
            kni[b] = kji[b];
        }
        if ((j & 15) == 0) {
            /* Keep |u| near 1: u can grow by up to 1 + |r| per interface. */
            for (size_t b = 0; b < B; b++) {
                double sc = fabs(ur[b]) + fabs(ui[b]);
                if (sc > 0.0 && isfinite(sc)) {
                    sc = 1.0 / sc;
                    ur[b] *= sc;
                    ui[b] *= sc;
                    wr[b] *= sc;
                    wi[b] *= sc;
                }
            }
        }
    }
    for (size_t b = 0; b < m; b++)
        R[b] = (wr[b] * wr[b] + wi[b] * wi[b]) / (ur[b] * ur[b] + ui[b] * ui[b]);
}

il_status il_refl_check_args(const il_refl_slab *slabs, size_t nslabs, const void *q,
                             const void *out, size_t nq, il_error *err)
{
    if (nslabs < 2)
        return il_error_set(err, IL_ERR_INVALID,
                            "a slab model needs at least a fronting and a backing medium (got %zu)",
                            nslabs);
    if (!slabs || (nq > 0 && (!q || !out)))
        return il_error_set(err, IL_ERR_INVALID, "reflectivity: NULL array argument");
    for (size_t j = 0; j < nslabs; j++) {
        const il_refl_slab *s = &slabs[j];
        if (!isfinite(s->sld_re_1e6) || !isfinite(s->sld_im_1e6) ||
            !isfinite(s->roughness_A) || !isfinite(s->thickness_A))
            return il_error_set(err, IL_ERR_INVALID, "slab %zu: a value is not finite", j);
        if (j > 0 && j + 1 < nslabs && s->thickness_A < 0.0)
            return il_error_set(err, IL_ERR_INVALID, "slab %zu: negative thickness %g Å", j,
                                s->thickness_A);
        if (j > 0 && s->roughness_A < 0.0)
            return il_error_set(err, IL_ERR_INVALID, "slab %zu: negative roughness %g Å", j,
                                s->roughness_A);
    }
    return IL_OK;
}

static void run_range(const il_refl_slab *slabs, size_t nslabs, const double *q, size_t lo,
                      size_t hi, double scale, double background, double *out)
{
    il_refl_block_fn kernel = il_refl_block_kernel(NULL);
    for (size_t i = lo; i < hi; i += IL_REFL_BLOCK) {
        size_t m = hi - i < IL_REFL_BLOCK ? hi - i : IL_REFL_BLOCK;
        double R[IL_REFL_BLOCK];
        kernel(slabs, nslabs, q + i, m, R);
        for (size_t b = 0; b < m; b++)
            out[i + b] = scale * R[b] + background;
    }
}

il_status il_refl_reflectivity(const il_refl_slab *slabs, size_t nslabs, const double *q_invA,
                               size_t nq, double scale, double background, double *r_out,
                               il_error *err)
{
    il_status st = il_refl_check_args(slabs, nslabs, q_invA, r_out, nq, err);
    if (st)
        return st;
    run_range(slabs, nslabs, q_invA, 0, nq, scale, background, r_out);
    return IL_OK;
}

il_status il_refl_reflectivity_mt(const il_refl_slab *slabs, size_t nslabs, const double *q_invA,
                                  size_t nq, double scale, double background, double *r_out,
                                  int nthreads, il_error *err)
{
    il_status st = il_refl_check_args(slabs, nslabs, q_invA, r_out, nq, err);
    if (st)
        return st;
#ifdef _OPENMP
    size_t nblocks = (nq + IL_REFL_BLOCK - 1) / IL_REFL_BLOCK;
    int nt = nthreads > 0 ? nthreads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(nt)
    for (long ib = 0; ib < (long)nblocks; ib++) {
        size_t lo = (size_t)ib * IL_REFL_BLOCK;
        size_t hi = lo + IL_REFL_BLOCK < nq ? lo + IL_REFL_BLOCK : nq;
        run_range(slabs, nslabs, q_invA, lo, hi, scale, background, r_out);
    }
#else
    (void)nthreads;
    run_range(slabs, nslabs, q_invA, 0, nq, scale, background, r_out);
#endif
    return IL_OK;
}
