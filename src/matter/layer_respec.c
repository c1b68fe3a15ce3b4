/* Rebuilding a layer with a changed formula at constant formula units per cm3 (see
 * layer_respec.h for who needs it and why). */
#include "matter/layer_respec.h"

#include <string.h>

#include "interlayer/composition.h"
#include "interlayer/constants.h"

double il__layer_formula_units_cm3(const il_layer *L)
{
    double apf = il_formula_atoms(&L->formula);
    return apf > 0 ? L->atoms_cm3 / apf : 0;
}

void il__layer_spec_of(const il_layer *L, il_layer_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->name = L->name;
    sp->material = L->material;
    sp->density_g_cm3 = L->density_g_cm3;
    sp->thickness = L->thickness_nm;
    sp->kind = IL_THICKNESS_NM;
    sp->roughness_nm = L->roughness_nm;
    sp->enrich = L->enrich;
    sp->n_enrich = L->n_enrich;
    sp->stopping_factor = L->stopping_factor;
    sp->substrate = L->is_substrate;
}

void il__formula_set_count(il_formula *f, int Z, double count, double min_count)
{
    size_t k;
    for (k = 0; k < f->n; k++)
        if (f->Z[k] == Z)
            break;
    if (count > min_count) {
        if (k == f->n && f->n < IL_FORMULA_MAX) {
            f->Z[f->n] = Z, f->A[f->n] = 0;
            f->n++;
        }
        if (k < f->n)
            f->count[k] = count;
    } else if (k < f->n && f->n > 1) {
        /* a formula keeps at least one element: its count then stays as it was */
        for (size_t j = k + 1; j < f->n; j++)
            f->Z[j - 1] = f->Z[j], f->A[j - 1] = f->A[j], f->count[j - 1] = f->count[j];
        f->n--;
    }
}

il_status il__layer_spec_reformulate(const il_layer *L, const il_formula *f, char *text,
                                     size_t size, il_layer_spec *sp, il_error *err)
{
    double nfu = il__layer_formula_units_cm3(L);
    il_composition c;
    double M = 0;
    il_status st = il_composition_from_formula(f, L->enrich, L->n_enrich, &c, err);
    if (!st)
        st = il_composition_molar_mass(&c, &M, err);
    if (st)
        return st;
    il_formula_format(f, text, size);
    sp->material = text;
    sp->density_g_cm3 = nfu * M / IL_AVOGADRO;
    return IL_OK;
}
