/* Pieces shared by the `interlayer ndp` verbs: instrument options, stack and spectrum loading,
 * JSON helpers and the terminal progress bar. */
#ifndef IL_CLI_NDP_COMMON_H
#define IL_CLI_NDP_COMMON_H
#include <jansson.h>

#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/spectrum.h"
#include "interlayer/stack.h"

/* Instrument settings from the command line: --instrument FILE first, then single options on
 * top. ndp_instr_option consumes argv[*i] (and its value) when it is one: returns 1, 0 when it
 * is not an instrument option, -1 after printing a usage error. */
typedef struct {
    const char *file;
    int nopt;
    const char *key[64];
    const char *val[64];
} ndp_instr_args;

int ndp_instr_option(int argc, char **argv, int *i, ndp_instr_args *a);
/* Builds the instrument: defaults, the file, the options. Errors name the option. */
il_status ndp_instr_build(const ndp_instr_args *a, il_ndp_instrument *ins, il_error *err);
extern const char ndp_instr_help[];

/* 'default' or a YAML file or an inline stack. */
il_status ndp_load_stack(const char *arg, il_stack **out, il_error *err);

/* Takes calibration, channel count and live time from the spectrum where it has them. */
void ndp_adapt_instrument(const il_spectrum *sp, il_ndp_instrument *ins);

json_t *ndp_json_array(const double *v, size_t n);
json_t *ndp_json_instrument(const il_ndp_instrument *ins);

/* A progress bar on stderr, drawn only when stderr is a terminal. */
void ndp_progress_bar(void *user, size_t done, size_t total);

/* Verbs. */
int ndp_cmd_simulate(int argc, char **argv);
int ndp_cmd_invert(int argc, char **argv);
int ndp_cmd_operando(int argc, char **argv);
int ndp_cmd_calibrate(int argc, char **argv);

#endif
