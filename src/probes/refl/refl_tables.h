/* Row types of the ORSO validation cases embedded from data/reflectometry/orso (see
 * data/reflectometry/tables.cmake; member order = column order given there). */
#ifndef IL_REFL_TABLES_H
#define IL_REFL_TABLES_H
#include <stddef.h>

/* data/reflectometry/orso/orso_{layers,points}.csv: the ORSO validation cases 0-7, rows grouped
 * by test in file order. */
typedef struct {
    int test;
    int index;
    double thickness_A, sld_1e6, isld_1e6, roughness_A;
} il_row_orso_layer;
extern const il_row_orso_layer il_tab_orso_layers[];
extern const size_t il_tab_orso_layers_count;

typedef struct {
    int test;
    double q_invA, r, dq_sigma_invA;
} il_row_orso_point;
extern const il_row_orso_point il_tab_orso_points[];
extern const size_t il_tab_orso_points_count;

#endif
