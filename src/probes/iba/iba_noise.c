/* Counting noise on a simulated IBA spectrum: what a detector would have recorded, for synthetic
 * data that a fit can treat like a measurement (chi2/N ~ 1), unlike rounded expected counts. */
#include <gsl/gsl_rng.h>

#include "core/poisson.h"
#include "interlayer/iba.h"

il_status il_iba_spectrum_sample(const il_iba_spectrum *s, uint64_t seed, double *counts,
                                 il_error *err)
{
    if (!s || !counts)
        return il_error_set(err, IL_ERR_INVALID, "iba sample: no spectrum or no output");
    /* mt19937 as the NDP sampler uses: the same seed gives the same counts on every platform
     * GSL supports, so a synthetic data set is reproducible from its seed alone. */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    gsl_rng_set(rng, (unsigned long)seed);
    const double *total = il_iba_spectrum_total(s);
    size_t n = il_iba_spectrum_channels(s);
    /* Each channel is independent: the total (parts and pile-up together) is the mean of the
     * counts recorded in it, and channels do not share counts. */
    for (size_t k = 0; k < n; k++)
        counts[k] = il_poisson_draw(rng, total[k]);
    gsl_rng_free(rng);
    return IL_OK;
}
