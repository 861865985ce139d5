"""Score extracted tables against *.truth.json files: detection F1, structure, exact grids, header rows, captions.

    python benchmarks/score_tables.py --truth benchmarks/papers/tables --pred DATA_DIR/published/SNAPSHOT
    python benchmarks/score_tables.py --truth benchmarks/papers/tables            # extract in-process
    ... [--details]   (prints truth and predicted grids side by side for every table that is not exact)

The repository's own scorer for the table metrics of ../shared/bench/score.py (which lives outside the
repository), following its definitions: continued_from chains are merged (a continuation's rows that
repeat the header are dropped); a prediction matches the truth table with the same label number on an
overlapping page, else the one whose normalized cell multiset overlaps best (Jaccard >= 0.5); structure
is the ICDAR-2013 adjacency-relation F1, exact the same grid shape and normalized text in every slot,
header the same number of header rows, caption a normalized similarity >= 0.9. Quality metrics average
over truth tables (an unmatched one scores 0). Two more, beyond the shared scorer: footnote (the table's
notes kept, similarity >= 0.9, or none when there are none) and numbers (the share of the truth's numeric
body cells - `−1.2`, `12.3 ± 0.4`, `3.2 × 10⁻⁴`, `24.4 μM` - read with the right value, uncertainty and
unit, the unit from the cell or its column header's brackets). A snapshot is read with DuckDB.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for the in-process extraction (extractors.pipeline)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from score import cell_multiset, exact_grid, grid_from_cells, jaccard, norm, relations  # noqa: E402  the scorer's own metrics

Grid = list[list[str | None]]
Span = tuple[int, int, int, int]
_MAP = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-",
                      "\u2015": "-", "\ufe63": "-", "\uff0d": "-", "\u2206": "\u0394", "\u00b5": "\u03bc",
                      "\u2217": "*", "\u00a0": " ", "\u2009": " ", "\u202f": " "})
_LABEL_RE = re.compile(r"^\s*(?:table|tab\.?)\s*([0-9]+|[ivxlc]+\b|s[0-9]+)\s*[:.|]?\s*", re.IGNORECASE)
METRICS = ("f1", "structure", "exact", "header", "caption", "footnote", "numbers")
_NUMBER = re.compile(r"^(?P<v>[−-]?\d+(?:\.\d+)?)(?:\s*±\s*(?P<u>\d+(?:\.\d+)?))?"
                     r"(?:\s*×\s*10(?P<e>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?(?:\s+(?P<unit>[^\d\s].*)|(?P<pct>%))?$")
_HEADER_UNIT = re.compile(r"[(\[]([^()\[\]]+)[)\]]\s*$")



def label_key(label: str | None) -> str | None:
    """'Table 3', 'TABLE III', 'Tab. 3' -> '3'."""
    m = _LABEL_RE.match(unicodedata.normalize("NFKC", label)) if label else None
    if not m:
        return None
    token = m.group(1).lower()
    if token.isdigit():
        return str(int(token))
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    if all(ch in values for ch in token):
        nums = [values[ch] for ch in token]
        return str(sum(-a if a < b else a for a, b in zip(nums, nums[1:] + [0])))
    return token


def expected_number(text: str, header: str | None) -> tuple[float, float | None, str | None] | None:
    """(value, uncertainty, unit) a reader takes from a truth cell, or None when it holds no plain number."""
    m = _NUMBER.match(unicodedata.normalize("NFC", text or "").strip())
    if not m:
        return None
    exponent = 0
    if m.group("e"):
        exponent = int(unicodedata.normalize("NFKC", m.group("e")).translate(_MAP))
    value = float(m.group("v").replace("−", "-")) * 10.0 ** exponent
    uncertainty = float(m.group("u")) * 10.0 ** exponent if m.group("u") else None
    unit = m.group("unit") or m.group("pct")
    if unit is None and header:
        bracket = _HEADER_UNIT.search(header)
        unit = bracket.group(1) if bracket else None
    return value, uncertainty, unit


def same_number(expected: tuple[float, float | None, str | None], cell: dict) -> bool:
    value, uncertainty, unit = expected
    def close(a: float | None, b: float | None) -> bool:
        return (a is None) == (b is None) and (a is None or abs(a - b) <= 1e-9 * max(1.0, abs(a)))
    return close(value, cell.get("value")) and close(uncertainty, cell.get("uncertainty")) and \
        norm(unit) == norm(cell.get("unit"))


def number_hits(truth: dict, pred: dict | None) -> tuple[int, int]:
    """(numeric truth body cells read right, numeric truth body cells); cells are paired by their text."""
    width = len(truth["grid"][0]) if truth["grid"] else 0
    headers = [next((truth["grid"][r][c] for r in range(truth["header_rows"] - 1, -1, -1)
                     if truth["grid"][r][c]), None) for c in range(width)]
    pool: dict[str, list[dict]] = defaultdict(list)
    for cell in (pred or {}).get("cells", []):
        pool[norm(cell["text"])].append(cell)
    hits = total = 0
    for row in truth["grid"][truth["header_rows"]:]:
        for c, text in enumerate(row):
            expected = expected_number(text, headers[c]) if text else None
            if expected is None:
                continue
            total += 1
            candidates = pool.get(norm(text), [])
            hit = next((k for k, cell in enumerate(candidates) if same_number(expected, cell)), None)
            if hit is not None:
                hits += 1
                candidates.pop(hit)
    return hits, total


def caption_similar(truth: str | None, pred: str | None) -> bool:
    """Captions agree when their normalized texts (label and line-break hyphens removed) are >= 0.9 similar."""
    def clean(s: str | None) -> str:
        s = unicodedata.normalize("NFKC", s or "").translate(_MAP)
        s = re.sub(r"(\w)-\s+(\w)", r"\1\2", _LABEL_RE.sub("", s, count=1))
        return re.sub(r"\s+", "", s).casefold()
    a, b = clean(truth), clean(pred)
    return bool(a and b) and SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


# ------------------------------------------------------------------------------------------- grids

def f1(tp: int, n_pred: int, n_true: int) -> float:
    p = tp / n_pred if n_pred else float(n_true == 0)
    r = tp / n_true if n_true else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def structure_f1(truth: dict, pred: dict) -> float:
    a, b = relations(truth["grid"], truth["spans"]), relations(pred["grid"], pred["spans"])
    return f1(sum((a & b).values()), sum(b.values()), sum(a.values()))



# ------------------------------------------------------------------------------------------- predictions
def merge_chains(parts: list[dict]) -> list[dict]:
    """Join parts linked by `cont` (the key of the previous part) into whole tables, dropping repeated headers."""
    by_key = {p["key"]: p for p in parts}
    nexts = defaultdict(list)
    for p in parts:
        if p["cont"] is not None and p["cont"] in by_key:
            nexts[p["cont"]].append(p)
    merged = []
    for head in parts:
        if head["cont"] is not None and head["cont"] in by_key:
            continue
        table = dict(head, pages=[head["page"]], grid=[list(r) for r in head["grid"]], spans=list(head["spans"]))
        header = [[norm(v) for v in r] for r in head["grid"][: head["n_header"]]]
        cur, seen = head, {head["key"]}
        while nexts.get(cur["key"]):
            nxt = min(nexts[cur["key"]], key=lambda x: x["page"])
            if nxt["key"] in seen:
                break
            seen.add(nxt["key"])
            k = 0
            while k < len(header) and k < len(nxt["grid"]) and \
                    [norm(v) for v in nxt["grid"][k]][: len(header[k])] == header[k]:
                k += 1
            drop = k if k == len(header) else nxt["n_header"]
            table["spans"] += [(r - drop + len(table["grid"]), c, rs, cs) for r, c, rs, cs in nxt["spans"] if r >= drop]
            table["grid"] += [list(r) for r in nxt["grid"][drop:]]
            table["pages"].append(nxt["page"])
            table["label"] = table["label"] or nxt["label"]
            table["caption"] = table["caption"] or nxt["caption"]
            table["footnotes"] = " ".join(f for f in (table.get("footnotes"), nxt.get("footnotes")) if f) or None
            table["cells"] = table.get("cells", []) + nxt.get("cells", [])
            cur = nxt
        width = max((len(r) for r in table["grid"]), default=0)
        table["grid"] = [r + [""] * (width - len(r)) for r in table["grid"]]
        merged.append(table)
    return merged


def _part(key: Any, page: int, label: str | None, caption: str | None, footnotes: str | None, n_header: int,
          cont: Any, cells: list[dict], n_rows: int, n_cols: int) -> dict:
    grid, spans = grid_from_cells(cells, n_rows, n_cols)
    return {"key": key, "page": page, "label": label, "caption": caption, "footnotes": footnotes, "n_header": n_header,
                "cont": cont, "grid": grid, "spans": spans, "cells": cells}


def tables_from_extraction(extraction: Any) -> list[dict]:
    """Whole tables from an extractors.pipeline DocumentExtraction (continued_from is an index there)."""
    parts = [_part(i, t.page, t.label, t.caption, t.footnotes, t.n_header_rows, t.continued_from,
                   [{"row": c.row, "col": c.col, "row_span": c.row_span, "col_span": c.col_span, "text": c.text, "value": c.value,
                         "uncertainty": c.uncertainty, "unit": c.unit} for c in t.cells],
                   t.n_rows, t.n_cols)
             for i, t in enumerate(extraction.tables)]
    return merge_chains(parts)


def tables_from_snapshot(snapshot: Path) -> dict[str, list[dict]]:
    """Whole tables per document stem from a published snapshot's Parquet files, read with DuckDB."""
    import duckdb

    def source(name: str) -> str:
        path = snapshot / f"{name}.parquet"
        return str(path if path.exists() else snapshot / name / "*.parquet")

    con = duckdb.connect()
    try:
        docs = dict(con.execute(f"SELECT doc_id, file_name FROM read_parquet('{source('documents')}')").fetchall())
        tables = con.execute(f"SELECT table_id, doc_id, page, label, caption, footnotes, n_header_rows, continued_from,"
                             f" n_rows, n_cols FROM read_parquet('{source('tables')}')").fetchall()
        cells = defaultdict(list)
        for tid, row, col, rs, cs, text, value, unc, unit in con.execute(
                f"SELECT table_id, row, col, row_span, col_span, text, value, uncertainty, unit "
                f"FROM read_parquet('{source('table_cells')}')").fetchall():
            cells[tid].append({"row": row, "col": col, "row_span": rs or 1, "col_span": cs or 1, "text": text, "value": value,
                                   "uncertainty": unc, "unit": unit})
    finally:
        con.close()
    parts = defaultdict(list)
    for tid, doc_id, page, label, caption, footnotes, n_header, cont, n_rows, n_cols in tables:
        parts[Path(docs[doc_id]).stem].append(
            _part(tid, page, label, caption, footnotes, n_header or 0, cont, cells[tid], n_rows or 0, n_cols or 0))
    return {stem: merge_chains(p) for stem, p in parts.items()}


