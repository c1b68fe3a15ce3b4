/* The test and benchmark programs are hosts of the library, and like the interlayer program
 * they turn GSL's abort-on-error handler off before anything runs: the library itself never
 * changes that process-wide setting (docs/architecture.md) and checks every GSL status. */
#include <gsl/gsl_errno.h>

__attribute__((constructor)) static void il_test_gsl_handler_off(void)
{
    gsl_set_error_handler_off();
}
