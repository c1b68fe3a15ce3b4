/* Reflectometry model layers: what a layer is made of (an SLD, or a composition and density
 * with an optional 6Li fraction), its thickness and roughness, and the probe that sees it. The
 * fit (refl_fit.h), the stack bridge (refl_stack.h) and the model readers (refl_model.h) share
 * these types. Units: Å, SLD in 1e-6 Å⁻², density g/cm³. */
#ifndef INTERLAYER_REFL_LAYER_H
#define INTERLAYER_REFL_LAYER_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/composition.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char name[64];
    double thickness_A;  /* ignored for fronting and backing */
    double roughness_A;  /* interface above this layer */
    double sld_re_1e6, sld_im_1e6; /* used when comp.n == 0 */
    il_composition comp; /* comp.n > 0: SLD from this composition and density */
    double density_g_cm3;
    /* >= 0: natural Li entries (Z = 3, A = 0) become this fraction of 6Li, the rest 7Li;
     * < 0: as written */
    double li6_fraction;
} il_refl_layer_model;

typedef enum { IL_REFL_NEUTRON = 0, IL_REFL_XRAY = 1 } il_refl_probe_kind;

typedef struct {
    il_refl_probe_kind probe;
    double wavelength_A; /* neutrons; 0 = 1.798 Å */
    double energy_keV;   /* X-rays; 0 = Cu Kα */
} il_refl_probe;

/* What a parameter sets. Layer-less quantities (scale, background, dq/Q) ignore the layer. */
typedef enum {
    IL_REFL_P_THICKNESS,
    IL_REFL_P_ROUGHNESS,
    IL_REFL_P_SLD_RE,
    IL_REFL_P_SLD_IM,
    IL_REFL_P_DENSITY,
    IL_REFL_P_LI6,
    IL_REFL_P_SCALE,
    IL_REFL_P_BACKGROUND,
    IL_REFL_P_DQ_OVER_Q
} il_refl_quantity;

/* SLD of a model layer for a probe (used by the fit and by `refl sld`). */
IL_API il_status il_refl_layer_sld(const il_refl_layer_model *l, const il_refl_probe *p, double *re,
                                   double *im, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
