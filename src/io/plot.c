/* Plots through PLplot's cairo drivers. PLplot keeps global state of its own, so plots must be
 * made from one thread at a time; the library makes none by itself, only the CLI does.
 *
 * Layout (fractions of the 960 x 640 page): the frame spans x 0.10..0.95, or 0.10..0.74 when a
 * legend (two or more labelled series) or colour bar stands right of it, and y 0.12..0.86 (0.12..0.82 with layer names above
 * it). Nothing is drawn outside the page: the legend and colour bar get the right margin. */
#include "interlayer/plot.h"

#include <float.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/outfile.h"
#include "io/outfile_priv.h"

/* Colour map 0: white background, black frame and text, then series colours chosen to stay
 * apart for colour-blind readers (Okabe-Ito palette); the last entry (grey) marks layers. */
static const int palette[][3] = {
    {255, 255, 255}, {0, 0, 0},     {0, 114, 178},   {213, 94, 0},  {0, 158, 115},
    {204, 121, 167}, {230, 159, 0}, {86, 180, 233},  {240, 228, 66}, {120, 120, 120},
};
#define N_PALETTE ((int)(sizeof palette / sizeof palette[0]))
#define N_SERIES_COLOURS (N_PALETTE - 3) /* not white, black or the layer grey */
#define LAYER_GREY (N_PALETTE - 1)

/* Once the colours run out, the next round of series is dashed (PLplot's line styles 2..8), so
 * the 8th curve is not the 1st again: colour and dash pattern together name a series. */
static PLINT series_line_style(size_t s)
{
    return (PLINT)(1 + (s / N_SERIES_COLOURS) % 8);
}

#define FRAME_LEFT 0.10
#define FRAME_RIGHT 0.95
#define FRAME_RIGHT_WITH_KEY 0.74
#define FRAME_BOTTOM 0.12
#define FRAME_TOP 0.86
#define FRAME_TOP_WITH_NAMES 0.82

typedef enum { DEV_NONE, DEV_SVG, DEV_PNG, DEV_PDF } device;

static device device_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return DEV_NONE;
    if (strcmp(dot, ".svg") == 0)
        return DEV_SVG;
    if (strcmp(dot, ".png") == 0)
        return DEV_PNG;
    if (strcmp(dot, ".pdf") == 0)
        return DEV_PDF;
    return DEV_NONE;
}

static const char *const device_names[] = {NULL, "svgcairo", "pngcairo", "pdfcairo"};

static double axis_value(double v, int logscale) { return logscale ? log10(v) : v; }

static int usable(double x, double y, const il_plot_axes *a)
{
    return isfinite(x) && isfinite(y) && (!a->logx || x > 0) && (!a->logy || y > 0);
}

typedef struct {
    il_outfile *of;
    device dev;
} plot_file;

il_status il_plot_path_check(const char *path, il_error *err)
{
    if (!path || device_for(path) == DEV_NONE)
        return il_error_set(err, IL_ERR_INVALID,
                            "plot file '%s': unknown extension (expected .svg, .png or .pdf)",
                            path ? path : "");
    return IL_OK;
}

/* Opens a PLplot stream on a temporary file next to `path`. */
static il_status start_plot(const char *path, plot_file *pf, il_error *err)
{
    pf->dev = device_for(path);
    if (pf->dev == DEV_NONE)
        return il_error_set(err, IL_ERR_INVALID,
                            "plot file '%s': unknown extension (expected .svg, .png or .pdf)", path);
    il_status s = il_outfile_open(path, &pf->of, err);
    if (s)
        return s;
    PLINT stream;
    plmkstrm(&stream);
    plsdev(device_names[pf->dev]);
    plsfnam(il_outfile_tmp_path(pf->of));
    plspage(0, 0, 960, 640, 0, 0);
    for (int i = 0; i < N_PALETTE; i++)
        plscol0(i, palette[i][0], palette[i][1], palette[i][2]);
    plinit();
    plfontld(1);
    plschr(0, 0.9);
    return IL_OK;
}

/* Does the file PLplot wrote end as a complete file of its kind? PLplot reports no write
 * errors (a full disk leaves a truncated SVG or a PDF without %%EOF), so the ending is the
 * evidence that everything was written. */
static int complete(const char *tmp, device dev)
{
    FILE *f = fopen(tmp, "rb");
    if (!f)
        return 0;
    char tail[64] = {0};
    long n = 0, k = 0;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0) {
        k = n < (long)sizeof tail - 1 ? n : (long)sizeof tail - 1;
        if (fseek(f, n - k, SEEK_SET) != 0 || fread(tail, 1, (size_t)k, f) != (size_t)k)
            k = 0;
    }
    fclose(f);
    switch (dev) {
    case DEV_SVG: return k > 0 && strstr(tail, "</svg>") != NULL;
    case DEV_PDF: return k > 0 && strstr(tail, "%%EOF") != NULL;
    /* PNG ends with the IEND chunk: "IEND" and its CRC AE 42 60 82. */
    case DEV_PNG: return k >= 8 && memcmp(tail + k - 8, "IEND\xae\x42\x60\x82", 8) == 0;
    case DEV_NONE: break;
    }
    return 0;
}

