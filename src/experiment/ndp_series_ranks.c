/* Operando spectra across MPI ranks (see ndp_series_ranks.h). A profile travels as one array of
 * doubles in a fixed order: the numbers are copied, not recomputed, so every rank (and rank 0,
 * which writes) holds exactly what the owner computed, and 1 or N ranks give the same files. */
#include <stdlib.h>
#include <string.h>

#include "experiment/ndp_series_ranks.h"

#ifdef IL_HAVE_MPI
#include <mpi.h>
#endif

int il__series_mine(size_t i, void *comm)
{
#ifdef IL_HAVE_MPI
    if (comm) {
        int rank, size;
        MPI_Comm_rank(*(MPI_Comm *)comm, &rank);
        MPI_Comm_size(*(MPI_Comm *)comm, &size);
        return (int)(i % (size_t)size) == rank;
    }
#else
    (void)comm;
#endif
    (void)i;
    return 1;
}

#ifdef IL_HAVE_MPI
enum { N_LAYER_ARRAYS = 11, N_SCALARS = 7 };

/* The per-layer arrays in their travelling order. */
static void layer_arrays(il_ndp_profile *p, double **a)
{
    double *v[N_LAYER_ARRAYS] = {p->li_atoms_cm2,       p->li_atoms_cm2_sigma,
                                 p->li_atoms_cm2_reg,   p->li_atoms_cm2_sys,
                                 p->li_atoms_cm2_spill, p->li_atoms_cm2_stop,
                                 p->li_atoms_cm2_dens,  p->li_atoms_cm2_geom,
                                 p->li_atoms_cm2_cal,   p->li_atoms_cm2_total,
                                 p->li_atoms_cm2_nonsys};
    memcpy(a, v, sizeof v);
}

static size_t packed_size(const il_ndp_profile *s)
{
    return 2 * s->n_bins + N_LAYER_ARRAYS * s->n_layers + s->n_channels + 3 * s->n_func +
           N_SCALARS;
}

/* pack (dir 1) or unpack (dir 0) p to/from buf */
static void move(il_ndp_profile *p, double *buf, int dir)
{
    size_t o = 0;
#define MOVE(ptr, k)                                                                              \
    do {                                                                                          \
        if (dir)                                                                                  \
            memcpy(buf + o, (ptr), (k) * sizeof(double));                                         \
        else                                                                                      \
            memcpy((ptr), buf + o, (k) * sizeof(double));                                         \
        o += (k);                                                                                 \
    } while (0)
    MOVE(p->conc, p->n_bins);
    MOVE(p->conc_sigma, p->n_bins);
    double *la[N_LAYER_ARRAYS];
    layer_arrays(p, la);
    for (int k = 0; k < N_LAYER_ARRAYS; k++)
        MOVE(la[k], p->n_layers);
    MOVE(p->fitted, p->n_channels);
    MOVE(p->func, p->n_func);
    MOVE(p->func_sigma, p->n_func);
    MOVE(p->func_bias, p->n_func);
#undef MOVE
    double sc[N_SCALARS] = {p->lambda, p->chi2, p->iterations, p->passes, p->passes_converged,
                            p->mlem_stop, p->mlem_sigma};
    if (dir) {
        memcpy(buf + o, sc, sizeof sc);
    } else {
        memcpy(sc, buf + o, sizeof sc);
        p->lambda = sc[0], p->chi2 = sc[1];
        p->iterations = (int)sc[2], p->passes = (int)sc[3], p->passes_converged = (int)sc[4];
        p->mlem_stop = (int)sc[5], p->mlem_sigma = (int)sc[6];
    }
}

