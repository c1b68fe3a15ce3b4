/* ANSI N42.42 XML through libxml2.
 *
 * 2011: RadInstrumentData / RadMeasurement (StartDateTime, RealTimeDuration) / Spectrum
 *       (LiveTimeDuration, ChannelData[@compressionCode]) with @energyCalibrationReference
 *       pointing at EnergyCalibration/CoefficientValues.
 * 2006: N42InstrumentData / Measurement / Spectrum (StartTime, LiveTime, RealTime, ChannelData
 *       [@Compression], Calibration[@Type=Energy]/Equation/Coefficients).
 * The first Spectrum with ChannelData is read. Element names are matched without namespace, so
 * files that forget the namespace still read.
 *
 * Hostile input: no network (XML_PARSE_NONET), no external DTD, no entity substitution, and any
 * DOCTYPE is refused (an internal subset can declare entities that expand exponentially when
 * text is fetched). libxml2 reports through a per-context handler and never prints. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "io/spectrum_priv.h"
#include "io/xml_read.h"

/* ---- small tree helpers ------------------------------------------------------------------ */

/* Depth-first search for the first element `name` that `accept` (may be NULL) takes, given
 * `arg`; iterative so a deeply nested hostile file cannot exhaust the stack (libxml2 itself
 * caps nesting at 256 levels without XML_PARSE_HUGE). */
static xmlNode *find_first(xmlNode *root, const char *name,
                           int (*accept)(xmlNode *, const void *), const void *arg)
{
    xmlNode *n = root;
    while (n) {
        if (il__xml_named(n, name) && (!accept || accept(n, arg)))
            return n;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return NULL;
}

static int has_channel_data(xmlNode *n, const void *arg)
{
    (void)arg;
    return il__xml_child(n, "ChannelData") != NULL;
}

/* A spectrum with channel data other than arg (the one read). */
static int other_channel_data(xmlNode *n, const void *arg)
{
    return n != arg && has_channel_data(n, NULL);
}

/* Accepts an element whose attribute id equals arg (an xmlChar string). */
static int has_id(xmlNode *n, const void *arg)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
    int same = v && !xmlStrcmp(v, (const xmlChar *)arg);
    xmlFree(v);
    return same;
}

/* A child of `n` or of one of its ancestors (the nearest wins): times and dates sit on the
 * Spectrum in 2006 and on the RadMeasurement in 2011. */
static xmlNode *up_child(xmlNode *n, const char *a, const char *b)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        xmlNode *c = il__xml_child(n, a);
        if (!c && b)
            c = il__xml_child(n, b);
        if (c)
            return c;
    }
    return NULL;
}

typedef struct {
    const char *name;
    il_error *err;
} n42_ctx;

/* ---- values ------------------------------------------------------------------------------ */

/* xs:duration restricted to days, hours, minutes, seconds ("PT300.5S", "P1DT2H"): years and
 * months have no fixed length in seconds, so a live time given in them is refused. */
static int parse_duration(const char *t, double *sec)
{
    while (isspace((unsigned char)*t))
        t++;
    if (*t++ != 'P')
        return -1;
    int in_time = 0, any = 0;
    double total = 0;
    while (*t && !isspace((unsigned char)*t)) {
        if (*t == 'T') {
            if (in_time)
                return -1;
            in_time = 1;
            t++;
            continue;
        }
        const char *s = t;
        while (isdigit((unsigned char)*t) || *t == '.')
            t++;
        double v;
        if (il__spec_number(s, (size_t)(t - s), &v))
            return -1;
        double unit;
        if (!in_time && *t == 'D')
            unit = 86400;
        else if (in_time && *t == 'H')
            unit = 3600;
        else if (in_time && *t == 'M')
            unit = 60;
        else if (in_time && *t == 'S')
            unit = 1;
        else
            return -1;
        t++;
        total += v * unit;
        any = 1;
    }
    while (isspace((unsigned char)*t))
        t++;
    if (*t || !any || !isfinite(total))
        return -1;
    *sec = total;
    return 0;
}

