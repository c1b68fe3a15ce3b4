/* Helpers shared by the stack readers (inline text in src/matter, YAML in src/io). */
#ifndef IL_MATTER_STACK_PRIV_H
#define IL_MATTER_STACK_PRIV_H
#include "interlayer/stack.h"

/* Reads an isotope key such as "li6", "Li6", "6Li", "Li[6]" or "B-10" into (Z, A).
 * IL_ERR_NOT_FOUND when it is not a known nuclide (no message: the caller knows the place). */
il_status il_stack_parse_isotope_key(const char *key, int *Z, int *A);

#endif
