/* The one interlayer growth law (cell.h, docs/cell.md). Forming the interlayer needs Li+ and
 * an electron at the reaction front, so the two carriers cross the film in series with the
 * interface reaction: the growth current is the driving voltage over the sum of the three
 * area-specific resistances (Wagner's ambipolar picture, with Deal-Grove's reaction term and a
 * tunnelling channel for electrons through a thin insulating film). Figure 7's four interlayer
 * types are then four corners of (sigma_ion, sigma_el), not four coded cases:
 *   type 1 high/high  -> linear then parabolic, continuous;
 *   type 2 low/high   -> parabolic, continuous, limited by the ions;
 *   type 3 low/low    -> no growth (exactly 0 when a carrier cannot pass at all), high R;
 *   type 4 high/low   -> grows while electrons tunnel, then stops: logarithmic. */
#include <math.h>

#include "cell/cell_internal.h"
#include "interlayer/constants.h"
#include "interlayer/elements.h"

double il__cell_temperature_factor(double activation_eV, double T_K)
{
    if (activation_eV == 0 || T_K == IL_CELL_T_REF_K)
        return 1.0;
    double k_eV = IL_BOLTZMANN_J_PER_K / IL_ELEMENTARY_CHARGE_C;
    return exp(-activation_eV / k_eV * (1.0 / T_K - 1.0 / IL_CELL_T_REF_K));
}

double il_cell_growth_rate_nm_s(const il_cell_interlayer *p, double L_nm, double drive_V, double T_K)
{
    if (!p || !(drive_V > 0) || !(p->molar_volume_cm3_mol > 0))
        return 0.0;
    double f = il__cell_temperature_factor(p->activation_eV, T_K);
    double L_cm = (L_nm > 0 ? L_nm : 0) * 1e-7;
    double s_ion = p->ionic_conductivity_S_cm * f, s_el = p->electronic_conductivity_S_cm * f;
    /* electronic conductance per area: band conduction plus tunnelling */
    double g_el = (L_cm > 0 ? s_el / L_cm : (s_el > 0 ? INFINITY : 0));
    if (p->tunneling_conductance_S_cm2 > 0 && p->tunneling_length_nm > 0)
        g_el += p->tunneling_conductance_S_cm2 * exp(-L_nm / p->tunneling_length_nm);
    if (!(s_ion > 0) || !(g_el > 0))
        return 0.0; /* a carrier cannot pass: no growth at all */
    double r = p->reaction_resistance_ohm_cm2 + L_cm / s_ion + 1.0 / g_el;
    if (!(r > 0))
        return 0.0; /* a film of zero thickness with no reaction limit: caller's L0 > 0 */
    double i_A_cm2 = drive_V / r;
    return i_A_cm2 / IL_FARADAY * p->molar_volume_cm3_mol * 1e7;
}

double il_cell_interlayer_resistance_ohm_cm2(const il_cell_interlayer *p, double L_nm, double T_K)
{
    double s = p->ionic_conductivity_S_cm * il__cell_temperature_factor(p->activation_eV, T_K);
    if (!(s > 0))
        return INFINITY;
    return L_nm * 1e-7 / s;
}

double il_cell_li_metal_thickness_nm(double uAh_cm2, double density_g_cm3)
{
    const il_element *li = il_element_by_z(3);
    double M_Li = li->atomic_weight_u; /* g/mol: the element table's standard atomic weight */
    double rho = density_g_cm3 > 0 ? density_g_cm3 : 0.534;
    double mol = uAh_cm2 * 3.6e-3 / IL_FARADAY;
    return mol * M_Li / rho * 1e7;
}
