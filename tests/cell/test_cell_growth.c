/* Interlayer growth (cell.h) against analytic limits of the one growth law, run through the
 * whole model (CVODE) on a Li | Li3PO4 | interlayer | Li cell at rest, where the Li metal
 * anode holds the electrode potential at 0 V so the drive is the reaction free energy:
 *  - parabolic (Wagner): sigma_el, sigma_ion limit, no reaction term:
 *      L^2 = L0^2 + 2 Vm dG sigma_amb t / F, sigma_amb = (1/sigma_ion + 1/sigma_el)^-1;
 *    tolerance 1e-6 relative (CVODE rtol 1e-9 over ~100 steps);
 *  - linear: a reaction resistance r only (conductivities infinite in effect):
 *      L = L0 + Vm dG t / (F r); same tolerance;
 *  - logarithmic, self-limiting (electrons tunnel, sigma_el = 0; ions fast):
 *      L = lambda ln(exp(L0/lambda) + Vm dG g t / (F lambda)); the ionic term L/sigma_ion is
 *      1e-7 of the tunnelling resistance here, so 1e-6 relative;
 *  - Figure 7's type 3 (sigma_el = 0, no tunnelling): the thickness does not change at all,
 *    compared with ==, while the same layer with sigma_el > 0 grows (the test can fail);
 *  - 1 mAh/cm2 of Li metal as a thickness: 3.6 C / F x 6.94 g/mol / 0.534 g/cm3 = 4.849 um
 *    (the figure quoted throughout the Li-metal literature, 4.85 um per mAh/cm2); to 1e-4,
 *    the precision of that hand value; and the same through the model, plating 1 mAh/cm2. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell.h"
#include "interlayer/constants.h"

static const char *STACK = "Li 5um name=cathode | Li3PO4 1um name=electrolyte | "
                           "Li3P 5nm density=1.43 name=interlayer | Li 5um name=anode | Cu";

static il_cell_params symmetric_li(void)
{
    il_cell_params p;
    il_cell_params_default(&p);
    snprintf(p.cathode.layer, sizeof p.cathode.layer, "cathode");
    snprintf(p.cathode.ocv, sizeof p.cathode.ocv, "Li");
    p.cathode.exchange_current_A_cm2 = 1e-3;
    p.anode = p.cathode;
    snprintf(p.anode.layer, sizeof p.anode.layer, "anode");
    snprintf(p.electrolyte.layer, sizeof p.electrolyte.layer, "electrolyte");
    p.electrolyte.conductivity_S_cm = 1e-6;
    p.n_interlayers = 1;
    il_cell_interlayer *in = &p.interlayers[0];
    snprintf(in->layer, sizeof in->layer, "interlayer");
    in->side = IL_CELL_SIDE_ANODE;
    in->reaction_free_energy_eV = 0.7;
    in->molar_volume_cm3_mol = 10.8;
    in->ionic_conductivity_S_cm = 1e-9;
    in->electronic_conductivity_S_cm = 1e-9;
    return p;
}

static il_cell_result *rest(const il_cell_params *p, double hours, double sample_s)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(STACK, NULL, &s, &err))
        fail_msg("%s", err.message);
    il_cell *c = NULL;
    if (il_cell_new(p, s, &c, &err))
        fail_msg("%s", err.message);
    char text[64];
    snprintf(text, sizeof text, "Rest for %g hours", hours);
    il_cell_protocol *pr = NULL;
    if (il_cell_protocol_parse(text, "test", &pr, &err))
        fail_msg("%s", err.message);
    il_cell_options o;
    il_cell_options_default(&o);
    o.rtol = 1e-9;
    o.sample_every_s = sample_s;
    il_cell_result *r = NULL;
    if (il_cell_run(c, pr, &o, &r, &err))
        fail_msg("%s", err.message);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
    return r;
}

static const double L0 = 5.0, DG = 0.7, VM = 10.8;

static void parabolic(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li();
    p.interlayers[0].ionic_conductivity_S_cm = 2e-9;
    p.interlayers[0].electronic_conductivity_S_cm = 1e-8;
    il_cell_result *r = rest(&p, 100, 3600);
    double s_amb = 1 / (1 / 2e-9 + 1 / 1e-8);
    size_t checked = 0;
    for (size_t i = 0; i < il_cell_result_n_samples(r); i++) {
        const il_cell_sample *s = il_cell_result_sample(r, i);
        double L0cm = L0 * 1e-7;
        double Lcm = sqrt(L0cm * L0cm + 2 * VM * DG * s_amb * s->time_s / IL_FARADAY);
        double want = Lcm * 1e7;
        assert_true(fabs(s->thickness_nm[0] - want) <= 1e-6 * want);
        checked++;
    }
    /* the regime is really parabolic: the film grew well past L0 */
    const il_cell_sample *last = il_cell_result_sample(r, il_cell_result_n_samples(r) - 1);
    assert_true(last->thickness_nm[0] > 10 * L0);
    assert_true(checked >= 100);
    il_cell_result_free(r);
}

