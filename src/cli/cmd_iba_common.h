/* Pieces shared by the `interlayer iba` verbs: the beam, geometry and detector options and
 * their conversion into il_iba_options. One verb per file (cmd_iba_<verb>.c). */
#ifndef CLI_IBA_COMMON_H
#define CLI_IBA_COMMON_H
#include <stddef.h>

#include "cli/ion_material.h"
#include "cli/options.h"
#include "interlayer/iba.h"
#include "interlayer/r33.h"

/* The options as given (text where the conversion needs units or comes after other errors). */
typedef struct {
    const char *beam, *energy, *spread, *resolution, *foil, *foil_thickness, *detect;
    const char *calibration_offset;
    double angle, tilt, exit, fluence, solid_angle, channels, gain, quad;
    int angle_given, geometry, technique, screening, straggling, accurate;
    int multiple_scattering, dual_scattering;
    cli_list r33;
} cli_iba_args;

/* --beam --energy --angle --tilt --exit --geometry --technique --screening --straggling, and
 * the detector: --spread --resolution --fluence --solid-angle --channels --offset --gain --quad
 * --accurate --r33 FILE (repeatable) --foil MATERIAL --foil-thickness L --detect EL.
 * Put CLI_SET(cli_iba_options, offsetof(args, iba)) among a verb's option sets; call
 * cli_iba_args_init first (the numeric defaults). */
extern const cli_opt cli_iba_options[24];
void cli_iba_args_init(cli_iba_args *a);

/* What the options resolve to: the library options, the R33 files they load, the foil. */
typedef struct {
    il_iba_options o;
    il_r33 *r33[CLI_LIST_MAX];
    size_t n_r33;
    const il_sigma_table *tables[256];
    cli_material foil;
} cli_iba_setup;

/* Fills `s` from `a` (beam nuclide, energies with units, R33 files, foil). */
il_status cli_iba_setup_from(const cli_iba_args *a, cli_iba_setup *s, il_error *err);
void cli_iba_setup_clear(cli_iba_setup *s);
/* Loads the stack at `path` and fills `s` from `a`: CLI_EXIT_OK, or the failure printed, nothing
 * kept (*stack NULL) and the exit status returned. */
int cli_iba_stack_setup(const char *path, const cli_iba_args *a, il_stack **stack,
                        cli_iba_setup *s);

/* "4He", "He", "alpha", "p", "7Li", "Li", "35Cl", "Au": (Z, A); a bare symbol means the most
 * abundant isotope. */
il_status cli_iba_parse_nuclide(const char *text, int *Z, int *A, il_error *err);

/* The detector and counting chain of `iba simulate` (cmd_iba_detector.c): --live-time S
 * --real-time S --pileup-time US --resolution-of P=FWHM (repeatable) --window TFU --phd
 * --beam-spot MM --aperture MM --distance MM. */
typedef struct {
    double live_time, real_time, pileup_time, window_tfu, beam_spot, aperture, distance;
    int phd;
    cli_list resolution_of;
    il_iba_particle_resolution res[CLI_LIST_MAX];
} cli_iba_detector_args;
extern const cli_opt cli_iba_detector_options[9];
/* Fills the detector fields of `o` (which then points into `a`). */
il_status cli_iba_detector_apply(cli_iba_detector_args *a, il_iba_options *o, il_error *err);
/* 1 when path names an IDF file (.xnra or .idf, any case; not .xml, which N42 spectra use). */
int cli_iba_is_idf(const char *path);

int cli_iba_kinematics(int argc, char **argv);
int cli_iba_pige(int argc, char **argv);
int cli_iba_simulate(int argc, char **argv);
int cli_iba_fit(int argc, char **argv);

#endif
