/* Contact of a stripped Li metal electrode (cell.h, il_cell_contact): power-law creep of the Li
 * under the stack pressure against the recession of its surface by stripping. Between two
 * samples both rates are constant, so the void depth moves linearly and is clamped to
 * [0, void_height]: the update is exact for a piecewise-constant current, no ODE needed. */
#include <math.h>

#include "interlayer/cell.h"
#include "interlayer/constants.h"

int il_cell_contact_enabled(const il_cell_contact *c)
{
    return c && c->creep_prefactor_MPa_n_s > 0 && c->creep_exponent > 0 &&
           c->creep_length_um > 0 && c->void_height_um > 0;
}

double il_cell_creep_strain_rate_s(const il_cell_contact *c, double stress_MPa, double T_K)
{
    if (!(stress_MPa > 0) || !(T_K > 0))
        return 0;
    double arrhenius = exp(-c->creep_activation_kJ_mol * 1e3 / (IL_GAS_CONSTANT_J_MOL_K * T_K));
    return c->creep_prefactor_MPa_n_s * pow(stress_MPa, c->creep_exponent) * arrhenius;
}

double il_cell_creep_resupply_nm_s(const il_cell_contact *c, double T_K)
{
    return il_cell_creep_strain_rate_s(c, c->stack_pressure_MPa, T_K) * c->creep_length_um * 1e3;
}

double il_cell_stripping_velocity_nm_s(double i_A_cm2, double density_g_cm3)
{
    /* i / F mol/cm2/s of Li; il_cell_li_metal_thickness_nm holds the molar volume M / rho
     * (1 uAh/cm2 = 3.6e-3 C/cm2), so 1 mAh/cm2 gives the same 4.85 um as everywhere else */
    return il_cell_li_metal_thickness_nm(i_A_cm2 / 3.6e-3, density_g_cm3);
}

double il_cell_stripping_ccd_A_cm2(const il_cell_contact *c, double T_K, double density_g_cm3)
{
    double per_A = il_cell_stripping_velocity_nm_s(1.0, density_g_cm3); /* nm/s at 1 A/cm2 */
    return il_cell_creep_resupply_nm_s(c, T_K) / per_A;
}

double il_cell_contact_advance(const il_cell_contact *c, double T_K, double density_g_cm3,
                               double strip_A_cm2, double dt_s, double *void_nm)
{
    double h_max = c->void_height_um * 1e3;
    double strip = strip_A_cm2 > 0 ? il_cell_stripping_velocity_nm_s(strip_A_cm2, density_g_cm3)
                                   : 0;
    double h = *void_nm + (strip - il_cell_creep_resupply_nm_s(c, T_K)) * (dt_s > 0 ? dt_s : 0);
    h = h < 0 ? 0 : (h > h_max ? h_max : h);
    *void_nm = h;
    return 1 - h / h_max;
}

const char *il_cell_contact_assumptions(void)
{
    return "stripping CCD = current at which power-law creep of the Li (stack pressure as the "
           "uniaxial stress, strain rate x creep length as the resupply velocity) equals the "
           "stripping recession i V_m/F; voids fill the interface's roughness linearly "
           "(contact fraction = 1 - void depth / void height); no vacancy diffusion, no "
           "feedback on the voltage; plating (dendrite) limits are not modelled";
}
