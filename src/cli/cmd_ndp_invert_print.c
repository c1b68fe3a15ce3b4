/* The output of `interlayer ndp invert` (see cmd_ndp_invert.h). */
#include "cli/cmd_ndp_invert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_io.h"

int cli_ndp_invert_classic(const cli_ndp_measurement *me, int json, int csv)
{
    const double *y = il_spectrum_counts(me->sp);
    size_t nch = il_spectrum_n_channels(me->sp);
    int rc = CLI_EXIT_OK;
    /* one profile per particle of Li */
    json_t *doc = json_object();
    if (!json && !csv)
        printf("classic energy-to-depth conversion (what most facilities do)\n");
    for (size_t p = 0; p < il_ndp_model_n_particles(me->m); p++) {
        const il_ndp_particle *P = il_ndp_model_particle(me->m, p);
        if (P->target_Z != 3)
            continue;
        double *z = malloc(nch * sizeof *z), *c = malloc(nch * sizeof *c);
        il_ndp_classic_profile(me->m, p, y, z, c, NULL);
        json_t *o2 = json_object(), *zz = json_array(), *cc = json_array();
        if (csv && p == 0)
            printf("particle,channel,depth_nm,li6_based_atoms_per_cm3\n");
        for (size_t k = 0; k < nch; k++) {
            if (!isfinite(z[k]) || !isfinite(c[k]))
                continue;
            /* the conversion counts 6Li: divide by the layer's 6Li fraction for all Li */
            json_array_append_new(zz, cli_json_number(z[k]));
            json_array_append_new(cc, cli_json_number(c[k]));
            if (csv)
                printf("%s,%zu,%.6g,%.6g\n", P->key, k, z[k], c[k]);
        }
        json_object_set_new(o2, "depth_nm", zz);
        json_object_set_new(o2, "li6_atoms_per_cm3", cc);
        json_object_set_new(doc, P->key, o2);
        free(z), free(c);
    }
    if (json)
        rc = cli_out_write_json(NULL, doc);
    else if (!csv)
        printf("(use --json or --csv for the values)\n");
    json_decref(doc);
    return rc;
}

int cli_ndp_invert_json(const char *method, const cli_ndp_measurement *me, const il_ndp_profile *p,
                        const il_ndp_fit *fit)
{
    il_error err;
    char *text;
    if (il_ndp_inversion_json(method, me->m, p, fit, &me->ins, &text, &err))
        return cli_fail(&err);
    fputs(text, stdout);
    free(text);
    return CLI_EXIT_OK;
}

int cli_ndp_invert_csv(const cli_ndp_measurement *me, const il_ndp_profile *p)
{
    il_error err;
    char *text;
    if (il_ndp_inversion_csv(me->m, p, &text, &err))
        return cli_fail(&err);
    fputs(text, stdout);
    free(text);
    return CLI_EXIT_OK;
}

void cli_ndp_invert_text(const char *method, const cli_ndp_measurement *me, const il_ndp_profile *p,
                         const il_ndp_fit *fit)
{
    printf("Li inventories of '%s' (%s, lambda %.4g, chi2 %.5g over %zu channels)\n",
           il_stack_name(me->s), method, p->lambda, p->chi2, il_spectrum_n_channels(me->sp));
    printf("%-28s %12s %12s %11s %11s %11s %12s\n", "layer", "top (nm)", "Li (at/cm2)", "counting",
           "regular.", "systematic", "Li (uAh/cm2)");
    for (size_t l = 0; l < p->n_layers; l++)
        printf("%-28.28s %12.1f %12.4e %11.2e %11.2e %11.2e %12.4g\n",
               il_ndp_model_layer_name(me->m, l), il_ndp_model_layer_top_nm(me->m, l),
               p->li_atoms_cm2[l], p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_reg[l],
               p->li_atoms_cm2_sys[l], il_ndp_li_atoms_to_uAh(p->li_atoms_cm2[l]));
    if (fit)
        printf("interlayer fit: depth %.1f +- %.1f nm, FWHM %.1f +- %.1f nm, Li %.4g +- "
               "%.2g at/cm2\n",
               fit->il_depth_nm, fit->il_depth_sigma, fit->il_fwhm_nm, fit->il_fwhm_sigma,
               fit->il_atoms_cm2, fit->il_atoms_cm2_sigma);
}
