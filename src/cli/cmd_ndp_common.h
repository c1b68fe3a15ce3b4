/* Pieces shared by the `interlayer ndp` verbs: the instrument options and the help
 * (cmd_ndp_instrument.c), stack and spectrum loading, JSON helpers and the terminal progress bar
 * (cmd_ndp_common.c). */
#ifndef CLI_NDP_COMMON_H
#define CLI_NDP_COMMON_H
#include <jansson.h>

#include "cli/options.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_calibrate.h"
#include "interlayer/ndp_fit.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_io.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/spectrum.h"
#include "interlayer/stack.h"
#include "interlayer/stack_io.h"

/* Instrument settings from the command line: --instrument FILE first, then single options on
 * top, kept as given and read by cli_ndp_instr_build. */
typedef struct {
    const char *file;
    int nopt;
    const char *key[64];
    const char *val[64];
} cli_ndp_instr_args;

/* The instrument options: CLI_SET(cli_ndp_instr_options, offsetof(args, instr)). */
#define CLI_NDP_INSTR_NOPTIONS 25
extern const cli_opt cli_ndp_instr_options[CLI_NDP_INSTR_NOPTIONS];
/* Builds the instrument: defaults, the file, the options. Errors name the option. */
il_status cli_ndp_instr_build(const cli_ndp_instr_args *a, il_ndp_instrument *ins, il_error *err);
extern const char cli_ndp_instr_help[];
/* The full `interlayer ndp` help, which every verb's --help shows (but operando's). */
extern const char cli_ndp_help_text[];

/* 'default' or a YAML file or an inline stack. */
il_status cli_ndp_load_stack(const char *arg, il_stack **out, il_error *err);

/* What invert and calibrate read: the instrument (cli_ndp_instr_build), the measured spectrum
 * (which then gives the instrument its channel count and live time and, unless
 * keep_calibration, its energy calibration) and the stack ('default', a file or inline). On
 * failure nothing is left to free. */
il_status cli_ndp_load_measurement(const cli_ndp_instr_args *a, const char *spectrum_arg,
                                   const char *stack_arg, int keep_calibration,
                                   il_ndp_instrument *ins, il_spectrum **sp, il_stack **s,
                                   il_error *err);

/* Takes calibration, channel count and live time from the spectrum where it has them. */
void cli_ndp_adapt_instrument(const il_spectrum *sp, il_ndp_instrument *ins);

/* For ndp operando until it moves to a cli_verb table: one step of the old loop over argv.
 * cli_ndp_instr_option and cli_ndp_str_option take argv[*i] (and its value) when it is one of
 * their options: 1 taken, 0 not theirs, -1 after a usage error. cli_ndp_positional stores a
 * positional argument (0) or reports an unknown option or an extra argument (CLI_EXIT_USAGE). */
int cli_ndp_instr_option(int argc, char **argv, int *i, cli_ndp_instr_args *a);
typedef struct {
    const char *name;
    const char **slot;
} cli_ndp_str_opt;
int cli_ndp_str_option(int argc, char **argv, int *i, const cli_ndp_str_opt *opts, size_t n);
int cli_ndp_positional(const char *verb, const char *arg, const char **slot);

json_t *cli_ndp_json_array(const double *v, size_t n);
json_t *cli_ndp_json_instrument(const il_ndp_instrument *ins);

/* A progress bar on stderr, drawn only when stderr is a terminal. */
void cli_ndp_progress_bar(void *user, size_t done, size_t total);

/* Verbs. */
int cli_ndp_simulate(int argc, char **argv);
int cli_ndp_invert(int argc, char **argv);
int cli_ndp_operando(int argc, char **argv);
int cli_ndp_calibrate(int argc, char **argv);
int cli_ndp_reactions(int argc, char **argv);

#endif
