/* Growing parallel arrays together (core/grow.h): every column ends with room for the count,
 * contents survive the move, and a request no size_t can hold fails cleanly with the arrays
 * still owned (and freeable) by the caller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "core/grow.h"

static void test_next_cap_doubles_or_starts(void **state)
{
    (void)state;
    assert_int_equal(il_grow_next_cap(0, 64), 64);
    assert_int_equal(il_grow_next_cap(64, 64), 128);
    assert_int_equal(il_grow_next_cap(3, 8), 6);
}

static void test_columns_grow_together_and_keep_contents(void **state)
{
    (void)state;
    double *x = NULL;
    int *line = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        if (n == cap) {
            size_t nc = il_grow_next_cap(cap, 4);
            const il_grow_slot cols[] = {IL_GROW_SLOT(x), IL_GROW_SLOT(line)};
            assert_int_equal(il_grow_arrays(cols, 2, nc, NULL), IL_OK);
            cap = nc;
        }
        x[n] = 0.5 * i;
        line[n] = i + 1;
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        assert_true(x[i] == 0.5 * (double)i); /* exact: halves of small integers */
        assert_int_equal(line[i], (int)i + 1);
    }
    free(x);
    free(line);
}

static void test_impossible_size_fails_and_keeps_arrays(void **state)
{
    (void)state;
    double *x = NULL;
    assert_int_equal(IL_GROW_ARRAY(x, 2, NULL), IL_OK);
    x[0] = 1.0;
    x[1] = 2.0;
    il_error err;
    il_error_clear(&err);
    assert_int_equal(IL_GROW_ARRAY(x, SIZE_MAX / 2, &err), IL_ERR_NOMEM);
    assert_string_equal(err.message, "out of memory");
    assert_true(x[0] == 1.0 && x[1] == 2.0); /* untouched, still ours */
    free(x);
}

static void test_one_zeroed_appends_a_clean_element(void **state)
{
    (void)state;
    struct item {
        double v;
        char name[8];
    } *items = NULL;
    struct item *a = IL_GROW_ONE_ZEROED(items, 0, NULL);
    assert_non_null(a);
    a->v = 3.0;
    struct item *b = IL_GROW_ONE_ZEROED(items, 1, NULL);
    assert_non_null(b);
    assert_ptr_equal(b, &items[1]);
    assert_true(b->v == 0.0 && b->name[0] == '\0'); /* zeroed, not left over */
    assert_true(items[0].v == 3.0);                  /* the first survived the move */
    free(items);
}

static void test_room_grows_only_when_full(void **state)
{
    (void)state;
    int *v = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(IL_GROW_ROOM(v, n, cap, 2, NULL), IL_OK);
    assert_int_equal(cap, 2); /* empty: the first capacity */
    v[n++] = 7;
    int *before = v;
    assert_int_equal(IL_GROW_ROOM(v, n, cap, 2, NULL), IL_OK);
    assert_int_equal(cap, 2); /* room left: untouched */
    assert_ptr_equal(v, before);
    v[n++] = 8;
    assert_int_equal(IL_GROW_ROOM(v, n, cap, 2, NULL), IL_OK);
    assert_int_equal(cap, 4); /* full: doubled */
    assert_int_equal(v[0], 7);
    assert_int_equal(v[1], 8);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_cap_doubles_or_starts),
        cmocka_unit_test(test_columns_grow_together_and_keep_contents),
        cmocka_unit_test(test_impossible_size_fails_and_keeps_arrays),
        cmocka_unit_test(test_one_zeroed_appends_a_clean_element),
        cmocka_unit_test(test_room_grows_only_when_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
