/* Per-slice target isotope densities of the NDP model: a layer's concentration profiles
 * (stack.h) averaged exactly over each slice, so the slice holds the amount the profile puts
 * there (counts = fluence x sigma x integral of N over depth x Omega / 4 pi). A layer without
 * profiles gives every slice its own layer value, copied, so such stacks simulate as before. */
#include <stdlib.h>

#include "interlayer/stack.h"
#include "probes/ndp/ndp_model_priv.h"

il_status ndp_slice_isotopes(il_ndp_model *m, const il_stack *stack, il_error *err)
{
    size_t nr = m->nr;
    m->slice_iso = malloc((m->ns * nr + 1) * sizeof *m->slice_iso);
    if (!m->slice_iso)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t s = 0; s < m->ns; s++) {
        size_t l = m->slice_layer[s];
        const il_layer *L = il_stack_layer(stack, l);
        double *out = m->slice_iso + s * nr;
        if (il_layer_n_profiles(L) == 0) {
            for (size_t r = 0; r < nr; r++)
                out[r] = m->iso_cm3[l * nr + r];
            continue;
        }
        /* formula units per cm3 stay the layer's; the profiled species changes */
        double nfu = L->atoms_cm3 / il_formula_atoms(&L->formula);
        double z0 = m->edge[s] - m->layer_top[l], z1 = m->edge[s + 1] - m->layer_top[l];
        for (size_t r = 0; r < nr; r++)
            out[r] = nfu * il_layer_count_at(L, m->rx[r].target_Z, m->rx[r].target_A, z0, z1);
    }
    return IL_OK;
}
