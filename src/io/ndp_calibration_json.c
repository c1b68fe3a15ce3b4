/* The JSON file of an NDP reference calibration (ndp_io.h): the document the CLI prints, so a
 * library user writes the same schema. */
#include <stdlib.h>

#include "interlayer/ndp_io.h"
#include "io/json_text.h"

static json_t *calibration_doc(const il_ndp_reference_calibration *c)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "offset_keV", il__json_number(c->offset_keV));
    json_object_set_new(doc, "gain_keV_per_channel", il__json_number(c->gain_keV));
    json_object_set_new(doc, "alpha_edge_channel", il__json_number(c->edge_channel[0]));
    json_object_set_new(doc, "alpha_edge_keV", il__json_number(c->edge_keV[0]));
    json_object_set_new(doc, "triton_edge_channel", il__json_number(c->edge_channel[1]));
    json_object_set_new(doc, "triton_edge_keV", il__json_number(c->edge_keV[1]));
    json_object_set_new(doc, "fluence_solid_angle_factor", il__json_number(c->factor));
    json_object_set_new(doc, "fluence_solid_angle_factor_sigma", il__json_number(c->factor_sigma));
    json_object_set_new(doc, "calibrated_fluence_rate_n_per_cm2_s",
                        il__json_number(c->fluence_rate_n_cm2_s));
    return doc;
}

il_status il_ndp_calibration_json(const il_ndp_reference_calibration *c, char **text,
                                  il_error *err)
{
    if (!c || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_calibration_json: NULL argument");
    return il__json_text(calibration_doc(c), text, err);
}

il_status il_ndp_calibration_write_json(const char *path, const il_ndp_reference_calibration *c,
                                        il_error *err)
{
    char *text = NULL;
    il_status st = il_ndp_calibration_json(c, &text, err);
    return il__write_made_text(path, st, text, err);
}