static il_status finish_plot(plot_file *pf, const char *path, il_error *err)
{
    plend1();
    /* A device (-o /dev/null) cannot be read back; a file can, and must be complete. */
    if (!il__outfile_direct(pf->of) && !complete(il_outfile_tmp_path(pf->of), pf->dev)) {
        il_outfile_abort(pf->of);
        return il_error_set(err, IL_ERR_IO,
                            "plot '%s' was not written completely (disk full?); the file is "
                            "left as it was",
                            path);
    }
    /* PLplot wrote the temporary by name; the stream we hold is empty and only closes. */
    return il_outfile_commit(pf->of, err);
}

static int has_layers(const il_plot_layers *L) { return L && L->n > 0 && L->edges && L->names; }

/* Viewport and world coordinates, box, axis labels and title. */
static void draw_frame(const il_plot_axes *a, const il_plot_layers *L, double x0, double x1,
                       double y0, double y1, double right)
{
    plcol0(1);
    pladv(0);
    plvpor(FRAME_LEFT, right, FRAME_BOTTOM, has_layers(L) ? FRAME_TOP_WITH_NAMES : FRAME_TOP);
    plwind(x0, x1, y0, y1);
    plbox(a->logx ? "bcnstl" : "bcnst", 0, 0, a->logy ? "bcnstvl" : "bcnstv", 0, 0);
    pllab(a->xlabel ? a->xlabel : "", a->ylabel ? a->ylabel : "", "");
    /* Above the layer names when there are any. */
    plmtex("t", has_layers(L) ? 3.4 : 2.0, 0.5, 0.5, a->title ? a->title : "");
}

/* Dashed grey lines at the layer edges inside [x0, x1] and the names of the visible layers
 * above the frame, centred on their visible parts, on two rows; a name that would run into a
 * neighbour on both rows is left out (its interface lines still show), so the names that are
 * drawn can be read. `right` is the frame's right edge (fraction of the page). */
static void draw_layers(const il_plot_axes *a, const il_plot_layers *L, double x0, double x1,
                        double y0, double y1, double right)
{
    if (!has_layers(L))
        return;
    PLINT mark = 1500, space = 1500;
    plcol0(LAYER_GREY);
    plstyl(1, &mark, &space);
    for (size_t i = 0; i <= L->n; i++) {
        double e = L->edges[i];
        if (!isfinite(e) || (a->logx && e <= 0))
            continue;
        double x = axis_value(e, a->logx);
        if (x <= x0 || x >= x1)
            continue;
        PLFLT lx[2] = {x, x}, ly[2] = {y0, y1};
        plline(2, lx, ly);
    }
    plstyl(0, NULL, NULL);
    plschr(0, 0.7);
    /* Text width estimate as a fraction of the frame: characters average about 0.6 of the
     * character height in the cairo fonts. */
    PLFLT def_mm, ht_mm, sx0, sx1, sy0, sy1;
    plgchr(&def_mm, &ht_mm);
    plgspa(&sx0, &sx1, &sy0, &sy1);
    double frame_mm = (sx1 - sx0) * (right - FRAME_LEFT), gap = 0.01;
    double last_right[2] = {-1, -1};
    for (size_t i = 0; i < L->n; i++) {
        double lo = L->edges[i], hi = L->edges[i + 1];
        if (a->logx) {
            if (!(hi > 0))
                continue;
            lo = lo > 0 ? log10(lo) : x0;
            hi = log10(hi);
        }
        if (!isfinite(lo))
            lo = x0;
        if (!isfinite(hi))
            hi = x1;
        lo = fmax(lo, x0);
        hi = fmin(hi, x1);
        if (!(hi > lo) || !L->names[i])
            continue;
        double c = ((lo + hi) / 2 - x0) / (x1 - x0);
        double half = frame_mm > 0 ? 0.3 * ht_mm * (double)strlen(L->names[i]) / frame_mm : 0;
        for (int row = 0; row < 2; row++) {
            if (c - half < last_right[row] + gap)
                continue;
            plmtex("t", row ? 1.7 : 0.5, c, 0.5, L->names[i]);
            last_right[row] = c + half;
            break;
        }
    }
    plschr(0, 0.9);
    plcol0(1);
}

/* A staircase through bin centres: each value holds from halfway to its left neighbour to
 * halfway to its right one (the outer bins as wide as their inner half), joined by vertical
 * steps; a profile's outline, not a bar drawn down to zero for every bin. */
