/* interlayer ndp simulate: the expected (and Poisson-sampled) NDP spectrum of a stack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/plot.h"

#define PI 3.14159265358979323846

static il_status write_spectrum(const char *path, const il_ndp_instrument *ins, const double *y,
                                size_t n, const char *title, const char *start, il_error *err)
{
    il_spectrum *sp;
    il_status st = il_spectrum_new(n, &sp, err);
    if (st)
        return st;
    memcpy(il_spectrum_counts_mut(sp), y, n * sizeof *y);
    st = il_spectrum_set_calibration(sp, ins->offset_keV, ins->gain_keV, ins->quadratic_keV, err);
    if (!st)
        st = il_spectrum_set_times_s(sp, ins->live_time_s, ins->live_time_s, err);
    if (!st)
        st = il_spectrum_set_title(sp, title, err);
    if (!st && start)
        st = il_spectrum_set_start_iso(sp, start, err);
    if (!st)
        st = il_spectrum_save(sp, path, IL_SPECTRUM_AUTO, err);
    il_spectrum_free(sp);
    return st;
}

static int plot_spectrum(const char *path, const il_ndp_model *m, const il_ndp_sim *r,
                         const double *sampled)
{
    size_t nl = r->n_layers, k = 0;
    il_plot_series *ser = calloc(nl + 2, sizeof *ser);
    if (!ser)
        return CLI_EXIT_FAIL;
    ser[k++] = (il_plot_series){r->energy_keV, r->counts, NULL, r->n_channels, "total",
                                IL_PLOT_LINE};
    if (sampled)
        ser[k++] = (il_plot_series){r->energy_keV, sampled, NULL, r->n_channels, "sampled",
                                    IL_PLOT_POINTS};
    for (size_t l = 0; l < nl; l++) {
        double s = 0;
        for (size_t c = 0; c < r->n_channels; c++)
            s += r->by_layer[l * r->n_channels + c];
        if (s > 0)
            ser[k++] = (il_plot_series){r->energy_keV, r->by_layer + l * r->n_channels, NULL,
                                        r->n_channels, il_ndp_model_layer_name(m, l),
                                        IL_PLOT_LINE};
    }
    il_plot_axes ax = {"NDP spectrum", "energy (keV)", "counts per channel", 0, 0};
    il_error err;
    il_status st = il_plot_xy(path, &ax, ser, k, &err);
    free(ser);
    return st ? cli_fail(&err) : CLI_EXIT_OK;
}

int cli_ndp_simulate(int argc, char **argv)
{
    const char *stack_arg = NULL, *outfile = NULL, *plot = NULL, *seed_s = NULL, *prof = NULL,
               *prof_kind = "linear", *prof_el = "Li", *start = NULL;
    int json = 0, csv = 0;
    cli_ndp_instr_args ia = {0};
    const cli_ndp_str_opt strs[] = {{"--seed", &seed_s}, {"--start", &start}, {"-o", &outfile},
                                {"--output", &outfile}, {"--plot", &plot}};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if ((r = cli_ndp_verb_option(argc, argv, &i, &ia)) == CLI_NDP_ARG_TAKEN)
            continue;
        if (r != CLI_NDP_ARG_OTHER)
            return r == CLI_NDP_ARG_HELP ? cli_ndp_help() : CLI_EXIT_USAGE;
        if ((r = cli_opt_value(argc, argv, &i, "--profile", &v)) ||
            (r = cli_opt_value(argc, argv, &i, "--profile-kind", &v)) ||
            (r = cli_opt_value(argc, argv, &i, "--profile-element", &v))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            if (!strncmp(argv[i - 1], "--profile-kind", 14) ||
                !strncmp(argv[i], "--profile-kind=", 15))
                prof_kind = v;
            else if (!strncmp(argv[i - 1], "--profile-element", 17) ||
                     !strncmp(argv[i], "--profile-element=", 18))
                prof_el = v;
            else
                prof = v;
        } else if ((r = cli_ndp_str_option(argc, argv, &i, strs, sizeof strs / sizeof *strs))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--csv") == 0) {
            csv = 1;
        } else if ((r = cli_ndp_positional("simulate", argv[i], &stack_arg))) {
            return r;
        }
    }
    if (!stack_arg)
        return cli_usage("usage: interlayer ndp simulate STACK [options] (see ndp --help)");
    unsigned long long seed = 0;
    if (seed_s) {
        char *end;
        seed = strtoull(seed_s, &end, 10);
        if (*seed_s == '\0' || *end || *seed_s == '-')
            return cli_usage("ndp simulate: --seed '%s' is not a whole number >= 0", seed_s);
    }
    il_error err;
    il_ndp_instrument ins;
    if (cli_ndp_instr_build(&ia, &ins, &err))
        return cli_fail(&err);
    il_stack *s;
    if (cli_ndp_load_stack(stack_arg, &s, &err))
        return cli_fail(&err);
    il_ndp_model *m;
    if (il_ndp_model_new(s, &ins, &m, &err)) {
        il_stack_free(s);
        return cli_fail(&err);
    }
    /* An optional depth profile of one element inside the stack (points from a file). */
    double *pconc = NULL;
    int pZ = 0;
    if (prof) {
        const il_element *el = il_element_by_symbol(prof_el);
        il_ndp_points_kind kind = IL_NDP_POINTS_LINEAR;
        int bad = 0;
        if (!strcmp(prof_kind, "steps"))
            kind = IL_NDP_POINTS_STEPS;
        else if (strcmp(prof_kind, "linear"))
            bad = cli_usage("ndp simulate: --profile-kind '%s' unknown (linear, steps)",
                               prof_kind);
        if (!bad && !el)
            bad = cli_usage("ndp simulate: --profile-element '%s' is not an element",
                               prof_el);
        if (bad) { /* usage errors, found after the model was built: free it before leaving */
            il_ndp_model_free(m);
            il_stack_free(s);
            return bad;
        }
        double *pz = NULL, *pc = NULL;
        size_t pn = 0;
        pZ = el->Z;
        pconc = malloc(il_ndp_model_n_slices(m) * sizeof *pconc);
        il_status ps = pconc ? il_ndp_points_load(prof, &pz, &pc, &pn, &err)
                             : il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        if (!ps)
            ps = il_ndp_points_to_slices(m, pZ, kind, pz, pc, pn, pconc, &err);
        free(pz), free(pc);
        if (ps) {
            free(pconc);
            il_ndp_model_free(m);
            il_stack_free(s);
            return cli_fail(&err);
        }
    }
    il_ndp_sim *r;
    il_status sst = il_ndp_simulate(m, pZ, pconc, &r, &err);
    free(pconc);
    if (sst) {
        il_ndp_model_free(m);
        il_stack_free(s);
        return cli_fail(&err);
    }
    size_t nch = r->n_channels, np = r->n_particles, nl = r->n_layers;
    double *sampled = NULL;
    if (seed_s) {
        sampled = malloc(nch * sizeof *sampled);
        if (!sampled || il_ndp_poisson_sample(r->counts, nch, seed, sampled, &err)) {
            il_error_set(&err, IL_ERR_NOMEM, "out of memory");
            return cli_fail(&err);
        }
    }
    int rc = CLI_EXIT_OK;
    if (outfile) {
        char title[256];
        snprintf(title, sizeof title, "interlayer ndp simulate%s", seed_s ? " (Poisson)" : "");
        if (write_spectrum(outfile, &ins, sampled ? sampled : r->counts, nch, title, start, &err))
            rc = cli_fail(&err);
    }
    if (rc == CLI_EXIT_OK && plot)
        rc = plot_spectrum(plot, m, r, sampled);
    if (rc == CLI_EXIT_OK && json) {
        json_t *doc = json_object();
        json_object_set_new(doc, "stack", json_string(il_stack_name(s)));
        json_object_set_new(doc, "energy_keV", cli_ndp_json_array(r->energy_keV, nch));
        json_object_set_new(doc, "counts", cli_ndp_json_array(r->counts, nch));
        if (sampled) {
            json_object_set_new(doc, "seed", json_integer((json_int_t)seed));
            json_object_set_new(doc, "counts_sampled", cli_ndp_json_array(sampled, nch));
        }
        json_object_set_new(doc, "background", cli_ndp_json_array(r->background, nch));
        json_t *parts = json_object();
        for (size_t p = 0; p < np; p++)
            json_object_set_new(parts, il_ndp_model_particle(m, p)->key,
                                cli_ndp_json_array(r->by_particle + p * nch, nch));
        json_object_set_new(doc, "particles", parts);
        json_t *layers = json_array();
        for (size_t l = 0; l < nl; l++) {
            const il_layer *L = il_stack_layer(s, l);
            json_t *o = json_object();
            double ca = 0, ct = 0, tot = 0;
            for (size_t p = 0; p < np; p++) {
                const il_ndp_particle *P = il_ndp_model_particle(m, p);
                double v = r->layer_particle[l * np + p];
                tot += v;
                /* the 6Li(n,a)3H particles; other reactions are in counts_total */
                if (!strcmp(P->key, "alpha"))
                    ca += v;
                if (!strcmp(P->key, "triton"))
                    ct += v;
            }
            json_object_set_new(o, "name", json_string(L->name));
            json_object_set_new(o, "top_nm", json_real(il_ndp_model_layer_top_nm(m, l)));
            json_object_set_new(o, "li6_atoms_per_cm2",
                                L->is_substrate ? json_null() : json_real(L->li6_atoms_cm2));
            json_object_set_new(o, "li_atoms_per_cm2",
                                L->is_substrate ? json_null() : json_real(L->li_atoms_cm2));
            json_object_set_new(o, "counts_alpha", json_real(ca));
            json_object_set_new(o, "counts_triton", json_real(ct));
            json_object_set_new(o, "counts_total", json_real(tot));
            json_object_set_new(o, "counts", cli_ndp_json_array(r->by_layer + l * nch, nch));
            json_array_append_new(layers, o);
        }
        json_object_set_new(doc, "layers", layers);
        json_object_set_new(doc, "instrument", cli_ndp_json_instrument(&ins));
        /* Depth resolution against depth for each particle. */
        json_t *dr = json_object();
        size_t nz = 0;
        double zmax = il_ndp_model_layer_top_nm(m, nl);
        double z[200], fw[200], me[200];
        for (; nz < 200; nz++)
            z[nz] = zmax * (double)nz / 199.0;
        for (size_t p = 0; p < np; p++) {
            il_ndp_depth_resolution(m, p, z, nz, fw, me, NULL);
            json_t *o = json_object();
            json_object_set_new(o, "depth_nm", cli_ndp_json_array(z, nz));
            json_object_set_new(o, "fwhm_nm", cli_ndp_json_array(fw, nz));
            json_object_set_new(o, "mean_exit_keV", cli_ndp_json_array(me, nz));
            json_object_set_new(dr, il_ndp_model_particle(m, p)->key, o);
        }
        json_object_set_new(doc, "depth_resolution", dr);
        rc = cli_out_write_json(NULL, doc);
        json_decref(doc);
    } else if (rc == CLI_EXIT_OK && csv) {
        printf("channel,energy_keV,counts");
        if (sampled)
            printf(",counts_sampled");
        for (size_t p = 0; p < np; p++)
            printf(",%s", il_ndp_model_particle(m, p)->key);
        printf(",background\n");
        for (size_t c = 0; c < nch; c++) {
            printf("%zu,%.6g,%.9g", c, r->energy_keV[c], r->counts[c]);
            if (sampled)
                printf(",%.0f", sampled[c]);
            for (size_t p = 0; p < np; p++)
                printf(",%.9g", r->by_particle[p * nch + c]);
            printf(",%.9g\n", r->background[c]);
        }
    } else if (rc == CLI_EXIT_OK && !outfile && !plot) {
        printf("NDP simulation of '%s': %zu channels of %.4g keV, %.3g n/cm2/s x %.4g s, "
               "solid angle %.4g sr (%.4g of 4 pi)\n",
               il_stack_name(s), nch, ins.gain_keV, ins.fluence_rate_n_cm2_s, ins.live_time_s,
               il_ndp_solid_angle_sr(&ins), il_ndp_solid_angle_sr(&ins) / (4 * PI));
        printf("%-28s %12s %14s", "layer", "top (nm)", "Li (at/cm2)");
        for (size_t p = 0; p < np; p++)
            printf(" %16.16s", il_ndp_model_particle(m, p)->key);
        printf("\n");
        double all = 0;
        for (size_t l = 0; l < nl; l++) {
            const il_layer *L = il_stack_layer(s, l);
            printf("%-28.28s %12.1f %14.4e", L->name, il_ndp_model_layer_top_nm(m, l),
                   L->is_substrate ? 0.0 : L->li_atoms_cm2);
            for (size_t p = 0; p < np; p++) {
                printf(" %16.6g", r->layer_particle[l * np + p]);
                all += r->layer_particle[l * np + p];
            }
            printf("\n");
        }
        double bkg = 0;
        for (size_t c = 0; c < nch; c++)
            bkg += r->background[c];
        printf("total counts in the spectrum: %.6g (background %.6g)\n", all + bkg, bkg);
    }
    free(sampled);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
    return rc;
}
