/* What the `interlayer ndp` verbs share once parsed: loading the stack and the measurement,
 * JSON pieces, the progress bar (see cmd_ndp_common.h). */
#include "cli/cmd_ndp_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* Channel count and live time only: calibrate checks the spectrum's own calibration. A file
 * without a live time (or with 0, which no counted spectrum has) gets the instrument's, and the
 * user is told which value that is: counts per second, hence every areal density, scale with
 * it. */
static void adapt_channels_time(const il_spectrum *sp, const char *file, il_ndp_instrument *ins)
{
    ins->channels = (int)il_spectrum_n_channels(sp);
    double lt = il_spectrum_live_time_s(sp);
    if (isfinite(lt) && lt > 0)
        ins->live_time_s = lt;
    else
        fprintf(stderr,
                "interlayer: note: %s gives %s; using the instrument's live time, %.10g s "
                "(--time or live_time_s in the instrument file)\n",
                file, isnan(lt) ? "no live time" : "live time 0", ins->live_time_s);
}

void cli_ndp_adapt_instrument(const il_spectrum *sp, const char *file, il_ndp_instrument *ins)
{
    double c[3];
    if (il_spectrum_calibration(sp, c) && c[1] > 0) {
        ins->offset_keV = c[0];
        ins->gain_keV = c[1];
        ins->quadratic_keV = c[2];
    }
    adapt_channels_time(sp, file, ins);
}

/* A spectrum reduced by `ndp reduce` carries its fluence x solid angle / 4 pi: that gives the
 * fluence rate for this instrument's solid angle, unless --fluence was given (said either way). */
static void adapt_fluence(const cli_ndp_instr_args *a, const il_spectrum *sp, const char *file,
                          il_ndp_instrument *ins)
{
    double F = il_spectrum_fluence_solid_angle_n_cm2(sp), frac = il_ndp_solid_angle_fraction(ins);
    if (!isfinite(F) || !(ins->live_time_s > 0) || !(frac > 0))
        return;
    for (int i = 0; i < a->nopt; i++)
        if (!strcmp(a->key[i], "fluence_rate_n_cm2_s")) {
            fprintf(stderr, "interlayer: note: --fluence %s used instead of the fluence x solid "
                    "angle / 4 pi that %s carries (%.6g n/cm2)\n", a->val[i], file, F);
            return;
        }
    ins->fluence_rate_n_cm2_s = F / (ins->live_time_s * frac);
    fprintf(stderr, "interlayer: note: %s carries fluence x solid angle / 4 pi %.6g n/cm2: "
            "fluence rate %.6g n/cm2/s over its %.6g s at this solid angle / 4 pi (%.6g)\n",
            file, F, ins->fluence_rate_n_cm2_s, ins->live_time_s, frac);
}

il_status cli_ndp_load_measurement(const cli_ndp_instr_args *a, const char *spectrum_arg,
                                   const char *stack_arg, int keep_calibration,
                                   il_ndp_instrument *ins, il_spectrum **sp, il_stack **s,
                                   il_error *err)
{
    il_status st = cli_ndp_instr_build(a, ins, err);
    if (st)
        return st;
    if ((st = il_spectrum_load(spectrum_arg, IL_SPECTRUM_AUTO, sp, err)))
        return st;
    if (keep_calibration)
        adapt_channels_time(*sp, spectrum_arg, ins);
    else
        cli_ndp_adapt_instrument(*sp, spectrum_arg, ins);
    adapt_fluence(a, *sp, spectrum_arg, ins);
    if ((st = cli_stack_load(stack_arg, s, err))) {
        il_spectrum_free(*sp);
        *sp = NULL;
    }
    return st;
}

void cli_ndp_progress_bar(void *user, size_t done, size_t total)
{
    (void)user;
    if (!isatty(fileno(stderr)) || total == 0)
        return;
    int w = 40, k = (int)(w * done / total);
    fprintf(stderr, "\r[");
    for (int i = 0; i < w; i++)
        fputc(i < k ? '#' : ' ', stderr);
    fprintf(stderr, "] %zu/%zu", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}
