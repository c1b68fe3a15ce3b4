/* Resolving "ION MATERIAL" arguments for the stopping verbs. */
#include "cli/ion_material.h"

#include <string.h>

static il_status resolve(const char *text, double density_g_cm3, cli_material *m, il_error *err)
{
    memset(m, 0, sizeof *m);
    il_status s = il_material_resolve(NULL, text, density_g_cm3, &m->mat, err);
    if (s)
        return s;
    s = il_composition_from_formula(&m->mat.formula, NULL, 0, &m->comp, err);
    if (!s)
        s = il_composition_number_density(&m->comp, m->mat.density_g_cm3, &m->atoms_cm3, err);
    if (s)
        return s;
    il_composition_stopping_target(&m->comp, 0, &m->target);
    return IL_OK;
}

/* One "--scale EL=F" spec (EL an element of the material, F > 0). */
static il_status scale_element(cli_material *m, const char *spec, il_error *err)
{
    char sym[8];
    const char *eq = strchr(spec, '=');
    size_t n = eq ? (size_t)(eq - spec) : 0;
    if (!eq || n == 0 || n >= sizeof sym)
        return il_error_set(err, IL_ERR_PARSE,
                            "--scale '%s': expected ELEMENT=FACTOR, e.g. Li=1.05", spec);
    memcpy(sym, spec, n);
    sym[n] = '\0';
    const il_element *e;
    double f;
    il_status s = il_element_lookup(sym, &e, err);
    if (s)
        return s;
    if ((s = il_parse_number(eq + 1, &f, err)))
        return s;
    /* A correction to tables known to a few per cent: a factor of 10 either way is already
     * far outside what any measurement has asked for. */
    if (!(f >= 0.1 && f <= 10))
        return il_error_set(err, IL_ERR_INVALID,
                            "--scale '%s': the factor must be 0.1..10 (a correction to the "
                            "tabulated stopping)",
                            spec);
    size_t k;
    for (k = 0; k < m->mat.formula.n && m->mat.formula.Z[k] != e->Z; k++)
        ;
    if (k == m->mat.formula.n)
        return il_error_set(err, IL_ERR_INVALID, "--scale '%s': %s is not in %s", spec, e->symbol,
                            m->mat.name);
    for (k = 0; k < m->target.n_user && m->user[k].Z != e->Z; k++)
        ;
    m->user[k].Z = e->Z;
    m->user[k].scale = f;
    m->user[k].n = 0;
    if (k == m->target.n_user)
        m->target.n_user++;
    m->target.user = m->user;
    return IL_OK;
}

il_status cli_material_setup(const char *text, const char *density_text, const char *const *scales,
                             size_t nscale, cli_material *m, il_error *err)
{
    double density = 0;
    il_status s;
    if (density_text) {
        if ((s = il_parse_number(density_text, &density, err)))
            return s;
        if (!(density > 0))
            return il_error_set(err, IL_ERR_INVALID, "--density %s: must be > 0 (g/cm3)",
                                density_text);
    }
    if ((s = resolve(text, density, m, err)))
        return s;
    for (size_t k = 0; k < nscale; k++)
        if ((s = scale_element(m, scales[k], err)))
            return s;
    return IL_OK;
}

const char *cli_source_kind(il_stop_source s)
{
    switch (s) {
    case IL_STOP_SRC_TABLE: return "table";
    case IL_STOP_SRC_FIT:
    case IL_STOP_SRC_FIT_BETHE: return "fit";
    case IL_STOP_SRC_USER: return "user";
    case IL_STOP_SRC_MIXED: return "mixed";
    case IL_STOP_SRC_EXTRAPOLATED: return "extrapolated";
    }
    return "unknown";
}
