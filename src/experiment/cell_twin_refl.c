/* The twin's reflectometry (cell_twin.h): a saved state's SLD profile, sliced, through the
 * reflectivity kernel with resolution smearing. The profile already carries the interfaces'
 * erf widths, so the slices themselves are sharp. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/cell_twin.h"
#include "interlayer/refl.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/refl_stack.h"

void il_cell_twin_refl_options_default(il_cell_twin_refl_options *o)
{
    memset(o, 0, sizeof *o);
    o->probe.probe = IL_REFL_NEUTRON;
    o->q_min_invA = 0.005;
    o->q_max_invA = 0.15;
    o->n_q = 200;
    o->dq_over_q = 0.03;
    o->slice_nm = 2.0;
    o->incident_cps = 1e5;
    o->q_ref_invA = 0.1;
    o->time_per_point_s = 10;
    o->background_R = 1e-7;
    o->seed = 1;
}

il_status il_cell_twin_refl_sample(const double *q, const double *R, size_t n,
                                   const il_cell_twin_refl_options *o, uint64_t seed,
                                   double *R_out, double *dR_out, il_error *err)
{
    if (!(o->incident_cps > 0) || !(o->q_ref_invA > 0) || !(o->time_per_point_s > 0) ||
        !(o->background_R >= 0))
        return il_error_set(err, IL_ERR_INVALID, "twin reflectometry counting: incident rate, "
                                                 "reference Q and time per point > 0, "
                                                 "background >= 0");
    double *expect = calloc(2 * (n ? n : 1), sizeof *expect), *counts = expect + (n ? n : 1);
    if (!expect)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        double x = q[i] / o->q_ref_invA;
        expect[i] = (fmax(R[i], 0) + o->background_R) * o->incident_cps * x * x *
                    o->time_per_point_s;
    }
    il_status st = il_ndp_poisson_sample(expect, n, seed, counts, err);
    for (size_t i = 0; !st && i < n; i++) {
        double x = q[i] / o->q_ref_invA;
        double monitor = o->incident_cps * x * x * o->time_per_point_s; /* counts at R = 1 */
        R_out[i] = counts[i] / monitor - o->background_R;
        dR_out[i] = sqrt(fmax(counts[i], 1)) / monitor;
    }
    free(expect);
    return st;
}

il_status il_cell_twin_reflectivity(const il_cell_result *r, size_t k,
                                    const il_cell_twin_refl_options *o, double *q, double *R,
                                    il_error *err)
{
    if (!(o->slice_nm >= 0.05) || o->n_q < 2 || !(o->q_min_invA > 0) ||
        !(o->q_max_invA > o->q_min_invA) || !(o->dq_over_q >= 0))
        return il_error_set(err, IL_ERR_INVALID, "twin reflectometry: slice >= 0.05 nm, two Q "
                                                 "points or more, 0 < q_min < q_max, dQ/Q >= 0");
    il_stack *s = NULL;
    il_status st = il_cell_result_state_stack(r, k, &s, err);
    if (st)
        return st;
    double total_nm = il_stack_thickness_nm(s);
    size_t n = (size_t)ceil(total_nm / o->slice_nm);
    if (n < 1)
        n = 1;
    if (n > 200000) {
        il_stack_free(s);
        return il_error_set(err, IL_ERR_RANGE, "twin reflectometry: %zu slices of %g nm; take "
                            "thicker slices", n, o->slice_nm);
    }
    double dz_A = total_nm * 10 / (double)n;
    double *z = malloc((n + 1) * sizeof *z), *re = malloc((n + 1) * sizeof *re),
           *im = malloc((n + 1) * sizeof *im);
    il_refl_slab *slabs = malloc((n + 2) * sizeof *slabs);
    if (!z || !re || !im || !slabs) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < n; j++)
        z[j] = ((double)j + 0.5) * dz_A;
    z[n] = total_nm * 10 + 1e4; /* deep in the substrate */
    if ((st = il_refl_stack_profile(s, &o->probe, z, n + 1, re, im, err)))
        goto done;
    slabs[0] = (il_refl_slab){0, 0, 0, 0};
    for (size_t j = 0; j < n; j++)
        slabs[j + 1] = (il_refl_slab){dz_A, re[j], im[j], 0};
    slabs[n + 1] = (il_refl_slab){0, re[n], im[n], 0};
    for (size_t i = 0; i < o->n_q; i++)
        q[i] = o->q_min_invA + (o->q_max_invA - o->q_min_invA) * (double)i / (double)(o->n_q - 1);
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.dq_over_q = o->dq_over_q;
    /* a um-thick cell has fringes far finer than the resolution (period 2 pi / 3.3 um = 2e-4
     * 1/A): the automatic quadrature chases them and does not converge; a fixed 257-point rule
     * over the Gaussian (several points per fringe) gives the smeared curve to ~1e-3 */
    res.points = 257;
    st = il_refl_smeared(slabs, n + 2, q, NULL, o->n_q, &res, 1.0, 0.0, R, NULL, err);
done:
    free(z), free(re), free(im), free(slabs);
    il_stack_free(s);
    if (st)
        il_error_prefix(err, "saved state %zu: ", k + 1);
    return st;
}
