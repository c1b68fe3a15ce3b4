/* interlayer advise STACK --interface A/B [--want LIST] [--resolution LEN] ...: which technique
 * sees this interface. Parses, calls il_advise_run, prints the ranked table (or CSV/JSON). */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd_advise_print.h"
#include "cli/cli.h"
#include "cli/output.h"

typedef struct {
    cli_out out;
    cli_advise_question question;
    const char *only;
    const char *pos[1];
} advise_args;

#define Q(member) offsetof(cli_advise_question, member)
const cli_opt cli_advise_question_options[9] = {
    CLI_OPT_TEXT("--interface", NULL, Q(interface)),
    CLI_OPT_TEXT("--want", NULL, Q(want)),
    CLI_OPT_TEXT("--resolution", NULL, Q(resolution)),
    CLI_OPT_TEXT("--interlayer", NULL, Q(interlayer)),
    CLI_OPT_FLAG("--operando", Q(operando)),
    CLI_OPT_NUMBER("--flux", Q(flux), 0),
    CLI_OPT_NUMBER("--precision", Q(precision), 0),
    CLI_OPT_NUMBER("--time", Q(time_s), 0),
    CLI_OPT_NUMBER("--eh-potential", Q(eh_potential), 0),
};
#undef Q

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--technique", NULL, offsetof(advise_args, only)),
};

static const cli_verb advise_verb = {
    .name = "advise",
    .help =
        "usage: interlayer advise STACK --interface A/B [--want LIST] [--resolution LEN]\n"
        "         [--interlayer LEN] [--operando] [--flux N_CM2_S] [--precision REL]\n"
        "         [--time S] [--eh-potential V] [--technique LIST] [--csv|--json] [-o FILE]\n"
        "  Which technique sees the interface A/B of STACK (a file, an inline stack or\n"
        "  'default'): every technique of the review's Table 3 judged with this stack's\n"
        "  physics, ranked works / marginal / cannot / not yet computed.\n"
        "  --want: li-amount, li-profile, chemistry, structure, thickness, operando\n"
        "          (comma separated; default li-profile)\n"
        "  --resolution: depth resolution wanted at the interface (default 10nm)\n"
        "  --interlayer: assumed interlayer thickness, the Li NDP counts (default 10nm)\n"
        "  --flux, --precision, --time: NDP fluence rate (1e9), relative precision (0.05),\n"
        "          longest measurement in s (900 operando, 86400 otherwise)\n"
        "  --eh-potential: space-charge potential step for electron holography (0.1 V)\n"
        "  --technique: only these techniques (comma separated ids: ndp,nr,xps,...)\n",
    CLI_SETS(CLI_OUT_SET(advise_args),
             CLI_SET(cli_advise_question_options, offsetof(advise_args, question)),
             CLI_SET(own_options, 0)),
    CLI_POSITIONAL(advise_args, pos),
    .unknown = "unknown option",
};

void cli_advise_question_init(cli_advise_question *q)
{
    *q = (cli_advise_question){0};
    q->flux = q->precision = q->time_s = q->eh_potential = NAN;
}

int cli_advise_options(const cli_advise_question *q, il_advise_options *o)
{
    il_error err;
    il_advise_options_default(o);
    if (q->want && il_advise_wants_parse(q->want, &o->wants, &o->operando, &err))
        return cli_usage("advise: --want: %s", err.message);
    if (q->want && !o->wants)
        o->wants = IL_WANT_LI_PROFILE; /* "--want operando" alone */
    if (q->operando)
        o->operando = 1;
    if (q->resolution && il_parse_length_nm(q->resolution, &o->resolution_nm, &err))
        return cli_usage("advise: --resolution '%s': %s", q->resolution, err.message);
    if (q->interlayer && il_parse_length_nm(q->interlayer, &o->interlayer_nm, &err))
        return cli_usage("advise: --interlayer '%s': %s", q->interlayer, err.message);
    if (!isnan(q->flux))
        o->ndp_fluence_rate_n_cm2_s = q->flux;
    if (!isnan(q->precision))
        o->precision = q->precision;
    if (!isnan(q->time_s))
        o->max_time_s = q->time_s;
    if (!isnan(q->eh_potential))
        o->eh_potential_V = q->eh_potential;
    return 0;
}

int cli_cmd_advise(int argc, char **argv)
{
    advise_args a = {0};
    cli_advise_question_init(&a.question);
    CLI_PARSE_OR_RETURN(&advise_verb, argc, argv, &a);
    if (!a.pos[0] || !a.question.interface)
        return cli_usage("usage: interlayer advise STACK --interface A/B [--want LIST]");
    il_error err;
    il_advise_options o;
    if ((rc = cli_advise_options(&a.question, &o)))
        return rc;
    /* an unknown technique is a bad question: say so before any work */
    for (const char *p = a.only; p && *p;) {
        size_t len = strcspn(p, ",");
        char id[64];
        snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id ? len : sizeof id - 1), p);
        const il_technique *t;
        if (il_technique_find(id, &t, &err))
            return cli_usage("advise: --technique: %s", err.message);
        p += len + (p[len] == ',');
    }
    il_stack *s;
    if (cli_stack_load(a.pos[0], &s, &err))
        return cli_fail(&err);
    il_advice_list *l = NULL;
    il_status st = il_advise_run(s, a.question.interface, &o, &l, &err);
    if (st) {
        il_stack_free(s);
        return cli_fail(&err);
    }
    if (a.only) /* keep the chosen ones, in rank order */
        for (size_t i = 0, k = 0; i < l->n; i++) {
            char pat[80];
            snprintf(pat, sizeof pat, ",%s,", l->items[i].technique->id);
            char all[512];
            snprintf(all, sizeof all, ",%s,", a.only);
            for (char *q = all; *q; q++) /* ids are matched without case, as il_technique_find */
                *q = (char)tolower((unsigned char)*q);
            if (strstr(all, pat))
                l->items[k++] = l->items[i];
            if (i + 1 == l->n)
                l->n = k;
        }
    rc = cli_advise_emit(&a.out, s, a.question.interface, &o, l);
    il_advice_list_free(l);
    il_stack_free(s);
    return rc;
}