/* A profile with the sizes (and depth grid) of `s`, numbers to be filled. */
static il_ndp_profile *profile_like(const il_ndp_profile *s)
{
    il_ndp_profile *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->n_bins = s->n_bins, p->n_layers = s->n_layers, p->n_channels = s->n_channels;
    p->n_func = s->n_func;
    size_t nb = s->n_bins, nl = s->n_layers;
    p->depth_nm = malloc(nb * sizeof(double));
    p->width_nm = malloc(nb * sizeof(double));
    p->bin_layer = malloc(nb * sizeof(size_t));
    p->conc = calloc(nb, sizeof(double));
    p->conc_sigma = calloc(nb, sizeof(double));
    double **la[N_LAYER_ARRAYS] = {&p->li_atoms_cm2,       &p->li_atoms_cm2_sigma,
                                   &p->li_atoms_cm2_reg,   &p->li_atoms_cm2_sys,
                                   &p->li_atoms_cm2_spill, &p->li_atoms_cm2_stop,
                                   &p->li_atoms_cm2_dens,  &p->li_atoms_cm2_geom,
                                   &p->li_atoms_cm2_cal,   &p->li_atoms_cm2_total,
                                   &p->li_atoms_cm2_nonsys};
    int ok = p->depth_nm && p->width_nm && p->bin_layer && p->conc && p->conc_sigma;
    for (int k = 0; k < N_LAYER_ARRAYS; k++)
        ok = (*la[k] = calloc(nl, sizeof(double))) && ok;
    p->fitted = calloc(s->n_channels, sizeof(double));
    p->func = calloc(s->n_func + 1, sizeof(double));
    p->func_sigma = calloc(s->n_func + 1, sizeof(double));
    p->func_bias = calloc(s->n_func + 1, sizeof(double));
    if (!ok || !p->fitted || !p->func || !p->func_sigma || !p->func_bias) {
        il_ndp_profile_free(p);
        return NULL;
    }
    memcpy(p->depth_nm, s->depth_nm, nb * sizeof(double));
    memcpy(p->width_nm, s->width_nm, nb * sizeof(double));
    memcpy(p->bin_layer, s->bin_layer, nb * sizeof(size_t));
    return p;
}
#endif

void il__series_share(il_ndp_profile **prof, size_t n, const il_ndp_profile *shape,
                      double *rows, size_t width, void *comm, int *st, il_error *err)
{
#ifdef IL_HAVE_MPI
    if (!comm)
        return;
    MPI_Comm c = *(MPI_Comm *)comm;
    int rank, size;
    MPI_Comm_rank(c, &rank);
    MPI_Comm_size(c, &size);
    if (size < 2)
        return;
    /* Agree on failure first: the lowest failing rank's error goes to all. */
    int mine = *st ? rank : size, first;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, c);
    if (first < size) {
        il_error e;
        if (rank == first && err)
            e = *err;
        else
            il_error_clear(&e);
        MPI_Bcast(&e, (int)sizeof e, MPI_BYTE, first, c);
        if (err)
            *err = e;
        *st = e.code ? (int)e.code : IL_ERR_NUMERIC;
        return;
    }
    size_t len = packed_size(shape);
    double *buf = malloc(len * sizeof *buf);
    int ok = buf != NULL, all;
    for (size_t i = 0; i < n && ok; i++) {
        int owner = (int)(i % (size_t)size);
        if (rank != owner && !prof[i] && !(prof[i] = profile_like(shape)))
            ok = 0;
    }
    MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_MIN, c);
    if (!all) {
        free(buf);
        *st = il_error_set(err, IL_ERR_NOMEM, "out of memory sharing the series' profiles");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        int owner = (int)(i % (size_t)size);
        if (rank == owner)
            move(prof[i], buf, 1);
        MPI_Bcast(buf, (int)len, MPI_DOUBLE, owner, c);
        if (rank != owner)
            move(prof[i], buf, 0);
        if (rows)
            MPI_Bcast(rows + i * width, (int)width, MPI_DOUBLE, owner, c);
    }
    free(buf);
#else
    (void)prof, (void)n, (void)shape, (void)rows, (void)width, (void)comm, (void)st, (void)err;
#endif
}
