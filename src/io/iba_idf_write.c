/* IDF / .xnra writer (iba_io.h) through libxml2's tree: the stack as IDF layers (areal density,
 * atomic fractions, SIMNRA's roughness), the options as one spectrum (beam, geometry, detector,
 * calibration, technique), the data and a simulated or fitted total, and interlayer's own
 * extension for what IDF has no place for (layer names, densities, the substrate, channels,
 * accurate mode), so that il_iba_idf_parse gives back the same stack and options. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "interlayer/elements.h"
#include "interlayer/iba_io.h"
#include "interlayer/nuclear.h"
#include "interlayer/units.h"
#include "io/iba_idf_priv.h"
#include "io/json_text.h"

/* 17 significant digits: a double read back is the same double */
static xmlNode *num(xmlNode *parent, xmlNs *ns, const char *name, double v, const char *units)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v);
    xmlNode *n = xmlNewChild(parent, ns, (const xmlChar *)name, (const xmlChar *)buf);
    if (units)
        xmlNewProp(n, (const xmlChar *)"units", (const xmlChar *)units);
    return n;
}

static xmlNode *txt(xmlNode *parent, xmlNs *ns, const char *name, const char *t)
{
    return xmlNewTextChild(parent, ns, (const xmlChar *)name, (const xmlChar *)t);
}

/* A list of numbers as one text ("0 1 2" / counts). */
static void numbers(xmlNode *parent, xmlNs *ns, const char *name, const double *v, size_t n,
                    int whole)
{
    size_t cap = n * 26 + 1, used = 0;
    char *buf = malloc(cap);
    if (!buf)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int w = whole ? snprintf(buf + used, cap - used, "%s%zu", i ? " " : "", i)
                      : snprintf(buf + used, cap - used, "%s%.17g", i ? " " : "", v[i]);
        if (w > 0 && (size_t)w < cap - used)
            used += (size_t)w;
    }
    xmlNewTextChild(parent, ns, (const xmlChar *)name, (const xmlChar *)buf);
    free(buf);
}

static void simple_data(xmlNode *parent, xmlNs *ns, const double *y, size_t n)
{
    txt(parent, ns, "datamode", "simple");
    txt(parent, ns, "channelmode", "left");
    xmlNode *sd = xmlNewChild(parent, ns, (const xmlChar *)"simpledata", NULL);
    xmlNode *xa = xmlNewChild(sd, ns, (const xmlChar *)"xaxis", NULL);
    txt(xa, ns, "axisname", "channel");
    txt(xa, ns, "axisunit", "#");
    xmlNode *ya = xmlNewChild(sd, ns, (const xmlChar *)"yaxis", NULL);
    txt(ya, ns, "axisname", "yield");
    txt(ya, ns, "axisunit", "counts");
    numbers(sd, ns, "x", NULL, n, 1);
    numbers(sd, ns, "y", y, n, 0);
}

