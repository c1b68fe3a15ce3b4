/* Printing the advisor's ranked table: text for people, CSV and JSON for machines. */
#ifndef CLI_ADVISE_PRINT_H
#define CLI_ADVISE_PRINT_H
#include "cli/output.h"
#include "interlayer/interlayer.h"

/* The question `advise` and `report` both ask: the interface and what is wanted of it, as
 * the command line gave them (texts checked by cli_advise_options; numbers NaN when not
 * given). */
typedef struct {
    const char *interface, *want, *resolution, *interlayer;
    int operando;
    double flux, precision, time_s, eh_potential;
} cli_advise_question;

/* --interface, --want, --resolution, --interlayer, --operando, --flux, --precision, --time and
 * --eh-potential into a cli_advise_question: CLI_SET(cli_advise_question_options,
 * offsetof(args, question)) among a verb's option sets. */
extern const cli_opt cli_advise_question_options[9];
/* Nothing asked yet (the numbers NaN), before cli_parse. */
void cli_advise_question_init(cli_advise_question *q);

/* The advisor's options for question q; 0 or the exit code of a usage error already printed. */
int cli_advise_options(const cli_advise_question *q, il_advise_options *o);

int cli_advise_emit(const cli_out *out, const il_stack *s, const char *interface,
                    const il_advise_options *o, const il_advice_list *l);

#endif
