/* Parratt's recursion (L. G. Parratt, Phys. Rev. 95, 359 (1954)) with Nevot–Croce roughness,
 * in complex.h arithmetic. Deliberately written independently of the Abeles kernel
 * (refl_abeles.c): different Fresnel formula (k_j - k_{j+1})/(k_j + k_{j+1}), library csqrt and
 * cexp, one division per interface, so that agreement between the two checks both.
 *
 *   X_{N-1} = 0;  X_j = (r_j + X_{j+1} e^{2 i k_{j+1} d_{j+1}}) / (1 + r_j X_{j+1} e^{...});
 *   R = |X_0|^2. */
#include <complex.h>
#include <math.h>

#include "probes/refl/refl_kernel.h"

/* glibc defines CMPLX for GCC only; clang (fuzz builds) gets this. Our imaginary parts are never
 * -0 or infinite, the cases where the arithmetic form would differ. */
#ifndef CMPLX
#define CMPLX(x, y) ((double complex)((double)(x) + I * (double)(y)))
#endif

static double complex wavevector(const il_refl_slab *s, size_t j, double q)
{
    double im = j == 0 ? 0.0 : s[j].sld_im_1e6;
    /* Build the argument from real parts so that a zero imaginary part is +0, never -0, which
     * would put csqrt on the wrong side of its branch cut. */
    double re = 0.25 * q * q - IL_REFL_FOURPI_E6 * (s[j].sld_re_1e6 - s[0].sld_re_1e6);
    double complex arg = CMPLX(re, IL_REFL_FOURPI_E6 * im + 0.0);
    return csqrt(arg);
}

il_status il_refl_parratt(const il_refl_slab *slabs, size_t nslabs, const double *q_invA,
                          size_t nq, double scale, double background, double *r_out,
                          il_error *err)
{
    il_status st = il_refl_check_args(slabs, nslabs, q_invA, r_out, nq, err);
    if (st)
        return st;
    for (size_t i = 0; i < nq; i++) {
        double q = fabs(q_invA[i]);
        double complex X = 0.0;
        double complex kn = wavevector(slabs, nslabs - 1, q);
        for (size_t j = nslabs - 1; j-- > 0;) {
            double complex kj = j == 0 ? CMPLX(0.5 * q, 0.0) : wavevector(slabs, j, q);
            double complex sum = kj + kn;
            double complex r = sum == 0.0 ? 0.0 : (kj - kn) / sum;
            double sig = slabs[j + 1].roughness_A;
            r *= cexp(-2.0 * kj * kn * sig * sig);
            if (j + 1 < nslabs - 1)
                X *= cexp(2.0 * I * kn * slabs[j + 1].thickness_A);
            X = (r + X) / (1.0 + r * X);
            kn = kj;
        }
        double a = cabs(X);
        r_out[i] = scale * a * a + background;
    }
    return IL_OK;
}
