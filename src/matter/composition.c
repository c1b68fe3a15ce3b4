/* Compositions (include/interlayer/composition.h): building one from a formula, and the only
 * place where molar mass, number density, per-species density and nm <-> tfu are computed. */
#include "interlayer/composition.h"

#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "matter/isotope_mix.h"

il_status il_composition_add(il_composition *c, int Z, int A, double atoms, il_error *err)
{
    const il_element *e = il_element_by_z(Z);
    if (!e)
        return il_error_set(err, IL_ERR_INVALID, "composition: no element Z=%d", Z);
    double m;
    if (A < 0 || (A > 0 && il_nuclide_mass_u(Z, A, &m, NULL) != IL_OK))
        return il_error_set(err, IL_ERR_NOT_FOUND, "composition: no isotope %s-%d is known",
                            e->symbol, A);
    if (!(atoms >= 0.0) || !isfinite(atoms))
        return il_error_set(err, IL_ERR_INVALID, "composition: %g atoms of %s per formula unit",
                            atoms, e->symbol);
    if (c->n >= IL_COMPOSITION_MAX)
        return il_error_set(err, IL_ERR_RANGE, "composition: more than %d species",
                            IL_COMPOSITION_MAX);
    c->Z[c->n] = Z;
    c->A[c->n] = A;
    c->atoms[c->n] = atoms;
    c->n++;
    return IL_OK;
}

/* Appends the isotopes of the enriched natural element Z (count atoms per formula unit). */
static il_status add_enriched(il_composition *c, int Z, double count, const il_enrichment *enr,
                              size_t n_enr, il_error *err)
{
    il_formula_isotope mix[IL_MAX_NATURAL_ISOTOPES + IL_ENRICH_MAX];
    int m = il__element_mix(Z, enr, n_enr, mix, sizeof mix / sizeof mix[0], err);
    if (m < 0)
        return err ? err->code : IL_ERR_INVALID;
    /* Natural isotopes by mass number, then the enriched ones nature lacks, in enr order: the
     * order does not depend on how the enrichment was written. */
    int order[IL_MAX_NATURAL_ISOTOPES + IL_ENRICH_MAX];
    size_t n_order = 0;
    il_isotope nat[IL_MAX_NATURAL_ISOTOPES];
    size_t n_nat = il_element_isotopes(Z, nat, IL_MAX_NATURAL_ISOTOPES);
    for (size_t j = 0; j < n_nat && j < IL_MAX_NATURAL_ISOTOPES; j++)
        order[n_order++] = nat[j].A;
    for (size_t e = 0; e < n_enr; e++) {
        if (enr[e].Z != Z)
            continue;
        int found = 0;
        for (size_t j = 0; j < n_order; j++)
            found |= order[j] == enr[e].A;
        if (!found)
            order[n_order++] = enr[e].A;
    }
    for (size_t j = 0; j < n_order; j++) {
        double frac = 0;
        for (int k = 0; k < m; k++)
            if (mix[k].A == order[j])
                frac += mix[k].count;
        double atoms = frac * count;
        if (!(atoms > 0.0))
            continue;
        il_status st = il_composition_add(c, Z, order[j], atoms, err);
        if (st)
            return st;
    }
    return IL_OK;
}

il_status il_composition_from_formula(const il_formula *f, const il_enrichment *enr,
                                      size_t n_enr, il_composition *out, il_error *err)
{
    out->n = 0;
    if (!f || f->n == 0 || f->n > IL_FORMULA_MAX)
        return il_error_set(err, IL_ERR_INVALID, "empty or invalid formula");
    il_status st = il_enrichment_check(enr, n_enr, err);
    if (st)
        return st;
    for (size_t i = 0; i < f->n; i++) {
        if (!(f->count[i] > 0))
            return il_error_set(err, IL_ERR_INVALID, "invalid species %zu in formula", i);
        int enriched = 0;
        for (size_t e = 0; e < n_enr && f->A[i] == 0; e++)
            enriched |= enr[e].Z == f->Z[i];
        st = enriched ? add_enriched(out, f->Z[i], f->count[i], enr, n_enr, err)
                      : il_composition_add(out, f->Z[i], f->A[i], f->count[i], err);
        if (st)
            return st;
    }
    return IL_OK;
}

