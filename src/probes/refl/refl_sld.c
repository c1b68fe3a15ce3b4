/* Neutron and X-ray SLD from composition (see include/interlayer/refl_sld.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xraylib.h>

#include "interlayer/elements.h"
#include "interlayer/refl_sld.h"
#include "probes/refl/refl_tables.h"

/* Classical electron radius, Å (CODATA 2018). */
#define R_E_A 2.8179403262e-5
/* N_A·1e-24: atoms per Å³ from (g/cm³)/(g/mol). */
#define NA_PER_A3 0.602214076

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

il_status il_refl_neutron_b(int Z, int A, double wavelength_A, double *b_re_fm, double *b_im_fm,
                            il_error *err)
{
    if (!(wavelength_A > 0.0) || !isfinite(wavelength_A))
        return il_error_set(err, IL_ERR_INVALID, "neutron wavelength %g Å must be > 0",
                            wavelength_A);
    const il_row_neutron_b *r = find_row(Z, A);
    const il_element *el = il_element_by_z(Z);
    const char *sym = el ? el->symbol : "?";
    if (!r) {
        if (A == 0)
            return il_error_set(err, IL_ERR_NOT_FOUND,
                                "no neutron scattering length for element Z = %d (%s)", Z, sym);
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "no neutron scattering length for isotope %d%s (Z = %d, A = %d)", A,
                            sym, Z, A);
    }
    if (!isfinite(r->b_c_fm))
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "the table gives no coherent scattering length for %d%s", r->A, sym);
    double bim = 0.0;
    if (r->energy_dependent[0] == 'E' && isfinite(r->b_c_imag_fm)) {
        bim = r->b_c_imag_fm; /* resonant absorber: thermal value as tabulated */
    } else if (isfinite(r->sigma_abs_barn)) {
        /* b'' = σ(λ)/(2λ), σ(λ) = σ_thermal·λ/λ_thermal; barn/Å → fm: 1e-8 Å² / Å = 1e-3 fm */
        double sigma = r->sigma_abs_barn * wavelength_A / IL_REFL_THERMAL_WAVELENGTH_A;
        bim = -sigma / (2.0 * wavelength_A) * 1e-3;
    }
    if (b_re_fm)
        *b_re_fm = r->b_c_fm;
    if (b_im_fm)
        *b_im_fm = bim;
    return IL_OK;
}

static il_status check_composition(const int *Z, const double *atoms, size_t n, il_error *err)
{
    if (n == 0 || !Z || !atoms)
        return il_error_set(err, IL_ERR_INVALID, "empty composition");
    for (size_t i = 0; i < n; i++) {
        if (!il_element_by_z(Z[i]))
            return il_error_set(err, IL_ERR_INVALID, "composition entry %zu: Z = %d is not 1..%d",
                                i, Z[i], IL_Z_MAX);
        if (!(atoms[i] >= 0.0) || !isfinite(atoms[i]))
            return il_error_set(err, IL_ERR_INVALID,
                                "composition entry %zu: %g atoms per formula unit", i, atoms[i]);
    }
    return IL_OK;
}

il_status il_refl_molar_mass(const int *Z, const int *A, const double *atoms, size_t n,
                             double *g_mol, il_error *err)
{
    il_status st = check_composition(Z, atoms, n, err);
    if (st)
        return st;
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        double mi;
        if (A && A[i] > 0) {
            if ((st = il_nuclide_mass_u(Z[i], A[i], &mi, err)))
                return st;
        } else {
            mi = il_element_by_z(Z[i])->atomic_weight_u;
            if (!isfinite(mi))
                return il_error_set(err, IL_ERR_NOT_FOUND,
                                    "%s has no standard atomic weight; give the isotope",
                                    il_element_by_z(Z[i])->symbol);
        }
        m += atoms[i] * mi;
    }
    *g_mol = m;
    return IL_OK;
}

/* Formula units per Å³. */
static il_status formula_density(const int *Z, const int *A, const double *atoms, size_t n,
                                 double density_g_cm3, double molar_mass_g_mol, double *out,
                                 il_error *err)
{
    if (!(density_g_cm3 >= 0.0) || !isfinite(density_g_cm3))
        return il_error_set(err, IL_ERR_INVALID, "mass density %g g/cm³ must be >= 0",
                            density_g_cm3);
    double M = molar_mass_g_mol;
    if (!(M > 0.0)) {
        il_status st = il_refl_molar_mass(Z, A, atoms, n, &M, err);
        if (st)
            return st;
        if (!(M > 0.0))
            return il_error_set(err, IL_ERR_INVALID, "composition has zero mass");
    }
    *out = density_g_cm3 / M * NA_PER_A3;
    return IL_OK;
}

