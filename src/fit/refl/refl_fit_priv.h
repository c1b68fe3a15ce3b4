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
    /* The fitting resolution (shared Q grid, fixed weights), made at the start of a run; NULL
     * for unsmeared sets, a fixed rule, a fitted dQ/Q or exact resolution on request. */
    il_refl_smear_plan *plan;
    double plan_accuracy;   /* 1e-3 of the smallest relative error bar */
} il_refl_fit_set;

/* Per-thread scratch for one evaluation of all datasets. */
typedef struct {
    il_refl_layer_model *layers; /* room for the largest model */
    il_refl_slab *slabs;
    double *model;               /* room for the largest dataset */
    double *grid;                /* room for the largest plan's nodes */
    size_t evals;                /* model evaluations made with this work */
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
    size_t evals;                /* evaluations of works already freed (see refl_fit_run.c) */
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

/* Makes (exact = 0) or drops (exact = 1) the fitting resolution plans of the smeared datasets
 * at the current values, and remakes f->main_work to fit their grids. */
il_status il_refl_fit_make_plans(il_refl_fit *f, int exact, il_error *err);

/* At p: the largest relative difference between the plans and the exact adaptive path, and the
 * largest requested accuracy (0 when no dataset has a plan). */
il_status il_refl_fit_check_plans(il_refl_fit *f, const double *p, double *error,
                                  double *accuracy, size_t *nodes, il_error *err);

#endif
