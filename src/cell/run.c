/* Running a protocol: CVODE (BDF, dense Newton) step by step, with roots at the step's limits
 * (cut-off voltage, end-of-hold current) and at an electrode's surface running empty or full;
 * V(t), I(t) and the ledger are sampled on a regular grid by CVODE's own interpolant, and the
 * full state is saved every save_every_s for the twin. SUNDIALS' error messages go to a
 * handler that keeps them (the library never prints). */
#include <cvode/cvode.h>
#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "cell/cell_internal.h"
#include "core/built.h"
#include "core/options_or_default.h"
#include "interlayer/constants.h"

#define N_ROOTS 7
#define DEFAULT_V_HI 5.0
#define DEFAULT_V_LO (-5.0)
#define THETA_END 1e-6

struct il_cell_result {
    il_cell *cell; /* a copy of the model (no state) to turn saved states into stacks */
    size_t n, cap;
    il_cell_sample *samples;
    size_t nc, ccap;
    il_cell_cycle *cycles;
    size_t ns, scap;
    double *state_t;
    double *states; /* ns x n_state */
};

typedef struct {
    il_cell_drive d;
    il_cell *cell; /* its contact diagnostic's void depths move on with the samples */
    double v_hi, v_lo, i_end;
    char solver_msg[256];
} run_ctx;

static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *user)
{
    (void)t;
    run_ctx *r = user;
    const double *yy = N_VGetArrayPointer(y);
    double i = il__cell_drive_current(&r->d, yy);
    il__cell_rhs(r->d.c, yy, i, N_VGetArrayPointer(ydot));
    return 0;
}

static double surface(const il_cell_elec *e, const double *y, int full)
{
    if (e->metal) /* a Li metal electrode runs empty; it never gets full */
        return full ? 1.0 : y[e->y0];
    return full ? 1 - THETA_END - y[e->y0] : y[e->y0] - THETA_END;
}

static int roots(sunrealtype t, N_Vector y, sunrealtype *g, void *user)
{
    (void)t;
    run_ctx *r = user;
    const il_cell *c = r->d.c;
    const double *yy = N_VGetArrayPointer(y);
    double i = il__cell_drive_current(&r->d, yy);
    double v = il__cell_voltage(c, yy, i);
    int cur = r->d.kind == IL_CELL_STEP_CURRENT;
    g[0] = cur ? v - r->v_hi : -1;
    g[1] = cur ? v - r->v_lo : 1;
    g[2] = surface(&c->cat, yy, 0);
    g[3] = surface(&c->cat, yy, 1);
    g[4] = surface(&c->an, yy, 0);
    g[5] = surface(&c->an, yy, 1);
    g[6] = r->d.kind == IL_CELL_STEP_VOLTAGE && r->i_end > 0 ? fabs(i) - r->i_end : 1;
    return 0;
}

static void quiet_errors(int code, const char *module, const char *fn, char *msg, void *user)
{
    (void)code;
    run_ctx *r = user;
    snprintf(r->solver_msg, sizeof r->solver_msg, "%s %s: %s", module, fn, msg);
}

static int push(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? 2 * *cap : 64;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return -1;
    *arr = p, *cap = nc;
    return 0;
}

/* The contact diagnostic of each Li metal electrode from the previous sample to this one, at
 * the mean current of the two (the cathode strips on charge, the anode on discharge). */
