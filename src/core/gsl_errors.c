/* See gsl_errors.h: why the library silences GSL's abort handler, and only once. */
#include "core/gsl_errors.h"

#include <gsl/gsl_errno.h>
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void turn_off(void) { gsl_set_error_handler_off(); }

void il_gsl_errors_off(void) { pthread_once(&once, turn_off); }