il_status il_refl_sld_neutron(const int *Z, const int *A, const double *atoms, size_t n,
                              double density_g_cm3, double molar_mass_g_mol, double wavelength_A,
                              unsigned flags, double *sld_re_1e6, double *sld_im_1e6,
                              il_error *err)
{
    il_status st = check_composition(Z, atoms, n, err);
    double nf;
    if (st || (st = formula_density(Z, A, atoms, n, density_g_cm3, molar_mass_g_mol, &nf, err)))
        return st;
    double re = 0.0, im = 0.0;
    for (size_t i = 0; i < n; i++) {
        double bre, bim;
        int Ai = A ? A[i] : 0;
        if ((st = il_refl_neutron_b(Z[i], Ai, wavelength_A, &bre, &bim, err)))
            return st;
        if (flags & IL_REFL_SLD_INCOHERENT) {
            const il_row_neutron_b *r = find_row(Z[i], Ai);
            if (r && isfinite(r->sigma_inc_barn))
                bim -= r->sigma_inc_barn / (2.0 * wavelength_A) * 1e-3;
        }
        re += atoms[i] * bre;
        im += atoms[i] * bim;
    }
    /* N (Å⁻³) · b (fm = 1e-5 Å) → Å⁻²; in 1e-6 Å⁻² that is a factor 10 */
    if (sld_re_1e6)
        *sld_re_1e6 = nf * re * 10.0;
    if (sld_im_1e6)
        *sld_im_1e6 = -nf * im * 10.0; /* positive = absorbing */
    return IL_OK;
}

il_status il_refl_sld_xray(const int *Z, const int *A, const double *atoms, size_t n,
                           double density_g_cm3, double molar_mass_g_mol, double energy_keV,
                           double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    il_status st = check_composition(Z, atoms, n, err);
    double nf;
    if (st || (st = formula_density(Z, A, atoms, n, density_g_cm3, molar_mass_g_mol, &nf, err)))
        return st;
    if (!(energy_keV > 0.0) || !isfinite(energy_keV))
        return il_error_set(err, IL_ERR_INVALID, "photon energy %g keV must be > 0", energy_keV);
    double f1 = 0.0, f2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        xrl_error *xe = NULL;
        double fp = Fi(Z[i], energy_keV, &xe);
        double fpp = xe ? 0.0 : Fii(Z[i], energy_keV, &xe);
        if (xe) {
            st = il_error_set(err, IL_ERR_RANGE, "xraylib: Z = %d at %g keV: %s", Z[i],
                              energy_keV, xe->message);
            xrl_error_free(xe);
            return st;
        }
        f1 += atoms[i] * (Z[i] + fp);
        /* xraylib returns f'' with a negative sign (f = f0 + f' - i f''); absorption is f2 > 0 */
        f2 += atoms[i] * fabs(fpp);
    }
    if (sld_re_1e6)
        *sld_re_1e6 = R_E_A * nf * f1 * 1e6;
    if (sld_im_1e6)
        *sld_im_1e6 = R_E_A * nf * f2 * 1e6;
    return IL_OK;
}

/* Lower-case copy without spaces, '-', '_' and with "α" spelled "a". */
static void squash(const char *in, char *out, size_t size)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && k + 1 < size; p++) {
        if (p[0] == 0xCE && p[1] == 0xB1) { /* UTF-8 α */
            out[k++] = 'a';
            p++;
        } else if (*p == 0xC3 && p[1] == 0x85) { /* UTF-8 Å */
            out[k++] = 'a';
            p++;
        } else if (!isspace(*p) && *p != '-' && *p != '_') {
            out[k++] = (char)tolower(*p);
        }
    }
    out[k] = '\0';
}

il_status il_refl_xray_energy(const char *text, double *energy_keV, il_error *err)
{
    if (!text)
        return il_error_set(err, IL_ERR_INVALID, "no X-ray energy given");
    char s[64];
    squash(text, s, sizeof s);
    static const struct {
        const char *name;
        double keV;
    } lines[] = {{"cuka", IL_REFL_CU_KA_KEV}, {"cuka1", IL_REFL_CU_KA_KEV},
                 {"moka", IL_REFL_MO_KA_KEV}, {"moka1", IL_REFL_MO_KA_KEV}};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (strcmp(s, lines[i].name) == 0) {
            *energy_keV = lines[i].keV;
            return IL_OK;
        }
    char *end;
    double v = strtod(s, &end);
    if (end != s && v > 0.0 && isfinite(v)) {
        if (strcmp(end, "kev") == 0) {
            *energy_keV = v;
            return IL_OK;
        }
        if (strcmp(end, "ev") == 0) {
            *energy_keV = v * 1e-3;
            return IL_OK;
        }
        if (strcmp(end, "a") == 0) {
            *energy_keV = IL_REFL_HC_KEV_A / v;
            return IL_OK;
        }
        if (strcmp(end, "nm") == 0) {
            *energy_keV = IL_REFL_HC_KEV_A / (10.0 * v);
            return IL_OK;
        }
    }
    return il_error_set(err, IL_ERR_PARSE,
                        "X-ray energy '%s': expected CuKa, MoKa, or a value with keV, eV, Å or nm",
                        text);
}
