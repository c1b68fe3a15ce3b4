/* The options a library call runs with (internal). Every call that takes `const il_x_options
 * *opt` accepts NULL for "the defaults"; this states that rule once. */
#ifndef IL_CORE_OPTIONS_OR_DEFAULT_H
#define IL_CORE_OPTIONS_OR_DEFAULT_H

/* *o becomes a copy of *opt, or is filled by default_fn(o) when opt is NULL. */
#define IL_OPTIONS_OR_DEFAULT(o, opt, default_fn)                                                  \
    ((opt) ? (void)(*(o) = *(opt)) : default_fn(o))

#endif