static il_status duration_of(n42_ctx *cx, xmlNode *n, double *sec)
{
    *sec = NAN;
    if (!n)
        return IL_OK;
    xmlChar *txt = xmlNodeGetContent(n);
    int bad = !txt || parse_duration((const char *)txt, sec);
    il_status r = IL_OK;
    if (bad) {
        char q[64];
        const char *t = txt ? (const char *)txt : "";
        r = il_error_set_at(cx->err, IL_ERR_PARSE, cx->name, il__xml_line_of(n), 0,
                            "<%s> '%s' is not a duration like PT300.5S", (const char *)n->name,
                            il__spec_quote(t, strlen(t), q, sizeof q));
    }
    xmlFree(txt);
    return r;
}

/* Numbers in a whitespace-separated list; calls fn for each; stops at the first bad one. */
typedef int (*num_fn)(void *user, double v, const char *tok, size_t len, long index);

static int each_number(const char *t, num_fn fn, void *user, long *bad_index)
{
    long i = 0;
    while (*t) {
        while (isspace((unsigned char)*t))
            t++;
        if (!*t)
            break;
        const char *s = t;
        while (*t && !isspace((unsigned char)*t))
            t++;
        double v;
        size_t len = (size_t)(t - s);
        int bad = il__spec_number(s, len, &v) ? 1 : 0;
        int r = fn(user, bad ? NAN : v, s, len, i);
        if (r) {
            *bad_index = i;
            return r;
        }
        i++;
    }
    return 0;
}

/* ---- channel data ------------------------------------------------------------------------ */

typedef struct {
    int counted_zeroes;
    int after_zero; /* the previous token was a 0 that starts a run */
    size_t n;       /* channels so far */
    double *out;    /* NULL in the counting pass */
    char why[200];
} cd_state;

static int cd_token(void *user, double v, const char *tok, size_t len, long index)
{
    cd_state *c = user;
    char q[48];
    if (isnan(v)) {
        snprintf(c->why, sizeof c->why, "value %ld '%s' is not a number", index + 1,
                 il__spec_quote(tok, len, q, sizeof q));
        return 1;
    }
    if (c->after_zero) {
        /* CountedZeroes: "0 k" stands for k zero channels. */
        c->after_zero = 0;
        if (v != floor(v) || v < 0 || v > IL_SPECTRUM_MAX_CHANNELS - c->n) {
            snprintf(c->why, sizeof c->why,
                     "value %ld: zero-run length '%s' must be a whole number and keep the "
                     "spectrum within %u channels",
                     index + 1, il__spec_quote(tok, len, q, sizeof q), IL_SPECTRUM_MAX_CHANNELS);
            return 1;
        }
        if (c->out)
            memset(c->out + c->n, 0, (size_t)v * sizeof *c->out);
        c->n += (size_t)v;
        return 0;
    }
    const char *why = il__spec_count_problem(v);
    if (why) {
        snprintf(c->why, sizeof c->why, "value %ld '%s' is %s", index + 1,
                 il__spec_quote(tok, len, q, sizeof q), why);
        return 1;
    }
    if (c->counted_zeroes && v == 0) {
        c->after_zero = 1;
        return 0;
    }
    if (c->n >= IL_SPECTRUM_MAX_CHANNELS) {
        snprintf(c->why, sizeof c->why, "more than %u channels", IL_SPECTRUM_MAX_CHANNELS);
        return 1;
    }
    if (c->out)
        c->out[c->n] = v;
    c->n++;
    return 0;
}

