/* Row type of data/ndp/ndp_reactions.csv, embedded by tools/csv2c (see data/ndp/tables.cmake;
 * member order must match the column list there). */
#ifndef IL_NDP_TABLES_H
#define IL_NDP_TABLES_H
#include <stddef.h>

typedef struct {
    const char *reaction;
    const char *target;
    const char *particle1;
    int particle1_Z, particle1_A;
    const char *particle2;
    int particle2_Z, particle2_A;
    double residual_excitation_keV;
    double Q_keV;
    double E1_keV, E2_keV;
    double branch_fraction;
    double sigma_thermal_b;
    const char *sigma_source;
} il_row_ndp_reaction;
extern const il_row_ndp_reaction il_tab_ndp_reactions[];
extern const size_t il_tab_ndp_reactions_count;

#endif
