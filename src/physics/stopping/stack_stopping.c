/* The bridge from matter to the stopping engine: one stopping table per layer of a stack, or for
 * any medium given by its formula (an instrument's foil, gas or dead layer). Explicit isotopes (Li[6]) stop like their element:
 * electronic stopping depends on the target's electrons, and the isotope's mass changes the
 * nuclear part by under 1 % of a quantity that is itself under 1 % at NDP energies. */
#include "interlayer/stack_stopping.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct il_stack_stopping {
    size_t n;
    il_slab *layers;
    il_stopping **owned;
};

void il_formula_stopping_target(const il_formula *formula, double factor, int *Z,
                                 double *atoms, il_stopping_target *target)
{
    memset(target, 0, sizeof *target);
    for (size_t i = 0; i < formula->n; i++) {
        Z[i] = formula->Z[i];
        atoms[i] = formula->count[i];
    }
    target->Z = Z;
    target->atoms = atoms;
    target->n = formula->n;
    target->factor = factor > 0 ? factor : 1.0;
}

void il_layer_stopping_target(const il_layer *layer, int *Z, double *atoms,
                              il_stopping_target *target)
{
    il_formula_stopping_target(&layer->formula, layer->stopping_factor, Z, atoms, target);
}

il_status il_formula_stopping_new(const il_formula *formula, double factor, il_ion ion,
                                  il_straggling_model model, il_stopping **out, il_error *err)
{
    int Z[IL_FORMULA_MAX];
    double atoms[IL_FORMULA_MAX];
    il_stopping_target target;
    il_formula_stopping_target(formula, factor, Z, atoms, &target);
    target.straggling = model;
    return il_stopping_new(ion, &target, out, err);
}

il_status il_stack_stopping_new(const il_stack *stack, il_ion ion, il_straggling_model model,
                                il_stack_stopping **out, il_error *err)
{
    size_t n = il_stack_count(stack);
    il_stack_stopping *ss = calloc(1, sizeof *ss);
    if (!ss || !(ss->layers = calloc(n ? n : 1, sizeof *ss->layers)) ||
        !(ss->owned = calloc(n ? n : 1, sizeof *ss->owned))) {
        il_stack_stopping_free(ss);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory building stopping tables");
    }
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(stack, i);
        il_status s = il_formula_stopping_new(&l->formula, l->stopping_factor, ion, model,
                                              &ss->owned[i], err);
        if (s) {
            il_error_prefix(err, "layer %zu '%s': ", i + 1, l->name);
            il_stack_stopping_free(ss);
            return s;
        }
        ss->n = i + 1;
        ss->layers[i].stopping = ss->owned[i];
        ss->layers[i].atoms_cm3 = l->atoms_cm3;
        ss->layers[i].thickness_nm = l->is_substrate ? INFINITY : l->thickness_nm;
    }
    ss->n = n;
    *out = ss;
    return IL_OK;
}

void il_stack_stopping_free(il_stack_stopping *ss)
{
    if (!ss)
        return;
    if (ss->owned)
        for (size_t i = 0; i < ss->n; i++)
            il_stopping_free(ss->owned[i]);
    free(ss->owned);
    free(ss->layers);
    free(ss);
}

size_t il_stack_stopping_count(const il_stack_stopping *ss) { return ss->n; }

const il_slab *il_stack_stopping_layers(const il_stack_stopping *ss) { return ss->layers; }
