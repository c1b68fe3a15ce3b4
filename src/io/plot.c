/* Plots through PLplot's cairo drivers. PLplot keeps global state of its own, so plots must be
 * made from one thread at a time; the library makes none by itself, only the CLI does. */
#include "interlayer/plot.h"

#include <float.h>
#include <math.h>
#include <plplot.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/outfile.h"

/* Colour map 0: white background, black frame and text, then series colours chosen to stay
 * apart for colour-blind readers (Okabe-Ito palette). */
static const int palette[][3] = {
    {255, 255, 255}, {0, 0, 0},     {0, 114, 178},   {213, 94, 0},  {0, 158, 115},
    {204, 121, 167}, {230, 159, 0}, {86, 180, 233},  {240, 228, 66}, {120, 120, 120},
};
#define N_PALETTE ((int)(sizeof palette / sizeof palette[0]))

static const char *device_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return NULL;
    if (strcmp(dot, ".svg") == 0)
        return "svgcairo";
    if (strcmp(dot, ".png") == 0)
        return "pngcairo";
    if (strcmp(dot, ".pdf") == 0)
        return "pdfcairo";
    return NULL;
}

static double axis_value(double v, int logscale) { return logscale ? log10(v) : v; }

static int usable(double x, double y, const il_plot_axes *a)
{
    return isfinite(x) && isfinite(y) && (!a->logx || x > 0) && (!a->logy || y > 0);
}

/* Opens a PLplot stream on a temporary file next to `path`. */
static il_status start_plot(const char *path, il_outfile **of, il_error *err)
{
    const char *dev = device_for(path);
    if (!dev)
        return il_error_set(err, IL_ERR_INVALID,
                            "plot file '%s': unknown extension (expected .svg, .png or .pdf)", path);
    il_status s = il_outfile_open(path, of, err);
    if (s)
        return s;
    PLINT stream;
    plmkstrm(&stream);
    plsdev(dev);
    plsfnam(il_outfile_tmp_path(*of));
    plspage(0, 0, 960, 640, 0, 0);
    for (int i = 0; i < N_PALETTE; i++)
        plscol0(i, palette[i][0], palette[i][1], palette[i][2]);
    plinit();
    plfontld(1);
    plschr(0, 0.9);
    return IL_OK;
}

static il_status finish_plot(il_outfile *of, il_error *err)
{
    plend1();
    /* PLplot wrote the temporary by name; the stream we hold is empty and only closes. */
    return il_outfile_commit(of, err);
}

static void draw_frame(const il_plot_axes *a, double x0, double x1, double y0, double y1)
{
    if (x0 == x1) {
        x0 -= 0.5;
        x1 += 0.5;
    }
    if (y0 == y1) {
        y0 -= 0.5;
        y1 += 0.5;
    }
    double pad = 0.04 * (y1 - y0);
    plcol0(1);
    plenv(x0, x1, a->logy ? y0 : y0 - pad, y1 + pad, 0, (a->logx ? 10 : 0) + (a->logy ? 20 : 0));
    pllab(a->xlabel ? a->xlabel : "", a->ylabel ? a->ylabel : "", a->title ? a->title : "");
}

il_status il_plot_xy(const char *path, const il_plot_axes *axes, const il_plot_series *series,
                     size_t nseries, il_error *err)
{
    double x0 = DBL_MAX, x1 = -DBL_MAX, y0 = DBL_MAX, y1 = -DBL_MAX;
    size_t npoints = 0, maxn = 0;
    for (size_t s = 0; s < nseries; s++) {
        const il_plot_series *S = &series[s];
        if (S->n > maxn)
            maxn = S->n;
        for (size_t i = 0; i < S->n; i++) {
            if (!usable(S->x[i], S->y[i], axes))
                continue;
            double x = axis_value(S->x[i], axes->logx), y = axis_value(S->y[i], axes->logy);
            x0 = fmin(x0, x);
            x1 = fmax(x1, x);
            y0 = fmin(y0, y);
            y1 = fmax(y1, y);
            npoints++;
        }
    }
    if (npoints == 0)
        return il_error_set(err, IL_ERR_INVALID, "plot '%s': no finite points to draw", path);

    double *px = malloc((maxn + 1) * sizeof *px), *py = malloc((maxn + 1) * sizeof *py);
    if (!px || !py) {
        free(px);
        free(py);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory plotting '%s'", path);
    }
    il_outfile *of;
    il_status st = start_plot(path, &of, err);
    if (st) {
        free(px);
        free(py);
        return st;
    }
    draw_frame(axes, x0, x1, y0, y1);

    for (size_t s = 0; s < nseries; s++) {
        const il_plot_series *S = &series[s];
        PLINT m = 0;
        plcol0(2 + (int)(s % (N_PALETTE - 2)));
        for (size_t i = 0; i < S->n; i++) {
            if (!usable(S->x[i], S->y[i], axes))
                continue;
            px[m] = axis_value(S->x[i], axes->logx);
            py[m] = axis_value(S->y[i], axes->logy);
            if (S->yerr && isfinite(S->yerr[i])) {
                double lo = S->y[i] - S->yerr[i], hi = S->y[i] + S->yerr[i];
                if (!axes->logy || lo > 0) {
                    PLFLT ex = px[m], elo = axis_value(lo, axes->logy),
                          ehi = axis_value(hi, axes->logy);
                    plerry(1, &ex, &elo, &ehi);
                }
            }
            m++;
        }
        if (m == 0)
            continue;
        if (S->style == IL_PLOT_POINTS)
            plpoin(m, px, py, 17);
        else if (S->style == IL_PLOT_STEPS)
            plbin(m, px, py, PL_BIN_CENTRED | PL_BIN_NOEXPAND);
        else
            plline(m, px, py);
    }

    /* Legend, top right, only for labelled series. */
    PLINT nl = 0;
    PLINT *opts = calloc(nseries + 1, sizeof *opts), *cols = calloc(nseries + 1, sizeof *cols),
          *styles = calloc(nseries + 1, sizeof *styles), *symcols = calloc(nseries + 1, sizeof *symcols),
          *symnums = calloc(nseries + 1, sizeof *symnums), *boxes = calloc(nseries + 1, sizeof *boxes);
    PLFLT *widths = calloc(nseries + 1, sizeof *widths), *scales = calloc(nseries + 1, sizeof *scales);
    const char **texts = calloc(nseries + 1, sizeof *texts), **syms = calloc(nseries + 1, sizeof *syms);
    if (opts && cols && styles && symcols && symnums && boxes && widths && scales && texts && syms) {
        for (size_t s = 0; s < nseries; s++) {
            if (!series[s].label)
                continue;
            int c = 2 + (int)(s % (N_PALETTE - 2));
            opts[nl] = series[s].style == IL_PLOT_POINTS ? PL_LEGEND_SYMBOL : PL_LEGEND_LINE;
            cols[nl] = symcols[nl] = c;
            styles[nl] = 1;
            widths[nl] = 1.0;
            scales[nl] = 1.0;
            symnums[nl] = 1;
            syms[nl] = "#(728)";
            texts[nl] = series[s].label;
            nl++;
        }
        if (nl > 0) {
            PLFLT lw, lh;
            plcol0(1);
            pllegend(&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
                     PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_INSIDE, 0.02, 0.02, 0.1, 0,
                     1, 1, 0, 0, nl, opts, 1.0, 0.8, 2.0, 0.0, cols, texts, boxes, boxes, scales,
                     widths, cols, styles, widths, symcols, scales, symnums, syms);
        }
    }
    free(opts), free(cols), free(styles), free(symcols), free(symnums), free(boxes);
    free(widths), free(scales), free(texts), free(syms);
    free(px);
    free(py);
    return finish_plot(of, err);
}

