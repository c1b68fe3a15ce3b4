/* One argument, two forms: the CLI and library users name a stack either by a YAML file or by
 * its inline text. Deciding which needs the file system, so it lives in io, not in matter. */
#include <string.h>
#include <sys/stat.h>

#include "interlayer/stack.h"
#include "interlayer/stack_io.h"

static int has_yaml_suffix(const char *arg)
{
    size_t n = strlen(arg);
    return (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(arg + n - 4, ".yml") == 0);
}

il_status il_stack_load(const char *arg, const il_material_db *db, il_stack **out,
                        il_error *err)
{
    if (!arg || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_load: NULL argument");
    struct stat st;
    /* An inline stack never names a regular file; a path that is not a file is read inline
     * (and then fails with a message about the stack text). */
    if (!strchr(arg, '|') && stat(arg, &st) == 0 && S_ISREG(st.st_mode))
        return il_stack_load_yaml(arg, db, out, err);
    if (has_yaml_suffix(arg))
        return il_stack_load_yaml(arg, db, out, err); /* reports why it cannot be read */
    return il_stack_parse(arg, db, out, err);
}
