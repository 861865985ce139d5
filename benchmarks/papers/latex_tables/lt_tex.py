"""Turn one random table (random_tables' TableContent) into the LaTeX that typesets it.

The truth grid and the LaTeX come from the same cells, so they cannot disagree: every cell's reader text
goes through tables_tex.tex() (−, ±, × 10⁻⁴, ₂, μ, Δ back into LaTeX). What the tabular looks like
(rules, alignment, decimal columns, wrapped text columns, multirow cells, section rows) is a `TexStyle`
drawn by lt_doc.py. Each row's first cell carries an invisible position mark (\\rowmark) that pdfTeX
writes to NAME.pos at shipout, so the truth learns each row's page from pdfTeX itself.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

PAPERS = Path(__file__).resolve().parents[1]
for _p in (PAPERS, PAPERS / "random_tables"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from rt_content import Cell, TableContent
from tables_tex import tex as _tex

# marks and signs tables_tex.tex() leaves alone but pdfLaTeX (OT1 fonts, utf8 input) cannot print as is
_EXTRA = {"ᵃ": "${}^{a}$", "ᵇ": "${}^{b}$", "†": r"${}^{\dagger}$", "<": "$<$", ">": "$>$", "*": "${}^{*}$"}
NUMERIC = re.compile(r"−?\d+(\.\d+)?")


def tex(text: str) -> str:
    """LaTeX for a reader's text: tables_tex.tex() plus footnote marks and the OT1-unsafe < and >."""
    return _tex("".join(_EXTRA.get(ch, ch) for ch in text)).replace("$$", "")


@dataclass(frozen=True)
class TexStyle:
    """How a tabular is drawn; each choice is also a style tag of the table (see lt_doc.draw_style)."""
    rules: str  # booktabs, hlines, grid, norules
    cmidrule: bool  # booktabs partial rules under group heads
    align: str  # value column alignment: c, r, l
    dcolumn: frozenset[int]  # columns aligned on the decimal point with dcolumn's D{.}{.}{-1}
    wrap_width: str  # p{} width of wrapped text columns
    section_rule: bool  # a \midrule / \hline over each section row
    middle: str = ""  # `wrap_cells`: wrapped columns are m{} (every cell centred on its row), \raggedright or \centering
    stretch: float = 1.0  # \arraystretch: rows set apart (`wrap_cells`)


def colspec(tc: TableContent, st: TexStyle) -> str:
    """The tabular's column specification: stubs left, values by `align`, wrapped columns p{}."""
    cols = []
    for c, kind in enumerate(tc.col_kinds):
        if kind == "stub":
            cols.append("l")
        elif kind == "wrap" and st.middle:
            cols.append(r">{%s\arraybackslash}m{%s}" % (st.middle, st.wrap_width))
        elif kind == "wrap":
            cols.append(r">{\raggedright\arraybackslash}p{%s}" % st.wrap_width)
        elif c in st.dcolumn:
            cols.append("D{.}{.}{-1}")
        else:
            cols.append(st.align)
    bar = "|" if st.rules == "grid" else ""
    return bar + bar.join(cols) + bar


def _multicol(c: int, cs: int, align: str, st: TexStyle, body: str) -> str:
    if st.rules == "grid":
        align = ("|" if c == 0 else "") + align + "|"
    return r"\multicolumn{%d}{%s}{%s}" % (cs, align, body)


def _cell(tc: TableContent, st: TexStyle, r: int, c: int, cell: Cell) -> str:
    text = cell.text
    body = tex(text)
    if cell.kind == "section":
        return _multicol(c, cell.cs, "l", st, r"\textit{%s}" % body)
    if c in st.dcolumn and r >= tc.header_rows and NUMERIC.fullmatch(text) and not cell.bold:
        return text.replace("−", "-")
    if cell.bold and body:
        body = r"\textbf{%s}" % body
    if cell.rs > 1 and not (r >= tc.header_rows and "wrap" in tc.col_kinds):
        # lowered to the middle of its rows, as multirow.sty does; beside wrapped p{} cells (rows of several
        # lines) that middle falls inside one row's lines, so there the label stays in its first row
        body = r"\mr{%d}{%s}" % (cell.rs, body)
    if cell.cs > 1:
        return _multicol(c, cell.cs, "c", st, body)
    if c in st.dcolumn or (st.rules == "grid" and r < tc.header_rows and c > 0):
        # text in a D column must leave math mode; header cells are centred over their column
        return _multicol(c, 1, "c", st, body)
    return body


def _covered_by_rowspan(tc: TableContent, r: int) -> set[int]:
    """Columns where a span runs on from row r into row r + 1 (no rule may cross it there)."""
    out: set[int] = set()
    for r0, row in enumerate(tc.rows):
        for c0, cell in enumerate(row):
            if cell is not None and cell.rs > 1 and r0 <= r < r0 + cell.rs - 1:
                out |= set(range(c0, c0 + cell.cs))
    return out


