/* Defaults of the cell's parameters and of a run's options. */
#include <string.h>

#include "cell/cell_internal.h"

void il_cell_params_default(il_cell_params *p)
{
    memset(p, 0, sizeof *p);
    p->temperature_K = IL_CELL_T_REF_K;
    p->area_cm2 = 1.0;
}

void il_cell_options_default(il_cell_options *o)
{
    memset(o, 0, sizeof *o);
    o->n_volumes = 20;
    o->rtol = 1e-8;
    o->max_time_s = 1e7;
    o->sample_every_s = 60;
}