# ------------------------------------------------------------------------------------------- scoring
def match(truths: list[dict], preds: list[dict]) -> dict[int, int]:
    """One-to-one truth -> prediction: same label number on an overlapping page first, then best Jaccard >= 0.5."""
    pairs: dict[int, int] = {}
    scores = {(i, j): jaccard(cell_multiset(t["grid"]), cell_multiset(p["grid"]))
              for i, t in enumerate(truths) for j, p in enumerate(preds)}
    by_label = [(s, i, j) for (i, j), s in scores.items()
                if label_key(truths[i]["label"]) is not None
                and label_key(truths[i]["label"]) == label_key(preds[j]["label"])
                and (set(truths[i]["pages"]) & set(preds[j]["pages"]) or s >= 0.5)]
    by_content = [(s, i, j) for (i, j), s in scores.items() if s >= 0.5]
    for candidates in (by_label, by_content):
        for _, i, j in sorted(candidates, key=lambda x: -x[0]):
            if i not in pairs and j not in pairs.values():
                pairs[i] = j
    return pairs


def score_document(name: str, truth: dict, preds: list[dict]) -> tuple[list[dict], list[dict]]:
    """Per truth table: matched, structure, exact, header, caption (+ both grids); and the unmatched predictions."""
    truths = truth["tables"]
    pairs = match(truths, preds)
    rows = []
    for i, t in enumerate(truths):
        p = preds[pairs[i]] if i in pairs else None
        hits, numeric = number_hits(t, p)
        footnote = (p is not None) and (caption_similar(t.get("footnote"), p.get("footnotes")) if t.get("footnote")
                                        else not p.get("footnotes"))
        rows.append({"doc": name, "label": t["label"], "style": t["style"], "pages": t["pages"], "matched": p is not None,
                         "structure": structure_f1(t, p) if p else 0.0,
                         "exact": float(bool(p) and exact_grid(t["grid"], p["grid"])),
                         "header": float(bool(p) and p["n_header"] == t["header_rows"]),
                         "caption": float(bool(p) and caption_similar(t["caption"], p["caption"])),
                         "footnote": float(footnote), "number_hits": hits, "numeric_cells": numeric, "truth": t, "pred": p})
    extra = [p for j, p in enumerate(preds) if j not in pairs.values()]
    return rows, [{"doc": name, "pages": p["pages"], "pred": p} for p in extra]


