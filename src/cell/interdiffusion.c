/* Interdiffusion of one species across a stack's layers during an annealing programme
 * (cell.h): finite volumes, uniform inside each layer, integrated by CVODE (BDF) step by step
 * of the temperature programme. The unknown is the species' concentration (atoms/cm3); the
 * flux across a face is -D dc/dx with the two half-volumes' resistances in series (harmonic
 * mean of D at a layer boundary), so the amount is conserved exactly by the fluxes. */
#include <cvode/cvode.h>
#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunmatrix/sunmatrix_band.h>

#include "cell/cell_internal.h"
#include "interlayer/constants.h"
#include "matter/layer_respec.h"

typedef struct {
    size_t n;
    double *dx;    /* cm, per volume */
    double *D0, *Ea; /* per volume */
    double *D;     /* at the current temperature */
    double *g;     /* n - 1 face conductances D/dx (cm/s) */
} grid;

static void set_temperature(grid *G, double T)
{
    double kT = IL_BOLTZMANN_J_PER_K * T / IL_ELEMENTARY_CHARGE_C;
    for (size_t j = 0; j < G->n; j++)
        G->D[j] = G->D0[j] > 0 ? G->D0[j] * exp(-G->Ea[j] / kT) : 0;
    for (size_t j = 0; j + 1 < G->n; j++) {
        double r = (G->D[j] > 0 ? 0.5 * G->dx[j] / G->D[j] : INFINITY) +
                   (G->D[j + 1] > 0 ? 0.5 * G->dx[j + 1] / G->D[j + 1] : INFINITY);
        G->g[j] = isfinite(r) && r > 0 ? 1.0 / r : 0;
    }
}

static int rhs(sunrealtype t, N_Vector y, N_Vector yd, void *user)
{
    (void)t;
    const grid *G = user;
    const double *c = N_VGetArrayPointer(y);
    double *d = N_VGetArrayPointer(yd);
    for (size_t j = 0; j < G->n; j++)
        d[j] = 0;
    for (size_t j = 0; j + 1 < G->n; j++) {
        double J = G->g[j] * (c[j] - c[j + 1]); /* atoms/cm2/s toward j + 1 */
        d[j] -= J;
        d[j + 1] += J;
    }
    for (size_t j = 0; j < G->n; j++)
        d[j] /= G->dx[j];
    return 0;
}

/* The species' atoms/cm3 in a layer as built (element: all isotopes; isotope: that one). */
static double species_cm3(const il_layer *l, int Z, int A, double *element_cm3)
{
    il_layer_isotope iso[64];
    size_t n = il_layer_isotopes(l, iso, 64);
    double c = 0, e = 0;
    for (size_t k = 0; k < n; k++)
        if (iso[k].Z == Z) {
            e += iso[k].atoms_cm3;
            if (A == 0 || iso[k].A == A)
                c += iso[k].atoms_cm3;
        }
    *element_cm3 = e;
    return c;
}