static il_status read_channels(n42_ctx *cx, xmlNode *cd, il_spectrum **out)
{
    xmlChar *comp = xmlGetProp(cd, (const xmlChar *)"compressionCode");
    if (!comp)
        comp = xmlGetProp(cd, (const xmlChar *)"Compression");
    cd_state c = {0};
    il_status r = IL_OK;
    if (comp) {
        if (!xmlStrcmp(comp, (const xmlChar *)"CountedZeroes"))
            c.counted_zeroes = 1;
        else if (xmlStrcmp(comp, (const xmlChar *)"None")) {
            char q[48];
            r = il_error_set_at(cx->err, IL_ERR_PARSE, cx->name, il__xml_line_of(cd), 0,
                                "<ChannelData> compression '%s' is not supported (None or "
                                "CountedZeroes)",
                                il__spec_quote((const char *)comp, strlen((const char *)comp),
                                               q, sizeof q));
        }
        xmlFree(comp);
        if (r)
            return r;
    }
    xmlChar *txt = xmlNodeGetContent(cd);
    if (!txt)
        return il_error_set_at(cx->err, IL_ERR_NOMEM, cx->name, il__xml_line_of(cd), 0,
                               "out of memory reading <ChannelData>");
    long bad = 0;
    /* Two passes: count, then fill, so a run length cannot make us allocate before it is
     * checked against the channel cap. */
    if (each_number((const char *)txt, cd_token, &c, &bad) == 0 && c.after_zero)
        snprintf(c.why, sizeof c.why, "CountedZeroes data end with a 0 but no run length");
    if (!c.why[0] && c.n == 0)
        snprintf(c.why, sizeof c.why, "no channels");
    if (c.why[0]) {
        r = il_error_set_at(cx->err, IL_ERR_PARSE, cx->name, il__xml_line_of(cd), 0, "<ChannelData>: %s",
                            c.why);
        xmlFree(txt);
        return r;
    }
    il_spectrum *s;
    r = il__spec_make(c.n, cx->name, &s, cx->err);
    if (r == IL_OK) {
        cd_state f = {.counted_zeroes = c.counted_zeroes, .out = s->counts};
        each_number((const char *)txt, cd_token, &f, &bad);
        *out = s;
    }
    xmlFree(txt);
    return r;
}

typedef struct {
    double c[8];
    int n;
} coef_state;

static int coef_token(void *user, double v, const char *tok, size_t len, long index)
{
    coef_state *k = user;
    if (isnan(v) || k->n >= 8)
        return 1;
    k->c[k->n++] = v;
    return 0;
}

static il_status read_calibration(n42_ctx *cx, xmlNode *coef, double scale, il_spectrum *s)
{
    xmlChar *txt = xmlNodeGetContent(coef);
    coef_state k = {{0}, 0};
    long bad = 0;
    int r = !txt || each_number((const char *)txt, coef_token, &k, &bad);
    xmlFree(txt);
    if (r || k.n == 0)
        return il_error_set_at(cx->err, IL_ERR_PARSE, cx->name, il__xml_line_of(coef), 0,
                               "<%s>: expected 1 to 8 numbers (polynomial coefficients)",
                               (const char *)coef->name);
    for (int i = 3; i < k.n; i++)
        if (k.c[i] != 0)
            return il_error_set_at(cx->err, IL_ERR_RANGE, cx->name, il__xml_line_of(coef), 0,
                                   "<%s>: a term of order %d (%g) is not supported; energy "
                                   "calibrations are at most quadratic here",
                                   (const char *)coef->name, i, k.c[i]);
    if (k.c[1] == 0 && k.c[2] == 0)
        return IL_OK; /* all-zero placeholder: not calibrated */
    il_status st = il_spectrum_set_calibration(s, k.c[0] * scale, k.c[1] * scale,
                                               k.c[2] * scale, cx->err);
    if (st)
        il__spec_locate(cx->err, cx->name, il__xml_line_of(coef));
    return st;
}

/* ---- the reader -------------------------------------------------------------------------- */

