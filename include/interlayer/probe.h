/* Probes: one interface for every technique. A probe turns a stack into the signal a technique
 * measures, on the data's own axis and with the instrument's resolution: reflectivity at Q (1/Å),
 * NDP counts per channel, and whatever comes next (RBS, ERDA, ...). The fit layer (fit_stack.h)
 * and the advisor know techniques only through this table of operations over an opaque state,
 * as SUNDIALS does for its vectors.
 *
 * Life of a probe: made by a technique's constructor (il_probe_ndp_new, il_probe_refl_new, or
 * il_probe_new with your own ops), then for each stack: il_probe_prepare (rebuild what depends
 * on the stack), then any number of il_probe_forward calls. A probe is not shared between
 * threads while it is prepared or its parameters change; give each thread an il_probe_clone.
 *
 * Instrument quantities a fit may vary (a scale, a background, a calibration factor) are the
 * probe's named parameters, read and written with il_probe_get / il_probe_set. */
#ifndef INTERLAYER_PROBE_H
#define INTERLAYER_PROBE_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/ndp.h"
#include "interlayer/refl.h"
#include "interlayer/refl_layer.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a technique provides. Every function receives the state given to il_probe_new. */
typedef struct il_probe_ops {
    const char *name; /* "ndp", "refl", ... */
    /* The stack changed: rebuild everything that depends on it (model, slabs). The stack is
     * only read and may be freed after the call. */
    il_status (*prepare)(void *state, const il_stack *s, il_error *err);
    /* The signal at n points of the data's axis (signal: n values, written by the call).
     * Called only after a successful prepare. */
    il_status (*forward)(void *state, const double *axis, size_t n, double *signal,
                         il_error *err);
    /* Optional (may be NULL): d signal / d (probe parameter `param`) at n points of the axis.
     * IL_ERR_NOT_FOUND for a parameter it has no analytic derivative for; the caller
     * (il_probe_jacobian) then takes finite differences. */
    il_status (*jacobian)(void *state, const char *param, const double *axis, size_t n,
                          double *dsignal, il_error *err);
    /* A copy of the instrument and parameters for another thread; what prepare builds need
     * not be copied (a clone is prepared before its first forward). */
    il_status (*clone)(const void *state, void **out, il_error *err);
    void (*free)(void *state);
    /* Named instrument parameters: n_params names, read and written by index. */
    size_t n_params;
    const char *const *param_names;
    double (*get_param)(const void *state, size_t i);
    il_status (*set_param)(void *state, size_t i, double value, il_error *err);
} il_probe_ops;

typedef struct il_probe il_probe;

/* Wraps a technique's state. The probe owns `state` from then on (also on failure, when it
 * frees it with ops->free); ops must outlive the probe (a static table). */
IL_API il_status il_probe_new(const il_probe_ops *ops, void *state, il_probe **out,
                              il_error *err);
IL_API void il_probe_free(il_probe *p);
/* Same technique, instrument and parameter values; not prepared (call il_probe_prepare). */
IL_API il_status il_probe_clone(const il_probe *p, il_probe **out, il_error *err);

IL_API const char *il_probe_name(const il_probe *p);
IL_API const il_probe_ops *il_probe_get_ops(const il_probe *p);
IL_API void *il_probe_state(il_probe *p);

IL_API il_status il_probe_prepare(il_probe *p, const il_stack *s, il_error *err);
/* IL_ERR_INVALID when the probe was not prepared for a stack yet. */
IL_API il_status il_probe_forward(il_probe *p, const double *axis, size_t n, double *signal,
                                  il_error *err);

/* d signal / d parameter: the technique's own derivative when it has one, else central
 * differences with step 1e-6 max(|value|, 1e-6) (the parameter is restored afterwards). */
IL_API il_status il_probe_jacobian(il_probe *p, const char *param, const double *axis, size_t n,
                                   double *dsignal, il_error *err);

/* Named parameters. Unknown names: IL_ERR_NOT_FOUND with the name and the known ones in the
 * message ("refl: no parameter 'scael' (known: scale, background, dq_over_q)"). */
IL_API size_t il_probe_param_count(const il_probe *p);
IL_API const char *il_probe_param_name(const il_probe *p, size_t i);
IL_API il_status il_probe_param_index(const il_probe *p, const char *name, size_t *index,
                                      il_error *err);
IL_API il_status il_probe_get(const il_probe *p, const char *name, double *value,
                              il_error *err);
IL_API il_status il_probe_set(il_probe *p, const char *name, double value, il_error *err);

/* ---- the techniques ------------------------------------------------------------------------- */

/* NDP. prepare builds an il_ndp_model of the stack under a copy of `ins`; forward returns the
 * expected counts (il_ndp_simulate) at the channels given on the axis (0-based channel numbers,
 * whole numbers in 0 .. channels-1):
 *   signal = calibration x (counts - background) + background_scale x background.
 * Parameters: "calibration" (multiplies fluence x live time x solid angle; default 1) and
 * "background_scale" (the instrument's background model; default 1). */
IL_API il_status il_probe_ndp_new(const il_ndp_instrument *ins, il_probe **out, il_error *err);

/* Reflectometry. prepare turns the stack into slabs (il_refl_stack_layers, il_refl_layer_sld
 * for `kind`); forward returns
 *   R(Q) = scale |r(Q)|^2 + background,
 * smeared with a Gaussian of dQ = dq_over_q Q (il_refl_smeared with `res`; res NULL: the
 * defaults of il_refl_resolution_init) when dq_over_q > 0, else unsmeared
 * (il_refl_reflectivity). The axis is Q in 1/Å. Parameters: "scale", "background",
 * "dq_over_q" (starting at the arguments; res->dq_over_q is replaced by dq_over_q). */
IL_API il_status il_probe_refl_new(const il_refl_probe *kind, const il_refl_resolution *res,
                                   double dq_over_q, double scale, double background,
                                   il_probe **out, il_error *err);

/* A resolution width per point (dq_invA, n values, read as `kind`: σ or FWHM), as the data
 * give it (il_refl_dataset.dq); forward then needs an axis of exactly n points and ignores
 * dq_over_q. dq_invA NULL or n 0: back to dq_over_q. IL_ERR_INVALID for another technique. */
IL_API il_status il_probe_refl_set_dq(il_probe *p, const double *dq_invA, size_t n,
                                      il_refl_dq_kind kind, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
