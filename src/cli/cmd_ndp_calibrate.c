/* interlayer ndp calibrate: energy scale and fluence x solid angle from a reference sample. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_io.h"

typedef struct {
    cli_ndp_instr_args instr;
    const char *stack;
    int json;
    const char *output; /* -o FILE: the result there (whole or not at all) instead of stdout */
    const char *spectrum[1];
} calibrate_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--stack", NULL, offsetof(calibrate_args, stack)),
    CLI_OPT_FLAG("--json", offsetof(calibrate_args, json)),
    CLI_OPT_TEXT("--output", "-o", offsetof(calibrate_args, output)),
};

static const cli_verb calibrate_verb = {
    .name = "ndp calibrate",
    .help = cli_ndp_help_text,
    CLI_SETS(CLI_SET(cli_ndp_instr_options, offsetof(calibrate_args, instr)),
             CLI_SET(own_options, 0)),
    CLI_POSITIONAL(calibrate_args, spectrum),
    .unknown = "unknown option",
};

static int print_json(FILE *fp, const il_ndp_reference_calibration *c)
{
    il_error err;
    char *text;
    if (il_ndp_calibration_json(c, &text, &err))
        return cli_fail(&err);
    fputs(text, fp);
    free(text);
    return CLI_EXIT_OK;
}

static void print_text(FILE *fp, const il_stack *s, const il_ndp_reference_calibration *c)
{
    fprintf(fp, "energy calibration from the Li edges of '%s':\n", il_stack_name(s));
    fprintf(fp, "  alpha edge at channel %.2f = %.1f keV, triton edge at channel %.2f = %.1f keV\n",
            c->edge_channel[0], c->edge_keV[0], c->edge_channel[1], c->edge_keV[1]);
    fprintf(fp, "  offset_keV: %.4f\n  gain_keV: %.6f\n", c->offset_keV, c->gain_keV);
    fprintf(fp, "fluence x solid angle: %.5f +- %.5f times the instrument's (fluence_rate_"
            "n_cm2_s: %.5g at the given solid angle)\n",
            c->factor, c->factor_sigma, c->fluence_rate_n_cm2_s);
}

int cli_ndp_calibrate(int argc, char **argv)
{
    calibrate_args a = {0};
    CLI_PARSE_OR_RETURN(&calibrate_verb, argc, argv, &a);
    if (!a.spectrum[0] || !a.stack)
        return cli_usage("usage: interlayer ndp calibrate SPECTRUM --stack REFERENCE_STACK");
    il_error err;
    il_ndp_instrument ins;
    il_spectrum *sp;
    il_stack *s;
    /* The file's own calibration is what we are checking: keep the instrument's as a guess,
     * but take the channel count and live time. */
    if (cli_ndp_load_measurement(&a.instr, a.spectrum[0], a.stack, 1, &ins, &sp, &s, &err))
        return cli_fail(&err);
    il_ndp_reference_calibration c;
    rc = CLI_EXIT_OK;
    if (il_ndp_calibrate_reference(s, &ins, il_spectrum_counts(sp), il_spectrum_n_channels(sp),
                                   a.spectrum[0], &c, &err))
        rc = cli_fail(&err);
    else {
        il_outfile *of;
        FILE *fp = cli_out_begin(a.output, &of);
        if (!fp)
            rc = CLI_EXIT_FAIL;
        else if (a.json)
            rc = cli_out_end(of, print_json(fp, &c));
        else {
            print_text(fp, s, &c);
            rc = cli_out_end(of, CLI_EXIT_OK);
        }
    }
    il_stack_free(s);
    il_spectrum_free(sp);
    return rc;
}
