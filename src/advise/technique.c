/* The embedded capability table (data/advise/techniques.csv) and lookups in it. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "advise/advise_tables.h"
#include "interlayer/advise.h"

size_t il_technique_count(void) { return il_tab_techniques_count; }

const il_technique *il_technique_get(size_t i)
{
    return i < il_tab_techniques_count ? &il_tab_techniques[i] : NULL;
}

il_status il_technique_find(const char *id, const il_technique **out, il_error *err)
{
    if (!id || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_technique_find: NULL argument");
    *out = NULL;
    for (size_t i = 0; i < il_tab_techniques_count; i++)
        if (strcasecmp(il_tab_techniques[i].id, id) == 0) {
            *out = &il_tab_techniques[i];
            return IL_OK;
        }
    /* name them all: the user typed something, the fix is one of these */
    char known[512];
    size_t len = 0;
    known[0] = '\0';
    for (size_t i = 0; i < il_tab_techniques_count && len < sizeof known; i++) {
        int n = snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "",
                         il_tab_techniques[i].id);
        if (n < 0)
            break;
        len += (size_t)n;
    }
    return il_error_set(err, IL_ERR_NOT_FOUND, "unknown technique '%s' (known: %s)", id, known);
}
