/* Arguments shared by the stopping verbs: an ion, a material (name or formula with optional
 * --density), and an energy. */
#ifndef IL_CLI_ION_MATERIAL_H
#define IL_CLI_ION_MATERIAL_H
#include "interlayer/interlayer.h"

typedef struct {
    il_material_resolved mat;
    double atoms_cm3;
    int Z[IL_FORMULA_MAX];
    double atoms[IL_FORMULA_MAX];
    il_stopping_target target;
    il_stopping_user user[IL_FORMULA_MAX]; /* --scale EL=F overrides, source "user" */
} il_cli_material;

/* Resolves `text` (density_g_cm3 > 0 overrides) and prepares its stopping target. */
il_status il_cli_material_resolve(const char *text, double density_g_cm3, il_cli_material *m,
                                  il_error *err);

/* Parses "--scale EL=F" (EL an element of the material, F > 0): that element's electronic
 * stopping is the built-in value times F, reported with source "user". */
il_status il_cli_material_scale(il_cli_material *m, const char *spec, il_error *err);

/* "table", "fit" or "user": the kind of source a user asked about (the vocabulary). */
const char *il_cli_source_kind(il_stop_source s);

#endif
