/* Arguments shared by the stopping verbs: an ion, a material (name or formula with optional
 * --density), and an energy. */
#ifndef CLI_ION_MATERIAL_H
#define CLI_ION_MATERIAL_H
#include "interlayer/interlayer.h"

typedef struct {
    il_material_resolved mat;
    double atoms_cm3;
    il_composition comp;        /* what `target` points into */
    il_stopping_target target;
    il_stopping_user user[IL_FORMULA_MAX]; /* --scale EL=F overrides, source "user" */
} cli_material;

/* Resolves the MATERIAL argument `text` and prepares its stopping target: `density_text`
 * (--density, g/cm3; NULL for the database value) overrides the density, and each of the
 * `nscale` "--scale EL=F" specs multiplies element EL's electronic stopping by F (source
 * "user"). */
il_status cli_material_setup(const char *text, const char *density_text, const char *const *scales,
                             size_t nscale, cli_material *m, il_error *err);

/* "table", "fit" or "user": the kind of source a user asked about (the vocabulary). */
const char *cli_source_kind(il_stop_source s);

#endif
