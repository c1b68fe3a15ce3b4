/* Expectation of a channel's chi2 term for Poisson counts. Why: with sigma^2 = max(., 1) a
 * channel whose mean is well below one count contributes about mu, not 1, so chi2/N of a
 * spectrum with many empty channels is far below 1 even when the model is right (the demo's
 * noisy RBS fit gave 0.52). Comparing chi2 with this expectation instead of N keeps the usual
 * reading ("about 1 means the model fits within counting statistics"). */
#include <math.h>

#include "fit/iba/iba_gof.h"

void il__iba_gof_channel(double mu, double s2, double *mean, double *var)
{
    if (!(mu > 0.0)) {
        /* a model of zero counts: the data can only be 0 (anything else is a model error) */
        *mean = 0.0, *var = 0.0;
        return;
    }
    if (s2 > 0.0) {
        /* E(n-mu)^2 = mu, E(n-mu)^4 = mu + 3 mu^2 */
        *mean = mu / s2;
        *var = (mu + 2.0 * mu * mu) / (s2 * s2);
        return;
    }
    /* weight max(n, 1): sum over n within mu +- (10 sqrt(mu) + 12), where the rest of the
     * Poisson law is below 1e-20 of the total */
    double half = 10.0 * sqrt(mu) + 12.0;
    double lo = floor(fmax(0.0, mu - half)), hi = ceil(mu + half);
    double m1 = 0.0, m2 = 0.0, lmu = log(mu);
    for (double n = lo; n <= hi; n += 1.0) {
        double pn = exp(n * lmu - mu - lgamma(n + 1.0));
        double t = (n - mu) * (n - mu) / fmax(n, 1.0);
        m1 += pn * t;
        m2 += pn * t * t;
    }
    *mean = m1;
    *var = fmax(0.0, m2 - m1 * m1);
}
