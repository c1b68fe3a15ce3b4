/* IDF / SIMNRA .xnra reader (iba_io.h) through libxml2: the sample's layers and the first
 * spectrum's beam, geometry, detector, calibration and data. Element names are matched without
 * their namespace (IDF, simnra: and interlayer: names do not collide).
 *
 * Hostile input, as for N42: no network, no DOCTYPE (refused before its entities are read),
 * libxml2's errors caught on this parser context only, nothing printed, nothing global set. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/built.h"
#include "interlayer/composition.h"
#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/formula.h"
#include "interlayer/spectrum.h"
#include "interlayer/iba_io.h"
#include "interlayer/units.h"
#include "io/iba_idf_priv.h"
#include "io/xml_read.h"

typedef struct {
    const char *name;
    il_error *err;
} ctx;

static int named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (named(c, name))
            return c;
    return NULL;
}

/* A path of child names ("beam/beamenergy"). */
static xmlNode *at(const xmlNode *n, const char *path)
{
    char part[64];
    while (n && *path) {
        size_t k = strcspn(path, "/");
        if (k >= sizeof part)
            return NULL;
        memcpy(part, path, k);
        part[k] = '\0';
        n = child(n, part);
        path += k + (path[k] == '/');
    }
    return (xmlNode *)n;
}

static int line_of(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < INT_MAX ? (int)l : 0;
}

/* The node's text without surrounding blanks, in buf; "" when it has none. */
static const char *text_of(const xmlNode *n, char *buf, size_t size)
{
    buf[0] = '\0';
    xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
    if (!t)
        return buf;
    const char *s = (const char *)t;
    while (isspace((unsigned char)*s))
        s++;
    snprintf(buf, size, "%s", s);
    size_t k = strlen(buf);
    while (k > 0 && isspace((unsigned char)buf[k - 1]))
        buf[--k] = '\0';
    xmlFree(t);
    return buf;
}

/* Unit factors to the unit each quantity is kept in. */
static const struct {
    const char *unit, *to;
    double f;
} units[] = {{"keV", "keV", 1.0},        {"MeV", "keV", 1e3},
             {"eV", "keV", 1e-3},        {"degree", "degree", 1.0},
             {"deg", "degree", 1.0},     {"rad", "degree", 57.29577951308232},
             {"msr", "msr", 1.0},        {"sr", "msr", 1e3},
             {"1e15at/cm2", "tfu", 1.0}, {"at/cm2", "tfu", 1e-15},
             {"fraction", "fraction", 1.0}, {"%", "fraction", 1e-2},
             {"#particles", "particles", 1.0}, {"g/cm3", "g/cm3", 1.0}, {"amu", "amu", 1.0},
             {"u", "amu", 1.0},
             {"keV/channel", "keV/channel", 1.0}, {"keV/channel^2", "keV/channel^2", 1.0}};

/* The number at n in unit `to` (its units attribute converted); *v untouched when n is
 * absent (returns 0 then too). An unreadable number or unknown unit: IL_ERR_PARSE at its line. */
static il_status number(const ctx *c, const xmlNode *n, const char *to, double *v)
{
    if (!n)
        return IL_OK;
    char buf[128];
    text_of(n, buf, sizeof buf);
    char *end;
    double x = strtod(buf, &end);
    if (end == buf || *end || !isfinite(x))
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(n), 0,
                               "<%s>: '%.40s' is not a number", (const char *)n->name, buf);
    xmlChar *u = xmlGetProp(n, (const xmlChar *)"units");
    double f = 1.0;
    if (u && *to) {
        size_t k;
        for (k = 0; k < sizeof units / sizeof units[0]; k++)
            if (!strcasecmp(units[k].unit, (const char *)u) && !strcmp(units[k].to, to))
                break;
        if (k == sizeof units / sizeof units[0]) {
            il_status st = il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(n), 0,
                                           "<%s>: unit '%.30s' not understood (expected %s)",
                                           (const char *)n->name, (const char *)u, to);
            xmlFree(u);
            return st;
        }
        f = units[k].f;
    }
    xmlFree(u);
    *v = x * f;
    return IL_OK;
}

