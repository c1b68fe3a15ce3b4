/* Sputter profiles as JSON and CSV text (sputter_io.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "interlayer/elements.h"
#include "interlayer/ndp_io.h"
#include "interlayer/sputter_io.h"
#include "io/json_text.h"

static json_t *mri_doc(const il_mri_params *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "mixing_nm", il__json_number(p->w_nm));
    json_object_set_new(o, "roughness_nm", il__json_number(p->sigma_nm));
    json_object_set_new(o, "information_depth_nm", il__json_number(p->lambda_nm));
    json_object_set_new(o, "depth_resolution_nm", il__json_number(il_mri_depth_resolution_nm(p)));
    return o;
}

static const char *symbol(int Z)
{
    const il_element *e = il_element_by_z(Z);
    return e ? e->symbol : "?";
}

static json_t *depths(double dz, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, il__json_number((i + 0.5) * dz));
    return a;
}

il_status il_sputter_simulation_json(const il_sputter_simulation *s, char **text, il_error *err)
{
    if (!s || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_sputter_simulation_json: NULL argument");
    json_t *doc = json_object();
    json_object_set_new(doc, "technique", json_string(s->technique ? s->technique : ""));
    json_object_set_new(doc, "mri", mri_doc(&s->mri));
    json_object_set_new(doc, "step_nm", il__json_number(s->dz_nm));
    json_object_set_new(doc, "depth_nm", depths(s->dz_nm, s->n));
    json_t *els = json_array();
    for (size_t k = 0; k < s->nz; k++) {
        json_t *o = json_object();
        json_object_set_new(o, "element", json_string(symbol(s->Z[k])));
        json_object_set_new(o, "true_fraction", il__json_numbers(s->truth + k * s->n, s->n));
        json_object_set_new(o, "measured_fraction",
                            il__json_numbers(s->measured + k * s->n, s->n));
        json_array_append_new(els, o);
    }
    json_object_set_new(doc, "elements", els);
    return il__json_text(doc, text, err);
}

/* buf is read after fclose: open_memstream sets it only when the stream is flushed */
static il_status finish(FILE *f, char **buf, char **text, il_error *err)
{
    if (fclose(f) != 0 || !*buf) {
        free(*buf);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory writing CSV");
    }
    *text = *buf;
    return IL_OK;
}

il_status il_sputter_simulation_csv(const il_sputter_simulation *s, char **text, il_error *err)
{
    if (!s || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_sputter_simulation_csv: NULL argument");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory writing CSV");
    fputs("depth_nm", f);
    for (size_t k = 0; k < s->nz; k++)
        fprintf(f, ",%s_true,%s_measured", symbol(s->Z[k]), symbol(s->Z[k]));
    fputc('\n', f);
    for (size_t i = 0; i < s->n; i++) {
        fprintf(f, "%.10g", (i + 0.5) * s->dz_nm);
        for (size_t k = 0; k < s->nz; k++)
            fprintf(f, ",%.10g,%.10g", s->truth[k * s->n + i], s->measured[k * s->n + i]);
        fputc('\n', f);
    }
    return finish(f, &buf, text, err);
}

il_status il_sputter_deconvolution_json(const il_sputter_deconvolution *d, char **text,
                                        il_error *err)
{
    if (!d || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_sputter_deconvolution_json: NULL argument");
    json_t *doc = json_object();
    json_object_set_new(doc, "mri", mri_doc(&d->mri));
    json_object_set_new(doc, "regularisation", il__json_number(d->regularisation));
    json_object_set_new(doc, "depth_nm", il__json_numbers(d->depth_nm, d->n));
    json_object_set_new(doc, "measured", il__json_numbers(d->measured, d->n));
    json_object_set_new(doc, "deconvolved", il__json_numbers(d->c, d->n));
    json_object_set_new(doc, "deconvolved_sigma",
                        d->c_sigma ? il__json_numbers(d->c_sigma, d->n) : json_null());
    return il__json_text(doc, text, err);
}

il_status il_sputter_deconvolution_csv(const il_sputter_deconvolution *d, char **text,
                                       il_error *err)
{
    if (!d || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_sputter_deconvolution_csv: NULL argument");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory writing CSV");
    fputs("depth_nm,measured,deconvolved,deconvolved_sigma\n", f);
    for (size_t i = 0; i < d->n; i++)
        fprintf(f, "%.10g,%.10g,%.10g,%.10g\n", d->depth_nm[i], d->measured[i], d->c[i],
                d->c_sigma ? d->c_sigma[i] : NAN);
    return finish(f, &buf, text, err);
}

il_status il_sputter_profile_load(const char *path, double **depth_nm, double **value, size_t *n,
                                  double *dz_nm, il_error *err)
{
    il_status st = il_ndp_points_load(path, depth_nm, value, n, err);
    if (st)
        return st;
    if (*n < 3) {
        st = il_error_set_at(err, IL_ERR_PARSE, path, 0, 0,
                             "%zu points: a sputter profile needs at least 3", *n);
    } else {
        /* the MRI matrix assumes one depth step: a non-uniform grid would be blurred wrongly */
        double dz = ((*depth_nm)[*n - 1] - (*depth_nm)[0]) / (double)(*n - 1);
        for (size_t i = 1; i < *n && !st; i++) {
            double d = (*depth_nm)[i] - (*depth_nm)[i - 1];
            if (!(dz > 0) || fabs(d - dz) > 0.01 * dz)
                st = il_error_set_at(err, IL_ERR_PARSE, path, 0, 0,
                                     "depth step %g nm at point %zu differs from the mean step "
                                     "%g nm: expected uniformly spaced, increasing depths",
                                     d, i + 1, dz);
        }
        *dz_nm = dz;
    }
    if (st) {
        free(*depth_nm);
        free(*value);
        *depth_nm = *value = NULL;
        *n = 0;
    }
    return st;
}
