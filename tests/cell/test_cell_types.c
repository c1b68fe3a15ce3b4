/* Figure 7 of the review (interlayer types 1-4) from the one growth law, changing only the
 * interlayer's ionic and electronic conductivities (docs/cell.md has the table this prints).
 * "High" is 1e-10 S/cm and "low" 1e-12 S/cm or nothing: what matters is the ratio, and a
 * faster type 1 would eat the 5 um Li anode within the 1000 h. A Li | Li3PO4 | interlayer | Li
 * cell rests 1000 h (the Li metal anode holds the drive at the
 * reaction free energy, 0.7 eV); thickness at 10, 100 and 1000 h. Expected from the law's limits:
 *   type 1 (high/high), type 2 (low ion/high el): continuous parabolic growth, so the thickness
 *     gained from 100 to 1000 h over that from 10 to 100 h is sqrt(10) = 3.16 once L >> L0
 *     (checked to 5 %, L0 = 5 nm being small but not nothing) and type 2 grows slower;
 *   type 3 (low/low, sigma_el = 0): no change at all (==);
 *   type 4 (high ion/low el, electrons only tunnel): stops: it gains lambda ln 10 per decade
 *     (1.15 nm for lambda = 0.5 nm; 5 %), and less than 1 % of type 1's thickness. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell.h"

typedef struct {
    const char *name;
    double s_ion, s_el, g_tun;
} corner;

static const corner corners[4] = {
    {"type 1: high ionic, high electronic", 1e-10, 1e-10, 0},
    {"type 2: low ionic, high electronic", 1e-12, 1e-10, 0},
    {"type 3: low ionic, low electronic", 1e-12, 0, 0},
    {"type 4: high ionic, low electronic", 1e-10, 0, 1e-2},
};

static void thickness(const corner *k, double out[3])
{
    il_stack *s = NULL;
    il_error err;
    assert_int_equal(il_stack_parse("Li 5um name=cathode | Li3PO4 1um name=electrolyte | Li3P 5nm "
                                    "density=1.43 name=interlayer | Li 5um name=anode | Cu",
                                    NULL, &s, &err), IL_OK);
    il_cell_params p;
    il_cell_params_default(&p);
    snprintf(p.cathode.layer, sizeof p.cathode.layer, "cathode");
    snprintf(p.cathode.ocv, sizeof p.cathode.ocv, "Li");
    p.anode = p.cathode;
    snprintf(p.anode.layer, sizeof p.anode.layer, "anode");
    snprintf(p.electrolyte.layer, sizeof p.electrolyte.layer, "electrolyte");
    p.electrolyte.conductivity_S_cm = 1e-6;
    p.n_interlayers = 1;
    il_cell_interlayer *in = &p.interlayers[0];
    snprintf(in->layer, sizeof in->layer, "interlayer");
    in->reaction_free_energy_eV = 0.7;
    in->molar_volume_cm3_mol = 10.8;
    in->ionic_conductivity_S_cm = k->s_ion;
    in->electronic_conductivity_S_cm = k->s_el;
    in->tunneling_conductance_S_cm2 = k->g_tun;
    in->tunneling_length_nm = 0.5;
    il_cell *c = NULL;
    assert_int_equal(il_cell_new(&p, s, &c, &err), IL_OK);
    il_cell_protocol *pr = NULL;
    assert_int_equal(il_cell_protocol_parse("Rest for 10 h; Rest for 90 h; Rest for 900 h", "t",
                                            &pr, &err), IL_OK);
    il_cell_options o;
    il_cell_options_default(&o);
    o.rtol = 1e-9;
    o.sample_every_s = 36000;
    il_cell_result *r = NULL;
    assert_int_equal(il_cell_run(c, pr, &o, &r, &err), IL_OK);
    size_t got = 0;
    for (size_t i = 0; i < il_cell_result_n_samples(r) && got < 3; i++) {
        const il_cell_sample *x = il_cell_result_sample(r, i);
        if (fabs(x->time_s - 36000) < 1e-6 && got == 0)
            out[got++] = x->thickness_nm[0];
        else if (fabs(x->time_s - 360000) < 1e-6 && got == 1)
            out[got++] = x->thickness_nm[0];
        else if (fabs(x->time_s - 3600000) < 1e-6 && got == 2)
            out[got++] = x->thickness_nm[0];
    }
    assert_int_equal(got, 3);
    il_cell_result_free(r);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
}

static void four_types(void **state)
{
    (void)state;
    double L[4][3];
    print_message("%-40s %10s %10s %10s\n", "interlayer", "10 h (nm)", "100 h", "1000 h");
    for (int k = 0; k < 4; k++) {
        thickness(&corners[k], L[k]);
        print_message("%-40s %10.4g %10.4g %10.4g\n", corners[k].name, L[k][0], L[k][1], L[k][2]);
    }
    for (int k = 0; k < 2; k++) { /* parabolic, continuous */
        double ratio = (L[k][2] - L[k][1]) / (L[k][1] - L[k][0]);
        assert_true(fabs(ratio - sqrt(10)) < 0.05 * sqrt(10));
    }
    assert_true(L[1][2] < L[0][2]);
    for (int j = 0; j < 3; j++)
        assert_true(L[2][j] == 5.0);
    double dec = 0.5 * log(10);
    assert_true(fabs((L[3][2] - L[3][1]) - dec) < 0.05 * dec);
    assert_true(L[3][2] < 0.01 * L[0][2]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(four_types)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
