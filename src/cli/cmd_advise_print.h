/* Printing the advisor's ranked table: text for people, CSV and JSON for machines. */
#ifndef CLI_ADVISE_PRINT_H
#define CLI_ADVISE_PRINT_H
#include "cli/output.h"
#include "interlayer/interlayer.h"

int cli_advise_emit(const cli_out *out, const il_stack *s, const char *interface,
                    const il_advise_options *o, const il_advice_list *l);

#endif
