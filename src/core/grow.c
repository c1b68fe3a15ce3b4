/* Growing parallel arrays together: see grow.h. */
#include "core/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t il_grow_next_cap(size_t cap, size_t first) { return cap ? 2 * cap : first; }

il_status il_grow_arrays(const il_grow_slot *slots, size_t nslots, size_t count, il_error *err)
{
    if (count == 0)
        return IL_OK; /* no array needs room for nothing; realloc(p, 0) is not portable */
    int ok = 1;
    for (size_t i = 0; i < nslots; i++) {
        /* The slot holds the address of some T*; read and write that pointer through memcpy so
         * no object is accessed as a void* it was not declared as. */
        void *old;
        memcpy(&old, slots[i].array, sizeof old);
        void *p = NULL;
        if (slots[i].elem_size == 0 || count <= SIZE_MAX / slots[i].elem_size)
            p = realloc(old, count * slots[i].elem_size);
        if (!p) {
            ok = 0; /* keep going: the others may still grow, and nothing is lost */
            continue;
        }
        memcpy(slots[i].array, &p, sizeof p);
    }
    return ok ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
}

void *il_grow_one_zeroed(void *array, size_t elem_size, size_t n, il_error *err)
{
    const il_grow_slot slot = {array, elem_size};
    if (il_grow_arrays(&slot, 1, n + 1, err))
        return NULL;
    char *base;
    memcpy(&base, array, sizeof base);
    return memset(base + n * elem_size, 0, elem_size);
}

il_status il_grow_room(const il_grow_slot *slots, size_t nslots, size_t n, size_t *cap,
                       size_t first, il_error *err)
{
    if (n < *cap)
        return IL_OK;
    size_t next = il_grow_next_cap(*cap, first);
    il_status st = il_grow_arrays(slots, nslots, next, err);
    if (!st)
        *cap = next;
    return st;
}