def aggregate(rows: list[dict], n_false: int) -> dict[str, float]:
    """Detection F1 (false positives given) and the mean quality metrics over truth tables."""
    n = len(rows)
    tp = sum(r["matched"] for r in rows)
    out = {"n": n, "tp": tp, "n_pred": tp + n_false, "f1": f1(tp, tp + n_false, n)}
    out.update({k: sum(r[k] for r in rows) / n if n else 0.0 for k in METRICS[1:6]})
    numeric = sum(r["numeric_cells"] for r in rows)
    out["numbers"] = sum(r["number_hits"] for r in rows) / numeric if numeric else 1.0
    return out


def score(truth: dict[str, dict], preds: dict[str, list[dict]]) -> dict[str, Any]:
    """Overall, per paper and per style tag figures (a style's false positives: extras on its tables' pages)."""
    rows, extras = [], []
    for name, doc in sorted(truth.items()):
        r, e = score_document(name, doc, preds.get(name, []))
        rows += r
        extras += e
    per_doc = {name: aggregate([r for r in rows if r["doc"] == name], sum(e["doc"] == name for e in extras))
               for name in sorted(truth)}
    per_style = {}
    for tag in sorted({s for r in rows for s in r["style"]}):
        sub = [r for r in rows if tag in r["style"]]
        pages = {(r["doc"], p) for r in sub for p in r["pages"]}
        per_style[tag] = aggregate(sub, sum(any((e["doc"], p) in pages for p in e["pages"]) for e in extras))
    return {"overall": aggregate(rows, len(extras)), "per_doc": per_doc, "per_style": per_style, "rows": rows, "extras": extras}


