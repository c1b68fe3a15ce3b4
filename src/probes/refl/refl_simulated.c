/* What a simulated reflectivity measurement needs besides R(Q): its Q grid, its dQ column and
 * its noise. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/refl.h"

il_status il_refl_q_grid(double q_min, double q_max, size_t n, int log_spaced, double *q,
                         il_error *err)
{
    if (n < 2 || !(q_max > q_min) || (log_spaced && !(q_min > 0)))
        return il_error_set(err, IL_ERR_INVALID,
                            "Q grid: need at least 2 points and q_max > q_min (> 0 on a log "
                            "grid)");
    for (size_t i = 0; i < n; i++)
        q[i] = log_spaced ? q_min * pow(q_max / q_min, (double)i / (double)(n - 1))
                          : q_min + (q_max - q_min) * (double)i / (double)(n - 1);
    return IL_OK;
}

double il_refl_resolution_sigma_invA(const il_refl_resolution *res, double q)
{
    return res->dq_over_q * fabs(q) / (res->kind == IL_REFL_DQ_FWHM ? IL_FWHM_PER_SIGMA : 1.0);
}

il_status il_refl_add_noise(double *r, double *dr, size_t n, double rel_error, double floor,
                            unsigned long seed, il_error *err)
{
    if (!(rel_error >= 0) || !(floor >= 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "noise: relative error %g and floor %g must be >= 0", rel_error,
                            floor);
    gsl_rng *rng = NULL;
    if (rel_error > 0 || floor > 0) {
        rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!rng)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        gsl_rng_set(rng, seed);
    }
    for (size_t i = 0; i < n; i++) {
        dr[i] = rel_error * r[i] + floor;
        if (rng)
            r[i] += gsl_ran_gaussian(rng, dr[i]);
    }
    if (rng)
        gsl_rng_free(rng);
    return IL_OK;
}
