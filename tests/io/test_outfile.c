/* Output files (-o, --plot, every result writer): what is at the path decides how it is
 * written. A regular file is replaced whole with its mode and owner kept; a symbolic link is
 * followed (its target gets the result, the link stays a link); a FIFO or device is written in
 * place, never renamed over (as root, -o /dev/null once replaced the null device with a regular
 * file; the device test here uses a FIFO, which takes the same path, so a failure cannot harm
 * the machine); a directory is refused. All of it in a scratch directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interlayer/interlayer.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "outfile_test_%ld", (long)getpid());
    return mkdir(dir, 0755);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static const char *in_dir(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_text(const char *path, const char *text)
{
    il_outfile *f;
    il_error err;
    if (il_outfile_open(path, &f, &err))
        fail_msg("open %s: %s", path, err.message);
    fputs(text, il_outfile_stream(f));
    if (il_outfile_commit(f, &err))
        fail_msg("commit %s: %s", path, err.message);
}

static void read_text(const char *path, char *buf, size_t size)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t n = fread(buf, 1, size - 1, fp);
    buf[n] = 0;
    fclose(fp);
}

static void symlink_target_is_written(void **state)
{
    (void)state;
    char buf[64];
    write_text(in_dir("target.txt"), "old\n");
    assert_int_equal(symlink("target.txt", in_dir("link.txt")), 0);
    write_text(in_dir("link.txt"), "new\n");
    struct stat st;
    assert_int_equal(lstat(in_dir("link.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode)); /* still a link */
    read_text(in_dir("target.txt"), buf, sizeof buf);
    assert_string_equal(buf, "new\n");
    /* A dangling link: its target is created, as the shell's > would. */
    assert_int_equal(symlink("made.txt", in_dir("dangling.txt")), 0);
    write_text(in_dir("dangling.txt"), "made\n");
    assert_int_equal(lstat(in_dir("dangling.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    read_text(in_dir("made.txt"), buf, sizeof buf);
    assert_string_equal(buf, "made\n");
}

static void fifo_is_written_in_place(void **state)
{
    (void)state;
    const char *fifo = in_dir("pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    /* A reader first, so that opening for writing does not wait. */
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    write_text(fifo, "through the pipe\n");
    char buf[64] = {0};
    assert_true(read(rd, buf, sizeof buf - 1) > 0);
    close(rd);
    assert_string_equal(buf, "through the pipe\n");
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode)); /* not replaced by a regular file */
}

static void mode_and_owner_are_kept(void **state)
{
    (void)state;
    const char *p = in_dir("shared.txt");
    write_text(p, "v1\n");
    assert_int_equal(chmod(p, 0640), 0);
    /* Another owner when the test may set one (root); the result must keep it. */
    uid_t uid = geteuid() == 0 ? 65534 : geteuid();
    gid_t gid = geteuid() == 0 ? 65534 : getegid();
    if (geteuid() == 0)
        assert_int_equal(chown(p, uid, gid), 0);
    write_text(p, "v2\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(st.st_uid, uid);
    assert_int_equal(st.st_gid, gid);
    char buf[16];
    read_text(p, buf, sizeof buf);
    assert_string_equal(buf, "v2\n");
}

static void directory_is_refused(void **state)
{
    (void)state;
    const char *d = in_dir("sub");
    assert_int_equal(mkdir(d, 0755), 0);
    il_outfile *f = NULL;
    il_error err;
    assert_int_equal(il_outfile_open(d, &f, &err), IL_ERR_IO);
    assert_non_null(strstr(err.message, "directory"));
    struct stat st;
    assert_int_equal(stat(d, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

/* A plot through a symlink and into a FIFO: PLplot writes by name, so the same rules must
 * hold for it. */
static void plots_follow_the_same_rules(void **state)
{
    (void)state;
    double x[2] = {0, 1}, y[2] = {0, 1};
    il_plot_series s = {x, y, NULL, 2, NULL, IL_PLOT_LINE};
    il_plot_axes a = {"t", "x", "y", 0, 0};
    assert_int_equal(symlink("real.svg", in_dir("plot.svg")), 0);
    assert_int_equal(il_plot_xy(in_dir("plot.svg"), &a, &s, 1, NULL), IL_OK);
    struct stat st;
    assert_int_equal(lstat(in_dir("plot.svg"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(in_dir("real.svg"), &st), 0);
    assert_true(S_ISREG(st.st_mode) && st.st_size > 100);
}

/* A disk that fills up while PLplot writes (simulated with a file-size limit in a child
 * process: writes beyond it fail with EFBIG, as on a full disk): the plot call fails and the
 * good plot already at the path is left as it was. Before, PLplot's unchecked writes left a
 * truncated SVG in its place and the call succeeded. */
static void full_disk_keeps_the_old_plot(void **state)
{
    (void)state;
    double x[400], y[400];
    for (int i = 0; i < 400; i++)
        x[i] = i, y[i] = (i * 7919) % 101;
    il_plot_series s = {x, y, NULL, 400, NULL, IL_PLOT_POINTS};
    il_plot_axes a = {"t", "x", "y", 0, 0};
    const char *path = in_dir("good.svg");
    assert_int_equal(il_plot_xy(path, &a, &s, 1, NULL), IL_OK);
    struct stat before;
    assert_int_equal(stat(path, &before), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = {4096, 4096};
        setrlimit(RLIMIT_FSIZE, &lim);
        y[0] = 50; /* a different plot */
        il_error err;
        il_status st = il_plot_xy(path, &a, &s, 1, &err);
        _exit(st == IL_ERR_IO && strstr(err.message, "not written completely") ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    struct stat after;
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(after.st_ino, before.st_ino); /* not replaced */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(symlink_target_is_written),
        cmocka_unit_test(fifo_is_written_in_place),
        cmocka_unit_test(mode_and_owner_are_kept),
        cmocka_unit_test(directory_is_refused),
        cmocka_unit_test(plots_follow_the_same_rules),
        cmocka_unit_test(full_disk_keeps_the_old_plot),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
