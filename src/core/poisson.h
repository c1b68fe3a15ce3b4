/* Poisson counts for any mean at a cost that does not grow with it (internal). GSL's sampler
 * loops on gamma variates whose size it keeps in an unsigned int, so a mean of 1e14 counts (a
 * fluence of 1e14 n/cm2/s, or 1e9 s of counting) spun for minutes; above IL_POISSON_NORMAL_MEAN
 * the normal approximation is used instead. */
#ifndef IL_CORE_POISSON_H
#define IL_CORE_POISSON_H
#include <gsl/gsl_rng.h>

/* From this mean on, a count is drawn as round(mean + sqrt(mean) z), z standard normal. The
 * Poisson's skewness there is 1/sqrt(1e7) = 3e-4 and its excess kurtosis 1e-7: the normal
 * distribution differs from it by less than any counting experiment could tell. */
#define IL_POISSON_NORMAL_MEAN 1e7

/* One count of mean `mean` (0 when mean <= 0 or is not finite). */
double il_poisson_draw(const gsl_rng *rng, double mean);
#endif
