/* Which layer is the cathode: the Faraday balance compares the charge passed with the Li that
 * left this layer, so a wrong choice shows up as a wrong ratio, not as an error. */
#include "interlayer/operando.h"

/* Mn, Fe, Co, Ni: the transition metals of the layered, spinel and olivine cathodes. */
static int is_cathode_metal(int Z)
{
    return Z >= 25 && Z <= 28;
}

size_t il_operando_cathode(const il_stack *s)
{
    size_t n = s ? il_stack_count(s) : 0;
    for (size_t l = 0; l < n; l++) {
        const il_layer *L = il_stack_layer(s, l);
        if (!(L->li_atoms_cm3 > 0))
            continue;
        for (size_t k = 0; k < L->formula.n; k++)
            if (is_cathode_metal(L->formula.Z[k]))
                return l;
    }
    /* No Li transition-metal compound: the biggest Li reservoir is the best guess. */
    size_t best_l = 0;
    double best = -1;
    for (size_t l = 0; l < n; l++) {
        const il_layer *L = il_stack_layer(s, l);
        if (!L->is_substrate && L->li_atoms_cm2 > best) {
            best = L->li_atoms_cm2;
            best_l = l;
        }
    }
    return best_l;
}
