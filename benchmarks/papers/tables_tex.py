"""Render a table grid (cell text exactly as a reader sees it) as LaTeX tabular rows.

The table papers' ground truth and their LaTeX are built from the same grid, so they cannot disagree:
`tex()` turns the reader's text (−, ±, ×, ⁻⁴, ₂, μ, Δ, %) back into the LaTeX that prints it.
"""
from __future__ import annotations

import re
import unicodedata

SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+"))
SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₛₜₙₘₚₖ", "0123456789aeoxstnmpk"))
SYMBOLS = {"±": r"$\pm$", "×": r"$\times$", "≤": r"$\leq$", "≥": r"$\geq$", "%": r"\%",
           "&": r"\&", "#": r"\#", "_": r"\_", "Å": r"\AA{}", "–": "--", "—": "---", "°": r"\textdegree{}",
           "∗": r"$^*$"}


def tex(text: str) -> str:
    """LaTeX that typesets `text`: math minus, sub/superscript runs, Greek letters in math, symbols escaped."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in SUP or ch in SUB:
            table = SUP if ch in SUP else SUB
            j = i
            while j < len(text) and text[j] in table:
                j += 1
            run = "".join(table[c] for c in text[i:j])
            out.append(("$^{%s}$" if table is SUP else "$_{%s}$") % run)
            i = j
            continue
        if ch == "−":
            out.append("$-$")
        elif unicodedata.name(ch, "").startswith(("GREEK SMALL LETTER", "GREEK CAPITAL LETTER")):
            name = unicodedata.name(ch).split()[-1].lower()
            out.append("$\\%s$" % (name if "SMALL" in unicodedata.name(ch) else name.capitalize()))
        else:
            out.append(SYMBOLS.get(ch, ch))
        i += 1
    return re.sub(r"\$\$", "", "".join(out))  # adjacent math pieces join into one formula


def siunitx_number(text: str) -> str:
    """What to write in an siunitx S column so that it prints `text` (−1.2, 3.2 × 10⁻⁴, 12.3 ± 0.4)."""
    s = text.replace("−", "-").replace(" ± ", r" \pm ")
    m = re.fullmatch(r"(-?[\d.]+) × 10([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", s)
    if m:
        s = m.group(1) + "e" + "".join(SUP[c] for c in m.group(2))
    return s


def rows(grid: list[list[str | None]], spans: list[list[int]], start: int = 0, stop: int | None = None,
         s_cols: frozenset[int] = frozenset(), d_cols: frozenset[int] = frozenset(), rules: dict[int, str] | None = None,
         align: str = "c", wrap: dict[tuple[int, int], str] | None = None,
         raw: dict[tuple[int, int], str] | None = None) -> str:
    r"""Tabular rows `start:stop` of a grid: \multicolumn / \multirow for spans, `rules[r]` after row r.

    In S columns numbers are written for siunitx and text is braced; in dcolumn D columns numbers are
    written as math and text goes in a \multicolumn{1}{c}; `wrap[(r, c)]` is a format string
    ('\rotatebox{90}{%s}') applied to that cell's LaTeX; `raw[(r, c)]` replaces it (\makecell, \tnote)."""
    span_at = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    covered_col = {(r, c + k) for r, c, rs, cs in spans for k in range(1, cs)}
    covered_col |= {(r + j, c + k) for r, c, rs, cs in spans for j in range(1, rs) for k in range(1, cs)}
    lines = []
    stop = len(grid) if stop is None else stop
    for r in range(start, stop):
        parts = []
        for c, text in enumerate(grid[r]):
            if (r, c) in covered_col:
                continue
            if text is None:  # slot covered by a \multirow above: an empty cell of its own in LaTeX
                rs_cs = next(((rs, cs) for (r0, c0), (rs, cs) in span_at.items()
                              if c0 == c and r0 < r < r0 + rs), (1, 1))
                parts.append(r"\multicolumn{%d}{c}{}" % rs_cs[1] if rs_cs[1] > 1 else "")
                continue
            body = tex(text)
            if c in s_cols:
                body = siunitx_number(text) if re.fullmatch(r"[−\d.,± ×⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+", text) and text else f"{{{body}}}"
            if c in d_cols:
                numeric = re.fullmatch(r"−?[\d.]+", text) is not None
                body = text.replace("−", "-") if numeric else rf"\multicolumn{{1}}{{c}}{{{body}}}"
            if raw and (r, c) in raw:
                body = raw[(r, c)]
            if wrap and (r, c) in wrap:
                body = wrap[(r, c)] % body
            rs, cs = span_at.get((r, c), (1, 1))
            if rs > 1:
                body = r"\multirow{%d}{*}{%s}" % (rs, body)
            if cs > 1:
                body = r"\multicolumn{%d}{%s}{%s}" % (cs, align, body)
            parts.append(body)
        lines.append(" & ".join(parts) + r" \\" + (" " + rules[r] if rules and r in rules else ""))
    return "\n".join(lines)
