/* The light ions the stopping engine knows: 1H 2H 3H 3He 4He, their names and masses. */
#include "interlayer/constants.h"
#include "interlayer/stopping.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "interlayer/elements.h"
#include "interlayer/units.h"

/* Electron mass in u (CODATA 2018) and total electron binding energies of H and He atoms in
 * eV (13.598 eV; 24.587 + 54.418 eV), used to turn AME2020 atomic masses into bare-nucleus
 * masses. The binding term is 1e-8 u: kept for exactness, irrelevant in practice. */

static const struct {
    const char *name, *alias;
    int Z, A;
    double binding_eV;
} ions[IL_ION_COUNT] = {
    {"1H", "p", 1, 1, 13.598},
    {"2H", "d", 1, 2, 13.602},
    {"3H", "t", 1, 3, 13.603},
    {"3He", "h", 2, 3, 79.0},
    {"4He", "alpha", 2, 4, 79.005},
};

il_status il_ion_get(il_ion ion, il_ion_info *info, il_error *err)
{
    if ((int)ion < 0 || ion >= IL_ION_COUNT)
        return il_error_set(err, IL_ERR_INVALID, "ion code %d is not one of 1H 2H 3H 3He 4He",
                            (int)ion);
    double atomic;
    il_status st = il_nuclide_mass_u(ions[ion].Z, ions[ion].A, &atomic, err);
    if (st != IL_OK)
        return st;
    info->ion = ion;
    info->name = ions[ion].name;
    info->alias = ions[ion].alias;
    info->Z = ions[ion].Z;
    info->A = ions[ion].A;
    info->atomic_mass_u = atomic;
    info->mass_u = atomic - ions[ion].Z * IL_ELECTRON_MASS_U + ions[ion].binding_eV / IL_U_eV;
    return IL_OK;
}

il_status il_ion_from_nuclide(int Z, int A, il_ion *ion, il_error *err)
{
    for (int i = 0; i < IL_ION_COUNT; i++)
        if (ions[i].Z == Z && ions[i].A == A) {
            *ion = (il_ion)i;
            return IL_OK;
        }
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "no stopping data for the nuclide Z = %d, A = %d (covered: 1H 2H 3H 3He "
                        "4He)", Z, A);
}

/* Spellings people use. "h" (helion) and "H" (hydrogen) differ only in case, so those two are
 * compared case-sensitively; everything else case-insensitively. */
static const struct {
    const char *text;
    il_ion ion;
} spellings[] = {
    {"1H", IL_ION_P},    {"p", IL_ION_P},        {"proton", IL_ION_P},   {"H1", IL_ION_P},
    {"2H", IL_ION_D},    {"d", IL_ION_D},        {"deuteron", IL_ION_D}, {"H2", IL_ION_D},
    {"3H", IL_ION_T},    {"t", IL_ION_T},        {"triton", IL_ION_T},   {"H3", IL_ION_T},
    {"3He", IL_ION_HE3}, {"helion", IL_ION_HE3}, {"He3", IL_ION_HE3},
    {"4He", IL_ION_ALPHA}, {"He", IL_ION_ALPHA}, {"alpha", IL_ION_ALPHA}, {"a", IL_ION_ALPHA},
    {"He4", IL_ION_ALPHA},
};

il_status il_ion_parse(const char *text, il_ion *ion, il_error *err)
{
    if (!text || !*text)
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "empty ion name; expected one of 1H (p), 2H (d), 3H (t), 3He (h), "
                            "4He (alpha)");
    if (strcmp(text, "H") == 0) {
        *ion = IL_ION_P;
        return IL_OK;
    }
    if (strcmp(text, "h") == 0) {
        *ion = IL_ION_HE3;
        return IL_OK;
    }
    const size_t n = sizeof spellings / sizeof spellings[0];
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(text, spellings[i].text) == 0) {
            *ion = spellings[i].ion;
            return IL_OK;
        }
    const char *cand[sizeof spellings / sizeof spellings[0]];
    for (size_t i = 0; i < n; i++)
        cand[i] = spellings[i].text;
    const char *s = il_suggest(text, cand, n);
    if (s)
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "unknown ion '%s'; did you mean '%s'? (known: 1H p, 2H d, 3H t, "
                            "3He h, 4He alpha)", text, s);
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "unknown ion '%s'; expected one of 1H (p), 2H (d), 3H (t), 3He (h), "
                        "4He (alpha)", text);
}
