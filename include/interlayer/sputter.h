/* Sputter-etch depth profiles (XPS, ToF-SIMS, AES, GD-OES with ion etching): the measured
 * profile of an element is its true depth distribution convolved with the depth resolution
 * function of the mixing-roughness-information-depth (MRI) model of S. Hofmann (Surf. Interface
 * Anal. 21 (1994) 673; Rep. Prog. Phys. 61 (1998) 827). For a delta layer at depth z0 and the
 * sputter front at z (u = z - z0):
 *   mixing     g_w(u) = exp(-(u + w)/w) / w        for u >= -w   (atomic mixing length w)
 *   info depth g_λ(u) = exp(u/λ) / λ               for u <= 0    (information depth λ)
 *   roughness  g_σ(u) = exp(-u²/2σ²) / (σ sqrt 2π)                (rms roughness σ)
 * g = g_w * g_λ * g_σ (each normalised; a zero parameter is a delta function). The depth scale
 * is the sputtered depth, taken as calibrated: different sputter rates of the layers are not
 * modelled. Preferential sputtering (Li is sputtered and displaced faster than the heavier
 * matrix elements, so measured Li fractions read low in the altered layer) is not modelled
 * either: it biases amplitudes, not the shape this model gives. Lengths in nm. */
#ifndef INTERLAYER_SPUTTER_H
#define INTERLAYER_SPUTTER_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double w_nm;      /* atomic mixing length (~ projected range of the sputter ions), >= 0 */
    double sigma_nm;  /* rms roughness of the sputter front, >= 0 */
    double lambda_nm; /* information depth of the signal (e.g. the IMFP for XPS), >= 0 */
} il_mri_params;

/* Depth resolution Δz (16 %..84 % width of a sharp interface) of the MRI function, Hofmann's
 * approximation Δz = sqrt((2σ)² + (1.668 λ)² + (1.668 w)²). */
IL_API double il_mri_depth_resolution_nm(const il_mri_params *p);

/* The resolution function integrated over bins of width dz_nm: g[k] for u in
 * [(k - origin - 1/2) dz, (k - origin + 1/2) dz], k = 0..*n-1 (sums to 1). Call with g == NULL
 * to learn *n and *origin; then with g of *n entries. IL_ERR_RANGE beyond 1e6 bins. */
IL_API il_status il_mri_kernel(const il_mri_params *p, double dz_nm, double *g, size_t *n,
                               size_t *origin, il_error *err);

/* Convolves a true profile c (n points on a uniform depth grid of spacing dz_nm, from the
 * surface) with the MRI function into out (n points): the measured profile. Beyond the grid the
 * first and last values continue (the top layer above the start, the substrate below). */
IL_API il_status il_mri_convolve(const il_mri_params *p, double dz_nm, const double *c, size_t n,
                                 double *out, il_error *err);

/* The same operation as a matrix R (n x n, row-major): out = R c. Deconvolution (fit layer)
 * inverts it. */
IL_API il_status il_mri_matrix(const il_mri_params *p, double dz_nm, size_t n, double *R,
                               il_error *err);

/* True atomic fraction of element Z (A = 0: all isotopes; or one isotope) at depths
 * z_i = (i + 1/2) dz_nm, i = 0..n-1, of a stack (layer concentration profiles included; the
 * substrate continues below the last layer). */
IL_API il_status il_sputter_true_profile(const il_stack *s, int Z, int A, double dz_nm, size_t n,
                                         double *frac, il_error *err);

/* The measured sputter profile of element Z of a stack: il_sputter_true_profile convolved with
 * the MRI function. */
IL_API il_status il_sputter_profile(const il_stack *s, int Z, int A, const il_mri_params *p,
                                    double dz_nm, size_t n, double *frac, il_error *err);

/* The sputter-etch techniques whose resolution function the MRI model describes. */
typedef enum {
    IL_SPUTTER_XPS,
    IL_SPUTTER_AES,
    IL_SPUTTER_TOF_SIMS,
    IL_SPUTTER_GD_OES
} il_sputter_technique;

/* "xps", "aes", "tof-sims", "gd-oes" (any case); else IL_ERR_INVALID naming the choices. */
IL_API il_status il_sputter_technique_parse(const char *word, il_sputter_technique *t,
                                            il_error *err);
IL_API const char *il_sputter_technique_name(il_sputter_technique t);

/* Typical MRI parameters of a technique (Hofmann 1998): mixing length w of its sputter ions,
 * information depth λ of its signal (for XPS and AES the mean TPP-2M IMFP over the layers of s,
 * or a typical oxide value when s is NULL), roughness 0. */
IL_API il_status il_sputter_mri_defaults(const il_stack *s, il_sputter_technique t,
                                         il_mri_params *p, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
