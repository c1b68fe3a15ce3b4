/* The detector and counting-chain options of `iba simulate`: dead time, pile-up, resolution
 * per particle, Si dead layer, pulse-height defect and the geometry of the kinematic
 * broadening (il_iba_options, docs/iba.md "Detector"). All off unless given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"

#define DET(f) offsetof(cli_iba_detector_args, f)
const cli_opt cli_iba_detector_options[9] = {
    CLI_OPT_NUMBER("--live-time", DET(live_time), 0),
    CLI_OPT_NUMBER("--real-time", DET(real_time), 0),
    CLI_OPT_NUMBER("--pileup-time", DET(pileup_time), 0),
    CLI_OPT_LIST("--resolution-of", DET(resolution_of)),
    CLI_OPT_NUMBER("--window", DET(window_tfu), 0),
    CLI_OPT_FLAG("--phd", DET(phd)),
    CLI_OPT_NUMBER("--beam-spot", DET(beam_spot), 0),
    CLI_OPT_NUMBER("--aperture", DET(aperture), 0),
    CLI_OPT_NUMBER("--distance", DET(distance), 0),
};

il_status cli_iba_detector_apply(cli_iba_detector_args *a, il_iba_options *o, il_error *err)
{
    o->live_time_s = a->live_time;
    o->real_time_s = a->real_time;
    o->pileup_time_us = a->pileup_time;
    o->detector_window_tfu = a->window_tfu;
    o->pulse_height_defect = a->phd;
    o->beam_spot_mm = a->beam_spot;
    o->aperture_mm = a->aperture;
    o->detector_distance_mm = a->distance;
    if ((a->live_time > 0.0) != (a->real_time > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "--live-time and --real-time go together "
                            "(seconds; live <= real)");
    if (a->pileup_time > 0.0 && !(a->real_time > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "--pileup-time %g us needs --real-time and "
                            "--live-time (the count rate)", a->pileup_time);
    if ((a->beam_spot > 0.0 || a->aperture > 0.0) && !(a->distance > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "--beam-spot/--aperture need --distance (mm "
                            "from the sample to the detector aperture)");
    for (size_t i = 0; i < a->resolution_of.n; i++) {
        /* P=FWHM: "1H=20keV", "Li=30keV" (every isotope), "4He=14" */
        const char *spec = a->resolution_of.v[i];
        const char *eq = strchr(spec, '=');
        char name[16];
        size_t len = eq ? (size_t)(eq - spec) : 0;
        il_iba_particle_resolution *r = &a->res[i];
        if (!eq || len == 0 || len >= sizeof name)
            return il_error_set(err, IL_ERR_PARSE, "--resolution-of '%s': expected "
                                "PARTICLE=FWHM, e.g. 1H=20keV or Li=30keV", spec);
        memcpy(name, spec, len);
        name[len] = '\0';
        const il_element *e = il_element_by_symbol(name);
        il_status st;
        if (e) {
            r->Z = e->Z;
            r->A = 0;
        } else if ((st = cli_iba_parse_nuclide(name, &r->Z, &r->A, err))) {
            il_error_prefix(err, "--resolution-of: ");
            return st;
        }
        if ((st = il_parse_energy_keV(eq + 1, &r->fwhm_keV, err))) {
            il_error_prefix(err, "--resolution-of %s: ", spec);
            return st;
        }
    }
    o->particle_resolution = a->resolution_of.n ? a->res : NULL;
    o->n_particle_resolution = a->resolution_of.n;
    return IL_OK;
}