def load_truth(folder: Path) -> dict[str, dict]:
    return {p.name[: -len(".truth.json")]: json.loads(p.read_text()) for p in sorted(folder.glob("*.truth.json"))}


# ------------------------------------------------------------------------------------------- reporting
def table_report(figures: dict[str, dict[str, float]], title: str) -> str:
    lines = [(f"{title:<28} {'n':>3} {'F1':>6} {'struct':>6} {'exact':>6} {'header':>6} {'capt':>6} {'footn':>6} "
             f"{'number':>6}")]
    for key, m in figures.items():
        lines.append(f"{key:<28} {m['n']:>3} " + " ".join(f"{m[k]:>6.3f}" for k in METRICS))
    return "\n".join(lines)


def grid_text(grid: Grid) -> list[str]:
    return [" | ".join("·" if v is None else (v or "∅") for v in row) for row in grid]


def number_misses(truth: dict, pred: dict) -> list[str]:
    """Truth numbers the prediction reads wrongly: 'text: expected (v, u, unit), got (v, u, unit)'."""
    found = {norm(c["text"]): c for c in pred.get("cells", [])}
    width = len(truth["grid"][0])
    headers = [next((truth["grid"][r][c] for r in range(truth["header_rows"] - 1, -1, -1)
                     if truth["grid"][r][c]), None) for c in range(width)]
    misses = []
    for row in truth["grid"][truth["header_rows"]:]:
        for c, text in enumerate(row):
            expected = expected_number(text, headers[c]) if text else None
            cell = found.get(norm(text))
            if expected and not (cell and same_number(expected, cell)):
                got = (cell["value"], cell["uncertainty"], cell["unit"]) if cell else "no such cell"
                misses.append(f"{text}: expected {expected}, got {got}")
    return misses