/* "16O", "O", "6Li": Z and A (0: natural). */
static il_status nuclide(const ctx *c, const xmlNode *n, int *Z, int *A)
{
    char buf[32];
    text_of(n, buf, sizeof buf);
    const char *p = buf;
    int a = 0;
    while (isdigit((unsigned char)*p) && a < 1000)
        a = a * 10 + (*p++ - '0');
    const il_element *e = il_element_by_symbol(p);
    if (!e)
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(n), 0,
                               "<%s>: '%s' is not an element or nuclide (O, 16O)",
                               (const char *)n->name, buf);
    *Z = e->Z;
    *A = a;
    return IL_OK;
}

/* simpledata x/y into counts of channels 0..max x (x absent: 0, 1, 2, ...). */
static il_status simple_data(const ctx *c, const xmlNode *sd, double **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    xmlNode *xn = child(sd, "x"), *yn = child(sd, "y");
    if (!yn)
        return IL_OK;
    xmlChar *xt = xn ? xmlNodeGetContent(xn) : NULL, *yt = xmlNodeGetContent(yn);
    il_status st = IL_OK;
    size_t cap = 0, m = 0;
    double *y = NULL, *x = NULL;
    const char *py = (const char *)yt, *px = (const char *)xt;
    for (;;) {
        char *end;
        while (py && isspace((unsigned char)*py))
            py++;
        if (!py || !*py)
            break;
        double vy = strtod(py, &end), vx = (double)m;
        if (end == py || !isfinite(vy) || vy < 0) {
            st = il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(yn), 0,
                                 "<y>: value %zu '%.20s' is not a count", m + 1, py);
            break;
        }
        py = end;
        if (px) {
            vx = strtod(px, &end);
            if (end == px || !(vx >= 0 && vx == floor(vx) && vx < IL_SPECTRUM_MAX_CHANNELS)) {
                st = il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(xn), 0,
                                     "<x>: value %zu is not a channel number 0..%u", m + 1,
                                     IL_SPECTRUM_MAX_CHANNELS - 1);
                break;
            }
            px = end;
        }
        if (m == cap) {
            cap = cap ? 2 * cap : 1024;
            double *ny = realloc(y, cap * sizeof *y), *nx = ny ? realloc(x, cap * sizeof *x) : NULL;
            if (ny)
                y = ny;
            if (!nx) {
                st = il_error_set(c->err, IL_ERR_NOMEM, "out of memory");
                break;
            }
            x = nx;
        }
        y[m] = vy;
        x[m++] = vx;
    }
    size_t nch = 0;
    for (size_t i = 0; i < m && !st; i++)
        nch = (size_t)fmax((double)nch, x[i] + 1);
    /* a lone zero is what SIMNRA writes for "not calculated": no data */
    if (!st && nch > 0 && !(m == 1 && y[0] == 0.0) && !(m == 2 && y[0] == 0 && y[1] == 0)) {
        *out = calloc(nch, sizeof **out);
        if (!*out)
            st = il_error_set(c->err, IL_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < m && !st; i++)
            (*out)[(size_t)x[i]] = y[i];
        *n = st ? 0 : nch;
    }
    free(x);
    free(y);
    xmlFree(xt);
    xmlFree(yt);
    return st;
}

