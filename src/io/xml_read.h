/* Internal to io: the hardened libxml2 reading that the IDF and N42 readers share, and the few
 * node helpers both walk their documents with. */
#ifndef IL_IO_XML_READ_H
#define IL_IO_XML_READ_H
#include <stddef.h>

#include <libxml/tree.h>

/* What a parse met: the first error (libxml2's message, trailing blanks cut) and where a
 * DOCTYPE stopped it. */
typedef struct {
    char msg[300];
    int line, have;
    int doctype_line; /* > 0 when a DOCTYPE was met and parsing stopped there */
    int no_memory;    /* no parser could be made */
} il__xml_report;

/* len bytes of text parsed with no network, no entity substitution, no DTD (parsing stops at a
 * DOCTYPE, where exponential entity expansion hides), and errors caught on this parse only:
 * nothing global changes and nothing is printed. The document (free it with xmlFreeDoc), or
 * NULL with *r saying why; r is zeroed first. len must not exceed INT_MAX. */
xmlDoc *il__xml_read(const char *text, size_t len, const char *name, il__xml_report *r);

/* n is an element called `name`. */
int il__xml_named(const xmlNode *n, const char *name);
/* n's first child element called `name`, or NULL. */
xmlNode *il__xml_child(const xmlNode *n, const char *name);
/* n's line in its file, or 0 when unknown. */
int il__xml_line_of(const xmlNode *n);

#endif
