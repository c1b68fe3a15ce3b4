/* interlayer iba simulate STACK: an RBS/EBS, ERDA or NRA spectrum, with the contribution of each
 * element as its own column (and colour in the plot). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"
#include "cli/output.h"
#include "interlayer/iba_io.h"
#include "interlayer/plot.h"

typedef struct {
    cli_out out;
    cli_iba_args iba;
    cli_iba_detector_args det;
    const char *stack[1];
    double seed; /* -1: expected counts; else Poisson counts drawn with this seed */
} sim_args;

static const cli_opt noise_options[] = {
    CLI_OPT_WHOLE("--seed", offsetof(sim_args, seed), 0, 4e9),
};

static const cli_verb sim_verb = {
    .name = "iba simulate",
    .help =
        "usage: interlayer iba simulate STACK|FILE.xnra [--technique rbs|erda|nra]\n"
        "         [--beam 4He] [--energy 2MeV] [--spread KEV] [--angle 165] [--tilt 0]\n"
        "         [--geometry ibm|cornell|general [--exit DEG]] [--fluence 1e12]\n"
        "         [--solid-angle 1] [--resolution 15keV] [--channels 1024] [--offset 0keV]\n"
        "         [--gain 2] [--quad 0] [--screening andersen|lecuyer|none]\n"
        "         [--straggling yang|chu|bohr|none] [--accurate] [--r33 FILE]...\n"
        "         [--foil MATERIAL --foil-thickness L] [--detect EL] [--multiple-scattering]\n"
        "         [--dual-scattering]\n"
        "         [--live-time S --real-time S [--pileup-time US]] [--resolution-of P=FWHM]...\n"
        "         [--window TFU] [--phd] [--beam-spot MM] [--aperture MM --distance MM]\n"
        "         [--seed N] [--csv|--json] [-o FILE] [--plot FILE.svg|.png|.pdf]\n"
        "  Expected counts per channel (channel k: E(k-1/2)..E(k+1/2), E(x) = offset + gain x\n"
        "  + quad x^2, keV), total and per element. --r33: non-Rutherford (EBS) or reaction\n"
        "  (NRA) cross sections; --accurate: fine sublayers, sigma averaged over straggling.\n"
        "  --multiple-scattering: the energy spread from small-angle multiple scattering\n"
        "  (path lengths in and out, scattering angle; Sigmund-Winterbon widths).\n"
        "  --dual-scattering (RBS): particles scattered twice at large angles (the\n"
        "  background below the peaks of heavy layers), as SIMNRA computes it.\n"
        "  ERDA defaults: --angle 30, --tilt 75; --foil: range foil in front of the detector.\n"
        "  Detector (all off unless given): counts x live/real time; pile-up of pulses closer\n"
        "  than --pileup-time (first order, its own column); --resolution-of 1H=20keV: FWHM of\n"
        "  one particle (Li=: any isotope); --window: Si dead layer, 1e15 atoms/cm2; --phd:\n"
        "  nuclear pulse-height defect in Si; --beam-spot, --aperture (widths) and --distance\n"
        "  (mm): kinematic broadening from the spread of the scattering angle.\n"
        "  --seed N: counting noise: 'total' becomes whole counts drawn from the Poisson\n"
        "  distribution of each channel's expected value (given as 'expected'; the element\n"
        "  columns stay expected values); the same N gives the same counts.\n"
        "  FILE.xnra / FILE.idf (IDF, SIMNRA): sample, beam, geometry, detector and\n"
        "  calibration from the file (--r33, --foil, --detect, --accurate and the detector\n"
        "  options still apply).\n",
    CLI_SETS(CLI_OUT_SET(sim_args),
             CLI_SET(cli_iba_options, offsetof(sim_args, iba)),
             CLI_SET(cli_iba_detector_options, offsetof(sim_args, det)),
             CLI_SET(noise_options, 0)),
    CLI_POSITIONAL(sim_args, stack),
    .unknown = "unexpected argument",
};

static int plot(const char *path, const il_iba_spectrum *sp, const double *E,
                double *const *by_el, const int *Z, size_t ne, const il_iba_options *o,
                const double *counts)
{
    size_t nch = il_iba_spectrum_channels(sp);
    il_plot_series s[CLI_LIST_MAX + 3];
    char labels[CLI_LIST_MAX][8];
    s[0] = (il_plot_series){E, il_iba_spectrum_total(sp), NULL, nch,
                            counts ? "expected" : "total", IL_PLOT_LINE};
    size_t ns = 1;
    if (counts)
        s[ns++] = (il_plot_series){E, counts, NULL, nch, "counts", IL_PLOT_POINTS};
    for (size_t i = 0; i < ne && ns < CLI_LIST_MAX + 1; i++) {
        snprintf(labels[i], sizeof labels[i], "%s", il_element_by_z(Z[i])->symbol);
        s[ns++] = (il_plot_series){E, by_el[i], NULL, nch, labels[i], IL_PLOT_LINE};
    }
    if (il_iba_spectrum_pileup(sp))
        s[ns++] = (il_plot_series){E, il_iba_spectrum_pileup(sp), NULL, nch, "pile-up",
                                   IL_PLOT_LINE};
    char title[160];
    snprintf(title, sizeof title, "%s: %d%s %.4g MeV, %g deg",
             o->technique == IL_IBA_ERDA ? "ERDA" : o->technique == IL_IBA_NRA ? "NRA" : "RBS",
             o->beam_A, il_element_by_z(o->beam_Z)->symbol, o->energy_keV / 1e3, o->theta_deg);
    il_plot_axes ax = {.title = title, .xlabel = "energy (keV)", .ylabel = "counts per channel"};
    il_error err;
    if (il_plot_xy(path, &ax, s, ns, &err))
        return cli_fail(&err);
    return CLI_EXIT_OK;
}