/* One layer: fractions into a formula text, areal density, roughness, interlayer's extras. */
static il_status read_layer(const ctx *c, const xmlNode *L, size_t index, int last,
                            il_stack *s)
{
    char formula[512] = "", nm[64] = "";
    size_t used = 0;
    xmlNode *els = child(L, "layerelements");
    for (xmlNode *e = els ? els->children : NULL; e; e = e->next) {
        if (!named(e, "layerelement"))
            continue;
        int Z = 0, A = 0;
        double f = NAN;
        il_status st = IL_OK;
        xmlNode *name = child(e, "name");
        if (!name)
            return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(e), 0,
                                   "<layerelement> without <name>");
        if ((st = nuclide(c, name, &Z, &A)) || (st = number(c, child(e, "concentration"),
                                                            "fraction", &f)))
            return st;
        if (!(f >= 0 && f <= 1))
            return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(e), 0,
                                   "<concentration>: %g is not a fraction 0..1", f);
        if (f == 0)
            continue;
        const char *sym = il_element_by_z(Z)->symbol;
        int w = A ? snprintf(formula + used, sizeof formula - used, "%s[%d]%.10g", sym, A, f)
                  : snprintf(formula + used, sizeof formula - used, "%s%.10g", sym, f);
        if (w < 0 || (size_t)w >= sizeof formula - used)
            return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(e), 0,
                                   "layer %zu: too many elements", index + 1);
        used += (size_t)w;
    }
    if (!used)
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(L), 0,
                               "layer %zu has no element with a concentration > 0", index + 1);
    double tfu = NAN, fwhm_tfu = 0.0, density = 0.0;
    il_status st = number(c, child(L, "layerthickness"), "tfu", &tfu);
    if (!st && !(tfu > 0))
        st = il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(L), 0,
                             "layer %zu: <layerthickness> missing or not > 0", index + 1);
    char buf[64];
    int rough = !strcasecmp(text_of(child(L, "hasroughness"), buf, sizeof buf), "true");
    if (!st && rough)
        st = number(c, child(L, "layeruniformity"), "tfu", &fwhm_tfu);
    if (!st)
        st = number(c, child(L, "density"), "g/cm3", &density);
    if (st)
        return st;
    text_of(child(L, "layername"), nm, sizeof nm);
    int substrate = last && !strcasecmp(text_of(child(L, "substrate"), buf, sizeof buf), "true");
    /* no density: the nominal atoms/cm3 (see iba_io.h) */
    il_formula f;
    il_composition comp;
    double molar;
    if ((st = il_formula_parse(formula, &f, c->err)) ||
        (st = il_composition_from_formula(&f, NULL, 0, &comp, c->err)) ||
        (st = il_composition_molar_mass(&comp, &molar, c->err))) {
        il_error_prefix(c->err, "%s:%d: layer %zu: ", c->name, line_of(L), index + 1);
        return st;
    }
    if (!(density > 0))
        density = IL_IDF_NOMINAL_ATOMS_CM3 * molar / il_formula_atoms(&f) / IL_AVOGADRO;
    double atoms_cm3 = density * IL_AVOGADRO * il_formula_atoms(&f) / molar;
    il_layer_spec spec = {
        .name = nm[0] ? nm : NULL,
        .material = formula,
        .density_g_cm3 = density,
        .thickness = tfu,
        .kind = IL_THICKNESS_TFU,
        .roughness_nm = il_tfu_to_nm(fwhm_tfu / IL_IDF_FWHM_PER_SIGMA, atoms_cm3),
        .substrate = substrate,
    };
    if ((st = il_stack_add(s, &spec, NULL, c->err)))
        il_error_prefix(c->err, "%s:%d: ", c->name, line_of(L));
    return st;
}

static il_status read_sample(const ctx *c, const xmlNode *sample, il_stack **out)
{
    xmlNode *layers = at(sample, "structure/layeredstructure/layers");
    size_t n = 0;
    for (xmlNode *L = layers ? layers->children : NULL; L; L = L->next)
        n += named(L, "layer");
    if (!n)
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(sample), 0,
                               "<sample> has no structure/layeredstructure/layers/layer");
    il_stack *s;
    il_status st = il_stack_new(NULL, &s, c->err);
    size_t i = 0;
    for (xmlNode *L = layers->children; L && !st; L = L->next)
        if (named(L, "layer")) {
            st = read_layer(c, L, i, i + 1 == n, s);
            i++;
        }
    IL_RETURN_BUILT(st, s, il_stack_free, out);
}

