/* The built-in default cell: the review's thin-film battery Cu/Si/Li3PO4/LiCoO2/Pt/packaging
 * (Chen et al., Adv. Energy Mater. 11 (2021) 2003939, Sec. 4.5.2 and Fig. 28d), listed from the
 * NDP detector side. The review gives the layer sequence but not the thicknesses; the values
 * below are typical of sputtered thin-film batteries and are explained in
 * examples/default-cell.yaml, which holds the same cell. */
#include "core/built.h"
#include "interlayer/stack.h"

il_status il_stack_default_cell(il_stack **out, il_error *err)
{
    static const struct {
        const char *material, *name;
        double nm;
    } layers[] = {
        /* Polyimide packaging, thin enough that 2056 keV alphas from the cathode escape
         * (their range in polyimide is about 8-10 um). */
        {"Kapton", "packaging", 1000},
        {"Pt", "current collector (+)", 50},
        {"LiCoO2", "cathode", 700},
        {"Li3PO4", "electrolyte", 1500},
        {"Si", "anode", 200},
        {"Cu", "current collector (-)", 500},
    };
    if (!out)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_default_cell: NULL argument");
    *out = NULL;
    il_stack *s;
    il_status st = il_stack_new("thin-film battery Cu/Si/Li3PO4/LiCoO2/Pt (default cell)", &s, err);
    if (st)
        return st;
    for (size_t i = 0; i < sizeof layers / sizeof layers[0] && st == IL_OK; i++) {
        il_layer_spec spec = {0};
        spec.material = layers[i].material;
        spec.name = layers[i].name;
        spec.thickness = layers[i].nm;
        spec.kind = IL_THICKNESS_NM;
        st = il_stack_add(s, &spec, NULL, err);
    }
    if (st == IL_OK) {
        il_layer_spec sub = {0};
        sub.material = "Si";
        sub.name = "substrate (Si wafer)";
        sub.substrate = 1;
        st = il_stack_add(s, &sub, NULL, err);
    }
    IL_RETURN_BUILT(st, s, il_stack_free, out);
}
