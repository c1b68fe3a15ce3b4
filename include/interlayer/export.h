/* IL_API marks what libinterlayer exports. The library is built with hidden visibility, so a
 * function is visible to programs that link the shared library only if its declaration in
 * include/interlayer/ carries IL_API; internal functions shared between the library's own files
 * stay hidden. tests/api/exports.sh checks that the two sets are equal. */
#ifndef IL_EXPORT_H
#define IL_EXPORT_H

#if defined(IL_BUILDING_LIBRARY) && defined(__GNUC__)
#define IL_API __attribute__((visibility("default")))
#else
#define IL_API
#endif

#endif