static void contact_sample(il_cell *c, const il_cell_sample *prev, il_cell_sample *s)
{
    const il_cell_contact *ct = &c->p.contact;
    const il_cell_elec *el[2] = {&c->an, &c->cat};
    double T = c->p.temperature_K;
    for (int k = 0; k < 2; k++) {
        s->void_nm[k] = s->contact_fraction[k] = s->interface_resistance_ohm_cm2[k] = NAN;
        if (!el[k]->metal || !il_cell_contact_enabled(ct))
            continue;
        double rho = el[k]->p->li_metal_density_g_cm3;
        double f = 1 - c->contact_void_nm[k] / (ct->void_height_um * 1e3);
        if (prev) {
            double i = 0.5 * (prev->current_A_cm2 + s->current_A_cm2);
            double strip = k == IL_CELL_SIDE_CATHODE ? i : -i;
            f = il_cell_contact_advance(ct, T, rho, strip, s->time_s - prev->time_s,
                                        &c->contact_void_nm[k]);
        }
        s->void_nm[k] = c->contact_void_nm[k];
        s->contact_fraction[k] = f;
        double i0 = el[k]->p->exchange_current_A_cm2 *
                    il__cell_temperature_factor(el[k]->p->kinetics_activation_eV, T);
        double r0 = i0 > 0 ? IL_GAS_CONSTANT_J_MOL_K * T / (IL_FARADAY * i0) : INFINITY;
        s->interface_resistance_ohm_cm2[k] = f > 0 ? r0 / f : INFINITY;
    }
}

static il_status sample(il_cell_result *res, run_ctx *r, double t, const double *y, size_t step,
                        size_t cycle, il_error *err)
{
    if (push((void **)&res->samples, &res->cap, res->n, sizeof *res->samples))
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    const il_cell *c = r->d.c;
    il_cell_sample *s = &res->samples[res->n++];
    memset(s, 0, sizeof *s);
    double i = il__cell_drive_current(&r->d, y);
    s->time_s = t;
    s->current_A_cm2 = i;
    s->voltage_V = il__cell_voltage(c, y, i);
    s->step = step, s->cycle = cycle;
    double T = c->p.temperature_K;
    for (size_t k = 0; k < c->p.n_interlayers; k++) {
        s->thickness_nm[k] = y[c->iL + k];
        s->resistance_ohm_cm2[k] = il_cell_interlayer_resistance_ohm_cm2(c->in[k].p, y[c->iL + k], T);
    }
    s->electrolyte_resistance_ohm_cm2 =
        c->electrolyte_L_cm / (c->p.electrolyte.conductivity_S_cm *
                               il__cell_temperature_factor(c->p.electrolyte.activation_eV, T));
    s->cathode_x = il__cell_mean_x(&c->cat, y);
    s->anode_x = il__cell_mean_x(&c->an, y);
    il__cell_ledger(c, y, &s->ledger);
    contact_sample(r->cell, res->n > 1 ? &res->samples[res->n - 2] : NULL, s);
    return IL_OK;
}

static il_status save_state(il_cell_result *res, double t, const double *y, size_t n,
                            il_error *err)
{
    size_t cap = res->scap;
    if (push((void **)&res->state_t, &cap, res->ns, sizeof *res->state_t))
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    cap = res->scap;
    if (push((void **)&res->states, &cap, res->ns, n * sizeof *res->states))
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    res->scap = cap;
    res->state_t[res->ns] = t;
    memcpy(res->states + res->ns * n, y, n * sizeof *y);
    res->ns++;
    return IL_OK;
}

static il_status copy_model(const il_cell *c, il_cell **out, il_error *err)
{
    il_cell *k = malloc(sizeof *k);
    if (!k)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    *k = *c;
    k->y = NULL;
    k->cat.p = &k->p.cathode, k->an.p = &k->p.anode;
    for (size_t j = 0; j < k->p.n_interlayers; j++)
        k->in[j].p = &k->p.interlayers[j];
    il_status st = il_stack_clone(c->stack, &k->stack, err);
    IL_RETURN_BUILT(st, k, free, out);
}

/* The step's current in A/cm2 (CURRENT steps). */
static double step_current(const il_cell *c, const il_cell_step *s)
{
    if (s->c_rate != 0)
        return s->c_rate * il_cell_nominal_capacity_uAh_cm2(c) * 1e-6; /* uAh/cm2 per hour -> A/cm2 */
    if (s->current_A != 0)
        return s->current_A / c->p.area_cm2;
    return s->current_A_cm2;
}

typedef struct {
    void *mem;
    SUNContext ctx;
    N_Vector y, atol, tmp;
    SUNMatrix A;
    SUNLinearSolver LS;
} solver;

