/* X-ray spectroscopies and scattering for the advisor: how much of the signal still comes from
 * the interface after the matter above it, with the information depths of physics/xray (TPP-2M
 * electron IMFPs, xraylib attenuation, grazing-incidence penetration). For each layer above the
 * interface the signal falls by exp(-d / L) with L its attenuation length for that signal; the
 * share left at the interface is e^-τ, τ = Σ d / L: works for τ <= 1, marginal up to 3 (5 %),
 * cannot beyond. Energies: HAXPES at 8 keV, TEY by its ~10 eV secondary electrons (Seah-Dench
 * escape, not the IMFP of the O KLL Auger electrons, which gave 4 nm for ~10 nm), TFY soft at the
 * O K edge (545 eV in, 525 eV out) or hard (8 keV in, 7 keV out), GIXRD at 18 keV and 3°. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advise/advise_priv.h"
#include "interlayer/constants.h"
#include "interlayer/xray_depth.h"

typedef enum { SIG_ELECTRON, SIG_TEY, SIG_FLUO, SIG_GRAZING } sig_kind;

/* attenuation length (nm) of the signal in layer i */
static il_status att_len(const il__adv_ctx *c, size_t i, sig_kind k, double e1, double e2,
                         double *L, il_error *err)
{
    il_composition comp;
    il_status st = il__adv_comp(c->s, i, &comp, err);
    if (st)
        return st;
    const il_layer *l = il_stack_layer(c->s, i);
    double rho = l->density_g_cm3;
    switch (k) {
    case SIG_ELECTRON: {
        /* TPP-2M needs a band gap: 0 for an element (metal or semiconductor alike: the gap term
         * changes β by a few %), 5 eV for compounds, typical of the oxides and phosphates here */
        double eg = comp.n <= 1 ? 0.0 : 5.0;
        return il_electron_imfp_tpp2m_nm(&comp, rho, eg, e1, L, err);
    }
    case SIG_TEY:
        return il_electron_attenuation_seah_dench_nm(&comp, rho, IL_TEY_SECONDARY_eV, L, err);
    case SIG_FLUO:
        return il_xray_fluorescence_depth_nm(&comp, rho, e1, IL_PI / 2, e2, IL_PI / 4, L, err);
    default:
        return il_xray_grazing_depth_nm(&comp, rho, e1, e2, L, err);
    }
}

static il_status tau_above(const il__adv_ctx *c, sig_kind k, double e1, double e2, double *tau,
                           double *L_top, il_error *err)
{
    *tau = 0;
    for (size_t i = 0; i <= c->upper; i++) {
        double L = 0;
        il_status st = att_len(c, i, k, e1, e2, &L, err);
        if (st)
            return st;
        if (i == 0)
            *L_top = L;
        *tau += il_stack_layer(c->s, i)->thickness_nm / L;
    }
    return IL_OK;
}

static void judge_tau(const il__adv_ctx *c, il_advice *a, const char *what, double info_nm,
                      double tau)
{
    il_verdict v = tau <= 1 ? IL_VERDICT_WORKS : tau <= 3 ? IL_VERDICT_MARGINAL : IL_VERDICT_CANNOT;
    a->reach = exp(-tau);
    il__adv_judge(a, v, "%s ~%.3g nm in the top layer; interface %.0f nm deep: signal share %s%.2g",
                  what, info_nm, c->depth_nm, tau > 700 ? "< 1e-300, tau " : "",
                  tau > 700 ? tau : exp(-tau));
}

il_status il__adv_xray(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    const char *id = a->technique->id;
    double tau = 0, L = 0;
    il_status st = IL_OK;
    if (!strcmp(id, "haxpes")) {
        if ((st = tau_above(c, SIG_ELECTRON, 8000 - 100, 0, &tau, &L, err)))
            return st;
        judge_tau(c, a, "information depth (3 IMFP, 8 keV photons)", 3 * L, tau);
        a->depth_resolution_nm = 3 * L;
        if (tau > 1)
            il__adv_change(a, "sputter or cleave to within ~%.0f nm of the interface", 3 * L);
    } else if (!strcmp(id, "xas-tey")) {
        if ((st = tau_above(c, SIG_TEY, 0, 0, &tau, &L, err)))
            return st;
        judge_tau(c, a, "electron-yield depth (3 escape lengths of ~10 eV secondaries)", 3 * L,
                  tau);
        a->depth_resolution_nm = 3 * L;
        if (tau > 1)
            il__adv_change(a, "TFY or hard X-rays for buried interfaces");
    } else if (!strcmp(id, "xas-tfy")) {
        double tau_s = 0, Ls = 0;
        if ((st = tau_above(c, SIG_FLUO, 0.545, 0.525, &tau_s, &Ls, err)) ||
            (st = tau_above(c, SIG_FLUO, 8.0, 7.0, &tau, &L, err)))
            return st;
        if (tau_s <= tau) {
            judge_tau(c, a, "soft TFY depth (O K edge)", Ls, tau_s);
            L = Ls;
        } else {
            judge_tau(c, a, "hard TFY depth (8 keV in, 7 keV out)", L, tau);
        }
        /* fluorescence carries no depth scale of its own: its depth is the information depth */
        if (c->o->wants & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS))
            il__adv_judge(a, il__adv_scale(L, c->o->resolution_nm),
                          "no depth scale below the information depth %.0f nm", L);
    } else if (!strcmp(id, "gixrd")) {
        if ((st = tau_above(c, SIG_GRAZING, 18.0, 3.0 * IL_PI / 180, &tau, &L, err)))
            return st;
        judge_tau(c, a, "penetration at 18 keV, 3 deg", L, tau);
        if (tau <= 1)
            snprintf(a->caveat, sizeof a->caveat,
                     "%s; the layers above diffract too: only phases unique to the interlayer "
                     "identify it",
                     a->technique->limitation);
        if (c->o->wants & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS))
            il__adv_judge(a, IL_VERDICT_MARGINAL,
                          "depth selectivity by angle only within the top ~%.0f nm", L);
    } else { /* X-ray imaging: resolution, not reach, decides (hard X-rays cross the cell) */
        double res = a->technique->depth_res_min_nm;
        a->depth_resolution_nm = res;
        il__adv_judge(a, il__adv_scale(res, c->o->resolution_nm),
                      "best resolution %.0f nm (TXM, review Sec. 4.4.4) vs %.0f nm wanted", res,
                      c->o->resolution_nm);
    }
    return IL_OK;
}
