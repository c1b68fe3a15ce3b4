/* Shared pieces of the command-line program: one function per command group, and the
 * output conventions every verb follows (table for people, --csv and --json for machines). */
#ifndef IL_CLI_H
#define IL_CLI_H
#include <stdio.h>

#include "interlayer/interlayer.h"

/* Exit codes: 0 success, 1 bad input or failed computation, 2 wrong usage. */
enum { IL_EXIT_OK = 0, IL_EXIT_FAIL = 1, IL_EXIT_USAGE = 2 };

/* Each group receives argv starting at its own name (argv[0] = "stopping", ...). */
int il_cmd_materials(int argc, char **argv);
int il_cmd_stack(int argc, char **argv);
int il_cmd_stopping(int argc, char **argv);
int il_cmd_range(int argc, char **argv);
int il_cmd_depth_energy(int argc, char **argv);
int il_cmd_refl(int argc, char **argv);
int il_cmd_ndp(int argc, char **argv);

/* Prints "interlayer: <file:line:col: message>" to stderr and returns IL_EXIT_FAIL. */
int il_cli_fail(const il_error *err);
/* Prints "interlayer: <message>" to stderr and returns IL_EXIT_USAGE. */
int il_cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
