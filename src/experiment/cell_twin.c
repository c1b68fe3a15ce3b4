/* The twin's spectra (cell_twin.h): each saved state of a cell run becomes a stack, the stack
 * an NDP model, the model an expected spectrum; acquisitions average the two states that bound
 * them and are Poisson sampled. */
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/options_or_default.h"
#include "interlayer/cell_twin.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"

void il_cell_twin_options_default(il_cell_twin_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->poisson = 1;
}

/* Expected counts of saved state k, scaled to the instrument's live time. */
static il_status expected(const il_cell_result *r, size_t k, const il_ndp_instrument *ins,
                          double *out, il_error *err)
{
    il_stack *s = NULL;
    il_ndp_model *m = NULL;
    il_ndp_sim *sim = NULL;
    il_status st = il_cell_result_state_stack(r, k, &s, err);
    if (!st)
        st = il_ndp_model_new(s, ins, &m, err);
    if (!st)
        st = il_ndp_simulate(m, 0, NULL, &sim, err);
    if (!st)
        memcpy(out, sim->counts, sim->n_channels * sizeof *out);
    il_ndp_sim_free(sim);
    il_ndp_model_free(m);
    il_stack_free(s);
    if (st)
        il_error_prefix(err, "saved state %zu: ", k + 1);
    return st;
}

il_status il_cell_twin_run(const il_cell_result *r, const il_ndp_instrument *ins,
                           const il_cell_twin_options *opt, il_cell_twin **out, il_error *err)
{
    *out = NULL;
    il_cell_twin_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_cell_twin_options_default);
    size_t ns = il_cell_result_n_states(r);
    if (ns < 2)
        return il_error_set(err, IL_ERR_INVALID,
                            "the twin needs two saved states or more (save every live time)");
    il_status st = il_ndp_instrument_check(ins, err);
    if (st)
        return st;
    size_t nch = (size_t)ins->channels;
    il_cell_twin *t = calloc(1, sizeof *t);
    double *a = malloc(nch * sizeof *a), *b = malloc(nch * sizeof *b);
    if (t) {
        t->n_spectra = ns - 1, t->n_channels = nch;
        t->start_s = calloc(ns, sizeof *t->start_s);
        t->live_s = calloc(ns, sizeof *t->live_s);
        t->counts = calloc((ns - 1) * nch, sizeof *t->counts);
        t->reference = calloc(nch, sizeof *t->reference);
    }
    if (!t || !a || !b || !t->start_s || !t->live_s || !t->counts || !t->reference) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((st = expected(r, 0, ins, a, err)))
        goto done;
    t->reference_live_s = ins->live_time_s;
    if (o.poisson)
        st = il_ndp_poisson_sample(a, nch, o.seed, t->reference, err);
    else
        memcpy(t->reference, a, nch * sizeof *a);
    if (st)
        goto done;
    for (size_t k = 0; k + 1 < ns; k++) {
        if ((st = expected(r, k + 1, ins, b, err)))
            goto done;
        double t0 = il_cell_result_state_time_s(r, k), t1 = il_cell_result_state_time_s(r, k + 1);
        double scale = ins->live_time_s > 0 ? (t1 - t0) / ins->live_time_s : 1;
        double *c = t->counts + k * nch;
        for (size_t j = 0; j < nch; j++)
            c[j] = 0.5 * (a[j] + b[j]) * scale;
        if (o.poisson && (st = il_ndp_poisson_sample(c, nch, o.seed + k + 1, c, err)))
            goto done;
        t->start_s[k] = t0;
        t->live_s[k] = t1 - t0;
        memcpy(a, b, nch * sizeof *a);
        if (o.progress)
            o.progress(o.progress_user, k + 1, ns - 1);
    }
done:
    free(a);
    free(b);
    IL_RETURN_BUILT(st, t, il_cell_twin_free, out);
}

void il_cell_twin_free(il_cell_twin *t)
{
    if (!t)
        return;
    free(t->start_s);
    free(t->live_s);
    free(t->counts);
    free(t->reference);
    free(t);
}
