"""Where the installed libinterlayer is. `cmake --install` rewrites this file with the absolute
path of the library it installed (the prefix chosen at install time); in the source tree it is
None and the library is found through INTERLAYER_LIBRARY or the system's search path."""
LIBRARY = None
