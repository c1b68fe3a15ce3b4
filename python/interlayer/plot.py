"""Plots drawn by the library (PLplot): SVG, PNG or PDF by the file's extension, written whole
or not at all; the same drawing code as the program's --plot."""
import ctypes as C

from ._arrays import as_doubles, enc, ptr
from ._errors import call
from ._lib import PlotAxes, PlotLayers, PlotSeries, lib
from .stack import Stack

STYLES = {"line": 0, "points": 1, "steps": 2}


def _axes(title, xlabel, ylabel, logx=False, logy=False):
    return PlotAxes(enc(title or ""), enc(xlabel or ""), enc(ylabel or ""), int(logx), int(logy))


def _layers(layers, keep):
    """layers: None, a Stack (edges in nm), or (edges, names) with len(edges) == len(names) + 1."""
    if layers is None:
        return None
    if isinstance(layers, Stack):
        ls = layers.layers
        edges = [l.top_nm for l in ls] + [float("inf") if ls[-1].is_substrate
                                          else ls[-1].top_nm + ls[-1].thickness_nm]
        names = [l.name for l in ls]
    else:
        edges, names = layers
    e = as_doubles(edges)
    if e.size != len(names) + 1:
        raise ValueError("layers: need one more edge than names")
    n = (C.c_char_p * len(names))(*[enc(x) for x in names])
    keep += [e, n]
    return C.byref(PlotLayers(ptr(e), n, len(names)))


def xy(path, series, title="", xlabel="", ylabel="", logx=False, logy=False, layers=None):
    """Draws series, each (x, y) or a dict with x, y and optional yerr, label, style
    ("line", "points", "steps"). layers marks layer edges along x (a Stack, or (edges, names))."""
    keep = []
    arr = (PlotSeries * len(series))()
    for k, s in enumerate(series):
        if not isinstance(s, dict):
            s = {"x": s[0], "y": s[1]}
        x, y = as_doubles(s["x"]), as_doubles(s["y"])
        if x.size != y.size:
            raise ValueError("series %d: x and y differ in length" % k)
        yerr = as_doubles(s["yerr"]) if s.get("yerr") is not None else None
        keep += [x, y, yerr]
        arr[k] = PlotSeries(ptr(x), ptr(y), ptr(yerr), x.size, enc(s.get("label")),
                            STYLES[s.get("style", "line")])
    ax = _axes(title, xlabel, ylabel, logx, logy)
    call(lib.il_plot_xy_layers, enc(str(path)), C.byref(ax), _layers(layers, keep), arr,
         len(series))


def map(path, x, y, z, zlabel="", title="", xlabel="", ylabel="", layers=None):
    """A diverging colour map of z (shape (len(y), len(x))): white at zero, blue negative, red
    positive, symmetric about zero."""
    keep = []
    xs, ys = as_doubles(x), as_doubles(y)
    zs = as_doubles(z)
    if zs.size != xs.size * ys.size:
        raise ValueError("z must have len(y) x len(x) values")
    ax = _axes(title, xlabel, ylabel)
    call(lib.il_plot_map_layers, enc(str(path)), C.byref(ax), _layers(layers, keep), ptr(xs),
         xs.size, ptr(ys), ys.size, ptr(zs), enc(zlabel))
