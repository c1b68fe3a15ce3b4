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
/* The instrument options' help, the tail of every ndp verb's --help. */
#define CLI_NDP_INSTR_HELP                                                                         \
    "instrument (defaults: 1e9 n/cm2/s, 3600 s, 50 mm2 detector at 50 mm on the normal,\n"         \
    "  1024 channels x 3 keV, 20 keV FWHM, vacuum):\n"                                             \
    "  --instrument FILE.yaml     all settings from a YAML file (options below override it)\n"     \
    "  --fluence N/CM2/S --time S --neutron-meV E\n"                                               \
    "  --distance 50mm --area MM2 --angle DEG   (disc detector, exit angles integrated)\n"         \
    "  --solid-angle SR --exit-angle DEG        (a plain solid angle instead)\n"                   \
    "  --channels N --gain KEV --offset KEV --quadratic KEV --fwhm KEV --dead-layer 50nm\n"        \
    "  --gas He --pressure MBAR --foil Mylar --foil-thickness NM\n"                                \
    "  --bkg-flat CPS/KEV --bkg-tail CPS/KEV --bkg-decay KEV --slice 10nm\n"

/* The full `interlayer ndp` help, which every verb's --help shows (but operando's). */
extern const char cli_ndp_help_text[];

/* What invert and calibrate read: the instrument (cli_ndp_instr_build), the measured spectrum
 * (which then gives the instrument its channel count and live time and, unless
 * keep_calibration, its energy calibration) and the stack ('default', a file or inline). On
 * failure nothing is left to free. */
il_status cli_ndp_load_measurement(const cli_ndp_instr_args *a, const char *spectrum_arg,
                                   const char *stack_arg, int keep_calibration,
                                   il_ndp_instrument *ins, il_spectrum **sp, il_stack **s,
                                   il_error *err);

/* Takes calibration, channel count and live time from the spectrum (read from `file`) where it
 * has them; a missing live time is said on stderr with the value used instead. */
void cli_ndp_adapt_instrument(const il_spectrum *sp, const char *file, il_ndp_instrument *ins);


/* A progress bar on stderr, drawn only when stderr is a terminal. */
void cli_ndp_progress_bar(void *user, size_t done, size_t total);

/* Verbs. */
int cli_ndp_simulate(int argc, char **argv);
int cli_ndp_invert(int argc, char **argv);
int cli_ndp_operando(int argc, char **argv);
int cli_ndp_calibrate(int argc, char **argv);
int cli_ndp_reactions(int argc, char **argv);

#endif
