/* Shared pieces of the command-line program: one function per command group, and the
 * output conventions every verb follows (table for people, --csv and --json for machines). */
#ifndef CLI_H
#define CLI_H
#include <stdio.h>

#include "interlayer/interlayer.h"

/* Exit codes: 0 success, 1 bad input or failed computation, 2 wrong usage. */
typedef enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 } cli_exit;

/* Each group receives argv starting at its own name (argv[0] = "stopping", ...). */
int cli_cmd_materials(int argc, char **argv);
int cli_cmd_stack(int argc, char **argv);
int cli_cmd_stopping(int argc, char **argv);
int cli_cmd_range(int argc, char **argv);
int cli_cmd_depth_energy(int argc, char **argv);
int cli_cmd_refl(int argc, char **argv);
int cli_cmd_ndp(int argc, char **argv);
int cli_cmd_spectrum(int argc, char **argv);
int cli_cmd_advise(int argc, char **argv);
int cli_cmd_iba(int argc, char **argv);
int cli_cmd_cell(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_sputter(int argc, char **argv);

/* A verb of a command group ("refl", "ndp") and what runs it (argv starting at the verb). */
typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
} cli_subcommand;
/* Runs the verb named by argv[1], or prints "<group>: unknown verb '<argv[1]>' (<the verbs>)"
 * and returns CLI_EXIT_USAGE. */
int cli_dispatch(const char *group, const cli_subcommand *verbs, size_t n, int argc, char **argv);
/* The whole of a command group: with no verb prints `usage` to stderr (CLI_EXIT_USAGE), with
 * --help, -h or help prints it to stdout (CLI_EXIT_OK), else cli_dispatch. */
int cli_group(const char *group, const char *usage, const cli_subcommand *verbs, size_t n,
              int argc, char **argv);

/* Prints "interlayer: <file:line:col: message>" to stderr and returns CLI_EXIT_FAIL. */
int cli_fail(const il_error *err);
/* Prints "interlayer: <message>" to stderr and returns CLI_EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The stack a command line names: 'default' for the built-in cell, else a YAML file or an
 * inline stack (il_stack_load). */
il_status cli_stack_load(const char *arg, il_stack **out, il_error *err);

#endif
