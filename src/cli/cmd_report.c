/* interlayer report STACK --interface A/B -o PAGE.html: one self-contained HTML page with the
 * stack to scale, depth resolution against depth, the advisor's table and the provenance. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_advise_print.h"
#include "cli/options.h"

typedef struct {
    const char *interface, *want, *resolution, *interlayer, *output;
    int operando;
    double flux, precision, time_s, eh_potential;
    const char *pos[1];
} report_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--interface", NULL, offsetof(report_args, interface)),
    CLI_OPT_TEXT("--want", NULL, offsetof(report_args, want)),
    CLI_OPT_TEXT("--resolution", NULL, offsetof(report_args, resolution)),
    CLI_OPT_TEXT("--interlayer", NULL, offsetof(report_args, interlayer)),
    CLI_OPT_TEXT("--output", "-o", offsetof(report_args, output)),
    CLI_OPT_FLAG("--operando", offsetof(report_args, operando)),
    CLI_OPT_NUMBER("--flux", offsetof(report_args, flux), 0),
    CLI_OPT_NUMBER("--precision", offsetof(report_args, precision), 0),
    CLI_OPT_NUMBER("--time", offsetof(report_args, time_s), 0),
    CLI_OPT_NUMBER("--eh-potential", offsetof(report_args, eh_potential), 0),
};

static const cli_verb report_verb = {
    .name = "report",
    .help = "usage: interlayer report STACK --interface A/B -o PAGE.html [--want LIST]\n"
            "         [--resolution LEN] [--interlayer LEN] [--operando] (as for advise)\n"
            "  One self-contained HTML page: the stack to scale, depth resolution of the\n"
            "  techniques against depth, the advisor's ranked table, and the provenance of\n"
            "  every number. Inline SVG, no scripts; prints on paper.\n",
    CLI_SETS(CLI_SET(own_options, 0)),
    CLI_POSITIONAL(report_args, pos),
    .unknown = "unknown option",
};

int cli_cmd_report(int argc, char **argv)
{
    report_args a = {0};
    a.flux = a.precision = a.time_s = a.eh_potential = NAN;
    int rc = cli_parse(&report_verb, argc, argv, &a);
    if (rc != CLI_RUN)
        return rc;
    if (!a.pos[0] || !a.interface || !a.output)
        return cli_usage("usage: interlayer report STACK --interface A/B -o PAGE.html");
    il_advise_options o;
    if ((rc = cli_advise_options(a.want, a.resolution, a.interlayer, a.operando, a.flux,
                                 a.precision, a.time_s, a.eh_potential, &o)))
        return rc;
    il_error err;
    il_stack *s;
    if ((strcmp(a.pos[0], "default") == 0 ? il_stack_default_cell(&s, &err)
                                          : il_stack_load(a.pos[0], NULL, &s, &err)))
        return cli_fail(&err);
    il_advice_list *l = NULL;
    il_advise_curves *c = NULL, *sig = NULL;
    il_status st = il_advise_run(s, a.interface, &o, &l, &err);
    if (!st)
        st = il_advise_resolution_curves(s, &o, 200, &c, &err);
    if (!st)
        st = il_advise_li_signals(s, &o, l->interface_depth_nm, 800, &sig, &err);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "interlayer report %s --interface %s%s%s", a.pos[0], a.interface,
             a.want ? " --want " : "", a.want ? a.want : "");
    if (!st) {
        il_report r = {s, a.interface, &o, l, c, sig, cmd};
        st = il_report_write_html(a.output, &r, &err);
    }
    il_advise_curves_free(c);
    il_advise_curves_free(sig);
    il_advice_list_free(l);
    il_stack_free(s);
    return st ? cli_fail(&err) : CLI_EXIT_OK;
}