il_status il_interdiffusion_run(const il_stack *s, int Z, int A, const il_diffusivity *d,
                                const il_anneal_step *prog, size_t n_steps, size_t nv,
                                il_stack **out, il_error *err)
{
    *out = NULL;
    if (nv == 0)
        nv = 40;
    if (nv < 2 || nv > IL_CELL_MAX_VOLUMES)
        return il_error_set(err, IL_ERR_INVALID, "volumes per layer %zu: expected 2..%d", nv,
                            IL_CELL_MAX_VOLUMES);
    if (Z < 1 || Z > 92 || A < 0)
        return il_error_set(err, IL_ERR_INVALID, "species Z=%d A=%d: not an element or isotope", Z, A);
    size_t nl = il_stack_count(s);
    if (nl && il_stack_layer(s, nl - 1)->is_substrate)
        nl--;
    if (nl == 0)
        return il_error_set(err, IL_ERR_INVALID, "interdiffusion needs a finite layer");
    for (size_t i = 0; i < nl; i++)
        if (!(d[i].D0_cm2_s >= 0) || !(d[i].activation_eV >= 0))
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: D0 and the activation energy "
                                                     "must be >= 0", i + 1);
    for (size_t k = 0; k < n_steps; k++)
        if (!(prog[k].temperature_K > 0) || !(prog[k].duration_s >= 0))
            return il_error_set(err, IL_ERR_INVALID, "annealing step %zu: temperature > 0 K and "
                                                     "duration >= 0 needed", k + 1);
    size_t n = nl * nv;
    grid G = {.n = n};
    G.dx = calloc(n, sizeof *G.dx), G.D0 = calloc(n, sizeof *G.D0), G.Ea = calloc(n, sizeof *G.Ea);
    G.D = calloc(n, sizeof *G.D), G.g = calloc(n, sizeof *G.g);
    SUNContext ctx = NULL;
    N_Vector y = NULL;
    SUNMatrix M = NULL;
    SUNLinearSolver LS = NULL;
    void *mem = NULL;
    il_stack *res = NULL;
    il_status st = IL_OK;
    if (!G.dx || !G.D0 || !G.Ea || !G.D || !G.g || SUNContext_Create(NULL, &ctx) ||
        !(y = N_VNew_Serial((sunindextype)n, ctx))) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    double *c = N_VGetArrayPointer(y), cmax = 0;
    for (size_t i = 0; i < nl; i++) {
        const il_layer *l = il_stack_layer(s, i);
        double el;
        double ci = species_cm3(l, Z, A, &el);
        for (size_t j = 0; j < nv; j++) {
            size_t v = i * nv + j;
            G.dx[v] = l->thickness_nm * 1e-7 / (double)nv;
            G.D0[v] = d[i].D0_cm2_s, G.Ea[v] = d[i].activation_eV;
            c[v] = ci;
        }
        cmax = fmax(cmax, ci);
    }
    mem = CVodeCreate(CV_BDF, ctx);
    M = SUNBandMatrix((sunindextype)n, 1, 1, ctx);
    LS = SUNLinSol_Band(y, M, ctx);
    if (!mem || !M || !LS || CVodeInit(mem, rhs, 0.0, y) ||
        CVodeSStolerances(mem, 1e-9, 1e-12 * (cmax > 0 ? cmax : 1)) ||
        CVodeSetLinearSolver(mem, LS, M) || CVodeSetUserData(mem, &G) ||
        CVodeSetMaxNumSteps(mem, 1000000)) {
        st = il_error_set(err, IL_ERR_NUMERIC, "CVODE set-up failed");
        goto done;
    }
    double t = 0;
    for (size_t k = 0; k < n_steps; k++) {
        if (prog[k].duration_s == 0)
            continue;
        set_temperature(&G, prog[k].temperature_K);
        double t_end = t + prog[k].duration_s;
        if (CVodeReInit(mem, t, y) || CVodeSetStopTime(mem, t_end) ||
            CVode(mem, t_end, y, &t, CV_NORMAL) < 0) {
            st = il_error_set(err, IL_ERR_NUMERIC, "annealing step %zu (%.6g K, %.6g s): the "
                                                   "integration failed", k + 1,
                              prog[k].temperature_K, prog[k].duration_s);
            goto done;
        }
    }
    if ((st = il_stack_clone(s, &res, err)))
        goto done;
    for (size_t i = 0; i < nl && !st; i++) {
        const il_layer *l = il_stack_layer(s, i);
        double fu = il__layer_formula_units_cm3(l), el;
        double nominal = species_cm3(l, Z, A, &el);
        (void)nominal;
        il_layer_profile p;
        memset(&p, 0, sizeof p);
        p.Z = Z, p.A = A, p.kind = IL_PROFILE_LINEAR, p.n = nv;
        for (size_t j = 0; j < nv; j++) {
            p.depth_nm[j] = ((double)j + 0.5) * l->thickness_nm / (double)nv;
            p.value[j] = fu > 0 ? fmax(c[i * nv + j], 0) / fu : 0;
        }
        st = il_stack_add_profile(res, i, &p, err);
        if (st || A == 0)
            continue;
        /* the other isotopes of Z share the rest of the element, in their proportion */
        il_layer_isotope iso[64];
        size_t ni = il_layer_isotopes(l, iso, 64);
        double others = el - nominal;
        for (size_t q = 0; q < ni && !st; q++) {
            if (iso[q].Z != Z || iso[q].A == A || !(others > 0))
                continue;
            il_layer_profile o;
            memset(&o, 0, sizeof o);
            o.Z = Z, o.A = iso[q].A, o.kind = IL_PROFILE_LINEAR, o.n = nv;
            double share = iso[q].atoms_cm3 / others;
            for (size_t j = 0; j < nv; j++) {
                o.depth_nm[j] = p.depth_nm[j];
                o.value[j] = fu > 0 ? fmax(el - c[i * nv + j], 0) * share / fu : 0;
            }
            st = il_stack_add_profile(res, i, &o, err);
        }
        if (!st && !(others > 0) && el > 0 && nominal >= el) {
            /* the layer held only this isotope: the incoming partner is the element's natural
             * rest, which the profile of the isotope alone cannot say; leave it at zero */
        }
    }
    if (st) {
        il_stack_free(res);
        res = NULL;
    }
done:
    if (mem)
        CVodeFree(&mem);
    if (LS)
        SUNLinSolFree(LS);
    if (M)
        SUNMatDestroy(M);
    if (y)
        N_VDestroy(y);
    if (ctx)
        SUNContext_Free(&ctx);
    free(G.dx), free(G.D0), free(G.Ea), free(G.D), free(G.g);
    *out = res;
    return st;
}
