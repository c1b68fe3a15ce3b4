/* interlayer sputter deconvolve PROFILE --technique T [MRI options]: the true profile behind a
 * measured sputter depth profile (fit/sputter_deconvolve.c, Tikhonov with x >= 0). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_sputter.h"

typedef struct {
    cli_out out;
    cli_sputter_mri mri;
    double regularisation, noise;
    const char *pos[1];
} deconvolve_args;

static const cli_opt own_options[] = {
    CLI_OPT_NUMBER("--regularisation", offsetof(deconvolve_args, regularisation), 0),
    CLI_OPT_NUMBER("--noise", offsetof(deconvolve_args, noise), 0),
};

static const cli_verb deconvolve_verb = {
    .name = "sputter deconvolve",
    .help =
        "usage: interlayer sputter deconvolve PROFILE --technique xps|aes|tof-sims|gd-oes\n"
        "         [--mixing NM] [--roughness NM] [--information-depth NM]\n"
        "         [--noise ABS] [--regularisation L] [--csv|--json] [-o FILE]\n"
        "         [--plot FILE.svg|.png|.pdf]\n"
        "  The true depth profile behind a measured sputter profile: PROFILE has two\n"
        "  columns, sputtered depth (nm, uniformly spaced) and signal (e.g. atomic fraction),\n"
        "  comma, semicolon or blank separated, '#' comments and one header line allowed.\n"
        "  The MRI function (S. Hofmann) of the technique is inverted by Tikhonov\n"
        "  regularisation with non-negative results; what it recovers is resolved to about\n"
        "  half the depth resolution at best.\n"
        "  --technique: typical MRI parameters as in 'sputter simulate' (without a stack,\n"
        "          xps lambda 3 nm, aes 1.3 nm: TPP-2M in Li3PO4); --mixing, --roughness,\n"
        "          --information-depth override them (nm)\n"
        "  --noise: standard deviation of each point (default 1 % of the largest value)\n"
        "  --regularisation: fixed Tikhonov lambda (default: discrepancy principle)\n"
        "  Output: CSV depth_nm, measured, deconvolved, deconvolved_sigma (text and --csv),\n"
        "  or --json.\n",
    CLI_SETS(CLI_OUT_SET(deconvolve_args),
             CLI_SET(cli_sputter_mri_options, offsetof(deconvolve_args, mri)),
             CLI_SET(own_options, 0)),
    CLI_POSITIONAL(deconvolve_args, pos),
    .unknown = "unknown option",
};

static int plot(const char *path, const il_sputter_deconvolution *d)
{
    il_plot_series ser[2] = {
        {d->depth_nm, d->measured, NULL, d->n, "measured", IL_PLOT_POINTS},
        {d->depth_nm, d->c, d->c_sigma, d->n, "deconvolved", IL_PLOT_STEPS},
    };
    char title[96];
    snprintf(title, sizeof title, "sputter profile deconvolved (depth resolution %.1f nm)",
             il_mri_depth_resolution_nm(&d->mri));
    il_plot_axes ax = {title, "sputtered depth (nm)", "signal", 0, 0};
    il_error err;
    return il_plot_xy(path, &ax, ser, 2, &err) ? cli_fail(&err) : CLI_EXIT_OK;
}

int cli_sputter_deconvolve(int argc, char **argv)
{
    deconvolve_args a = {0};
    cli_sputter_mri_init(&a.mri);
    a.regularisation = a.noise = NAN;
    CLI_PARSE_OR_RETURN(&deconvolve_verb, argc, argv, &a);
    if (!a.pos[0])
        return cli_usage("usage: interlayer sputter deconvolve PROFILE --technique xps|aes|"
                         "tof-sims|gd-oes");
    il_error err;
    if (a.out.plot && il_plot_path_check(a.out.plot, &err))
        return cli_usage("sputter deconvolve: --plot: %s", err.message);
    il_sputter_technique t;
    il_mri_params p;
    if ((rc = cli_sputter_mri_resolve("deconvolve", &a.mri, NULL, &t, &p)))
        return rc;
    double *z = NULL, *m = NULL, dz = 0;
    size_t n = 0;
    if (il_sputter_profile_load(a.pos[0], &z, &m, &n, &dz, &err))
        return cli_fail(&err);
    double *sig = NULL, *c = malloc(n * sizeof *c), *cs = malloc(n * sizeof *cs);
    il_status st = c && cs ? IL_OK : il_error_set(&err, IL_ERR_NOMEM, "out of memory");
    if (!st && !isnan(a.noise)) {
        if (!(a.noise > 0))
            st = il_error_set(&err, IL_ERR_INVALID, "--noise %g: expected a value > 0",
                              a.noise);
        else if (!(sig = malloc(n * sizeof *sig)))
            st = il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        for (size_t i = 0; !st && i < n; i++)
            sig[i] = a.noise;
    }
    il_sputter_deconv_options o;
    il_sputter_deconv_options_default(&o);
    if (!isnan(a.regularisation)) {
        o.rule = IL_LINV_LAMBDA_FIXED;
        o.lambda = a.regularisation;
    }
    double lam = NAN;
    if (!st)
        st = il_sputter_deconvolve(&p, dz, m, sig, n, &o, c, cs, &lam, &err);
    il_sputter_deconvolution d = {p, lam, n, z, m, c, cs};
    char *text = NULL;
    if (!st)
        st = a.out.json ? il_sputter_deconvolution_json(&d, &text, &err)
                        : il_sputter_deconvolution_csv(&d, &text, &err);
    rc = st ? cli_fail(&err) : cli_sputter_emit(&a.out, text);
    if (rc == CLI_EXIT_OK && a.out.plot)
        rc = plot(a.out.plot, &d);
    free(text);
    free(z);
    free(m);
    free(sig);
    free(c);
    free(cs);
    return rc;
}
