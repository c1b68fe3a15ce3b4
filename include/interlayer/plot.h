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

/* The layers along x of a plot against depth: n names and n + 1 edges in x units (the top of
 * each layer, then the bottom of the last, which may be INFINITY for a substrate). Every edge
 * inside the plot is drawn as a dashed grey line and every layer named above the frame, so a
 * reader sees where the interfaces are. */
typedef struct {
    const double *edges;
    const char *const *names;
    size_t n;
} il_plot_layers;

/* IL_OK when `path` names a plot format (.svg, .png, .pdf), else IL_ERR_INVALID saying so:
 * for callers that check --plot before doing the work. */
IL_API il_status il_plot_path_check(const char *path, il_error *err);

/* One panel of x-y series. With two or more labelled series a legend stands outside the
 * frame, right of it, so it never hides data. IL_PLOT_STEPS draws the outline of a profile
 * given at bin centres. */
IL_API il_status il_plot_xy(const char *path, const il_plot_axes *axes,
                            const il_plot_series *series, size_t nseries, il_error *err);
/* The same with the layers marked (layers may be NULL). */
IL_API il_status il_plot_xy_layers(const char *path, const il_plot_axes *axes,
                                   const il_plot_layers *layers, const il_plot_series *series,
                                   size_t nseries, il_error *err);

/* A diverging colour map of z[iy * nx + ix] over x (nx values) and y (ny values), for changes
 * and differences: blue (negative), white (zero), red (positive), the colour scale symmetric
 * about zero (+-max|z|) so that "no change" is always white, whatever the data's range. The
 * colour bar's numbers are scaled to a power of ten written into zlabel's unit ("delta Li
 * (atoms/cm3)" becomes "delta Li (1e21 atoms/cm3)"), so no exponent is cut off at the edge. */
IL_API il_status il_plot_map(const char *path, const il_plot_axes *axes, const double *x, size_t nx,
                             const double *y, size_t ny, const double *z, const char *zlabel,
                             il_error *err);
/* The same with the layers along x marked (layers may be NULL). */
IL_API il_status il_plot_map_layers(const char *path, const il_plot_axes *axes,
                                    const il_plot_layers *layers, const double *x, size_t nx,
                                    const double *y, size_t ny, const double *z,
                                    const char *zlabel, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
