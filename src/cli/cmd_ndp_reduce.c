/* interlayer ndp reduce REDUCTION.yaml -o OUT.csv [--json]: a facility NDP measurement (sample,
 * blank, 10B reference runs with monitors) reduced to a calibrated net spectrum for `ndp
 * invert`, printing the numbers of every step. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_reduce.h"
#include "cli/options.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_reduce_io.h"

typedef struct {
    const char *output;
    int json;
    const char *file[1];
} reduce_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--output", "-o", offsetof(reduce_args, output)),
    CLI_OPT_FLAG("--json", offsetof(reduce_args, json)),
};

static const char help_text[] =
    "usage: interlayer ndp reduce REDUCTION.yaml -o OUT.csv [--json]\n"
    "  Reduces an NDP measurement from its runs, as a facility does: the sample, a blank\n"
    "  (optional) and a 10B reference standard of certified areal density (e.g. NIST SRM\n"
    "  2137), each with its neutron-monitor count. Steps: dead time (counts x real/live),\n"
    "  monitor normalisation, blank subtracted, the reference's net 10B(n,a) counts give the\n"
    "  fluence x solid angle / 4 pi of the sample run (with its sigma from counts, monitors,\n"
    "  certified density and cross sections), and, with li_window_keV, the 6Li atoms/cm2.\n"
    "  -o OUT.csv   the net spectrum as a CSV spectrum `ndp invert` reads (written whole or not\n"
    "               at all); negative net channels are written as 0 and counted\n"
    "  --json       every step's numbers and the signed net spectrum with sigma, on stdout\n"
    "  The reduction file's format: docs/ndp.md, 'Reducing a measurement'.\n";

static const cli_verb reduce_verb = {
    .name = "ndp reduce",
    .help = help_text,
    CLI_SETS(CLI_SET(own_options, 0)),
    CLI_POSITIONAL(reduce_args, file),
    .unknown = "unknown option",
};

static const char *time_note(il_ndp_time_source s)
{
    return s == IL_NDP_TIME_GIVEN ? " (given in the reduction file)" : "";
}

static void print_steps(const il_ndp_reduction *r, const il_ndp_reduction_plan *p)
{
    static const char *const names[3] = {"sample", "background", "reference"};
    printf("runs:\n");
    for (int k = 0; k < 3; k++) {
        if (k == 1 && !r->have_background) {
            printf("  background: none given, nothing subtracted\n");
            continue;
        }
        const il_ndp_run_used *u = &r->run[k];
        printf("  %s: %s\n", names[k], p->path[k]);
        printf("    live %.6g s%s, real %.6g s%s, dead-time fraction %.4f\n", u->live_time_s,
               time_note(u->live_source), u->real_time_s, time_note(u->real_source),
               u->dead_time_fraction);
        if (u->live_source == IL_NDP_TIME_GIVEN && !isnan(p->run[k].file_live_time_s))
            printf("    (the file says live %.6g s; the given value replaces it)\n",
                   p->run[k].file_live_time_s);
        if (u->live_source == IL_NDP_TIME_GIVEN && isnan(p->run[k].file_live_time_s))
            printf("    the spectrum carries no live time: used %.6g s from the reduction "
                   "file\n",
                   u->live_time_s);
        if (u->real_source == IL_NDP_TIME_GIVEN && isnan(p->run[k].file_real_time_s))
            printf("    the spectrum carries no real time: used %.6g s from the reduction "
                   "file\n",
                   u->real_time_s);
        printf("    monitor %.6g +- %.3g counts%s%s, spectrum total %.6g counts\n",
               u->monitor_counts, u->monitor_sigma, p->monitor_path[k][0] ? " from " : "",
               p->monitor_path[k], u->total_counts);
    }
    if (r->have_background) {
        printf("monitor ratios: sample/background %.6g, reference/background %.6g\n",
               r->monitor_ratio_sample_background, r->monitor_ratio_reference_background);
        printf("background subtracted from the sample: %.6g +- %.3g counts (dead-time "
               "corrected, at the sample's monitor)\n",
               r->background_counts_subtracted, r->background_counts_subtracted_sigma);
    }
    printf("reference 10B(n,a) window channels %zu..%zu: %.6g counts raw, %.6g +- %.3g net\n",
           p->options.ref_window_lo_ch, p->options.ref_window_hi_ch, r->ref_counts_gross,
           r->ref_counts_net, r->ref_counts_net_sigma);
    printf("certified 10B areal density: %.6g +- %.3g atoms/cm2; %.3g product(s) per capture\n",
           p->options.ref_areal_density_atoms_cm2, p->options.ref_areal_density_sigma_atoms_cm2,
           p->options.ref_particles_per_capture);
    printf("cross sections (thermal, 1/v): 10B(n,a) %.5g +- %.3g b, 6Li(n,t) %.5g +- %.3g b\n",
           r->ref_xs_b, r->ref_xs_sigma_b, r->li_xs_b, r->li_xs_sigma_b);
    printf("fluence x solid angle / 4pi per monitor count: %.6g +- %.3g n/cm2\n",
           r->fluence_omega_per_monitor_n_cm2, r->fluence_omega_per_monitor_sigma_n_cm2);
    printf("fluence x solid angle / 4pi of the sample run: %.6g +- %.3g n/cm2 (%.2f %%)\n",
           r->fluence_omega_n_cm2, r->fluence_omega_sigma_n_cm2,
           100 * r->fluence_omega_sigma_n_cm2 / r->fluence_omega_n_cm2);
    /* invert takes a fluence rate and works out the solid angle from its instrument: give the
     * product, and the rate for the default instrument as an example */
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    double frac = il_ndp_solid_angle_fraction(&ins);
    printf("  for ndp invert: --fluence = %.6g / (solid angle / 4pi of your instrument) over the "
           "reduced spectrum's %.6g s\n  (default instrument: solid angle / 4pi %.6g, "
           "--fluence %.6g)\n",
           r->fluence_omega_n_cm2 / r->time_s, r->time_s, frac,
           r->fluence_omega_n_cm2 / r->time_s / frac);
    if (!isnan(r->li6_atoms_cm2))
        printf("6Li window channels %zu..%zu: %.6g +- %.3g net counts -> 6Li %.6g +- %.3g "
               "atoms/cm2\n",
               p->options.li_window_lo_ch, p->options.li_window_hi_ch, r->li_counts,
               r->li_counts_sigma, r->li6_atoms_cm2, r->li6_atoms_cm2_sigma);
}

