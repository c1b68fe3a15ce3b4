/* Reading a plain decimal number inside a longer text (internal). The readers that walk a line
 * themselves used strtod, which also takes "0x10", "inf", "nan" and "0x1p3": a stray hexadecimal
 * value in a file or option would silently become a number. This one is strtod for decimals only. */
#ifndef IL_CORE_DECIMAL_H
#define IL_CORE_DECIMAL_H

/* As strtod: the number at the start of s (leading blanks skipped) and in *end where it stopped;
 * *end == s and 0 returned when s does not start with a decimal number ("0x10", "inf", "nan",
 * "abc"). An exponent without digits ("2e") is left to the caller, as a unit would be. */
double il_decimal_strtod(const char *s, char **end);
#endif
