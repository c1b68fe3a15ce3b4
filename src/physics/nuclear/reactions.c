/* The reaction table: rows of data/nuclear/neutron_reactions.csv (embedded at build time) handed
 * out as il_reaction values. Views are built per call from the const table (13 rows), so there
 * is no cache and no shared mutable state. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/elements.h"
#include "interlayer/nuclear.h"
#include "interlayer/units.h"
#include "physics/nuclear/nuclear_tables.h"

/* "6Li" -> Z = 3, A = 6. */
static void parse_target(const char *t, int *Z, int *A)
{
    char *end;
    long a = strtol(t, &end, 10);
    const il_element *e = il_element_by_symbol(end);
    *Z = e ? e->Z : 0;
    *A = (e && a > 0) ? (int)a : 0;
}

static void make_view(const il_row_reaction *r, il_reaction *v)
{
    v->id = r->reaction;
    v->target = r->target;
    parse_target(r->target, &v->target_Z, &v->target_A);
    v->particle[0] = r->particle1;
    v->particle[1] = r->particle2;
    v->particle_Z[0] = r->particle1_Z;
    v->particle_A[0] = r->particle1_A;
    v->particle_Z[1] = r->particle2_Z;
    v->particle_A[1] = r->particle2_A;
    v->particle_keV[0] = r->E1_keV;
    v->particle_keV[1] = r->E2_keV;
    v->excitation_keV = r->residual_excitation_keV;
    v->Q_keV = r->Q_keV;
    v->branch_fraction = r->branch_fraction;
    v->sigma_thermal_b = r->sigma_thermal_b;
    v->sigma_source = r->sigma_source;
}

size_t il_reaction_count(void) { return il_tab_reactions_count; }

il_status il_reaction_get(size_t i, il_reaction *out, il_error *err)
{
    if (i >= il_tab_reactions_count)
        return il_error_set(err, IL_ERR_RANGE, "reaction %zu: the table has %zu reactions", i,
                            il_tab_reactions_count);
    make_view(&il_tab_reactions[i], out);
    return IL_OK;
}

il_status il_reaction_find(const char *id, il_reaction *out, il_error *err)
{
    enum { MAXN = 64 };
    const char *names[MAXN];
    size_t n = il_tab_reactions_count < MAXN ? il_tab_reactions_count : MAXN;
    for (size_t i = 0; i < n; i++) {
        names[i] = il_tab_reactions[i].reaction;
        if (id && strcmp(id, names[i]) == 0) {
            make_view(&il_tab_reactions[i], out);
            return IL_OK;
        }
    }
    const char *s = id ? il_suggest(id, names, n) : NULL;
    if (s)
        return il_error_set(err, IL_ERR_NOT_FOUND, "unknown reaction '%s'; did you mean '%s'?",
                            id, s);
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "unknown reaction '%s' (known ids look like 6Li_na_3H, 10B_na_7Lix)",
                        id ? id : "");
}

size_t il_reactions_of(int Z, int A, il_reaction *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < il_tab_reactions_count; i++) {
        il_reaction v;
        make_view(&il_tab_reactions[i], &v);
        if (v.target_Z == Z && v.target_A == A) {
            if (out && n < max)
                out[n] = v;
            n++;
        }
    }
    return n;
}

double il_reaction_sigma_b(const il_reaction *r, double neutron_meV)
{
    double s = r->sigma_thermal_b * r->branch_fraction;
    if (neutron_meV > 0)
        s *= sqrt(IL_NEUTRON_THERMAL_meV / neutron_meV);
    return s;
}