static il_status read_doc(n42_ctx *cx, xmlDoc *doc, il_spectrum **out)
{
    const char *name = cx->name;
    il_error *err = cx->err;
    if (doc->intSubset || doc->extSubset)
        return il_error_set_at(err, IL_ERR_PARSE, name, il__xml_line_of((xmlNode *)doc->intSubset), 0,
                               "a DOCTYPE is not allowed in an N42 file (refused: its "
                               "entities could expand without bound)");
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || (!il__xml_named(root, "RadInstrumentData") && !il__xml_named(root, "N42InstrumentData"))) {
        char q[64];
        const char *rn = root ? (const char *)root->name : "";
        return il_error_set_at(err, IL_ERR_PARSE, name, root ? il__xml_line_of(root) : 0, 0,
                               "not an N42 file: root element <%s>, expected "
                               "<RadInstrumentData> (N42.42-2011) or <N42InstrumentData> "
                               "(2006)",
                               il__spec_quote(rn, strlen(rn), q, sizeof q));
    }
    xmlNode *sp = find_first(root, "Spectrum", has_channel_data, NULL);
    if (!sp)
        return il_error_set_at(err, IL_ERR_PARSE, name, il__xml_line_of(root), 0,
                               "no <Spectrum> with <ChannelData> in this N42 file");
    /* Several measurements (or detectors) in one file: reading the first and dropping the rest
     * in silence would analyse a part as if it were the whole. */
    xmlNode *second = find_first(root, "Spectrum", other_channel_data, sp);
    if (second)
        return il_error_set_at(err, IL_ERR_PARSE, name, il__xml_line_of(second), 0,
                               "a second <Spectrum> with <ChannelData> (the first is at line "
                               "%d): this file holds several measurements or detectors, and "
                               "interlayer reads one spectrum per file; split it",
                               il__xml_line_of(sp));
    il_spectrum *s = NULL;
    il_status r = read_channels(cx, il__xml_child(sp, "ChannelData"), &s);
    if (r)
        return r;
    double live, real;
    if ((r = duration_of(cx, up_child(sp, "LiveTimeDuration", "LiveTime"), &live)) ||
        (r = duration_of(cx, up_child(sp, "RealTimeDuration", "RealTime"), &real)))
        goto fail;
    if ((r = il_spectrum_set_times_s(s, live, real, err))) {
        il__spec_locate(err, name, il__xml_line_of(sp));
        goto fail;
    }
    xmlNode *start = up_child(sp, "StartDateTime", "StartTime");
    if (start) {
        xmlChar *t = xmlNodeGetContent(start);
        r = il_spectrum_set_start_iso(s, t ? (const char *)t : "", err);
        xmlFree(t);
        if (r) {
            il__spec_locate(err, name, il__xml_line_of(start));
            goto fail;
        }
    }
    /* Energy calibration: by reference (2011), inside the Spectrum (2006), or the file's only
     * EnergyCalibration. */
    xmlChar *ref = xmlGetProp(sp, (const xmlChar *)"energyCalibrationReference");
    xmlNode *coef = NULL;
    double scale = 1;
    if (ref) {
        /* The attribute is an IDREFS list; the first id names the calibration. */
        char *sp2 = strchr((char *)ref, ' ');
        if (sp2)
            *sp2 = '\0';
        xmlNode *ec = find_first(root, "EnergyCalibration", has_id, ref);
        if (!ec) {
            char q[64];
            r = il_error_set_at(err, IL_ERR_PARSE, name, il__xml_line_of(sp), 0,
                                "energyCalibrationReference '%s' names no <EnergyCalibration>",
                                il__spec_quote((const char *)ref, strlen((const char *)ref), q,
                                               sizeof q));
            xmlFree(ref);
            goto fail;
        }
        xmlFree(ref);
        coef = il__xml_child(ec, "CoefficientValues");
    } else {
        for (xmlNode *c = sp->children; c && !coef; c = c->next) {
            if (!il__xml_named(c, "Calibration"))
                continue;
            xmlChar *type = xmlGetProp(c, (const xmlChar *)"Type");
            int energy = !type || !xmlStrcmp(type, (const xmlChar *)"Energy");
            xmlFree(type);
            xmlNode *eq = energy ? il__xml_child(c, "Equation") : NULL;
            if (eq) {
                coef = il__xml_child(eq, "Coefficients");
                xmlChar *u = xmlGetProp(c, (const xmlChar *)"EnergyUnits");
                if (u && !xmlStrcmp(u, (const xmlChar *)"MeV"))
                    scale = 1000;
                xmlFree(u);
            }
        }
        if (!coef) {
            xmlNode *ec = find_first(root, "EnergyCalibration", NULL, NULL);
            coef = ec ? il__xml_child(ec, "CoefficientValues") : NULL;
        }
    }
    if (coef && (r = read_calibration(cx, coef, scale, s)))
        goto fail;
    xmlNode *remark = il__xml_child(sp, "Remark");
    if (!remark)
        remark = il__xml_child(sp->parent, "Remark");
    if (!remark)
        remark = il__xml_child(root, "Remark");
    if (remark) {
        xmlChar *t = xmlNodeGetContent(remark);
        if (t)
            r = il__spec_title_n(s, (const char *)t, strlen((const char *)t), err);
        xmlFree(t);
        if (r)
            goto fail;
    }
    *out = s;
    return IL_OK;
