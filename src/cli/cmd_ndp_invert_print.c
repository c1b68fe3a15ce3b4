/* The output of `interlayer ndp invert` (see cmd_ndp_invert.h). */
#include "cli/cmd_ndp_invert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_io.h"

int cli_ndp_invert_classic(FILE *fp, const cli_ndp_measurement *me, int json, int csv)
{
    const double *y = il_spectrum_counts(me->sp);
    size_t nch = il_spectrum_n_channels(me->sp);
    int rc = CLI_EXIT_OK;
    /* one profile per particle of Li */
    json_t *doc = json_object();
    if (!json && !csv)
        fprintf(fp, "classic energy-to-depth conversion (what most facilities do)\n");
    for (size_t p = 0; p < il_ndp_model_n_particles(me->m); p++) {
        const il_ndp_particle *P = il_ndp_model_particle(me->m, p);
        if (P->target_Z != 3)
            continue;
        double *z = malloc(nch * sizeof *z), *c = malloc(nch * sizeof *c);
        il_ndp_classic_profile(me->m, p, y, z, c, NULL);
        json_t *o2 = json_object(), *zz = json_array(), *cc = json_array();
        if (csv && p == 0)
            fprintf(fp, "particle,channel,depth_nm,li6_based_atoms_per_cm3\n");
        for (size_t k = 0; k < nch; k++) {
            if (!isfinite(z[k]) || !isfinite(c[k]))
                continue;
            /* the conversion counts 6Li: divide by the layer's 6Li fraction for all Li */
            json_array_append_new(zz, cli_json_number(z[k]));
            json_array_append_new(cc, cli_json_number(c[k]));
            if (csv)
                fprintf(fp, "%s,%zu,%.6g,%.6g\n", P->key, k, z[k], c[k]);
        }
        json_object_set_new(o2, "depth_nm", zz);
        json_object_set_new(o2, "li6_atoms_per_cm3", cc);
        json_object_set_new(doc, P->key, o2);
        free(z), free(c);
    }
    if (json)
        rc = cli_out_dump_json(fp, doc) ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    else if (!csv)
        fprintf(fp, "(use --json or --csv for the values)\n");
    json_decref(doc);
    return rc;
}

int cli_ndp_invert_json(FILE *fp, const char *method, const cli_ndp_measurement *me,
                        const il_ndp_profile *p, const il_ndp_fit *fit)
{
    il_error err;
    char *text;
    if (il_ndp_inversion_json(method, me->m, p, fit, &me->ins, &text, &err))
        return cli_fail(&err);
    fputs(text, fp);
    free(text);
    return CLI_EXIT_OK;
}

int cli_ndp_invert_csv(FILE *fp, const cli_ndp_measurement *me, const il_ndp_profile *p)
{
    il_error err;
    char *text;
    if (il_ndp_inversion_csv(me->m, p, &text, &err))
        return cli_fail(&err);
    fputs(text, fp);
    free(text);
    return CLI_EXIT_OK;
}

/* "12.3 +- 0.4" or "200 (at its upper bound)": a value at a bound has no Gaussian sigma. */
static void value_text(char *buf, size_t n, const char *fmt, double v, double sd, int bound)
{
    int k = snprintf(buf, n, fmt, v);
    if (k < 0 || (size_t)k >= n)
        return;
    if (bound)
        snprintf(buf + k, n - (size_t)k, " (at its %s bound)", bound < 0 ? "lower" : "upper");
    else if (!(sd > 0))
        snprintf(buf + k, n - (size_t)k, " (not determined: the counts do not change with it)");
    else
        snprintf(buf + k, n - (size_t)k, " +- %.2g", sd);
}

void cli_ndp_fit_text(FILE *fp, const cli_ndp_measurement *me, const il_ndp_fit *fit)
{
    (void)me;
    char t[96], a[96];
    value_text(t, sizeof t, "%.1f", fit->il_thickness_nm, fit->il_thickness_sigma,
               fit->il_thickness_at_bound);
    value_text(a, sizeof a, "%.4g", fit->il_atoms_cm2, fit->il_atoms_cm2_sigma,
               fit->il_atoms_at_bound);
    fprintf(fp,
            "interlayer fit at the interface at %.1f nm (layer %zu; depth resolution %.0f nm "
            "FWHM there):\n  thickness %s nm (bounds %.0f..%.0f), Li above its host's level %s "
            "at/cm2, chi2/dof %.3f, "
            "BIC %.1f\n",
            fit->il_depth_nm, fit->il_host + 1, fit->il_resolution_nm, t, fit->il_thickness_lo_nm,
            fit->il_thickness_hi_nm, a, fit->chi2_per_dof, fit->bic);
}

