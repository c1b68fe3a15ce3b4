/* A validated stopping target (internal): distinct elements, atom fractions, overrides. */
#ifndef IL_PHYSICS_STOPPING_COMPOUND_H
#define IL_PHYSICS_STOPPING_COMPOUND_H
#include "interlayer/elements.h"
#include "physics/stopping/stopping_internal.h"

typedef struct {
    il_ion ion;
    il_ion_ref ref;
    size_t n;
    int Z[IL_Z_MAX];
    double frac[IL_Z_MAX];
    double mass_u[IL_Z_MAX];                /* standard atomic weights (ZBL target mass) */
    const il_stopping_user *user[IL_Z_MAX]; /* NULL: built-in */
    double factor;
    int nuclear;
    il_straggling_model straggling;
} il_compound;

il_status il__compound_init(il_compound *c, il_ion ion, const il_stopping_target *t,
                            il_error *err);
double il__compound_element_se(const il_compound *c, size_t i, double E_keV,
                               il_stop_source *src);
void il__compound_eval(const il_compound *c, double E_keV, double *Se, double *Sn);
double il__compound_straggling_rate(const il_compound *c, double E_keV);
/* The same with the effective-charge ratios gamma^2 of He ions given per element (NULL:
 * computed here). */
double il__compound_straggling_rate_g(const il_compound *c, double E_keV, const double *g2);

#endif