static void linear(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li();
    p.interlayers[0].ionic_conductivity_S_cm = 1.0; /* transport never limits */
    p.interlayers[0].electronic_conductivity_S_cm = 1.0;
    p.interlayers[0].reaction_resistance_ohm_cm2 = 1e7;
    il_cell_result *r = rest(&p, 10, 600);
    for (size_t i = 0; i < il_cell_result_n_samples(r); i++) {
        const il_cell_sample *s = il_cell_result_sample(r, i);
        double want = L0 + VM * DG / (IL_FARADAY * 1e7) * s->time_s * 1e7;
        assert_true(fabs(s->thickness_nm[0] - want) <= 1e-6 * want);
    }
    il_cell_result_free(r);
}

static void logarithmic(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li();
    il_cell_interlayer *in = &p.interlayers[0];
    in->ionic_conductivity_S_cm = 1.0;
    in->electronic_conductivity_S_cm = 0;
    in->tunneling_conductance_S_cm2 = 1e-2;
    in->tunneling_length_nm = 0.5;
    il_cell_result *r = rest(&p, 1000, 3600);
    double a = VM * DG / IL_FARADAY * 1e7 * in->tunneling_conductance_S_cm2; /* nm/s at L = 0 */
    double lam = in->tunneling_length_nm;
    double L_10h = 0, L_100h = 0, L_1000h = 0;
    for (size_t i = 0; i < il_cell_result_n_samples(r); i++) {
        const il_cell_sample *s = il_cell_result_sample(r, i);
        double want = lam * log(exp(L0 / lam) + a * s->time_s / lam);
        assert_true(fabs(s->thickness_nm[0] - want) <= 1e-6 * want);
        if (fabs(s->time_s - 36000) < 1)
            L_10h = s->thickness_nm[0];
        if (fabs(s->time_s - 360000) < 1)
            L_100h = s->thickness_nm[0];
        if (fabs(s->time_s - 3600000) < 1)
            L_1000h = s->thickness_nm[0];
    }
    /* self-limiting: each decade of time adds the same lambda ln 10 once a >> exp(L/lam) */
    assert_true(L_10h > 0 && L_100h > 0 && L_1000h > 0);
    assert_true(fabs((L_1000h - L_100h) - lam * log(10)) < 0.01 * lam * log(10));
    assert_true(fabs((L_100h - L_10h) - lam * log(10)) < 0.02 * lam * log(10));
    il_cell_result_free(r);
}

static void type3_no_growth(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li();
    p.interlayers[0].ionic_conductivity_S_cm = 1e-12;
    p.interlayers[0].electronic_conductivity_S_cm = 0;
    il_cell_result *r = rest(&p, 100, 3600);
    size_t n = il_cell_result_n_samples(r);
    for (size_t i = 0; i < n; i++)
        assert_true(il_cell_result_sample(r, i)->thickness_nm[0] == L0);
    /* its resistance is what it shows instead: 5 nm / 1e-12 S/cm = 5e5 ohm cm2 */
    assert_true(fabs(il_cell_result_sample(r, 0)->resistance_ohm_cm2[0] - 5e5) < 1e-6 * 5e5);
    il_cell_result_free(r);
    /* the same film with electrons allowed through does grow */
    p.interlayers[0].electronic_conductivity_S_cm = 1e-8;
    r = rest(&p, 100, 3600);
    assert_true(il_cell_result_sample(r, il_cell_result_n_samples(r) - 1)->thickness_nm[0] > L0);
    il_cell_result_free(r);
}

static void li_metal_thickness(void **state)
{
    (void)state;
    double nm = il_cell_li_metal_thickness_nm(1000.0, 0.534);
    assert_true(fabs(nm - 4849.0) < 1e-4 * 4849.0);
    /* through the model: plate 1 mAh/cm2 at 1 mA/cm2 for 1 hour; no interlayer growth */
    il_cell_params p = symmetric_li();
    p.n_interlayers = 0;
    il_stack *s = NULL;
    il_error err;
    assert_int_equal(il_stack_parse("Li 5um name=cathode | Li3PO4 1um name=electrolyte | "
                                    "Li 5um name=anode | Cu", NULL, &s, &err), IL_OK);
    il_cell *c = NULL;
    assert_int_equal(il_cell_new(&p, s, &c, &err), IL_OK);
    il_cell_protocol *pr = NULL;
    assert_int_equal(il_cell_protocol_parse("Charge at 1 mA/cm2 for 1 hour", "t", &pr, &err), IL_OK);
    il_cell_result *r = NULL;
    assert_int_equal(il_cell_run(c, pr, NULL, &r, &err), IL_OK);
    il_stack *end = NULL;
    assert_int_equal(il_cell_result_state_stack(r, il_cell_result_n_states(r) - 1, &end, &err), IL_OK);
    double grown = il_stack_layer(end, 2)->thickness_nm - 5000.0;
    double shrunk = 5000.0 - il_stack_layer(end, 0)->thickness_nm;
    assert_true(fabs(grown - nm) < 1e-6 * nm);
    assert_true(fabs(shrunk - nm) < 1e-6 * nm);
    const il_cell_sample *last = il_cell_result_sample(r, il_cell_result_n_samples(r) - 1);
    assert_true(fabs(last->ledger.plated * IL_FARADAY / 3.6e-3 - 1000.0) < 1e-6 * 1000.0);
    il_stack_free(end);
    il_cell_result_free(r);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parabolic),          cmocka_unit_test(linear),
        cmocka_unit_test(logarithmic),        cmocka_unit_test(type3_no_growth),
        cmocka_unit_test(li_metal_thickness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
