/* A stack from inline text for a test (cmocka): the parse error fails the test with its
 * message. Include after <cmocka.h>. */
#ifndef IL_TEST_STACK_OF_H
#define IL_TEST_STACK_OF_H
#include "interlayer/interlayer.h"

static inline il_stack *stack_of(const char *text)
{
    il_stack *s = NULL;
    il_error err = {0};
    if (il_stack_parse(text, NULL, &s, &err) != IL_OK)
        fail_msg("%s: %s", text, err.message);
    return s;
}

#endif