il_status il_plot_map(const char *path, const il_plot_axes *axes, const double *x, size_t nx,
                      const double *y, size_t ny, const double *z, const char *zlabel,
                      il_error *err)
{
    if (nx < 2 || ny < 2)
        return il_error_set(err, IL_ERR_INVALID, "map '%s' needs at least 2 x 2 points", path);
    if (!(x[0] < x[nx - 1]) || !(y[0] < y[ny - 1]))
        return il_error_set(err, IL_ERR_INVALID, "map '%s': x and y must increase", path);
    double zmin = DBL_MAX, zmax = -DBL_MAX;
    for (size_t i = 0; i < nx * ny; i++)
        if (isfinite(z[i])) {
            zmin = fmin(zmin, z[i]);
            zmax = fmax(zmax, z[i]);
        }
    if (zmin > zmax)
        return il_error_set(err, IL_ERR_INVALID, "map '%s': no finite values", path);
    /* A diverging map is symmetric about zero when the data change sign (differences). */
    if (zmin < 0 && zmax > 0) {
        double m = fmax(-zmin, zmax);
        zmin = -m;
        zmax = m;
    }
    if (zmin == zmax)
        zmax = zmin + 1;

    PLFLT **grid;
    plAlloc2dGrid(&grid, (PLINT)nx, (PLINT)ny);
    for (size_t ix = 0; ix < nx; ix++)
        for (size_t iy = 0; iy < ny; iy++)
            grid[ix][iy] = isfinite(z[iy * nx + ix]) ? z[iy * nx + ix] : 0.0;

    il_outfile *of;
    il_status st = start_plot(path, &of, err);
    if (st) {
        plFree2dGrid(grid, (PLINT)nx, (PLINT)ny);
        return st;
    }
    /* Blue-white-red colour map 1. */
    PLFLT pos[3] = {0, 0.5, 1}, r[3] = {0.1, 1, 0.8}, g[3] = {0.3, 1, 0.1}, b[3] = {0.8, 1, 0.1};
    plscmap1l(1, 3, pos, r, g, b, NULL);
    il_plot_axes a = *axes;
    a.logx = a.logy = 0;
    plcol0(1);
    plenv(x[0], x[nx - 1], y[0], y[ny - 1], 0, 0);
    pllab(a.xlabel ? a.xlabel : "", a.ylabel ? a.ylabel : "", a.title ? a.title : "");
    plimage((const PLFLT *const *)grid, (PLINT)nx, (PLINT)ny, x[0], x[nx - 1], y[0], y[ny - 1],
            zmin, zmax, x[0], x[nx - 1], y[0], y[ny - 1]);
    PLFLT cw, ch;
    PLINT label_opts[1] = {PL_COLORBAR_LABEL_RIGHT};
    const char *labels[1] = {zlabel ? zlabel : ""};
    const char *axis_opts[1] = {"bcvtm"};
    PLFLT ticks[1] = {0};
    PLINT subticks[1] = {0}, nvals[1] = {2};
    PLFLT vals0[2] = {zmin, zmax};
    const PLFLT *vals[1] = {vals0};
    plcol0(1);
    plcolorbar(&cw, &ch, PL_COLORBAR_IMAGE, PL_POSITION_RIGHT, 0.02, 0, 0.03, 0.8, 0, 1, 1, 0, 0,
               0, 0, 1, label_opts, labels, 1, axis_opts, ticks, subticks, nvals, vals);
    plFree2dGrid(grid, (PLINT)nx, (PLINT)ny);
    return finish_plot(of, err);
}
