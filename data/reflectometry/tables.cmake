# Reflectometry tables (see data/reflectometry/README.md and neutron/README.md).
# Bound coherent scattering lengths (fm) and cross sections (barn) of elements (A = 0) and
# isotopes, Rauch & Waschkowski (2003) via the public-domain periodictable package.
il_embed_table(reflectometry/neutron/neutron_scattering_lengths.csv il_row_neutron_b il_tab_neutron_b
  "Z:i,A:i,abundance_pct:d,b_c_fm:d,b_c_imag_fm:d,energy_dependent:s,sigma_inc_barn:d,sigma_abs_barn:d"
  probes/refl/refl_tables.h)
# The ORSO validation suite (CC0), embedded so that `interlayer refl validate` runs anywhere;
# generated from tests/refl/data/orso by orso/make_csv.sh.
il_embed_table(reflectometry/orso/orso_layers.csv il_row_orso_layer il_tab_orso_layers
  "test:i,index:i,thickness_A:d,sld_1e6:d,isld_1e6:d,roughness_A:d"
  probes/refl/refl_tables.h)
il_embed_table(reflectometry/orso/orso_points.csv il_row_orso_point il_tab_orso_points
  "test:i,q_invA:d,r:d,dq_sigma_invA:d"
  probes/refl/refl_tables.h)
