/* The spectrum verbs (cmd_spectrum_*.c) and what they share. */
#ifndef CLI_CMD_SPECTRUM_H
#define CLI_CMD_SPECTRUM_H
#include "interlayer/interlayer.h"

int cli_spectrum_show(int argc, char **argv);
int cli_spectrum_convert(int argc, char **argv);

/* A --format/--from/--to word (auto, spe, chn, n42, csv; NULL: auto) into *out: 0, or prints
 * the usage error and returns CLI_EXIT_USAGE. */
int cli_spectrum_format(const char *verb, const char *opt, const char *text,
                        il_spectrum_format *out);
#endif
