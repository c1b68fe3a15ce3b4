/* Operando NDP series: every spectrum inverted with one prepared inverter (the response and its
 * decomposition are shared, read-only, between OpenMP threads), differences against the pristine
 * reference, inventories against time, Faraday balance from the cycler record, and detection of
 * Li that accumulates at an interface beyond its uncertainty. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "experiment/ndp_series_ranks.h"
#include "fit/ndp/ndp_invert_priv.h"
#include "fit/ndp/ndp_window.h"
#include "interlayer/ndp_series.h"
#include "probes/ndp/ndp_model_priv.h"

void il_ndp_series_input_default(il_ndp_series_input *in)
{
    memset(in, 0, sizeof *in);
    in->area_cm2 = 1;
    in->window_nm = 0;
    in->nsigma = 3;
    in->consecutive = 2;
    in->min_fraction = 0;
    il_ndp_invert_options_default(&in->invert);
    in->invert.systematic = 0;
}

void il_ndp_series_free(il_ndp_series *s)
{
    if (!s)
        return;
    il_ndp_profile_free(s->reference);
    for (size_t i = 0; s->profile && i < s->n; i++)
        il_ndp_profile_free(s->profile[i]);
    free(s->profile);
    free(s->mid_time_s);
    free(s->delta_conc);
    free(s->delta_counts);
    free(s->inventory);
    free(s->inventory_sigma);
    free(s->moved);
    free(s->moved_sigma);
    free(s->moved_sys);
    free(s->voltage_V);
    free(s->faraday);
    free(s->interface_nm);
    free(s->excess);
    free(s->excess_sigma);
    free(s->window_nm);
    free(s->recovered);
    free(s->recovered_spread);
    free(s->first);
    free(s->growth_depth_nm);
    free(s);
}

/* Weights of the "excess at interface k" functional (see ndp_operando.h). Returns 0 when no
 * bin lies in the window. */
static int excess_weights(const il_ndp_model *m, double z, double win, double *a)
{
    size_t ns = m->ns;
    int any = 0;
    memset(a, 0, ns * sizeof *a);
    for (size_t l = 0; l < m->nl; l++) {
        double inw = 0, outw = 0;
        for (size_t j = 0; j < ns; j++) {
            if (m->slice_layer[j] != l)
                continue;
            double c = 0.5 * (m->edge[j] + m->edge[j + 1]), w = (m->edge[j + 1] - m->edge[j]) * 1e-7;
            if (fabs(c - z) <= win)
                inw += w;
            else
                outw += w;
        }
        if (inw == 0)
            continue;
        for (size_t j = 0; j < ns; j++) {
            if (m->slice_layer[j] != l)
                continue;
            double c = 0.5 * (m->edge[j] + m->edge[j + 1]), w = (m->edge[j + 1] - m->edge[j]) * 1e-7;
            if (fabs(c - z) <= win) {
                a[j] = w;
                any = 1;
            } else if (outw > 0) {
                a[j] = -inw * w / outw;
            }
        }
    }
    return any;
}

/* a . conc of the profile the inverter makes from the noise-free spectrum of conc. */
static il_status window_of(const il_ndp_model *m, const il_ndp_inverter *inv, const double *conc,
                           const double *a, double *val, il_error *err)
{
    il_ndp_sim *sim = NULL;
    il_ndp_profile *p = NULL;
    il_status st = il_ndp_simulate(m, 3, conc, &sim, err);
    if (!st)
        st = il_ndp_inverter_run(inv, sim->counts, &p, err);
    if (!st) {
        double v = 0;
        for (size_t j = 0; j < m->ns; j++)
            v += a[j] * p->conc[j];
        *val = v;
    }
    il_ndp_profile_free(p);
    il_ndp_sim_free(sim);
    return st;
}

