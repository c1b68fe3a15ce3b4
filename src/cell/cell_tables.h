/* Row type of data/cell/ocv.csv (embedded by data/cell/tables.cmake; members in its column
 * order): rows of one material are contiguous and sorted by li_per_formula. */
#ifndef IL_CELL_TABLES_H
#define IL_CELL_TABLES_H
#include <stddef.h>

typedef struct {
    const char *material;
    double li_per_formula;
    double ocv_V;
} il_row_ocv;
extern const il_row_ocv il_tab_ocv[];
extern const size_t il_tab_ocv_count;

#endif
