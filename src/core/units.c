/* Reading numbers with units as people write them, with errors that point at the problem. */
#include "interlayer/units.h"
#include "core/decimal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Reads a plain decimal number ("-1.5", "2e3", ".5") at p: sign, digits with at most one
 * point, then an optional exponent. Hexadecimal ("0x10"), "inf" and "nan" are no numbers here:
 * strtod would take them, and a stray "0x10nm" would silently become 16 nm. Returns the end of
 * the number, or p when p does not start with one. */
static const char *scan_decimal(const char *p, double *value)
{
    const char *q = p;
    if (*q == '+' || *q == '-')
        q++;
    size_t digits = 0;
    while (isdigit((unsigned char)*q)) {
        q++;
        digits++;
    }
    if (*q == '.') {
        q++;
        while (isdigit((unsigned char)*q)) {
            q++;
            digits++;
        }
    }
    if (digits == 0)
        return p;
    /* an exponent only counts when digits follow: "2e" leaves the 'e' to the unit */
    if (*q == 'e' || *q == 'E') {
        const char *e = q + 1;
        if (*e == '+' || *e == '-')
            e++;
        if (isdigit((unsigned char)*e)) {
            while (isdigit((unsigned char)*e))
                e++;
            q = e;
        }
    }
    /* a hexadecimal "0x10" starts like "0" followed by the unit "x10": refuse it as a whole */
    const char *lead = (*p == '+' || *p == '-') ? p + 1 : p;
    if ((*q == 'x' || *q == 'X') && q - lead == 1 && *lead == '0')
        return p;
    char buf[128];
    size_t n = (size_t)(q - p);
    if (n >= sizeof buf)
        return p;
    memcpy(buf, p, n);
    buf[n] = '\0';
    *value = strtod(buf, NULL);
    return q;
}

double il_decimal_strtod(const char *s, char **end)
{
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    double v = 0;
    const char *q = scan_decimal(p, &v);
    if (q == p) {
        *end = (char *)s;
        return 0;
    }
    *end = (char *)q;
    return v;
}

/* Splits "  1.5 um " into the number and the unit text (blanks trimmed). Returns 0 when
 * the text does not start with a decimal number. */
static int split_number_unit(const char *text, double *value, char *unit, size_t unit_size)
{
    while (isspace((unsigned char)*text))
        text++;
    const char *end = scan_decimal(text, value);
    if (end == text)
        return 0;
    while (isspace((unsigned char)*end))
        end++;
    size_t n = strlen(end);
    while (n > 0 && isspace((unsigned char)end[n - 1]))
        n--;
    if (n >= unit_size)
        n = unit_size - 1;
    memcpy(unit, end, n);
    unit[n] = '\0';
    return 1;
}

static il_status check_positive(const char *text, double v, const char *what, il_error *err)
{
    if (!isfinite(v))
        return il_error_set(err, IL_ERR_INVALID, "'%s': %s must be a finite number", text, what);
    if (v <= 0)
        return il_error_set(err, IL_ERR_INVALID, "'%s': %s must be greater than zero", text,
                            what);
    return IL_OK;
}

/* The largest length any layer, roughness or depth can have: a battery is no thicker than a
 * metre, and beyond it areal densities overflow into inf. */
#define MAX_LENGTH_NM 1e9

static il_status check_length(const char *text, double v, double factor_nm, const char *what,
                              const char *article, il_error *err)
{
    if (!(v > 0))
        return check_positive(text, v, article, err);
    if (!isfinite(v * factor_nm) || v * factor_nm > MAX_LENGTH_NM)
        return il_error_set(err, IL_ERR_RANGE, "%s %s is above the largest allowed, 1 m", what,
                            text);
    return IL_OK;
}

static int unit_to_nm(const char *unit, double *factor)
{
    static const struct {
        const char *name;
        double nm;
    } units[] = {{"nm", 1.0},  {"um", 1e3},        {"\xC2\xB5m", 1e3}, {"\xCE\xBCm", 1e3},
                 {"mm", 1e6},  {"A", 0.1},         {"\xC3\x85", 0.1},  {"\xE2\x84\xAB", 0.1},
                 {"Ang", 0.1}, {"angstrom", 0.1}, {"micron", 1e3}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(unit, units[i].name) == 0) {
            *factor = units[i].nm;
            return 1;
        }
    return 0;
}

/* A quantity read as a length, for its messages: its name, with its article, and the units it
 * takes (as the no-unit and the unknown-unit messages list them). */
typedef struct {
    const char *what, *article, *units, *units_long;
} length_quantity_t;

static const length_quantity_t length_quantity = {"length", "a length", "nm, um, µm, mm, A or Å",
                                                  "nm, um, µm, mm, A or Å"};
static const length_quantity_t thickness_quantity = {
    "thickness", "a thickness", "nm, um, µm, mm, A, Å or tfu",
    "nm, um, µm, mm, A, Å or tfu = 1e15 atoms/cm2"};

