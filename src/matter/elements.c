/* Element and isotope look-ups over the tables embedded from data/elements. */
#include "interlayer/elements.h"

#include <string.h>

#include "data/tables.h"
#include "interlayer/units.h"

const il_element *il_element_by_z(int Z)
{
    /* The table is ordered by Z = 1..92; il_element has the same layout as il_row_element. */
    if (Z < 1 || (size_t)Z > il_tab_elements_count)
        return NULL;
    _Static_assert(sizeof(il_element) == sizeof(il_row_element), "layouts must agree");
    return (const il_element *)&il_tab_elements[Z - 1];
}

const il_element *il_element_by_symbol(const char *symbol)
{
    if (!symbol)
        return NULL;
    for (size_t i = 0; i < il_tab_elements_count; i++)
        if (strcmp(il_tab_elements[i].symbol, symbol) == 0)
            return il_element_by_z(il_tab_elements[i].Z);
    return NULL;
}

il_status il_element_lookup(const char *symbol, const il_element **out, il_error *err)
{
    const il_element *e = il_element_by_symbol(symbol);
    if (e) {
        *out = e;
        return IL_OK;
    }
    const char *names[IL_Z_MAX];
    for (size_t i = 0; i < il_tab_elements_count && i < IL_Z_MAX; i++)
        names[i] = il_tab_elements[i].symbol;
    const char *near = il_suggest(symbol, names, il_tab_elements_count);
    if (near)
        return il_error_set(err, IL_ERR_NOT_FOUND, "unknown element '%s'; did you mean '%s'?",
                            symbol, near);
    return il_error_set(err, IL_ERR_NOT_FOUND, "unknown element '%s' (known: Z = 1..92)",
                        symbol ? symbol : "");
}

size_t il_element_isotopes(int Z, il_isotope *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < il_tab_isotopes_count; i++) {
        const il_row_isotope *r = &il_tab_isotopes[i];
        if (r->Z != Z)
            continue;
        if (out && n < max) {
            out[n].Z = r->Z;
            out[n].A = r->A;
            out[n].mass_u = r->mass_u;
            out[n].abundance = r->abundance_pct / 100.0;
        }
        n++;
    }
    return n;
}

il_status il_nuclide_mass_u(int Z, int A, double *mass_u, il_error *err)
{
    for (size_t i = 0; i < il_tab_nuclides_count; i++)
        if (il_tab_nuclides[i].Z == Z && il_tab_nuclides[i].A == A) {
            *mass_u = il_tab_nuclides[i].mass_u;
            return IL_OK;
        }
    return il_error_set(err, IL_ERR_NOT_FOUND, "no atomic mass for Z=%d A=%d in AME2020", Z, A);
}

double il_isotope_abundance(int Z, int A)
{
    for (size_t i = 0; i < il_tab_isotopes_count; i++)
        if (il_tab_isotopes[i].Z == Z && il_tab_isotopes[i].A == A)
            return il_tab_isotopes[i].abundance_pct / 100.0;
    return 0.0;
}
