/* Bridge from the NDP model to the stopping engine (see ndp_exit.h for why it is separate). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/stack_stopping.h"
#include "interlayer/stopping.h"
#include "probes/ndp/ndp_exit.h"

il_status ndp_sample_make(const il_stack *stack, const int *need, il_stack_stopping **ss,
                          il_error *err)
{
    for (int i = 0; i < IL_ION_COUNT; i++)
        ss[i] = NULL;
    for (int i = 0; i < IL_ION_COUNT; i++) {
        if (!need[i])
            continue;
        /* NDP has always used the default straggling model of il_stopping_target (Yang). */
        il_status st = il_stack_stopping_new(stack, (il_ion)i, IL_STRAG_YANG, &ss[i], err);
        if (st)
            return st;
    }
    return IL_OK;
}

void ndp_sample_free(il_stack_stopping **ss)
{
    for (int i = 0; i < IL_ION_COUNT; i++) {
        il_stack_stopping_free(ss[i]);
        ss[i] = NULL;
    }
}

il_status ndp_medium_make(const il_formula *f, const int *need, ndp_medium *md, il_error *err)
{
    for (int i = 0; i < IL_ION_COUNT; i++) {
        if (!need[i])
            continue;
        il_status st = il_formula_stopping_new(f, 1.0, (il_ion)i, IL_STRAG_YANG, &md->s[i], err);
        if (st)
            return st;
    }
    return IL_OK;
}

void ndp_medium_free(ndp_medium *md)
{
    for (int i = 0; i < IL_ION_COUNT; i++) {
        il_stopping_free(md->s[i]);
        md->s[i] = NULL;
    }
}

double ndp_range_nm(const il_slab *slab, double E0)
{
    double r;
    if (!slab->stopping || il_stopping_range_tfu(slab->stopping, E0, &r, NULL) != IL_OK)
        return NAN;
    return il_tfu_to_nm(r, slab->atoms_cm3);
}

il_status ndp_exit_curve(const il_slab *lay, size_t n, double E0, double theta,
                         const double *depth, size_t m, double *E, double *S, il_error *err)
{
    il_beam *b = malloc(m * sizeof *b);
    if (!b)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st = il_depth_energy_curve(lay, n, E0, theta, depth, m, b, err);
    for (size_t i = 0; i < m && !st; i++) {
        E[i] = b[i].E_keV;
        S[i] = b[i].sigma_keV;
    }
    free(b);
    return st;
}
