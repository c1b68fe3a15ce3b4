# Nuclear reaction data (see data/nuclear/README.md): one row per reaction channel.
il_embed_table(nuclear/neutron_reactions.csv il_row_reaction il_tab_reactions
  "reaction:s,target:s,particle1:s,particle1_Z:i,particle1_A:i,particle2:s,particle2_Z:i,particle2_A:i,residual_excitation_keV:d,Q_keV:d,E1_keV:d,E2_keV:d,branch_fraction:d,sigma_thermal_b:d,sigma_source:s"
  physics/nuclear/nuclear_tables.h)
