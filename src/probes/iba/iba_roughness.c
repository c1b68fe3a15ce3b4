/* Layer roughness in IBA spectra, as SIMNRA models it (M. Mayer, "SIMNRA user's guide", layer
 * roughness): the thickness of a rough layer is gamma distributed with the layer's mean
 * thickness d and standard deviation sigma = its roughness_nm (the rms width of its lower
 * interface), shape (d/sigma)^2; the spectrum is the average of spectra for thicknesses at the
 * distribution's quantiles (i + 1/2)/N, the layers below shifted with it. Up to two rough layers
 * (N^2 spectra); rougher stacks take the first two and say so in the docs. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "core/built.h"
#include "probes/iba/iba_priv.h"
#include "probes/iba/iba_spectrum_priv.h"

#define N_Q 8         /* quantiles per rough layer */
#define MAX_ROUGH 2

/* Adds w x src into acc (same channels), part by part. */
static il_status accumulate(il_iba_spectrum *acc, const il_iba_spectrum *src, double w,
                            il_error *err)
{
    for (size_t i = 0; i < src->n_parts; i++) {
        const il_iba_part *p = &src->parts[i];
        double *c;
        il_status st = il__iba_spectrum_part(acc, p->layer, p->Z, p->A, p->pZ, p->pA, &c, err);
        if (st)
            return st;
        for (size_t k = 0; k < acc->n; k++)
            c[k] += w * p->counts[k];
    }
    for (size_t k = 0; k < acc->n; k++)
        acc->total[k] += w * src->total[k];
    return IL_OK;
}

int il__iba_rough_layers(const il_stack *stack, size_t *idx)
{
    int n = 0;
    for (size_t i = 0; i < il_stack_count(stack) && n < MAX_ROUGH; i++) {
        const il_layer *l = il_stack_layer(stack, i);
        if (!l->is_substrate && l->roughness_nm > 0.0 && l->thickness_nm > 0.0)
            idx[n++] = i;
    }
    return n;
}

il_status il__iba_run_rough(iba_setup *S, const il_stack *stack, il_iba_spectrum **out,
                            il_error *err)
{
    size_t idx[MAX_ROUGH];
    int nr = il__iba_rough_layers(stack, idx);
    il_iba_spectrum *acc;
    il_status st = il__iba_spectrum_new(&S->o, &acc, err);
    if (st)
        return st;
    double t[MAX_ROUGH][N_Q];
    for (int r = 0; r < nr; r++) {
        const il_layer *l = il_stack_layer(stack, idx[r]);
        double d = l->thickness_nm, s = fmin(l->roughness_nm, d); /* sigma <= d, as SIMNRA */
        double shape = (d / s) * (d / s), scale = s * s / d;
        double mean = 0.0;
        for (int q = 0; q < N_Q; q++) {
            t[r][q] = gsl_cdf_gamma_Pinv((q + 0.5) / N_Q, shape, scale);
            mean += t[r][q] / N_Q;
        }
        /* the quantiles' mean falls a little short of d: rescale so the amount is kept */
        for (int q = 0; q < N_Q; q++)
            t[r][q] *= d / mean;
    }
    il_stack *c = NULL;
    if ((st = il_stack_clone(stack, &c, err)))
        goto done;
    int total = nr == 1 ? N_Q : N_Q * N_Q;
    for (int k = 0; k < total && !st; k++) {
        for (int r = 0; r < nr && !st; r++) {
            int q = r == 0 ? k % N_Q : k / N_Q;
            st = il_stack_set_thickness_nm(c, idx[r], fmax(t[r][q], 1e-6), err);
        }
        il_iba_spectrum *one = NULL;
        if (!st)
            st = il__iba_setup_restack(S, c, err);
        if (!st)
            st = il__iba_run(S, &one, err);
        if (!st)
            st = accumulate(acc, one, 1.0 / total, err);
        il_iba_spectrum_free(one);
    }
    /* the setup points at the caller's stack again */
    if (!st)
        st = il__iba_setup_restack(S, stack, err);
done:
    il_stack_free(c);
    IL_RETURN_BUILT(st, acc, il_iba_spectrum_free, out);
}
