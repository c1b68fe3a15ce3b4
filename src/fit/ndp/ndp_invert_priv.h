/* Internal to the fit layer's NDP inversion and the operando series that drives it. */
#ifndef IL_NDP_INVERT_PRIV_H
#define IL_NDP_INVERT_PRIV_H
#include "interlayer/ndp_invert.h"

/* Switches the non-negative Tikhonov solution of an inverter on or off (not thread-safe: before
 * sharing it). The operando series' first pass needs only each spectrum's lambda, which the
 * unconstrained problem chooses, so it skips the constraint there. */
void il_ndp_inverter_set_nonneg(il_ndp_inverter *v, int on);

/* Systematic = stop, dens, geom, cal in quadrature; nonsys and total from the parts. */
void il__ndp_profile_totals(il_ndp_profile *p);

/* Change of each layer's inventory per relative change of the energy loss per nm (stopping,
 * density and exit path all enter so): the fitted spectrum of p inverted again with every
 * layer's stopping scaled by 1 -+ 5 % at p's lambda (n_layers values). */
il_status il__ndp_stopping_slope(const il_ndp_model *m, const il_stack *stack,
                                  const il_ndp_profile *p, const il_ndp_invert_options *o,
                                  double *slope, il_error *err);

/* Spill and the systematic parts that need a stack (m must be its model, with the stopping the
 * profile was inverted with), then the totals. */
il_status il__ndp_finish_uncertainties(const il_ndp_model *m, const il_stack *stack,
                                       const il_ndp_invert_options *o, il_ndp_profile *p,
                                       il_error *err);

/* MLEM stopped at its layer-wise start (no bin iterations): the estimate is the maximum-
 * likelihood amount per layer, so its counting covariance is the inverse Fisher information of
 * those amounts at the estimate (fitted = the model's mean counts). Fills p->conc_sigma,
 * p->li_atoms_cm2_sigma and p->func_sigma[0..nfa) (fa: weights per atom/cm3 over the slices;
 * x in units of `unit` atoms/cm3). */
il_status il__ndp_mlem_fisher(const il_ndp_model *m, const double *R, const double *x,
                              const double *fitted, double unit, const double *fa, size_t nfa,
                              il_ndp_profile *p, il_error *err);

#endif
