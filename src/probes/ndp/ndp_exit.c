/* Bridge from the NDP model to the stopping engine (see ndp_exit.h for why it is separate). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/stopping.h"
#include "probes/ndp/ndp_exit.h"

int ndp_ion_index(int Z, int A)
{
    if (Z == 1 && A == 1)
        return IL_ION_P;
    if (Z == 1 && A == 2)
        return IL_ION_D;
    if (Z == 1 && A == 3)
        return IL_ION_T;
    if (Z == 2 && A == 3)
        return IL_ION_HE3;
    if (Z == 2 && A == 4)
        return IL_ION_ALPHA;
    return -1;
}

il_status ndp_medium_make(const il_formula *f, double factor, const int *need, ndp_medium *md,
                          il_error *err)
{
    int Z[IL_FORMULA_MAX];
    double at[IL_FORMULA_MAX];
    il_stopping_target t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < f->n; i++) {
        Z[i] = f->Z[i];
        at[i] = f->count[i];
    }
    t.Z = Z;
    t.atoms = at;
    t.n = f->n;
    t.factor = factor;
    for (int i = 0; i < NDP_N_IONS; i++) {
        if (!need[i])
            continue;
        il_status st = il_stopping_new((il_ion)i, &t, &md->s[i], err);
        if (st)
            return st;
    }
    return IL_OK;
}

void ndp_medium_free(ndp_medium *md)
{
    for (int i = 0; i < NDP_N_IONS; i++) {
        il_stopping_free(md->s[i]);
        md->s[i] = NULL;
    }
}

double ndp_range_nm(const ndp_medium *md, int ion, double E0)
{
    double r;
    if (ion < 0 || !md->s[ion] || il_stopping_range_tfu(md->s[ion], E0, &r, NULL) != IL_OK)
        return NAN;
    return il_tfu_to_nm(r, md->atoms_cm3);
}

il_status ndp_exit_curve(const ndp_exit_layer *lay, size_t n, int ion, double E0, double theta,
                         const double *depth, size_t m, double *E, double *S, il_error *err)
{
    il_slab *L = malloc(n * sizeof *L);
    il_beam *b = malloc(m * sizeof *b);
    if (!L || !b) {
        free(L), free(b);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        L[i].stopping = lay[i].md->s[ion];
        L[i].atoms_cm3 = lay[i].md->atoms_cm3;
        L[i].thickness_nm = lay[i].thickness_nm;
    }
    il_status st = il_depth_energy_curve(L, n, E0, theta, depth, m, b, err);
    for (size_t i = 0; i < m && !st; i++) {
        E[i] = b[i].E_keV;
        S[i] = b[i].sigma_keV;
    }
    free(L), free(b);
    return st;
}
