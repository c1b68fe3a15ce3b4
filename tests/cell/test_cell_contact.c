/* Contact and stripping CCD diagnostic (cell.h, il_cell_contact) against analytic limits, the
 * time evolution run through the whole model on a symmetric Li | Li3PO4 | Li cell:
 *  - zero stack pressure: no creep, so the void grows exactly at the stripping rate i V_m / F;
 *    0.1 mA/cm2 for 1 h strips 0.1 mAh/cm2 = 0.4849 um (the hand value 4.849 um per mAh/cm2,
 *    3.6 C / F x 6.94 g/mol / 0.534 g/cm3), to 1e-4 (that hand value's precision); and the
 *    contact fraction is 1 - void / void_height to 1e-12;
 *  - the CCD scales as p^n: CCD(2p) / CCD(p) = 2^n, to 1e-12 (rounding only);
 *  - temperature: CCD(T2) / CCD(T1) = exp(-Q/R (1/T2 - 1/T1)), to 1e-12;
 *  - below the CCD (0.9 CCD) the contact fraction stays exactly 1 (compared with ==); above it
 *    (1.5 CCD) the void grows at (i - CCD) V_m / F, to 1e-6 (the sample-to-sample mean current
 *    is exact for a constant current; 1e-6 leaves room for CVODE's sample times);
 *  - no creep data: the diagnostic is off and the samples say NaN. */
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

static const char *STACK = "Li 20um name=cathode | Li3PO4 1um name=electrolyte | Li 20um name=anode | Cu";

static il_cell_params symmetric_li(double pressure_MPa)
{
    il_cell_params p;
    il_cell_params_default(&p);
    snprintf(p.cathode.layer, sizeof p.cathode.layer, "cathode");
    snprintf(p.cathode.ocv, sizeof p.cathode.ocv, "Li");
    p.cathode.exchange_current_A_cm2 = 1e-3;
    p.anode = p.cathode;
    snprintf(p.anode.layer, sizeof p.anode.layer, "anode");
    snprintf(p.electrolyte.layer, sizeof p.electrolyte.layer, "electrolyte");
    p.electrolyte.conductivity_S_cm = 1e-3;
    p.nominal_capacity_uAh_cm2 = 1000;
    p.contact.stack_pressure_MPa = pressure_MPa;
    p.contact.creep_prefactor_MPa_n_s = 4.25e4;
    p.contact.creep_exponent = 6.56;
    p.contact.creep_activation_kJ_mol = 37;
    p.contact.creep_length_um = 1;
    p.contact.void_height_um = 2;
    return p;
}

/* Charges (strips the cathode) at i for `hours`; returns the last sample's cathode void and
 * contact fraction. */
static void strip(const il_cell_params *p, double i_A_cm2, double hours, double *void_nm,
                  double *fraction, double *fraction_min)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(STACK, NULL, &s, &err))
        fail_msg("%s", err.message);
    il_cell *c = NULL;
    if (il_cell_new(p, s, &c, &err))
        fail_msg("%s", err.message);
    char text[96];
    snprintf(text, sizeof text, "Charge at %.17g mA/cm2 for %g hours", i_A_cm2 * 1e3, hours);
    il_cell_protocol *pr = NULL;
    if (il_cell_protocol_parse(text, "test", &pr, &err))
        fail_msg("%s", err.message);
    il_cell_options o;
    il_cell_options_default(&o);
    o.sample_every_s = 300;
    il_cell_result *r = NULL;
    if (il_cell_run(c, pr, &o, &r, &err))
        fail_msg("%s", err.message);
    size_t n = il_cell_result_n_samples(r);
    assert_true(n > 2);
    const il_cell_sample *last = il_cell_result_sample(r, n - 1);
    *void_nm = last->void_nm[IL_CELL_SIDE_CATHODE];
    *fraction = last->contact_fraction[IL_CELL_SIDE_CATHODE];
    *fraction_min = 1;
    for (size_t i = 0; i < n; i++) {
        const il_cell_sample *si = il_cell_result_sample(r, i);
        *fraction_min = fmin(*fraction_min, si->contact_fraction[IL_CELL_SIDE_CATHODE]);
        /* the plated side never loses contact */
        assert_true(si->contact_fraction[IL_CELL_SIDE_ANODE] == 1.0);
    }
    assert_true(fabs(last->time_s - hours * 3600) < 1e-6);
    /* the extremes over the run: the cathode's smallest contact equals the loop's above, its
     * worst void is at least the final one; the plated anode keeps full contact, no void */
    double fx, vx;
    il_cell_result_contact_extremes(r, IL_CELL_SIDE_CATHODE, &fx, &vx);
    assert_true(fx == *fraction_min);
    assert_true(vx >= *void_nm);
    il_cell_result_contact_extremes(r, IL_CELL_SIDE_ANODE, &fx, &vx);
    assert_true(fx == 1.0 && vx == 0.0);
    il_cell_result_free(r);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
}

