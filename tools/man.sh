#!/bin/sh
# Writes the interlayer(1) man page from the program's own --help texts, so the page cannot
# drift from what the program says: run at build time on the freshly built program.
# Usage: man.sh PATH/TO/interlayer VERSION OUT.1
set -eu
IL=$1
VERSION=$2
OUT=$3
tmp=$OUT.tmp.$$
trap 'rm -f "$tmp"' EXIT

# groff escapes: backslash first, then a leading '.' or "'" would start a request; non-ASCII
# characters (µm, Å, σ) become groff's \[uXXXX] through preconv where groff is installed.
utf8() { if command -v preconv >/dev/null 2>&1; then preconv -e utf-8 | grep -v '^\.lf '; else cat; fi; }
esc() { sed -e 's/⁻/^-/g' -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" | utf8; }

# A --help text as a preformatted block (help texts are laid out by hand for 80 columns).
block() { printf '.nf\n'; esc; printf '.fi\n'; }

# Help text of `interlayer ARGS... --help` (some verbs print it on stderr), or nothing when
# the program does not accept --help there.
help_of() { "$IL" "$@" --help 2>&1 || true; }

# Command names: the indented words of the top-level help's "commands:" list.
commands() { help_of | awk '/^commands:/ {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}'; }

# Verbs of a group: lines indented by exactly two spaces that start with a lower-case word,
# in the group's help ("verbs:" lists and "usage: ... VERB" tables alike).
verbs() { help_of "$1" | awk '/^  [a-z][a-z-]* / || /^  [a-z][a-z-]*$/ {print $1}' | sort -u; }

{
    printf '.TH INTERLAYER 1 "" "interlayer %s" "User Commands"\n' "$VERSION"
    printf '.SH NAME\ninterlayer \\- buried interfaces of all-solid-state Li batteries: stacks, stopping, NDP, reflectometry\n'
    printf '.SH SYNOPSIS\n.B interlayer\n.I COMMAND\n.RI [ ARGS... ]\n'
    printf '.SH DESCRIPTION\n'
    help_of | block
    printf '.SH COMMANDS\n'
    for c in $(commands); do
        printf '.SS %s\n' "$c"
        group=$(help_of "$c")
        printf '%s\n' "$group" | block
        for v in $(verbs "$c"); do
            text=$(help_of "$c" "$v")
            # A group whose verbs share its help (or a word that is no verb) adds nothing.
            [ -n "$text" ] && [ "$text" != "$group" ] || continue
            printf '.TP\n.B interlayer %s %s\n' "$c" "$v"
            printf '%s\n' "$text" | block
        done
    done
    printf '.SH UNITS\nLengths in nm (inputs take nm, um, \\(mcm, mm, A, \\(oA), areal densities in\n'
    printf '1e15 atoms/cm\\(S2 (tfu), particle energies in keV, reflectometry in \\(oA and 1e\\-6 \\(oA^\\-2 for SLD.\n'
    printf 'Field names of \\-\\-csv and \\-\\-json output carry their units.\n'
    printf '.SH EXIT STATUS\n0 on success; non-zero with a one-line message naming file:line:column, the value\n'
    printf 'and what was expected when the input is wrong.\n'
    printf '.SH SEE ALSO\nThe user guide and physics notes in the source tree (docs/); the library API in\n'
    printf '/usr/local/include/interlayer/ (pkg-config interlayer).\n'
} >"$tmp"
mv "$tmp" "$OUT"
trap - EXIT