static void solver_free(solver *s)
{
    if (s->mem)
        CVodeFree(&s->mem);
    if (s->LS)
        SUNLinSolFree(s->LS);
    if (s->A)
        SUNMatDestroy(s->A);
    if (s->y)
        N_VDestroy(s->y);
    if (s->atol)
        N_VDestroy(s->atol);
    if (s->tmp)
        N_VDestroy(s->tmp);
    if (s->ctx)
        SUNContext_Free(&s->ctx);
}

static il_status solver_new(il_cell *c, run_ctx *r, const il_cell_options *o, solver *s,
                            il_error *err)
{
    memset(s, 0, sizeof *s);
    if (SUNContext_Create(NULL, &s->ctx))
        return il_error_set(err, IL_ERR_NOMEM, "SUNDIALS context: out of memory");
    size_t n = c->n_state;
    s->y = N_VNew_Serial((sunindextype)n, s->ctx);
    s->atol = N_VNew_Serial((sunindextype)n, s->ctx);
    s->tmp = N_VNew_Serial((sunindextype)n, s->ctx);
    s->mem = CVodeCreate(CV_BDF, s->ctx);
    if (!s->y || !s->atol || !s->tmp || !s->mem)
        return il_error_set(err, IL_ERR_NOMEM, "SUNDIALS: out of memory");
    CVodeSetErrHandlerFn(s->mem, quiet_errors, r);
    memcpy(N_VGetArrayPointer(s->y), c->y, n * sizeof *c->y);
    double *a = N_VGetArrayPointer(s->atol);
    /* absolute tolerances per kind of state: theta, Li metal mol/cm2, nm, mol/cm2, C/cm2 */
    for (size_t j = 0; j < n; j++)
        a[j] = 1e-12;
    if (c->cat.metal)
        a[c->cat.y0] = 1e-16;
    if (c->an.metal)
        a[c->an.y0] = 1e-16;
    for (size_t k = 0; k < c->p.n_interlayers; k++)
        a[c->iL + k] = 1e-9, a[c->iT + k] = 1e-17;
    a[c->iQ] = a[c->iQ + 1] = 1e-13;
    s->A = SUNDenseMatrix((sunindextype)n, (sunindextype)n, s->ctx);
    s->LS = SUNLinSol_Dense(s->y, s->A, s->ctx);
    if (!s->A || !s->LS || CVodeInit(s->mem, rhs, 0.0, s->y) ||
        CVodeSVtolerances(s->mem, o->rtol, s->atol) || CVodeSetLinearSolver(s->mem, s->LS, s->A) ||
        CVodeSetUserData(s->mem, r) || CVodeRootInit(s->mem, N_ROOTS, roots) ||
        CVodeSetMaxNumSteps(s->mem, 1000000))
        return il_error_set(err, IL_ERR_NUMERIC, "CVODE set-up failed: %s", r->solver_msg);
    /* limits are crossed one way only: a voltage rising through the upper cut-off, an
     * electrode surface running empty or full, a hold's current falling */
    int dir[N_ROOTS] = {1, -1, -1, -1, -1, -1, -1};
    if (CVodeSetRootDirection(s->mem, dir))
        return il_error_set(err, IL_ERR_NUMERIC, "CVODE set-up failed: %s", r->solver_msg);
    if (o->max_step_s > 0)
        CVodeSetMaxStep(s->mem, o->max_step_s);
    return IL_OK;
}