il_status il_composition_set_li6_fraction(il_composition *c, double li6_fraction, il_error *err)
{
    if (!(li6_fraction >= 0.0) || !isfinite(li6_fraction))
        return il_error_set(err, IL_ERR_INVALID, "6Li fraction %g must be >= 0", li6_fraction);
    double x = li6_fraction > 1.0 ? 1.0 : li6_fraction;
    il_composition r = {0};
    for (size_t i = 0; i < c->n; i++) {
        if (c->Z[i] == 3 && c->A[i] == 0) {
            if (r.n + 2 > IL_COMPOSITION_MAX)
                return il_error_set(err, IL_ERR_RANGE, "composition: more than %d species",
                                    IL_COMPOSITION_MAX);
            r.Z[r.n] = 3, r.A[r.n] = 6, r.atoms[r.n++] = c->atoms[i] * x;
            r.Z[r.n] = 3, r.A[r.n] = 7, r.atoms[r.n++] = c->atoms[i] * (1.0 - x);
            continue;
        }
        if (r.n >= IL_COMPOSITION_MAX)
            return il_error_set(err, IL_ERR_RANGE, "composition: more than %d species",
                                IL_COMPOSITION_MAX);
        r.Z[r.n] = c->Z[i], r.A[r.n] = c->A[i], r.atoms[r.n++] = c->atoms[i];
    }
    *c = r;
    return IL_OK;
}

double il_composition_atoms(const il_composition *c)
{
    double n = 0;
    for (size_t i = 0; c && i < c->n; i++)
        n += c->atoms[i];
    return n;
}

double il_composition_count(const il_composition *c, int Z, int A)
{
    double n = 0;
    for (size_t i = 0; c && i < c->n; i++) {
        if (c->Z[i] != Z)
            continue;
        if (c->A[i] == A || (A == 0 && c->A[i] > 0)) {
            n += c->atoms[i];
            continue;
        }
        if (c->A[i] > 0)
            continue;
        /* A natural species counts by its isotopes' shares, also for the whole element, so
         * that an element's count is the sum of its isotopes' counts as computed. */
        il_formula_isotope mix[IL_MAX_NATURAL_ISOTOPES];
        int m = il__element_mix(Z, NULL, 0, mix, IL_MAX_NATURAL_ISOTOPES, NULL);
        if (m <= 0 && A == 0)
            n += c->atoms[i]; /* no natural isotopes (Tc, Pm): the element whole */
        for (int k = 0; k < m; k++)
            if (A == 0 || mix[k].A == A)
                n += mix[k].count * c->atoms[i];
    }
    return n;
}

il_status il_composition_molar_mass(const il_composition *c, double *g_mol, il_error *err)
{
    if (!c || c->n == 0 || c->n > IL_COMPOSITION_MAX)
        return il_error_set(err, IL_ERR_INVALID, "empty composition");
    double M = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        const il_element *e = il_element_by_z(c->Z[i]);
        if (!e)
            return il_error_set(err, IL_ERR_INVALID, "composition entry %zu: Z = %d is not 1..%d",
                                i, c->Z[i], IL_Z_MAX);
        if (!(c->atoms[i] >= 0.0) || !isfinite(c->atoms[i]))
            return il_error_set(err, IL_ERR_INVALID,
                                "composition entry %zu: %g atoms per formula unit", i,
                                c->atoms[i]);
        double m;
        if (c->A[i] > 0) {
            il_status st = il_nuclide_mass_u(c->Z[i], c->A[i], &m, err);
            if (st)
                return st;
        } else {
            m = e->atomic_weight_u;
            if (!isfinite(m))
                return il_error_set(err, IL_ERR_NOT_FOUND,
                                    "%s has no standard atomic weight; give the isotope",
                                    e->symbol);
        }
        M += c->atoms[i] * m;
    }
    *g_mol = M;
    return IL_OK;
}

il_status il_composition_number_density(const il_composition *c, double density_g_cm3,
                                        double *atoms_cm3, il_error *err)
{
    if (!(density_g_cm3 > 0) || !isfinite(density_g_cm3))
        return il_error_set(err, IL_ERR_INVALID, "density %g g/cm3 must be a number > 0",
                            density_g_cm3);
    double M;
    il_status st = il_composition_molar_mass(c, &M, err);
    if (st)
        return st;
    if (!(M > 0))
        return il_error_set(err, IL_ERR_INVALID, "composition has zero mass");
    *atoms_cm3 = density_g_cm3 * IL_AVOGADRO * il_composition_atoms(c) / M;
    return IL_OK;
}

double il_composition_atoms_cm3(const il_composition *c, double atoms_cm3, int Z, int A)
{
    return atoms_cm3 * il_composition_count(c, Z, A) / il_composition_atoms(c);
}

double il_nm_to_tfu(double nm, double atoms_cm3)
{
    /* atoms/cm3 x nm x 1e-7 cm/nm = atoms/cm2; 1 tfu = 1e15 atoms/cm2 */
    return nm * 1e-7 * atoms_cm3 * 1e-15;
}

double il_tfu_to_nm(double tfu, double atoms_cm3)
{
    return tfu * 1e15 / atoms_cm3 * 1e7;
}

double il_um_to_mg_cm2(double length_um, double density_g_cm3)
{
    /* 1 um = 1e-4 cm; 1 g = 1e3 mg */
    return length_um * 1e-4 * density_g_cm3 * 1e3;
}
