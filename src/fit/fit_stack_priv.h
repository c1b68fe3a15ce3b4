/* Internals of the stack fit (include/interlayer/fit_stack.h), shared by its files. */
#ifndef IL_FIT_STACK_PRIV_H
#define IL_FIT_STACK_PRIV_H
#include <stddef.h>

#include "interlayer/fit_stack.h"

/* What a target sets, in the order they are applied: the composition first (the isotope mix
 * applies to its elements), the isotope mix before the density (a
 * tabulated density follows the molar mass of the mix; a fitted one is then set as is), both
 * before the thickness (a thickness given in nm stays in nm), probe parameters last. */
typedef enum { FS_COMPOSITION, FS_ISOTOPE, FS_DENSITY, FS_THICKNESS, FS_ROUGHNESS, FS_PROBE, FS_N_KINDS } fs_kind;

typedef struct {
    fs_kind kind;
    size_t layer;  /* 0-based, layer targets */
    int Z, A;      /* FS_ISOTOPE */
    /* FS_COMPOSITION: the group's elements and their ratios; the parameter scales them
     * ("frac:CoO2" sets Co to v and O to 2v atoms per formula unit) */
    int group_Z[8];
    double group_count[8];
    size_t group_n;
    size_t term;   /* FS_PROBE */
    size_t pindex; /* FS_PROBE: index among the probe's parameters */
    size_t param;  /* the fit parameter that drives it */
} fs_target;

typedef struct {
    char name[128];
    double start, value, lower, upper;
    int fixed;
} fs_param;

typedef struct {
    char name[64];
    il_probe *probe;
    double *axis, *values, *sigma;
    size_t n;
    double sqrt_weight;
} fs_term;

struct il_fit_stack {
    il_stack *base;
    fs_term *terms;
    size_t n_terms;
    fs_param *params;
    size_t n_params;
    fs_target *targets;
    size_t n_targets;
    double *lower, *upper; /* of the free parameters, for il_fit_problem */
    size_t bounds_cap;     /* their room: they move only when the free count grows, so a
                            * problem made earlier stays valid (il_fit_stack_result_at) */
};

/* Parses `text` against f's stack and terms into t (t->param left alone). Errors name text. */
il_status il_fs_target_parse(const il_fit_stack *f, const char *text, fs_target *t,
                             il_error *err);
/* Sets the target to v on the stack s, or on probes[t->term] (the probes of s's owner). */
il_status il_fs_target_apply(const fs_target *t, double v, il_stack *s, il_probe **probes,
                             il_error *err);
/* Applies every target: free parameters from p (NULL: their current values), fixed ones at
 * theirs, in the order of fs_kind. */
il_status il_fs_apply_all(const il_fit_stack *f, const double *p, il_stack *s, il_probe **probes,
                          il_error *err);
/* The value `text` (a target) has now on f's stack or term probe: a start for a parameter the
 * caller gives none (an isotope without enrichment: its natural abundance). */
il_status il_fs_target_value(const il_fit_stack *f, const char *text, double *v, il_error *err);

#endif
