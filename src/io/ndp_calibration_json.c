/* The JSON file of an NDP reference calibration (ndp_io.h): the document the CLI prints, so a
 * library user writes the same schema. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/ndp_io.h"
#include "interlayer/outfile.h"

static json_t *calibration_doc(const il_ndp_reference_calibration *c)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "offset_keV", json_real(c->offset_keV));
    json_object_set_new(doc, "gain_keV_per_channel", json_real(c->gain_keV));
    json_object_set_new(doc, "alpha_edge_channel", json_real(c->edge_channel[0]));
    json_object_set_new(doc, "alpha_edge_keV", json_real(c->edge_keV[0]));
    json_object_set_new(doc, "triton_edge_channel", json_real(c->edge_channel[1]));
    json_object_set_new(doc, "triton_edge_keV", json_real(c->edge_keV[1]));
    json_object_set_new(doc, "fluence_solid_angle_factor", json_real(c->factor));
    json_object_set_new(doc, "fluence_solid_angle_factor_sigma", json_real(c->factor_sigma));
    json_object_set_new(doc, "calibrated_fluence_rate_n_per_cm2_s",
                        json_real(c->fluence_rate_n_cm2_s));
    return doc;
}

il_status il_ndp_calibration_json(const il_ndp_reference_calibration *c, char **text,
                                  il_error *err)
{
    if (!c || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_calibration_json: NULL argument");
    json_t *doc = calibration_doc(c);
    /* Ten significant digits keep every number a double prints meaningfully. */
    char *body = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(doc);
    size_t n = body ? strlen(body) : 0;
    char *out = body ? malloc(n + 2) : NULL;
    if (!out) {
        free(body);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    memcpy(out, body, n);
    out[n] = '\n', out[n + 1] = '\0';
    free(body);
    *text = out;
    return IL_OK;
}

il_status il_ndp_calibration_write_json(const char *path, const il_ndp_reference_calibration *c,
                                        il_error *err)
{
    if (!path)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_calibration_write_json: NULL path");
    char *text;
    il_status st = il_ndp_calibration_json(c, &text, err);
    if (st)
        return st;
    il_outfile *of;
    if (!(st = il_outfile_open(path, &of, err))) {
        if (fputs(text, il_outfile_stream(of)) < 0) {
            il_outfile_abort(of);
            st = il_error_set_at(err, IL_ERR_IO, path, 0, 0, "could not write JSON");
        } else {
            st = il_outfile_commit(of, err);
        }
    }
    free(text);
    return st;
}
