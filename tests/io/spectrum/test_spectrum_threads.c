/* Readers are reentrant: four threads reading the same files at once (an operando series is
 * read in parallel) get exactly what one thread gets, and errors stay in their own il_error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "interlayer/interlayer.h"

#define DATA IL_SOURCE_DIR "/tests/io/spectrum/data/"

static const char *const files[] = {
    DATA "Mendocino_07-10-13_Acq-10-10-13.n42", DATA "Mendocino_07-10-13_Acq-10-10-13.Spe",
    DATA "Mendocino_07-10-13_Acq-10-10-13.CHN", DATA "Mendocino_07-10-13_Acq-10-10-13.csv",
    DATA "broken/n42_bad_counts.n42",
};

typedef struct {
    int ok;        /* files read */
    int bad_right; /* the broken file failed with its own message */
    double total;
} job;

static void *work(void *arg)
{
    job *j = arg;
    for (int rep = 0; rep < 5; rep++)
        for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
            il_spectrum *s;
            il_error err;
            if (il_spectrum_load(files[k], IL_SPECTRUM_AUTO, &s, &err) == IL_OK) {
                j->ok++;
                j->total += il_spectrum_total(s);
                il_spectrum_free(s);
            } else if (strstr(err.message, "value 3 'x' is not a number") && err.line == 12) {
                j->bad_right++;
            }
        }
    return NULL;
}

static void parallel_reads(void **state)
{
    (void)state;
    pthread_t t[4];
    job j[4];
    memset(j, 0, sizeof j);
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, work, &j[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(j[i].ok, 20);
        assert_int_equal(j[i].bad_right, 5);
        /* 4 files x 5 repetitions x 2279915 counts (README facts) */
        assert_true(j[i].total == 20.0 * 2279915);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(parallel_reads)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
