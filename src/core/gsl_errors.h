/* GSL's default error handler aborts the process on a singular matrix or a failed
 * integration; a library must report through il_status instead (internal). */
#ifndef IL_CORE_GSL_ERRORS_H
#define IL_CORE_GSL_ERRORS_H

/* Turns GSL's abort-on-error handler off, once per process (thread-safe). This is the one
 * process-wide setting libinterlayer makes: every entry point that calls GSL routines which
 * can fail (linear algebra, fitting, integration) calls it first and checks return codes. */
void il_gsl_errors_off(void);

#endif
