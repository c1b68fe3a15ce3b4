/* Shared helpers of the `interlayer ndp` verbs (see cmd_ndp_common.h). */
#include "cli/cmd_ndp_common.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"

/* Command-line option -> YAML key of the instrument file (same parser for both). */
static const struct {
    const char *opt, *key;
} instr_opts[] = {
    {"--fluence", "fluence_rate_n_cm2_s"}, {"--time", "live_time_s"},
    {"--neutron-meV", "neutron_meV"},      {"--distance", "distance"},
    {"--area", "area_mm2"},                {"--angle", "angle_deg"},
    {"--solid-angle", "solid_angle_sr"},   {"--exit-angle", "exit_angle_deg"},
    {"--angle-bins", "angle_bins"},        {"--channels", "channels"},
    {"--gain", "gain_keV"},                {"--offset", "offset_keV"},
    {"--quadratic", "quadratic_keV"},      {"--fwhm", "fwhm"},
    {"--dead-layer", "dead_layer"},        {"--detector-material", "detector_material"},
    {"--gas", "gas"},                      {"--pressure", "gas_pressure_mbar"},
    {"--foil", "foil"},                    {"--foil-thickness", "foil_thickness"},
    {"--bkg-flat", "bkg_flat_cps_keV"},    {"--bkg-tail", "bkg_tail_cps_keV"},
    {"--bkg-decay", "bkg_tail_decay_keV"}, {"--slice", "slice"},
};
#define N_INSTR_OPTS (sizeof instr_opts / sizeof instr_opts[0])

const char cli_ndp_instr_help[] =
    "instrument (defaults: 1e9 n/cm2/s, 3600 s, 50 mm2 detector at 50 mm on the normal,\n"
    "  1024 channels x 3 keV, 20 keV FWHM, vacuum):\n"
    "  --instrument FILE.yaml     all settings from a YAML file (options below override it)\n"
    "  --fluence N/CM2/S --time S --neutron-meV E\n"
    "  --distance 50mm --area MM2 --angle DEG   (disc detector, exit angles integrated)\n"
    "  --solid-angle SR --exit-angle DEG        (a plain solid angle instead)\n"
    "  --channels N --gain KEV --offset KEV --quadratic KEV --fwhm KEV --dead-layer 50nm\n"
    "  --gas He --pressure MBAR --foil Mylar --foil-thickness NM\n"
    "  --bkg-flat CPS/KEV --bkg-tail CPS/KEV --bkg-decay KEV --slice 10nm\n";

int cli_ndp_instr_option(int argc, char **argv, int *i, cli_ndp_instr_args *a)
{
    const char *v;
    int r = cli_opt_value(argc, argv, i, "--instrument", &v);
    if (r) {
        if (r > 0)
            a->file = v;
        return r;
    }
    for (size_t k = 0; k < N_INSTR_OPTS; k++) {
        r = cli_opt_value(argc, argv, i, instr_opts[k].opt, &v);
        if (r < 0)
            return -1;
        if (r > 0) {
            if (a->nopt >= 64) {
                cli_usage("too many instrument options");
                return -1;
            }
            a->key[a->nopt] = instr_opts[k].key;
            a->val[a->nopt] = v;
            a->nopt++;
            if (strcmp(instr_opts[k].opt, "--solid-angle") == 0) {
                a->key[a->nopt] = "geometry";
                a->val[a->nopt] = "solid_angle";
                a->nopt++;
            }
            return 1;
        }
    }
    return 0;
}

il_status cli_ndp_instr_build(const cli_ndp_instr_args *a, il_ndp_instrument *ins, il_error *err)
{
    il_ndp_instrument_default(ins);
    il_status st;
    if (a->file && (st = il_ndp_instrument_load(a->file, ins, err)))
        return st;
    if (a->nopt == 0)
        return IL_OK;
    /* All options as one YAML mapping, one "key: value" line each, read by the same reader as
     * the files (units, checks) and checked together at the end (a gas needs its pressure). */
    char text[64 * 600];
    size_t len = 0;
    for (int k = 0; k < a->nopt; k++) {
        if (strchr(a->val[k], '"') || strchr(a->val[k], '\n') || strchr(a->val[k], '\\'))
            return il_error_set(err, IL_ERR_INVALID, "bad value '%s'", a->val[k]);
        int n = snprintf(text + len, sizeof text - len, "%s: \"%s\"\n", a->key[k], a->val[k]);
        if (n < 0 || (size_t)n >= sizeof text - len)
            return il_error_set(err, IL_ERR_INVALID, "instrument options too long");
        len += (size_t)n;
    }
    il_ndp_instrument base = *ins;
    st = il_ndp_instrument_parse(text, len, "", ins, err);
    if (st && err) {
        /* Name the option instead of a line of the generated text. */
        char msg[sizeof err->message];
        snprintf(msg, sizeof msg, "%s", err->message);
        const char *opt = NULL;
        if (err->line >= 1 && err->line <= a->nopt) {
            const char *key = a->key[err->line - 1];
            for (size_t o = 0; o < N_INSTR_OPTS; o++)
                if (strcmp(instr_opts[o].key, key) == 0)
                    opt = instr_opts[o].opt;
            if (strcmp(key, "geometry") == 0)
                opt = "--solid-angle";
        }
        if (opt)
            il_error_set(err, st, "option %s: %s", opt, msg);
        else
            il_error_set(err, st, "instrument options: %s", msg);
        *ins = base;
    }
    return st;
}

il_status cli_ndp_load_stack(const char *arg, il_stack **out, il_error *err)
{
    if (strcmp(arg, "default") == 0)
        return il_stack_default_cell(out, err);
    return il_stack_load(arg, NULL, out, err);
}

int cli_ndp_verb_option(int argc, char **argv, int *i, cli_ndp_instr_args *a)
{
    if (strcmp(argv[*i], "--help") == 0 || strcmp(argv[*i], "-h") == 0)
        return CLI_NDP_ARG_HELP;
    int r = cli_ndp_instr_option(argc, argv, i, a);
    return r < 0 ? CLI_NDP_ARG_BAD : r ? CLI_NDP_ARG_TAKEN : CLI_NDP_ARG_OTHER;
}

int cli_ndp_str_option(int argc, char **argv, int *i, const cli_ndp_str_opt *opts, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const char *v;
        int r = cli_opt_value(argc, argv, i, opts[k].name, &v);
        if (r > 0)
            *opts[k].slot = v;
        if (r)
            return r;
    }
    return 0;
}

int cli_ndp_positional(const char *verb, const char *arg, const char **slot)
{
    if (arg[0] == '-' && arg[1])
        return cli_usage("ndp %s: unknown option '%s'", verb, arg);
    if (*slot)
        return cli_usage("ndp %s: unexpected argument '%s'", verb, arg);
    *slot = arg;
    return 0;
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
    json_object_set_new(o, "solid_angle_fraction", json_real(om / (4 * 3.14159265358979323846)));
    json_object_set_new(o, "geometry", json_string(ins->geometry == IL_NDP_GEOMETRY_DETECTOR
                                                       ? "detector"
                                                       : "solid_angle"));
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
