/* The report's figures. Each is drawn by PLplot's SVG (cairo) driver into a file in a private
 * temporary directory, read back with libxml2 and copied into the HTML document. Cairo names
 * its glyphs and clip paths "glyph0-1", "clip1", ... in every file alike, so two figures in one
 * page would use each other's glyphs: every id, and every reference to one, gets the figure's
 * own prefix. */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "io/report_svg.h"
#include "interlayer/plot.h"

/* A private temporary directory and a file name in it. */
typedef struct {
    char dir[64];
    char file[96];
} tmp_svg;

static il_status tmp_open(tmp_svg *t, il_error *err)
{
    const char *base = getenv("TMPDIR");
    snprintf(t->dir, sizeof t->dir, "%s/il-report-XXXXXX", base && strlen(base) < 40 ? base : "/tmp");
    if (!mkdtemp(t->dir))
        return il_error_set(err, IL_ERR_IO, "report: cannot make a temporary directory in %s",
                            base ? base : "/tmp");
    snprintf(t->file, sizeof t->file, "%s/figure.svg", t->dir);
    return IL_OK;
}

static void tmp_close(tmp_svg *t)
{
    unlink(t->file);
    rmdir(t->dir);
}

static void prefix_ids(xmlNode *n, const char *prefix)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (xmlAttr *a = n->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNode *)a);
            if (!v)
                continue;
            const char *s = (const char *)v;
            char buf[1024];
            buf[0] = '\0';
            if (!strcmp((const char *)a->name, "id"))
                snprintf(buf, sizeof buf, "%s%s", prefix, s);
            else if (s[0] == '#')
                snprintf(buf, sizeof buf, "#%s%s", prefix, s + 1);
            else if (strstr(s, "url(#")) {
                size_t len = 0;
                for (const char *p = s; *p && len + 64 < sizeof buf;) {
                    const char *u = strstr(p, "url(#");
                    size_t k = u ? (size_t)(u - p) + 5 : strlen(p);
                    memcpy(buf + len, p, k);
                    len += k;
                    p += k;
                    if (u)
                        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", prefix);
                    buf[len] = '\0';
                }
            }
            if (buf[0])
                xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)buf);
            xmlFree(v);
        }
        prefix_ids(n->children, prefix);
    }
}

/* reads the SVG file and returns a copy of its root in doc */
static xmlNode *import_svg(xmlDoc *doc, const char *path, const char *prefix, il_error *err)
{
    xmlDoc *svg = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                              XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!svg) {
        il_error_set(err, IL_ERR_IO, "report: PLplot's SVG could not be read back");
        return NULL;
    }
    xmlNode *copy = xmlDocCopyNode(xmlDocGetRootElement(svg), doc, 1);
    xmlFreeDoc(svg);
    if (!copy) {
        il_error_set(err, IL_ERR_NOMEM, "report: out of memory");
        return NULL;
    }
    prefix_ids(copy, prefix);
    /* scale with the page, keep the drawing's proportions */
    xmlUnsetProp(copy, BAD_CAST "width");
    xmlUnsetProp(copy, BAD_CAST "height");
    xmlSetProp(copy, BAD_CAST "class", BAD_CAST "figure");
    return copy;
}

/* Layer colours: the Okabe-Ito palette of io/plot.c, light tints for fills. */
static const int fills[][3] = {{230, 159, 0},   {86, 180, 233}, {0, 158, 115}, {240, 228, 66},
                               {0, 114, 178},   {213, 94, 0},   {204, 121, 167}};

