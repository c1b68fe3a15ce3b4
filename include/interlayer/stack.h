/* Stacks: the ordered layers of a cell, from the surface that faces the detector / beam down to
 * an optional semi-infinite substrate. Built from an inline text
 *   "Pt 50nm | LiCoO2 1um li6=0.95 | Li3PO4 1.5um density=2.4 rough=2nm | Si 200nm | Cu"
 * from a YAML file (readers in stack_io.h), or in code. Every layer is resolved on entry: formula, density and both
 * thickness measures (nm and 1e15 atoms/cm2) are always available. */
#ifndef INTERLAYER_STACK_H
#define INTERLAYER_STACK_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/composition.h"
#include "interlayer/error.h"
#include "interlayer/formula.h"
#include "interlayer/material.h"
#include "interlayer/units.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IL_STACK_MAX_LAYERS 4096 /* sanity limit against runaway input */

/* ---- concentration profiles inside a layer ----
 * A profile gives one element (A = 0: all its isotopes, in the layer's isotopic mix) or one
 * isotope (A > 0) as ATOMS PER NOMINAL FORMULA UNIT of the layer, as a function of the depth z
 * (nm) below the layer's top (0 at the top, thickness_nm at the bottom). The number of formula
 * units per cm3 stays the layer's own (atoms_cm3 / atoms per formula unit): the other atoms per
 * cm3 are kept and only the profiled species changes, as il_ndp_stack_with_li does for whole
 * layers; the local mass density follows from the local molar mass. Li in Li3PO4 at 3.0 is the
 * nominal amount, 2.5 a sixth delithiated. Shapes, all evaluable at any depth, with exact mean
 * values over any depth range:
 *   LINEAR  points (depth, value), straight between them, held constant before the first and
 *           after the last point;
 *   STEPS   points (depth, value): each value holds from its depth to the next point's, the
 *           first also above it, the last down to the bottom;
 *   ERF     top + (bottom - top) Phi((z - centre) / width): an interdiffusion front, `width` the
 *           rms width sigma of the front (Phi the normal CDF; the same sigma an interface
 *           roughness has), so 2 width ~ 10-90 % over 2.56 width;
 *   EXP     bulk + (at_interface - bulk) exp(-d / length), d the distance from the layer's top
 *           (from_bottom = 0) or bottom (from_bottom = 1): a space-charge or accumulation layer.
 * The layer's own derived numbers (li_atoms_cm2, areal_tfu, ...) stay those of the nominal
 * formula; il_layer_profile_areal gives the profiled amount. */
#define IL_PROFILE_POINTS_MAX 128 /* points of a LINEAR/STEPS profile */
#define IL_LAYER_PROFILES_MAX 4   /* profiles (species) per layer */
typedef enum {
    IL_PROFILE_LINEAR = 0,
    IL_PROFILE_STEPS,
    IL_PROFILE_ERF,
    IL_PROFILE_EXP
} il_profile_kind;
typedef struct {
    int Z;                  /* element */
    int A;                  /* 0: the element; > 0 one isotope */
    il_profile_kind kind;
    size_t n;               /* LINEAR/STEPS: number of points (1..IL_PROFILE_POINTS_MAX) */
    double depth_nm[IL_PROFILE_POINTS_MAX]; /* non-decreasing */
    double value[IL_PROFILE_POINTS_MAX];    /* atoms per formula unit, >= 0 */
    double top, bottom, centre_nm, width_nm; /* ERF */
    double at_interface, bulk, length_nm;    /* EXP */
    int from_bottom;                          /* EXP: 0 decays from the top, 1 from the bottom */
} il_layer_profile;

/* A resolved layer (read-only view; change it through the il_stack_set_* functions so the
 * derived numbers stay consistent). For the substrate (is_substrate = 1) the thickness, the
 * areal density and all per-cm2 amounts are INFINITY where the element is present (0 where not):
 * use the per-cm3 numbers. */
typedef struct {
    char name[64];             /* name= given, else the material text */
    char material[128];        /* material text as written ("LLZO", "Li2SiP0.5O4") */
    il_formula formula;
    /* A tabulated density (database, element table) holds for natural isotopes; with an
     * enrichment it is scaled by the molar masses so that atoms/cm3 stay the same (6LiCoO2 is
     * 0.9 % lighter than LiCoO2, not denser in atoms). A density given by the user is used as
     * is ("given"). */
    double density_g_cm3;
    char density_source[256];  /* database source, "given", or the element table */
    double thickness_nm;
    double areal_tfu;          /* 1e15 atoms/cm2 */
    il_thickness_kind given;   /* which of the two the user gave (the other is derived) */
    double roughness_nm;       /* rms roughness of the layer's lower interface; 0 = sharp */
    size_t n_enrich;
    il_enrichment enrich[IL_ENRICH_MAX];
    double stopping_factor;    /* multiplies this layer's stopping power; default 1 */
    int is_substrate;

    /* derived */
    double molar_mass_g_mol;   /* of one formula unit, enrichment included */
    double atoms_cm3;
    double li_atoms_cm3;       /* all Li isotopes */
    double li6_atoms_cm3;
    double li_atoms_cm2;
    double li6_atoms_cm2;
    double li_mol_cm2;
    double li_capacity_uAh_cm2; /* 1 Li = 1 e-: mol/cm2 x F / 3.6e-3 C per uAh */

    /* concentration profiles (il_stack_add_profile); plain arrays so a copy is a deep copy */
    size_t n_profiles;
    il_layer_profile profiles[IL_LAYER_PROFILES_MAX];
} il_layer;

