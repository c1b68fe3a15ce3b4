/* Neutron scattering lengths and cross sections of one nuclide, from the embedded table of
 * Rauch & Waschkowski (2003) (see include/interlayer/scattering.h, data/scattering/). */
#include <math.h>

#include "interlayer/elements.h"
#include "interlayer/scattering.h"
#include "physics/scattering/scattering_tables.h"

static const il_row_neutron_b *find_row(int Z, int A)
{
    const il_row_neutron_b *only = NULL;
    int nisotopes = 0;
    for (size_t i = 0; i < il_tab_neutron_b_count; i++) {
        const il_row_neutron_b *r = &il_tab_neutron_b[i];
        if (r->Z != Z)
            continue;
        if (r->A == A)
            return r;
        /* natural element asked for, tabulated only as its isotopes: a mono-isotopic element
         * has one row with 100 % abundance */
        if (A == 0 && r->A > 0 && r->abundance_pct >= 99.9) {
            only = r;
            nisotopes++;
        }
    }
    return nisotopes == 1 ? only : NULL;
}

static const char *symbol(int Z)
{
    const il_element *el = il_element_by_z(Z);
    return el ? el->symbol : "?";
}

/* The row of (Z, A), or IL_ERR_NOT_FOUND naming the element or isotope. */
static il_status lookup(int Z, int A, const il_row_neutron_b **row, il_error *err)
{
    *row = find_row(Z, A);
    if (*row)
        return IL_OK;
    if (A == 0)
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "no neutron scattering length for element Z = %d (%s)", Z, symbol(Z));
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "no neutron scattering length for isotope %d%s (Z = %d, A = %d)", A,
                        symbol(Z), Z, A);
}

il_status il_scattering_neutron_b(int Z, int A, double wavelength_A, double *b_re_fm,
                                  double *b_im_fm, il_error *err)
{
    if (!(wavelength_A > 0.0) || !isfinite(wavelength_A))
        return il_error_set(err, IL_ERR_INVALID, "neutron wavelength %g Å must be > 0",
                            wavelength_A);
    const il_row_neutron_b *r;
    il_status st = lookup(Z, A, &r, err);
    if (st)
        return st;
    if (!isfinite(r->b_c_fm))
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "the table gives no coherent scattering length for %d%s", r->A,
                            symbol(Z));
    double bim = 0.0;
    if (r->energy_dependent[0] == 'E' && isfinite(r->b_c_imag_fm)) {
        bim = r->b_c_imag_fm; /* resonant absorber: thermal value as tabulated */
    } else if (isfinite(r->sigma_abs_barn)) {
        /* b'' = σ(λ)/(2λ), σ(λ) = σ_thermal·λ/λ_thermal; barn/Å → fm: 1e-8 Å² / Å = 1e-3 fm */
        double sigma = r->sigma_abs_barn * wavelength_A / IL_NEUTRON_THERMAL_WAVELENGTH_A;
        bim = -sigma / (2.0 * wavelength_A) * 1e-3;
    }
    if (b_re_fm)
        *b_re_fm = r->b_c_fm;
    if (b_im_fm)
        *b_im_fm = bim;
    return IL_OK;
}

il_status il_scattering_neutron_sigma(int Z, int A, double *sigma_abs_b, double *sigma_inc_b,
                                      il_error *err)
{
    const il_row_neutron_b *r;
    il_status st = lookup(Z, A, &r, err);
    if (st)
        return st;
    if (sigma_abs_b)
        *sigma_abs_b = r->sigma_abs_barn;
    if (sigma_inc_b)
        *sigma_inc_b = r->sigma_inc_barn;
    return IL_OK;
}
