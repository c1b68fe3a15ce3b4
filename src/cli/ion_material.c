/* Resolving "ION MATERIAL" arguments for the stopping verbs. */
#include "cli/ion_material.h"

#include <string.h>

il_status il_cli_material_resolve(const char *text, double density_g_cm3, il_cli_material *m,
                                  il_error *err)
{
    memset(m, 0, sizeof *m);
    il_status s = il_material_resolve(NULL, text, density_g_cm3, &m->mat, err);
    if (s)
        return s;
    s = il_formula_number_density(&m->mat.formula, NULL, 0, m->mat.density_g_cm3, &m->atoms_cm3,
                                  err);
    if (s)
        return s;
    for (size_t i = 0; i < m->mat.formula.n; i++) {
        m->Z[i] = m->mat.formula.Z[i];
        m->atoms[i] = m->mat.formula.count[i];
    }
    m->target.Z = m->Z;
    m->target.atoms = m->atoms;
    m->target.n = m->mat.formula.n;
    return IL_OK;
}

const char *il_cli_source_kind(il_stop_source s)
{
    switch (s) {
    case IL_STOP_SRC_TABLE: return "table";
    case IL_STOP_SRC_FIT:
    case IL_STOP_SRC_FIT_BETHE: return "fit";
    case IL_STOP_SRC_USER: return "user";
    case IL_STOP_SRC_MIXED: return "mixed";
    }
    return "unknown";
}