static il_status read_spectrum(const ctx *c, const xmlNode *sp, il_iba_idf *d)
{
    il_iba_options *o = &d->options;
    char buf[128];
    il_status st = IL_OK;
    const char *tech = text_of(at(sp, "reactions/technique"), buf, sizeof buf);
    if (!strcasecmp(tech, "ERDA") || !strcasecmp(tech, "ERD"))
        o->technique = IL_IBA_ERDA, o->theta_deg = 30.0, o->alpha_deg = 75.0;
    else if (!strcasecmp(tech, "NRA"))
        o->technique = IL_IBA_NRA;
    else if (*tech && strcasecmp(tech, "RBS") && strcasecmp(tech, "EBS"))
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(at(sp, "reactions")), 0,
                               "<technique>: '%s' is not RBS, EBS, ERDA or NRA", tech);
    xmlNode *bz = at(sp, "beam/beamZ");
    double Z = o->beam_Z, mass = NAN;
    if ((st = number(c, bz, "", &Z)) || (st = number(c, at(sp, "beam/beammass"), "amu", &mass)))
        return st;
    if (!(Z >= 1 && Z <= 92 && Z == floor(Z)))
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(bz), 0,
                               "<beamZ>: %g is not an atomic number 1..92", Z);
    o->beam_Z = (int)Z;
    if (isfinite(mass))
        o->beam_A = (int)lround(mass);
    else if (o->beam_Z != 2)
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(bz), 0,
                               "<beam>: give <beammass> for Z = %d", o->beam_Z);
    if (!(o->beam_A >= o->beam_Z && o->beam_A < 300))
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(bz), 0,
                               "<beammass>: %g amu is not a nucleus with Z = %d", mass, o->beam_Z);
    double theta = o->theta_deg;
    if ((st = number(c, at(sp, "beam/beamenergy"), "keV", &o->energy_keV)) ||
        (st = number(c, at(sp, "beam/beamenergyspread"), "keV", &o->energy_spread_keV)) ||
        (st = number(c, at(sp, "beam/beamfluence"), "particles", &o->fluence)) ||
        (st = number(c, at(sp, "geometry/incidenceangle"), "degree", &o->alpha_deg)) ||
        (st = number(c, at(sp, "geometry/scatteringangle"), "degree", &theta)) ||
        (st = number(c, at(sp, "geometry/exitangle"), "degree", &o->beta_deg)) ||
        (st = number(c, at(sp, "detection/detector/solidangle"), "msr", &o->solid_angle_msr)))
        return st;
    o->theta_deg = theta;
    const char *g = text_of(at(sp, "geometry/geometrytype"), buf, sizeof buf);
    o->geometry = !strcasecmp(g, "Cornell") ? IL_IBA_CORNELL
                  : !strcasecmp(g, "IBM")   ? IL_IBA_IBM
                                            : IL_IBA_GENERAL;
    xmlNode *res = at(sp, "calibrations/detectorresolutions/detectorresolution/"
                          "resolutionparameters/resolutionparameter");
    if ((st = number(c, res, "keV", &o->resolution_keV)))
        return st;
    xmlNode *cal = at(sp, "calibrations/energycalibrations/energycalibration/"
                          "calibrationparameters");
    double *slot[3] = {&o->cal_offset_keV, &o->cal_gain_keV, &o->cal_quad_keV};
    static const char *const unit[3] = {"keV", "keV/channel", "keV/channel^2"};
    int k = 0;
    for (xmlNode *p = cal ? cal->children : NULL; p && k < 3 && !st; p = p->next)
        if (named(p, "calibrationparameter")) {
            st = number(c, p, unit[k], slot[k]);
            k++;
        }
    if (st)
        return st;
    if (!(o->cal_gain_keV != 0.0))
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(cal), 0,
                               "energy calibration with zero gain");
    if ((st = simple_data(c, at(sp, "data/simpledata"), &d->data, &d->n_data)))
        return st;
    xmlNode *sims = at(sp, "process/simulations");
    for (xmlNode *m = sims ? sims->children : NULL; m && !st; m = m->next) {
        if (!named(m, "simulation"))
            continue;
        const char *type = text_of(child(m, "simulationtype"), buf, sizeof buf);
        if (*type && strcasecmp(type, "total"))
            continue;
        st = simple_data(c, child(m, "simpledata"), &d->simulated, &d->n_simulated);
        break;
    }
    if (st)
        return st;
    size_t nch = d->n_data > d->n_simulated ? d->n_data : d->n_simulated;
    if (nch)
        o->channels = nch;
    /* interlayer's own settings, when the file was written here */
    double v;
    xmlNode *ext = child(sp, "settings");
    if (ext) {
        v = (double)o->channels;
        if ((st = number(c, child(ext, "channels"), "", &v)))
            return st;
        if (v >= 1 && v <= IL_SPECTRUM_MAX_CHANNELS && v == floor(v))
            o->channels = (size_t)v;
        o->accurate = !strcasecmp(text_of(child(ext, "accurate"), buf, sizeof buf), "true");
    }
    return IL_OK;
}

