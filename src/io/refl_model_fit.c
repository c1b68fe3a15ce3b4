/* A reflectivity fit problem from a model description (il_refl_model, read by
 * refl_model_yaml.c / refl_model_inline.c). It lives in io, next to the readers, because the
 * probe takes an already-built model (il_refl_fit_add_dataset / _add_param / _bind) and must
 * not depend on the file format's description type. */
#include <stdlib.h>

#include "core/built.h"
#include "interlayer/refl_model.h"

il_status il_refl_model_make_fit(const il_refl_model *m, const il_refl_dataset *const *data,
                                 size_t n, il_refl_fit **out, il_error *err)
{
    *out = NULL;
    if (n == 0)
        return il_error_set(err, IL_ERR_INVALID, "no data to fit");
    if (m->nsets > 0 && m->nsets != n)
        return il_error_set(err, IL_ERR_INVALID,
                            "the model lists %zu datasets but %zu were given", m->nsets, n);
    il_refl_fit *f;
    il_status st = il_refl_fit_new(&f, err);
    if (st)
        return st;
    int *map = malloc((m->nparams ? m->nparams : 1) * sizeof *map);
    if (!map) {
        il_refl_fit_free(f);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    /* every free parameter, in file order */
    for (size_t i = 0; i < m->nparams && !st; i++) {
        map[i] = -1;
        if (m->params[i].free)
            st = il_refl_fit_add_param(f, m->params[i].name, m->params[i].value, m->params[i].lo,
                                       m->params[i].hi, &map[i], err);
    }
    for (size_t k = 0; k < n && !st; k++) {
        const il_refl_layer_model *layers = m->nsets ? m->sets[k].layers : m->layers;
        size_t nl = m->nsets ? m->sets[k].nlayers : m->nlayers;
        double scale = m->nsets ? m->sets[k].scale : m->scale;
        double bg = m->nsets ? m->sets[k].background : m->background;
        const il_refl_model_binding *b = m->nsets ? m->sets[k].b : m->b;
        size_t nb = m->nsets ? m->sets[k].nb : m->nb;
        il_refl_resolution res = m->res;
        int idx;
        const il_refl_probe *probe = m->nsets ? &m->sets[k].probe : &m->probe;
        st = il_refl_fit_add_dataset(f, data[k], layers, nl, probe, scale, bg, &res, &idx, err);
        for (size_t j = 0; j < nb && !st; j++)
            if (map[b[j].param] >= 0)
                st = il_refl_fit_bind(f, map[b[j].param], idx, b[j].layer, b[j].q, err);
    }
    free(map);
    IL_RETURN_BUILT(st, f, il_refl_fit_free, out);
}