def _cline(tc: TableContent, r: int) -> str:
    """\\hline under row r, or \\cline pieces around the rowspans that continue below it."""
    skip = _covered_by_rowspan(tc, r)
    if not skip:
        return r"\hline"
    pieces, start = [], None
    for c in range(tc.n_cols + 1):
        if c < tc.n_cols and c not in skip:
            start = c if start is None else start
        elif start is not None:
            pieces.append(r"\cline{%d-%d}" % (start + 1, c))
            start = None
    return "".join(pieces)


def _rule_after(tc: TableContent, st: TexStyle, r: int) -> str:
    last = len(tc.rows) - 1
    hr = tc.header_rows
    if st.rules == "booktabs":
        if r == hr - 1:
            return r"\midrule"
        if r < hr - 1 and st.cmidrule:
            groups = [(c, cell.cs) for c, cell in enumerate(tc.rows[r]) if cell is not None and cell.cs > 1]
            return "".join(r"\cmidrule(lr){%d-%d}" % (c + 1, c + cs) for c, cs in groups)
        below = tc.rows[r + 1][0] if r < last else None
        if st.section_rule and below is not None and below.kind == "section":
            return r"\midrule"
        return r"\bottomrule" if r == last else ""
    if st.rules in ("hlines", "grid"):
        return _cline(tc, r) if r < last else r"\hline"
    if st.rules == "norules" and st.section_rule and r == hr - 1:
        return r"\hline"
    return ""


def row_tex(tc: TableContent, st: TexStyle, r: int, tid: int) -> str:
    """One tabular row (with its rule below), its first cell carrying the row's position mark."""
    row = tc.rows[r]
    parts: list[str] = []
    c = 0
    while c < tc.n_cols:
        cell = row[c]
        if cell is None:  # covered: by a colspan on the left (skip), or by a rowspan from above (empty cell)
            owner = next((oc for oc in range(c - 1, -1, -1) if row[oc] is not None), None)
            if owner is not None and row[owner].cs > c - owner:
                c += 1
                continue
            parts.append(_multicol(c, 1, "c", st, "") if st.rules == "grid" or c in st.dcolumn else "")
            c += 1
            continue
        parts.append(_cell(tc, st, r, c, cell))
        c += cell.cs
    mark = r"\rowmark{%d}{%d}" % (tid, r)
    parts[0] = _insert_mark(parts[0], mark)
    rule = _rule_after(tc, st, r)
    return " & ".join(parts) + r" \\" + (" " + rule if rule else "")


def _insert_mark(cell: str, mark: str) -> str:
    if cell.startswith(r"\multicolumn"):  # the mark goes inside the cell's body, after its two arguments
        m = re.match(r"\\multicolumn\{\d+\}\{[^}]*\}\{", cell)
        assert m
        return cell[:m.end()] + mark + cell[m.end():]
    return mark + cell


def top_rule(st: TexStyle) -> str:
    return {"booktabs": r"\toprule", "hlines": r"\hline", "grid": r"\hline"}.get(st.rules, "")


def tabular(tc: TableContent, st: TexStyle, tid: int) -> str:
    """A complete tabular environment."""
    lines = [r"\begin{tabular}{%s}" % colspec(tc, st), top_rule(st)]
    lines += [row_tex(tc, st, r, tid) for r in range(len(tc.rows))]
    lines.append(r"\end{tabular}")
    if st.stretch != 1.0:
        lines = [r"{\renewcommand{\arraystretch}{%.2f}" % st.stretch, *lines, "}"]
    return "\n".join(x for x in lines if x)


def longtable(tc: TableContent, st: TexStyle, tid: int, caption: str, label: str, cont_caption: bool) -> str:
    """A longtable that breaks across pages, its header repeated (under `Table N: (continued)` if asked)."""
    hr = tc.header_rows
    head = [row_tex(tc, st, r, tid) for r in range(hr)]
    bottom = {"booktabs": r"\bottomrule", "hlines": r"\hline", "grid": r"\hline"}.get(st.rules, "")
    lines = [r"\begin{longtable}{%s}" % colspec(tc, st), r"\caption{%s}\label{%s}\\" % (caption, label),
             top_rule(st), *head, r"\endfirsthead"]
    if cont_caption:
        lines.append(r"\caption[]{(continued)}\\")
    lines += [top_rule(st), *[h.replace(r"\rowmark", r"\norowmark") for h in head], r"\endhead",
              bottom, r"\endfoot", bottom, r"\endlastfoot"]
    body = [row_tex(tc, st, r, tid) for r in range(hr, len(tc.rows))]
    body[-1] = re.sub(r"\s*\\(bottomrule|hline)$", "", body[-1])
    lines += body
    lines.append(r"\end{longtable}")
    return "\n".join(x for x in lines if x)