/* How to add a layer in code. Zero-initialise, then fill what you need. */
typedef struct {
    const char *name;          /* NULL: the material text */
    const char *material;      /* database name/alias or formula (required) */
    double density_g_cm3;      /* 0: from the database / element table */
    double thickness;          /* in units of `kind`; ignored for a substrate */
    il_thickness_kind kind;
    double roughness_nm;       /* >= 0 */
    const il_enrichment *enrich;
    size_t n_enrich;
    double stopping_factor;    /* 0 means 1 */
    int substrate;             /* semi-infinite; must be the last layer */
} il_layer_spec;

typedef struct il_stack il_stack;

/* An empty stack, and a deep copy of one. */
IL_API il_status il_stack_new(const char *name, il_stack **out, il_error *err);
IL_API void il_stack_free(il_stack *s);
IL_API il_status il_stack_clone(const il_stack *s, il_stack **out, il_error *err);

/* Resolves the material (db == NULL: built-ins) and appends the layer. Errors name the layer
 * ("layer 3 'LiCoO3': unknown material ..."); formula errors keep the column in the material
 * text. A layer after the substrate is an error. */
IL_API il_status il_stack_add(il_stack *s, const il_layer_spec *spec, const il_material_db *db,
                              il_error *err);

/* Parses the inline form: layers separated by '|', each "MATERIAL [THICKNESS] [key=value]..."
 * with THICKNESS as for il_parse_thickness ("50nm", "1.5 um", "300tfu") and keys
 *   density=2.5 (g/cm3, optional unit g/cm3)   rough=2nm / roughness=2nm
 *   li6=0.95 (any isotope: b10=0.9, Li7=0.99)  factor=1.02 (stopping correction)
 *   name=cathode
 * The last layer may omit its thickness: it is then the substrate. Errors set err->column to
 * the 1-based byte column in `text`. */
IL_API il_status il_stack_parse(const char *text, const il_material_db *db, il_stack **out,
                                il_error *err);

/* The review's thin-film battery as seen by NDP from the detector side (Chen et al., Adv.
 * Energy Mater. 11 (2021) 2003939, Fig. 28d: Cu/Si/Li3PO4/LiCoO2/Pt/packaging):
 *   Kapton 1um | Pt 50nm | LiCoO2 700nm | Li3PO4 1.5um | Si 200nm | Cu 500nm | Si (wafer)
 * See examples/default-cell.yaml for why each thickness. */
IL_API il_status il_stack_default_cell(il_stack **out, il_error *err);

/* Reads an enrichment key as layers write it, "li6", "Li6", "6Li", "Li[6]" or "B-10", into
 * (Z, A). Public because every stack reader (inline here, YAML in io) accepts the same keys.
 * IL_ERR_NOT_FOUND when it is not a known nuclide; the message is short because the caller
 * knows the place and says it. */
IL_API il_status il_stack_parse_isotope_key(const char *key, int *Z, int *A, il_error *err);

/* ---- queries ---- */
IL_API const char *il_stack_name(const il_stack *s);
/* Number of layers, the substrate included. */
IL_API size_t il_stack_count(const il_stack *s);
/* NULL when i is out of range. */
IL_API const il_layer *il_stack_layer(const il_stack *s, size_t i);
/* The substrate, or NULL when the stack has none. */
IL_API const il_layer *il_stack_substrate(const il_stack *s);
/* Sum over the finite layers (substrate excluded). */
IL_API double il_stack_thickness_nm(const il_stack *s);
IL_API double il_stack_areal_tfu(const il_stack *s);
/* Depth (nm) of the top of layer i below the surface. */
IL_API double il_stack_layer_top_nm(const il_stack *s, size_t i);

/* The layer's composition: its formula with its enrichments, enriched elements split into
 * isotopes (il_composition_from_formula). The layer's derived numbers (molar mass, atoms/cm3,
 * Li per cm3, nm <-> tfu) are computed from it. */
