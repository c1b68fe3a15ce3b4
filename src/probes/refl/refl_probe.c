/* Reflectometry behind the probe interface (include/interlayer/probe.h): prepare turns the stack
 * into slabs through the stack bridge, forward runs the Abeles kernel (smeared or not). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/probe.h"
#include "interlayer/refl.h"
#include "interlayer/refl_stack.h"

enum { P_SCALE, P_BACKGROUND, P_DQ_OVER_Q, N_PARAMS };
static const char *const names[N_PARAMS] = {"scale", "background", "dq_over_q"};

typedef struct {
    il_refl_probe kind;
    il_refl_resolution res;
    double param[N_PARAMS];
    il_refl_slab *slabs;
    size_t nslabs;
    double *dq; /* per-point resolution (il_probe_refl_set_dq), NULL: dq_over_q */
    size_t ndq;
} refl_state;

static void refl_free(void *state)
{
    refl_state *s = state;
    if (!s)
        return;
    free(s->slabs);
    free(s->dq);
    free(s);
}

static il_status refl_prepare(void *state, const il_stack *stack, il_error *err)
{
    refl_state *s = state;
    il_refl_layer_model *L;
    size_t n;
    il_status st = il_refl_stack_layers(stack, &L, &n, err);
    if (st)
        return st;
    il_refl_slab *sl = realloc(s->slabs, n * sizeof *sl);
    if (!sl) {
        free(L);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    s->slabs = sl;
    s->nslabs = 0; /* not usable until every slab is filled */
    for (size_t j = 0; j < n && !st; j++) {
        double re = 0, im = 0;
        st = il_refl_layer_sld(&L[j], &s->kind, &re, &im, err);
        sl[j] = (il_refl_slab){L[j].thickness_A, re, im, L[j].roughness_A};
    }
    free(L);
    if (!st)
        s->nslabs = n;
    return st;
}

static il_status refl_forward(void *state, const double *axis, size_t n, double *signal,
                              il_error *err)
{
    refl_state *s = state;
    double scale = s->param[P_SCALE], bg = s->param[P_BACKGROUND];
    if (s->dq) {
        if (n != s->ndq)
            return il_error_set(err, IL_ERR_INVALID,
                                "%zu Q values but %zu resolution widths (il_probe_refl_set_dq)",
                                n, s->ndq);
        return il_refl_smeared(s->slabs, s->nslabs, axis, s->dq, n, &s->res, scale, bg, signal,
                               NULL, err);
    }
    if (s->param[P_DQ_OVER_Q] > 0) {
        il_refl_resolution res = s->res;
        res.dq_over_q = s->param[P_DQ_OVER_Q];
        return il_refl_smeared(s->slabs, s->nslabs, axis, NULL, n, &res, scale, bg, signal, NULL,
                               err);
    }
    return il_refl_reflectivity(s->slabs, s->nslabs, axis, n, scale, bg, signal, err);
}

/* R is linear in scale and background: dR/dscale = (R - bg) / scale = |r|² (smeared), and
 * dR/dbackground = 1. */
static il_status refl_jacobian(void *state, const char *param, const double *axis, size_t n,
                               double *d, il_error *err)
{
    refl_state *s = state;
    if (strcmp(param, names[P_BACKGROUND]) == 0) {
        for (size_t i = 0; i < n; i++)
            d[i] = 1.0;
        return IL_OK;
    }
    if (strcmp(param, names[P_SCALE]) != 0)
        return il_error_set(err, IL_ERR_NOT_FOUND, "no analytic derivative for '%s'", param);
    double keep[N_PARAMS];
    memcpy(keep, s->param, sizeof keep);
    s->param[P_SCALE] = 1.0;
    s->param[P_BACKGROUND] = 0.0;
    il_status st = refl_forward(state, axis, n, d, err);
    memcpy(s->param, keep, sizeof keep);
    return st;
}

static il_status refl_clone(const void *state, void **out, il_error *err)
{
    const refl_state *s = state;
    refl_state *c = calloc(1, sizeof *c);
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    c->kind = s->kind;
    c->res = s->res;
    memcpy(c->param, s->param, sizeof c->param);
    if (s->dq) {
        c->dq = malloc(s->ndq * sizeof *c->dq);
        if (!c->dq) {
            free(c);
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        }
        memcpy(c->dq, s->dq, s->ndq * sizeof *c->dq);
        c->ndq = s->ndq;
    }
    *out = c;
    return IL_OK;
}

static double refl_get(const void *state, size_t i)
{
    return ((const refl_state *)state)->param[i];
}

static il_status refl_set(void *state, size_t i, double v, il_error *err)
{
    /* a negative scale or resolution width has no meaning; a negative background is allowed
     * (data with a subtracted background) */
    if (i != P_BACKGROUND && !(v >= 0))
        return il_error_set(err, IL_ERR_INVALID, "parameter '%s' = %g, expected >= 0", names[i],
                            v);
    ((refl_state *)state)->param[i] = v;
    return IL_OK;
}

static const il_probe_ops refl_ops = {
    .name = "refl",
    .prepare = refl_prepare,
    .forward = refl_forward,
    .jacobian = refl_jacobian,
    .clone = refl_clone,
    .free = refl_free,
    .n_params = N_PARAMS,
    .param_names = names,
    .get_param = refl_get,
    .set_param = refl_set,
};

il_status il_probe_refl_new(const il_refl_probe *kind, const il_refl_resolution *res,
                            double dq_over_q, double scale, double background, il_probe **out,
                            il_error *err)
{
    *out = NULL;
    if (!kind)
        return il_error_set(err, IL_ERR_INVALID, "refl: no radiation given (il_refl_probe)");
    if (!(isfinite(dq_over_q) && dq_over_q >= 0 && isfinite(scale) && scale >= 0 &&
          isfinite(background)))
        return il_error_set(err, IL_ERR_INVALID,
                            "refl: dq_over_q = %g, scale = %g, background = %g; expected finite "
                            "values, dq_over_q and scale >= 0",
                            dq_over_q, scale, background);
    refl_state *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->kind = *kind;
    if (res)
        s->res = *res;
    else
        il_refl_resolution_init(&s->res);
    s->param[P_SCALE] = scale;
    s->param[P_BACKGROUND] = background;
    s->param[P_DQ_OVER_Q] = dq_over_q;
    return il_probe_new(&refl_ops, s, out, err);
}

il_status il_probe_refl_set_dq(il_probe *p, const double *dq_invA, size_t n, il_refl_dq_kind kind,
                               il_error *err)
{
    if (il_probe_get_ops(p) != &refl_ops)
        return il_error_set(err, IL_ERR_INVALID, "%s: not a reflectivity probe",
                            il_probe_name(p));
    refl_state *s = il_probe_state(p);
    double *dq = NULL;
    if (dq_invA && n > 0) {
        for (size_t i = 0; i < n; i++)
            if (!(isfinite(dq_invA[i]) && dq_invA[i] >= 0))
                return il_error_set(err, IL_ERR_INVALID,
                                    "refl: resolution width %zu = %g, expected finite >= 0", i,
                                    dq_invA[i]);
        dq = malloc(n * sizeof *dq);
        if (!dq)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        memcpy(dq, dq_invA, n * sizeof *dq);
    }
    free(s->dq);
    s->dq = dq;
    s->ndq = dq ? n : 0;
    s->res.kind = kind;
    return IL_OK;
}
