/* The instrument object every NDP result document embeds (ndp_io.h), shared by the writers. */
#ifndef IL_IO_NDP_JSON_H
#define IL_IO_NDP_JSON_H
#include <jansson.h>

#include "interlayer/ndp.h"

json_t *il__ndp_instrument_doc(const il_ndp_instrument *ins);

#endif
