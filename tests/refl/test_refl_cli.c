/* The refl verbs of the command-line program, run as a user would (exit codes, output). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

/* Runs a command line, captures stdout into buf; returns the exit status. */
static int run(const char *args, char *buf, size_t size)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", IL_CLI_PATH, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t n = fread(buf, 1, size - 1, p);
    buf[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void validate(void **state)
{
    (void)state;
    static char out[1 << 16];
    assert_int_equal(run("refl validate", out, sizeof out), 0);
    assert_non_null(strstr(out, "pass"));
    assert_null(strstr(out, "FAIL"));
    assert_int_equal(run("refl validate --json", out, sizeof out), 0);
    assert_non_null(strstr(out, "\"worst_relative_error\""));
}

static void usage_errors(void **state)
{
    (void)state;
    static char out[4096];
    assert_int_equal(run("refl", out, sizeof out), 2);
    assert_int_equal(run("refl frobnicate", out, sizeof out), 2);
    assert_int_equal(run("refl validate --bogus", out, sizeof out), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(validate),
        cmocka_unit_test(usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
