/* Pieces shared by the `interlayer refl` verbs: the probe options, model loading, the
 * slabs of a model and its SLD profile along depth. One verb per file (cmd_refl_<verb>.c). */
#ifndef CLI_REFL_COMMON_H
#define CLI_REFL_COMMON_H
#include <stddef.h>

#include "cli/options.h"
#include "interlayer/refl.h"
#include "interlayer/refl_model.h"

/* --probe neutron|xray, --wavelength Å, --energy (keV or CuKa) as given on the command line. */
typedef struct {
    il_refl_probe probe;
    int probe_given;
} cli_refl_probe;

/* --probe, --wavelength, --energy: CLI_SET(cli_refl_probe_options, offsetof(args, probe)). */
extern const cli_opt cli_refl_probe_options[3];
/* Puts what the command line gave over the model's own probe `p`. */
void cli_refl_apply_probe(const cli_refl_probe *po, il_refl_probe *p);

/* A model argument: a YAML reflectometry model file or the inline ORSO form
 * ('air | LiNbO3 200 5 | Si', Å); failing both, a project stack (YAML stack file or inline
 * 'LiNbO3 20nm li6=1 | Si'). The first form's error is reported when none fits. */
il_status cli_refl_load_model(const char *arg, il_refl_model **out, il_error *err);
/* The model `arg` and its probe with the command line's changes (po) in *p. */
il_status cli_refl_load_model_probe(const char *arg, const cli_refl_probe *po, il_refl_model **out,
                                    il_refl_probe *p, il_error *err);

/* Slabs of a model for a probe (caller frees). */
il_status cli_refl_model_slabs(const il_refl_layer_model *L, size_t n, const il_refl_probe *p,
                               il_refl_slab **out, il_error *err);

/* SLD profile (depth, real, imaginary) of slabs on npts points covering all interfaces ± 4σ;
 * the caller frees *z, *re and *im (also on failure). */
il_status cli_refl_sld_profile(const il_refl_slab *s, size_t n, size_t npts, double **z,
                               double **re, double **im, il_error *err);

/* Verbs (argv starts at the verb's name). */
int cli_refl_validate(int argc, char **argv);
int cli_refl_sld(int argc, char **argv);
int cli_refl_simulate(int argc, char **argv);
int cli_refl_fit(int argc, char **argv);

#endif
