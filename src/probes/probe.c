/* The common probe interface (include/interlayer/probe.h): a technique's ops table over its
 * opaque state, plus named parameters and a finite-difference fallback for the Jacobian. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/probe.h"

struct il_probe {
    const il_probe_ops *ops;
    void *state;
    int prepared; /* forward before prepare is an error, not a crash inside a technique */
};

il_status il_probe_new(const il_probe_ops *ops, void *state, il_probe **out, il_error *err)
{
    *out = NULL;
    if (!ops || !ops->name || !ops->prepare || !ops->forward || !ops->clone || !ops->free ||
        (ops->n_params > 0 && (!ops->param_names || !ops->get_param || !ops->set_param))) {
        if (ops && ops->free && state)
            ops->free(state);
        return il_error_set(err, IL_ERR_INVALID,
                            "probe: the ops table needs name, prepare, forward, clone, free "
                            "(and names, get and set for its parameters)");
    }
    il_probe *p = calloc(1, sizeof *p);
    if (!p) {
        ops->free(state);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    p->ops = ops;
    p->state = state;
    *out = p;
    return IL_OK;
}

void il_probe_free(il_probe *p)
{
    if (!p)
        return;
    p->ops->free(p->state);
    free(p);
}

il_status il_probe_clone(const il_probe *p, il_probe **out, il_error *err)
{
    *out = NULL;
    void *state = NULL;
    il_status st = p->ops->clone(p->state, &state, err);
    if (st)
        return st;
    /* a clone starts unprepared: the technique need not copy what prepare rebuilds */
    return il_probe_new(p->ops, state, out, err);
}

const char *il_probe_name(const il_probe *p) { return p->ops->name; }
const il_probe_ops *il_probe_get_ops(const il_probe *p) { return p->ops; }
void *il_probe_state(il_probe *p) { return p->state; }

il_status il_probe_prepare(il_probe *p, const il_stack *s, il_error *err)
{
    p->prepared = 0;
    il_status st = p->ops->prepare(p->state, s, err);
    if (st)
        il_error_prefix(err, "%s: ", p->ops->name);
    else
        p->prepared = 1;
    return st;
}

il_status il_probe_forward(il_probe *p, const double *axis, size_t n, double *signal,
                           il_error *err)
{
    if (!p->prepared)
        return il_error_set(err, IL_ERR_INVALID, "%s: forward before prepare (no stack yet)",
                            p->ops->name);
    il_status st = p->ops->forward(p->state, axis, n, signal, err);
    if (st)
        il_error_prefix(err, "%s: ", p->ops->name);
    return st;
}

size_t il_probe_param_count(const il_probe *p) { return p->ops->n_params; }

const char *il_probe_param_name(const il_probe *p, size_t i)
{
    return i < p->ops->n_params ? p->ops->param_names[i] : NULL;
}

il_status il_probe_param_index(const il_probe *p, const char *name, size_t *index, il_error *err)
{
    for (size_t i = 0; i < p->ops->n_params; i++)
        if (strcmp(p->ops->param_names[i], name) == 0) {
            *index = i;
            return IL_OK;
        }
    char known[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < p->ops->n_params && len < sizeof known; i++) {
        int w = snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
                         p->ops->param_names[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return il_error_set(err, IL_ERR_NOT_FOUND, "%s: no parameter '%s' (known: %s)",
                        p->ops->name, name, p->ops->n_params ? known : "none");
}

il_status il_probe_get(const il_probe *p, const char *name, double *value, il_error *err)
{
    size_t i;
    il_status st = il_probe_param_index(p, name, &i, err);
    if (!st)
        *value = p->ops->get_param(p->state, i);
    return st;
}

il_status il_probe_set(il_probe *p, const char *name, double value, il_error *err)
{
    size_t i;
    il_status st = il_probe_param_index(p, name, &i, err);
    if (st)
        return st;
    if (!isfinite(value))
        return il_error_set(err, IL_ERR_INVALID, "%s: parameter '%s' = %g is not finite",
                            p->ops->name, name, value);
    st = p->ops->set_param(p->state, i, value, err);
    if (st)
        il_error_prefix(err, "%s: ", p->ops->name);
    return st;
}

il_status il_probe_jacobian(il_probe *p, const char *param, const double *axis, size_t n,
                            double *dsignal, il_error *err)
{
    size_t i;
    il_status st = il_probe_param_index(p, param, &i, err);
    if (st)
        return st;
    if (p->ops->jacobian) {
        il_error e2 = {0};
        st = p->ops->jacobian(p->state, param, axis, n, dsignal, &e2);
        if (st != IL_ERR_NOT_FOUND) {
            if (st && err)
                *err = e2;
            return st;
        }
    }
    if (!p->prepared)
        return il_error_set(err, IL_ERR_INVALID, "%s: jacobian before prepare (no stack yet)",
                            p->ops->name);
    /* central differences: O(h²) truncation, h relative so that it scales with the value */
    double v0 = p->ops->get_param(p->state, i);
    double h = 1e-6 * fmax(fabs(v0), 1e-6);
    double *lo = malloc((n ? n : 1) * sizeof *lo);
    if (!lo)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    st = p->ops->set_param(p->state, i, v0 - h, err);
    if (!st)
        st = p->ops->forward(p->state, axis, n, lo, err);
    if (!st)
        st = p->ops->set_param(p->state, i, v0 + h, err);
    if (!st)
        st = p->ops->forward(p->state, axis, n, dsignal, err);
    il_status st2 = p->ops->set_param(p->state, i, v0, NULL);
    if (!st && st2)
        st = il_error_set(err, st2, "%s: could not restore '%s'", p->ops->name, param);
    if (!st)
        for (size_t k = 0; k < n; k++)
            dsignal[k] = (dsignal[k] - lo[k]) / (2.0 * h);
    free(lo);
    return st;
}
