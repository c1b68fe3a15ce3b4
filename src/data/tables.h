/* Row types of the physics tables embedded from data/ by tools/csv2c at build time.
 * Member order must match the column lists given to csv2c in CMakeLists.txt. */
#ifndef IL_DATA_TABLES_H
#define IL_DATA_TABLES_H
#include <stddef.h>

/* data/elements/elements.csv (IUPAC/CIAAW 2021 weights; densities: CRC / X-ray Data Booklet) */
typedef struct {
    int Z;
    const char *symbol;
    const char *name;
    double atomic_weight_u;
    double density_g_cm3;
    const char *density_note;
} il_row_element;
extern const il_row_element il_tab_elements[];
extern const size_t il_tab_elements_count;

/* data/elements/isotopes.csv: naturally occurring isotopes, AME2020 masses, NIST abundances */
typedef struct {
    int Z;
    int A;
    double mass_u;
    double abundance_pct;
} il_row_isotope;
extern const il_row_isotope il_tab_isotopes[];
extern const size_t il_tab_isotopes_count;

/* data/elements/isotope_masses_ame2020.csv: every nuclide in AME2020 (Z = 0 is the neutron) */
typedef struct {
    int Z;
    int A;
    double mass_u;
    double mass_unc_u;
} il_row_nuclide;
extern const il_row_nuclide il_tab_nuclides[];
extern const size_t il_tab_nuclides_count;

/* data/stopping/icru49_{h,he}_elements_coeffs.csv: ICRU-49 electronic stopping fit coefficients */
typedef struct {
    int Z;
    double A1, A2, A3, A4, A5;
} il_row_stopping_coeffs;
extern const il_row_stopping_coeffs il_tab_icru49_he_coeffs[];
extern const size_t il_tab_icru49_he_coeffs_count;
extern const il_row_stopping_coeffs il_tab_icru49_h_coeffs[];
extern const size_t il_tab_icru49_h_coeffs_count;

/* data/stopping/{a,p}star_nist_electronic.csv: NIST ASTAR/PSTAR (ICRU 49), rows sorted by
 * material then energy; total ion energy in MeV, electronic mass stopping in MeV cm2/g */
typedef struct {
    int material_id;
    double energy_MeV;
    double S_MeV_cm2_g;
} il_row_star;
extern const il_row_star il_tab_astar[];
extern const size_t il_tab_astar_count;
extern const il_row_star il_tab_pstar[];
extern const size_t il_tab_pstar_count;

/* data/stopping/star_materials.csv */
typedef struct {
    int material_id;
    const char *material;
    int in_astar;
    int in_pstar;
} il_row_star_material;
extern const il_row_star_material il_tab_star_materials[];
extern const size_t il_tab_star_materials_count;

/* data/materials/materials.csv: the built-in materials database */
typedef struct {
    const char *name;
    const char *formula;
    double density_g_cm3;
    const char *density_source;
    const char *description;
} il_row_material;
extern const il_row_material il_tab_materials[];
extern const size_t il_tab_materials_count;

#endif
