/* Plots through PLplot: SVG, PNG or PDF chosen by the file's extension, white background,
 * axis labels with units. Written whole or not at all. */
#ifndef INTERLAYER_PLOT_H
#define INTERLAYER_PLOT_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { IL_PLOT_LINE, IL_PLOT_POINTS, IL_PLOT_STEPS } il_plot_style;

typedef struct {
    const double *x;
    const double *y;
    const double *yerr; /* optional error bars (NULL for none) */
    size_t n;
    const char *label;  /* legend text (NULL: no legend entry) */
    il_plot_style style;
} il_plot_series;

typedef struct {
    const char *title;
    const char *xlabel; /* with unit, e.g. "depth (nm)" */
    const char *ylabel;
    int logx, logy;     /* logarithmic axes; non-positive values are skipped */
} il_plot_axes;

/* One panel of x-y series. */
IL_API il_status il_plot_xy(const char *path, const il_plot_axes *axes,
                            const il_plot_series *series, size_t nseries, il_error *err);

/* A colour map z[iy * nx + ix] over x (nx values) and y (ny values), with a colour bar. */
IL_API il_status il_plot_map(const char *path, const il_plot_axes *axes, const double *x, size_t nx,
                             const double *y, size_t ny, const double *z, const char *zlabel,
                             il_error *err);

#ifdef __cplusplus
}
#endif
#endif
