/* NDP instrument description from YAML (libfyaml).
 *
 * Keys are the il_ndp_instrument member names; they may stand at the top level or inside the
 * sections beam, geometry, detector, gas, foil, background, model (sections only group them).
 * In the gas and foil sections `material`, `pressure_mbar` and `thickness` are also accepted.
 * Numbers whose key names a unit (distance_mm) are plain; `distance`, `dead_layer`, `thickness`,
 * `fwhm`, `gain`, `offset` and `slice` take a value with a unit ("5 cm" is not a length unit we
 * know: use mm). Every error carries file:line:column of the offending key or value. */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read_file.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_io.h"
#include "interlayer/units.h"
#include "io/yaml_doc.h"

typedef enum { K_NUM, K_INT, K_STR, K_LEN_NM, K_LEN_MM, K_ENERGY, K_GEOM } kind;

typedef struct {
    const char *key;
    const char *section; /* NULL: anywhere; else only in that section */
    kind k;
    size_t off;
} field;

#define F(key, sec, k, m) {key, sec, k, offsetof(il_ndp_instrument, m)}
static const field fields[] = {
    F("fluence_rate_n_cm2_s", NULL, K_NUM, fluence_rate_n_cm2_s),
    F("live_time_s", NULL, K_NUM, live_time_s),
    F("neutron_meV", NULL, K_NUM, neutron_meV),
    F("geometry", NULL, K_GEOM, geometry),
    F("distance_mm", NULL, K_NUM, distance_mm),
    F("distance", NULL, K_LEN_MM, distance_mm),
    F("area_mm2", NULL, K_NUM, area_mm2),
    F("angle_deg", NULL, K_NUM, angle_deg),
    F("solid_angle_sr", NULL, K_NUM, solid_angle_sr),
    F("exit_angle_deg", NULL, K_NUM, exit_angle_deg),
    F("angle_bins", NULL, K_INT, angle_bins),
    F("channels", NULL, K_INT, channels),
    F("gain_keV", NULL, K_NUM, gain_keV),
    F("offset_keV", NULL, K_NUM, offset_keV),
    F("quadratic_keV", NULL, K_NUM, quadratic_keV),
    F("offset", NULL, K_ENERGY, offset_keV),
    F("fwhm_keV", NULL, K_NUM, fwhm_keV),
    F("fwhm", NULL, K_ENERGY, fwhm_keV),
    F("dead_layer_nm", NULL, K_NUM, dead_layer_nm),
    F("dead_layer", NULL, K_LEN_NM, dead_layer_nm),
    F("detector_material", NULL, K_STR, detector_material),
    F("gas", NULL, K_STR, gas),
    F("material", "gas", K_STR, gas),
    F("gas_pressure_mbar", NULL, K_NUM, gas_pressure_mbar),
    F("pressure_mbar", "gas", K_NUM, gas_pressure_mbar),
    F("gas_temperature_K", NULL, K_NUM, gas_temperature_K),
    F("temperature_K", "gas", K_NUM, gas_temperature_K),
    F("foil", NULL, K_STR, foil),
    F("material", "foil", K_STR, foil),
    F("foil_nm", NULL, K_NUM, foil_nm),
    F("thickness", "foil", K_LEN_NM, foil_nm),
    F("foil_thickness", NULL, K_LEN_NM, foil_nm),
    F("thickness_nm", "foil", K_NUM, foil_nm),
    F("bkg_flat_cps_keV", NULL, K_NUM, bkg_flat_cps_keV),
    F("bkg_tail_cps_keV", NULL, K_NUM, bkg_tail_cps_keV),
    F("bkg_tail_decay_keV", NULL, K_NUM, bkg_tail_decay_keV),
    F("slice_nm", NULL, K_NUM, slice_nm),
    F("slice", NULL, K_LEN_NM, slice_nm),
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static const char *const sections[] = {"beam", "geometry", "detector", "gas", "foil",
                                       "background", "model"};
#define NSECTIONS (sizeof sections / sizeof sections[0])

static il_status set_value(const field *f, struct fy_node *val, const char *name,
                           il_ndp_instrument *ins, il_error *err)
{
    if (!fy_node_is_scalar(val))
        return il_yaml_fail_at(err, IL_ERR_PARSE, name, val, "'%s' needs a single value%s", f->key, "");
    char text[256];
    size_t len = 0;
    const char *s = fy_node_get_scalar(val, &len);
    if (!s || len >= sizeof text)
        return il_yaml_fail_at(err, IL_ERR_PARSE, name, val, "'%s': value too long%s", f->key, "");
    memcpy(text, s, len);
    text[len] = '\0';
    char *p = (char *)ins + f->off;
    il_error sub;
    il_error_clear(&sub);
    il_status st = IL_OK;
    double v = 0;
    switch (f->k) {
    case K_STR:
        if (len >= IL_NDP_NAME_MAX)
            return il_yaml_fail_at(err, IL_ERR_PARSE, name, val, "'%s': name '%s' is too long", f->key,
                           text);
        memcpy(p, text, len + 1);
        return IL_OK;
    case K_GEOM:
        if (strcmp(text, "detector") == 0)
            *(il_ndp_geometry *)p = IL_NDP_GEOMETRY_DETECTOR;
        else if (strcmp(text, "solid_angle") == 0)
            *(il_ndp_geometry *)p = IL_NDP_GEOMETRY_SOLID_ANGLE;
        else
            return il_yaml_fail_at(err, IL_ERR_PARSE, name, val,
                           "geometry '%s' unknown, expected 'detector' or 'solid_angle'%s", text,
                           "");
        return IL_OK;
    case K_INT: {
        char *end;
        long l = strtol(text, &end, 10);
        if (end == text || *end)
            return il_yaml_fail_at(err, IL_ERR_PARSE, name, val, "'%s': '%s' is not a whole number",
                           f->key, text);
        /* the range il_ndp_instrument_check holds every count field to */
        if (l < 0 || l > (1 << 20))
            return il_yaml_fail_at(err, IL_ERR_RANGE, name, val,
                           "'%s': %s is outside 0..1048576 (2^20)", f->key, text);
        *(int *)p = (int)l;
        return IL_OK;
    }
    case K_NUM:
        st = il_parse_number(text, &v, &sub);
        break;
    case K_LEN_NM:
        st = il_parse_length_nm(text, &v, &sub);
        break;
    case K_LEN_MM:
        st = il_parse_length_nm(text, &v, &sub);
        v *= 1e-6;
        break;
    case K_ENERGY:
        st = il_parse_energy_keV(text, &v, &sub);
        break;
    }
    if (st)
        return il_yaml_fail_at(err, st, name, val, "'%s': %s", f->key, sub.message);
    *(double *)p = v;
    return IL_OK;
}

static il_status read_map(struct fy_node *map, const char *section, const char *name,
                          il_ndp_instrument *ins, il_error *err)
{
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *key;
    while (il_yaml_next_pair(map, &it, &kn, &key, &vn)) {
        if (!key)
            return il_yaml_fail_at(err, IL_ERR_PARSE, name, kn, "keys must be plain names%s%s", "", "");
        if (!section && vn && fy_node_is_mapping(vn)) {
            size_t s;
            for (s = 0; s < NSECTIONS; s++)
                if (strcmp(key, sections[s]) == 0)
                    break;
            if (s == NSECTIONS)
                return il_yaml_fail_at(err, IL_ERR_PARSE, name, kn,
                               "unknown section '%s' (sections: beam, geometry, detector, gas, "
                               "foil, background, model)%s",
                               key, "");
            il_status st = read_map(vn, sections[s], name, ins, err);
            if (st)
                return st;
            continue;
        }
        const field *f = NULL;
        for (size_t i = 0; i < NFIELDS && !f; i++)
            if (fields[i].section && section && strcmp(fields[i].section, section) == 0 &&
                strcmp(fields[i].key, key) == 0)
                f = &fields[i];
        for (size_t i = 0; i < NFIELDS && !f; i++)
            if (!fields[i].section && strcmp(fields[i].key, key) == 0)
                f = &fields[i];
        if (!f) {
            const char *names[NFIELDS];
            for (size_t i = 0; i < NFIELDS; i++)
                names[i] = fields[i].key;
            const char *sug = il_suggest(key, names, NFIELDS);
            if (sug)
                return il_yaml_fail_at(err, IL_ERR_PARSE, name, kn,
                               "unknown instrument key '%s'; did you mean '%s'?", key, sug);
            return il_yaml_fail_at(err, IL_ERR_PARSE, name, kn, "unknown instrument key '%s'%s", key, "");
        }
        if (!vn)
            return il_yaml_fail_at(err, IL_ERR_PARSE, name, kn, "'%s' has no value%s", key, "");
        il_status st = set_value(f, vn, name, ins, err);
        if (st)
            return st;
    }
    return IL_OK;
}

il_status il_ndp_instrument_parse(const char *text, size_t len, const char *name,
                                  il_ndp_instrument *ins, il_error *err)
{
    if (!name)
        name = "<instrument>";
    il_yaml_source src = {name, 1, 0, NULL};
    il_yaml_doc yd;
    il_status st = il_yaml_doc_parse(text, len, &src, &yd, err);
    if (st)
        return st;
    struct fy_node *root;
    st = il_yaml_doc_mapping(&yd, name, "an instrument file is a mapping of keys to values",
                             &root, err);
    if (!st)
        st = read_map(root, NULL, name, ins, err);
    il_yaml_doc_free(&yd);
    if (st)
        return st;
    st = il_ndp_instrument_check(ins, err);
    if (st) {
        char msg[sizeof err->message];
        if (err) {
            snprintf(msg, sizeof msg, "%s", err->message);
            il_error_set_at(err, st, name, 0, 0, "%s", msg);
        }
    }
    return st;
}

il_status il_ndp_instrument_load(const char *path, il_ndp_instrument *ins, il_error *err)
{
    char *buf;
    size_t n;
    il_status rs = il_read_file(path, 16u << 20, "instrument file", &buf, &n, err);
    if (rs)
        return rs;
    il_status st = il_ndp_instrument_parse(buf, n, path, ins, err);
    free(buf);
    return st;
}
