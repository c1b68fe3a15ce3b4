/* libinterlayer: buried interfaces of all-solid-state Li batteries. Includes every module. */
#ifndef INTERLAYER_H
#define INTERLAYER_H

#include "interlayer/version.h"
#include "interlayer/constants.h"
#include "interlayer/error.h"
#include "interlayer/units.h"
#include "interlayer/elements.h"
#include "interlayer/spectrum.h"
#include "interlayer/formula.h"
#include "interlayer/material.h"
#include "interlayer/stack.h"
#include "interlayer/stopping.h"
#include "interlayer/stack_stopping.h"
#include "interlayer/nuclear.h"
#include "interlayer/outfile.h"
#include "interlayer/plot.h"
#include "interlayer/fit.h"
#include "interlayer/linv.h"
#include "interlayer/refl.h"
#include "interlayer/scattering.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"
#include "interlayer/refl_stack.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_operando.h"

#endif
