"""Every plot type is rendered (PNG, decoded here with the standard library's zlib) and the
properties a reader relies on are checked on the pixels: a zero cell of a change map is the
neutral white, whatever the data's range; nothing is cut at the page edge (the colour bar's
exponent was); the legend does not hide the data (the triton peak was under it); depth plots
mark the layer interfaces. Layout facts used: page 960 x 640, frame x 0.10..0.74 of the width
with a legend or colour bar, 0.10..0.95 without, y 0.12..0.86 of the height from the bottom
(0.82 with layer names): src/io/plot.c."""
import struct
import subprocess
import zlib

import numpy as np
import pytest

import interlayer as il
from conftest import CLI

W, H = 960, 640


def read_png(path):
    """(H, W, 3) uint8 RGB of an 8-bit, non-interlaced RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    assert depth == 8 and ctype in (2, 6) and interlace == 0
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = bytearray(h * stride)
    prev = bytearray(stride)
    for r in range(h):
        f = raw[r * (stride + 1)]
        line = raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)]
        cur = bytearray(line)
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 0xFF
        elif f == 2:
            for i in range(stride):
                cur[i] = (cur[i] + prev[i]) & 0xFF
        elif f == 3:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((a + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 0xFF
        out[r * stride:(r + 1) * stride] = cur
        prev = cur
    img = np.frombuffer(bytes(out), np.uint8).astype(np.int32).reshape(h, stride)
    rgb = img.reshape(h, w, bpp)[:, :, :3]
    if bpp == 4:  # cairo PNGs may be transparent where nothing was drawn: white page
        alpha = img.reshape(h, w, bpp)[:, :, 3:4]
        rgb = (rgb * alpha + 255 * (255 - alpha)) // 255
    return rgb.astype(np.uint8)


def frame(legend, names=False):
    """Pixel box (x0, x1, y0, y1) of the frame, y downwards."""
    right = 0.74 if legend else 0.95
    top = 0.82 if names else 0.86
    return (round(0.10 * W), round(right * W), round((1 - top) * H), round((1 - 0.12) * H))


def to_px(v, lo, hi, p0, p1):
    return int(round(p0 + (v - lo) / (hi - lo) * (p1 - p0)))


def test_zero_cell_of_a_change_map_is_white(tmp_path):
    # Asymmetric data (-1 .. +10) and an all-positive map: both used to draw zero off-white
    # (the colours followed the data's min..max). A 4 x 4 map, zero in the top-left block.
    x, y = np.arange(4.0), np.arange(4.0)
    for z in (np.array([[-1, 10, 5, 2], [0, 3, 4, 1], [0, 0, 7, 6], [0, 0, 8, 9]], float),
              np.array([[1, 2, 3, 4], [5, 6, 7, 8], [0, 0, 9, 9], [0, 0, 9, 9]], float) * 1e21):
        path = tmp_path / "map.png"
        il.plot.map(path, x, y, z, "delta Li (atoms/cm3)", "t", "depth (nm)", "time (s)")
        img = read_png(path)
        x0, x1, y0, y1 = frame(legend=True)
        # Cell (ix=0, iy=3) is zero in both: x in the first quarter, y (upwards) in the top
        # quarter of the frame. Within 3/255 of white: antialiasing cannot reach a cell centre.
        cx = to_px(0.35, 0, 3, x0, x1)
        cy = to_px(2.65, 3, 0, y0, y1)
        assert np.all(np.abs(img[cy, cx].astype(int) - 255) <= 3), img[cy, cx]
        # A clearly positive cell is red, not white or blue.
        r, g, b = (int(v) for v in img[to_px(0.35, 3, 0, y0, y1), to_px(1.35, 0, 3, x0, x1)])
        assert r > b + 40, (r, g, b)  # z[0][1] = 10 (or 2e21): clearly positive -> red


def test_nothing_is_cut_at_the_page_edge(tmp_path):
    # The colour bar of a 1e22 map used to put its exponent beyond the right edge.
    x, y = np.linspace(0, 3000, 30), np.linspace(0, 4000, 8)
    z = np.outer(np.linspace(-1, 1, 8), np.sin(x / 500)) * 6e22
    path = tmp_path / "edge.png"
    il.plot.map(path, x, y, z, "delta Li (atoms/cm3)", "Li change", "depth (nm)", "time (s)")
    img = read_png(path)
    assert np.all(img[:, -3:] >= 250), "something is drawn in the last columns of the page"
    assert np.all(img[-3:, :] >= 250) and np.all(img[:3, :] >= 250) and np.all(img[:, :3] >= 250)


def test_legend_leaves_the_triton_peak_visible(tmp_path):
    # An NDP-like spectrum: the highest peak at the right end of the axis, where the legend
    # used to stand. Its top must be drawn in its series colour (Okabe-Ito blue 0,114,178).
    E = np.linspace(0, 3000, 600)
    peak = 1e5 * np.exp(-0.5 * ((E - 2900) / 25) ** 2) + 1e4 * ((E > 900) & (E < 2000))
    series = [{"x": E, "y": peak, "label": "total"}] + [
        {"x": E, "y": peak * f, "label": name} for f, name in ((0.5, "alpha"), (0.3, "triton"),
                                                              (0.1, "LiCoO2"))]
    path = tmp_path / "spec.png"
    il.plot.xy(path, series, "NDP spectrum", "energy (keV)", "counts")
    img = read_png(path)
    x0, x1, y0, y1 = frame(legend=True)
    px = to_px(2900, 0, 3000, x0, x1)
    top = img[y0:y0 + (y1 - y0) // 8, px - 3:px + 4].reshape(-1, 3).astype(int)
    blue = np.sum((np.abs(top[:, 0] - 0) < 60) & (np.abs(top[:, 1] - 114) < 60) &
                  (np.abs(top[:, 2] - 178) < 60) & (top[:, 2] > top[:, 0] + 60))
    assert blue >= 3, "the peak's top is not visible"


def test_depth_plot_marks_the_interfaces(tmp_path):
    stack = il.Stack("Pt 50nm | LiCoO2 700nm | Li3PO4 1.5um | Si")
    z = np.linspace(0, 3000, 200)
    path = tmp_path / "depth.png"
    il.plot.xy(path, [{"x": z, "y": np.cos(z / 400) + 2}], "profile", "depth (nm)", "y",
               layers=stack)
    img = read_png(path).astype(int)
    x0, x1, y0, y1 = frame(legend=False, names=True)
    grey = (np.abs(img[:, :, 0] - img[:, :, 1]) < 12) & (np.abs(img[:, :, 1] - img[:, :, 2]) < 12) \
        & (img[:, :, 0] > 90) & (img[:, :, 0] < 215)
    col = grey[y0 + 5:y1 - 5].sum(axis=0)  # grey pixels per column inside the frame
    # Dashed lines (half drawn) at 50, 750 and 2250 nm; antialiasing may split one over two
    # columns, so look within +-1 column. Nowhere else is a column that grey.
    lines = [to_px(e, 0, 3000, x0, x1) for e in (50, 750, 2250)]
    for px in lines:
        assert col[px - 1:px + 2].max() > 0.3 * (y1 - y0), px
    others = [c for c in range(x0 + 3, x1 - 3) if all(abs(c - p) > 2 for p in lines)]
    assert col[others].max() < 0.1 * (y1 - y0)


def test_plot_types_from_the_program(tmp_path):
    # Every verb's --plot renders a complete page (PNG and PDF), with the layers marked where
    # the x axis is depth (checked above for the drawing code these share).
    S = "Pt 50nm | LiCoO2 1um | Li3PO4 1.5um | Si"
    spe = tmp_path / "s.csv"
    runs = [["ndp", "simulate", S, "--seed", "1", "-o", spe, "--plot", tmp_path / "sim.png"],
            ["ndp", "invert", spe, "--stack", S, "--plot", tmp_path / "inv.png"],
            ["depth-energy", "alpha", "--energy", "2055.8", "--stack", S, "--plot",
             tmp_path / "de.png"],
            ["stopping", "alpha", "LiCoO2", "--from", "100", "--to", "3000", "--plot",
             tmp_path / "st.pdf"],
            ["refl", "sld", "air | LiNbO3 200 5 | Si", "--plot", tmp_path / "sld.png"],
            ["refl", "simulate", "air | LiNbO3 200 5 | Si", "--plot", tmp_path / "r.png"],
            ["stack", "show", S, "--plot", tmp_path / "stack.png"]]
    for args in runs:
        r = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
        assert r.returncode == 0, (args, r.stderr)
    for name in ("sim.png", "inv.png", "de.png", "sld.png", "r.png", "stack.png"):
        img = read_png(tmp_path / name)
        assert img.shape == (H, W, 3) and (img < 128).any(), name
    assert open(tmp_path / "st.pdf", "rb").read().rstrip().endswith(b"%%EOF")


def test_unknown_plot_extension_is_refused(tmp_path):
    with pytest.raises(il.InvalidError, match="unknown extension"):
        il.plot.xy(tmp_path / "p.xyz", [([0, 1], [0, 1])])
    assert not (tmp_path / "p.xyz").exists()


def test_stack_show_refuses_an_unknown_plot_format_before_printing(tmp_path):
    # It used to print the table, write nothing and exit 0.
    r = subprocess.run([CLI, "stack", "show", "Pt 50nm | Si", "--plot", tmp_path / "p.xyz"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and r.stdout == "" and "unknown extension" in r.stderr
    assert not (tmp_path / "p.xyz").exists()
