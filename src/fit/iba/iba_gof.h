/* What chi2 a fit of Poisson counts should give (internal to the IBA fit): the expectation and
 * variance of one channel's Pearson term (n - mu)^2 / s2 when n ~ Poisson(mu). */
#ifndef IL_FIT_IBA_GOF_H
#define IL_FIT_IBA_GOF_H

/* s2 > 0: a weight fixed in advance (sigma^2 = max(model, 1)): mean mu/s2, var (mu+2mu^2)/s2^2.
 * s2 <= 0: the weight is the channel's own count, max(n, 1): summed over the Poisson law. */
void il__iba_gof_channel(double mu, double s2, double *mean, double *var);

#endif
