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

/* What `stack show` says of profile k of layer l, in text and JSON alike. */
typedef struct {
    char species[16];
    const char *kind;
    double top, bottom;       /* atoms per formula unit at the layer's top and bottom */
    double atoms_cm2;         /* the profile's amount */
    double uniform_atoms_cm2; /* the layer's uniform formula's (nominal_cm2) */
} profile_row;

static profile_row row_of(const il_layer *l, size_t k)
{
    const il_layer_profile *p = il_layer_profile_get(l, k);
    profile_row r;
    species_name(p, r.species, sizeof r.species);
    r.kind = kind_name(p->kind);
    r.top = il_layer_profile_value(l, k, 0);
    r.bottom = il_layer_profile_value(l, k, l->thickness_nm);
    r.atoms_cm2 = il_layer_profile_areal(l, k);
    r.uniform_atoms_cm2 = nominal_cm2(l, p);
    return r;
}

void cli_stack_profiles_print(const il_stack *s, FILE *out)
{
    if (!cli_stack_profile_count(s))
        return;
    fprintf(out, "\nprofiles (atoms per formula unit against depth below the layer's top):\n");
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        for (size_t k = 0; k < il_layer_n_profiles(l); k++) {
            profile_row r = row_of(l, k);
            fprintf(out, "  %s: %s %s, %.4g at the top, %.4g at the bottom: %.4e atoms/cm2 "
                    "(uniform formula: %.4e)\n", l->name, r.species, r.kind, r.top, r.bottom,
                    r.atoms_cm2, r.uniform_atoms_cm2);
        }
    }
}

json_t *cli_stack_profiles_json(const il_stack *s)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        for (size_t k = 0; k < il_layer_n_profiles(l); k++) {
            profile_row r = row_of(l, k);
            json_t *o = json_object();
            json_object_set_new(o, "layer", json_string(l->name));
            json_object_set_new(o, "species", json_string(r.species));
            json_object_set_new(o, "kind", json_string(r.kind));
            json_object_set_new(o, "top_atoms_per_formula_unit", cli_json_number(r.top));
            json_object_set_new(o, "bottom_atoms_per_formula_unit", cli_json_number(r.bottom));
            json_object_set_new(o, "atoms_per_cm2", cli_json_number(r.atoms_cm2));
            json_object_set_new(o, "uniform_atoms_per_cm2", cli_json_number(r.uniform_atoms_cm2));
            json_array_append_new(arr, o);
        }
    }
    return arr;
}
