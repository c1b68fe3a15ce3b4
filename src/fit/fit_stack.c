/* A stack fit's definition (include/interlayer/fit_stack.h): the stack, the terms (probe +
 * dataset + weight) and the parameters with their targets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "fit/fit_stack_priv.h"
#include "core/grow.h"

il_status il_fit_stack_new(const il_stack *s, il_fit_stack **out, il_error *err)
{
    *out = NULL;
    il_fit_stack *f = calloc(1, sizeof *f);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st = il_stack_clone(s, &f->base, err);
    IL_RETURN_BUILT(st, f, free, out);
}

void il_fit_stack_free(il_fit_stack *f)
{
    if (!f)
        return;
    for (size_t k = 0; k < f->n_terms; k++) {
        il_probe_free(f->terms[k].probe);
        free(f->terms[k].axis);
        free(f->terms[k].values);
        free(f->terms[k].sigma);
    }
    free(f->terms);
    free(f->params);
    free(f->targets);
    free(f->lower);
    free(f->upper);
    il_stack_free(f->base);
    free(f);
}

static double *copy(const double *x, size_t n)
{
    double *c = malloc(n * sizeof *c);
    if (c)
        memcpy(c, x, n * sizeof *c);
    return c;
}

il_status il_fit_stack_add_term(il_fit_stack *f, const char *name, const il_probe *probe,
                                const double *axis, const double *values, const double *sigma,
                                size_t n, double weight, il_error *err)
{
    if (!name)
        name = il_probe_name(probe);
    if (!*name || strlen(name) >= sizeof f->terms[0].name || strpbrk(name, ":."))
        return il_error_set(err, IL_ERR_INVALID,
                            "term '%s': a name needs 1..63 characters and no ':' or '.'", name);
    for (size_t k = 0; k < f->n_terms; k++)
        if (strcmp(f->terms[k].name, name) == 0)
            return il_error_set(err, IL_ERR_INVALID,
                                "term '%s': the name is taken; give each term its own", name);
    if (n == 0 || !axis || !values || !sigma)
        return il_error_set(err, IL_ERR_INVALID, "term '%s': no data", name);
    if (!(weight > 0 && isfinite(weight)))
        return il_error_set(err, IL_ERR_INVALID, "term '%s': weight %g, expected > 0", name,
                            weight);
    for (size_t i = 0; i < n; i++)
        if (!(sigma[i] > 0 && isfinite(sigma[i]) && isfinite(values[i]) && isfinite(axis[i])))
            return il_error_set(err, IL_ERR_INVALID,
                                "term '%s': point %zu (axis %g, value %g, sigma %g): expected "
                                "finite numbers and sigma > 0",
                                name, i, axis[i], values[i], sigma[i]);
    fs_term *t = IL_GROW_ONE_ZEROED(f->terms, f->n_terms, err);
    if (!t)
        return IL_ERR_NOMEM;
    snprintf(t->name, sizeof t->name, "%s", name);
    t->n = n;
    t->sqrt_weight = sqrt(weight);
    t->axis = copy(axis, n);
    t->values = copy(values, n);
    t->sigma = copy(sigma, n);
    il_status st = IL_OK;
    if (!t->axis || !t->values || !t->sigma)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = il_probe_clone(probe, &t->probe, err);
    if (st) {
        free(t->axis);
        free(t->values);
        free(t->sigma);
        return st;
    }
    f->n_terms++;
    return IL_OK;
}

static il_status find_param(const il_fit_stack *f, const char *name, size_t *i, il_error *err)
{
    for (*i = 0; *i < f->n_params; ++*i)
        if (strcmp(f->params[*i].name, name) == 0)
            return IL_OK;
    return il_error_set(err, IL_ERR_NOT_FOUND, "no fit parameter '%s'", name);
}

/* Adds the target for parameter `param`; set on the fit's own stack and probes at once, so an
 * impossible value (a negative thickness, a fraction above 1) is reported now. */
