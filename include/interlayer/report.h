/* One self-contained HTML page for a stack and an interface: the stack drawn to scale, the
 * depth resolution of the techniques against depth, the advisor's ranked table, and where every
 * number comes from. Plots are inline SVG (PLplot), the page has no scripts and nothing it loads
 * from elsewhere, and prints on A4 (print stylesheet). Written whole or not at all. */
#ifndef INTERLAYER_REPORT_H
#define INTERLAYER_REPORT_H
#include "interlayer/export.h"

#include "interlayer/advise.h"
#include "interlayer/error.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const il_stack *stack;
    const char *interface;            /* "Si/Li3PO4" */
    const il_advise_options *options;
    const il_advice_list *advice;     /* il_advise_run */
    const il_advise_curves *curves;   /* il_advise_resolution_curves (may be NULL) */
    const il_advise_curves *signals;  /* il_advise_li_signals (may be NULL) */
    const char *command;              /* how it was made, shown under provenance (may be NULL) */
} il_report;

/* Writes the page to path (.html). PLplot keeps global state: one report at a time. */
IL_API il_status il_report_write_html(const char *path, const il_report *r, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