static il_status layers(xmlNode *sample, xmlNs *ns, xmlNs *sim, xmlNs *il, const il_stack *s,
                        il_error *err)
{
    /* the elements of the whole sample, then each layer */
    xmlNode *em = xmlNewChild(xmlNewChild(sample, ns, (const xmlChar *)"elementsandmolecules",
                                          NULL),
                              ns, (const xmlChar *)"elements", NULL);
    int seen[120] = {0}, ne = 0;
    size_t nl = il_stack_count(s);
    il_layer_element el[64];
    for (size_t i = 0; i < nl; i++) {
        size_t n = il_layer_elements(il_stack_layer(s, i), el, 64);
        for (size_t k = 0; k < n; k++)
            if (el[k].Z > 0 && el[k].Z < 120 && !seen[el[k].Z]++)
                ne++;
    }
    num(em, ns, "nelements", ne, NULL);
    for (int z = 1; z < 120; z++)
        if (seen[z])
            txt(xmlNewChild(em, ns, (const xmlChar *)"element", NULL), ns, "name",
                il_element_by_z(z)->symbol);
    xmlNode *ls = xmlNewChild(sample, ns, (const xmlChar *)"structure", NULL);
    ls = xmlNewChild(ls, ns, (const xmlChar *)"layeredstructure", NULL);
    num(ls, ns, "nlayers", (double)nl, NULL);
    ls = xmlNewChild(ls, ns, (const xmlChar *)"layers", NULL);
    for (size_t i = 0; i < nl; i++) {
        const il_layer *L = il_stack_layer(s, i);
        if (L->n_enrich)
            return il_error_set(err, IL_ERR_INVALID, "IDF: layer '%s' is enriched; the IDF "
                                "writer writes elements only (give the isotopes in the formula, "
                                "Li[6])", L->name);
        xmlNode *x = xmlNewChild(ls, ns, (const xmlChar *)"layer", NULL);
        double tfu = L->is_substrate ? IL_IDF_SUBSTRATE_TFU : L->areal_tfu;
        num(x, ns, "layerthickness", tfu, "1e15at/cm2");
        int rough = !L->is_substrate && L->roughness_nm > 0;
        if (rough) {
            xmlNode *u = num(x, ns, "layeruniformity",
                             IL_IDF_FWHM_PER_SIGMA * il_nm_to_tfu(L->roughness_nm, L->atoms_cm3),
                             "1e15at/cm2");
            xmlNewProp(u, (const xmlChar *)"mode", (const xmlChar *)"FWHM");
        }
        xmlNode *les = xmlNewChild(x, ns, (const xmlChar *)"layerelements", NULL);
        /* the formula's own species, so an explicit isotope (Li[6]) stays one */
        double atoms = il_formula_atoms(&L->formula);
        for (size_t k = 0; k < L->formula.n; k++) {
            xmlNode *le = xmlNewChild(les, ns, (const xmlChar *)"layerelement", NULL);
            char name[16];
            if (L->formula.A[k])
                snprintf(name, sizeof name, "%d%s", L->formula.A[k],
                         il_element_by_z(L->formula.Z[k])->symbol);
            else
                snprintf(name, sizeof name, "%s", il_element_by_z(L->formula.Z[k])->symbol);
            txt(le, ns, "name", name);
            num(le, ns, "concentration", L->formula.count[k] / atoms, "fraction");
        }
        txt(x, sim, "hasroughness", rough ? "true" : "false");
        if (rough)
            txt(xmlNewChild(x, sim, (const xmlChar *)"roughness", NULL), sim, "distribution",
                "Gamma");
        txt(x, il, "layername", L->name);
        num(x, il, "density", L->density_g_cm3, "g/cm3");
        if (L->is_substrate)
            txt(x, il, "substrate", "true");
    }
    return IL_OK;
}