static void draw_steps(const PLFLT *x, const PLFLT *y, PLINT m)
{
    if (m == 1) {
        plpoin(1, x, y, 17);
        return;
    }
    for (PLINT i = 0; i < m; i++) {
        double left = i > 0 ? 0.5 * (x[i - 1] + x[i]) : x[0] - 0.5 * (x[1] - x[0]);
        double right = i + 1 < m ? 0.5 * (x[i] + x[i + 1]) : x[m - 1] + 0.5 * (x[m - 1] - x[m - 2]);
        PLFLT hx[2] = {left, right}, hy[2] = {y[i], y[i]};
        plline(2, hx, hy);
        if (i + 1 < m) {
            PLFLT vx[2] = {right, right}, vy[2] = {y[i], y[i + 1]};
            plline(2, vx, vy);
        }
    }
}

il_status il_plot_xy(const char *path, const il_plot_axes *axes, const il_plot_series *series,
                     size_t nseries, il_error *err)
{
    return il_plot_xy_layers(path, axes, NULL, series, nseries, err);
}

il_status il_plot_xy_layers(const char *path, const il_plot_axes *axes,
                            const il_plot_layers *layers, const il_plot_series *series,
                            size_t nseries, il_error *err)
{
    double x0 = DBL_MAX, x1 = -DBL_MAX, y0 = DBL_MAX, y1 = -DBL_MAX;
    size_t npoints = 0, maxn = 0, nlabels = 0;
    for (size_t s = 0; s < nseries; s++) {
        const il_plot_series *S = &series[s];
        if (S->n > maxn)
            maxn = S->n;
        nlabels += S->label != NULL;
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
    if (x0 == x1) {
        x0 -= 0.5;
        x1 += 0.5;
    }
    if (y0 == y1) {
        y0 -= 0.5;
        y1 += 0.5;
    }
    /* A little room above the highest point (and below the lowest on a linear axis). */
    double pad = 0.04 * (y1 - y0);
    y1 += pad;
    if (!axes->logy)
        y0 -= pad;

    double *px = malloc((maxn + 1) * sizeof *px), *py = malloc((maxn + 1) * sizeof *py);
    if (!px || !py) {
        free(px);
        free(py);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory plotting '%s'", path);
    }
    plot_file pf;
    il_status st = start_plot(path, &pf, err);
    if (st) {
        free(px);
        free(py);
        return st;
    }
    /* A legend names series apart; one series is named by the axis label and title. */
    int legend = nlabels >= 2;
    draw_frame(axes, layers, x0, x1, y0, y1, legend ? FRAME_RIGHT_WITH_KEY : FRAME_RIGHT);
    draw_layers(axes, layers, x0, x1, y0, y1, legend ? FRAME_RIGHT_WITH_KEY : FRAME_RIGHT);

    for (size_t s = 0; s < nseries; s++) {
        const il_plot_series *S = &series[s];
        PLINT m = 0;
        plcol0(2 + (int)(s % N_SERIES_COLOURS));
        pllsty(series_line_style(s));
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
            draw_steps(px, py, m);
        else
            plline(m, px, py);
    }
    pllsty(1);

    /* Legend right of the frame, only for labelled series. */
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
            int c = 2 + (int)(s % N_SERIES_COLOURS);
            opts[nl] = series[s].style == IL_PLOT_POINTS ? PL_LEGEND_SYMBOL : PL_LEGEND_LINE;
            cols[nl] = symcols[nl] = c;
            styles[nl] = series_line_style(s);
            widths[nl] = 1.0;
            scales[nl] = 1.0;
            symnums[nl] = 1;
            syms[nl] = "#(728)";
            texts[nl] = series[s].label;
            nl++;
        }
        if (legend && nl > 0) {
            PLFLT lw, lh;
            plcol0(1);
            plschr(0, 0.75);
            pllegend(&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
                     PL_POSITION_RIGHT | PL_POSITION_OUTSIDE, 0.015, 0.0, 0.05,
                     0, 1, 1, 0, 0, nl, opts, 1.0, 0.8, 1.6, 0.0, cols, texts, boxes, boxes,
                     scales, widths, cols, styles, widths, symcols, scales, symnums, syms);
            plschr(0, 0.9);
        }
    }
    free(opts), free(cols), free(styles), free(symcols), free(symnums), free(boxes);
    free(widths), free(scales), free(texts), free(syms);
    free(px);
    free(py);
    return finish_plot(&pf, path, err);
}

/* "delta Li (atoms/cm3)" with exponent 21 -> "delta Li (1e21 atoms/cm3)"; without a unit in
 * parentheses the factor is appended: "change (x 1e21)". */