il_status il_cell_run(il_cell *c, const il_cell_protocol *p, const il_cell_options *opt,
                      il_cell_result **out, il_error *err)
{
    *out = NULL;
    il_cell_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_cell_options_default);
    if (o.n_volumes < 2 || o.n_volumes > IL_CELL_MAX_VOLUMES)
        return il_error_set(err, IL_ERR_INVALID, "n_volumes %zu: expected 2..%d", o.n_volumes,
                            IL_CELL_MAX_VOLUMES);
    if (!(o.rtol > 0 && o.rtol < 1e-2) || !(o.sample_every_s > 0) || !(o.save_every_s >= 0) ||
        !(o.max_time_s > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "run options: rtol in (0, 0.01), sample_every_s > 0, save_every_s "
                            ">= 0, max_time_s > 0");
    il_status st;
    if (o.n_volumes != c->n_vol && (st = il__cell_resize_state(c, o.n_volumes, err)))
        return st;
    il_cell_result *res = calloc(1, sizeof *res);
    if (!res)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if ((st = copy_model(c, &res->cell, err))) {
        free(res);
        return st;
    }
    run_ctx r;
    memset(&r, 0, sizeof r);
    r.d.c = c;
    r.cell = c;
    solver sv;
    if ((st = solver_new(c, &r, &o, &sv, err)))
        goto done;
    double *y = N_VGetArrayPointer(sv.y);
    size_t n = c->n_state, cycle = 0;
    double t = 0, next_sample = 0, next_save = 0;
    if ((st = save_state(res, 0, y, n, err)))
        goto done;
    next_save = o.save_every_s > 0 ? o.save_every_s : INFINITY;
    for (size_t k = 0; k < il_cell_protocol_count(p); k++) {
        const il_cell_step *s = il_cell_protocol_step(p, k);
        if (s->starts_cycle || cycle == 0) {
            if (push((void **)&res->cycles, &res->ccap, res->nc, sizeof *res->cycles)) {
                st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
                goto done;
            }
            il_cell_cycle *cy = &res->cycles[res->nc++];
            memset(cy, 0, sizeof *cy);
            cy->cycle = ++cycle;
        }
        il_cell_cycle *cy = &res->cycles[res->nc - 1];
        r.d.kind = s->kind;
        r.d.current_A_cm2 = s->kind == IL_CELL_STEP_CURRENT ? step_current(c, s) : 0;
        r.d.voltage_V = s->voltage_V;
        r.d.last_current = 0;
        r.v_hi = DEFAULT_V_HI, r.v_lo = DEFAULT_V_LO, r.i_end = 0;
        if (!isnan(s->until_voltage_V)) {
            if (r.d.current_A_cm2 >= 0)
                r.v_hi = s->until_voltage_V;
            else
                r.v_lo = s->until_voltage_V;
        }
        if (!isnan(s->until_current_A_cm2))
            r.i_end = s->until_current_A_cm2;
        double t_end = t + (s->duration_s > 0 ? s->duration_s : o.max_time_s);
        double q0 = y[c->iQ];
        il_cell_ledger l0;
        il__cell_ledger(c, y, &l0);
        if ((st = sample(res, &r, t, y, k, cycle, err)))
            goto done;
        /* a limit already met at the start ends the step at once */
        double g[N_ROOTS];
        roots(t, sv.y, g, &r);
        int done_now = (r.d.kind == IL_CELL_STEP_CURRENT &&
                        ((r.d.current_A_cm2 >= 0 && g[0] >= 0) || (r.d.current_A_cm2 < 0 && g[1] <= 0))) ||
                       (r.d.kind == IL_CELL_STEP_VOLTAGE && g[6] <= 0) ||
                       (r.d.current_A_cm2 > 0 && (g[2] <= 0 || g[5] <= 0)) ||
                       (r.d.current_A_cm2 < 0 && (g[3] <= 0 || g[4] <= 0));
        if (!done_now) {
            if (CVodeReInit(sv.mem, t, sv.y) || CVodeSetStopTime(sv.mem, t_end)) {
                st = il_error_set(err, IL_ERR_NUMERIC, "CVODE re-init failed: %s", r.solver_msg);
                goto done;
            }
            for (;;) {
                double t_prev = t;
                int flag = CVode(sv.mem, t_end, sv.y, &t, CV_ONE_STEP);
                if (flag < 0) {
                    st = il_error_set(err, IL_ERR_NUMERIC, "step %zu '%s' at t = %.6g s: %s",
                                      k + 1, s->text, t_prev, r.solver_msg);
                    goto done;
                }
                double *yi = N_VGetArrayPointer(sv.tmp);
                while (next_sample < t) {
                    if (next_sample > t_prev) {
                        CVodeGetDky(sv.mem, next_sample, 0, sv.tmp);
                        if ((st = sample(res, &r, next_sample, yi, k, cycle, err)))
                            goto done;
                    }
                    next_sample += o.sample_every_s;
                }
                while (next_save <= t && !(flag == CV_ROOT_RETURN && next_save == t)) {
                    CVodeGetDky(sv.mem, next_save, 0, sv.tmp);
                    if ((st = save_state(res, next_save, yi, n, err)))
                        goto done;
                    next_save += o.save_every_s;
                }
                if (o.progress)
                    o.progress(o.progress_user, t, NAN);
                if (flag == CV_ROOT_RETURN || flag == CV_TSTOP_RETURN || t >= t_end)
                    break;
            }
        }
        /* a hold's end current and the cut-off found by a root are exact here */
        cy = &res->cycles[res->nc - 1];
        double dq = y[c->iQ] - q0;
        il_cell_ledger l1;
        il__cell_ledger(c, y, &l1);
        if (dq > 0)
            cy->charge_uAh_cm2 += dq / 3.6e-3;
        else
            cy->discharge_uAh_cm2 += -dq / 3.6e-3;
        cy->immobilised_uAh_cm2 += (l1.immobilised - l0.immobilised) * IL_FARADAY / 3.6e-3;
        cy->coulombic_efficiency = cy->charge_uAh_cm2 > 0
                                       ? cy->discharge_uAh_cm2 / cy->charge_uAh_cm2 : NAN;
        if ((st = sample(res, &r, t, y, k, cycle, err)))
            goto done;
        if (next_sample <= t)
            next_sample = t + o.sample_every_s;
    }
    if (res->ns == 0 || res->state_t[res->ns - 1] < t)
        if ((st = save_state(res, t, y, n, err)))
            goto done;
    memcpy(c->y, y, n * sizeof *y);
done:
    solver_free(&sv);
    IL_RETURN_BUILT(st, res, il_cell_result_free, out);
}

