/* The true and the measured sputter depth profile of one element of a stack. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/composition.h"
#include "interlayer/sputter.h"

il_status il_sputter_true_profile(const il_stack *s, int Z, int A, double dz_nm, size_t n,
                                  double *frac, il_error *err)
{
    if (!s || !frac || n == 0)
        return il_error_set(err, IL_ERR_INVALID, "il_sputter_true_profile: NULL argument");
    if (!(dz_nm > 0))
        return il_error_set(err, IL_ERR_INVALID, "sputter profile: depth step %g nm must be > 0",
                            dz_nm);
    size_t nl = il_stack_count(s);
    if (nl == 0)
        return il_error_set(err, IL_ERR_INVALID, "sputter profile: empty stack");
    /* each bin is the thickness-weighted mean over the layers it overlaps, so an interface
     * inside a bin is not moved to a bin edge */
    for (size_t i = 0; i < n; i++) {
        double a = i * dz_nm, b = (i + 1) * dz_nm, sum = 0, top = 0;
        for (size_t k = 0; k < nl && top < b; k++) {
            const il_layer *l = il_stack_layer(s, k);
            double bottom = l->is_substrate ? INFINITY : top + l->thickness_nm;
            if (k + 1 == nl)
                bottom = INFINITY; /* the last layer continues */
            double z0 = fmax(a, top), z1 = fmin(b, bottom);
            if (z1 > z0) {
                il_composition c;
                il_status st = il_layer_composition(l, &c, err);
                if (st)
                    return st;
                double atoms = il_composition_atoms(&c);
                double zz1 = l->is_substrate ? z1 - top : fmin(z1 - top, l->thickness_nm);
                double cnt = zz1 > z0 - top ? il_layer_count_at(l, Z, A, z0 - top, zz1)
                                            : il_composition_count(&c, Z, A);
                if (atoms > 0)
                    sum += (z1 - z0) * cnt / atoms;
            }
            top = bottom;
        }
        frac[i] = sum / dz_nm;
    }
    return IL_OK;
}

il_status il_sputter_profile(const il_stack *s, int Z, int A, const il_mri_params *p,
                             double dz_nm, size_t n, double *frac, il_error *err)
{
    double *c = malloc(n * sizeof(double));
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "sputter profile: out of memory");
    il_status st = il_sputter_true_profile(s, Z, A, dz_nm, n, c, err);
    if (!st)
        st = il_mri_convolve(p, dz_nm, c, n, frac, err);
    free(c);
    return st;
}
