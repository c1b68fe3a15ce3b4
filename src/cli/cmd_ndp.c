/* interlayer ndp: neutron depth profiling from the command line.
 *   ndp simulate STACK [instrument] [--seed N] [-o SPECTRUM] [--json|--csv] [--plot FILE]
 *   ndp invert SPECTRUM --stack STACK [instrument] [--method ...] [--json|--csv] [--plot FILE]
 *   ndp operando DIR --stack STACK [--reference FILE] [--cycler FILE] -o OUTDIR
 *   ndp calibrate SPECTRUM --stack REFERENCE_STACK [instrument] [--json]
 *   ndp reactions [--json|--csv]
 * A thin layer over the library: parsing, printing, files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_operando.h"
#include "interlayer/plot.h"

#define PI 3.14159265358979323846

static int help(void)
{
    printf("usage: interlayer ndp VERB ...\n"
           "  simulate STACK [instrument] [--seed N] [-o FILE.spe|.n42|.csv] [--json|--csv]\n"
           "           [--plot FILE.svg] [--start ISO-TIME]  expected (and Poisson-sampled)\n"
           "           spectrum; --start stamps the acquisition start into the written file\n"
           "           [--profile FILE [--profile-kind linear|steps] [--profile-element Li]]\n"
           "           a depth profile (depth_nm, atoms/cm3 pairs) replacing the stack's own\n"
           "  invert SPECTRUM --stack STACK [instrument] [--method tikhonov|mlem|classic]\n"
           "           [--lambda gcv|discrepancy|lcurve] [--fit-interlayer DEPTH] [--no-systematic]\n"
           "           [--self-consistent N]  (N passes putting the Li found into the stopping)\n"
           "           [--json|--csv] [--plot FILE.svg]   Li depth profile and inventories\n"
           "  operando DIR --stack STACK [--reference FILE] [--cycler FILE] [--index FILE]\n"
           "           [--cell-area CM2] [--cathode N] -o OUTDIR   a time series of spectra\n"
           "  calibrate SPECTRUM --stack REFERENCE [instrument] [--json]\n"
           "           energy scale from the alpha and triton edges, fluence x solid angle\n"
           "  reactions [--json|--csv]        the nuclear data\n"
           "STACK: a YAML file, an inline \"Pt 50nm | LiCoO2 1um | Si\", or 'default'.\n\n%s",
           ndp_instr_help);
    return IL_EXIT_OK;
}

/* ---- reactions -------------------------------------------------------------------------- */

static int cmd_reactions(int argc, char **argv)
{
    il_out_opts out = {0};
    for (int i = 1; i < argc; i++) {
        int r = il_out_parse(argc, argv, &i, &out);
        if (r < 0)
            return IL_EXIT_USAGE;
        if (!r)
            return il_cli_usage("ndp reactions: unexpected argument '%s'", argv[i]);
    }
    static const il_column cols[] = {
        {"reaction", "reaction", NULL},       {"particle1", "p1", NULL},
        {"E1_keV", "E1 (keV)", "%.1f"},       {"particle2", "p2", NULL},
        {"E2_keV", "E2 (keV)", "%.1f"},       {"Q_keV", "Q (keV)", "%.1f"},
        {"branch_fraction", "branch", "%.3g"}, {"sigma_thermal_b", "sigma (b)", "%.4g"},
    };
    il_table *t = il_table_new(cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < il_ndp_reaction_count(); i++) {
        il_ndp_reaction r;
        il_ndp_reaction_at(i, &r);
        long row = il_table_add_row(t);
        il_table_set_text(t, row, 0, r.id);
        il_table_set_text(t, row, 1, r.particle[0]);
        il_table_set_num(t, row, 2, r.particle_keV[0]);
        il_table_set_text(t, row, 3, r.particle[1]);
        il_table_set_num(t, row, 4, r.particle_keV[1]);
        il_table_set_num(t, row, 5, r.Q_keV);
        il_table_set_num(t, row, 6, r.branch_fraction);
        il_table_set_num(t, row, 7, r.sigma_thermal_b);
    }
    int rc = il_out_emit(&out, t, NULL);
    il_table_free(t);
    return rc;
}

/* ---- simulate ----------------------------------------------------------------------------- */

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
        return IL_EXIT_FAIL;
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
    return st ? il_cli_fail(&err) : IL_EXIT_OK;
}

