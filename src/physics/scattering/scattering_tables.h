/* Row type of the neutron scattering-length table embedded from
 * data/scattering/neutron/neutron_scattering_lengths.csv (see data/scattering/tables.cmake;
 * member order = column order given there). */
#ifndef IL_SCATTERING_TABLES_H
#define IL_SCATTERING_TABLES_H
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

#endif
