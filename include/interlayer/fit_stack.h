/* Fits of one stack across techniques: parameters bound by name to fields of the stack and to
 * the probes' instrument parameters, an objective made of terms (probe, dataset, weight), and
 * the il_fit_problem the engines of fit.h (LM, DE, MCMC) run unchanged.
 *
 * Targets (what a parameter sets), LAYER a layer name or its 1-based index:
 *   LAYER.thickness_nm   LAYER.density_g_cm3   LAYER.roughness_nm (the layer's lower interface)
 *   LAYER.li6_fraction   LAYER.iso:Li6 (any isotope: iso:B10, iso:Li7): fraction of that
 *                        isotope among the atoms of its element (an enrichment of the layer)
 *   LAYER.frac:Li        atoms of Li per formula unit (a natural element of the layer), at
 *                        constant atoms/cm3 (il_stack_set_formula): with the others fixed, the
 *                        atomic fractions follow. A group is a fixed-ratio set: frac:CoO2 sets
 *                        Co to v and O to 2v. Fix at least one element of a layer (a common
 *                        factor of all counts changes nothing).
 *   TERM:PARAM           a probe parameter of the term named TERM ("refl:scale",
 *                        "ndp:calibration"; il_probe_param_name lists them; add the term
 *                        before the parameter)
 * A layer name may contain dots ("Li2.9PO3.3N0.46"): the field is what follows the last one.
 *
 * One parameter may drive several targets (a tie: il_fit_stack_tie), e.g. one roughness for
 * two interfaces. A fixed parameter keeps its value and leaves the engine's vector. Residuals:
 * for each term in order, (model_i - data_i) / sigma_i * sqrt(weight). */
#ifndef INTERLAYER_FIT_STACK_H
#define INTERLAYER_FIT_STACK_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/fit.h"
#include "interlayer/probe.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_fit_stack il_fit_stack;

/* A fit of a copy of `s` (the caller keeps s). */
IL_API il_status il_fit_stack_new(const il_stack *s, il_fit_stack **out, il_error *err);
IL_API void il_fit_stack_free(il_fit_stack *f);

/* A term: `probe` (copied: il_probe_clone) against n data points (axis, values, 1σ > 0; all
 * copied) with weight > 0. `name` (NULL: the probe's name) is how targets and results call the
 * term; names are unique. */
IL_API il_status il_fit_stack_add_term(il_fit_stack *f, const char *name, const il_probe *probe,
                                       const double *axis, const double *values,
                                       const double *sigma, size_t n, double weight,
                                       il_error *err);

/* A parameter named `name` (NULL: the target) that sets `target`, starting at `start`, within
 * [lower, upper] (lower < upper; both infinite: unbounded, LM only). Checks the target against
 * the stack and terms now: an unknown layer, field, term or probe parameter is IL_ERR_NOT_FOUND
 * with the offending text in the message. *index (may be NULL) receives its number. */
IL_API il_status il_fit_stack_add_param(il_fit_stack *f, const char *name, const char *target,
                                        double start, double lower, double upper, size_t *index,
                                        il_error *err);
/* Makes parameter `param` (its name) also set `target`. */
IL_API il_status il_fit_stack_tie(il_fit_stack *f, const char *param, const char *target,
                                  il_error *err);
/* Fixes (fixed != 0) parameter `param` at `value`, or frees it again (value is then its start). */
IL_API il_status il_fit_stack_fix(il_fit_stack *f, const char *param, int fixed, double value,
                                  il_error *err);

/* Parameters in the engine's vector (the free ones, in the order they were added). */
IL_API size_t il_fit_stack_n_free(const il_fit_stack *f);
IL_API const char *il_fit_stack_free_name(const il_fit_stack *f, size_t k);
IL_API size_t il_fit_stack_n_residuals(const il_fit_stack *f);

/* The problem for fit.h's engines (pointers into f: valid while f lives and is not changed)
 * and the start vector (n_free values). Bounds are NULL when every free parameter is
 * unbounded. Each engine thread works on its own copy of the stack and probes. */
IL_API il_status il_fit_stack_problem(il_fit_stack *f, il_fit_problem *pb, double *start,
                                      il_error *err);

/* The stack with the free parameters at p (and fixed ones at their values): *out to
 * il_stack_free. */
IL_API il_status il_fit_stack_apply(const il_fit_stack *f, const double *p, il_stack **out,
                                    il_error *err);

typedef struct {
    size_t n_params;   /* free parameters */
    double *value;     /* at p */
    double *sigma;     /* 1σ from (JᵀJ)⁻¹ (il_fit_covariance), not rescaled by χ²/dof */
    double *corr;      /* n_params², row-major */
    size_t n_terms;
    double *chi2_term; /* Σ r² of each term (weight included) */
    size_t *n_term;    /* data points of each term */
    double chi2;       /* total */
    size_t dof;        /* residuals - free parameters (0 when there are more parameters) */
} il_fit_stack_result;

/* χ² per term, uncertainties and correlations at p (e.g. an engine's result.value). */
IL_API il_status il_fit_stack_result_at(il_fit_stack *f, const double *p,
                                        il_fit_stack_result *out, il_error *err);
IL_API void il_fit_stack_result_free(il_fit_stack_result *r);

#ifdef __cplusplus
}
#endif
#endif