IL_API il_status il_layer_composition(const il_layer *l, il_composition *out, il_error *err);

/* Per element and per isotope amounts of a layer. */
typedef struct {
    int Z;
    double atom_fraction;
    double mass_fraction;
    double atoms_cm3;
    double atoms_cm2; /* INFINITY in a substrate */
} il_layer_element;
typedef struct {
    int Z;
    int A;
    double atoms_cm3;
    double atoms_cm2; /* INFINITY in a substrate */
} il_layer_isotope;
/* Fill up to `max` entries (IL_FORMULA_MAX resp. IL_FORMULA_ISOTOPES_MAX are always enough),
 * ordered by Z (then A); return the number of entries. Elements merge explicit isotopes. */
IL_API size_t il_layer_elements(const il_layer *l, il_layer_element *out, size_t max);
IL_API size_t il_layer_isotopes(const il_layer *l, il_layer_isotope *out, size_t max);


/* ---- concentration profiles (src/matter/stack_profile.c) ---- */
/* Checks a profile (species in range, points ordered and finite, values >= 0, widths > 0) and
 * attaches it to finite layer i; a second profile of the same species replaces the first. The
 * substrate takes none. Errors name the layer and the offending value. */
IL_API il_status il_stack_add_profile(il_stack *s, size_t i, const il_layer_profile *p,
                                      il_error *err);
/* Removes all profiles of layer i. */
IL_API il_status il_stack_clear_profiles(il_stack *s, size_t i, il_error *err);
/* Number of profiles of a layer, and profile k (NULL when out of range). */
IL_API size_t il_layer_n_profiles(const il_layer *l);
IL_API const il_layer_profile *il_layer_profile_get(const il_layer *l, size_t k);
/* Profile k's value (atoms per formula unit) at depth z_nm below the layer's top. */
IL_API double il_layer_profile_value(const il_layer *l, size_t k, double z_nm);
/* Its mean value over [z0_nm, z1_nm] (exact for every shape: integral / (z1 - z0)); the value
 * at z0 when z1 == z0. */
IL_API double il_layer_profile_mean(const il_layer *l, size_t k, double z0_nm, double z1_nm);
/* Atoms per cm2 of the profiled species in the whole layer: the integral of the profile over
 * the thickness times the formula units per cm3. */
IL_API double il_layer_profile_areal(const il_layer *l, size_t k);
/* Atoms per nominal formula unit of element Z (A = 0) or isotope (Z, A), averaged over
 * [z0_nm, z1_nm] of the layer with its profiles applied (z1 == z0: at that depth); the
 * formula's own count where no profile touches the species. */
IL_API double il_layer_count_at(const il_layer *l, int Z, int A, double z0_nm, double z1_nm);
/* The isotopes of the layer as il_layer_isotopes gives them, with the profiles applied over
 * [z0_nm, z1_nm] (averages; z1 == z0: at a depth): atoms_cm3 local, atoms_cm2 the amount in
 * that range. A profiled element the formula lacks is added in the layer's enrichment or the
 * natural mix. Returns the number of entries (at most max). */
IL_API size_t il_layer_isotopes_at(const il_layer *l, double z0_nm, double z1_nm,
                                   il_layer_isotope *out, size_t max);

/* Writes the stack in the inline form (parsable by il_stack_parse when the materials are known
 * to the database used). Returns buf. */
IL_API const char *il_stack_format(const il_stack *s, char *buf, size_t size);

/* ---- changes (fits, simulations); each keeps the derived numbers consistent ---- */
IL_API il_status il_stack_set_thickness_nm(il_stack *s, size_t i, double nm, il_error *err);
IL_API il_status il_stack_set_areal_tfu(il_stack *s, size_t i, double tfu, il_error *err);
/* Keeps the thickness as given: a length keeps nm, an areal density keeps tfu. */
IL_API il_status il_stack_set_density(il_stack *s, size_t i, double g_cm3, il_error *err);
IL_API il_status il_stack_set_roughness_nm(il_stack *s, size_t i, double nm, il_error *err);
IL_API il_status il_stack_set_enrichment(il_stack *s, size_t i, const il_enrichment *enr, size_t n,
                                         il_error *err);
IL_API il_status il_stack_set_stopping_factor(il_stack *s, size_t i, double factor, il_error *err);
/* Replaces the layer's formula (its enrichments must still apply) at constant atoms/cm3, as
 * ion-beam analysis counts a layer (atoms/cm2 and atomic fractions): the density follows the
 * mean atomic mass and is marked so; the thickness stays as given. For composition fits. */
IL_API il_status il_stack_set_formula(il_stack *s, size_t i, const il_formula *f, il_error *err);
IL_API il_status il_stack_set_name(il_stack *s, const char *name, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