fail:
    il_spectrum_free(s);
    return r;
}

il_status il__spec_read_n42(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err)
{
    if (size > INT_MAX)
        return il_error_set_at(err, IL_ERR_RANGE, name, 0, 0, "XML file too large");
    il__xml_report xe;
    xmlDoc *doc = il__xml_read((const char *)data, size, name, &xe);
    if (xe.no_memory)
        return il_error_set_at(err, IL_ERR_NOMEM, name, 0, 0, "out of memory for the parser");
    il_status r;
    n42_ctx cx = {name, err};
    il_error local;
    if (!err)
        cx.err = &local;
    if (xe.doctype_line) {
        r = il_error_set_at(cx.err, IL_ERR_PARSE, name, xe.doctype_line, 0,
                            "a DOCTYPE is not allowed in an N42 file (refused: its entities "
                            "could expand without bound)");
        xmlFreeDoc(doc);
    } else if (!doc) {
        r = il_error_set_at(cx.err, IL_ERR_PARSE, name, xe.have ? xe.line : 0, 0,
                            "not well-formed XML: %s", xe.have ? xe.msg : "unreadable");
    } else {
        r = read_doc(&cx, doc, out);
        xmlFreeDoc(doc);
    }
    return r;
}

/* ---- writer (N42.42-2011) ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p that is also an XML 1.0 Char, or 0. Strict: no
 * overlong forms, no surrogates, nothing above U+10FFFF, not U+FFFE/U+FFFF. */
static int xml_utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    int len;
    unsigned cp, min;
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0)
        len = 2, cp = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0)
        len = 3, cp = c & 0x0f, min = 0x800;
    else if ((c & 0xf8) == 0xf0)
        len = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0; /* also stops at the terminating NUL */
        cp = cp << 6 | (p[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe ||
        cp == 0xffff)
        return 0;
    return len;
}

/* Text content with &<>" escaped; anything that is not a valid XML character in UTF-8
 * becomes '?', so the file stays well-formed whatever a title picked up from an old Latin-1
 * .Spe. */
static void put_text(FILE *fp, const char *t)
{
    const unsigned char *p = (const unsigned char *)t;
    while (*p) {
        int len = xml_utf8_len(p);
        if (len == 0) {
            fputc('?', fp);
            p++;
            continue;
        }
        if (len > 1) {
            fwrite(p, 1, (size_t)len, fp);
            p += len;
            continue;
        }
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        default: fputc(*p < 0x20 ? ' ' : *p, fp);
        }
        p++;
    }
}

