# Reflectometry tables (see data/reflectometry/README.md). The neutron scattering lengths are
# physics data shared by every technique: data/scattering/.
# The ORSO validation suite (CC0), embedded so that `interlayer refl validate` runs anywhere;
# generated from tests/probes/refl/data/orso by orso/make_csv.sh.
il_embed_table(reflectometry/orso/orso_layers.csv il_row_orso_layer il_tab_orso_layers
  "test:i,index:i,thickness_A:d,sld_1e6:d,isld_1e6:d,roughness_A:d"
  probes/refl/refl_tables.h)
il_embed_table(reflectometry/orso/orso_points.csv il_row_orso_point il_tab_orso_points
  "test:i,q_invA:d,r:d,dq_sigma_invA:d"
  probes/refl/refl_tables.h)
