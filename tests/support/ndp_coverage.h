/* Synthetic cases for the NDP coverage study (bench/ndp_coverage.c prints the full table for
 * docs/ndp.md; tests/fit/ndp/test_ndp_coverage.c runs a reduced set). A case is an electrolyte
 * (Li3PO4, thickness d: puts the interface at depth d) on a Si anode of 200 nm whose top t nm
 * hold LixSi (the interlayer) and the rest Li0.5Si, on Cu and a Si wafer; densities as in the
 * operando demo (Si atoms per cm3 kept: 2.329 + 0.5755 x g/cm3). It is simulated with Poisson
 * noise, analysed against the pristine structure (Li3PO4 | Si 200 nm | Cu) by
 * il_ndp_structure_analyse, and every analysed layer's Li, and the interlayer's, compared with
 * the truth in the same depth range (il_ndp_truth_inventories).
 *
 * With perturb = 1 the truth is made with stopping 4 % higher and the anode's density 3 %
 * higher than the analysis assumes: the systematic parts must then cover the difference. */
#ifndef IL_TEST_NDP_COVERAGE_H
#define IL_TEST_NDP_COVERAGE_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "interlayer/interlayer.h"

typedef struct {
    double d_nm, t_nm, x;  /* interface depth, interlayer thickness, Li per Si in it */
    unsigned long seed;
    int perturb;
} ndp_cov_case;

/* Tallies: quantities compared and within 1 and 2 sigma (non-systematic; and total). */
typedef struct {
    int n, in1, in2, in1_tot, in2_tot, cases, found;
} ndp_cov_tally;

static il_stack *ndp_cov_stack(const char *text)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err)) {
        fprintf(stderr, "%s: %s\n", text, err.message);
        return NULL;
    }
    return s;
}

static void ndp_cov_count(ndp_cov_tally *t, double v, double truth, double ns, double tot)
{
    double d = fabs(v - truth);
    t->n++;
    t->in1 += d <= ns;
    t->in2 += d <= 2 * ns;
    t->in1_tot += d <= tot;
    t->in2_tot += d <= 2 * tot;
}

/* Runs one case; adds every analysed layer's Li (the interlayer row included when one was kept)
 * to tally[0] and the interlayer's Li to tally[1] (only when kept: tally[0].found counts the
 * cases where it was). Returns 0 on success. */
static int ndp_cov_run(const ndp_cov_case *c, ndp_cov_tally *tally, int verbose)
{
    char text[512];
    double y = 0.5;
    snprintf(text, sizeof text,
             "Li3PO4 %gnm name=electrolyte | Li%.4fSi %gnm density=%.5f name=interlayer | "
             "Li%.4fSi %gnm density=%.5f name=anode | Cu 300nm | Si",
             c->d_nm, c->x, c->t_nm, 2.329 + 0.5755 * c->x, y, 200 - c->t_nm,
             2.329 + 0.5755 * y);
    il_stack *truth = ndp_cov_stack(text);
    snprintf(text, sizeof text, "Li3PO4 %gnm name=electrolyte | Si 200nm name=anode | Cu 300nm | Si",
             c->d_nm);
    il_stack *pristine = ndp_cov_stack(text);
    if (!truth || !pristine)
        return 1;
    il_error err;
    int rc = 0;
    if (c->perturb) {
        for (size_t l = 0; l < il_stack_count(truth) && !rc; l++)
            rc = il_stack_set_stopping_factor(truth, l, 1.04, &err) != IL_OK;
        for (size_t l = 1; l <= 2 && !rc; l++)
            rc = il_stack_set_density(truth, l, 1.03 * il_stack_layer(truth, l)->density_g_cm3,
                                      &err) != IL_OK;
    }
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_ndp_model *mt = NULL;
    il_ndp_sim *sim = NULL;
    double *counts = NULL;
    il_ndp_structure *a = NULL;
    if (!rc)
        rc = il_ndp_model_new(truth, &ins, &mt, &err) != IL_OK;
    if (!rc)
        rc = il_ndp_simulate(mt, 0, NULL, &sim, &err) != IL_OK;
    if (!rc) {
        counts = malloc(sim->n_channels * sizeof *counts);
        rc = !counts || il_ndp_poisson_sample(sim->counts, sim->n_channels, c->seed, counts,
                                              &err) != IL_OK;
    }
    il_ndp_structure_options so;
    il_ndp_structure_options_default(&so);
    so.invert.systematic = c->perturb; /* only the perturbed study needs the systematic part */
    if (!rc)
        rc = il_ndp_structure_analyse(pristine, &ins, counts, &so, &a, &err) != IL_OK;
    double *li = NULL;
    if (!rc) {
        li = malloc(il_ndp_model_n_layers(a->model) * sizeof *li);
        rc = !li || il_ndp_truth_inventories(truth, a->model, li, &err) != IL_OK;
    }
    if (!rc) {
        const il_ndp_profile *p = a->profile;
        size_t il = a->interlayer, nl = p->n_layers;
        tally[0].cases++;
        tally[0].found += il != (size_t)-1;
        for (size_t l = 0; l < nl; l++) {
            if (p->li_atoms_cm2_nonsys[l] <= 0 && li[l] == 0)
                continue; /* a layer with nothing in it and nothing measured (the wafer) */
            ndp_cov_count(&tally[0], p->li_atoms_cm2[l], li[l], p->li_atoms_cm2_nonsys[l],
                          p->li_atoms_cm2_total[l]);
        }
        /* the interlayer's Li: the number; without one, the first 2 w of the anode
         * are not compared (nothing reported) and the case counts as a miss */
        if (il != (size_t)-1) {
            ndp_cov_count(&tally[1], p->li_atoms_cm2[il], li[il], p->li_atoms_cm2_nonsys[il],
                          p->li_atoms_cm2_total[il]);
            if (verbose)
                printf("  d %4.0f t %2.0f x %.2f seed %lu: interlayer %.4g +- %.2g (tot %.2g), "
                       "truth %.4g, t_fit %.1f\n",
                       c->d_nm, c->t_nm, c->x, c->seed, p->li_atoms_cm2[il],
                       p->li_atoms_cm2_nonsys[il], p->li_atoms_cm2_total[il], li[il],
                       a->fit->il_thickness_nm);
        } else {
            if (verbose)
                printf("  d %4.0f t %2.0f x %.2f seed %lu: no interlayer kept\n", c->d_nm,
                       c->t_nm, c->x, c->seed);
        }
    } else {
        fprintf(stderr, "case d %g t %g x %g: %s\n", c->d_nm, c->t_nm, c->x, err.message);
    }
    free(li);
    il_ndp_structure_free(a);
    free(counts);
    il_ndp_sim_free(sim);
    il_ndp_model_free(mt);
    il_stack_free(truth);
    il_stack_free(pristine);
    return rc;
}

#endif
