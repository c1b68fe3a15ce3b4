/* Printing the advisor's ranked table: text for people, CSV and JSON for machines. */
#ifndef CLI_ADVISE_PRINT_H
#define CLI_ADVISE_PRINT_H
#include "cli/output.h"
#include "interlayer/interlayer.h"

/* The advisor's options from the command line's texts and numbers (NaN: not given); 0 or the
 * exit code of a usage error already printed. Shared by `advise` and `report`. */
int cli_advise_options(const char *want, const char *resolution, const char *interlayer,
                       int operando, double flux, double precision, double time_s,
                       double eh_potential, il_advise_options *o);

int cli_advise_emit(const cli_out *out, const il_stack *s, const char *interface,
                    const il_advise_options *o, const il_advice_list *l);

#endif
