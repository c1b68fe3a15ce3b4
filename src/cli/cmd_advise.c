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
    const char *interface, *want, *resolution, *interlayer, *only;
    int operando;
    double flux, precision, time_s, eh_potential;
    const char *pos[1];
} advise_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--interface", NULL, offsetof(advise_args, interface)),
    CLI_OPT_TEXT("--want", NULL, offsetof(advise_args, want)),
    CLI_OPT_TEXT("--resolution", NULL, offsetof(advise_args, resolution)),
    CLI_OPT_TEXT("--interlayer", NULL, offsetof(advise_args, interlayer)),
    CLI_OPT_FLAG("--operando", offsetof(advise_args, operando)),
    CLI_OPT_TEXT("--technique", NULL, offsetof(advise_args, only)),
    CLI_OPT_NUMBER("--flux", offsetof(advise_args, flux), 0),
    CLI_OPT_NUMBER("--precision", offsetof(advise_args, precision), 0),
    CLI_OPT_NUMBER("--time", offsetof(advise_args, time_s), 0),
    CLI_OPT_NUMBER("--eh-potential", offsetof(advise_args, eh_potential), 0),
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
    CLI_SETS(CLI_OUT_SET(advise_args), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(advise_args, pos),
    .unknown = "unknown option",
};

int cli_advise_options(const char *want, const char *resolution, const char *interlayer,
                       int operando, double flux, double precision, double time_s,
                       double eh_potential, il_advise_options *o)
{
    il_error err;
    il_advise_options_default(o);
    if (want && il_advise_wants_parse(want, &o->wants, &o->operando, &err))
        return cli_usage("advise: --want: %s", err.message);
    if (want && !o->wants)
        o->wants = IL_WANT_LI_PROFILE; /* "--want operando" alone */
    if (operando)
        o->operando = 1;
    if (resolution && il_parse_length_nm(resolution, &o->resolution_nm, &err))
        return cli_usage("advise: --resolution '%s': %s", resolution, err.message);
    if (interlayer && il_parse_length_nm(interlayer, &o->interlayer_nm, &err))
        return cli_usage("advise: --interlayer '%s': %s", interlayer, err.message);
    if (!isnan(flux))
        o->ndp_fluence_rate_n_cm2_s = flux;
    if (!isnan(precision))
        o->precision = precision;
    if (!isnan(time_s))
        o->max_time_s = time_s;
    if (!isnan(eh_potential))
        o->eh_potential_V = eh_potential;
    return 0;
}

int cli_cmd_advise(int argc, char **argv)
{
    advise_args a = {0};
    a.flux = a.precision = a.time_s = a.eh_potential = NAN;
    int rc = cli_parse(&advise_verb, argc, argv, &a);
    if (rc != CLI_RUN)
        return rc;
    if (!a.pos[0] || !a.interface)
        return cli_usage("usage: interlayer advise STACK --interface A/B [--want LIST]");
    il_error err;
    il_advise_options o;
    if ((rc = cli_advise_options(a.want, a.resolution, a.interlayer, a.operando, a.flux,
                                 a.precision, a.time_s, a.eh_potential, &o)))
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
    if ((strcmp(a.pos[0], "default") == 0 ? il_stack_default_cell(&s, &err)
                                          : il_stack_load(a.pos[0], NULL, &s, &err)))
        return cli_fail(&err);
    il_advice_list *l = NULL;
    il_status st = il_advise_run(s, a.interface, &o, &l, &err);
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
    rc = cli_advise_emit(&a.out, s, a.interface, &o, l);
    il_advice_list_free(l);
    il_stack_free(s);
    return rc;
}