static il_status add_target(il_fit_stack *f, const char *text, size_t param, il_error *err)
{
    fs_target t;
    il_status st = il_fs_target_parse(f, text, &t, err);
    if (st)
        return st;
    t.param = param;
    il_probe **probes = malloc((f->n_terms + 1) * sizeof *probes);
    if (!probes)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < f->n_terms; k++)
        probes[k] = f->terms[k].probe;
    st = il_fs_target_apply(&t, f->params[param].value, f->base, probes, err);
    free(probes);
    if (st) {
        il_error_prefix(err, "fit target '%s' = %g: ", text, f->params[param].value);
        return st;
    }
    il_status gs = IL_GROW_ARRAY(f->targets, f->n_targets + 1, err);
    if (gs)
        return gs;
    f->targets[f->n_targets++] = t;
    return IL_OK;
}

il_status il_fit_stack_add_param(il_fit_stack *f, const char *name, const char *target,
                                 double start, double lower, double upper, size_t *index,
                                 il_error *err)
{
    if (!target)
        return il_error_set(err, IL_ERR_INVALID, "fit parameter without a target");
    if (!name)
        name = target;
    size_t dup;
    if (find_param(f, name, &dup, NULL) == IL_OK)
        return il_error_set(err, IL_ERR_INVALID, "fit parameter '%s' exists already", name);
    if (strlen(name) >= sizeof f->params[0].name)
        return il_error_set(err, IL_ERR_INVALID, "fit parameter '%s': name too long", name);
    int unbounded = isinf(lower) && isinf(upper) && lower < 0 && upper > 0;
    if (!isfinite(start) || (!unbounded && !(isfinite(lower) && isfinite(upper) && lower < upper &&
                                             start >= lower && start <= upper)))
        return il_error_set(err, IL_ERR_INVALID,
                            "fit parameter '%s': start %g, bounds [%g, %g]; expected lower < "
                            "upper (both finite, or -inf and +inf) and the start inside",
                            name, start, lower, upper);
    fs_param *p = IL_GROW_ONE_ZEROED(f->params, f->n_params, err);
    if (!p)
        return IL_ERR_NOMEM;
    snprintf(p->name, sizeof p->name, "%s", name);
    p->start = p->value = start;
    p->lower = lower;
    p->upper = upper;
    f->n_params++;
    il_status st = add_target(f, target, f->n_params - 1, err);
    if (st) {
        f->n_params--;
        return st;
    }
    if (index)
        *index = f->n_params - 1;
    return IL_OK;
}

il_status il_fit_stack_tie(il_fit_stack *f, const char *param, const char *target, il_error *err)
{
    size_t i;
    il_status st = find_param(f, param, &i, err);
    return st ? st : add_target(f, target, i, err);
}

il_status il_fit_stack_fix(il_fit_stack *f, const char *param, int fixed, double value,
                           il_error *err)
{
    size_t i;
    il_status st = find_param(f, param, &i, err);
    if (st)
        return st;
    fs_param *p = &f->params[i];
    if (fixed && !isfinite(value))
        return il_error_set(err, IL_ERR_INVALID, "fit parameter '%s': fixed at %g", param,
                            value);
    p->fixed = fixed != 0;
    p->value = fixed ? value : p->start;
    return IL_OK;
}

size_t il_fit_stack_n_free(const il_fit_stack *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_params; i++)
        n += !f->params[i].fixed;
    return n;
}

const char *il_fit_stack_free_name(const il_fit_stack *f, size_t k)
{
    for (size_t i = 0; i < f->n_params; i++)
        if (!f->params[i].fixed && k-- == 0)
            return f->params[i].name;
    return NULL;
}

size_t il_fit_stack_n_residuals(const il_fit_stack *f)
{
    size_t n = 0;
    for (size_t k = 0; k < f->n_terms; k++)
        n += f->terms[k].n;
    return n;
}
