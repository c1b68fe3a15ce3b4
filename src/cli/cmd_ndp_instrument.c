/* The instrument options of the `interlayer ndp` verbs: each is a key of the instrument file,
 * collected as given and read by the file's own reader (units, checks), so both accept the same. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"

const char cli_ndp_help_text[] =
    "usage: interlayer ndp VERB ...\n"
    "  simulate STACK [instrument] [--seed N] [-o FILE.spe|.n42|.csv] [--json|--csv]\n"
    "           [--plot FILE.svg] [--start ISO-TIME]  expected (and Poisson-sampled)\n"
    "           spectrum; --start stamps the acquisition start into the written file\n"
    "           [--profile FILE [--profile-kind linear|steps] [--profile-element Li]]\n"
    "           a depth profile (depth_nm, atoms/cm3 pairs) replacing the stack's own\n"
    "  invert SPECTRUM --stack STACK [instrument] [--method tikhonov|mlem|classic]\n"
    "           [--lambda gcv|discrepancy|lcurve] [--no-systematic]\n"
    "           [--fit-interlayer auto|DEPTH]  (an interlayer at every interface, or the\n"
    "           one nearest DEPTH, kept by BIC as a layer of its own)\n"
    "           [--truth STACK]  (the known Li per layer beside the result)\n"
    "           [--unconstrained] (allow negative concentrations) [--mlem-flat-start]\n"
    "           [--mlem-resample N]  (MLEM counting sigma by N full Poisson resamplings\n"
    "           instead of the fast Fisher/fixed-iteration estimate)\n"
    "           [--self-consistent N|auto]  (passes putting the Li found into the\n"
    "           stopping; default auto: until the inventories converge)\n"
    "           [--json|--csv] [--plot FILE.svg] [-o FILE]   Li depth profile and\n"
    "           inventories (-o: the text, CSV or JSON there instead of stdout)\n"
    "           A result with chi2 above 10 per channel (wrong stack, calibration or\n"
    "           spectrum, or too much smoothing) is still written, with a warning, and\n"
    "           exits 3 unless [--accept-poor-fit]\n"
    "  invert --batch DIR|INDEX --batch-out OUTDIR --stack STACK [options]  every\n"
    "           spectrum (.spe .chn .n42 .csv) of DIR or listed in INDEX inverted on its\n"
    "           own: OUTDIR/<file>.json each and OUTDIR/summary.csv; a bad file is reported\n"
    "           (exit 1), the others still inverted; under mpirun/srun (when built with MPI)\n"
    "           the spectra are spread over the ranks; a poor fit (chi2 above 10 per\n"
    "           channel) is flagged in summary.csv's error column\n"
    "  operando DIR --stack STACK [--reference FILE] [--cycler FILE] [--index FILE]\n"
    "           [--cell-area CM2] [--cathode N] -o OUTDIR   a time series of spectra\n"
    "  calibrate SPECTRUM --stack REFERENCE [instrument] [--json] [-o FILE]\n"
    "           energy scale from the alpha and triton edges, fluence x solid angle;\n"
    "           refused, with the numbers, when the edges found cannot be the 6Li ones\n"
    "           (offset beyond 514 keV, triton below alpha) or the reference's model\n"
    "           misses the spectrum (chi2 > 10 per channel and > 30 % of the counts)\n"
    "  reactions [--json|--csv]        the nuclear data\n"
    "  reduce FILE.yaml -o OUT.csv [--json]  sample, blank and 10B reference runs ->\n"
    "           a dead-time corrected, monitor-normalised, background-subtracted spectrum\n"
    "           and the fluence x solid angle from the reference, each step's numbers\n"
    "STACK: a YAML file, an inline \"Pt 50nm | LiCoO2 1um | Si\", or 'default'.\n\n"
    CLI_NDP_INSTR_HELP;

/* Keeps "key: value" for the instrument reader; --solid-angle also chooses that geometry. */
static int add_setting(void *dst, const cli_opt *o, const char *value)
{
    cli_ndp_instr_args *a = dst;
    int solid = strcmp(o->name, "--solid-angle") == 0;
    if (a->nopt + solid >= 64)
        return cli_usage("too many instrument options");
    a->key[a->nopt] = o->data;
    a->val[a->nopt++] = value;
    if (solid) {
        a->key[a->nopt] = "geometry";
        a->val[a->nopt++] = "solid_angle";
    }
    return 0;
}

#define SETTING(opt, key) CLI_OPT_CALL(opt, 0, add_setting, key)
const cli_opt cli_ndp_instr_options[CLI_NDP_INSTR_NOPTIONS] = {
    CLI_OPT_TEXT("--instrument", NULL, offsetof(cli_ndp_instr_args, file)),
    SETTING("--fluence", "fluence_rate_n_cm2_s"),
    SETTING("--time", "live_time_s"),
    SETTING("--neutron-meV", "neutron_meV"),
    SETTING("--distance", "distance"),
    SETTING("--area", "area_mm2"),
    SETTING("--angle", "angle_deg"),
    SETTING("--solid-angle", "solid_angle_sr"),
    SETTING("--exit-angle", "exit_angle_deg"),
    SETTING("--angle-bins", "angle_bins"),
    SETTING("--channels", "channels"),
    SETTING("--gain", "gain_keV"),
    SETTING("--offset", "offset_keV"),
    SETTING("--quadratic", "quadratic_keV"),
    SETTING("--fwhm", "fwhm"),
    SETTING("--dead-layer", "dead_layer"),
    SETTING("--detector-material", "detector_material"),
    SETTING("--gas", "gas"),
    SETTING("--pressure", "gas_pressure_mbar"),
    SETTING("--foil", "foil"),
    SETTING("--foil-thickness", "foil_thickness"),
    SETTING("--bkg-flat", "bkg_flat_cps_keV"),
    SETTING("--bkg-tail", "bkg_tail_cps_keV"),
    SETTING("--bkg-decay", "bkg_tail_decay_keV"),
    SETTING("--slice", "slice"),
};

/* The option that set instrument key `key`, for error messages. */
static const char *option_of(const char *key)
{
    if (strcmp(key, "geometry") == 0)
        return "--solid-angle";
    for (size_t o = 1; o < CLI_NDP_INSTR_NOPTIONS; o++)
        if (strcmp(cli_ndp_instr_options[o].data, key) == 0)
            return cli_ndp_instr_options[o].name;
    return NULL;
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
        if (err->line >= 1 && err->line <= a->nopt)
            opt = option_of(a->key[err->line - 1]);
        if (opt)
            il_error_set(err, st, "option %s: %s", opt, msg);
        else
            il_error_set(err, st, "instrument options: %s", msg);
        *ins = base;
    }
    return st;
}
