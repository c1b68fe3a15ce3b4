/* The operando analysis on assembled frames: everything between "the spectra and their times"
 * and "the numbers the result files show". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "interlayer/operando.h"

void il_operando_options_default(il_operando_options *o)
{
    memset(o, 0, sizeof *o);
    o->area_cm2 = 1;
    o->cathode_layer = IL_OPERANDO_CATHODE_AUTO;
    il_ndp_series_input_default(&o->series);
}

void il_operando_result_free(il_operando_result *r)
{
    if (!r)
        return;
    free(r->frames);
    il_ndp_series_free(r->series);
    il_ndp_sim_free(r->last_model);
    free(r->last_counts);
    free(r);
}

static double live_or_zero(double live_s)
{
    return live_s > 0 ? live_s : 0;
}

/* The middle of the reference acquisition on the series clock: with file times it starts at
 * t = 0 (time_s finite); on the cycler's clock it ends at t = 0 (time_s NaN). Without a
 * reference the first spectrum is one. */
static double reference_mid_s(const il_operando_frame *ref, const il_operando_frame *first)
{
    if (!ref)
        return first->time_s + 0.5 * live_or_zero(first->live_s);
    double rl = live_or_zero(ref->live_s);
    return isfinite(ref->time_s) ? ref->time_s + 0.5 * rl : -0.5 * rl;
}

/* The last spectrum next to the model of its profile, both per instrument live time, so the
 * plot compares like with like. A failed simulation only loses that plot. */
static il_status model_last(il_operando_result *r, il_error *err)
{
    const il_operando_frame *f = &r->frames[r->n - 1];
    if (il_ndp_simulate(r->model, 3, r->series->profile[r->n - 1]->conc, &r->last_model, NULL)) {
        r->last_model = NULL;
        return IL_OK;
    }
    size_t nch = r->last_model->n_channels;
    r->last_counts = malloc(nch * sizeof *r->last_counts);
    if (!r->last_counts)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    const il_ndp_instrument *ins = il_ndp_model_instrument(r->model);
    double live = f->live_s > 0 ? f->live_s : ins->live_time_s;
    for (size_t c = 0; c < nch; c++)
        r->last_counts[c] = c < f->n_channels ? f->counts[c] * ins->live_time_s / live : 0;
    return IL_OK;
}

static il_status run_series(il_operando_result *r, const il_operando_options *opt,
                            il_error *err)
{
    size_t n = r->n;
    const double **counts = malloc(n * sizeof *counts);
    double *times = malloc(n * sizeof *times), *lives = malloc(n * sizeof *lives);
    il_status st = IL_OK;
    if (!counts || !times || !lives)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; !st && i < n; i++) {
        counts[i] = r->frames[i].counts;
        times[i] = r->frames[i].time_s;
        lives[i] = r->frames[i].live_s;
    }
    if (!st) {
        const il_operando_frame *ref = r->reference.counts ? &r->reference : NULL;
        il_ndp_series_input in = opt->series;
        in.n = n;
        in.counts = (const double *const *)counts;
        in.time_s = times;
        in.live_s = lives;
        in.reference = ref ? ref->counts : NULL;
        in.reference_live_s = ref ? live_or_zero(ref->live_s) : 0;
        in.reference_time_s = reference_mid_s(ref, &r->frames[0]);
        in.cycler = r->cycler;
        in.area_cm2 = r->area_cm2;
        in.cathode_layer = r->cathode_layer;
        in.stack = r->stack;
        st = il_ndp_series_run(r->model, &in, &r->series, err);
    }
    free(counts);
    free(times);
    free(lives);
    return st;
}

il_status il_operando_run(const il_ndp_model *m, const il_stack *s,
                          const il_operando_frame *frames, size_t n,
                          const il_operando_frame *reference, const il_ndp_cycler *cycler,
                          const il_operando_options *opt, il_operando_result **out,
                          il_error *err)
{
    if (!m || !s || !frames || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_run: NULL argument");
    *out = NULL;
    if (n == 0)
        return il_error_set(err, IL_ERR_INVALID, "an operando series needs at least one spectrum");
    il_operando_options dflt;
    if (!opt) {
        il_operando_options_default(&dflt);
        opt = &dflt;
    }
    if (opt->cathode_layer != IL_OPERANDO_CATHODE_AUTO && opt->cathode_layer >= il_stack_count(s))
        return il_error_set(err, IL_ERR_INVALID, "cathode layer %zu: the stack has %zu layers",
                            opt->cathode_layer + 1, il_stack_count(s));
    il_operando_result *r = calloc(1, sizeof *r);
    if (!r || !(r->frames = malloc(n * sizeof *r->frames))) {
        free(r);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    memcpy(r->frames, frames, n * sizeof *frames);
    r->n = n;
    if (reference)
        r->reference = *reference;
    r->cathode_layer = opt->cathode_layer == IL_OPERANDO_CATHODE_AUTO ? il_operando_cathode(s)
                                                                      : opt->cathode_layer;
    r->area_cm2 = opt->area_cm2;
    r->stack = s;
    r->model = m;
    r->cycler = cycler;
    il_status st = run_series(r, opt, err);
    if (!st)
        st = model_last(r, err);
    IL_RETURN_BUILT(st, r, il_operando_result_free, out);
}
