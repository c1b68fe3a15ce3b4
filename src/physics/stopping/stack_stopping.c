/* The bridge from matter to the stopping engine: the stopping tables of a stack's layers, or of
 * any medium given by its formula (an instrument's foil, gas or dead layer). Every target is
 * filled from an il_composition; isotopes stop like their element (see stack_stopping.h).
 *
 * Layers made of the same matter share one table: a profile written as thousands of thin
 * slices of a few materials used to cost one table (~240 KB for alpha + triton) per slice,
 * 983 MB for 4095 layers. The key is what il_stopping_new reads from the target (elements,
 * atoms per formula unit, factor), compared bit for bit, so a shared table is the very table
 * the layer would have built for itself and results do not change by a single bit. */
#include "interlayer/stack_stopping.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What a layer's table is built from (the model and ion are the same for the whole stack). */
typedef struct {
    size_t n;
    int Z[IL_COMPOSITION_MAX];
    double atoms[IL_COMPOSITION_MAX];
    double factor;
    unsigned long long hash; /* of the fields above, to skip most comparisons */
} table_key;

struct il_stack_stopping {
    size_t n;
    il_slab *layers;
    size_t n_owned;         /* distinct tables */
    il_stopping **owned;
    table_key *keys;        /* keys[i] built owned[i] */
};

/* FNV-1a over the bytes that make the table; zero-filled tails keep equal keys equal. */
static unsigned long long key_hash(const table_key *k)
{
    unsigned long long h = 1469598103934665603ULL;
    const unsigned char *b = (const unsigned char *)k;
    for (size_t i = 0; i < offsetof(table_key, hash); i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

static void key_make(const il_stopping_target *t, table_key *k)
{
    memset(k, 0, sizeof *k);
    k->n = t->n;
    memcpy(k->Z, t->Z, t->n * sizeof *t->Z);
    memcpy(k->atoms, t->atoms, t->n * sizeof *t->atoms);
    k->factor = t->factor;
    k->hash = key_hash(k);
}

/* Index of the table built from `k`, or n_owned when there is none yet. */
static size_t key_find(const il_stack_stopping *ss, const table_key *k)
{
    for (size_t i = 0; i < ss->n_owned; i++)
        if (ss->keys[i].hash == k->hash && !memcmp(&ss->keys[i], k, sizeof *k))
            return i;
    return ss->n_owned;
}

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
        !(ss->owned = calloc(n ? n : 1, sizeof *ss->owned)) ||
        !(ss->keys = calloc(n ? n : 1, sizeof *ss->keys))) {
        il_stack_stopping_free(ss);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory building stopping tables");
    }
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(stack, i);
        il_composition c;
        il_stopping_target target;
        table_key key;
        size_t t = 0;
        il_status s = il_layer_stopping_target(l, &c, &target, err);
        if (!s) {
            target.straggling = model;
            key_make(&target, &key);
            t = key_find(ss, &key);
            if (t == ss->n_owned && !(s = il_stopping_new(ion, &target, &ss->owned[t], err)))
                ss->keys[ss->n_owned++] = key;
        }
        if (s) {
            il_error_prefix(err, "layer %zu '%s': ", i + 1, l->name);
            il_stack_stopping_free(ss);
            return s;
        }
        ss->layers[i].stopping = ss->owned[t];
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
        for (size_t i = 0; i < ss->n_owned; i++)
            il_stopping_free(ss->owned[i]);
    free(ss->owned);
    free(ss->keys);
    free(ss->layers);
    free(ss);
}

size_t il_stack_stopping_count(const il_stack_stopping *ss) { return ss->n; }

const il_slab *il_stack_stopping_layers(const il_stack_stopping *ss) { return ss->layers; }
