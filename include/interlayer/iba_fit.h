/* Fits of ion-beam analysis spectra (RBS/EBS, ERDA, NRA): one or several measured spectra of one
 * stack, each with its own beam, geometry and detector, fitted at once through the shared fit
 * layer (fit_stack.h: the IBA probe of iba.h, LM, DE or MCMC of fit.h). The whole job of
 * `interlayer iba fit`: what is free, the engine, the result with uncertainties and the fitted
 * spectra (total and per element).
 *
 * Parameters are fit_stack.h targets:
 *   LAYER.thickness_nm, LAYER.frac:Li (atoms per formula unit; a group frac:CoO2 keeps the
 *   ratio), LAYER.iso:Li6, LAYER.density_g_cm3, LAYER.roughness_nm, and per spectrum
 *   SPEC:scale (fluence x solid angle), SPEC:cal_offset_keV, SPEC:cal_gain_keV, SPEC:cal_quad_keV,
 *   SPEC:resolution_keV, SPEC:spread_keV, SPEC the spectrum's name ("iba1", "iba2", ... unless
 *   given). A parameter may drive several targets (ties, e.g. one gain for two spectra taken
 *   with the same detector).
 *
 * Weights: counting statistics. The first pass weights each channel by its own counts
 * (sigma^2 = max(n, 1)), which pulls a fit low where counts are few; with `reweight` a second
 * LM pass uses the first fit's model (sigma^2 = max(mu, 1)), Pearson's chi2, nearly unbiased. */
#ifndef INTERLAYER_IBA_FIT_H
#define INTERLAYER_IBA_FIT_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/fit_stack.h"
#include "interlayer/iba.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One measured spectrum: counts of channels 0..channels-1 taken with `options` (the sigma tables
 * and foil it points to outlive the fit). Channels first..last are fitted (last = 0: to the
 * end). */
typedef struct {
    const char *name;              /* NULL: "iba1", "iba2", ... by position */
    const il_iba_options *options;
    const double *counts;
    size_t channels;
    size_t first, last;
} il_iba_fit_spectrum;

/* A free parameter. start NAN: the target's value in the stack or options; lower/upper NAN:
 * defaults by kind (thickness and composition 1/20..20 x start, scale 1/10..10, offset
 * start +-200 keV, gain 1/2..2 x, quad +-1e-3 keV, widths 0..5 x start + 50 keV, fractions
 * 0..1). ties: up to 8 more targets the same value sets (NULL-terminated early). */
typedef struct {
    const char *target;
    double start, lower, upper;
    const char *ties[8];
} il_iba_fit_param;

typedef enum { IL_IBA_FIT_LM = 0, IL_IBA_FIT_DE, IL_IBA_FIT_MCMC } il_iba_fit_engine;

typedef struct {
    il_iba_fit_engine engine; /* LM */
    int reweight;             /* 1: a second LM pass with model weights (see above) */
    unsigned long seed;       /* DE, MCMC: 1 */
    int generations;          /* DE: 0 = the engine's default */
    int steps, walkers;       /* MCMC: 0 = defaults (a short chain: 400 steps) */
    int max_iter;             /* LM: 0 = default */
} il_iba_fit_options;

IL_API void il_iba_fit_options_default(il_iba_fit_options *o);

typedef struct {
    il_iba_fit_engine engine;
    size_t n_params;
    char (*name)[128];         /* the free parameters' names (their targets) */
    double *start;             /* where the fit began */
    il_fit_stack_result fit;   /* values, 1 sigma, correlations, chi2 per spectrum, dof. LM and
                                  DE: sigma from (J^T J)^-1; MCMC: half the 16-84 % interval
                                  and the samples' correlations */
    int iterations;            /* of the last engine run */
    size_t evaluations;        /* spectra computed, all passes */
    int converged;
    double acceptance;         /* MCMC */
    il_stack *stack;           /* the stack at the fitted values */
    size_t n_spectra;
    il_iba_options *options;   /* each spectrum's options at the fitted values (fluence x
                                  scale, calibration, widths) */
    il_iba_spectrum **model;   /* the fitted spectra, channels as the data's, parts per element */
    /* Goodness of fit: the chi2 that Poisson counts drawn from the fitted model would give with
     * the weights this fit used, and its standard deviation, per spectrum and in all (fit.chi2
     * and fit.chi2_term are the values to compare with). Why not dof: channels whose model is
     * well below one count add about mu, not 1, to chi2 with sigma^2 = max(., 1), so chi2/dof
     * of a sparse spectrum is well below 1 for a right model. Each channel's expectation is
     * exact (mu/max(m,1) with model weights; the Poisson sum with weights max(n,1)); the free
     * parameters' share (n_params x the spectrum's channels / all channels) is subtracted, as
     * for a linear least-squares fit. chi2 / chi2_expected near 1: the model fits within
     * counting statistics. */
    double *chi2_expected, *chi2_expected_sd;
    double chi2_expected_total, chi2_expected_sd_total;
} il_iba_fit_result;

/* Fits `spectra` of `stack` with `params` free. Errors: an unknown target (IL_ERR_NOT_FOUND
 * naming it), bounds that do not hold the start, no channel to fit (IL_ERR_INVALID), a model
 * that cannot be computed. *out is to be freed with il_iba_fit_result_free (also after an
 * error: it is zeroed first). */
IL_API il_status il_iba_fit(const il_stack *stack, const il_iba_fit_spectrum *spectra,
                            size_t n_spectra, const il_iba_fit_param *params, size_t n_params,
                            const il_iba_fit_options *o, il_iba_fit_result *out, il_error *err);
IL_API void il_iba_fit_result_free(il_iba_fit_result *r);

#ifdef __cplusplus
}
#endif
#endif