static il_status recovered_share(const il_ndp_model *m, const il_ndp_inverter *inv,
                                 const il_ndp_profile *ref, const double *a, double z,
                                 double *share, double *spread, il_error *err)
{
    const double amount = 1e17, t = 10;
    size_t ns = m->ns;
    double *c = malloc(ns * sizeof *c), base = 0, f[2] = {1, 1};
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st = window_of(m, inv, ref->conc, a, &base, err);
    for (int side = 0; side < 2 && !st; side++) {
        double lo = side ? z - t : z, hi = side ? z : z + t;
        for (size_t j = 0; j < ns; j++) {
            double o = fmin(m->edge[j + 1], hi) - fmax(m->edge[j], lo);
            double add = o > 0 ? amount * o / t / ((m->edge[j + 1] - m->edge[j]) * 1e-7) : 0;
            c[j] = ref->conc[j] + add;
        }
        double v = 0;
        st = window_of(m, inv, c, a, &v, err);
        f[side] = (v - base) / amount;
    }
    free(c);
    if (st)
        return st;
    double mean = 0.5 * (f[0] + f[1]);
    /* a window that finds almost nothing is not corrected (the excess stays as measured) */
    *share = mean > 0.2 ? mean : 1;
    *spread = mean > 0.2 ? 0.5 * fabs(f[0] - f[1]) : 0;
    return IL_OK;
}

/* In a parallel loop's critical section: spectrum i's failure r (message e) is kept when it is
 * the first. */
static void keep_first(il_status r, const il_error *e, long i, const char *pass, il_status *pst,
                       il_error *perr)
{
    if (r && !*pst) {
        *pst = r;
        *perr = *e;
        il_error_prefix(perr, "spectrum %ld%s: ", i + 1, pass);
    }
}

/* Every rank gets every profile (pass 1 needs all lambdas, rank 0 writes); returns the first
 * failure of any rank (pst on this one), its message in *err. */
static il_status share_profiles(il_ndp_series *s, size_t n, void *comm, il_status pst,
                                il_error *perr, il_error *err)
{
    int sst = (int)pst;
    il__series_share(s->profile, n, s->reference, NULL, 0, comm, &sst, perr);
    if (sst && err)
        *err = *perr;
    return (il_status)sst;
}

/* One spectrum's work in a parallel pass: spectrum i's new profile in *out, or a failure in e. */
typedef il_status (*spectrum_job)(void *ctx, size_t i, il_ndp_profile **out, il_error *e);

/* Runs job on every spectrum this rank owns, in parallel; each success replaces the spectrum's
 * profile. Progress counts from `first` of `total`. Returns the first failure of any rank
 * (named by spectrum and `pass`), its message in *err; every rank then holds every profile. */
static il_status each_spectrum(il_ndp_series *s, size_t n, const il_ndp_series_input *in,
                               spectrum_job job, void *ctx, const char *pass, size_t first,
                               size_t total, il_error *err)
{
    size_t done = 0;
    il_status pst = IL_OK;
    il_error perr;
    il_error_clear(&perr);
#pragma omp parallel for schedule(dynamic)
    for (long i = 0; i < (long)n; i++) {
        if (!il__series_mine((size_t)i, in->mpi_comm))
            continue;
        il_error e;
        il_error_clear(&e);
        il_ndp_profile *p = NULL;
        il_status r = job(ctx, (size_t)i, &p, &e);
#pragma omp critical(il_ndp_series)
        {
            keep_first(r, &e, i, pass, &pst, &perr);
            if (!r) {
                il_ndp_profile_free(s->profile[i]);
                s->profile[i] = p;
            }
            done++;
            if (in->progress)
                in->progress(in->progress_user, first + done, total);
        }
    }
    return share_profiles(s, n, in->mpi_comm, pst, &perr, err);
}

/* A plain pass: each scaled spectrum through the series' inverter. */
typedef struct {
    il_ndp_inverter *inv;
    const double *scaled;
    size_t nch;
} invert_job;

static il_status invert_one(void *ctx, size_t i, il_ndp_profile **out, il_error *e)
{
    const invert_job *j = ctx;
    return il_ndp_inverter_run(j->inv, j->scaled + i * j->nch, out, e);
}

/* A self-consistent pass: the spectrum's Li goes into its own stack and model, and the spectrum
 * is inverted again with the series' lambda and weights. */
typedef struct {
    const il_ndp_model *m;
    const il_ndp_series_input *in;
    const il_ndp_series *s;
    const double *meanv, *scaled, *A;
    const int *has;
    size_t nch, nk, ns;
    int tik;
    double lam;
} consistent_job;

