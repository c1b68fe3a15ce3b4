/* Internal to the fit layer's NDP inversion and the operando series that drives it. */
#ifndef IL_NDP_INVERT_PRIV_H
#define IL_NDP_INVERT_PRIV_H
#include "interlayer/ndp_invert.h"

/* Switches the non-negative Tikhonov solution of an inverter on or off (not thread-safe: before
 * sharing it). The operando series' first pass needs only each spectrum's lambda, which the
 * unconstrained problem chooses, so it skips the constraint there. */
void il_ndp_inverter_set_nonneg(il_ndp_inverter *v, int on);

#endif
