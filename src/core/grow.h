/* Growing parallel arrays together (internal). Several readers and builders keep one array per
 * column (x, y, sigma, line number ...) that must always hold the same number of elements; this
 * grows them as a set so no caller repeats the realloc-and-check dance per column. */
#ifndef IL_CORE_GROW_H
#define IL_CORE_GROW_H
#include <stddef.h>

#include "interlayer/error.h"

/* One array of the set: the address of its pointer (e.g. &st->x) and its element size. */
typedef struct {
    void *array;
    size_t elem_size;
} il_grow_slot;

/* A slot for the array pointer `p` (an lvalue such as st->x). */
#define IL_GROW_SLOT(p) ((il_grow_slot){&(p), sizeof *(p)})

/* The next capacity when an array that holds `cap` elements is full: double it, or `first`
 * when it is still empty. Doubling keeps appends amortised O(1). */
size_t il_grow_next_cap(size_t cap, size_t first);

/* Reallocates every array in slots[0..nslots) to hold `count` elements. Returns IL_OK only when
 * all of them grew; on IL_ERR_NOMEM (err says "out of memory") every pointer is still valid and
 * owned by the caller (those that did grow point at their larger block, the contents kept), so
 * the caller keeps its old element count and capacity and frees as usual. */
il_status il_grow_arrays(const il_grow_slot *slots, size_t nslots, size_t count, il_error *err);

/* Room for one more element after the first n: once n has reached *cap, every array grows to
 * il_grow_next_cap(*cap, first) and *cap follows (only on success); below *cap nothing
 * happens. The append-with-doubling every growing list here needs. */
il_status il_grow_room(const il_grow_slot *slots, size_t nslots, size_t n, size_t *cap,
                       size_t first, il_error *err);
#define IL_GROW_ROOM(p, n, cap, first, err)                                                      \
    il_grow_room(&IL_GROW_SLOT(p), 1, (n), &(cap), (first), (err))

/* The same for a single array: grows `p` (an lvalue such as s->layers) to `count` elements. */
#define IL_GROW_ARRAY(p, count, err) il_grow_arrays(&IL_GROW_SLOT(p), 1, (count), (err))

/* Appending one element: makes room after the first n elements of the array whose pointer is at
 * `array` and returns that element zeroed (the caller fills it and counts it), or NULL with
 * "out of memory" in err, the array unchanged. */
void *il_grow_one_zeroed(void *array, size_t elem_size, size_t n, il_error *err);
#define IL_GROW_ONE_ZEROED(p, n, err) il_grow_one_zeroed(&(p), sizeof *(p), (n), (err))

#endif
