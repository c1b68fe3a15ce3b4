/* Row type of data/nuclear/neutron_reactions.csv, embedded by tools/csv2c (see
 * data/nuclear/tables.cmake; member order must match the column list there). */
#ifndef IL_NUCLEAR_TABLES_H
#define IL_NUCLEAR_TABLES_H
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
} il_row_reaction;
extern const il_row_reaction il_tab_reactions[];
extern const size_t il_tab_reactions_count;

#endif
