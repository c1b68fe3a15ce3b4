/* The plots of a cell run (internal to io): voltage.svg, current.svg, thickness.svg,
 * ledger.svg in `dir` (cell_io.h). */
#ifndef IL_IO_CELL_PLOTS_H
#define IL_IO_CELL_PLOTS_H
#include "interlayer/cell.h"

il_status il__cell_write_plots(const char *dir, const il_cell_result *r, il_error *err);

#endif
