/* The report page, built as a libxml2 HTML tree (escaping and serialisation are libxml2's) and
 * written through il_outfile, so a failure leaves no half page. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "interlayer/outfile.h"
#include "interlayer/report.h"
#include "interlayer/version.h"
#include "io/report_svg.h"

/* print-friendly, no web fonts, nothing loaded from elsewhere */
static const char *css =
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;color:#111}"
    "h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #999}"
    "table{border-collapse:collapse;width:100%;font-size:0.85em}"
    "td,th{border:1px solid #bbb;padding:0.25em 0.4em;vertical-align:top;text-align:left}"
    "tr.works td.v{background:#cfe8cf}tr.marginal td.v{background:#fbeec1}"
    "tr.cannot td.v{background:#f3c9c4}tr.notcomputed td.v{background:#e4e4e4}"
    "svg.figure{width:100%;height:auto;display:block}"
    "figure{margin:0.5em 0;page-break-inside:avoid;break-inside:avoid}"
    "figcaption{font-size:0.85em;color:#333}"
    ".prov{font-size:0.8em}"
    "@media print{body{max-width:none;margin:0}tr{page-break-inside:avoid}"
    "h2{page-break-after:avoid}}";

static xmlNode *el(xmlNode *parent, const char *name, const char *fmt, ...)
{
    char buf[2048];
    buf[0] = '\0';
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
    }
    xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (n && buf[0])
        xmlNodeAddContent(n, BAD_CAST buf);
    return n;
}

static void figure(xmlNode *body, xmlNode *svg, const char *caption)
{
    xmlNode *f = el(body, "figure", NULL);
    xmlAddChild(f, svg);
    el(f, "figcaption", "%s", caption);
}

/* A table under body with one header row of the six column names. */
static xmlNode *table6(xmlNode *body, const char *const heads[6])
{
    xmlNode *t = el(body, "table", NULL);
    xmlNode *h = el(t, "tr", NULL);
    for (int i = 0; i < 6; i++)
        el(h, "th", "%s", heads[i]);
    return t;
}

static void advice_table(xmlNode *body, const il_advice_list *l)
{
    static const char *const heads[6] = {"#", "technique", "verdict",
                                         "the number that decides it", "what to change",
                                         "review's caveats"};
    xmlNode *t = table6(body, heads);
    for (size_t i = 0; i < l->n; i++) {
        const il_advice *a = &l->items[i];
        static const char *cls[] = {"works", "marginal", "cannot", "notcomputed"};
        xmlNode *r = el(t, "tr", NULL);
        xmlSetProp(r, BAD_CAST "class", BAD_CAST cls[a->verdict]);
        el(r, "td", "%zu", i + 1);
        el(r, "td", "%s", a->technique->name);
        xmlSetProp(el(r, "td", "%s", il_verdict_name(a->verdict)), BAD_CAST "class",
                   BAD_CAST "v");
        el(r, "td", "%s", a->decides);
        el(r, "td", "%s", a->change);
        el(r, "td", "%s (review Sec. %s)", a->caveat, a->technique->section);
    }
}

static void stack_table(xmlNode *body, const il_stack *s)
{
    static const char *const heads[6] = {"layer", "material", "thickness (nm)",
                                         "density (g/cm3)", "density source",
                                         "Li (atoms/cm3)"};
    xmlNode *t = table6(body, heads);
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        xmlNode *r = el(t, "tr", NULL);
        el(r, "td", "%s", l->name);
        el(r, "td", "%s", l->material);
        if (l->is_substrate)
            el(r, "td", "substrate");
        else
            el(r, "td", "%.4g", l->thickness_nm);
        el(r, "td", "%.4g", l->density_g_cm3);
        el(r, "td", "%s", l->density_source);
        el(r, "td", "%.3g", l->li_atoms_cm3);
    }
}

static void provenance(xmlNode *body, const il_report *r)
{
    el(body, "h2", "Where the numbers come from");
    xmlNode *ul = el(body, "ul", NULL);
    xmlSetProp(ul, BAD_CAST "class", BAD_CAST "prov");
    const char *items[] = {
        "Capabilities, caveats and quoted resolutions: C. Chen et al., Interface Aspects in "
        "All-Solid-State Li-Based Batteries Reviewed, Adv. Energy Mater. 11 (2021) 2003939, "
        "Table 3, Figure 29 and the sections named in each row (data/advise/techniques.csv).",
        "NDP: 6Li(n,a)3H energies from AME2020 masses (alpha 2055.8 keV, triton 2727.7 keV), "
        "cross section 940 b (Sears 1992); stopping ICRU 49 / Ziegler fits, Bragg additivity, "
        "Chu/Yang straggling; depth resolution from the NDP forward model of this stack on the "
        "default station (1e9 n/cm2/s, 20 keV FWHM detector, 50 mm2 at 50 mm).",
        "Reflectometry: bound coherent scattering lengths (Sears 1992, Rauch & Waschkowski "
        "2003); X-ray f1, f2 from xraylib.",
        "X-ray information depths: xraylib attenuation (CS_Total) and refractive index; "
        "grazing-incidence penetration after Parratt (1954); electron inelastic mean free paths "
        "from TPP-2M (Tanuma, Powell, Penn, Surf. Interface Anal. 21 (1994) 165).",
        "Sputter profiles: mixing-roughness-information-depth model (S. Hofmann, Surf. "
        "Interface Anal. 21 (1994) 673) with a sputter-roughening front.",
        "Electron holography: interaction constant C_E from the relativistic electron "
        "wavelength; space-charge potential step as given.",
        "Ion-beam analysis: ion stopping and straggling of the IBA code (ICRU 49 for H and He, "
        "ZBL scaling for Li recoils, Yang straggling), two-body kinematics; 7Li(p,a) at its "
        "6.1 mb/sr peak (Paneta 2012); 7Li(p,p'g) resonance width from Tilley 2004."};
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        el(ul, "li", "%s", items[i]);
    el(ul, "li", "interlayer %s%s%s", IL_VERSION, r->command ? ": " : "",
       r->command ? r->command : "");
}

