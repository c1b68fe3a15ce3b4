/* NDP parametric fit: layer concentrations plus one interlayer at an interface, fitted to a
 * spectrum; and the structure-aware analysis that chooses the interlayer model by BIC. */
#ifndef INTERLAYER_NDP_FIT_H
#define INTERLAYER_NDP_FIT_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Li described by a constant concentration in each layer plus, optionally, one interlayer: a
 * layer of its own of thickness t at the top of the layer below an interface (the box
 * [z_i, z_i + t]) holding il_atoms_cm2 Li on top of its host's constant level. Fitted to the
 * counts with the fit layer's bounded LM (il_fit_lm), weights 1/max(counts, 1).
 *
 * Start and bounds come from the data and the instrument unless given (> 0 on entry): the depth
 * resolution w at the interface (il_ndp_depth_resolution, best particle) bounds the thickness
 * to [1 nm, min(2 w, host thickness)] and starts it at w / 4; the amount starts at the excess
 * Li the response-weighted counts show within w of the interface and is bounded by [0, 3 x the
 * Li the spectrum puts within +-w of it + 1e15]. A parameter that ends within 0.1 % of the
 * range of a bound is reported with *_at_bound = -1 (lower) or +1 (upper) and sigma NaN: its
 * uncertainty is not a Gaussian one. A sigma that comes out 0 or not finite (the counts do not
 * change with the parameter: the fit cannot move it) is NaN too, with *_at_bound 0. */
typedef struct {
    size_t n_layers;
    double *layer_conc;        /* atoms/cm3, in/out (start values) */
    double *layer_conc_sigma;
    int *layer_fixed;          /* 1: keep */
    int interlayer;            /* 1: include the interlayer */
    double il_depth_nm;        /* in: a depth near the interface; out: the interface's depth */
    size_t il_host;            /* out: the layer the interlayer sits at the top of */
    double il_resolution_nm;   /* out: depth resolution (FWHM) at the interface */
    double il_thickness_nm, il_thickness_sigma;  /* in (> 0: start), out */
    double il_thickness_lo_nm, il_thickness_hi_nm; /* out: the bounds used */
    int il_thickness_at_bound;
    double il_atoms_cm2, il_atoms_cm2_sigma;     /* in (> 0: start), out */
    double il_atoms_lo, il_atoms_hi;             /* out: the bounds used */
    int il_atoms_at_bound;
    double chi2, chi2_per_dof;
    size_t n_params, n_points;
    double bic;                /* chi2 + n_params ln(n_points) (Schwarz 1978) */
    int iterations;
} il_ndp_fit;

IL_API il_status il_ndp_fit_new(const il_ndp_model *m, il_ndp_fit **out, il_error *err);
IL_API void il_ndp_fit_free(il_ndp_fit *f);
IL_API il_status il_ndp_fit_run(const il_ndp_model *m, const double *counts, il_ndp_fit *f,
                                il_error *err);

/* ---- structure-aware analysis ------------------------------------------------------------

 * 1. the spectrum is inverted on the given stack with self-consistent stopping;
 * 2. on that stopping, the parametric model without an interlayer and with one at every
 *    interface (or the one nearest depth_nm) are fitted; the interlayer with the lowest BIC is
 *    kept when it lowers BIC by more than bic_margin (10: "very strong" evidence, Kass &
 *    Raftery 1995) or when forced;
 * 3. the kept interlayer is inserted as a layer of its own (the top t of its host,
 *    il_ndp_stack_with_interlayer) holding its Li (so its stopping is that of its
 *    composition), and the spectrum is inverted again on that structure, self-consistently:
 *    the inventories, the interlayer's among them, come from this inversion;
 * 4. the thickness is not resolved below the depth resolution: the inventories are inverted
 *    again with t halved and doubled (or +- its sigma when that is smaller), and half the
 *    change goes into each layer's spill part. */
typedef struct {
    double depth_nm;     /* > 0: only the interface nearest this depth (at most the stack's
                          * thickness, else IL_ERR_RANGE; IL_ERR_INVALID when that interface
                          * cannot be fitted); <= 0: every one */
    double bic_margin;   /* default 10 */
    int force;           /* 1: keep the interlayer (depth_nm's) whatever BIC says */
    il_ndp_invert_options invert;
} il_ndp_structure_options;

IL_API void il_ndp_structure_options_default(il_ndp_structure_options *o);

typedef struct {
    il_ndp_profile *profile; /* inventories on the chosen structure */
    il_stack *stack;         /* the chosen structure (before its Li was filled in) */
    il_ndp_model *model;     /* the model the profile belongs to (layer names, depths) */
    il_ndp_fit *fit;         /* the chosen interlayer's fit; NULL when none was kept */
    size_t interlayer;       /* profile row of the interlayer; (size_t)-1 when none */
    size_t host;             /* row of the layer below it (its host before the split) */
    double bic_none;         /* BIC of the model without an interlayer */
    size_t n_candidates;     /* interfaces tried */
    double *cand_depth_nm, *cand_bic, *cand_li_atoms_cm2;
} il_ndp_structure;

IL_API il_status il_ndp_structure_analyse(const il_stack *stack, const il_ndp_instrument *ins,
                                          const double *counts,
                                          const il_ndp_structure_options *opt,
                                          il_ndp_structure **out, il_error *err);
IL_API void il_ndp_structure_free(il_ndp_structure *a);

/* The Li (atoms/cm2) a known stack (synthetic truth) holds within each layer's depth range of
 * model m (n_layers values; a model layer may span parts of several truth layers). */
IL_API il_status il_ndp_truth_inventories(const il_stack *truth, const il_ndp_model *m,
                                          double *li_atoms_cm2, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
