/* Hardened libxml2 parsing for the XML readers (see xml_read.h). */
#include "io/xml_read.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

/* Called at "<!DOCTYPE": stop before any entity declaration is read. */
static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext_id,
                       const xmlChar *sys_id)
{
    (void)name, (void)ext_id, (void)sys_id;
    xmlParserCtxt *ctxt = user;
    il__xml_report *r = ctxt->_private;
    r->doctype_line = ctxt->input && ctxt->input->line > 0 ? ctxt->input->line : 1;
    xmlStopParser(ctxt);
}

static void on_xml_error(void *user, xmlErrorPtr e)
{
    /* libxml2 passes ctxt->userData, which must stay the context itself (the SAX2 callbacks
     * use it); our record hangs off ctxt->_private. */
    xmlParserCtxt *ctxt = user;
    il__xml_report *r = ctxt ? ctxt->_private : NULL;
    if (!r || r->have || !e || e->level < XML_ERR_ERROR)
        return;
    r->have = 1;
    r->line = e->line;
    snprintf(r->msg, sizeof r->msg, "%s", e->message ? e->message : "malformed XML");
    size_t k = strlen(r->msg);
    while (k > 0 && isspace((unsigned char)r->msg[k - 1]))
        r->msg[--k] = '\0';
}

/* libxml2 2.9 wants xmlInitParser() once before parsers run in several threads; a once-only
 * initialisation is not the mutable global state the house rules forbid. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

xmlDoc *il__xml_read(const char *text, size_t len, const char *name, il__xml_report *r)
{
    memset(r, 0, sizeof *r);
    pthread_once(&xml_once, xml_init);
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        r->no_memory = 1;
        return NULL;
    }
    /* Structured handler on this context only: nothing global changes, nothing is printed. */
    ctxt->sax->serror = on_xml_error;
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->sax->fatalError = NULL;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->_private = r;
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
               XML_PARSE_BIG_LINES;
    /* the document keeps its own reference to the parser's dictionary: it outlives ctxt */
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, NULL, opts);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

int il__xml_named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlNode *il__xml_child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (il__xml_named(c, name))
            return c;
    return NULL;
}

int il__xml_line_of(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < INT_MAX ? (int)l : 0;
}
