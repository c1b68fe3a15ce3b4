/* interlayer report STACK --interface A/B -o PAGE.html: one self-contained HTML page with the
 * stack to scale, depth resolution against depth, the advisor's table and the provenance. */
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_advise_print.h"
#include "cli/options.h"

typedef struct {
    cli_advise_question question;
    const char *output;
    const char *pos[1];
} report_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--output", "-o", offsetof(report_args, output)),
};

static const cli_verb report_verb = {
    .name = "report",
    .help = "usage: interlayer report STACK --interface A/B -o PAGE.html [--want LIST]\n"
            "         [--resolution LEN] [--interlayer LEN] [--operando] (as for advise)\n"
            "  One self-contained HTML page: the stack to scale, depth resolution of the\n"
            "  techniques against depth, the advisor's ranked table, and the provenance of\n"
            "  every number. Inline SVG, no scripts; prints on paper.\n",
    CLI_SETS(CLI_SET(cli_advise_question_options, offsetof(report_args, question)),
             CLI_SET(own_options, 0)),
    CLI_POSITIONAL(report_args, pos),
    .unknown = "unknown option",
};

int cli_cmd_report(int argc, char **argv)
{
    report_args a = {0};
    cli_advise_question_init(&a.question);
    CLI_PARSE_OR_RETURN(&report_verb, argc, argv, &a);
    if (!a.pos[0] || !a.question.interface || !a.output)
        return cli_usage("usage: interlayer report STACK --interface A/B -o PAGE.html");
    il_advise_options o;
    if ((rc = cli_advise_options(&a.question, &o)))
        return rc;
    il_error err;
    il_stack *s;
    if (cli_stack_load(a.pos[0], &s, &err))
        return cli_fail(&err);
    il_advice_list *l = NULL;
    il_advise_curves *c = NULL, *sig = NULL;
    il_status st = il_advise_run(s, a.question.interface, &o, &l, &err);
    if (!st)
        st = il_advise_resolution_curves(s, &o, 200, &c, &err);
    if (!st)
        st = il_advise_li_signals(s, &o, l->interface_depth_nm, 800, &sig, &err);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "interlayer report %s --interface %s%s%s", a.pos[0], a.question.interface,
             a.question.want ? " --want " : "", a.question.want ? a.question.want : "");
    if (!st) {
        il_report r = {s, a.question.interface, &o, l, c, sig, cmd};
        st = il_report_write_html(a.output, &r, &err);
    }
    il_advise_curves_free(c);
    il_advise_curves_free(sig);
    il_advice_list_free(l);
    il_stack_free(s);
    return st ? cli_fail(&err) : CLI_EXIT_OK;
}
