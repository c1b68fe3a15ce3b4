/* Electron microscopy for the advisor. TEM-EELS resolves the interface in a lamella at the
 * table's resolution; the lamella has to be cut (FIB) from the cell. Electron holography sees
 * the electrostatic potential: across a space-charge step ΔV a lamella of thickness t shifts
 * the electron phase by Δφ = C_E ΔV t (C_E, il_electron_interaction_constant), to be compared
 * with the phase resolution of the hologram: Δφ >= 3 δφ works, >= δφ marginal. The potential
 * step is the user's (option eh_potential_V) until the cell layer's space-charge model exists. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advise/advise_priv.h"
#include "interlayer/constants.h"
#include "interlayer/scattering.h"

double il_electron_interaction_constant(double voltage_kV)
{
    if (!(voltage_kV > 0))
        return NAN;
    double E0 = IL_ELECTRON_MASS_U * IL_U_keV; /* m c², keV */
    double E = voltage_kV;
    double lambda_m = IL_HC_keV_A / sqrt(E * (E + 2 * E0)) * 1e-10;
    return 2 * IL_PI / lambda_m * (E + E0) / (E * (E + 2 * E0)) / 1e3; /* per volt */
}

il_status il_electron_holography_phase(const double *potential_V, size_t n, double lamella_nm,
                                       double voltage_kV, double *phase_rad, double *step_rad,
                                       il_error *err)
{
    if (!potential_V || n == 0)
        return il_error_set(err, IL_ERR_INVALID, "holography: no potential profile");
    if (!(lamella_nm > 0) || !(voltage_kV > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "holography: lamella %g nm and voltage %g kV must be > 0", lamella_nm,
                            voltage_kV);
    double k = il_electron_interaction_constant(voltage_kV) * lamella_nm * 1e-9;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(potential_V[i]))
            return il_error_set(err, IL_ERR_INVALID, "holography: potential %zu is not finite",
                                i + 1);
        double p = k * potential_V[i];
        if (phase_rad)
            phase_rad[i] = p;
        lo = fmin(lo, p);
        hi = fmax(hi, p);
    }
    if (step_rad)
        *step_rad = hi - lo;
    return IL_OK;
}

il_status il__adv_electron(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    const il_advise_options *o = c->o;
    double res = a->technique->depth_res_min_nm;
    a->depth_resolution_nm = res;
    il__adv_change(a, "a FIB lamella < 100 nm thick across the interface (destructive)%s",
                   o->operando ? "; operando only as a purpose-built nanobattery" : "");
    if (!strcmp(a->technique->id, "eh")) {
        double ce = il_electron_interaction_constant(o->eh_voltage_kV);
        double dphi = ce * fabs(o->eh_potential_V) * o->eh_lamella_nm * 1e-9;
        if (o->eh_profile_V && o->eh_profile_n) {
            il_status st = il_electron_holography_phase(o->eh_profile_V, o->eh_profile_n,
                                                        o->eh_lamella_nm, o->eh_voltage_kV, NULL,
                                                        &dphi, err);
            if (st)
                return st;
        }
        double r = dphi / o->eh_phase_resolution_rad;
        a->reach = dphi;
        il__adv_judge(a, r >= 3 ? IL_VERDICT_WORKS : r >= 1 ? IL_VERDICT_MARGINAL : IL_VERDICT_CANNOT,
                      "phase step %.3f rad (C_E %.3g rad/V/m at %.0f kV, %.2f V over a %.0f nm "
                      "lamella) vs resolution %.3f rad",
                      dphi, ce, o->eh_voltage_kV, dphi / (ce * o->eh_lamella_nm * 1e-9),
                      o->eh_lamella_nm,
                      o->eh_phase_resolution_rad);
        if (o->operando)
            il__adv_judge(a, IL_VERDICT_MARGINAL,
                          "operando only in a nanobattery < 100 nm thick (review Sec. 5)");
        if (r < 3)
            il__adv_change(a, "a thicker lamella or averaged holograms (phase resolution)");
        if (o->wants & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE))
            snprintf(a->caveat, sizeof a->caveat,
                     "%s; Li follows from the potential only through a space-charge model",
                     a->technique->limitation);
        return IL_OK;
    }
    il__adv_judge(a, il__adv_scale(res, o->resolution_nm),
                  "spatial resolution ~%.1f nm in the lamella (review Sec. %s)", res,
                  a->technique->section);
    if (o->operando)
        il__adv_judge(a, IL_VERDICT_MARGINAL,
                      "operando only in a nanobattery < 100 nm thick, not in this cell (review "
                      "Sec. 5)");
    return IL_OK;
}
