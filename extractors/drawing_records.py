"""A page's vector drawings as rules, paths and shapes, read from PyMuPDF's `Page.get_cdrawings()`.

`Page.get_drawings()` is the same list with every coordinate pair wrapped in a `pymupdf.Point` and every
rectangle in a `pymupdf.Rect` (half a million objects on realdev's 223 pages, as long as MuPDF's own walk of
the paths). Here the raw tuples are read by index: points (x, y), rectangles (x0, y0, x1, y1), quads
(ul, ur, ll, lr). Rectangles are converted as get_drawings converts them (floats; a path item's normalized,
the path's own box as given; width and height as pymupdf.Rect gives them), so the records are the same.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from extractors.page_content import DrawnShape, Rule, VectorPath

RULE_MAX_THICKNESS = 2.5  # points: thicker filled boxes are shapes, not rules

Pt = Sequence[float]  # (x, y)
Box = tuple[float, float, float, float]  # (x0, y0, x1, y1)


def read_drawings(raw: Iterable[dict]) -> tuple[tuple[Rule, ...], tuple[VectorPath, ...], tuple[DrawnShape, ...]]:
    """Rules (axis-aligned lines and hairline boxes), other vector paths and every drawn shape of a page,
    from its get_cdrawings() paths."""
    rules: list[Rule] = []
    paths: list[VectorPath] = []
    shapes: list[DrawnShape] = []
    for drawing, clip in _with_clips(raw):
        rect = _rect(drawing["rect"])
        items = _closed(drawing)
        if clip is not None and not _within(rect, clip):
            rect = _cut(rect, clip)
            if rect is None:
                continue  # wholly outside its clipping region: nothing of it shows
            items = _clipped_items(items, clip)
            if not items:
                continue
        width = float(drawing.get("width") or 0.0)
        filled = drawing.get("fill") is not None
        stroked = drawing.get("color") is not None and drawing.get("type") != "f"
        if items:
            shapes.append(_shape(drawing, rect, items, width, stroked))
        thin = _thin_filled_polygon(rect, items) if filled else None
        if thin is not None:  # a hairline rectangle drawn as a closed polygon of lines
            rules.append(thin)
            continue
        as_rules = [_item_as_rules(item, width, filled) for item in items]
        path_rules = [r for rs in as_rules for r in rs]
        if items and all(as_rules):
            rules.extend(path_rules)
            continue
        paths.append(VectorPath(bbox=rect, n_segments=len(items), filled=filled, stroked=stroked))
    return tuple(rules), tuple(paths), tuple(shapes)


def _with_clips(raw: Iterable[dict]) -> Iterable[tuple[dict, Box | None]]:
    """Each path with the clipping rectangle it is drawn under (get_cdrawings(extended=True) lists clips and
    groups among the paths, each at its nesting level; plain lists give no clips). A plot's curves and bands
    are often drawn far past its axes and cut there (realdev R04's bands reach 400 pt off the page, R19's
    markers are huge ellipses cut to a few points): their boxes as drawn say nothing of what shows."""
    stack: list[tuple[int, Box]] = []
    for drawing in raw:
        kind = drawing.get("type")
        level = drawing.get("level")
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
        if kind == "clip":
            scissor = drawing.get("scissor")
            if scissor is not None and level is not None:
                stack.append((level, _rect(scissor)))
            continue
        if kind == "group":
            continue
        yield drawing, (stack[-1][1] if stack else None)


def _within(r: Box, clip: Box, slack: float = 1.0) -> bool:
    return r[0] >= clip[0] - slack and r[1] >= clip[1] - slack and r[2] <= clip[2] + slack and r[3] <= clip[3] + slack


def _cut(r: Box, clip: Box) -> Box | None:
    x0, y0, x1, y1 = max(r[0], clip[0]), max(r[1], clip[1]), min(r[2], clip[2]), min(r[3], clip[3])
    return (x0, y0, x1, y1) if x0 <= x1 and y0 <= y1 else None


def _clipped_items(items: list, clip: Box) -> list:
    """The path items that show under a clip: line and curve segments with an end inside it (a curve drawn
    past the axes loses its hidden stretch), rectangles and quads cut to it."""
    out = []
    for item in items:
        if item[0] == "re":
            cut = _cut(item[1], clip)
            if cut is not None:
                out.append(("re", cut, *item[2:]))
        elif item[0] == "qu":
            out.append(item)
        elif _within((item[1][0], item[1][1], item[1][0], item[1][1]), clip) \
                or _within((item[-1][0], item[-1][1], item[-1][0], item[-1][1]), clip):
            out.append(item)
    return out


def _rect(r: Sequence[float]) -> Box:
    return float(r[0]), float(r[1]), float(r[2]), float(r[3])


def _width(r: Box) -> float:
    return max(0, r[2] - r[0])  # pymupdf.Rect.width: 0 (an int) for a backwards box


def _height(r: Box) -> float:
    return max(0, r[3] - r[1])


def _item(item: tuple) -> tuple:
    """A path item with its rectangle as get_drawings gives it: floats, normalized."""
    if item[0] != "re":
        return item
    x0, y0, x1, y1 = _rect(item[1])
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    return ("re", (x0, y0, x1, y1), item[2])


def _thin_filled_polygon(r: Box, items: list) -> Rule | None:
    """A filled polygon of straight axis-aligned lines whose box is a hairline: one rule."""
    if not items or any(item[0] != "l" for item in items):
        return None
    if any(abs(item[1][0] - item[2][0]) > 0.01 and abs(item[1][1] - item[2][1]) > 0.01 for item in items):
        return None
    width, height = _width(r), _height(r)
    if height <= RULE_MAX_THICKNESS and width > 3 * max(height, 0.1):
        return Rule(r, True, float(height))
    if width <= RULE_MAX_THICKNESS and height > 3 * max(width, 0.1):
        return Rule(r, False, float(width))
    return None


def _closed(drawing: dict) -> list:
    """A drawing's items, with the side that closes a closed polyline made explicit (a frame's fourth side)."""
    items = [_item(item) for item in drawing.get("items", ())]
    if drawing.get("closePath") and len(items) >= 2 and items[0][0] == "l" and items[-1][0] == "l":
        start, end = items[0][1], items[-1][2]
        if abs(start[0] - end[0]) > 0.01 or abs(start[1] - end[1]) > 0.01:
            items.append(("l", end, start))
    return items


def _shape(drawing: dict, rect: Box, items: list, width: float, stroked: bool) -> DrawnShape:
    """A drawing's subpaths as vertex runs, with its colours (a new run starts where a segment jumps)."""
    subpaths: list[list[tuple[float, float]]] = []
    n_rects = n_curves = 0
    for item in items:
        kind = item[0]
        if kind == "re":
            x0, y0, x1, y1 = item[1]
            n_rects += 1
            subpaths.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
            continue
        if kind == "qu":
            ul, ur, ll, lr = item[1]
            subpaths.append([(ul[0], ul[1]), (ur[0], ur[1]), (lr[0], lr[1]), (ll[0], ll[1])])
            continue
        start, end = item[1], item[-1]
        n_curves += kind == "c"
        run = subpaths[-1] if subpaths else None
        if run is None or abs(run[-1][0] - start[0]) > 0.01 or abs(run[-1][1] - start[1]) > 0.01:
            subpaths.append([(start[0], start[1])])
        subpaths[-1].append((end[0], end[1]))
    fill = drawing.get("fill")
    color = drawing.get("color")
    return DrawnShape(
        bbox=rect,
        subpaths=tuple(tuple((float(x), float(y)) for x, y in run) for run in subpaths),
        fill=tuple(fill) if fill is not None else None,  # type: ignore[arg-type]
        stroke=tuple(color) if color is not None and stroked else None,  # type: ignore[arg-type]
        width=width,
        n_rects=n_rects,
        n_curves=n_curves,
        dashed=bool(drawing.get("dashes")) and drawing.get("dashes") not in ("[] 0", "[] 0.0"),
    )


