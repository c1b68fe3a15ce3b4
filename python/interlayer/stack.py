"""Stacks: the ordered layers of a cell, surface first, with an optional substrate."""
import ctypes as C
import math

from ._arrays import enc, text
from ._errors import call
from ._lib import Composition, lib


class Layer:
    """One resolved layer (a snapshot; change layers through Stack.set_*).

    name, material, formula, density_g_cm3 (g/cm³), density_source, thickness_nm (nm; inf for
    the substrate), areal_tfu (1e15 atoms/cm²; inf for the substrate), roughness_nm (rms of the
    lower interface), top_nm (depth of its top below the surface), is_substrate,
    molar_mass_g_mol, atoms_cm3, li_atoms_cm3, li6_atoms_cm3 (atoms/cm³), li_atoms_cm2,
    li6_atoms_cm2 (atoms/cm²; inf in a Li-bearing substrate), li_mol_cm2 (mol/cm²),
    li_capacity_uAh_cm2 (µAh/cm², 1 Li = 1 e⁻), stopping_factor, enrichment {(Z, A): fraction}.
    """

    _NUMBERS = ("density_g_cm3", "thickness_nm", "areal_tfu", "roughness_nm", "stopping_factor",
                "molar_mass_g_mol", "atoms_cm3", "li_atoms_cm3", "li6_atoms_cm3",
                "li_atoms_cm2", "li6_atoms_cm2", "li_mol_cm2", "li_capacity_uAh_cm2")

    def __init__(self, c_layer, top_nm):
        self.name = text(c_layer.name)
        self.material = text(c_layer.material)
        buf = C.create_string_buffer(512)
        self.formula = text(lib.il_formula_format(C.byref(c_layer.formula), buf, len(buf)))
        self.density_source = text(c_layer.density_source)
        for k in self._NUMBERS:
            setattr(self, k, getattr(c_layer, k))
        self.is_substrate = bool(c_layer.is_substrate)
        self.top_nm = top_nm
        self.enrichment = {(e.Z, e.A): e.fraction for e in c_layer.enrich[:c_layer.n_enrich]}
        comp = Composition()
        call(lib.il_layer_composition, C.byref(c_layer), C.byref(comp))
        self.composition = [(comp.Z[i], comp.A[i], comp.atoms[i]) for i in range(comp.n)]

    def __repr__(self):
        t = "substrate" if self.is_substrate else f"{self.thickness_nm:g} nm"
        return f"Layer({self.name!r}, {t}, {self.density_g_cm3:g} g/cm3)"


class Stack:
    """A cell stack.

    Stack("Pt 50nm | LiCoO2 1um li6=0.95 | Li3PO4 1.5um | Si") parses the inline form, a path
    to a YAML file reads it, "default" gives the review's thin-film battery. Errors raise
    ParseError / NotFoundError with the library's message (column or file:line:column)."""

    def __init__(self, spec="default"):
        h = C.c_void_p()
        if spec == "default":
            call(lib.il_stack_default_cell, C.byref(h))
        else:
            call(lib.il_stack_load, enc(str(spec)), None, C.byref(h))
        self._h = h

    @classmethod
    def from_yaml(cls, yaml_text, label="<string>"):
        """A stack from YAML text in memory (the stack-file format of examples/*.yaml)."""
        self = cls.__new__(cls)
        h = C.c_void_p()
        data = enc(yaml_text)
        call(lib.il_stack_parse_yaml, data, len(data), enc(label), None, C.byref(h))
        self._h = h
        return self

    @classmethod
    def _adopt(cls, h):
        """A Stack owning the library stack handle h (a c_void_p the caller gives up)."""
        self = cls.__new__(cls)
        self._h = h if isinstance(h, C.c_void_p) else C.c_void_p(h)
        return self

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.il_stack_free(h)
            self._h = None

    def copy(self):
        other = Stack.__new__(Stack)
        h = C.c_void_p()
        call(lib.il_stack_clone, self._h, C.byref(h))
        other._h = h
        return other

    @property
    def handle(self):
        return self._h

    @property
    def name(self):
        return text(lib.il_stack_name(self._h))

    def __len__(self):
        return lib.il_stack_count(self._h)

    def layer(self, i):
        if not 0 <= i < len(self):
            raise IndexError(i)
        return Layer(lib.il_stack_layer(self._h, i).contents,
                     lib.il_stack_layer_top_nm(self._h, i))

    @property
    def layers(self):
        """The layers, surface first (Layer objects)."""
        return [self.layer(i) for i in range(len(self))]

    @property
    def thickness_nm(self):
        """Total thickness of the finite layers (nm)."""
        return lib.il_stack_thickness_nm(self._h)

    @property
    def areal_tfu(self):
        """Total areal density of the finite layers (1e15 atoms/cm²)."""
        return lib.il_stack_areal_tfu(self._h)

    @property
    def li_atoms_cm2(self):
        """Li in the finite layers (atoms/cm²)."""
        return sum(l.li_atoms_cm2 for l in self.layers if not l.is_substrate)

    @property
    def li_capacity_uAh_cm2(self):
        """Li of the finite layers as charge (µAh/cm²)."""
        return sum(l.li_capacity_uAh_cm2 for l in self.layers if not l.is_substrate)

    def set_thickness_nm(self, i, nm):
        call(lib.il_stack_set_thickness_nm, self._h, i, float(nm))

    def set_density(self, i, g_cm3):
        call(lib.il_stack_set_density, self._h, i, float(g_cm3))

    def set_roughness_nm(self, i, nm):
        call(lib.il_stack_set_roughness_nm, self._h, i, float(nm))

    def __str__(self):
        buf = C.create_string_buffer(65536)
        return text(lib.il_stack_format(self._h, buf, len(buf)))

    def __repr__(self):
        return f"Stack({str(self)!r})"


def as_stack(s):
    """A Stack from a Stack or anything Stack() accepts."""
    return s if isinstance(s, Stack) else Stack(s)


def is_finite(x):
    return not (math.isinf(x) or math.isnan(x))
