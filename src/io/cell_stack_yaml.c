/* A stack as a YAML stack file (cell_io.h), so that a saved cell state is an ordinary input of
 * every command that takes a stack: the layers with their material text, thickness, density
 * (as given, so a reload is exact), roughness, enrichments and LINEAR profiles. Other profile
 * kinds are written as 128 points through them. */
#include <math.h>
#include <stdio.h>

#include "interlayer/cell_io.h"
#include "interlayer/elements.h"
#include "interlayer/outfile.h"

static void quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void layer(FILE *f, const il_layer *l)
{
    fputs("{material: ", f);
    quoted(f, l->material);
    if (!l->is_substrate)
        fprintf(f, ", thickness: %.10gnm", l->thickness_nm);
    fprintf(f, ", density: %.10g", l->density_g_cm3);
    if (l->roughness_nm > 0)
        fprintf(f, ", roughness: %.10gnm", l->roughness_nm);
    if (l->n_enrich) {
        fputs(", enrichment: {", f);
        for (size_t k = 0; k < l->n_enrich; k++) {
            const il_element *e = il_element_by_z(l->enrich[k].Z);
            fprintf(f, "%s%s%d: %.10g", k ? ", " : "", e ? e->symbol : "X", l->enrich[k].A,
                    l->enrich[k].fraction);
        }
        fputs("}", f);
    }
    fputs(", name: ", f);
    quoted(f, l->name);
    if (l->n_profiles) {
        fputs(",\n     profile: [", f);
        for (size_t k = 0; k < l->n_profiles; k++) {
            const il_layer_profile *p = il_layer_profile_get(l, k);
            const il_element *e = il_element_by_z(p->Z);
            fprintf(f, "%s{element: ", k ? ",\n       " : "");
            if (p->A)
                fprintf(f, "%s%d", e ? e->symbol : "X", p->A);
            else
                fputs(e ? e->symbol : "X", f);
            fputs(", kind: linear, points: [", f);
            size_t n = p->kind == IL_PROFILE_LINEAR ? p->n : IL_PROFILE_POINTS_MAX;
            for (size_t j = 0; j < n; j++) {
                double z = p->kind == IL_PROFILE_LINEAR
                               ? p->depth_nm[j]
                               : l->thickness_nm * (double)j / (double)(n - 1);
                double v = p->kind == IL_PROFILE_LINEAR ? p->value[j]
                                                        : il_layer_profile_value(l, k, z);
                fprintf(f, "%s[%.10gnm, %.10g]", j ? ", " : "", z, v);
            }
            fputs("]}", f);
        }
        fputs("]", f);
    }
    fputs("}\n", f);
}

il_status il_cell_write_stack_yaml(const char *path, const il_stack *s, il_error *err)
{
    il_outfile *of;
    il_status st = il_outfile_open(path, &of, err);
    if (st)
        return st;
    FILE *f = il_outfile_stream(of);
    fputs("# a cell state written by interlayer (cell_io.h): a stack file\nname: ", f);
    quoted(f, il_stack_name(s));
    fputs("\nlayers:\n", f);
    const il_layer *sub = NULL;
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        if (l->is_substrate) {
            sub = l;
            continue;
        }
        fputs("  - ", f);
        layer(f, l);
    }
    if (sub) {
        fputs("substrate: ", f);
        layer(f, sub);
    }
    return il_outfile_commit(of, err);
}
