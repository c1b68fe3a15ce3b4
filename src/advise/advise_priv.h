/* Shared by the advisor's files: the question as every technique sees it, and the helpers that
 * keep the worst verdict and the number that decided it. */
#ifndef IL_ADVISE_PRIV_H
#define IL_ADVISE_PRIV_H
#include <stddef.h>

#include "interlayer/advise.h"
#include "interlayer/composition.h"

typedef struct {
    const il_stack *s;
    size_t upper;           /* interface between layers upper and upper + 1 */
    double depth_nm;        /* interface depth below the surface */
    double below_nm;        /* matter below the interface down to the substrate (finite part) */
    int li_side;            /* the neighbour holding Li (0 upper, 1 lower), -1 none */
    double li_atoms_cm3;    /* Li density the interlayer is assumed to hold */
    const il_advise_options *o;
    double max_time_s;      /* resolved from the options */
} il__adv_ctx;

/* Record a finding: a worse verdict replaces the deciding text, an equal one keeps the first. */
void il__adv_judge(il_advice *a, il_verdict v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Add a suggestion (joined with "; ", duplicates dropped). */
void il__adv_change(il_advice *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Verdict of a length that should not exceed `wanted`: works, marginal up to 2x, cannot. */
il_verdict il__adv_scale(double value, double wanted);
/* Verdict of a measurement time t against the longest allowed, c->max_time_s: works, marginal
 * up to 10x, cannot. */
il_verdict il__adv_time(const il__adv_ctx *c, double t_s);

/* The evaluators: one per group of techniques, each judging the wants that its physics
 * answers (the table's capability flags are judged once, by the driver). */
il_status il__adv_ndp(const il__adv_ctx *c, il_advice *a, il_error *err);
il_status il__adv_refl(const il__adv_ctx *c, il_advice *a, int neutrons, il_error *err);
il_status il__adv_xray(const il__adv_ctx *c, il_advice *a, il_error *err);
il_status il__adv_sputter(const il__adv_ctx *c, il_advice *a, il_error *err);
il_status il__adv_electron(const il__adv_ctx *c, il_advice *a, il_error *err);
il_status il__adv_iba(const il__adv_ctx *c, il_advice *a, il_error *err);
/* depth resolution of 2 MeV RBS and He-ERDA of Li at depths z (NaN where nothing comes out) */
il_status il__adv_iba_curves(const il_stack *s, const double *z, size_t n, double *rbs_nm,
                             double *erda_nm, il_error *err);

/* Layer i's composition (errors name the layer). */
il_status il__adv_comp(const il_stack *s, size_t i, il_composition *c, il_error *err);

#endif
