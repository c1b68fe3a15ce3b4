/* Writing the twin's synthetic experiment (cell_io.h) in the formats of real data: Ortec .Spe
 * spectra with an index, the pristine stack and reference spectrum, and the cycler record. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "interlayer/cell_io.h"
#include "interlayer/outfile.h"
#include "interlayer/spectrum.h"

il_status il_cell_write_cycler_csv(const char *path, const il_cell_result *r, il_error *err)
{
    il_outfile *of;
    il_status st = il_outfile_open(path, &of, err);
    if (st)
        return st;
    FILE *f = il_outfile_stream(of);
    double area = il_cell_result_params(r)->area_cm2;
    fputs("Test Time / s,Voltage / V,Current / A\n", f);
    /* a step's end and the next step's start share their time: both rows stay, so the
     * record's trapezoidal charge is exact across a current step */
    for (size_t i = 0; i < il_cell_result_n_samples(r); i++) {
        const il_cell_sample *s = il_cell_result_sample(r, i);
        fprintf(f, "%.10g,%.8g,%.8e\n", s->time_s, s->voltage_V, s->current_A_cm2 * area);
    }
    return il_outfile_commit(of, err);
}

static il_status write_spe(const char *path, const double *counts, size_t n, double live_s,
                           const il_ndp_instrument *ins, const char *title, il_error *err)
{
    il_spectrum *sp;
    il_status st = il_spectrum_new(n, &sp, err);
    if (st)
        return st;
    memcpy(il_spectrum_counts_mut(sp), counts, n * sizeof *counts);
    st = il_spectrum_set_calibration(sp, ins->offset_keV, ins->gain_keV, ins->quadratic_keV, err);
    if (!st)
        st = il_spectrum_set_times_s(sp, live_s, live_s, err);
    if (!st)
        st = il_spectrum_set_title(sp, title, err);
    if (!st)
        st = il_spectrum_save(sp, path, IL_SPECTRUM_SPE, err);
    il_spectrum_free(sp);
    return st;
}

il_status il_cell_twin_write(const char *dir, const il_cell_twin *t, const il_ndp_instrument *ins,
                             const il_cell_result *r, il_error *err)
{
    char path[4200], series[4100];
    snprintf(series, sizeof series, "%s/series", dir);
    if ((mkdir(dir, 0777) != 0 && errno != EEXIST) || (mkdir(series, 0777) != 0 && errno != EEXIST))
        return il_error_set(err, IL_ERR_IO, "%s: cannot create the folder: %s", series,
                            strerror(errno));
    il_status st;
    snprintf(path, sizeof path, "%s/reference.spe", dir);
    if ((st = write_spe(path, t->reference, t->n_channels, t->reference_live_s, ins,
                        "cell twin: pristine reference", err)))
        return st;
    for (size_t k = 0; k < t->n_spectra; k++) {
        char title[96];
        snprintf(path, sizeof path, "%s/spectrum_%03zu.spe", series, k + 1);
        snprintf(title, sizeof title, "cell twin: acquisition %zu from t = %.0f s", k + 1,
                 t->start_s[k]);
        if ((st = write_spe(path, t->counts + k * t->n_channels, t->n_channels, t->live_s[k], ins,
                            title, err)))
            return st;
    }
    snprintf(path, sizeof path, "%s/index.csv", series);
    il_outfile *of;
    if ((st = il_outfile_open(path, &of, err)))
        return st;
    FILE *f = il_outfile_stream(of);
    fputs("file,time_s,live_time_s\n", f);
    for (size_t k = 0; k < t->n_spectra; k++)
        fprintf(f, "spectrum_%03zu.spe,%.10g,%.10g\n", k + 1, t->start_s[k], t->live_s[k]);
    if ((st = il_outfile_commit(of, err)))
        return st;
    il_stack *s;
    if ((st = il_cell_result_state_stack(r, 0, &s, err)))
        return st;
    snprintf(path, sizeof path, "%s/pristine.yaml", dir);
    st = il_cell_write_stack_yaml(path, s, err);
    il_stack_free(s);
    if (st)
        return st;
    snprintf(path, sizeof path, "%s/cycler.csv", dir);
    return il_cell_write_cycler_csv(path, r, err);
}
