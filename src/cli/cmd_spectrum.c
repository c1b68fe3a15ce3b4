/* interlayer spectrum: look at and move detector spectra with the readers the analysis uses.
 * This file only dispatches: cmd_spectrum_show.c, cmd_spectrum_convert.c. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_spectrum.h"
#include "cli/options.h"

static const char usage[] =
    "usage: interlayer spectrum VERB [ARGS...]\n\nverbs:\n"
    "  show       format, channels, live/real time, start, counts, ROI sums, calibration\n"
    "  convert    IN OUT: between .Spe, .Chn, N42.42 (.n42) and CSV (.csv/.tsv)\n"
    "Run 'interlayer spectrum VERB --help' for the options of a verb.\n";

static const cli_subcommand verbs[] = {
    {"show", cli_spectrum_show},
    {"convert", cli_spectrum_convert},
};

int cli_cmd_spectrum(int argc, char **argv)
{
    return cli_group("spectrum", usage, verbs, sizeof verbs / sizeof verbs[0], argc, argv);
}

static const cli_word_value formats[] = {{"auto", IL_SPECTRUM_AUTO}, {"spe", IL_SPECTRUM_SPE},
                                         {"chn", IL_SPECTRUM_CHN},   {"n42", IL_SPECTRUM_N42},
                                         {"csv", IL_SPECTRUM_CSV},   {NULL, 0}};

int cli_spectrum_format(const char *verb, const char *opt, const char *text,
                        il_spectrum_format *out)
{
    int v = IL_SPECTRUM_AUTO;
    if (text && cli_word(verb, opt, text, formats, "auto, spe, chn, n42, csv", &v))
        return CLI_EXIT_USAGE;
    *out = (il_spectrum_format)v;
    return 0;
}