static void spectrum(xmlNode *sample, xmlNs *ns, xmlNs *il, const il_iba_options *o,
                     const double *data, size_t n_data, const il_iba_spectrum *sim)
{
    xmlNode *sp = xmlNewChild(xmlNewChild(sample, ns, (const xmlChar *)"spectra", NULL), ns,
                              (const xmlChar *)"spectrum", NULL);
    xmlNode *b = xmlNewChild(sp, ns, (const xmlChar *)"beam", NULL);
    char name[16];
    snprintf(name, sizeof name, "%d%s", o->beam_A, il_element_by_z(o->beam_Z)->symbol);
    txt(b, ns, "beamparticle", name);
    num(b, ns, "beamZ", o->beam_Z, NULL);
    double m = o->beam_A;
    il_nuclide_mass_u(o->beam_Z, o->beam_A, &m, NULL);
    num(b, ns, "beammass", m, "amu");
    num(b, ns, "beamenergy", o->energy_keV, "keV");
    xmlNode *bs = num(b, ns, "beamenergyspread", o->energy_spread_keV, "keV");
    xmlNewProp(bs, (const xmlChar *)"mode", (const xmlChar *)"FWHM");
    num(b, ns, "beamfluence", o->fluence, "#particles");
    xmlNode *g = xmlNewChild(sp, ns, (const xmlChar *)"geometry", NULL);
    txt(g, ns, "geometrytype", o->geometry == IL_IBA_IBM       ? "IBM"
                               : o->geometry == IL_IBA_CORNELL ? "Cornell"
                                                               : "general");
    double beta = o->beta_deg;
    il_iba_exit_angle(o, &beta, NULL);
    num(g, ns, "incidenceangle", o->alpha_deg, "degree");
    num(g, ns, "scatteringangle", o->theta_deg, "degree");
    num(g, ns, "exitangle", beta, "degree");
    xmlNode *det = xmlNewChild(xmlNewChild(sp, ns, (const xmlChar *)"detection", NULL), ns,
                               (const xmlChar *)"detector", NULL);
    num(det, ns, "solidangle", o->solid_angle_msr, "msr");
    xmlNode *cal = xmlNewChild(sp, ns, (const xmlChar *)"calibrations", NULL);
    xmlNode *r = xmlNewChild(cal, ns, (const xmlChar *)"detectorresolutions", NULL);
    r = xmlNewChild(xmlNewChild(xmlNewChild(r, ns, (const xmlChar *)"detectorresolution", NULL),
                                ns, (const xmlChar *)"resolutionparameters", NULL),
                    ns, (const xmlChar *)"resolutionparameter", NULL);
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", o->resolution_keV);
    xmlNodeSetContent(r, (const xmlChar *)buf);
    xmlNewProp(r, (const xmlChar *)"units", (const xmlChar *)"keV");
    xmlNewProp(r, (const xmlChar *)"mode", (const xmlChar *)"FWHM");
    xmlNode *ec = xmlNewChild(xmlNewChild(cal, ns, (const xmlChar *)"energycalibrations", NULL),
                              ns, (const xmlChar *)"energycalibration", NULL);
    txt(ec, ns, "calibrationmode", "energy");
    xmlNode *cp = xmlNewChild(ec, ns, (const xmlChar *)"calibrationparameters", NULL);
    num(cp, ns, "calibrationparameter", o->cal_offset_keV, "keV");
    num(cp, ns, "calibrationparameter", o->cal_gain_keV, "keV/channel");
    num(cp, ns, "calibrationparameter", o->cal_quad_keV, "keV/channel^2");
    txt(xmlNewChild(sp, ns, (const xmlChar *)"reactions", NULL), ns, "technique",
        o->technique == IL_IBA_ERDA ? "ERDA" : o->technique == IL_IBA_NRA ? "NRA" : "RBS");
    if (data && n_data)
        simple_data(xmlNewChild(sp, ns, (const xmlChar *)"data", NULL), ns, data, n_data);
    if (sim) {
        xmlNode *s = xmlNewChild(sp, ns, (const xmlChar *)"process", NULL);
        s = xmlNewChild(xmlNewChild(s, ns, (const xmlChar *)"simulations", NULL), ns,
                        (const xmlChar *)"simulation", NULL);
        txt(s, ns, "simulationtype", "total");
        simple_data(s, ns, il_iba_spectrum_total(sim), il_iba_spectrum_channels(sim));
    }
    xmlNode *set = xmlNewChild(sp, il, (const xmlChar *)"settings", NULL);
    num(set, il, "channels", (double)o->channels, NULL);
    txt(set, il, "accurate", o->accurate ? "true" : "false");
}

il_status il_iba_idf_text(const il_stack *stack, const il_iba_options *o, const double *data,
                          size_t n_data, const il_iba_spectrum *sim, char **text, il_error *err)
{
    *text = NULL;
    double beta;
    il_status st = il_iba_exit_angle(o, &beta, err);
    if (st)
        return st;
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"idf");
    xmlDocSetRootElement(doc, root);
    xmlNs *ns = xmlNewNs(root, (const xmlChar *)IL_IDF_NS, NULL);
    xmlSetNs(root, ns);
    xmlNs *sns = xmlNewNs(root, (const xmlChar *)IL_IDF_SIMNRA_NS, (const xmlChar *)"simnra");
    xmlNs *il = xmlNewNs(root, (const xmlChar *)IL_IDF_IL_NS, (const xmlChar *)"interlayer");
    xmlNode *at = xmlNewChild(root, ns, (const xmlChar *)"attributes", NULL);
    txt(at, ns, "idfversion", "1.01");
    txt(at, sns, "filetype", "xnra");
    txt(at, sns, "xnraversionnr", "1.1");
    xmlNode *sample = xmlNewChild(root, ns, (const xmlChar *)"sample", NULL);
    st = layers(sample, ns, sns, il, stack, err);
    if (!st) {
        spectrum(sample, ns, il, o, data, n_data, sim);
        xmlChar *out = NULL;
        int len = 0;
        xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
        if (!out || len <= 0 || !(*text = malloc((size_t)len + 1)))
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        else
            memcpy(*text, out, (size_t)len), (*text)[len] = '\0';
        xmlFree(out);
    }
    xmlFreeDoc(doc);
    return st;
}

il_status il_iba_idf_write(const char *path, const il_stack *stack, const il_iba_options *o,
                           const double *data, size_t n_data, const il_iba_spectrum *sim,
                           il_error *err)
{
    char *text = NULL;
    il_status st = il_iba_idf_text(stack, o, data, n_data, sim, &text, err);
    return il__write_made_text(path, st, text, err);
}
