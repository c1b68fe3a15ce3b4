/* Which technique sees my interface: the capability map of the review's Table 3 and Figure 29
 * (data/advise/techniques.csv), and the advisor that turns it into verdicts for one stack,
 * one interface and one question (advise_run.c). */
#ifndef INTERLAYER_ADVISE_H
#define INTERLAYER_ADVISE_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One technique as the review describes it. Levels: 0 none, 1 low, 2 high. Lengths in nm. */
typedef struct {
    const char *id;     /* "xps", "tof-sims", "ndp", ... */
    const char *name;   /* "Etched-XPS" */
    const char *family; /* sputter, ablation, iba, electron, xray, neutron */
    int li_sensitive, isotope_sensitive, chemical_state, structure;
    int destructive, operando; /* 0/1 */
    double depth_res_min_nm, depth_res_max_nm;
    double lateral_res_min_nm, lateral_res_max_nm;
    double probe_depth_max_nm; /* seen without removing material */
    const char *capability, *sample_requirement, *limitation;
    const char *section; /* the review's section the row comes from */
} il_technique;

/* The table: count, row i (NULL out of range), and a row by id (case-insensitive). An unknown id
 * is IL_ERR_NOT_FOUND with the list of known ids in the message. */
IL_API size_t il_technique_count(void);
IL_API const il_technique *il_technique_get(size_t i);
IL_API il_status il_technique_find(const char *id, const il_technique **out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
