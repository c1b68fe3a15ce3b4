/* Row type of the neutron scattering-length table embedded from
 * data/reflectometry/neutron/neutron_scattering_lengths.csv (see data/reflectometry/tables.cmake;
 * member order = column order given there). */
#ifndef IL_REFL_TABLES_H
#define IL_REFL_TABLES_H
#include <stddef.h>

typedef struct {
    int Z;
    int A;                /* 0 = natural element */
    double abundance_pct; /* NAN when not given */
    double b_c_fm;        /* bound coherent scattering length; NAN when not tabulated */
    double b_c_imag_fm;   /* tabulated imaginary part (Sears sign: negative absorbs); NAN if none */
    const char *energy_dependent; /* "E" for strongly energy-dependent (resonant) absorbers */
    double sigma_inc_barn;
    double sigma_abs_barn;        /* absorption at 2200 m/s (λ = 1.798 Å); NAN if not given */
} il_row_neutron_b;
extern const il_row_neutron_b il_tab_neutron_b[];
extern const size_t il_tab_neutron_b_count;

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