static void zero_pressure_void_grows_at_stripping_rate(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li(0);
    assert_true(il_cell_contact_enabled(&p.contact));
    assert_true(il_cell_stripping_ccd_A_cm2(&p.contact, 298.15, 0) == 0.0);
    double v, f, fmin;
    strip(&p, 1e-4, 1.0, &v, &f, &fmin);
    double hand_nm = 0.1 * 4849.0; /* 0.1 mAh/cm2 */
    assert_true(fabs(v / hand_nm - 1) < 1e-4);
    double exact = il_cell_stripping_velocity_nm_s(1e-4, 0) * 3600;
    assert_true(fabs(v / exact - 1) < 1e-9);
    assert_true(fabs(f - (1 - v / 2000.0)) < 1e-12);
}

static void ccd_scales_as_p_to_the_n(void **state)
{
    (void)state;
    il_cell_params a = symmetric_li(1.5), b = symmetric_li(3.0);
    double r = il_cell_stripping_ccd_A_cm2(&b.contact, 298.15, 0) /
               il_cell_stripping_ccd_A_cm2(&a.contact, 298.15, 0);
    assert_true(fabs(r / pow(2.0, 6.56) - 1) < 1e-12);
    /* and through the resupply velocity: CCD x V_m / F is the creep velocity */
    double ccd = il_cell_stripping_ccd_A_cm2(&b.contact, 298.15, 0);
    assert_true(fabs(il_cell_stripping_velocity_nm_s(ccd, 0) /
                     il_cell_creep_resupply_nm_s(&b.contact, 298.15) - 1) < 1e-12);
}

static void ccd_follows_arrhenius(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li(3.0);
    double T1 = 298.15, T2 = 333.15;
    double r = il_cell_stripping_ccd_A_cm2(&p.contact, T2, 0) /
               il_cell_stripping_ccd_A_cm2(&p.contact, T1, 0);
    double expect = exp(-37e3 / IL_GAS_CONSTANT_J_MOL_K * (1 / T2 - 1 / T1));
    assert_true(expect > 4); /* 37 kJ/mol over 35 K: a factor ~ 4.8 (the test can fail) */
    assert_true(fabs(r / expect - 1) < 1e-12);
}

static void contact_kept_below_ccd_lost_above(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li(0.5);
    /* a prefactor that puts the CCD near 0.2 mA/cm2, so the cell's currents stay small */
    p.contact.creep_prefactor_MPa_n_s = 1e5;
    double ccd = il_cell_stripping_ccd_A_cm2(&p.contact, 298.15, 0);
    assert_true(ccd > 1e-5 && ccd < 1e-2);
    double v, f, fmin;
    strip(&p, 0.9 * ccd, 1.0, &v, &f, &fmin);
    assert_true(v == 0.0 && f == 1.0 && fmin == 1.0);
    strip(&p, 1.5 * ccd, 0.5, &v, &f, &fmin);
    double expect = il_cell_stripping_velocity_nm_s(0.5 * ccd, 0) * 1800;
    assert_true(expect > 1 && expect < 2000); /* below the void height: not capped */
    assert_true(fabs(v / expect - 1) < 1e-6);
    assert_true(f < 1);
}

static void off_without_creep_data(void **state)
{
    (void)state;
    il_cell_params p = symmetric_li(3.0);
    memset(&p.contact, 0, sizeof p.contact);
    p.contact.stack_pressure_MPa = 3;
    assert_false(il_cell_contact_enabled(&p.contact));
    double v, f, fmin;
    il_stack *s = NULL;
    il_error err;
    assert_int_equal(il_stack_parse(STACK, NULL, &s, &err), IL_OK);
    il_cell *c = NULL;
    assert_int_equal(il_cell_new(&p, s, &c, &err), IL_OK);
    il_cell_protocol *pr = NULL;
    assert_int_equal(il_cell_protocol_parse("Charge at 0.1 mA/cm2 for 10 min", "t", &pr, &err), IL_OK);
    il_cell_result *r = NULL;
    assert_int_equal(il_cell_run(c, pr, NULL, &r, &err), IL_OK);
    const il_cell_sample *last = il_cell_result_sample(r, il_cell_result_n_samples(r) - 1);
    v = last->void_nm[1], f = last->contact_fraction[1], fmin = last->interface_resistance_ohm_cm2[1];
    assert_true(isnan(v) && isnan(f) && isnan(fmin));
    il_cell_result_free(r);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zero_pressure_void_grows_at_stripping_rate),
        cmocka_unit_test(ccd_scales_as_p_to_the_n),
        cmocka_unit_test(ccd_follows_arrhenius),
        cmocka_unit_test(contact_kept_below_ccd_lost_above),
        cmocka_unit_test(off_without_creep_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