static int cmd_simulate(int argc, char **argv)
{
    const char *stack_arg = NULL, *outfile = NULL, *plot = NULL, *seed_s = NULL, *prof = NULL,
               *prof_kind = "linear", *prof_el = "Li", *start = NULL;
    int json = 0, csv = 0;
    ndp_instr_args ia = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return help();
        if ((r = ndp_instr_option(argc, argv, &i, &ia))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        if ((r = il_opt_value(argc, argv, &i, "--profile", &v)) ||
            (r = il_opt_value(argc, argv, &i, "--profile-kind", &v)) ||
            (r = il_opt_value(argc, argv, &i, "--profile-element", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            if (!strncmp(argv[i - 1], "--profile-kind", 14) || !strncmp(argv[i], "--profile-kind=", 15))
                prof_kind = v;
            else if (!strncmp(argv[i - 1], "--profile-element", 17) ||
                     !strncmp(argv[i], "--profile-element=", 18))
                prof_el = v;
            else
                prof = v;
        } else if ((r = il_opt_value(argc, argv, &i, "--seed", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            seed_s = v;
        } else if ((r = il_opt_value(argc, argv, &i, "--start", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            start = v;
        } else if ((r = il_opt_value(argc, argv, &i, "-o", &v)) ||
                   (r = il_opt_value(argc, argv, &i, "--output", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            outfile = v;
        } else if ((r = il_opt_value(argc, argv, &i, "--plot", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            plot = v;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--csv") == 0) {
            csv = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return il_cli_usage("ndp simulate: unknown option '%s'", argv[i]);
        } else if (!stack_arg) {
            stack_arg = argv[i];
        } else {
            return il_cli_usage("ndp simulate: unexpected argument '%s'", argv[i]);
        }
    }
    if (!stack_arg)
        return il_cli_usage("usage: interlayer ndp simulate STACK [options] (see ndp --help)");
    unsigned long long seed = 0;
    if (seed_s) {
        char *end;
        seed = strtoull(seed_s, &end, 10);
        if (*seed_s == '\0' || *end || *seed_s == '-')
            return il_cli_usage("ndp simulate: --seed '%s' is not a whole number >= 0", seed_s);
    }
    il_error err;
    il_ndp_instrument ins;
    if (ndp_instr_build(&ia, &ins, &err))
        return il_cli_fail(&err);
    il_stack *s;
    if (ndp_load_stack(stack_arg, &s, &err))
        return il_cli_fail(&err);
    il_ndp_model *m;
    if (il_ndp_model_new(s, &ins, &m, &err)) {
        il_stack_free(s);
        return il_cli_fail(&err);
    }
    /* An optional depth profile of one element inside the stack (points from a file). */
    double *pconc = NULL;
    int pZ = 0;
    if (prof) {
        const il_element *el = il_element_by_symbol(prof_el);
        il_ndp_points_kind kind = IL_NDP_POINTS_LINEAR;
        if (!strcmp(prof_kind, "steps"))
            kind = IL_NDP_POINTS_STEPS;
        else if (strcmp(prof_kind, "linear"))
            return il_cli_usage("ndp simulate: --profile-kind '%s' unknown (linear, steps)",
                                prof_kind);
        if (!el)
            return il_cli_usage("ndp simulate: --profile-element '%s' is not an element",
                                prof_el);
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
            return il_cli_fail(&err);
        }
    }
    il_ndp_sim *r;
    il_status sst = il_ndp_simulate(m, pZ, pconc, &r, &err);
    free(pconc);
    if (sst) {
        il_ndp_model_free(m);
        il_stack_free(s);
        return il_cli_fail(&err);
    }
    size_t nch = r->n_channels, np = r->n_particles, nl = r->n_layers;
    double *sampled = NULL;
    if (seed_s) {
        sampled = malloc(nch * sizeof *sampled);
        if (!sampled || il_ndp_poisson_sample(r->counts, nch, seed, sampled, &err)) {
            il_error_set(&err, IL_ERR_NOMEM, "out of memory");
            return il_cli_fail(&err);
        }
    }
    int rc = IL_EXIT_OK;
    if (outfile) {
        char title[256];
        snprintf(title, sizeof title, "interlayer ndp simulate%s", seed_s ? " (Poisson)" : "");
        if (write_spectrum(outfile, &ins, sampled ? sampled : r->counts, nch, title, start, &err))
            rc = il_cli_fail(&err);
    }
    if (rc == IL_EXIT_OK && plot)
        rc = plot_spectrum(plot, m, r, sampled);
    if (rc == IL_EXIT_OK && json) {
        json_t *doc = json_object();
        json_object_set_new(doc, "stack", json_string(il_stack_name(s)));
        json_object_set_new(doc, "energy_keV", ndp_json_array(r->energy_keV, nch));
        json_object_set_new(doc, "counts", ndp_json_array(r->counts, nch));
        if (sampled) {
            json_object_set_new(doc, "seed", json_integer((json_int_t)seed));
            json_object_set_new(doc, "counts_sampled", ndp_json_array(sampled, nch));
        }
        json_object_set_new(doc, "background", ndp_json_array(r->background, nch));
        json_t *parts = json_object();
        for (size_t p = 0; p < np; p++)
            json_object_set_new(parts, il_ndp_model_particle(m, p)->key,
                                ndp_json_array(r->by_particle + p * nch, nch));
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
            json_object_set_new(o, "counts", ndp_json_array(r->by_layer + l * nch, nch));
            json_array_append_new(layers, o);
        }
        json_object_set_new(doc, "layers", layers);
        json_object_set_new(doc, "instrument", ndp_json_instrument(&ins));
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
            json_object_set_new(o, "depth_nm", ndp_json_array(z, nz));
            json_object_set_new(o, "fwhm_nm", ndp_json_array(fw, nz));
            json_object_set_new(o, "mean_exit_keV", ndp_json_array(me, nz));
            json_object_set_new(dr, il_ndp_model_particle(m, p)->key, o);
        }
        json_object_set_new(doc, "depth_resolution", dr);
        rc = il_out_write_json(NULL, doc);
        json_decref(doc);
    } else if (rc == IL_EXIT_OK && csv) {
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
    } else if (rc == IL_EXIT_OK && !outfile && !plot) {
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

/* ---- invert ------------------------------------------------------------------------------ */

static int cmd_invert(int argc, char **argv)
{
    const char *spec_arg = NULL, *stack_arg = NULL, *plot = NULL, *method = "tikhonov",
               *lambda = "gcv", *fit_il = NULL, *selfc = NULL;
    int json = 0, csv = 0, systematic = 1;
    ndp_instr_args ia = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return help();
        if ((r = ndp_instr_option(argc, argv, &i, &ia))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        if ((r = il_opt_value(argc, argv, &i, "--stack", &v)) > 0)
            stack_arg = v;
        else if (r == 0 && (r = il_opt_value(argc, argv, &i, "--plot", &v)) > 0)
            plot = v;
        else if (r == 0 && (r = il_opt_value(argc, argv, &i, "--method", &v)) > 0)
            method = v;
        else if (r == 0 && (r = il_opt_value(argc, argv, &i, "--lambda", &v)) > 0)
            lambda = v;
        else if (r == 0 && (r = il_opt_value(argc, argv, &i, "--fit-interlayer", &v)) > 0)
            fit_il = v;
        else if (r == 0 && (r = il_opt_value(argc, argv, &i, "--self-consistent", &v)) > 0)
            selfc = v;
        else if (r < 0)
            return IL_EXIT_USAGE;
        else if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--csv") == 0)
            csv = 1;
        else if (strcmp(argv[i], "--no-systematic") == 0)
            systematic = 0;
        else if (argv[i][0] == '-' && argv[i][1])
            return il_cli_usage("ndp invert: unknown option '%s'", argv[i]);
        else if (!spec_arg)
            spec_arg = argv[i];
        else
            return il_cli_usage("ndp invert: unexpected argument '%s'", argv[i]);
    }
    if (!spec_arg || !stack_arg)
        return il_cli_usage("usage: interlayer ndp invert SPECTRUM --stack STACK [options]");
    il_ndp_invert_options o;
    il_ndp_invert_options_default(&o);
    o.systematic = systematic;
    if (selfc) {
        char *end;
        long k = strtol(selfc, &end, 10);
        if (*end || k < 0 || k > 10)
            return il_cli_usage("ndp invert: --self-consistent '%s' must be 0..10 passes", selfc);
        o.self_consistent = (int)k;
    }
    if (strcmp(method, "tikhonov") == 0)
        o.method = IL_NDP_METHOD_TIKHONOV;
    else if (strcmp(method, "mlem") == 0)
        o.method = IL_NDP_METHOD_MLEM;
    else if (strcmp(method, "classic") == 0)
        o.method = IL_NDP_METHOD_CLASSIC;
    else
        return il_cli_usage("ndp invert: --method '%s' unknown (tikhonov, mlem, classic)", method);
    if (strcmp(lambda, "gcv") == 0)
        o.lambda_rule = IL_NDP_LAMBDA_GCV;
    else if (strcmp(lambda, "discrepancy") == 0)
        o.lambda_rule = IL_NDP_LAMBDA_DISCREPANCY;
    else if (strcmp(lambda, "lcurve") == 0)
        o.lambda_rule = IL_NDP_LAMBDA_LCURVE;
    else
        return il_cli_usage("ndp invert: --lambda '%s' unknown (gcv, discrepancy, lcurve)",
                            lambda);
    double il_depth = 0;
    if (fit_il) {
        il_error e2;
        if (il_parse_length_nm(fit_il, &il_depth, &e2))
            return il_cli_usage("ndp invert: --fit-interlayer: %s", e2.message);
    }
    il_error err;
    il_ndp_instrument ins;
    if (ndp_instr_build(&ia, &ins, &err))
        return il_cli_fail(&err);
    il_spectrum *sp;
    if (il_spectrum_load(spec_arg, IL_SPECTRUM_AUTO, &sp, &err))
        return il_cli_fail(&err);
    ndp_adapt_instrument(sp, &ins);
    il_stack *s;
    if (ndp_load_stack(stack_arg, &s, &err)) {
        il_spectrum_free(sp);
        return il_cli_fail(&err);
    }
    il_ndp_model *m = NULL;
    int rc = IL_EXIT_OK;
    if (il_ndp_model_new(s, &ins, &m, &err))
        rc = il_cli_fail(&err);
    const double *y = il_spectrum_counts(sp);
    size_t nch = il_spectrum_n_channels(sp);
    if (rc == IL_EXIT_OK && o.method == IL_NDP_METHOD_CLASSIC) {
        /* one profile per particle of Li */
        json_t *doc = json_object();
        if (!json && !csv)
            printf("classic energy-to-depth conversion (what most facilities do)\n");
        for (size_t p = 0; p < il_ndp_model_n_particles(m); p++) {
            const il_ndp_particle *P = il_ndp_model_particle(m, p);
            if (P->target_Z != 3)
                continue;
            double *z = malloc(nch * sizeof *z), *c = malloc(nch * sizeof *c);
            il_ndp_classic_profile(m, p, y, z, c, NULL);
            json_t *o2 = json_object(), *zz = json_array(), *cc = json_array();
            if (csv && p == 0)
                printf("particle,channel,depth_nm,li6_based_atoms_per_cm3\n");
            for (size_t k = 0; k < nch; k++) {
                if (!isfinite(z[k]) || !isfinite(c[k]))
                    continue;
                /* the conversion counts 6Li: divide by the layer's 6Li fraction for all Li */
                json_array_append_new(zz, json_real(z[k]));
                json_array_append_new(cc, json_real(c[k]));
                if (csv)
                    printf("%s,%zu,%.6g,%.6g\n", P->key, k, z[k], c[k]);
            }
            json_object_set_new(o2, "depth_nm", zz);
            json_object_set_new(o2, "li6_atoms_per_cm3", cc);
            json_object_set_new(doc, P->key, o2);
            free(z), free(c);
        }
        if (json)
            rc = il_out_write_json(NULL, doc);
        else if (!csv)
            printf("(use --json or --csv for the values)\n");
        json_decref(doc);
    } else if (rc == IL_EXIT_OK) {
        il_ndp_profile *p = NULL;
        if (il_ndp_invert(m, s, y, &o, &p, &err))
            rc = il_cli_fail(&err);
        il_ndp_fit *fit = NULL;
        if (rc == IL_EXIT_OK && fit_il) {
            if (il_ndp_fit_new(m, &fit, &err))
                rc = il_cli_fail(&err);
            if (rc == IL_EXIT_OK) {
                fit->interlayer = 1;
                fit->il_depth_nm = il_depth;
                fit->il_fwhm_nm = 20;
                fit->il_atoms_cm2 = 1e16;
                if (il_ndp_fit_run(m, y, fit, &err))
                    rc = il_cli_fail(&err);
            }
        }
        if (rc == IL_EXIT_OK && json) {
            json_t *doc = json_object();
            json_object_set_new(doc, "method", json_string(method));
            json_object_set_new(doc, "depth_nm", ndp_json_array(p->depth_nm, p->n_bins));
            json_object_set_new(doc, "bin_width_nm", ndp_json_array(p->width_nm, p->n_bins));
            json_object_set_new(doc, "li_atoms_per_cm3", ndp_json_array(p->conc, p->n_bins));
            json_object_set_new(doc, "li_atoms_per_cm3_sigma",
                                ndp_json_array(p->conc_sigma, p->n_bins));
            json_t *layers = json_array();
            for (size_t l = 0; l < p->n_layers; l++) {
                json_t *lo = json_object();
                json_object_set_new(lo, "name", json_string(il_ndp_model_layer_name(m, l)));
                json_object_set_new(lo, "top_nm", json_real(il_ndp_model_layer_top_nm(m, l)));
                json_object_set_new(lo, "li_atoms_per_cm2", json_real(p->li_atoms_cm2[l]));
                json_object_set_new(lo, "li_atoms_per_cm2_sigma",
                                    json_real(p->li_atoms_cm2_sigma[l]));
                json_object_set_new(lo, "li_atoms_per_cm2_regularisation",
                                    json_real(p->li_atoms_cm2_reg[l]));
                json_object_set_new(lo, "li_atoms_per_cm2_systematic",
                                    json_real(p->li_atoms_cm2_sys[l]));
                json_object_set_new(lo, "li_mol_per_cm2",
                                    json_real(p->li_atoms_cm2[l] / IL_AVOGADRO));
                json_object_set_new(lo, "li_uAh_per_cm2",
                                    json_real(il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l])));
                json_array_append_new(layers, lo);
            }
            json_object_set_new(doc, "layers", layers);
            json_object_set_new(doc, "lambda", json_real(p->lambda));
            json_object_set_new(doc, "chi2", json_real(p->chi2));
            json_object_set_new(doc, "fitted_counts", ndp_json_array(p->fitted, p->n_channels));
            json_object_set_new(doc, "instrument", ndp_json_instrument(&ins));
            if (fit) {
                json_t *f = json_object();
                json_object_set_new(f, "depth_nm", json_real(fit->il_depth_nm));
                json_object_set_new(f, "depth_nm_sigma", json_real(fit->il_depth_sigma));
                json_object_set_new(f, "fwhm_nm", json_real(fit->il_fwhm_nm));
                json_object_set_new(f, "fwhm_nm_sigma", json_real(fit->il_fwhm_sigma));
                json_object_set_new(f, "li_atoms_per_cm2", json_real(fit->il_atoms_cm2));
                json_object_set_new(f, "li_atoms_per_cm2_sigma",
                                    json_real(fit->il_atoms_cm2_sigma));
                json_object_set_new(f, "chi2_per_dof", json_real(fit->chi2_per_dof));
                json_object_set_new(doc, "interlayer_fit", f);
            }
            rc = il_out_write_json(NULL, doc);
            json_decref(doc);
        } else if (rc == IL_EXIT_OK && csv) {
            printf("depth_nm,bin_width_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma\n");
            for (size_t j = 0; j < p->n_bins; j++)
                printf("%.6g,%.6g,\"%s\",%.6e,%.6e\n", p->depth_nm[j], p->width_nm[j],
                       il_ndp_model_layer_name(m, p->bin_layer[j]), p->conc[j], p->conc_sigma[j]);
        } else if (rc == IL_EXIT_OK) {
            printf("Li inventories of '%s' (%s, lambda %.4g, chi2 %.5g over %zu channels)\n",
                   il_stack_name(s), method, p->lambda, p->chi2, nch);
            printf("%-28s %12s %12s %11s %11s %11s %12s\n", "layer", "top (nm)", "Li (at/cm2)",
                   "counting", "regular.", "systematic", "Li (uAh/cm2)");
            for (size_t l = 0; l < p->n_layers; l++)
                printf("%-28.28s %12.1f %12.4e %11.2e %11.2e %11.2e %12.4g\n",
                       il_ndp_model_layer_name(m, l), il_ndp_model_layer_top_nm(m, l),
                       p->li_atoms_cm2[l], p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_reg[l],
                       p->li_atoms_cm2_sys[l], il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l]));
            if (fit)
                printf("interlayer fit: depth %.1f +- %.1f nm, FWHM %.1f +- %.1f nm, Li %.4g +- "
                       "%.2g at/cm2\n",
                       fit->il_depth_nm, fit->il_depth_sigma, fit->il_fwhm_nm, fit->il_fwhm_sigma,
                       fit->il_atoms_cm2, fit->il_atoms_cm2_sigma);
        }
        if (rc == IL_EXIT_OK && plot) {
            il_plot_series ser = {p->depth_nm, p->conc, p->conc_sigma, p->n_bins, "Li",
                                  IL_PLOT_STEPS};
            il_plot_axes ax = {"Li depth profile", "depth (nm)", "Li (atoms/cm3)", 0, 0};
            if (il_plot_xy(plot, &ax, &ser, 1, &err))
                rc = il_cli_fail(&err);
        }
        il_ndp_fit_free(fit);
        il_ndp_profile_free(p);
    }
    il_ndp_model_free(m);
    il_stack_free(s);
    il_spectrum_free(sp);
    return rc;
}

/* ---- calibrate ----------------------------------------------------------------------------- */

static int cmd_calibrate(int argc, char **argv)
{
    const char *spec_arg = NULL, *stack_arg = NULL;
    int json = 0;
    ndp_instr_args ia = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return help();
        if ((r = ndp_instr_option(argc, argv, &i, &ia))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        if ((r = il_opt_value(argc, argv, &i, "--stack", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            stack_arg = v;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return il_cli_usage("ndp calibrate: unknown option '%s'", argv[i]);
        } else if (!spec_arg) {
            spec_arg = argv[i];
        } else {
            return il_cli_usage("ndp calibrate: unexpected argument '%s'", argv[i]);
        }
    }
    if (!spec_arg || !stack_arg)
        return il_cli_usage("usage: interlayer ndp calibrate SPECTRUM --stack REFERENCE_STACK");
    il_error err;
    il_ndp_instrument ins;
    if (ndp_instr_build(&ia, &ins, &err))
        return il_cli_fail(&err);
    il_spectrum *sp;
    if (il_spectrum_load(spec_arg, IL_SPECTRUM_AUTO, &sp, &err))
        return il_cli_fail(&err);
    /* The file's own calibration is what we are checking: keep the instrument's as a guess,
     * but take the channel count and live time. */
    ins.channels = (int)il_spectrum_n_channels(sp);
    double lt = il_spectrum_live_time_s(sp);
    if (isfinite(lt) && lt > 0)
        ins.live_time_s = lt;
    il_stack *s;
    if (ndp_load_stack(stack_arg, &s, &err)) {
        il_spectrum_free(sp);
        return il_cli_fail(&err);
    }
    int rc = IL_EXIT_OK;
    const double *y = il_spectrum_counts(sp);
    size_t nch = il_spectrum_n_channels(sp);
    /* Edges: the same half-height rule is applied to the measured spectrum and to the model's
     * spectrum of the reference; the model edge's energy (from the calibration in use) is
     * assigned to the measured edge's channel, so any bias of the rule cancels. Two rounds:
     * the second starts from the first round's calibration. */
    double ch[2] = {NAN, NAN}, E[2] = {NAN, NAN};
    size_t ne = 0;
    double off = ins.offset_keV, gain = ins.gain_keV, quad = 0, fac = NAN, fsig = NAN;
    for (int round = 0; round < 2 && rc == IL_EXIT_OK; round++) {
        il_ndp_instrument gi = ins;
        gi.offset_keV = off, gi.gain_keV = gain, gi.quadratic_keV = 0;
        il_ndp_model *mg = NULL;
        il_ndp_sim *sim = NULL;
        if (il_ndp_model_new(s, &gi, &mg, &err) || il_ndp_simulate(mg, 0, NULL, &sim, &err)) {
            rc = il_cli_fail(&err);
            il_ndp_model_free(mg);
            break;
        }
        ne = 0;
        for (size_t p = 0; p < il_ndp_model_n_particles(mg) && ne < 2; p++) {
            const il_ndp_particle *P = il_ndp_model_particle(mg, p);
            if (P->target_Z != 3)
                continue;
            const double *yp = sim->by_particle + p * nch;
            double top = il_ndp_energy_channel(&gi, P->E0_keV);
            double cs = il_ndp_find_edge(yp, nch, top - 60, 60);
            double cm = isfinite(cs) ? il_ndp_find_edge(y, nch, top - 60, 60) : NAN;
            if (isfinite(cs) && isfinite(cm)) {
                ch[ne] = cm;
                E[ne] = il_ndp_channel_energy_keV(&gi, cs);
                ne++;
            }
        }
        il_ndp_sim_free(sim);
        il_ndp_model_free(mg);
        if (ne < 2) {
            il_error_set(&err, IL_ERR_NUMERIC,
                         "%s: could not locate the alpha and triton edges near the channels the "
                         "instrument's calibration predicts; give --gain/--offset closer to the "
                         "truth",
                         spec_arg);
            rc = il_cli_fail(&err);
        } else if (il_ndp_calibrate_energy(ch, E, ne, 0, &off, &gain, &quad, &err)) {
            rc = il_cli_fail(&err);
        }
    }
    if (rc == IL_EXIT_OK) {
        il_ndp_instrument ins2 = ins;
        ins2.offset_keV = off, ins2.gain_keV = gain, ins2.quadratic_keV = 0;
        il_ndp_model *m2;
        if (il_ndp_model_new(s, &ins2, &m2, &err))
            rc = il_cli_fail(&err);
        else {
            size_t lo = (size_t)fmax(0, floor(il_ndp_energy_channel(&ins2, 300)));
            if (il_ndp_calibrate_intensity(m2, y, lo, nch - 1, &fac, &fsig, &err))
                rc = il_cli_fail(&err);
            il_ndp_model_free(m2);
        }
    }
    if (rc == IL_EXIT_OK) {
        if (json) {
            json_t *doc = json_object();
            json_object_set_new(doc, "offset_keV", json_real(off));
            json_object_set_new(doc, "gain_keV_per_channel", json_real(gain));
            json_object_set_new(doc, "alpha_edge_channel", json_real(ch[0]));
            json_object_set_new(doc, "alpha_edge_keV", json_real(E[0]));
            json_object_set_new(doc, "triton_edge_channel", json_real(ch[1]));
            json_object_set_new(doc, "triton_edge_keV", json_real(E[1]));
            json_object_set_new(doc, "fluence_solid_angle_factor", json_real(fac));
            json_object_set_new(doc, "fluence_solid_angle_factor_sigma", json_real(fsig));
            json_object_set_new(doc, "calibrated_fluence_rate_n_per_cm2_s",
                                json_real(ins.fluence_rate_n_cm2_s * fac));
            rc = il_out_write_json(NULL, doc);
            json_decref(doc);
        } else {
            printf("energy calibration from the Li edges of '%s':\n", il_stack_name(s));
            printf("  alpha edge at channel %.2f = %.1f keV, triton edge at channel %.2f = %.1f "
                   "keV\n",
                   ch[0], E[0], ch[1], E[1]);
            printf("  offset_keV: %.4f\n  gain_keV: %.6f\n", off, gain);
            printf("fluence x solid angle: %.5f +- %.5f times the instrument's (fluence_rate_"
                   "n_cm2_s: %.5g at the given solid angle)\n",
                   fac, fsig, ins.fluence_rate_n_cm2_s * fac);
        }
    }
    il_stack_free(s);
    il_spectrum_free(sp);
    return rc;
}

int ndp_cmd_simulate(int argc, char **argv) { return cmd_simulate(argc, argv); }
int ndp_cmd_invert(int argc, char **argv) { return cmd_invert(argc, argv); }
int ndp_cmd_calibrate(int argc, char **argv) { return cmd_calibrate(argc, argv); }

int il_cmd_ndp(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc < 2) {
            il_cli_usage("usage: interlayer ndp simulate|invert|operando|calibrate|reactions ...");
            return IL_EXIT_USAGE;
        }
        return help();
    }
    const char *v = argv[1];
    if (strcmp(v, "simulate") == 0)
        return cmd_simulate(argc - 1, argv + 1);
    if (strcmp(v, "invert") == 0)
        return cmd_invert(argc - 1, argv + 1);
    if (strcmp(v, "operando") == 0)
        return ndp_cmd_operando(argc - 1, argv + 1);
    if (strcmp(v, "calibrate") == 0)
        return cmd_calibrate(argc - 1, argv + 1);
    if (strcmp(v, "reactions") == 0)
        return cmd_reactions(argc - 1, argv + 1);
    return il_cli_usage("ndp: unknown verb '%s' (simulate, invert, operando, calibrate, "
                        "reactions)",
                        v);
}