int cli_iba_simulate(int argc, char **argv)
{
    sim_args a = {.seed = -1};
    cli_iba_args_init(&a.iba);
    CLI_PARSE_OR_RETURN(&sim_verb, argc, argv, &a);
    if (!a.stack[0])
        return cli_usage("usage: interlayer iba simulate STACK [--beam 4He] [--energy 2MeV] "
                         "[--angle 165] ...");
    il_error err;
    il_stack *stack = NULL;
    cli_iba_setup s;
    il_iba_spectrum *sp = NULL;
    il_iba_idf *idf = NULL;
    if (cli_iba_is_idf(a.stack[0])) {
        /* the sample, beam, geometry and detector from the file; R33 files, a foil and
         * --accurate from the command line */
        if (il_iba_idf_load(a.stack[0], &idf, &err))
            return cli_fail(&err);
        stack = idf->stack;
        idf->stack = NULL;
    } else if (il_stack_load(a.stack[0], NULL, &stack, &err)) {
        return cli_fail(&err);
    }
    if (cli_iba_setup_from(&a.iba, &s, &err)) {
        cli_iba_setup_clear(&s);
        il_stack_free(stack);
        il_iba_idf_free(idf);
        return cli_fail(&err);
    }
    if (idf) {
        il_iba_options file = idf->options;
        file.sigma = s.o.sigma;
        file.n_sigma = s.o.n_sigma;
        file.foil = s.o.foil;
        file.detect_Z = s.o.detect_Z;
        file.accurate = file.accurate || s.o.accurate;
        s.o = file;
        il_iba_idf_free(idf);
    }
    if (cli_iba_detector_apply(&a.det, &s.o, &err)) {
        cli_iba_setup_clear(&s);
        il_stack_free(stack);
        return cli_fail(&err);
    }
    if (il_iba_simulate(stack, &s.o, &sp, &err)) {
        cli_iba_setup_clear(&s);
        il_stack_free(stack);
        return cli_fail(&err);
    }
    size_t nch = il_iba_spectrum_channels(sp);
    int Z[CLI_LIST_MAX];
    size_t ne = il_iba_spectrum_elements(sp, Z, CLI_LIST_MAX);
    double *E = malloc(nch * sizeof *E);
    double *by_el[CLI_LIST_MAX] = {0};
    cli_column cols[CLI_LIST_MAX + 5];
    double *counts = NULL;
    const double *pile = il_iba_spectrum_pileup(sp);
    char keys[CLI_LIST_MAX][16];
    cols[0] = (cli_column){"channel", "channel", "%.0f"};
    cols[1] = (cli_column){"energy_keV", "E (keV)", "%.2f"};
    cols[2] = (cli_column){"total", "total", "%.6g"};
    for (size_t i = 0; i < ne; i++) {
        by_el[i] = malloc(nch * sizeof *by_el[i]);
        if (by_el[i])
            il_iba_spectrum_element(sp, Z[i], by_el[i]);
        snprintf(keys[i], sizeof keys[i], "%s", il_element_by_z(Z[i])->symbol);
        cols[3 + i] = (cli_column){keys[i], keys[i], "%.6g"};
    }
    rc = CLI_EXIT_OK;
    for (size_t i = 0; i < ne; i++)
        if (!by_el[i])
            E = (free(E), NULL);
    if (!E) {
        err.code = IL_ERR_NOMEM;
        il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        rc = cli_fail(&err);
        goto done;
    }
    for (size_t k = 0; k < nch; k++)
        E[k] = il_iba_spectrum_energy_keV(sp, (double)k);
    size_t ncol = 3 + ne;
    if (pile)
        cols[ncol++] = (cli_column){"pileup", "pile-up", "%.6g"};
    if (a.seed >= 0) {
        counts = malloc(nch * sizeof *counts);
        if (!counts || il_iba_spectrum_sample(sp, (uint64_t)a.seed, counts, &err)) {
            if (!counts)
                il_error_set(&err, IL_ERR_NOMEM, "out of memory");
            rc = cli_fail(&err);
            goto done;
        }
        cols[2].fmt = "%.0f";
        cols[ncol++] = (cli_column){"expected", "expected", "%.6g"};
    }
    cli_table *t = cli_table_new(cols, ncol);
    const double *tot = il_iba_spectrum_total(sp);
    for (size_t k = 0; k < nch; k++) {
        long row = cli_table_add_row(t);
        cli_table_set_num(t, row, 0, (double)k);
        cli_table_set_num(t, row, 1, E[k]);
        cli_table_set_num(t, row, 2, counts ? counts[k] : tot[k]);
        for (size_t i = 0; i < ne; i++)
            cli_table_set_num(t, row, 3 + i, by_el[i][k]);
        if (pile)
            cli_table_set_num(t, row, 3 + ne, pile[k]);
        if (counts)
            cli_table_set_num(t, row, ncol - 1, tot[k]);
    }
    if (a.out.plot)
        rc = plot(a.out.plot, sp, E, by_el, Z, ne, &s.o, counts);
    if (rc == CLI_EXIT_OK)
        rc = cli_out_emit(&a.out, t, NULL);
    cli_table_free(t);
done:
    free(counts);
    for (size_t i = 0; i < ne; i++)
        free(by_el[i]);
    free(E);
    il_iba_spectrum_free(sp);
    cli_iba_setup_clear(&s);
    il_stack_free(stack);
    return rc;
}
