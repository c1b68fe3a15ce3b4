/* The materials database: named materials with formula, mass density and the density's source
 * (built in from data/materials/materials.csv), and a user database that extends it. */
#ifndef INTERLAYER_MATERIAL_H
#define INTERLAYER_MATERIAL_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/formula.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One database entry. Strings are never NULL (possibly ""). */
typedef struct {
    const char *name;           /* "LiCoO2", "LLZO", "Kapton" */
    const char *formula;        /* periodictable notation, see formula.h */
    double density_g_cm3;       /* > 0 */
    const char *density_source; /* where the density comes from */
    const char *description;
} il_material;

/* ---- built-in materials (static, thread-safe) ---- */
IL_API size_t il_material_builtin_count(void);
/* NULL when i is out of range. */
IL_API const il_material *il_material_builtin(size_t i);
/* Built-in entry by name: exact name, then case-insensitive name or alias (LLZO, LATP, LAGP,
 * LGPS, LPSCl, LTO, LCO, LMO, LNMO, LFP, NMC811, NCA, LiPON, PET, polyimide ...) when the text
 * is not itself a valid formula (so "CO" never finds cobalt), then a built-in with the same
 * formula ("Li7La3Zr2O12" finds LLZO, "O2CoLi" finds LiCoO2). NULL when none. */
IL_API const il_material *il_material_find(const char *name);

/* ---- user database: the built-ins plus the user's own materials ---- */
typedef struct il_material_db il_material_db;

/* A database holding copies of all built-in materials. */
IL_API il_status il_material_db_new(il_material_db **out, il_error *err);
IL_API void il_material_db_free(il_material_db *db);
/* A deep copy; db NULL gives the built-in database. */
IL_API il_status il_material_db_clone(const il_material_db *db, il_material_db **out,
                                     il_error *err);

/* Adds a material or replaces the one with the same name (case-insensitive). The formula must
 * parse and the density must be > 0; source and description may be NULL. */
IL_API il_status il_material_db_add(il_material_db *db, const char *name, const char *formula,
                                    double density_g_cm3, const char *source,
                                    const char *description, il_error *err);
/* Changes the density (and its source) of an existing material found by il_material_db_find. */
IL_API il_status il_material_db_set_density(il_material_db *db, const char *name,
                                            double density_g_cm3, const char *source,
                                            il_error *err);

IL_API size_t il_material_db_count(const il_material_db *db);
/* Entry i (insertion order: built-ins first). Pointers stay valid until the db changes. */
IL_API const il_material *il_material_db_get(const il_material_db *db, size_t i);
/* Same rules as il_material_find, over this database. db == NULL means the built-ins. */
IL_API const il_material *il_material_db_find(const il_material_db *db, const char *name);

/* What a material text stands for after resolution. */
typedef struct {
    char name[64];             /* database name, or the text as given */
    il_formula formula;
    double density_g_cm3;
    char density_source[256];
    int from_db;               /* 1 when a database entry was used */
} il_material_resolved;

/* Resolves a material text the way stacks do:
 *   1. a database name or alias, or a formula equal to a database entry's -> that entry;
 *   2. else a formula; a single element (any count, natural) gets the element's density
 *      from data/elements;
 *   3. else IL_ERR_NOT_FOUND: "unknown material 'LiCoO3'; did you mean 'LiCoO2'? (or give a
 *      density)".
 * density_g_cm3 > 0 overrides the density (and makes any valid formula acceptable);
 * pass 0 to use the database. db == NULL means the built-ins. Formula errors keep the column
 * inside `text` in err->column. */
IL_API il_status il_material_resolve(const il_material_db *db, const char *text,
                                     double density_g_cm3, il_material_resolved *out,
                                     il_error *err);

#ifdef __cplusplus
}
#endif
#endif
