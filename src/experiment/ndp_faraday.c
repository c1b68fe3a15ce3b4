/* Charge bookkeeping: one electron per Li moved (LiCoO2 -> Li(1-x)CoO2 + x Li+ + x e-). */
#include <math.h>

#include "interlayer/ndp_series.h"

double il_ndp_li_atoms_to_uAh(double atoms_cm2)
{
    return atoms_cm2 * IL_ELEMENTARY_CHARGE_C / 3.6e-3;
}

double il_ndp_uAh_to_li_atoms(double uAh_cm2)
{
    return uAh_cm2 * 3.6e-3 / IL_ELEMENTARY_CHARGE_C;
}

il_status il_ndp_faraday_balance(double q, double area_cm2, double lost, double lost_sigma,
                                 il_ndp_faraday *out, il_error *err)
{
    if (!(area_cm2 > 0) || !isfinite(area_cm2))
        return il_error_set(err, IL_ERR_INVALID, "cell area = %g cm2; must be > 0", area_cm2);
    if (!isfinite(q) || !isfinite(lost))
        return il_error_set(err, IL_ERR_INVALID, "charge and Li amounts must be finite");
    out->charge_C = q;
    out->li_expected_atoms_cm2 = q / (IL_ELEMENTARY_CHARGE_C * area_cm2);
    out->li_expected_uAh_cm2 = q / 3.6e-3 / area_cm2;
    out->li_measured_atoms_cm2 = lost;
    out->li_measured_sigma_atoms_cm2 = lost_sigma;
    out->ratio = q != 0 ? lost / out->li_expected_atoms_cm2 : NAN;
    return IL_OK;
}

size_t il_ndp_growth_first(const double *amount, const double *sigma, size_t n, double nsigma,
                           int consecutive)
{
    if (consecutive < 1)
        consecutive = 1;
    int run = 0;
    for (size_t i = 0; i < n; i++) {
        if (amount[i] > nsigma * sigma[i] && amount[i] > 0)
            run++;
        else
            run = 0;
        if (run >= consecutive)
            return i + 1 - (size_t)consecutive;
    }
    return n;
}
