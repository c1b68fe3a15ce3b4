/* Poisson counts for any mean (see poisson.h). */
#include "core/poisson.h"

#include <gsl/gsl_randist.h>
#include <math.h>

double il_poisson_draw(const gsl_rng *rng, double mean)
{
    if (!(mean > 0) || !isfinite(mean))
        return 0;
    if (mean < IL_POISSON_NORMAL_MEAN)
        return (double)gsl_ran_poisson(rng, mean);
    double k = round(mean + sqrt(mean) * gsl_ran_ugaussian(rng));
    return k > 0 ? k : 0;
}
