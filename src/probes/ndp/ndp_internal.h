/* Private helpers shared by the NDP sources. */
#ifndef IL_NDP_INTERNAL_H
#define IL_NDP_INTERNAL_H

/* M_PI is not in strict C11. */
#define NDP_PI 3.14159265358979323846

#endif