def _item_as_rules(item: tuple, width: float, filled: bool) -> list[Rule]:
    """Axis-aligned lines, hairline filled rectangles and the sides of stroked rectangles as Rules."""
    kind = item[0]
    if kind == "l":
        rule = _line_rule(item[1], item[2], width)
        return [rule] if rule else []
    if kind == "qu" and _axis_aligned(item[1]):  # a rectangle drawn as a quad (pgfplots' axis frame)
        kind, item = "re", ("re", _quad_rect(item[1]))
    if kind == "re":
        r = item[1]
        x0, y0, x1, y1 = r
        r_width, r_height = _width(r), _height(r)
        if filled and r_height <= RULE_MAX_THICKNESS and r_width > 3 * r_height:
            return [Rule(r, True, float(r_height))]
        if filled and r_width <= RULE_MAX_THICKNESS and r_height > 3 * r_width:
            return [Rule(r, False, float(r_width))]
        if not filled and width > 0:
            corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            sides = [_line_rule(a, b, width) for a, b in zip(corners, corners[1:] + corners[:1])]
            return [s for s in sides if s is not None]
    return []


def _axis_aligned(q: Sequence[Pt]) -> bool:
    """A quad whose sides are horizontal and vertical, whichever way it is mirrored."""
    ul, ur, ll, lr = q
    return (abs(ul[1] - ur[1]) < 0.01 and abs(ll[1] - lr[1]) < 0.01
            and abs(ul[0] - ll[0]) < 0.01 and abs(ur[0] - lr[0]) < 0.01)


def _quad_rect(q: Sequence[Pt]) -> Box:
    """pymupdf.Quad.rect: the box around the corners."""
    ul, ur, ll, lr = q
    xs, ys = (ul[0], ur[0], lr[0], ll[0]), (ul[1], ur[1], lr[1], ll[1])
    return float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))


def _line_rule(p: Pt, q: Pt, width: float) -> Rule | None:
    px, py, qx, qy = p[0], p[1], q[0], q[1]
    if abs(py - qy) < 0.5 and abs(px - qx) >= 0.5:
        return Rule((min(px, qx), py - width / 2, max(px, qx), py + width / 2), True, width)
    if abs(px - qx) < 0.5 and abs(py - qy) >= 0.5:
        return Rule((px - width / 2, min(py, qy), px + width / 2, max(py, qy)), False, width)
    return None
