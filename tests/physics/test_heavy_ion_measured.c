/* Heavy-ion (Z1 >= 3) electronic stopping against MEASURED values: 142 points of C, O, Al, S,
 * Ti, Cu, Ag and Au ions in C, Al, Ti, Fe, Cu, Ag, Ta and Au (data/stopping/heavy_ion_measured.csv,
 * transcribed from the IAEA "Electronic Stopping Power of Matter for Ions" compilation of
 * H. Paul; each row names its paper, listed in data/stopping/README.md). None of these numbers
 * went into the model (ZBL's proton stopping and effective-charge fit), so this is an
 * independent check, not a regression against earlier output.
 *
 * Tolerances, fixed before looking at the deviations and justified by the two error sources:
 *  - above 0.3 MeV/u (v > 3.5 v0, the beams and most recoils of heavy-ion ERDA): ZBL state 5 %
 *    typical / 10 % worst for their heavy-ion scaling; the measurements quote 4-5 % (1 sigma).
 *    Every point: sqrt(10^2 + (2 x 5)^2) = 14.1 %, rounded to 15 %; the RMS over all points:
 *    sqrt(5^2 + 5^2) = 7.1 %; the mean (a systematic bias of the model) within 3 %.
 *  - below 0.3 MeV/u the effective-charge picture is known to be rough (ZBL ch. 3: ~20 % at
 *    low velocity): RMS 20 %, every point 40 % -- this documents the known weakness (docs/iba.md
 *    table) and catches a regression that would make it worse, it does not claim accuracy.
 * Measured here (docs/iba.md): above 0.3 MeV/u mean -1.1 %, RMS 4.9 %, worst 14.4 % (Ti in Al
 * at 0.45 MeV/u; Au in C -11..-14 %); below, mean +10.5 %, RMS 16.7 %, worst +37 % (S in Au
 * at 17 keV/u). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interlayer/interlayer.h"

/* MeV cm^2/mg -> eV/(1e15 atoms/cm^2): x 1e9 eV cm^2/g x M/N_A x 1e15 = x M x 1e24/N_A */
#define MASS_TO_TFU (1e24 / 6.02214076e23)

typedef struct {
    int n;
    double sum, sum2, worst;
    char worst_row[256];
} band;

static void add(band *b, double dev, const char *row)
{
    b->n++;
    b->sum += dev;
    b->sum2 += dev * dev;
    if (fabs(dev) > fabs(b->worst)) {
        b->worst = dev;
        snprintf(b->worst_row, sizeof b->worst_row, "%s", row);
    }
}

static void measured_heavy_ions(void **state)
{
    (void)state;
    FILE *f = fopen(IL_SOURCE_DIR "/data/stopping/heavy_ion_measured.csv", "r");
    assert_non_null(f);
    char line[256];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    band hi = {0}, lo = {0};
    while (fgets(line, sizeof line, f)) {
        int z1, z2;
        double A, e_u, s_mass, unc;
        char ref[32];
        assert_int_equal(sscanf(line, "%d,%lf,%d,%lf,%lf,%lf,%31s", &z1, &A, &z2, &e_u, &s_mass,
                                &unc, ref),
                         7);
        assert_true(z1 >= 3);
        const il_element *el = il_element_by_z(z2);
        assert_non_null(el);
        double s_meas = s_mass * el->atomic_weight_u * MASS_TO_TFU;
        double s_il = 0.0;
        il_error err = {0};
        assert_int_equal(il_ion_stopping_electronic(z1, A, z2, e_u * A * 1000.0, &s_il, &err),
                         IL_OK);
        double dev = s_il / s_meas - 1.0;
        line[strcspn(line, "\n")] = '\0';
        add(e_u >= 0.3 ? &hi : &lo, dev, line);
        if (e_u >= 0.3 && fabs(dev) > 0.15)
            fail_msg("%s: il %.1f vs measured %.1f eV/tfu (%+.1f %%, limit 15 %%)", line, s_il,
                     s_meas, 100.0 * dev);
        if (e_u < 0.3 && fabs(dev) > 0.40)
            fail_msg("%s: il %.1f vs measured %.1f eV/tfu (%+.1f %%, low-velocity limit 40 %%)",
                     line, s_il, s_meas, 100.0 * dev);
    }
    fclose(f);
    assert_true(hi.n >= 100 && lo.n >= 10);
    double hi_mean = hi.sum / hi.n, hi_rms = sqrt(hi.sum2 / hi.n);
    double lo_rms = sqrt(lo.sum2 / lo.n);
    print_message("above 0.3 MeV/u: %d points, mean %+.2f %%, RMS %.2f %%, worst %+.1f %% (%s)\n",
                  hi.n, 100.0 * hi_mean, 100.0 * hi_rms, 100.0 * hi.worst, hi.worst_row);
    print_message("below 0.3 MeV/u: %d points, mean %+.2f %%, RMS %.2f %%, worst %+.1f %% (%s)\n",
                  lo.n, 100.0 * lo.sum / lo.n, 100.0 * lo_rms, 100.0 * lo.worst, lo.worst_row);
    assert_true(fabs(hi_mean) <= 0.03);
    assert_true(hi_rms <= 0.071);
    assert_true(lo_rms <= 0.20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(measured_heavy_ions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
