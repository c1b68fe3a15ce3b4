/* The embedded ORSO validation suite (see il_refl_validate in refl.h). */
#include <math.h>
#include <stdlib.h>

#include "probes/refl/refl_kernel.h"
#include "probes/refl/refl_tables.h"

static const double tolerance[IL_REFL_ORSO_CASES] = {1e-10, 8e-5, 1e-10, 8e-5,
                                                     1e-5,  1e-5, 1e-10, 1e-10};

static il_status run_case(int t, il_refl_validation *v, il_error *err)
{
    size_t ns = 0, np = 0, s0 = 0, p0 = 0;
    for (size_t i = 0; i < il_tab_orso_layers_count; i++)
        if (il_tab_orso_layers[i].test == t) {
            if (ns++ == 0)
                s0 = i;
        }
    for (size_t i = 0; i < il_tab_orso_points_count; i++)
        if (il_tab_orso_points[i].test == t) {
            if (np++ == 0)
                p0 = i;
        }
    il_refl_slab *s = malloc(ns * sizeof *s);
    double *q = malloc(np * sizeof *q), *dq = malloc(np * sizeof *dq);
    double *r = malloc(np * sizeof *r);
    il_status st = IL_OK;
    if (!s || !q || !dq || !r) {
        st = il_error_set(err, IL_ERR_NOMEM, "validation: out of memory");
        goto done;
    }
    for (size_t j = 0; j < ns; j++) {
        const il_row_orso_layer *L = &il_tab_orso_layers[s0 + j];
        s[j] = (il_refl_slab){L->thickness_A, L->sld_1e6, L->isld_1e6, L->roughness_A};
    }
    for (size_t i = 0; i < np; i++) {
        q[i] = il_tab_orso_points[p0 + i].q_invA;
        dq[i] = il_tab_orso_points[p0 + i].dq_sigma_invA;
    }
    v->test = t;
    v->nslabs = ns;
    v->npoints = np;
    v->smeared = t == 4 || t == 5;
    if (v->smeared) {
        il_refl_resolution res;
        il_refl_resolution_init(&res);
        res.kind = IL_REFL_DQ_SIGMA;
        res.truncate_sigma = 3.5;
        res.renormalise = 0;
        res.tol = 1e-9;
        st = il_refl_smeared(s, ns, q, dq, np, &res, 1.0, 0.0, r, NULL, err);
    } else {
        st = il_refl_reflectivity(s, ns, q, np, 1.0, 0.0, r, err);
    }
    if (st)
        goto done;
    double w = 0.0;
    for (size_t i = 0; i < np; i++) {
        double ref = il_tab_orso_points[p0 + i].r, e = fabs(r[i] - ref) / fabs(ref);
        if (!(e <= w))
            w = e;
    }
    v->worst_rel_error = w;
    v->tolerance = tolerance[t];
    v->pass = w <= tolerance[t];
done:
    free(s);
    free(q);
    free(dq);
    free(r);
    return st;
}

il_status il_refl_validate(il_refl_validation out[IL_REFL_ORSO_CASES], il_error *err)
{
    for (int t = 0; t < IL_REFL_ORSO_CASES; t++) {
        il_status st = run_case(t, &out[t], err);
        if (st)
            return st;
    }
    return IL_OK;
}
