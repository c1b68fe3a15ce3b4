# Open-circuit potentials of electrode materials (see data/cell/README.md for each source).
il_embed_table(cell/ocv.csv il_row_ocv il_tab_ocv "material:s,li_per_formula:d,ocv_V:d"
  cell/cell_tables.h)
