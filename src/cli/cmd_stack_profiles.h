/* `stack show`: the layers' concentration profiles (cmd_stack_profiles.c). */
#ifndef CLI_STACK_PROFILES_H
#define CLI_STACK_PROFILES_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "interlayer/interlayer.h"

size_t cli_stack_profile_count(const il_stack *s);
/* Text after the layer table; nothing for a stack without profiles. */
void cli_stack_profiles_print(const il_stack *s, FILE *out);
/* One object per profile: layer, species, kind, top/bottom values, amounts. */
json_t *cli_stack_profiles_json(const il_stack *s);

/* --plot: Li atoms/cm3 against depth, profiles included, layers marked (cmd_stack_plot.c). */
il_status cli_stack_plot(const il_stack *s, const char *path, il_error *err);
#endif
