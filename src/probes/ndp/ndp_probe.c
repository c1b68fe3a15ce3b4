/* NDP behind the probe interface (include/interlayer/probe.h): prepare builds the forward model
 * of the stack, forward reads its expected spectrum at the channels asked for. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/probe.h"

enum { P_CALIBRATION, P_BACKGROUND, N_PARAMS };
static const char *const names[N_PARAMS] = {"calibration", "background_scale"};

typedef struct {
    il_ndp_instrument ins;
    double param[N_PARAMS];
    il_ndp_model *model;
    il_ndp_sim *sim; /* the model's spectrum, made on the first forward after a prepare */
} ndp_state;

static void ndp_free(void *state)
{
    ndp_state *s = state;
    if (!s)
        return;
    il_ndp_sim_free(s->sim);
    il_ndp_model_free(s->model);
    free(s);
}

static il_status ndp_prepare(void *state, const il_stack *stack, il_error *err)
{
    ndp_state *s = state;
    il_ndp_sim_free(s->sim);
    il_ndp_model_free(s->model);
    s->sim = NULL;
    s->model = NULL;
    return il_ndp_model_new(stack, &s->ins, &s->model, err);
}

static il_status ndp_forward(void *state, const double *axis, size_t n, double *signal,
                             il_error *err)
{
    ndp_state *s = state;
    if (!s->sim) {
        il_status st = il_ndp_simulate(s->model, 0, NULL, &s->sim, err);
        if (st)
            return st;
    }
    const il_ndp_sim *r = s->sim;
    for (size_t i = 0; i < n; i++) {
        double c = axis[i];
        if (!(c >= 0 && c < (double)r->n_channels && c == floor(c)))
            return il_error_set(err, IL_ERR_RANGE,
                                "axis point %zu: channel %g is not a whole number in 0..%zu", i,
                                c, r->n_channels - 1);
        size_t ch = (size_t)c;
        double bkg = r->background[ch];
        signal[i] = s->param[P_CALIBRATION] * (r->counts[ch] - bkg) +
                    s->param[P_BACKGROUND] * bkg;
    }
    return IL_OK;
}

static il_status ndp_clone(const void *state, void **out, il_error *err)
{
    const ndp_state *s = state;
    ndp_state *c = calloc(1, sizeof *c);
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    c->ins = s->ins;
    memcpy(c->param, s->param, sizeof c->param);
    /* the model is immutable and cheap to rebuild; a clone is prepared again by its owner, so
     * rebuilding here keeps clones independent without a reference count */
    *out = c;
    return IL_OK;
}

static double ndp_get(const void *state, size_t i) { return ((const ndp_state *)state)->param[i]; }

static il_status ndp_set(void *state, size_t i, double v, il_error *err)
{
    if (!(v >= 0))
        return il_error_set(err, IL_ERR_INVALID, "parameter '%s' = %g, expected >= 0", names[i],
                            v);
    ((ndp_state *)state)->param[i] = v;
    return IL_OK;
}

/* The signal is linear in both parameters: the derivatives are the two parts of the spectrum. */
static il_status ndp_jacobian(void *state, const char *param, const double *axis, size_t n,
                              double *d, il_error *err)
{
    ndp_state *s = state;
    int cal = strcmp(param, names[P_CALIBRATION]) == 0;
    if (!cal && strcmp(param, names[P_BACKGROUND]) != 0)
        return il_error_set(err, IL_ERR_NOT_FOUND, "no analytic derivative for '%s'", param);
    double keep[N_PARAMS];
    memcpy(keep, s->param, sizeof keep);
    s->param[P_CALIBRATION] = cal ? 1.0 : 0.0;
    s->param[P_BACKGROUND] = cal ? 0.0 : 1.0;
    il_status st = ndp_forward(state, axis, n, d, err);
    memcpy(s->param, keep, sizeof keep);
    return st;
}

static const il_probe_ops ndp_ops = {
    .name = "ndp",
    .prepare = ndp_prepare,
    .forward = ndp_forward,
    .jacobian = ndp_jacobian,
    .clone = ndp_clone,
    .free = ndp_free,
    .n_params = N_PARAMS,
    .param_names = names,
    .get_param = ndp_get,
    .set_param = ndp_set,
};

il_status il_probe_ndp_new(const il_ndp_instrument *ins, il_probe **out, il_error *err)
{
    *out = NULL;
    il_status st = il_ndp_instrument_check(ins, err);
    if (st)
        return st;
    ndp_state *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->ins = *ins;
    s->param[P_CALIBRATION] = 1.0;
    s->param[P_BACKGROUND] = 1.0;
    return il_probe_new(&ndp_ops, s, out, err);
}
