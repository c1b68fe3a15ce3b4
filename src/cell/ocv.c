/* Open-circuit potentials from the embedded tables of data/cell/ocv.csv (sources in
 * data/cell/README.md): linear between points, the end values outside the table. */
#include <string.h>

#include "cell/cell_internal.h"
#include "cell/cell_tables.h"

int il__cell_ocv_rows(const char *material, size_t *first, size_t *n)
{
    *first = *n = 0;
    for (size_t i = 0; i < il_tab_ocv_count; i++) {
        if (strcmp(il_tab_ocv[i].material, material) != 0)
            continue;
        if (*n == 0)
            *first = i;
        (*n)++;
    }
    return *n > 0;
}

double il__cell_ocv_rows_V(size_t first, size_t n, double x)
{
    const il_row_ocv *r = il_tab_ocv + first;
    if (n == 1 || x <= r[0].li_per_formula)
        return r[0].ocv_V;
    if (x >= r[n - 1].li_per_formula)
        return r[n - 1].ocv_V;
    size_t lo = 0, hi = n - 1; /* bisection: r[lo].x <= x < r[hi].x */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].li_per_formula <= x)
            lo = mid;
        else
            hi = mid;
    }
    double f = (x - r[lo].li_per_formula) / (r[hi].li_per_formula - r[lo].li_per_formula);
    return r[lo].ocv_V + f * (r[hi].ocv_V - r[lo].ocv_V);
}

il_status il_cell_ocv_V(const char *material, double x, double *volts, il_error *err)
{
    size_t first, n;
    if (!material || !il__cell_ocv_rows(material, &first, &n))
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "no OCV table '%s' (known: LiCoO2, LiMn2O4, Si, Li)",
                            material ? material : "(null)");
    *volts = il__cell_ocv_rows_V(first, n, x);
    return IL_OK;
}