/* v in `unit` (one of unit_to_nm's) as nm in *nm, checked by check_length. */
static il_status to_nm(const char *text, double v, const char *unit, const length_quantity_t *q,
                       double *nm, il_error *err)
{
    double f;
    if (unit[0] == '\0')
        return il_error_set(err, IL_ERR_PARSE, "'%s' has no unit (expected %s)", text, q->units);
    if (!unit_to_nm(unit, &f))
        return il_error_set(err, IL_ERR_PARSE, "'%s': unknown %s unit '%s' (expected %s)", text,
                            q->what, unit, q->units_long);
    il_status s = check_length(text, v, f, q->what, q->article, err);
    if (s)
        return s;
    *nm = v * f;
    return IL_OK;
}

il_status il_parse_length_nm(const char *text, double *nm, il_error *err)
{
    double v;
    char unit[32];
    if (!text || !split_number_unit(text, &v, unit, sizeof unit))
        return il_error_set(err, IL_ERR_PARSE, "'%s' is not a length (expected e.g. 50nm, 1.5um)",
                            text ? text : "");
    return to_nm(text, v, unit, &length_quantity, nm, err);
}

/* Beyond 10 um an rms roughness exceeds any layer it could belong to here. */
#define MAX_ROUGHNESS_NM 1e4

il_status il_parse_roughness_nm(const char *text, double *nm, il_error *err)
{
    double v, f = 1.0;
    char unit[32];
    if (!text || !split_number_unit(text, &v, unit, sizeof unit))
        return il_error_set(err, IL_ERR_PARSE,
                            "'%s' is not a roughness (expected e.g. 0, 2nm, 1.5A)",
                            text ? text : "");
    if (unit[0] == '\0' && v != 0)
        return il_error_set(err, IL_ERR_PARSE,
                            "'%s' has no unit (expected nm, um, µm, mm, A or Å; only 0 may omit "
                            "it)",
                            text);
    if (unit[0] != '\0' && !unit_to_nm(unit, &f))
        return il_error_set(err, IL_ERR_PARSE,
                            "'%s': unknown length unit '%s' (expected nm, um, µm, mm, A or Å)",
                            text, unit);
    if (v < 0)
        return il_error_set(err, IL_ERR_INVALID, "'%s': a roughness must be >= 0", text);
    if (!isfinite(v * f) || v * f > MAX_ROUGHNESS_NM)
        return il_error_set(err, IL_ERR_RANGE,
                            "%s is above the largest allowed roughness, 10 um", text);
    *nm = v * f + 0.0; /* + 0.0: "-0" reads as 0 */
    return IL_OK;
}

il_status il_parse_thickness(const char *text, double *value, il_thickness_kind *kind,
                             il_error *err)
{
    double v;
    char unit[32];
    if (!text || !split_number_unit(text, &v, unit, sizeof unit))
        return il_error_set(err, IL_ERR_PARSE,
                            "'%s' is not a thickness (expected e.g. 50nm, 1.5um, 300tfu)",
                            text ? text : "");
    if (strcasecmp(unit, "tfu") == 0 || strcmp(unit, "e15at/cm2") == 0 ||
        strcmp(unit, "1e15at/cm2") == 0) {
        il_status s = check_positive(text, v, "an areal density", err);
        if (s)
            return s;
        *value = v;
        *kind = IL_THICKNESS_TFU;
        return IL_OK;
    }
    il_status s = to_nm(text, v, unit, &thickness_quantity, value, err);
    if (!s)
        *kind = IL_THICKNESS_NM;
    return s;
}

il_status il_parse_energy_keV(const char *text, double *keV, il_error *err)
{
    double v, f;
    char unit[32];
    if (!text || !split_number_unit(text, &v, unit, sizeof unit))
        return il_error_set(err, IL_ERR_PARSE,
                            "'%s' is not an energy (expected e.g. 2055.8keV, 2.7MeV)",
                            text ? text : "");
    if (unit[0] == '\0' || strcmp(unit, "keV") == 0)
        f = 1.0;
    else if (strcmp(unit, "MeV") == 0)
        f = 1e3;
    else if (strcmp(unit, "eV") == 0)
        f = 1e-3;
    else
        return il_error_set(err, IL_ERR_PARSE,
                            "'%s': unknown energy unit '%s' (expected eV, keV or MeV)", text,
                            unit);
    il_status s = check_positive(text, v, "an energy", err);
    if (s)
        return s;
    *keV = v * f;
    return IL_OK;
}

il_status il_parse_number(const char *text, double *value, il_error *err)
{
    double v;
    char unit[32];
    if (!text || !split_number_unit(text, &v, unit, sizeof unit) || unit[0] != '\0')
        return il_error_set(err, IL_ERR_PARSE, "'%s' is not a number", text ? text : "");
    if (!isfinite(v))
        return il_error_set(err, IL_ERR_INVALID, "'%s' is not a finite number", text);
    *value = v;
    return IL_OK;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return (size_t)-1;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

const char *il_suggest(const char *name, const char *const *candidates, size_t n)
{
    if (!name || !*name)
        return NULL;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(name, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    /* A typo changes a few characters; beyond a third of the name it is another word. */
    size_t limit = strlen(name) / 3 + 1;
    return best_d <= limit ? best : NULL;
}