static il_status read_doc(const ctx *c, xmlDoc *doc, il_iba_idf *d)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!named(root, "idf"))
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, root ? line_of(root) : 1, 0,
                               "not an IDF file: the root element is <%s>, expected <idf>",
                               root ? (const char *)root->name : "nothing");
    xmlNode *sample = child(root, "sample");
    if (!sample)
        return il_error_set_at(c->err, IL_ERR_PARSE, c->name, line_of(root), 0,
                               "<idf> has no <sample>");
    il_status st = read_sample(c, sample, &d->stack);
    xmlNode *sp = at(sample, "spectra/spectrum");
    if (!st && sp)
        st = read_spectrum(c, sp, d);
    /* the other spectra of the same sample (several angles, beams or techniques), each from
     * the defaults like the first, so one spectrum's settings never leak into the next */
    il_iba_idf **tail = &d->next;
    for (xmlNode *n = sp ? sp->next : NULL; n && !st; n = n->next) {
        if (!named(n, "spectrum"))
            continue;
        il_iba_idf *e = calloc(1, sizeof *e);
        if (!e)
            return il_error_set(c->err, IL_ERR_NOMEM, "out of memory");
        il_iba_options_default(&e->options);
        *tail = e; /* linked first: freed with d whatever read_spectrum does */
        tail = &e->next;
        st = read_spectrum(c, n, e);
    }
    return st;
}

void il_iba_idf_free(il_iba_idf *d)
{
    while (d) {
        il_iba_idf *next = d->next;
        il_stack_free(d->stack);
        free(d->data);
        free(d->simulated);
        free(d);
        d = next;
    }
}

il_status il_iba_idf_parse(const char *text, size_t len, const char *name, il_iba_idf **out,
                           il_error *err)
{
    *out = NULL;
    if (!name)
        name = "<idf>";
    if (len > INT_MAX)
        return il_error_set_at(err, IL_ERR_RANGE, name, 0, 0, "IDF text too large");
    il_iba_idf *d = calloc(1, sizeof *d);
    if (!d)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il__xml_report xe;
    xmlDoc *doc = il__xml_read(text, len, name, &xe);
    if (xe.no_memory) {
        free(d);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_iba_options_default(&d->options);
    il_error local;
    ctx c = {name, err ? err : &local};
    il_status st;
    if (xe.doctype_line)
        st = il_error_set_at(c.err, IL_ERR_PARSE, name, xe.doctype_line, 0,
                             "a DOCTYPE is not allowed in an IDF file (refused: its entities "
                             "could expand without bound)");
    else if (!doc)
        st = il_error_set_at(c.err, IL_ERR_PARSE, name, xe.have ? xe.line : 0, 0,
                             "not well-formed XML: %s", xe.have ? xe.msg : "unreadable");
    else
        st = read_doc(&c, doc, d);
    xmlFreeDoc(doc);
    IL_RETURN_BUILT(st, d, il_iba_idf_free, out);
}

il_status il_iba_idf_load(const char *path, il_iba_idf **out, il_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "cannot open the IDF file");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    il_status st = IL_OK;
    for (;;) {
        if (n + 65536 > cap) {
            if (cap > (size_t)INT_MAX / 2) {
                st = il_error_set_at(err, IL_ERR_RANGE, path, 0, 0, "IDF file too large");
                break;
            }
            char *nb = realloc(buf, cap = cap ? 2 * cap : 262144);
            if (!nb) {
                st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (!st && ferror(f))
        st = il_error_set_at(err, IL_ERR_IO, path, 0, 0, "read error");
    fclose(f);
    if (!st)
        st = il_iba_idf_parse(buf, n, path, out, err);
    free(buf);
    return st;
}
