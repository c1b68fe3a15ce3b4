/* Sums over a simulated spectrum that reports about it need. */
#include <string.h>

#include "interlayer/ndp_simulate.h"

void il_ndp_sim_layer_counts(const il_ndp_sim *s, const il_ndp_model *m, size_t l, double *alpha,
                             double *triton, double *total)
{
    size_t np = s->n_particles;
    double ca = 0, ct = 0, tot = 0;
    for (size_t p = 0; p < np; p++) {
        const il_ndp_particle *P = il_ndp_model_particle(m, p);
        double v = s->layer_particle[l * np + p];
        tot += v;
        /* the 6Li(n,a)3H pair; other reactions count in the total only */
        if (!strcmp(P->key, "alpha"))
            ca += v;
        if (!strcmp(P->key, "triton"))
            ct += v;
    }
    if (alpha)
        *alpha = ca;
    if (triton)
        *triton = ct;
    if (total)
        *total = tot;
}