il_status il_report_write_html(const char *path, const il_report *r, il_error *err)
{
    if (!path || !r || !r->stack || !r->interface || !r->advice || !r->options)
        return il_error_set(err, IL_ERR_INVALID, "il_report_write_html: missing input");
    htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    if (!doc)
        return il_error_set(err, IL_ERR_NOMEM, "report: out of memory");
    xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
    xmlNode *html = xmlNewNode(NULL, BAD_CAST "html");
    xmlDocSetRootElement(doc, html);
    xmlSetProp(html, BAD_CAST "lang", BAD_CAST "en");
    xmlNode *head = el(html, "head", NULL);
    xmlSetProp(el(head, "meta", NULL), BAD_CAST "charset", BAD_CAST "utf-8");
    el(head, "title", "interlayer report: %s in %s", r->interface, il_stack_name(r->stack));
    el(head, "style", "%s", css);
    xmlNode *body = el(html, "body", NULL);
    el(body, "h1", "Which technique sees %s? %s", r->interface, il_stack_name(r->stack));
    const il_advise_options *o = r->options;
    el(body, "p",
       "Interface %s at %.0f nm below the surface. Question: %s%s%s%s%s%s; depth resolution "
       "wanted %.3g nm; interlayer assumed %.3g nm thick.",
       r->interface, r->advice->interface_depth_nm,
       o->wants & IL_WANT_LI_AMOUNT ? "Li amount " : "",
       o->wants & IL_WANT_LI_PROFILE ? "Li profile " : "",
       o->wants & IL_WANT_CHEMISTRY ? "chemistry " : "",
       o->wants & IL_WANT_STRUCTURE ? "structure " : "",
       o->wants & IL_WANT_THICKNESS ? "thickness " : "", o->operando ? "(operando)" : "",
       o->resolution_nm, o->interlayer_nm);

    il_status st = IL_OK;
    el(body, "h2", "The stack");
    xmlNode *svg = il__report_stack_svg(doc, r, "stk-", err);
    if (!svg)
        st = err ? err->code : IL_ERR_IO;
    else
        figure(body, svg, "The stack to scale, surface at the top; the red line is the "
                          "interface asked about (the substrate is drawn as a strip).");
    if (!st) {
        stack_table(body, r->stack);
        el(body, "h2", "Depth resolution of the techniques against depth");
        if (r->curves) {
            svg = il__report_resolution_svg(doc, r, "res-", err);
            if (!svg)
                st = err ? err->code : IL_ERR_IO;
            else
                figure(body, svg,
                       "FWHM depth resolution a technique reaches at each depth of this stack: "
                       "NDP from its forward model, sputter profiles from the MRI model with "
                       "a roughening front, XPS/HAXPES without sputtering see only their "
                       "information depth (lines end there).");
        }
    }
    if (!st && r->signals) {
        el(body, "h2", "Predicted Li signal of the sputter techniques");
        svg = il__report_signals_svg(doc, r, "sig-", err);
        if (!svg)
            st = err ? err->code : IL_ERR_IO;
        else
            figure(body, svg,
                   "True Li atomic fraction of the stack and the etched-XPS and ToF-SIMS "
                   "profiles the MRI model predicts with the sputter-front roughness reached at "
                   "the interface (preferential sputtering of Li not included).");
    }
    if (!st) {
        el(body, "h2", "Which technique, ranked");
        advice_table(body, r->advice);
        provenance(body, r);
    }
    if (st) {
        xmlFreeDoc(doc);
        return st;
    }
    xmlChar *mem = NULL;
    int size = 0;
    htmlDocDumpMemoryFormat(doc, &mem, &size, 1);
    xmlFreeDoc(doc);
    if (!mem)
        return il_error_set(err, IL_ERR_NOMEM, "report: out of memory");
    il_outfile *of;
    st = il_outfile_open(path, &of, err);
    if (!st) {
        if (fwrite(mem, 1, (size_t)size, il_outfile_stream(of)) != (size_t)size) {
            il_outfile_abort(of);
            st = il_error_set_at(err, IL_ERR_IO, path, 0, 0, "could not write the report");
        } else {
            st = il_outfile_commit(of, err);
        }
    }
    xmlFree(mem);
    return st;
}
