/* A measured or evaluated cross section sigma(E) of one reaction at one detection angle (what an
 * R33 block holds): the energies of the incident particle (keV, lab) and sigma in mb/sr or as a
 * ratio to Rutherford, linear between points. Outside the table sigma is 0 for mb/sr tables and
 * the ratio 1 (Rutherford) for ratio tables.
 *
 * Averages over the energy distribution of a slab: the beam's mean energy falls from E_top to
 * E_bottom across a slab and straggles around it with a Gaussian of width s; the yield of the
 * slab needs the mean of sigma over that box convolved with the Gaussian.
 * il_sigma_table_mean computes it exactly for the piecewise linear sigma (sum of ramp functions,
 * each averaged in closed form), so a step in sigma(E) inside a slab is not smeared by the slab
 * size (the box test of the JaBS suite). */
#ifndef INTERLAYER_IBA_SIGMA_H
#define INTERLAYER_IBA_SIGMA_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    IL_SIGMA_MB_SR = 0, /* mb/sr */
    IL_SIGMA_RATIO      /* ratio to the (unscreened) Rutherford cross section */
} il_sigma_unit;

/* What reaction a table describes: target(projectile, product)residual, as R33 gives it. */
typedef struct {
    char reaction[64];   /* "16O(a,a0)16O" */
    int Z[4];            /* projectile, target, detected product, residual */
    double mass_u[4];    /* as written in the file (often whole numbers) */
    double Q_keV;
    double theta_deg;    /* detection angle, lab */
    il_sigma_unit unit;
    char source[256];    /* "Source:" line, for the record */
} il_sigma_info;

typedef struct il_sigma_table il_sigma_table;

/* Copies n >= 2 points (energies strictly... non-decreasing, a repeated energy is a step;
 * sigma >= 0, finite). IL_ERR_INVALID naming the first bad point. */
IL_API il_status il_sigma_table_new(const il_sigma_info *info, const double *E_keV,
                                    const double *sigma, size_t n, il_sigma_table **out,
                                    il_error *err);
IL_API void il_sigma_table_free(il_sigma_table *t);
IL_API const il_sigma_info *il_sigma_table_info(const il_sigma_table *t);
IL_API size_t il_sigma_table_count(const il_sigma_table *t);
/* Lowest and highest tabulated energy, keV. */
IL_API void il_sigma_table_range(const il_sigma_table *t, double *E_lo_keV, double *E_hi_keV);

/* sigma (mb/sr, or the ratio) at E_keV, linear between points. */
IL_API double il_sigma_table_eval(const il_sigma_table *t, double E_keV);

/* Mean of sigma over energies uniform in [E_a, E_b] (either order; equal: a point), convolved
 * with a Gaussian of standard deviation s_keV (>= 0). Exact for the piecewise linear table. */
IL_API double il_sigma_table_mean(const il_sigma_table *t, double E_a_keV, double E_b_keV,
                                  double s_keV);

#ifdef __cplusplus
}
#endif
#endif