static il_status consistent_one(void *ctx, size_t i, il_ndp_profile **out, il_error *e)
{
    const consistent_job *j = ctx;
    il_stack *si = NULL;
    il_ndp_model *mi = NULL;
    il_ndp_inverter *vi = NULL;
    il_status r = il_ndp_stack_with_li(j->in->stack, j->s->profile[i]->li_atoms_cm2, &si, e);
    if (!r)
        r = il_ndp_model_new(si, &j->m->ins, &mi, e);
    if (!r && (mi->ns != j->m->ns || mi->nl != j->m->nl))
        r = il_error_set(e, IL_ERR_NUMERIC, "the updated stack slices differently");
    if (!r)
        r = il_ndp_inverter_new(mi, j->meanv, &j->in->invert, &vi, e);
    if (!r && j->tik)
        il_ndp_inverter_fix_lambda(vi, j->lam);
    for (size_t k = 0; !r && k < j->nk; k++)
        if (j->has[k])
            r = il_ndp_inverter_add_functional(vi, j->A + k * j->ns, NULL, e);
    if (!r)
        r = il_ndp_inverter_run(vi, j->scaled + i * j->nch, out, e);
    il_ndp_inverter_free(vi);
    il_ndp_model_free(mi);
    il_stack_free(si);
    return r;
}

/* The largest current density a cycler record may carry: 1 A/cm2 is 1000 mA/cm2, a hundred
 * times the fastest rates solid-state cells are cycled at (~10 mA/cm2); beyond it the record
 * is in other units or corrupt (-1e30 A gave -1.7e34 uAh/cm2 without comment). */
#define MAX_CURRENT_A_CM2 1.0

/* A cycler record used for the Faraday balance must cover the spectra (the charge outside it
 * is unknown, and a record that misses them all used to read as "no cycler record") and hold
 * currents a cell can carry. The reference may lie before the record's start: the cell rests
 * before cycling. */
static il_status check_cycler(const il_ndp_cycler *c, const double *mid_s, size_t n,
                              double area_cm2, il_error *err)
{
    size_t first = 0, last = 0;
    for (size_t i = 1; i < n; i++) {
        if (mid_s[i] < mid_s[first])
            first = i;
        if (mid_s[i] > mid_s[last])
            last = i;
    }
    double t0 = c->time_s[0], t1 = c->time_s[c->n - 1];
    if (t0 > mid_s[first])
        return il_error_set(err, IL_ERR_INVALID,
                            "the cycler record starts at t = %g s, after the middle of spectrum "
                            "%zu (t = %g s): the charge passed before it is unknown; the record "
                            "must cover the spectra (%g..%g s), on the same clock",
                            t0, first + 1, mid_s[first], mid_s[first], mid_s[last]);
    if (t1 < mid_s[last])
        return il_error_set(err, IL_ERR_INVALID,
                            "the cycler record ends at t = %g s, before the middle of spectrum "
                            "%zu (t = %g s): the charge passed after it is unknown; the record "
                            "must cover the spectra (%g..%g s), on the same clock",
                            t1, last + 1, mid_s[last], mid_s[first], mid_s[last]);
    for (size_t k = 0; k < c->n; k++)
        if (!(fabs(c->current_A[k]) <= MAX_CURRENT_A_CM2 * area_cm2))
            return il_error_set(err, IL_ERR_RANGE,
                                "the cycler record's current %g A at t = %g s is %g A/cm2 over "
                                "the cell's %g cm2; expected |I| <= %g A/cm2 (1000 mA/cm2, a "
                                "hundred times the fastest solid-state cycling): wrong units "
                                "or a corrupt record?",
                                c->current_A[k], c->time_s[k], c->current_A[k] / area_cm2,
                                area_cm2, MAX_CURRENT_A_CM2);
    return IL_OK;
}

