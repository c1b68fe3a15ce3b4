/* The capability rows of data/advise/techniques.csv, embedded by tools/csv2c (see
 * data/advise/tables.cmake; the column order there matches il_technique's members). */
#ifndef IL_ADVISE_TABLES_H
#define IL_ADVISE_TABLES_H
#include <stddef.h>

#include "interlayer/advise.h"

extern const il_technique il_tab_techniques[];
extern const size_t il_tab_techniques_count;

#endif