static void scaled_label(const char *label, int e, char *buf, size_t size)
{
    if (!label)
        label = "";
    if (e == 0) {
        snprintf(buf, size, "%s", label);
        return;
    }
    const char *open = strrchr(label, '(');
    if (open)
        snprintf(buf, size, "%.*s(1e%d %s", (int)(open - label), label, e, open + 1);
    else
        snprintf(buf, size, "%s (x 1e%d)", label, e);
}

il_status il_plot_map(const char *path, const il_plot_axes *axes, const double *x, size_t nx,
                      const double *y, size_t ny, const double *z, const char *zlabel,
                      il_error *err)
{
    return il_plot_map_layers(path, axes, NULL, x, nx, y, ny, z, zlabel, err);
}

il_status il_plot_map_layers(const char *path, const il_plot_axes *axes,
                             const il_plot_layers *layers, const double *x, size_t nx,
                             const double *y, size_t ny, const double *z, const char *zlabel,
                             il_error *err)
{
    if (nx < 2 || ny < 2)
        return il_error_set(err, IL_ERR_INVALID, "map '%s' needs at least 2 x 2 points", path);
    if (!(x[0] < x[nx - 1]) || !(y[0] < y[ny - 1]))
        return il_error_set(err, IL_ERR_INVALID, "map '%s': x and y must increase", path);
    double zabs = -1;
    for (size_t i = 0; i < nx * ny; i++)
        if (isfinite(z[i]))
            zabs = fmax(zabs, fabs(z[i]));
    if (zabs < 0)
        return il_error_set(err, IL_ERR_INVALID, "map '%s': no finite values", path);
    /* Symmetric about zero, always: zero is the neutral white at the middle of the colour
     * map whether the data change sign or not (an all-positive change must not draw its
     * unchanged cells blue). Values are divided by a power of ten so that the colour bar
     * carries plain numbers and the factor goes into the label. */
    int e = zabs > 0 ? (int)floor(log10(zabs)) : 0;
    if (e >= -2 && e <= 2)
        e = 0;
    double unit = pow(10.0, e), zmax = zabs > 0 ? zabs / unit : 1;

    PLFLT **grid;
    plAlloc2dGrid(&grid, (PLINT)nx, (PLINT)ny);
    for (size_t ix = 0; ix < nx; ix++)
        for (size_t iy = 0; iy < ny; iy++)
            grid[ix][iy] = isfinite(z[iy * nx + ix]) ? z[iy * nx + ix] / unit : 0.0;

    plot_file pf;
    il_status st = start_plot(path, &pf, err);
    if (st) {
        plFree2dGrid(grid, (PLINT)nx, (PLINT)ny);
        return st;
    }
    /* Blue-white-red colour map 1, white exactly at the middle. */
    PLFLT pos[3] = {0, 0.5, 1}, r[3] = {0.1, 1, 0.8}, g[3] = {0.3, 1, 0.1}, b[3] = {0.8, 1, 0.1};
    plscmap1l(1, 3, pos, r, g, b, NULL);
    il_plot_axes a = *axes;
    a.logx = a.logy = 0;
    draw_frame(&a, layers, x[0], x[nx - 1], y[0], y[ny - 1], FRAME_RIGHT_WITH_KEY);
    /* plimagefr maps colours over the given value range (plimage would stretch them over the
     * data's own min..max and move zero off white). */
    plimagefr((const PLFLT *const *)grid, (PLINT)nx, (PLINT)ny, x[0], x[nx - 1], y[0],
              y[ny - 1], -zmax, zmax, -zmax, zmax, NULL, NULL);
    plcol0(1);
    plbox("bc", 0, 0, "bc", 0, 0); /* the frame again, over the image's edge */
    draw_layers(&a, layers, x[0], x[nx - 1], y[0], y[ny - 1], FRAME_RIGHT_WITH_KEY);
    PLFLT cw, ch;
    char label[256];
    scaled_label(zlabel, e, label, sizeof label);
    PLINT label_opts[1] = {PL_COLORBAR_LABEL_RIGHT};
    const char *labels[1] = {label};
    const char *axis_opts[1] = {"bcvtm"};
    PLFLT ticks[1] = {0};
    PLINT subticks[1] = {0}, nvals[1] = {2};
    PLFLT vals0[2] = {-zmax, zmax};
    const PLFLT *vals[1] = {vals0};
    plcol0(1);
    plcolorbar(&cw, &ch, PL_COLORBAR_IMAGE, PL_POSITION_RIGHT, 0.02, 0, 0.03, 0.8, 0, 1, 1, 0, 0,
               0, 0, 1, label_opts, labels, 1, axis_opts, ticks, subticks, nvals, vals);
    plFree2dGrid(grid, (PLINT)nx, (PLINT)ny);
    return finish_plot(&pf, path, err);
}
