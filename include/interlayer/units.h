/* Quantities written by people: "1.5um", "50 nm", "20Å", "300tfu", "2.7MeV". */
#ifndef INTERLAYER_UNITS_H
#define INTERLAYER_UNITS_H
#include "interlayer/export.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a layer's amount of matter was given. */
typedef enum {
    IL_THICKNESS_NM,  /* a length; value in nm */
    IL_THICKNESS_TFU  /* an areal density; value in 1e15 atoms/cm2 */
} il_thickness_kind;

/* Parses a length with a mandatory unit (nm, um, µm, mm, A, Å) into nm. A number without a
 * unit is an error: "50" could be nm or Å, and guessing wrong is silent and costly. */
IL_API il_status il_parse_length_nm(const char *text, double *nm, il_error *err);

/* The largest density any reader or setter accepts, and how messages state it: osmium, the
 * densest solid (22.6 g/cm3), with room for estimated or compressed values. */
#define IL_MAX_DENSITY_G_CM3 30.0
#define IL_MAX_DENSITY_TEXT "30 g/cm3 (osmium, the densest solid, is 22.6)"
/* The smallest: air at 1 mbar is 1.2e-6 g/cm3; anything thinner is a vacuum, not a layer
 * (1e-300 used to pass and gave a layer of 1e-279 atoms/cm3 that no probe sees). */
#define IL_MIN_DENSITY_G_CM3 1e-6
#define IL_MIN_DENSITY_TEXT "1e-6 g/cm3 (air at 1 mbar is 1.2e-6; less is a vacuum, not a layer)"

/* Parses an interface roughness (rms) into nm: a length as above that may be zero, and then
 * needs no unit ("0" and "0nm" mean the same); at most 10 um, beyond which no layer model
 * of an interface holds. */
IL_API il_status il_parse_roughness_nm(const char *text, double *nm, il_error *err);

/* Parses a layer amount: a length as above, or an areal density with unit `tfu` or
 * `e15at/cm2` (1e15 atoms/cm2). Must be finite and > 0. */
IL_API il_status il_parse_thickness(const char *text, double *value, il_thickness_kind *kind,
                                    il_error *err);

/* Parses a particle energy: eV, keV or MeV; keV when no unit is given. Must be finite, > 0. */
IL_API il_status il_parse_energy_keV(const char *text, double *keV, il_error *err);

/* Parses a plain finite decimal number (no hexadecimal, inf or nan) that must be the whole text (leading/trailing blanks allowed). */
IL_API il_status il_parse_number(const char *text, double *value, il_error *err);

/* The candidate nearest to `name` by edit distance (case-insensitive), or NULL when nothing is
 * close enough to be a plausible typo. Used for "did you mean ...?" hints. */
IL_API const char *il_suggest(const char *name, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif
#endif
