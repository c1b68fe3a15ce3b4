/* The NDP text readers (instrument YAML, cycler CSV, profile points) on hostile input: 3000
 * seeded mutations (byte flips, truncations, insertions of odd bytes) of valid files each. The
 * only requirement is that every call returns (IL_OK or an error with a message) without a crash
 * or a sanitizer report; run under ASan+UBSan by `make asan`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interlayer/ndp.h"
#include "interlayer/ndp_io.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_series.h"

static const char *yaml = "beam:\n  fluence_rate_n_cm2_s: 2.5e9\n  live_time_s: 600\n"
                          "geometry: {distance: 45 mm, area_mm2: 100, angle_deg: 10}\n"
                          "detector:\n  channels: 2048\n  fwhm: 18keV\n  dead_layer: 50 nm\n"
                          "gas: {material: He, pressure_mbar: 5}\n";
static const char *csv = "Test Time / s,Voltage / V,Current / A\n0,3.9,0.001\n60,3.95,0.001\n"
                         "120,4.0,-0.0005\n";
static const char *pts = "depth_nm,li\n# c\n0 1e22\n100, 2e22\n200;3e22\n";

static unsigned long long rng_state = 88172645463325252ull;
static unsigned long long rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static size_t mutate(const char *src, char *dst, size_t cap)
{
    size_t n = strlen(src);
    memcpy(dst, src, n);
    int k = 1 + (int)(rnd() % 6);
    static const char odd[] = {'\0', '"', '\'', ':', '{', '[', '\n', ',', '-', 'e', '9', '\xff',
                               '#', '&', '*', '!', '|', '>', '%', '\t'};
    for (int i = 0; i < k; i++) {
        unsigned op = (unsigned)(rnd() % 3);
        size_t at = n ? (size_t)(rnd() % n) : 0;
        if (op == 0 && n)
            dst[at] = odd[rnd() % sizeof odd];
        else if (op == 1)
            n = at;
        else if (n + 1 < cap) {
            memmove(dst + at + 1, dst + at, n - at);
            dst[at] = odd[rnd() % sizeof odd];
            n++;
        }
    }
    return n;
}

static void hostile(void **state)
{
    (void)state;
    char buf[1024], path[] = "/tmp/il_ndp_robust_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (int i = 0; i < 3000; i++) {
        il_error err;
        size_t n = mutate(yaml, buf, sizeof buf);
        il_ndp_instrument ins;
        il_ndp_instrument_default(&ins);
        if (il_ndp_instrument_parse(buf, n, "m.yaml", &ins, &err) != IL_OK)
            assert_true(err.message[0] != '\0');
        n = mutate(csv, buf, sizeof buf);
        il_ndp_cycler *c = NULL;
        if (il_ndp_cycler_parse(buf, n, "m.csv", &c, &err) == IL_OK) {
            assert_non_null(c);
            (void)il_ndp_cycler_charge_C(c, 0, 100);
            il_ndp_cycler_free(c);
        } else {
            assert_null(c);
            assert_true(err.message[0] != '\0');
        }
        n = mutate(pts, buf, sizeof buf);
        FILE *f = fopen(path, "wb");
        fwrite(buf, 1, n, f);
        fclose(f);
        double *z = NULL, *v = NULL;
        size_t np = 0;
        if (il_ndp_points_load(path, &z, &v, &np, &err) == IL_OK) {
            assert_true(np > 0);
            free(z), free(v);
        } else {
            assert_null(z);
            assert_true(err.message[0] != '\0');
        }
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(hostile)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
