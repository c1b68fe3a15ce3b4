/* libinterlayer: buried interfaces of all-solid-state Li batteries. Includes every module. */
#ifndef INTERLAYER_H
#define INTERLAYER_H

#define IL_VERSION "0.1.0"

#include "interlayer/error.h"
#include "interlayer/units.h"
#include "interlayer/elements.h"
#include "interlayer/spectrum.h"
#include "interlayer/formula.h"
#include "interlayer/material.h"
#include "interlayer/stack.h"
#include "interlayer/stack_io.h"
#include "interlayer/stopping.h"
#include "interlayer/stack_stopping.h"
#include "interlayer/outfile.h"
#include "interlayer/plot.h"
#include "interlayer/refl.h"
#include "interlayer/refl_sld.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"
#include "interlayer/refl_stack.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_inverse.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_fit.h"
#include "interlayer/ndp_calibrate.h"
#include "interlayer/ndp_series.h"
#include "interlayer/ndp_io.h"
#include "interlayer/operando.h"
#include "interlayer/operando_io.h"

#endif