void cli_ndp_invert_text(FILE *fp, const char *method, const cli_ndp_measurement *me,
                         const il_ndp_profile *p, const double *truth)
{
    fprintf(fp, "Li inventories of '%s' (%s, lambda %.4g, chi2 %.5g over %zu channels; "
            "self-consistent stopping: %d pass%s%s)\n",
            il_stack_name(me->s), method, p->lambda, p->chi2, il_spectrum_n_channels(me->sp),
            p->passes, p->passes == 1 ? "" : "es",
            p->passes && !p->passes_converged ? ", not converged" : "");
    if (p->mlem_stop)
        fprintf(fp, "MLEM: %d bin iterations, stopped: %s; counting sigma: %s\n", p->iterations,
                il_linv_mlem_stop_text((il_linv_mlem_stop)p->mlem_stop),
                p->mlem_sigma == IL_NDP_MLEM_SIGMA_FISHER
                ? "inverse Fisher information of the layer amounts"
                : p->mlem_sigma == IL_NDP_MLEM_SIGMA_FIXED ? "replicas at that iteration count"
                                                           : "full resampling");
    fprintf(fp, "%-24s %9s %11s %9s %9s %9s %9s %9s %9s", "layer", "top (nm)", "Li (at/cm2)",
            "counting", "regular.", "spill", "non-sys", "system.", "total");
    if (truth)
        fprintf(fp, " %11s %8s %8s", "truth", "dev/ns", "dev/tot");
    fprintf(fp, " %10s\n", "uAh/cm2");
    for (size_t l = 0; l < p->n_layers; l++) {
        fprintf(fp, "%-24.24s %9.1f %11.4e %9.2e %9.2e %9.2e %9.2e %9.2e %9.2e",
                il_ndp_model_layer_name(me->m, l), il_ndp_model_layer_top_nm(me->m, l),
                p->li_atoms_cm2[l], p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_reg[l],
                p->li_atoms_cm2_spill[l], p->li_atoms_cm2_nonsys[l], p->li_atoms_cm2_sys[l],
                p->li_atoms_cm2_total[l]);
        if (truth) {
            double d = p->li_atoms_cm2[l] - truth[l];
            fprintf(fp, " %11.4e %8.2f %8.2f", truth[l],
                    p->li_atoms_cm2_nonsys[l] > 0 ? d / p->li_atoms_cm2_nonsys[l] : 0,
                    p->li_atoms_cm2_total[l] > 0 ? d / p->li_atoms_cm2_total[l] : 0);
        }
        fprintf(fp, " %10.4g\n", il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l]));
    }
    fprintf(fp, "non-sys = counting, regularisation and spill; system. = stopping, density, exit "
            "path and calibration (--json: each part); total = both\n");
}

void cli_ndp_structure_text(FILE *fp, const cli_ndp_measurement *me, const il_ndp_structure *an,
                            double bic_margin, const double *truth)
{
    fprintf(fp,
            "model choice (BIC = chi2 + k ln n; an interlayer is kept when it lowers BIC by > %g):"
            "\n  no interlayer: BIC %.1f\n",
            bic_margin, an->bic_none);
    for (size_t k = 0; k < an->n_candidates; k++)
        fprintf(fp, "  interlayer at %7.1f nm: BIC %.1f (%+.1f), Li %.3g at/cm2\n",
                an->cand_depth_nm[k], an->cand_bic[k], an->cand_bic[k] - an->bic_none,
                an->cand_li_atoms_cm2[k]);
    if (!an->fit) {
        fprintf(fp, "  -> no interlayer: the inventories above are those of the given layers\n");
        return;
    }
    fprintf(fp, "  -> interlayer kept: row '%s' above, a layer of its own at the top of '%s'\n",
            il_ndp_model_layer_name(me->m, an->interlayer),
            il_ndp_model_layer_name(me->m, an->host));
    cli_ndp_fit_text(fp, me, an->fit);
    /* the host as the given structure had it: interlayer and the rest together (sigmas in
     * quadrature: their spill is anticorrelated, so this overstates the sum's) */
    const il_ndp_profile *p = an->profile;
    size_t a = an->interlayer, b = an->host;
    double v = p->li_atoms_cm2[a] + p->li_atoms_cm2[b];
    double ns = hypot(p->li_atoms_cm2_nonsys[a], p->li_atoms_cm2_nonsys[b]);
    fprintf(fp, "  %s incl. the interlayer: %.4e +- %.2e at/cm2", il_ndp_model_layer_name(me->m, b),
            v, ns);
    if (truth)
        fprintf(fp, " (truth %.4e, %+.2f sigma)", truth[a] + truth[b],
                (v - truth[a] - truth[b]) / ns);
    fprintf(fp, "\n");
}

int cli_ndp_structure_json(FILE *fp, const char *method, const cli_ndp_measurement *me,
                           const il_ndp_structure *an, double bic_margin)
{
    il_error err;
    char *text;
    if (il_ndp_structure_json(method, an, &me->ins, bic_margin, &text, &err))
        return cli_fail(&err);
    fputs(text, fp);
    free(text);
    return CLI_EXIT_OK;
}
