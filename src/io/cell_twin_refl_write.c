/* Writing the twin's reflectometry series (cell_io.h): one ORSO file per saved state and an
 * index of their times, for `refl fit` to take one by one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "interlayer/cell_io.h"
#include "interlayer/outfile.h"
#include "interlayer/refl.h"
#include "interlayer/refl_data.h"

il_status il_cell_twin_write_refl(const char *dir, const il_cell_result *r,
                                  const il_cell_twin_refl_options *o, il_error *err)
{
    char sub[4100], path[4200];
    snprintf(sub, sizeof sub, "%s/refl", dir);
    if ((mkdir(dir, 0777) != 0 && errno != EEXIST) || (mkdir(sub, 0777) != 0 && errno != EEXIST))
        return il_error_set(err, IL_ERR_IO, "%s: cannot create the folder: %s", sub, strerror(errno));
    size_t n = o->n_q;
    double *q = malloc(n * sizeof *q), *R = malloc(n * sizeof *R), *dq = malloc(n * sizeof *dq);
    double *Rm = malloc(n * sizeof *Rm), *dR = malloc(n * sizeof *dR);
    int counted = o->incident_cps > 0;
    il_status st = q && R && dq && Rm && dR ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; !st && k < il_cell_result_n_states(r); k++) {
        if ((st = il_cell_twin_reflectivity(r, k, o, q, R, err)))
            break;
        if (counted && (st = il_cell_twin_refl_sample(q, R, n, o, o->seed + k, Rm, dR, err)))
            break;
        for (size_t i = 0; i < n; i++)
            dq[i] = o->dq_over_q * q[i];
        il_refl_dataset d = {.n = n, .q_invA = q, .r = counted ? Rm : R,
                             .dr = counted ? dR : NULL, .dq = dq,
                             .dq_kind = IL_REFL_DQ_SIGMA};
        snprintf(d.name, sizeof d.name, "state %zu", k + 1);
        snprintf(d.probe, sizeof d.probe, "%s", o->probe.probe == IL_REFL_XRAY ? "x-ray" : "neutron");
        char comment[400];
        int c = snprintf(comment, sizeof comment, "cell twin: saved state %zu at t = %.6g s", k + 1,
                         il_cell_result_state_time_s(r, k));
        if (counted && c > 0 && (size_t)c < sizeof comment)
            snprintf(comment + c, sizeof comment - (size_t)c,
                     "; counted: %.3g counts/s on the sample at Q = %.3g 1/A, scaling as Q^2, "
                     "%.3g s a point, background %.3g (R units) subtracted, Poisson seed %llu",
                     o->incident_cps, o->q_ref_invA, o->time_per_point_s, o->background_R,
                     (unsigned long long)(o->seed + k));
        snprintf(path, sizeof path, "%s/state_%03zu.ort", sub, k + 1);
        st = il_refl_data_write_ort(path, &d, 1, comment, err);
    }
    free(q), free(R), free(dq), free(Rm), free(dR);
    if (st)
        return st;
    snprintf(path, sizeof path, "%s/index.csv", sub);
    il_outfile *of;
    if ((st = il_outfile_open(path, &of, err)))
        return st;
    FILE *f = il_outfile_stream(of);
    fputs("file,time_s\n", f);
    for (size_t k = 0; k < il_cell_result_n_states(r); k++)
        fprintf(f, "state_%03zu.ort,%.10g\n", k + 1, il_cell_result_state_time_s(r, k));
    return il_outfile_commit(of, err);
}
