/* Q values from atomic masses and the breakup of a system at rest into two bodies (see
 * nuclear.h). Ion-beam reactions in flight (NRA) will add the projectile's momentum here. */
#include <math.h>

#include "interlayer/elements.h"
#include "interlayer/nuclear.h"

il_status il_reaction_q_keV(il_nuclide target, il_nuclide projectile, il_nuclide light,
                            il_nuclide heavy, double excitation_keV, double *Q_keV, il_error *err)
{
    if (target.Z + projectile.Z != light.Z + heavy.Z ||
        target.A + projectile.A != light.A + heavy.A)
        return il_error_set(err, IL_ERR_INVALID,
                            "reaction (Z, A) (%d, %d) + (%d, %d) -> (%d, %d) + (%d, %d) does not "
                            "conserve charge and nucleon number",
                            target.Z, target.A, projectile.Z, projectile.A, light.Z, light.A,
                            heavy.Z, heavy.A);
    double mt, mp, m1, m2;
    il_status st;
    if ((st = il_nuclide_mass_u(target.Z, target.A, &mt, err)) ||
        (st = il_nuclide_mass_u(projectile.Z, projectile.A, &mp, err)) ||
        (st = il_nuclide_mass_u(light.Z, light.A, &m1, err)) ||
        (st = il_nuclide_mass_u(heavy.Z, heavy.A, &m2, err)))
        return st;
    *Q_keV = (mt + mp - m1 - m2) * IL_U_keV - excitation_keV;
    return IL_OK;
}

il_status il_two_body_at_rest(double Q_keV, double m1_u, double m2_u, double *E1_keV,
                              double *E2_keV, il_error *err)
{
    if (!(Q_keV >= 0) || !isfinite(Q_keV))
        return il_error_set(err, IL_ERR_INVALID,
                            "Q = %g keV: a system at rest breaks up only with Q >= 0", Q_keV);
    if (!(m1_u > 0) || !(m2_u > 0) || !isfinite(m1_u) || !isfinite(m2_u))
        return il_error_set(err, IL_ERR_INVALID, "product masses %g u and %g u must be > 0",
                            m1_u, m2_u);
    double m1 = m1_u * IL_U_keV, m2 = m2_u * IL_U_keV, M = m1 + m2 + Q_keV;
    /* ((M - m1)² - m2²) / 2M written as a product, so that no two numbers of size M² cancel */
    if (E1_keV)
        *E1_keV = Q_keV * (Q_keV + 2 * m2) / (2 * M);
    if (E2_keV)
        *E2_keV = Q_keV * (Q_keV + 2 * m1) / (2 * M);
    return IL_OK;
}
