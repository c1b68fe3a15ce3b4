/* Reflectometry sample models from text: the ORSO simple model language
 *   "air | LiNbO3 200 5 | Si"          (MATERIAL [THICKNESS_Å [ROUGHNESS_Å]] per layer)
 * and YAML model files with free parameters for fits (docs/reflectometry.md, examples/refl/).
 *
 * Inline layers: beam side first; the first entry is the fronting medium, the last the backing
 * medium. ROUGHNESS is the rms width of the layer's top interface (the one the beam meets
 * first). Options after the numbers: density=4.65 (g/cm³), li6=0.95 (6Li fraction of the natural
 * Li), sld=2.07 and isld=0.01 (fix the SLD, 1e-6 Å⁻²), name=film. A group repeats:
 * "air | (LiNbO3 100 3 li6=1 | Si 50 3) x 5 | Si". "air"/"vacuum" have SLD 0. MATERIAL is a
 * database name or a formula (Li[6]NbO3 for isotopes), resolved like stacks do. */
#ifndef INTERLAYER_REFL_MODEL_H
#define INTERLAYER_REFL_MODEL_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/refl_fit.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IL_REFL_MODEL_MAX_LAYERS 100000

/* Parses the inline form; *layers (free()) receives *n >= 2 layers. Errors give the 1-based
 * column in `text` (label names the text, e.g. "<model>" or "model.yaml:4"). */
IL_API il_status il_refl_model_parse(const char *text, const char *label,
                                     il_refl_layer_model **layers, size_t *n, il_error *err);

/* A value that may be fitted. */
typedef struct {
    char name[96];
    double value, lo, hi;
    int free;
} il_refl_param_spec;

/* Parameter `param` (index into params) sets quantity q of layer `layer`. */
typedef struct {
    int param;
    int layer;
    il_refl_quantity q;
} il_refl_model_binding;

typedef struct {
    char file[512];                /* data file ("" when given on the command line) */
    il_refl_probe probe;           /* the model's probe unless the entry names its own */
    il_refl_layer_model *layers;   /* the base model with this dataset's overrides */
    size_t nlayers;
    double scale, background;
    il_refl_model_binding *b;      /* every binding that applies to this dataset */
    size_t nb;
} il_refl_model_dataset;

typedef struct {
    il_refl_probe probe;
    il_refl_layer_model *layers;
    size_t nlayers;
    double scale, background;
    il_refl_resolution res;  /* for data without dQ (dq_over_q, kind, truncation) */
    il_refl_param_spec *params;
    size_t nparams;
    il_refl_model_binding *b; /* bindings of the base model */
    size_t nb;
    il_refl_model_dataset *sets; /* from `datasets:`; may be empty */
    size_t nsets;
} il_refl_model;

/* Reads a YAML model file:
 *   probe: neutron | xray        wavelength: 1.798 (Å)   energy: CuKa | 8.048keV
 *   layers: "air | film 250 4 sld=2.0 | Si 0 3"   (inline), or a list of mappings with keys
 *     name, material, density, li6, sld, isld, thickness, roughness; any number may be
 *     {value: V, min: A, max: B [, name: N]} to fit it
 *   scale, background: number or {value, min, max}
 *   resolution: {dq_over_q: 0.03 (or {value, min, max} to fit it), kind: sigma | fwhm,
 *                truncate: 3.5}
 *   datasets: [{file: a.ort, fronting: {sld: 6.36}, backing: {...}, layers: {film: {...}},
 *               scale: ..., background: ..., probe: xray, energy: CuKa, wavelength: ...}]
 *     (a dataset's own probe lets neutron and X-ray data of one sample be co-refined: layers
 *     given by composition get each probe's SLD, fixed SLDs stay as written)
 * A free value in the base model is one parameter for all datasets; in a dataset entry it is
 * that dataset's own, unless its name equals an existing parameter's (then it is shared).
 * Errors carry file:line:column. `text`/`len` variant for tests; label names it. */
IL_API il_status il_refl_model_load(const char *path, il_refl_model **out, il_error *err);
IL_API il_status il_refl_model_parse_yaml(const char *text, size_t len, const char *label,
                                          il_refl_model **out, il_error *err);
IL_API void il_refl_model_free(il_refl_model *m);

/* Builds a fit problem: dataset k of `data` (n of them) uses the model's dataset k when the file
 * lists datasets, else the base model. */
IL_API il_status il_refl_model_make_fit(const il_refl_model *m, const il_refl_dataset *const *data,
                                        size_t n, il_refl_fit **out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