il_status il__spec_write_n42(const il_spectrum *s, FILE *fp, il_error *err)
{
    char b0[400], b1[40], b2[40];
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<RadInstrumentData xmlns=\"http://physics.nist.gov/N42/2011/N42\">\n"
          "  <RadInstrumentDataCreatorName>interlayer</RadInstrumentDataCreatorName>\n"
          "  <RadInstrumentInformation id=\"RadInstrumentInformation-1\">\n"
          "    <RadInstrumentManufacturerName>unknown</RadInstrumentManufacturerName>\n"
          "    <RadInstrumentModelName>unknown</RadInstrumentModelName>\n"
          "    <RadInstrumentClassCode>Other</RadInstrumentClassCode>\n"
          "  </RadInstrumentInformation>\n"
          "  <RadDetectorInformation id=\"RadDetectorInformation-1\">\n"
          "    <RadDetectorCategoryCode>Other</RadDetectorCategoryCode>\n"
          "    <RadDetectorKindCode>Other</RadDetectorKindCode>\n"
          "  </RadDetectorInformation>\n",
          fp);
    if (s->has_cal) {
        il__spec_fmt_double(b0, sizeof b0, s->cal[0]);
        il__spec_fmt_double(b1, sizeof b1, s->cal[1]);
        il__spec_fmt_double(b2, sizeof b2, s->cal[2]);
        fprintf(fp,
                "  <EnergyCalibration id=\"EnergyCalibration-1\">\n"
                "    <CoefficientValues>%s %s %s</CoefficientValues>\n"
                "  </EnergyCalibration>\n",
                b0, b1, b2);
    }
    fputs("  <RadMeasurement id=\"RadMeasurement-1\">\n", fp);
    if (s->title && s->title[0]) {
        fputs("    <Remark>", fp);
        put_text(fp, s->title);
        fputs("</Remark>\n", fp);
    }
    fputs("    <MeasurementClassCode>Foreground</MeasurementClassCode>\n", fp);
    if (s->has_start)
        fprintf(fp, "    <StartDateTime>%s</StartDateTime>\n", s->iso);
    if (!isnan(s->real_s)) {
        il__spec_fmt_fixed(b0, sizeof b0, s->real_s);
        fprintf(fp, "    <RealTimeDuration>PT%sS</RealTimeDuration>\n", b0);
    }
    fprintf(fp, "    <Spectrum id=\"Spectrum-1\" radDetectorInformationReference="
                "\"RadDetectorInformation-1\"%s>\n",
            s->has_cal ? " energyCalibrationReference=\"EnergyCalibration-1\"" : "");
    if (!isnan(s->live_s)) {
        il__spec_fmt_fixed(b0, sizeof b0, s->live_s);
        fprintf(fp, "      <LiveTimeDuration>PT%sS</LiveTimeDuration>\n", b0);
    }
    /* CountedZeroes, as instruments write: NDP spectra are mostly empty below the edges. */
    fputs("      <ChannelData compressionCode=\"CountedZeroes\">", fp);
    int on_line = 0;
    for (size_t i = 0; i < s->n;) {
        if (on_line == 16) {
            fputs("\n        ", fp);
            on_line = 0;
        } else if (i > 0) {
            fputc(' ', fp);
        }
        if (s->counts[i] == 0) {
            size_t j = i;
            while (j < s->n && s->counts[j] == 0)
                j++;
            fprintf(fp, "0 %zu", j - i);
            i = j;
        } else {
            il__spec_fmt_count(b0, sizeof b0, s->counts[i]);
            fputs(b0, fp);
            i++;
        }
        on_line++;
    }
    fputs("</ChannelData>\n"
          "    </Spectrum>\n"
          "  </RadMeasurement>\n"
          "</RadInstrumentData>\n",
          fp);
    (void)err;
    return IL_OK;
}
