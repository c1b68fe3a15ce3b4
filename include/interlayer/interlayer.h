/* libinterlayer: buried interfaces of all-solid-state Li batteries. Includes every public
 * header, layer by layer (docs/architecture.md). */
#ifndef INTERLAYER_H
#define INTERLAYER_H

/* core */
#include "interlayer/version.h"
#include "interlayer/constants.h"
#include "interlayer/error.h"
#include "interlayer/units.h"
/* matter */
#include "interlayer/elements.h"
#include "interlayer/formula.h"
#include "interlayer/composition.h"
#include "interlayer/material.h"
#include "interlayer/stack.h"
/* physics */
#include "interlayer/stopping.h"
#include "interlayer/stack_stopping.h"
#include "interlayer/nuclear.h"
#include "interlayer/scattering.h"
#include "interlayer/xray_depth.h"
#include "interlayer/ion_stopping.h"
#include "interlayer/iba_kinematics.h"
#include "interlayer/iba_cross_section.h"
#include "interlayer/iba_sigma.h"
/* cell */
#include "interlayer/cell.h"
/* probes */
#include "interlayer/refl.h"
#include "interlayer/refl_layer.h"
#include "interlayer/refl_stack.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/ndp_calibrate.h"
#include "interlayer/probe.h"
#include "interlayer/sputter.h"
#include "interlayer/iba.h"
#include "interlayer/iba_pige.h"
/* fit */
#include "interlayer/fit.h"
#include "interlayer/linv.h"
#include "interlayer/refl_fit.h"
#include "interlayer/ndp_fit.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/fit_stack.h"
#include "interlayer/iba_fit.h"
#include "interlayer/sputter_fit.h"
/* experiment */
#include "interlayer/ndp_series.h"
#include "interlayer/operando.h"
#include "interlayer/ndp_reduce.h"
#include "interlayer/ndp_reduce_io.h"
#include "interlayer/cell_twin.h"
/* advise */
#include "interlayer/advise.h"
/* io */
#include "interlayer/stack_io.h"
#include "interlayer/spectrum.h"
#include "interlayer/outfile.h"
#include "interlayer/plot.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_model.h"
#include "interlayer/ndp_io.h"
#include "interlayer/operando_io.h"
#include "interlayer/r33.h"
#include "interlayer/iba_io.h"
#include "interlayer/cell_io.h"
#include "interlayer/report.h"
#include "interlayer/sputter_io.h"

#endif
