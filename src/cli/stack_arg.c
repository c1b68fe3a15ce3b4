/* The one meaning of a STACK argument on the command line (see cli.h). */
#include <string.h>

#include "cli/cli.h"

il_status cli_stack_load(const char *arg, il_stack **out, il_error *err)
{
    if (strcmp(arg, "default") == 0)
        return il_stack_default_cell(out, err);
    return il_stack_load(arg, NULL, out, err);
}