def details(result: dict[str, Any]) -> str:
    """Markdown: for every table that is not read perfectly, what differs, with both grids side by side."""
    out = []
    for r in result["rows"]:
        if r["matched"] and r["exact"] and r["header"] and r["caption"] and r["structure"] == 1.0 \
                and r["footnote"] and r["number_hits"] == r["numeric_cells"]:
            continue
        t, p = r["truth"], r["pred"]
        out.append(f"### {r['doc']} {r['label']} (pages {r['pages']}, style {', '.join(r['style'])})\n")
        if p is None:
            out.append("NOT DETECTED\n")
            out += ["```", "truth:", *grid_text(t["grid"]), "```\n"]
            continue
        out.append(f"structure {r['structure']:.3f}, exact {int(r['exact'])}; header rows truth {t['header_rows']} "
                   f"pred {p['n_header']}; predicted pages {p['pages']}; label {p['label']!r}\n")
        if not r["caption"]:
            out.append(f"caption truth: {t['caption']!r}\ncaption pred:  {p['caption']!r}\n")
        if not r["footnote"]:
            out.append(f"footnote truth: {t.get('footnote')!r}\nfootnote pred:  {p.get('footnotes')!r}\n")
        if r["number_hits"] != r["numeric_cells"]:
            out.append(f"numbers read right: {r['number_hits']} of {r['numeric_cells']}; "
                       f"first misses: {number_misses(t, p)[:4]}\n")
        if sorted(map(tuple, t["spans"])) != sorted(p["spans"]):
            out.append(f"spans truth {sorted(map(tuple, t['spans']))} pred {sorted(p['spans'])}\n")
        tl, pl = grid_text(t["grid"]), grid_text(p["grid"])
        width = max(len(x) for x in tl + ["truth"])
        out.append("```")
        out.append(f"   {'truth':<{width}}  ||  predicted")
        for k in range(max(len(tl), len(pl))):
            a = tl[k] if k < len(tl) else ""
            b = pl[k] if k < len(pl) else ""
            same = k < len(t["grid"]) and k < len(p["grid"]) and exact_grid([t["grid"][k]], [p["grid"][k]])
            out.append(f"{'  ' if same else '≠ '} {a:<{width}}  ||  {b}")
        out.append("```\n")
    for e in result["extras"]:
        out.append(f"### {e['doc']} false positive on pages {e['pages']} (label {e['pred']['label']!r})\n")
        out += ["```", *grid_text(e["pred"]["grid"]), "```\n"]
    return "\n".join(out)


def extract_folder(folder: Path, names: list[str]) -> dict[str, list[dict]]:
    """Run the extraction in-process on each truth file's PDF."""
    from extractors.pipeline import extract_document

    return {name: tables_from_extraction(extract_document(folder / f"{name}.pdf")) for name in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, required=True, help="folder of NAME.pdf + NAME.truth.json")
    parser.add_argument("--pred", type=Path, help="a published snapshot; default: extract the PDFs in-process")
    parser.add_argument("--details", action="store_true", help="print the grids of every imperfect table")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    truth = load_truth(args.truth)
    preds = tables_from_snapshot(args.pred) if args.pred else extract_folder(args.truth, list(truth))
    result = score(truth, preds)
    print(table_report({"overall": result["overall"]}, "tables"))
    print()
    print(table_report(result["per_doc"], "per paper"))
    print()
    print(table_report(result["per_style"], "per style"))
    if args.details:
        print()
        print(details(result))
    if args.json:
        slim = {k: result[k] for k in ("overall", "per_doc", "per_style")}
        args.json.write_text(json.dumps(slim, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