il_status il_ndp_series_run(const il_ndp_model *m, const il_ndp_series_input *in,
                            il_ndp_series **out, il_error *err)
{
    *out = NULL;
    if (!in || in->n == 0 || !in->counts || !in->time_s)
        return il_error_set(err, IL_ERR_INVALID, "an operando series needs spectra and times");
    if (in->cathode_layer >= m->nl)
        return il_error_set(err, IL_ERR_INVALID, "cathode layer %zu does not exist",
                            in->cathode_layer + 1);
    size_t n = in->n, ns = m->ns, nl = m->nl, nch = m->nch;
    il_ndp_series *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->n = n;
    s->n_bins = ns;
    s->n_layers = nl;
    s->n_channels = nch;
    s->n_interfaces = nl > 1 ? nl - 1 : 0;
    size_t nk = s->n_interfaces;
    s->profile = calloc(n, sizeof *s->profile);
    s->mid_time_s = calloc(n, sizeof(double));
    s->delta_conc = calloc(n * ns, sizeof(double));
    s->delta_counts = calloc(n * nch, sizeof(double));
    s->inventory = calloc(n * nl, sizeof(double));
    s->inventory_sigma = calloc(n * nl, sizeof(double));
    s->moved = calloc(n * nl, sizeof(double));
    s->moved_sigma = calloc(n * nl, sizeof(double));
    s->moved_sys = calloc(n * nl, sizeof(double));
    s->voltage_V = calloc(n, sizeof(double));
    s->faraday = calloc(n, sizeof *s->faraday);
    s->interface_nm = calloc(nk + 1, sizeof(double));
    s->excess = calloc(nk * n + 1, sizeof(double));
    s->excess_sigma = calloc(nk * n + 1, sizeof(double));
    s->first = calloc(nk + 1, sizeof(size_t));
    s->growth_depth_nm = calloc(nk + 1, sizeof(double));
    s->window_nm = calloc(nk + 1, sizeof(double));
    s->recovered = calloc(nk + 1, sizeof(double));
    s->recovered_spread = calloc(nk + 1, sizeof(double));
    double *scaled = malloc(n * nch * sizeof(double)), *ref = malloc(nch * sizeof(double));
    il_status st = IL_OK;
    if (!s->profile || !s->mid_time_s || !s->delta_conc || !s->delta_counts || !s->inventory ||
        !s->inventory_sigma || !s->voltage_V || !s->faraday || !s->interface_nm || !s->excess ||
        !s->excess_sigma || !s->first || !s->growth_depth_nm || !s->window_nm ||
        !s->recovered || !s->recovered_spread || !s->moved || !s->moved_sigma || !s->moved_sys ||
        !scaled || !ref)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");

    /* Every spectrum brought to the instrument's live time (the model's counts scale). */
    double L = m->ins.live_time_s;
    for (size_t i = 0; i < n && !st; i++) {
        double li = in->live_s && in->live_s[i] > 0 ? in->live_s[i] : L;
        for (size_t c = 0; c < nch; c++)
            scaled[i * nch + c] = in->counts[i][c] * L / li;
        s->mid_time_s[i] = in->time_s[i] + 0.5 * li;
    }
    if (!st && in->cycler)
        st = check_cycler(in->cycler, s->mid_time_s, n, in->area_cm2, err);
    if (!st) {
        double lr = in->reference_live_s > 0 ? in->reference_live_s : L;
        const double *r0 = in->reference ? in->reference : in->counts[0];
        double f = in->reference ? L / lr : L / (in->live_s && in->live_s[0] > 0 ? in->live_s[0] : L);
        for (size_t c = 0; c < nch; c++)
            ref[c] = r0[c] * f;
    }
    /* Weights: the mean of all spectra (reference included) per channel. The reference alone
     * would give channels where Li arrives later (the anode) a variance near 0 and the fit would
     * chase their noise. */
    double *meanc = st ? NULL : calloc(nch, sizeof *meanc);
    if (!st && !meanc)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t c = 0; !st && c < nch; c++) {
        double acc = ref[c];
        for (size_t i = 0; i < n; i++)
            acc += scaled[i * nch + c];
        meanc[c] = acc / (double)(n + 1);
    }
    il_ndp_inverter *inv = NULL;
    if (!st)
        st = il_ndp_inverter_new(m, meanc, &in->invert, &inv, err);
    const double *meanv = meanc; /* kept for the self-consistent passes */
    /* The excess functional of every interface, registered with the inverter(s) so each solve
     * returns it with its sigma and bias at O(n) cost. */
    int tik = in->invert.method == IL_NDP_METHOD_TIKHONOV;
    double *A = st ? NULL : calloc(nk * ns + 1, sizeof *A);
    int *has = st ? NULL : calloc(nk + 1, sizeof *has);
    size_t *fidx = st ? NULL : calloc(nk + 1, sizeof *fidx);
    if (!st && (!A || !has || !fidx))
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < nk && !st; k++) {
        double z = m->layer_top[k + 1], w = il__ndp_resolution_at(m, z);
        s->window_nm[k] = in->window_nm > 0 ? in->window_nm : isfinite(w) ? w : 30;
        has[k] = excess_weights(m, z, s->window_nm[k], A + k * ns);
        if (has[k])
            st = il_ndp_inverter_add_functional(inv, A + k * ns, &fidx[k], err);
    }
    if (!st)
        il_ndp_inverter_set_nonneg(inv, 0); /* pass 0 only chooses lambda (see below) */
    if (!st)
        st = il_ndp_inverter_run(inv, ref, &s->reference, err);

    /* The series, in parallel. Errors are collected, the first one reported. */
    il_status pst = IL_OK;
    il_error perr;
    il_error_clear(&perr);
    size_t npass = in->invert.method == IL_NDP_METHOD_TIKHONOV ? 2 : 1;
    for (int pass = 0; pass < (int)npass && !st; pass++) {
        /* Pass 0 lets each spectrum choose lambda; pass 1 solves all of them (and the
         * reference) again with the median of those choices. One lambda for the whole series
         * gives every profile the same depth resolution, so differences against the reference
         * are changes of Li, not of smoothing; the median keeps one spectrum whose GCV minimum
         * went astray from setting it. (The reference alone would choose too much smoothing:
         * its profile is flat inside each layer.) MLEM needs only one pass. */
        if (pass == 1) {
            if (in->invert.method != IL_NDP_METHOD_TIKHONOV)
                break;
            double *lam = malloc(n * sizeof *lam);
            if (!lam) {
                st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
                break;
            }
            for (size_t i = 0; i < n; i++)
                lam[i] = s->profile[i]->lambda;
            for (size_t i = 1; i < n; i++) /* insertion sort: n is small next to the work */
                for (size_t j = i; j > 0 && lam[j - 1] > lam[j]; j--) {
                    double t = lam[j];
                    lam[j] = lam[j - 1], lam[j - 1] = t;
                }
            double med = n % 2 ? lam[n / 2] : sqrt(lam[n / 2 - 1] * lam[n / 2]);
            free(lam);
            il_ndp_inverter_fix_lambda(inv, med);
            il_ndp_inverter_set_nonneg(inv, in->invert.nonneg);
            il_ndp_profile_free(s->reference);
            s->reference = NULL;
            st = il_ndp_inverter_run(inv, ref, &s->reference, err);
            for (size_t i = 0; i < n; i++) {
                il_ndp_profile_free(s->profile[i]);
                s->profile[i] = NULL;
            }
            if (st)
                break;
        }
        invert_job job = {.inv = inv, .scaled = scaled, .nch = nch};
        st = each_spectrum(s, n, in, invert_one, &job, "", (size_t)pass * n, npass * n, err);
    }

    /* Spill correction: a thin interlayer's Li is smeared by the depth resolution, and the
     * window (one FWHM each side) keeps only part of it. That share is measured through the
     * series' own inversion: the reference profile, noise-free, with and without 1e17 Li/cm2 in
     * 10 nm next to the interface (below it, then above it), inverted at the series' lambda. */
    for (size_t k = 0; k < nk && !st; k++) {
        s->recovered[k] = 1;
        if (has[k])
            st = recovered_share(m, inv, s->reference, A + k * ns, m->layer_top[k + 1],
                                 &s->recovered[k], &s->recovered_spread[k], err);
    }

    /* Self-consistent stopping: each spectrum's Li goes into its own stack and model, and the
     * spectrum is inverted again with the series' lambda and weights. */
    for (int pass = 0; !st && in->stack && pass < in->self_consistent; pass++) {
        consistent_job job = {.m = m, .in = in, .s = s, .meanv = meanv, .scaled = scaled,
                              .A = A, .has = has, .nch = nch, .nk = nk, .ns = ns, .tik = tik,
                              .lam = s->profile[0]->lambda};
        st = each_spectrum(s, n, in, consistent_one, &job, " (self-consistent pass)", 0, n, err);
    }

    /* The parts of every inventory's uncertainty (reference included): spill from the profile,
     * the stopping slope by re-inversion when the stack is known (calibration is set). */
    double *slope = st ? NULL : calloc((n + 1) * nl, sizeof *slope);
    if (!st && !slope)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    pst = IL_OK;
