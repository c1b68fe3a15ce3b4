/* IBA behind the probe interface (include/interlayer/probe.h): prepare keeps a copy of the
 * stack, forward simulates the spectrum (il_iba_simulate) with the probe's parameters and
 * returns the channels the axis names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/iba.h"
#include "interlayer/probe.h"
#include "probes/iba/iba_priv.h"
#include "probes/iba/iba_spectrum_priv.h"

enum { P_SCALE, P_OFFSET, P_GAIN, P_QUAD, P_RESOLUTION, P_SPREAD, N_PARAMS };
static const char *const names[N_PARAMS] = {"scale",        "cal_offset_keV", "cal_gain_keV",
                                            "cal_quad_keV", "resolution_keV", "spread_keV"};

typedef struct {
    il_iba_options o; /* sigma tables and foil arrays: the caller's, outliving the probe */
    double param[N_PARAMS];
    il_stack *stack;
    iba_setup *setup; /* stopping tables of the stack's materials, kept while only thicknesses
                         change (a fit's usual step) */
} iba_state;

static void iba_free(void *state)
{
    iba_state *s = state;
    if (!s)
        return;
    il__iba_setup_free(s->setup);
    il_stack_free(s->stack);
    free(s);
}

static il_status iba_prepare(void *state, const il_stack *stack, il_error *err)
{
    iba_state *s = state;
    il_stack *c;
    il_status st = il_stack_clone(stack, &c, err);
    if (st)
        return st;
    /* the old setup points into the old stack: repoint it, or build a new one */
    if (s->setup && il__iba_setup_restack(s->setup, c, NULL) != IL_OK) {
        il__iba_setup_free(s->setup);
        s->setup = NULL;
    }
    if (!s->setup && (st = il__iba_setup_new(c, &s->o, &s->setup, err))) {
        il_stack_free(c);
        il_stack_free(s->stack);
        s->stack = NULL;
        return st;
    }
    il_stack_free(s->stack);
    s->stack = c;
    return IL_OK;
}

static il_status iba_forward(void *state, const double *axis, size_t n, double *signal,
                             il_error *err)
{
    iba_state *s = state;
    double top = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!(axis[i] >= 0.0 && axis[i] == floor(axis[i]) && axis[i] < 1048576.0))
            return il_error_set(err, IL_ERR_INVALID, "iba: axis value %g is not a channel "
                                "number (a whole number >= 0)", axis[i]);
        top = fmax(top, axis[i]);
    }
    if (!s->setup)
        return il_error_set(err, IL_ERR_INVALID, "iba: probe not prepared");
    /* what the parameters change does not enter the stopping tables */
    il_iba_options *o = &s->setup->o;
    o->channels = (size_t)top + 1;
    o->fluence = s->o.fluence * s->param[P_SCALE];
    o->cal_offset_keV = s->param[P_OFFSET];
    o->cal_gain_keV = s->param[P_GAIN];
    o->cal_quad_keV = s->param[P_QUAD];
    o->resolution_keV = s->param[P_RESOLUTION];
    o->energy_spread_keV = s->param[P_SPREAD];
    if (!(o->cal_gain_keV + 2.0 * o->cal_quad_keV * top > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "iba: calibration falls before channel %g",
                            top);
    il_iba_spectrum *sp;
    size_t idx[2];
    il_status st = il__iba_rough_layers(s->stack, idx)
                       ? il__iba_run_rough(s->setup, s->stack, &sp, err)
                       : il__iba_run(s->setup, &sp, err);
    if (!st && (st = il__iba_finish(o, sp, err)))
        il_iba_spectrum_free(sp);
    if (st)
        return st;
    const double *y = il_iba_spectrum_total(sp);
    for (size_t i = 0; i < n; i++)
        signal[i] = y[(size_t)axis[i]];
    il_iba_spectrum_free(sp);
    return IL_OK;
}

static il_status iba_clone(const void *state, void **out, il_error *err)
{
    const iba_state *s = state;
    iba_state *c = malloc(sizeof *c);
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    *c = *s;
    c->stack = NULL;
    c->setup = NULL;
    *out = c;
    return IL_OK;
}

static double iba_get(const void *state, size_t i)
{
    return ((const iba_state *)state)->param[i];
}

static il_status iba_set(void *state, size_t i, double v, il_error *err)
{
    iba_state *s = state;
    int ok = isfinite(v) && (i == P_OFFSET || i == P_QUAD || v > 0.0 ||
                             ((i == P_RESOLUTION || i == P_SPREAD) && v >= 0.0));
    if (!ok)
        return il_error_set(err, IL_ERR_INVALID, "iba: %s = %g is not allowed", names[i], v);
    s->param[i] = v;
    return IL_OK;
}

static const il_probe_ops iba_ops = {
    .name = "iba",
    .prepare = iba_prepare,
    .forward = iba_forward,
    .clone = iba_clone,
    .free = iba_free,
    .n_params = N_PARAMS,
    .param_names = names,
    .get_param = iba_get,
    .set_param = iba_set,
};

il_status il_probe_iba_new(const il_iba_options *o, il_probe **out, il_error *err)
{
    *out = NULL;
    iba_state *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->o = *o;
    s->param[P_SCALE] = 1.0;
    s->param[P_OFFSET] = o->cal_offset_keV;
    s->param[P_GAIN] = o->cal_gain_keV;
    s->param[P_QUAD] = o->cal_quad_keV;
    s->param[P_RESOLUTION] = o->resolution_keV;
    s->param[P_SPREAD] = o->energy_spread_keV;
    return il_probe_new(&iba_ops, s, out, err);
}