void il_cell_result_free(il_cell_result *r)
{
    if (!r)
        return;
    il_cell_free(r->cell);
    free(r->samples);
    free(r->cycles);
    free(r->state_t);
    free(r->states);
    free(r);
}

size_t il_cell_result_n_samples(const il_cell_result *r) { return r->n; }
const il_cell_sample *il_cell_result_sample(const il_cell_result *r, size_t i)
{
    return i < r->n ? &r->samples[i] : NULL;
}
void il_cell_result_contact_extremes(const il_cell_result *r, il_cell_side side,
                                     double *min_contact_fraction, double *max_void_nm)
{
    double fmin = 1, vmax = 0;
    for (size_t i = 0; i < r->n; i++) {
        const il_cell_sample *s = &r->samples[i];
        fmin = fmin < s->contact_fraction[side] ? fmin : s->contact_fraction[side];
        vmax = vmax > s->void_nm[side] ? vmax : s->void_nm[side];
    }
    *min_contact_fraction = fmin;
    *max_void_nm = vmax;
}
size_t il_cell_result_n_cycles(const il_cell_result *r) { return r->nc; }
const il_cell_cycle *il_cell_result_cycle(const il_cell_result *r, size_t i)
{
    return i < r->nc ? &r->cycles[i] : NULL;
}
size_t il_cell_result_n_states(const il_cell_result *r) { return r->ns; }
double il_cell_result_state_time_s(const il_cell_result *r, size_t k)
{
    return k < r->ns ? r->state_t[k] : NAN;
}
const il_cell_params *il_cell_result_params(const il_cell_result *r) { return &r->cell->p; }

il_status il_cell_result_state_stack(const il_cell_result *r, size_t k, il_stack **out,
                                     il_error *err)
{
    *out = NULL;
    if (k >= r->ns)
        return il_error_set(err, IL_ERR_RANGE, "saved state %zu: the run saved %zu", k + 1, r->ns);
    return il__cell_state_stack(r->cell, r->states + k * r->cell->n_state, out, err);
}

il_status il_cell_stack(const il_cell *c, il_stack **out, il_error *err)
{
    return il__cell_state_stack(c, c->y, out, err);
}
