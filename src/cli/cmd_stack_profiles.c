/* The concentration profiles of a stack's layers, as `stack show` prints them after the layer
 * table (text) or under "profiles" (JSON). Stacks without profiles print nothing here. */
#include <math.h>
#include <stdio.h>

#include "cli/cmd_stack_profiles.h"
#include "cli/output.h"

static const char *kind_name(il_profile_kind k)
{
    static const char *names[] = {"linear", "steps", "erf", "exp"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

/* "Li", "6Li": the profiled species */
static void species_name(const il_layer_profile *p, char *buf, size_t size)
{
    const il_element *e = il_element_by_z(p->Z);
    const char *sym = e ? e->symbol : "?";
    if (p->A > 0)
        snprintf(buf, size, "%d%s", p->A, sym);
    else
        snprintf(buf, size, "%s", sym);
}

/* The nominal amount: the layer's uniform formula's atoms/cm2 of the species (composition.h),
 * NAN when the composition cannot be formed. */
static double nominal_cm2(const il_layer *l, const il_layer_profile *p)
{
    il_composition c;
    if (il_layer_composition(l, &c, NULL) != IL_OK)
        return NAN;
    return il_composition_atoms_cm3(&c, l->atoms_cm3, p->Z, p->A) * l->thickness_nm * 1e-7;
}

size_t cli_stack_profile_count(const il_stack *s)
{
    size_t n = 0;
    for (size_t i = 0; i < il_stack_count(s); i++)
        n += il_layer_n_profiles(il_stack_layer(s, i));
    return n;
}

void cli_stack_profiles_print(const il_stack *s, FILE *out)
{
    if (!cli_stack_profile_count(s))
        return;
    fprintf(out, "\nprofiles (atoms per formula unit against depth below the layer's top):\n");
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        for (size_t k = 0; k < il_layer_n_profiles(l); k++) {
            const il_layer_profile *p = il_layer_profile_get(l, k);
            char sp[16];
            species_name(p, sp, sizeof sp);
            fprintf(out, "  %s: %s %s, %.4g at the top, %.4g at the bottom: %.4e atoms/cm2 "
                    "(uniform formula: %.4e)\n", l->name, sp, kind_name(p->kind),
                    il_layer_profile_value(l, k, 0), il_layer_profile_value(l, k, l->thickness_nm),
                    il_layer_profile_areal(l, k), nominal_cm2(l, p));
        }
    }
}

json_t *cli_stack_profiles_json(const il_stack *s)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        for (size_t k = 0; k < il_layer_n_profiles(l); k++) {
            const il_layer_profile *p = il_layer_profile_get(l, k);
            char sp[16];
            species_name(p, sp, sizeof sp);
            json_t *o = json_object();
            json_object_set_new(o, "layer", json_string(l->name));
            json_object_set_new(o, "species", json_string(sp));
            json_object_set_new(o, "kind", json_string(kind_name(p->kind)));
            json_object_set_new(o, "top_atoms_per_formula_unit",
                                cli_json_number(il_layer_profile_value(l, k, 0)));
            json_object_set_new(o, "bottom_atoms_per_formula_unit",
                                cli_json_number(il_layer_profile_value(l, k, l->thickness_nm)));
            json_object_set_new(o, "atoms_per_cm2", cli_json_number(il_layer_profile_areal(l, k)));
            json_object_set_new(o, "uniform_atoms_per_cm2", cli_json_number(nominal_cm2(l, p)));
            json_array_append_new(arr, o);
        }
    }
    return arr;
}
