"""The materials database and formulas."""
import ctypes as C

from ._arrays import enc, text
from ._errors import call
from ._lib import Composition, Formula, MaterialResolved, lib


def materials():
    """The built-in materials: a list of dicts with name, formula, density_g_cm3 (g/cm³),
    density_source and description."""
    out = []
    for i in range(lib.il_material_builtin_count()):
        m = lib.il_material_builtin(i).contents
        out.append({"name": text(m.name), "formula": text(m.formula),
                    "density_g_cm3": m.density_g_cm3, "density_source": text(m.density_source),
                    "description": text(m.description)})
    return out


class Material:
    """A material resolved as stacks resolve it: a database name or alias ("LiCoO2", "LLZO"),
    or a formula ("Li7La3Zr2O12", "Li[6]NbO3") with its density.

    density_g_cm3: None for the database / element-table density, else g/cm³ (then any valid
    formula is accepted). Attributes: name, formula (text), density_g_cm3, density_source,
    atoms_cm3 (atoms/cm³), molar_mass_g_mol (per formula unit)."""

    def __init__(self, text_, density_g_cm3=None):
        self._res = MaterialResolved()
        call(lib.il_material_resolve, None, enc(text_),
             0.0 if density_g_cm3 is None else float(density_g_cm3), C.byref(self._res))
        self._comp = Composition()
        call(lib.il_composition_from_formula, C.byref(self._res.formula), None, 0,
             C.byref(self._comp))
        n = C.c_double()
        call(lib.il_composition_number_density, C.byref(self._comp), self._res.density_g_cm3,
             C.byref(n))
        self.atoms_cm3 = n.value
        mm = C.c_double()
        call(lib.il_composition_molar_mass, C.byref(self._comp), C.byref(mm))
        self.molar_mass_g_mol = mm.value

    @property
    def name(self):
        return text(self._res.name)

    @property
    def formula(self):
        buf = C.create_string_buffer(512)
        return text(lib.il_formula_format(C.byref(self._res.formula), buf, len(buf)))

    @property
    def density_g_cm3(self):
        return self._res.density_g_cm3

    @property
    def density_source(self):
        return text(self._res.density_source)

    @property
    def composition(self):
        """[(Z, A, atoms per formula unit)], A = 0 for the natural isotopic mix."""
        c = self._comp
        return [(c.Z[i], c.A[i], c.atoms[i]) for i in range(c.n)]

    def __repr__(self):
        return f"Material({self.name!r}, {self.density_g_cm3} g/cm3)"


def parse_formula(text_):
    """A formula's species as [(Z, A, count)] (A = 0: natural mix). Raises ParseError with the
    column of the offending character."""
    f = Formula()
    call(lib.il_formula_parse, enc(text_), C.byref(f))
    return [(f.Z[i], f.A[i], f.count[i]) for i in range(f.n)]