xmlNode *il__report_stack_svg(xmlDoc *doc, const il_report *r, const char *id_prefix,
                              il_error *err)
{
    const il_stack *s = r->stack;
    size_t n = il_stack_count(s);
    double total = il_stack_thickness_nm(s);
    if (!(total > 0)) {
        il_error_set(err, IL_ERR_INVALID, "report: the stack has no thickness to draw");
        return NULL;
    }
    double sub = 0.08 * total; /* a strip of substrate below */
    tmp_svg t;
    if (tmp_open(&t, err))
        return NULL;
    PLINT stream;
    plmkstrm(&stream);
    plsdev("svgcairo");
    plsfnam(t.file);
    plspage(0, 0, 960, 420, 0, 0);
    plscol0(0, 255, 255, 255);
    plscol0(1, 0, 0, 0);
    for (int i = 0; i < 7; i++)
        plscol0(2 + i, fills[i][0], fills[i][1], fills[i][2]);
    plscol0(9, 200, 0, 0);
    plinit();
    plfontld(1);
    pladv(0);
    plvpor(0.08, 0.95, 0.12, 0.9);
    /* depth down: y from total+sub (bottom) to 0 (top); the bar is x in [0, 1], the labels
     * sit right of it inside the window (PLplot clips to it) */
    plwind(0, 2.2, total + sub, 0);
    plcol0(1);
    plbox("", 0, 0, "bnstv", 0, 0);
    pllab("", "depth (nm)", "");
    double top = 0;
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(s, i);
        double h = l->is_substrate ? sub : l->thickness_nm;
        PLFLT x[4] = {0, 1, 1, 0}, y[4] = {top, top, top + h, top + h};
        plcol0(2 + (PLINT)(i % 7));
        plfill(4, x, y);
        plcol0(1);
        plline(4, x, y);
        /* labels right of the bar, at the layer's middle (thin layers share the space) */
        char lab[200];
        if (l->is_substrate)
            snprintf(lab, sizeof lab, "%s (substrate)", l->material);
        else
            snprintf(lab, sizeof lab, "%s  %.4g nm", l->material, l->thickness_nm);
        plschr(0, 0.8);
        plptex(1.04, top + h / 2, 1, 0, 0, lab);
        top += h;
    }
    /* the interface */
    double zi = r->advice ? r->advice->interface_depth_nm : NAN;
    if (isfinite(zi)) {
        PLFLT x[2] = {0, 1.6}, y[2] = {zi, zi};
        plcol0(9);
        plwidth(3);
        plline(2, x, y);
        plwidth(1);
        char lab[160];
        snprintf(lab, sizeof lab, "%s", r->interface);
        plptex(1.6, zi, 1, 0, 0, lab);
    }
    plend1();
    xmlNode *node = import_svg(doc, t.file, id_prefix, err);
    tmp_close(&t);
    return node;
}

/* A figure of curves against depth with the interface as a vertical mark from mark_lo to
 * mark_hi: the resolution and signal figures differ only in their curves and axes. */
static xmlNode *curves_svg(xmlDoc *doc, const il_report *r, const il_advise_curves *c,
                           const il_plot_axes *ax, double mark_lo, double mark_hi,
                           const char *id_prefix, il_error *err)
{
    il_plot_series ser[16];
    size_t ns = 0;
    for (size_t i = 0; i < c->n && ns < 15; i++)
        ser[ns++] = (il_plot_series){c->curves[i].depth_nm, c->curves[i].value, NULL,
                                     c->curves[i].n, c->curves[i].label, IL_PLOT_LINE};
    double zi = r->advice ? r->advice->interface_depth_nm : NAN;
    double mx[2] = {zi, zi}, my[2] = {mark_lo, mark_hi};
    if (isfinite(zi))
        ser[ns++] = (il_plot_series){mx, my, NULL, 2, r->interface, IL_PLOT_LINE};
    tmp_svg t;
    if (tmp_open(&t, err))
        return NULL;
    xmlNode *node = NULL;
    if (il_plot_xy(t.file, ax, ser, ns, err) == IL_OK)
        node = import_svg(doc, t.file, id_prefix, err);
    tmp_close(&t);
    return node;
}

xmlNode *il__report_resolution_svg(xmlDoc *doc, const il_report *r, const char *id_prefix,
                                   il_error *err)
{
    if (!r->curves || r->curves->n == 0) {
        il_error_set(err, IL_ERR_INVALID, "report: no resolution curves");
        return NULL;
    }
    il_plot_axes ax = {"Depth resolution against depth", "depth below the surface (nm)",
                       "depth resolution FWHM (nm)", 0, 1};
    return curves_svg(doc, r, r->curves, &ax, 0.1, 1e5, id_prefix, err);
}

xmlNode *il__report_signals_svg(xmlDoc *doc, const il_report *r, const char *id_prefix,
                                il_error *err)
{
    if (!r->signals || r->signals->n == 0) {
        il_error_set(err, IL_ERR_INVALID, "report: no signal curves");
        return NULL;
    }
    il_plot_axes ax = {"Li sputter depth profiles (predicted)", "sputtered depth (nm)",
                       "Li atomic fraction", 0, 0};
    return curves_svg(doc, r, r->signals, &ax, 0, 0.6, id_prefix, err);
}