int cli_ndp_reduce(int argc, char **argv)
{
    reduce_args a = {0};
    CLI_PARSE_OR_RETURN(&reduce_verb, argc, argv, &a);
    if (!a.file[0] || !a.output)
        return cli_usage("usage: interlayer ndp reduce REDUCTION.yaml -o OUT.csv [--json]");
    il_error err;
    il_ndp_reduction_plan *p = NULL;
    if (il_ndp_reduction_plan_load(a.file[0], &p, &err))
        return cli_fail(&err);
    il_ndp_reduction *r = NULL;
    rc = CLI_EXIT_OK;
    if (il_ndp_reduce(&p->run[0], p->have_background ? &p->run[1] : NULL, &p->run[2],
                      &p->options, &r, &err)) {
        il_error_prefix(&err, "%s", a.file[0]);
        rc = cli_fail(&err);
        goto done;
    }
    size_t nclip = 0;
    double clipped = 0;
    if (il_ndp_reduction_write_csv(a.output, r, p->spectrum[0], &nclip, &clipped, &err)) {
        rc = cli_fail(&err);
        goto done;
    }
    if (a.json) {
        char *text = NULL;
        if (il_ndp_reduction_json(r, p, &text, &err)) {
            rc = cli_fail(&err);
            goto done;
        }
        fputs(text, stdout);
        free(text);
    } else {
        print_steps(r, p);
        printf("wrote %s: %zu channels", a.output, r->n_channels);
        if (nclip)
            printf("; %zu channel(s) below zero after the background written as 0 (%.6g "
                   "counts)",
                   nclip, clipped);
        printf("\n");
    }
done:
    il_ndp_reduction_free(r);
    il_ndp_reduction_plan_free(p);
    return rc;
}
