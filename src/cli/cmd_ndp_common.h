/* Pieces shared by the `interlayer ndp` verbs: instrument options, stack and spectrum loading,
 * JSON helpers and the terminal progress bar. */
#ifndef CLI_NDP_COMMON_H
#define CLI_NDP_COMMON_H
#include <jansson.h>

#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/spectrum.h"
#include "interlayer/stack.h"

/* Instrument settings from the command line: --instrument FILE first, then single options on
 * top. cli_ndp_instr_option consumes argv[*i] (and its value) when it is one: returns 1, 0 when it
 * is not an instrument option, -1 after printing a usage error. */
typedef struct {
    const char *file;
    int nopt;
    const char *key[64];
    const char *val[64];
} cli_ndp_instr_args;

int cli_ndp_instr_option(int argc, char **argv, int *i, cli_ndp_instr_args *a);
/* Builds the instrument: defaults, the file, the options. Errors name the option. */
il_status cli_ndp_instr_build(const cli_ndp_instr_args *a, il_ndp_instrument *ins, il_error *err);
extern const char cli_ndp_instr_help[];

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

/* The full `interlayer ndp` help on stdout (every verb's --help shows it); returns CLI_EXIT_OK. */
int cli_ndp_help(void);

/* What simulate, invert and calibrate accept before their own options: --help/-h and the
 * instrument options. cli_ndp_verb_option looks at argv[*i] (consuming a value with it). */
enum { CLI_NDP_ARG_BAD = -1, CLI_NDP_ARG_OTHER = 0, CLI_NDP_ARG_TAKEN = 1, CLI_NDP_ARG_HELP = 2 };
int cli_ndp_verb_option(int argc, char **argv, int *i, cli_ndp_instr_args *a);

/* Options that take a text value: "--name VALUE" or "--name=VALUE" stores VALUE in *slot.
 * cli_ndp_str_option consumes argv[*i] (and its value) when it is one of opts: returns 1, 0 when it
 * is none, -1 after printing a usage error (no value). */
typedef struct {
    const char *name;
    const char **slot;
} cli_ndp_str_opt;
int cli_ndp_str_option(int argc, char **argv, int *i, const cli_ndp_str_opt *opts, size_t n);

/* The positional argument of `ndp VERB`: stores arg in *slot and returns 0, or prints "ndp
 * VERB: unknown option" (arg starts with '-') or "unexpected argument" (slot already set) and
 * returns CLI_EXIT_USAGE. */
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
