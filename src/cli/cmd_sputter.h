/* What the sputter verbs share (cmd_sputter.c): the MRI options and the output of a text. */
#ifndef CLI_CMD_SPUTTER_H
#define CLI_CMD_SPUTTER_H
#include "cli/options.h"
#include "cli/output.h"
#include "interlayer/interlayer.h"

typedef struct {
    const char *technique;
    double w_nm, sigma_nm, lambda_nm; /* NAN: the technique's */
} cli_sputter_mri;

/* --technique, --mixing, --roughness, --information-depth */
extern const cli_opt cli_sputter_mri_options[4];
void cli_sputter_mri_init(cli_sputter_mri *m);
/* The technique and its MRI parameters (stack s may be NULL), overridden where given: 0, or
 * the exit code after printing the error. */
int cli_sputter_mri_resolve(const char *verb, const cli_sputter_mri *m, const il_stack *s,
                            il_sputter_technique *t, il_mri_params *p);
/* text to stdout, or to -o FILE whole or not at all */
int cli_sputter_emit(const cli_out *o, const char *text);
int cli_sputter_deconvolve(int argc, char **argv);

#endif
