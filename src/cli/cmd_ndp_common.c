/* What the `interlayer ndp` verbs share once parsed: loading the stack and the measurement,
 * JSON pieces, the progress bar (see cmd_ndp_common.h). */
#include "cli/cmd_ndp_common.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

il_status cli_ndp_load_stack(const char *arg, il_stack **out, il_error *err)
{
    if (strcmp(arg, "default") == 0)
        return il_stack_default_cell(out, err);
    return il_stack_load(arg, NULL, out, err);
}

/* Channel count and live time only: calibrate checks the spectrum's own calibration. */
static void adapt_channels_time(const il_spectrum *sp, il_ndp_instrument *ins)
{
    ins->channels = (int)il_spectrum_n_channels(sp);
    double lt = il_spectrum_live_time_s(sp);
    if (isfinite(lt) && lt > 0)
        ins->live_time_s = lt;
}

void cli_ndp_adapt_instrument(const il_spectrum *sp, il_ndp_instrument *ins)
{
    double c[3];
    if (il_spectrum_calibration(sp, c) && c[1] > 0) {
        ins->offset_keV = c[0];
        ins->gain_keV = c[1];
        ins->quadratic_keV = c[2];
    }
    adapt_channels_time(sp, ins);
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
        adapt_channels_time(*sp, ins);
    else
        cli_ndp_adapt_instrument(*sp, ins);
    if ((st = cli_ndp_load_stack(stack_arg, s, err))) {
        il_spectrum_free(*sp);
        *sp = NULL;
    }
    return st;
}

json_t *cli_ndp_json_array(const double *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, isfinite(v[i]) ? json_real(v[i]) : json_null());
    return a;
}

json_t *cli_ndp_json_instrument(const il_ndp_instrument *ins)
{
    json_t *o = json_object();
    json_object_set_new(o, "fluence_rate_n_per_cm2_s", json_real(ins->fluence_rate_n_cm2_s));
    json_object_set_new(o, "live_time_s", json_real(ins->live_time_s));
    json_object_set_new(o, "neutron_energy_meV", json_real(ins->neutron_meV));
    double om = il_ndp_solid_angle_sr(ins);
    json_object_set_new(o, "solid_angle_sr", json_real(om));
    json_object_set_new(o, "solid_angle_fraction", json_real(il_ndp_solid_angle_fraction(ins)));
    json_object_set_new(
        o, "geometry",
        json_string(ins->geometry == IL_NDP_GEOMETRY_DETECTOR ? "detector" : "solid_angle"));
    if (ins->geometry == IL_NDP_GEOMETRY_DETECTOR) {
        json_object_set_new(o, "detector_distance_mm", json_real(ins->distance_mm));
        json_object_set_new(o, "detector_area_mm2", json_real(ins->area_mm2));
        json_object_set_new(o, "detector_angle_deg", json_real(ins->angle_deg));
    } else {
        json_object_set_new(o, "exit_angle_deg", json_real(ins->exit_angle_deg));
    }
    json_object_set_new(o, "channels", json_integer(ins->channels));
    json_object_set_new(o, "gain_keV_per_channel", json_real(ins->gain_keV));
    json_object_set_new(o, "offset_keV", json_real(ins->offset_keV));
    json_object_set_new(o, "quadratic_keV_per_channel2", json_real(ins->quadratic_keV));
    json_object_set_new(o, "fwhm_keV", json_real(ins->fwhm_keV));
    json_object_set_new(o, "dead_layer_nm", json_real(ins->dead_layer_nm));
    json_object_set_new(o, "gas", ins->gas[0] ? json_string(ins->gas) : json_null());
    json_object_set_new(o, "gas_pressure_mbar", json_real(ins->gas_pressure_mbar));
    json_object_set_new(o, "foil", ins->foil[0] ? json_string(ins->foil) : json_null());
    json_object_set_new(o, "foil_nm", json_real(ins->foil_nm));
    return o;
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
