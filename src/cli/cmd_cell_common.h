/* What the cell verbs share (cmd_cell_common.c): the options of a run, loading the cell and
 * its protocol (text or a replayed cycler record), running it with a progress line on a
 * terminal, and the report printed at the end. */
#ifndef CLI_CMD_CELL_COMMON_H
#define CLI_CMD_CELL_COMMON_H
#include "cli/options.h"
#include "interlayer/cell.h"

int cli_cell_simulate(int argc, char **argv);
int cli_cell_twin(int argc, char **argv);
int cli_cell_anneal(int argc, char **argv);

typedef struct {
    const char *protocol;   /* --protocol TEXT */
    const char *cycler;     /* --cycler FILE: replay a Battery Data Format record */
    const char *save_every; /* --save-every 10min */
    const char *sample_every;
    const char *volumes;
    const char *output;     /* -o DIR */
} cli_cell_run_args;

extern const cli_opt cli_cell_run_options[6];

/* Loads the cell file and the protocol, runs it. On success *res, *cell, *protocol_text (the
 * protocol as recorded; static or argv storage) are set. Errors are printed; returns the exit
 * code (CLI_RUN-free: 0 on success). */
int cli_cell_load_and_run(const char *verb, const char *cell_path, const cli_cell_run_args *a,
                          il_cell_result **res, const char **protocol_text);
/* The end-of-run report on stdout. */
void cli_cell_report(const il_cell_result *r, const char *dir);

#endif
