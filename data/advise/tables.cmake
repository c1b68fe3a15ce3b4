# Capability map of the depth-resolved techniques (see data/advise/README.md): one row each.
il_embed_table(advise/techniques.csv il_technique il_tab_techniques
  "id:s,name:s,family:s,li_sensitive:i,isotope_sensitive:i,chemical_state:i,structure:i,destructive:i,operando:i,depth_res_min_nm:d,depth_res_max_nm:d,lateral_res_min_nm:d,lateral_res_max_nm:d,probe_depth_max_nm:d,capability:s,sample_requirement:s,limitation:s,section:s"
  advise/advise_tables.h)
