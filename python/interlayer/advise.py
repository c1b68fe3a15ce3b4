"""Which technique sees my interface (include/interlayer/advise.h): every technique of the
review's Table 3 judged with this stack's physics, ranked works, marginal, cannot, not yet
computed — what `interlayer advise STACK --interface A/B` prints.

Units: lengths nm, NDP fluence rate n/cm²/s, times s, potentials V.

    import interlayer as il
    for a in il.advise.advise("default", "Li3PO4/Si", want="li-amount"):
        print(a.id, a.verdict, a.decides)
"""
import ctypes as C
import math
from dataclasses import dataclass

from ._arrays import enc, text
from ._errors import call
from ._lib import AdviceList as _CList
from ._lib import AdviseOptions, lib
from .stack import as_stack


@dataclass
class Technique:
    """A row of the capability table (data/advise/techniques.csv). Levels 0 none, 1 low,
    2 high; lengths nm."""
    id: str
    name: str
    family: str
    li_sensitive: int
    isotope_sensitive: int
    chemical_state: int
    structure: int
    destructive: bool
    operando: bool
    depth_res_min_nm: float
    depth_res_max_nm: float
    lateral_res_min_nm: float
    lateral_res_max_nm: float
    probe_depth_max_nm: float
    capability: str
    sample_requirement: str
    limitation: str
    section: str


def _technique(t):
    return Technique(text(t.id), text(t.name), text(t.family), t.li_sensitive,
                     t.isotope_sensitive, t.chemical_state, t.structure, bool(t.destructive),
                     bool(t.operando), t.depth_res_min_nm, t.depth_res_max_nm,
                     t.lateral_res_min_nm, t.lateral_res_max_nm, t.probe_depth_max_nm,
                     text(t.capability or b""), text(t.sample_requirement or b""),
                     text(t.limitation or b""), text(t.section or b""))


def techniques():
    """The whole capability table, as Technique objects."""
    return [_technique(lib.il_technique_get(k).contents) for k in range(lib.il_technique_count())]


@dataclass
class Advice:
    """One technique judged: id, name, verdict ("works", "marginal", "cannot", "not yet
    computed"), rank (0 = best), decides (the number that decides it), change (what to change
    to make it work; "" when nothing helps or nothing is needed), caveat, depth_resolution_nm
    (at the interface; NaN where not computed), reach (signal share from the interface, or the
    NDP exit energy in keV; NaN where unused), by_table (ruled out by the table alone),
    technique (its Technique row)."""
    id: str
    name: str
    verdict: str
    rank: int
    decides: str
    change: str
    caveat: str
    depth_resolution_nm: float
    reach: float
    by_table: bool
    technique: Technique


class AdviceList(list):
    """The ranked advice (a list of Advice) with interface_depth_nm (depth of the interface
    below the surface) and upper (the interface lies between layers upper and upper + 1)."""

    def __init__(self, interface_depth_nm=math.nan, upper=0):
        super().__init__()
        self.interface_depth_nm = interface_depth_nm
        self.upper = upper

    def find(self, technique_id):
        """The Advice of one technique (case-insensitive id), or None."""
        return next((a for a in self if a.id.lower() == technique_id.lower()), None)


def advise(stack, interface, want=None, resolution_nm=None, interlayer_nm=None, operando=None,
           flux_n_cm2_s=None, precision=None, max_time_s=None, eh_potential_V=None):
    """Ranks every technique for `interface` ("A/B": layer names or materials, adjacent, either
    order) of `stack` (a Stack, a file, an inline stack or "default").

    want: "li-amount,li-profile,chemistry,structure,thickness[,operando]" (default
    li-profile); resolution_nm: depth resolution wanted at the interface (10);
    interlayer_nm: assumed interlayer thickness (10); operando: the answer must come from a
    working cell; flux_n_cm2_s (1e9), precision (0.05), max_time_s (900 operando, 86400
    otherwise): NDP counting; eh_potential_V: space-charge step for electron holography (0.1).
    Returns an AdviceList of Advice, best first."""
    st = as_stack(stack)
    o = AdviseOptions()
    lib.il_advise_options_default(C.byref(o))
    if want is not None:
        w, op = C.c_uint(), C.c_int()
        call(lib.il_advise_wants_parse, enc(want), C.byref(w), C.byref(op))
        o.wants, o.operando = w.value, op.value
    if operando is not None:
        o.operando = int(bool(operando))
    for name, value in (("resolution_nm", resolution_nm), ("interlayer_nm", interlayer_nm),
                        ("ndp_fluence_rate_n_cm2_s", flux_n_cm2_s), ("precision", precision),
                        ("max_time_s", max_time_s), ("eh_potential_V", eh_potential_V)):
        if value is not None:
            setattr(o, name, float(value))
    lst = C.POINTER(_CList)()
    call(lib.il_advise_run, st.handle, enc(interface), C.byref(o), C.byref(lst))
    try:
        c = lst.contents
        out = AdviceList(interface_depth_nm=c.interface_depth_nm, upper=c.upper)
        for k in range(c.n):
            a = c.items[k]
            t = _technique(a.technique.contents)
            out.append(Advice(t.id, t.name, text(lib.il_verdict_name(a.verdict)), k,
                              text(a.decides), text(a.change), text(a.caveat),
                              a.depth_resolution_nm, a.reach, bool(a.by_table), t))
        return out
    finally:
        lib.il_advice_list_free(lst)

