/* The report's figures as SVG element trees ready to be placed in an HTML document. */
#ifndef IL_IO_REPORT_SVG_H
#define IL_IO_REPORT_SVG_H
#include <libxml/tree.h>

#include "interlayer/report.h"

/* The stack to scale (depth down), the interface marked; a node of doc, or NULL with err set. */
xmlNode *il__report_stack_svg(xmlDoc *doc, const il_report *r, const char *id_prefix,
                              il_error *err);
/* Depth resolution against depth (log scale), the interface marked. */
xmlNode *il__report_resolution_svg(xmlDoc *doc, const il_report *r, const char *id_prefix,
                                   il_error *err);

/* Predicted Li sputter profiles against the true Li fraction, the interface marked. */
xmlNode *il__report_signals_svg(xmlDoc *doc, const il_report *r, const char *id_prefix,
                                il_error *err);

#endif
