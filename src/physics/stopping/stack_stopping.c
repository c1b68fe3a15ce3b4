/* The bridge from matter to the stopping engine: one stopping table per layer of a stack, or for
 * any medium given by its formula (an instrument's foil, gas or dead layer). Every target is
 * filled from an il_composition; isotopes stop like their element (see stack_stopping.h). */
#include "interlayer/stack_stopping.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct il_stack_stopping {
    size_t n;
    il_slab *layers;
    il_stopping **owned;
};

void il_composition_stopping_target(const il_composition *c, double factor,
                                    il_stopping_target *target)
{
    memset(target, 0, sizeof *target);
    target->Z = c->Z;
    target->atoms = c->atoms;
    target->n = c->n;
    target->factor = factor > 0 ? factor : 1.0;
}

il_status il_layer_stopping_target(const il_layer *layer, il_composition *storage,
                                   il_stopping_target *target, il_error *err)
{
    il_status st = il_layer_composition(layer, storage, err);
    if (st)
        return st;
    il_composition_stopping_target(storage, layer->stopping_factor, target);
    return IL_OK;
}

il_status il_formula_stopping_new(const il_formula *formula, double factor, il_ion ion,
                                  il_straggling_model model, il_stopping **out, il_error *err)
{
    il_composition c;
    il_status st = il_composition_from_formula(formula, NULL, 0, &c, err);
    if (st)
        return st;
    il_stopping_target target;
    il_composition_stopping_target(&c, factor, &target);
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
        il_composition c;
        il_stopping_target target;
        il_status s = il_layer_stopping_target(l, &c, &target, err);
        if (!s) {
            target.straggling = model;
            s = il_stopping_new(ion, &target, &ss->owned[i], err);
        }
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
