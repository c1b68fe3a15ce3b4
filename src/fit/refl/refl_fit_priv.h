/* Internal state of a reflectivity fit: the problem the fit layer's engines see through
 * refl_fit_run.c's residual callback (one il_refl_work per evaluating thread). */
#ifndef IL_REFL_FIT_PRIV_H
#define IL_REFL_FIT_PRIV_H
#include "interlayer/refl_fit.h"

typedef struct {
    int param, dataset, layer;
    il_refl_quantity q;
} il_refl_binding;

typedef struct {
    char name[128];
    size_t n;
    double *q, *r, *w; /* w = 1/dR */
    double *dq;        /* 1σ, NULL when unsmeared or smeared by dq/Q */
    il_refl_layer_model *layers;
    size_t nl;
    il_refl_probe probe;
    double scale, background;
    il_refl_resolution res; /* points fixed while fitting */
    int smeared;
    int auto_points;        /* choose res.points at the start of each run */
} il_refl_fit_set;

/* Per-thread scratch for one evaluation of all datasets. */
typedef struct {
    il_refl_layer_model *layers; /* room for the largest model */
    il_refl_slab *slabs;
    double *model;               /* room for the largest dataset */
} il_refl_work;

struct il_refl_fit {
    il_refl_fit_set *sets;
    size_t nsets;
    char (*pname)[64];
    double *p, *lo, *hi;
    size_t npar;
    il_refl_binding *b;
    size_t nb;
    size_t ndata;
    il_refl_work main_work;
};

il_status il_refl_work_init(const il_refl_fit *f, il_refl_work *w, il_error *err);
void il_refl_work_free(il_refl_work *w);

/* Residuals (R_model - R)/dR of all datasets at p into resid[ndata]. Reentrant given its own
 * work. quad_err (may be NULL) gets the worst quadrature error estimate. */
il_status il_refl_fit_residuals(const il_refl_fit *f, const double *p, il_refl_work *w,
                                double *resid, double *quad_err, il_error *err);

/* Makes f->main_work if it does not exist yet. */
il_status il_refl_fit_ensure_work(il_refl_fit *f, il_error *err);

/* Smeared datasets without a fixed quadrature rule: picks the rule at the current values. */
il_status il_refl_fit_choose_points(il_refl_fit *f, il_error *err);

#endif
