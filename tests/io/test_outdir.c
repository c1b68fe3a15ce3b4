/* Whole-or-nothing output folders (io/outdir_priv.h): a folder written aside and abandoned part
 * way leaves the earlier one exactly as it was and nothing beside it; a committed one replaces
 * it whole (no file of the earlier run survives); a folder holding other files is refused. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "io/outdir_priv.h"

static const char *const names[] = {"a.csv", "b.csv"};

static void put(const char *dir, const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The file's first line, "" when missing. */
static const char *get(const char *dir, const char *name)
{
    static char buf[64];
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "r");
    buf[0] = '\0';
    if (f) {
        if (!fgets(buf, sizeof buf, f))
            buf[0] = '\0';
        fclose(f);
    }
    return buf;
}

/* Entries of `parent` (besides . and ..). */
static int count_entries(const char *parent)
{
    DIR *d = opendir(parent);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    return n;
}

static void test_abort_keeps_the_earlier_folder(void **state)
{
    (void)state;
    char base[] = "/tmp/il_outdir_XXXXXX";
    assert_non_null(mkdtemp(base));
    char res[600];
    snprintf(res, sizeof res, "%s/res", base);
    assert_int_equal(mkdir(res, 0777), 0);
    put(res, "a.csv", "old\n");
    il_outdir d;
    il_error err;
    assert_int_equal(il__outdir_open(res, names, 2, &d, &err), IL_OK);
    put(d.tmp, "a.csv", "new\n"); /* the first file written, then a failure */
    il__outdir_abort(&d);
    assert_string_equal(get(res, "a.csv"), "old\n");
    assert_int_equal(count_entries(res), 1);
    assert_int_equal(count_entries(base), 1); /* nothing left beside it */

    /* committed: the new folder whole, a.csv of the earlier run gone */
    assert_int_equal(il__outdir_open(res, names, 2, &d, &err), IL_OK);
    put(d.tmp, "b.csv", "new\n");
    assert_int_equal(il__outdir_commit(&d, &err), IL_OK);
    assert_string_equal(get(res, "b.csv"), "new\n");
    assert_string_equal(get(res, "a.csv"), "");
    assert_int_equal(count_entries(res), 1);
    assert_int_equal(count_entries(base), 1);

    /* a new folder */
    char fresh[600];
    snprintf(fresh, sizeof fresh, "%s/fresh/", base);
    assert_int_equal(il__outdir_open(fresh, names, 2, &d, &err), IL_OK);
    put(d.tmp, "a.csv", "x\n");
    assert_int_equal(il__outdir_commit(&d, &err), IL_OK);
    assert_string_equal(get(fresh, "a.csv"), "x\n");
    assert_int_equal(count_entries(base), 2);

    /* the user's file in it: refused, nothing made */
    put(res, "notes.txt", "mine\n");
    assert_int_equal(il__outdir_open(res, names, 2, &d, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "'notes.txt'"));
    assert_int_equal(count_entries(base), 2);
    assert_string_equal(get(res, "notes.txt"), "mine\n");

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abort_keeps_the_earlier_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
