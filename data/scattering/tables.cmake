# Neutron scattering data (see data/scattering/README.md and neutron/README.md).
# Bound coherent scattering lengths (fm) and cross sections (barn) of elements (A = 0) and
# isotopes, Rauch & Waschkowski (2003) via the public-domain periodictable package.
il_embed_table(scattering/neutron/neutron_scattering_lengths.csv il_row_neutron_b il_tab_neutron_b
  "Z:i,A:i,abundance_pct:d,b_c_fm:d,b_c_imag_fm:d,energy_dependent:s,sigma_inc_barn:d,sigma_abs_barn:d"
  physics/scattering/scattering_tables.h)