#pragma omp parallel for schedule(dynamic)
    for (long i = 0; i <= (long)n; i++) {
        /* the reference (i = n) on every rank: the spectra's moved Li need its slope */
        if (st || (i < (long)n && !il__series_mine((size_t)i, in->mpi_comm)))
            continue;
        il_ndp_profile *p = i < (long)n ? s->profile[i] : s->reference;
        il_error e;
        il_error_clear(&e);
        il__ndp_spill(m, p->conc, p->li_atoms_cm2_spill);
        il_status r = IL_OK;
        double *sl = slope + (size_t)i * nl;
        if (in->stack)
            r = il__ndp_stopping_slope(m, in->stack, p, &in->invert, sl, &e);
        for (size_t l = 0; l < nl && !r; l++) {
            p->li_atoms_cm2_stop[l] = sl[l] * in->invert.stopping_rel_sigma;
            p->li_atoms_cm2_dens[l] = sl[l] * in->invert.density_rel_sigma;
            p->li_atoms_cm2_geom[l] = sl[l] * in->invert.geometry_rel_sigma;
        }
        il__ndp_profile_totals(p);
#pragma omp critical(il_ndp_series)
        if (r && !pst) {
            pst = r;
            perr = e;
        }
    }
    if (!st) {
        int sst = (int)pst;
        il__series_share(s->profile, n, s->reference, slope, nl, in->mpi_comm, &sst, &perr);
        pst = (il_status)sst;
    }
    if (!st && pst) {
        st = pst;
        if (err)
            *err = perr;
    }

    /* Differences, inventories, Faraday. */
    for (size_t i = 0; i < n && !st; i++) {
        const il_ndp_profile *p = s->profile[i];
        for (size_t j = 0; j < ns; j++)
            s->delta_conc[i * ns + j] = p->conc[j] - s->reference->conc[j];
        for (size_t c = 0; c < nch; c++)
            s->delta_counts[i * nch + c] = scaled[i * nch + c] - ref[c];
        for (size_t l = 0; l < nl; l++) {
            const il_ndp_profile *R0 = s->reference;
            s->inventory[i * nl + l] = p->li_atoms_cm2[l];
            s->inventory_sigma[i * nl + l] = p->li_atoms_cm2_nonsys[l];
            double d = p->li_atoms_cm2[l] - R0->li_atoms_cm2[l];
            double rel = hypot(hypot(in->invert.stopping_rel_sigma, in->invert.density_rel_sigma),
                               in->invert.geometry_rel_sigma);
            double cal = R0->li_atoms_cm2[l] != 0
                             ? R0->li_atoms_cm2_cal[l] / fabs(R0->li_atoms_cm2[l])
                             : in->invert.calibration_rel_sigma;
            s->moved[i * nl + l] = d;
            s->moved_sigma[i * nl + l] = hypot(p->li_atoms_cm2_nonsys[l], R0->li_atoms_cm2_nonsys[l]);
            s->moved_sys[i * nl + l] =
                hypot(fabs(slope[i * nl + l] - slope[n * nl + l]) * rel, cal * fabs(d));
        }
        size_t k = in->cathode_layer;
        double lost = s->reference->li_atoms_cm2[k] - p->li_atoms_cm2[k];
        double lost_sigma = s->moved_sigma[i * nl + k];
        double q = in->cycler ? il_ndp_cycler_charge_C(in->cycler, in->reference_time_s,
                                                       s->mid_time_s[i])
                              : NAN;
        s->voltage_V[i] = in->cycler ? il_ndp_cycler_voltage_V(in->cycler, s->mid_time_s[i]) : NAN;
        if (in->cycler)
            st = il_ndp_faraday_balance(q, in->area_cm2, lost, lost_sigma, &s->faraday[i], err);
        else {
            s->faraday[i].charge_C = NAN;
            s->faraday[i].li_expected_atoms_cm2 = NAN;
            s->faraday[i].li_expected_uAh_cm2 = NAN;
            s->faraday[i].li_measured_atoms_cm2 = lost;
            s->faraday[i].li_measured_sigma_atoms_cm2 = lost_sigma;
            s->faraday[i].ratio = NAN;
        }
    }

    /* Interfaces: excess Li in a window, its sigma (spectrum and reference independent; the
     * smoothing bias of both added in quadrature). */
    for (size_t k = 0; k < nk && !st; k++) {
        double z = m->layer_top[k + 1];
        s->interface_nm[k] = z;
        s->first[k] = n;
        s->growth_depth_nm[k] = NAN;
        if (!has[k])
            continue;
        const double *a = A + k * ns;
        const il_ndp_profile *R0 = s->reference;
        for (size_t i = 0; i < n; i++) {
            const il_ndp_profile *P = s->profile[i];
            double e = 0, si;
            for (size_t j = 0; j < ns; j++)
                e += a[j] * s->delta_conc[i * ns + j];
            if (P->n_func > fidx[k] && R0->n_func > fidx[k]) {
                /* counting of both spectra and (Tikhonov) their smoothing bias */
                size_t f = fidx[k];
                si = sqrt(P->func_sigma[f] * P->func_sigma[f] + R0->func_sigma[f] * R0->func_sigma[f] +
                          P->func_bias[f] * P->func_bias[f] + R0->func_bias[f] * R0->func_bias[f]);
            } else {
                /* MLEM: per-bin resampled sigmas, bins taken as independent */
                double v = 0;
                for (size_t j = 0; j < ns; j++)
                    v += pow(a[j] * P->conc_sigma[j], 2) + pow(a[j] * R0->conc_sigma[j], 2);
                si = sqrt(v);
            }
            /* the Li the window missed, restored; the share's own spread as a sigma part */
            double f = s->recovered[k], fs = s->recovered_spread[k];
            s->excess[k * n + i] = e / f;
            s->excess_sigma[k * n + i] = hypot(si / f, fabs(e / f) * fs / f);
        }
        /* The amount tested: the excess minus the artifact allowance. */
        double *eff = malloc(n * sizeof *eff);
        if (!eff) {
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++) {
            double du = fabs(s->profile[i]->li_atoms_cm2[k] - R0->li_atoms_cm2[k]);
            double dl = fabs(s->profile[i]->li_atoms_cm2[k + 1] - R0->li_atoms_cm2[k + 1]);
            eff[i] = s->excess[k * n + i] - in->min_fraction * (du + dl);
        }
        s->first[k] = il_ndp_growth_first(eff, s->excess_sigma + k * n, n, in->nsigma,
                                          in->consecutive);
        free(eff);
        /* Where: centroid of the change above its layer's uniform change (the mean outside
         * the window) inside the window, last spectrum: a window as wide as the resolution
         * would otherwise pull it toward a layer that fills uniformly. */
        double *lm = calloc(nl, sizeof *lm), *lw = calloc(nl, sizeof *lw);
        if (!lm || !lw) {
            free(lm), free(lw);
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
            break;
        }
        for (size_t j = 0; j < ns; j++) {
            double c = 0.5 * (m->edge[j] + m->edge[j + 1]), h = m->edge[j + 1] - m->edge[j];
            if (fabs(c - z) > s->window_nm[k]) {
                lm[m->slice_layer[j]] += s->delta_conc[(n - 1) * ns + j] * h;
                lw[m->slice_layer[j]] += h;
            }
        }
        double w = 0, zw = 0;
        for (size_t j = 0; j < ns; j++) {
            double c = 0.5 * (m->edge[j] + m->edge[j + 1]);
            size_t l = m->slice_layer[j];
            double d = s->delta_conc[(n - 1) * ns + j] - (lw[l] > 0 ? lm[l] / lw[l] : 0);
            if (fabs(c - z) <= s->window_nm[k] && d > 0) {
                w += d;
                zw += d * c;
            }
        }
        free(lm), free(lw);
        s->growth_depth_nm[k] = w > 0 ? zw / w : NAN;
        if (!(w > 0))
            s->first[k] = n; /* no Li gained at the interface in the end: not a growth */
    }
    free(slope);
    free(A);
    free(has);
    free(fidx);
    free(meanc);
    il_ndp_inverter_free(inv);
    free(scaled);
    free(ref);
    IL_RETURN_BUILT(st, s, il_ndp_series_free, out);
}
