/* Reading stacks from files: YAML stack files and the one-argument form the CLI accepts (a file
 * name or an inline stack). The stack itself and its inline text form are in stack.h; reading
 * files is io's job, so these live here and matter never touches a file. */
#ifndef INTERLAYER_STACK_IO_H
#define INTERLAYER_STACK_IO_H
#include "interlayer/export.h"

#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/material.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a YAML stack file (see the .yaml files in examples/):
 *   name: thin-film battery
 *   materials: [{name: LiSiPO, formula: Li2SiP0.5O4, density: 2.4, source: "my guess"}]
 *   layers:
 *     - {material: Pt, thickness: 50nm}
 *     - {material: LiCoO2, thickness: 1um, enrichment: {Li6: 0.95}}
 *     - {material: Li3PO4, thickness: 1.5um, density: 2.4, roughness: 2nm}
 *   substrate: {material: Si}
 * Layer keys: material, thickness (or areal_density: 300tfu), density, roughness, enrichment,
 * stopping_factor, name, repeat (repeats the layer n times; a layer `period: [..layers..]` with
 * `repeat: n` repeats a group). Errors carry file:line:column. db may be NULL (built-ins);
 * the file's own materials are added to a private copy. */
IL_API il_status il_stack_load_yaml(const char *path, const il_material_db *db, il_stack **out,
                                    il_error *err);
/* Same from YAML text in memory; `label` names it in errors (e.g. "<string>"). */
IL_API il_status il_stack_parse_yaml(const char *text, size_t len, const char *label,
                                     const il_material_db *db, il_stack **out, il_error *err);

/* A YAML file when `arg` names an existing file (or ends in .yaml/.yml), else the inline form
 * of il_stack_parse. */
IL_API il_status il_stack_load(const char *arg, const il_material_db *db, il_stack **out,
                               il_error *err);

#ifdef __cplusplus
}
#endif
#endif
