/* NDP coverage study (docs/ndp.md): how often the truth lies within 1 and 2 sigma of the
 * structure-aware analysis, over synthetic interlayers of 5-50 nm at several depths and Li
 * contents and several noise seeds (tests/support/ndp_coverage.h). Prints a Markdown table.
 *   ndp_coverage [SEEDS] [--perturb]   (3 depths x 4 thicknesses x 3 contents x SEEDS cases) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/support/ndp_coverage.h"

int main(int argc, char **argv)
{
    int seeds = argc > 1 ? atoi(argv[1]) : 6, perturb = argc > 2 && !strcmp(argv[2], "--perturb");
    const double d[] = {500, 1000, 1500}, t[] = {5, 10, 20, 50}, x[] = {1.0, 2.0, 3.75};
    ndp_cov_tally tally[2] = {{0}, {0}};
    int failed = 0;
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 4; j++)
            for (size_t k = 0; k < 3; k++)
                for (int s = 0; s < seeds; s++) {
                    ndp_cov_case c = {d[i], t[j], x[k], 1000 + (unsigned long)s, perturb};
                    failed += ndp_cov_run(&c, tally, getenv("VERBOSE") != NULL);
                }
    printf("%d cases (%d failed), interlayer kept (BIC) in %d; truth %s\n\n", tally[0].cases + failed,
           failed, tally[0].found,
           perturb ? "with stopping +4 % and anode density +3 %" : "with the analysis' own stopping");
    printf("| quantity | compared | within 1 sigma | within 2 sigma | sigma |\n");
    printf("| --- | --- | --- | --- | --- |\n");
    const char *name[2] = {"layer inventories", "interlayer Li"};
    for (int q = 0; q < 2; q++) {
        ndp_cov_tally *T = &tally[q];
        if (!T->n)
            continue;
        printf("| %s | %d | %.1f %% | %.1f %% | non-systematic |\n", name[q], T->n,
               100.0 * T->in1 / T->n, 100.0 * T->in2 / T->n);
        printf("| %s | %d | %.1f %% | %.1f %% | total |\n", name[q], T->n,
               100.0 * T->in1_tot / T->n, 100.0 * T->in2_tot / T->n);
    }
    return 0;
}
