/* Counting uncertainty of a layer-wise MLEM estimate from the Fisher information.
 *
 * When the bin iterations do not move the layer-wise start (the discrepancy target is already
 * met there), the MLEM estimate is the maximum-likelihood amount c_g of each layer g with the
 * summed response Rg_ig = sum_{j in g} R_ij. For Poisson counts with mean mu = Rg c + b the
 * Fisher information is I_gh = sum_i Rg_ig Rg_ih / mu_i and, for amounts away from the bound 0,
 * cov(c) = I^-1 to first order (the delta method resampling converges to). A layer whose amount
 * is at 0 (within a tenth of its own sigma 1/sqrt(I_gg)) is left out of the free block: the
 * estimate there is the positive part of a normal centred near 0, whose standard deviation is
 * sqrt(1/2 - 1/(2 pi)) = 0.584 of the normal's. */
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>

#include "fit/ndp/ndp_invert_priv.h"
#include "probes/ndp/ndp_model_priv.h"

#define PI 3.14159265358979323846

il_status il__ndp_mlem_fisher(const il_ndp_model *m, const double *R, const double *x,
                              const double *fitted, double unit, const double *fa, size_t nfa,
                              il_ndp_profile *p, il_error *err)
{
    size_t ns = m->ns, nch = m->nch;
    /* Segments: the runs of slices of one layer (what the layer-wise start holds constant). */
    size_t *seg = malloc(ns * sizeof *seg), ng = 0;
    double *s = calloc(ns, sizeof *s);
    if (!seg || !s) {
        free(seg), free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t j = 0; j < ns; j++) {
        if (j > 0 && m->slice_layer[j] != m->slice_layer[j - 1])
            ng++;
        seg[j] = ng;
        for (size_t i = 0; i < nch; i++)
            s[j] += R[i * ns + j];
    }
    ng++;
    double *Rg = calloc(nch * ng, sizeof *Rg), *c = calloc(ng, sizeof *c),
           *sd = calloc(ng, sizeof *sd);
    size_t *free_idx = malloc(ng * sizeof *free_idx);
    char *seen = calloc(ng, 1);
    gsl_matrix *I = gsl_matrix_calloc(ng, ng);
    il_status st = IL_OK;
    if (!Rg || !c || !sd || !free_idx || !seen || !I) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Bins without response hold 0, not the layer amount: they do not enter the amount. */
    for (size_t j = 0; j < ns; j++) {
        if (s[j] <= 0)
            continue;
        c[seg[j]] = x[j];
        seen[seg[j]] = 1;
        for (size_t i = 0; i < nch; i++)
            Rg[i * ng + seg[j]] += R[i * ns + j];
    }
    for (size_t i = 0; i < nch; i++) {
        if (!(fitted[i] > 0))
            continue;
        for (size_t g = 0; g < ng; g++)
            for (size_t h = 0; h <= g; h++) {
                double v = Rg[i * ng + g] * Rg[i * ng + h] / fitted[i];
                if (v != 0) {
                    *gsl_matrix_ptr(I, g, h) += v;
                    if (h != g)
                        *gsl_matrix_ptr(I, h, g) += v;
                }
            }
    }
    size_t nf = 0;
    for (size_t g = 0; g < ng; g++) {
        double igg = gsl_matrix_get(I, g, g);
        if (!seen[g] || !(igg > 0))
            continue;
        if (c[g] * sqrt(igg) < 0.1)
            sd[g] = sqrt(0.5 - 0.5 / PI) / sqrt(igg); /* at the bound */
        else
            free_idx[nf++] = g;
    }
    gsl_matrix *C = nf ? gsl_matrix_alloc(nf, nf) : NULL;
    if (nf && !C) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < nf; a++)
        for (size_t b = 0; b < nf; b++)
            gsl_matrix_set(C, a, b, gsl_matrix_get(I, free_idx[a], free_idx[b]));
    if (nf && (gsl_linalg_cholesky_decomp1(C) || gsl_linalg_cholesky_invert(C))) {
        gsl_matrix_free(C);
        st = il_error_set(err, IL_ERR_NUMERIC,
                          "MLEM Fisher information of the layer amounts is singular");
        goto done;
    }
    for (size_t a = 0; a < nf; a++)
        sd[free_idx[a]] = sqrt(fmax(gsl_matrix_get(C, a, a), 0));
    /* Per bin: the layer's amount; per layer: amount x the thickness the response sees. */
    for (size_t j = 0; j < ns; j++)
        p->conc_sigma[j] = s[j] > 0 ? sd[seg[j]] * unit : 0;
    double *w = calloc(ng, sizeof *w), *a = calloc(ng, sizeof *a);
    if (!w || !a) {
        free(w), free(a), gsl_matrix_free(C);
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t l = 0; l < m->nl; l++) {
        /* A functional a.c: variance over the free block plus the at-bound parts alone. */
        for (size_t g = 0; g < ng; g++)
            w[g] = 0;
        for (size_t j = 0; j < ns; j++)
            if (s[j] > 0 && m->slice_layer[j] == l)
                w[seg[j]] += p->width_nm[j] * 1e-7 * unit;
        double var = 0;
        for (size_t g = 0; g < ng; g++)
            var += w[g] * w[g] * sd[g] * sd[g];
        for (size_t q = 0; q < nf; q++)
            for (size_t r = 0; r < nf; r++)
                if (q != r)
                    var += w[free_idx[q]] * w[free_idx[r]] * gsl_matrix_get(C, q, r);
        p->li_atoms_cm2_sigma[l] = sqrt(fmax(var, 0));
    }
    for (size_t k = 0; k < nfa; k++) {
        for (size_t g = 0; g < ng; g++)
            a[g] = 0;
        for (size_t j = 0; j < ns; j++)
            if (s[j] > 0)
                a[seg[j]] += fa[k * ns + j] * unit;
        double var = 0;
        for (size_t g = 0; g < ng; g++)
            var += a[g] * a[g] * sd[g] * sd[g];
        for (size_t q = 0; q < nf; q++)
            for (size_t r = 0; r < nf; r++)
                if (q != r)
                    var += a[free_idx[q]] * a[free_idx[r]] * gsl_matrix_get(C, q, r);
        p->func_sigma[k] = sqrt(fmax(var, 0));
    }
    free(w), free(a);
    gsl_matrix_free(C);
done:
    free(seg), free(s), free(Rg), free(c), free(sd), free(free_idx), free(seen);
    gsl_matrix_free(I);
    return st;
}
