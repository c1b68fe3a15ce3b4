/* Pieces shared by the `interlayer refl` verbs: probe and number options, model loading, the
 * slabs of a model and its SLD profile along depth. One verb per file (cmd_refl_<verb>.c). */
#ifndef CLI_REFL_COMMON_H
#define CLI_REFL_COMMON_H
#include <stddef.h>

#include "interlayer/refl.h"
#include "interlayer/refl_model.h"

/* --probe neutron|xray, --wavelength Å, --energy (keV or CuKa) as given on the command line. */
typedef struct {
    il_refl_probe probe;
    int probe_given;
} cli_refl_probe;

/* Consumes argv[*i] (and its value) when it is a probe option. Returns 1 consumed, 0 not, -1
 * usage error (printed). */
int cli_refl_parse_probe(int argc, char **argv, int *i, cli_refl_probe *p);
/* Puts what the command line gave over the model's own probe `p`. */
void cli_refl_apply_probe(const cli_refl_probe *po, il_refl_probe *p);

/* A number option "--name VALUE" that must be finite and >= lo. */
typedef struct {
    const char *name;
    double *dst;
    double lo;
} cli_refl_num_opt;

/* Parses v as a finite number >= lo into *out; 0, or -1 after printing a usage error. */
int cli_refl_parse_double(const char *opt, const char *v, double lo, double *out);
/* Consumes argv[*i] (and its value) when it is one of opts. Returns 1 consumed, 0 not, -1 usage
 * error (printed). */
int cli_refl_parse_numbers(int argc, char **argv, int *i, const cli_refl_num_opt *opts, size_t n);

/* A model argument: a YAML reflectometry model file or the inline ORSO form
 * ('air | LiNbO3 200 5 | Si', Å); failing both, a project stack (YAML stack file or inline
 * 'LiNbO3 20nm li6=1 | Si'). The first form's error is reported when none fits. */
il_status cli_refl_load_model(const char *arg, il_refl_model **out, il_error *err);

/* Slabs of a model for a probe (caller frees). */
il_status cli_refl_model_slabs(const il_refl_layer_model *L, size_t n, const il_refl_probe *p,
                           il_refl_slab **out, il_error *err);

/* SLD profile (depth, real, imaginary) of slabs on npts points covering all interfaces ± 4σ;
 * the caller frees *z, *re and *im (also on failure). */
il_status cli_refl_sld_profile(const il_refl_slab *s, size_t n, size_t npts, double **z, double **re,
                           double **im, il_error *err);

/* Verbs (argv starts at the verb's name). */
int cli_refl_validate(int argc, char **argv);
int cli_refl_sld(int argc, char **argv);
int cli_refl_simulate(int argc, char **argv);
int cli_refl_fit(int argc, char **argv);

#endif
