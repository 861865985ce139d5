"""Compile a document with pdfLaTeX and write its truth from the positions pdfTeX recorded.

Pages and boxes are not guessed from the PDF: every tabular row carries a \\pdfsavepos mark and every
float tabular a box mark (lt_doc.PREAMBLE), written to NAME.pos at shipout, so a table's pages (and a
longtable's page per body row) are what pdfTeX placed. A float tabular wider than its column is set
again, in a two-column page across both columns (table*), else shrunk to the column with \\resizebox.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pymupdf
from lt_doc import DocPlan, TableJob, render

PT_TO_BP = 72 / 72.27  # TeX points to PDF points
SP = 65536


class LatexError(RuntimeError):
    """pdflatex failed; the message holds the end of its log."""


def compile_tex(source: str, name: str, out: Path) -> tuple[Path, list[list[str]]]:
    """Run pdflatex twice (for \\ref) in a scratch folder; copy NAME.pdf and NAME.tex to `out`.

    Returns the PDF's path and the position records (split lines of NAME.pos). Dates and the trailer ID
    are fixed (SOURCE_DATE_EPOCH, \\pdftrailerid{}) so the same source gives the same bytes."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1")
    with tempfile.TemporaryDirectory(prefix="latex-tables-") as tmp:
        work = Path(tmp)
        (work / f"{name}.tex").write_text(source)
        for _ in range(2):
            command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"]
            done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True,
                                  errors="replace", check=False)
            if done.returncode != 0:
                raise LatexError(f"{name}: pdflatex failed:\n{done.stdout[-3000:]}")
        shutil.copyfile(work / f"{name}.pdf", out / f"{name}.pdf")
        (out / f"{name}.tex").write_text(source)
        records = [line.split() for line in (work / f"{name}.pos").read_text().splitlines() if line.strip()]
    return out / f"{name}.pdf", records


def _pt(v: str) -> float:
    return float(v[:-2])  # "12.5pt"


def _refit(plan: DocPlan, records: list[list[str]]) -> bool:
    """Widen, shrink or scale down the floats that do not fit; True if anything changed."""
    changed = False
    for rec in (r for r in records if r[0] == "T"):
        job = next(j for j in plan.jobs if j.tid == int(rec[1]))
        wd, ht, dp, line, text_w, text_h = (_pt(v) for v in rec[5:11])
        if wd > line + 1 and not job.resize:
            if job.env == "table" and plan.twocolumn and job.widen:
                job.env = "table*"
            else:
                job.resize = True
            changed = True
        limit = 0.9 * text_w if job.env == "sidewaystable" else 0.85 * text_h
        if ht + dp > limit + 1 and not job.fit_height:
            job.fit_height = changed = True
    return changed


def build(plan: DocPlan, out: Path) -> tuple[Path, dict]:
    """Compile the plan (again while a float does not fit its column or page) and return its truth."""
    pdf, records = compile_tex(render(plan), plan.name, out)
    for _ in range(3):
        if not _refit(plan, records):
            break
        pdf, records = compile_tex(render(plan), plan.name, out)
    with pymupdf.open(pdf) as doc:
        heights = [page.rect.height for page in doc]
        truth = {"doc": plan.name, "n_pages": len(heights), "source": "latex",
                 "tables": [_truth(job, records, heights) for job in plan.jobs], "figures": []}
    return pdf, truth


def _truth(job: TableJob, records: list[list[str]], heights: list[float]) -> dict:
    tc = job.content
    row_page: dict[int, int] = {}
    for rec in records:
        if rec[0] == "R" and int(rec[1]) == job.tid:
            row_page.setdefault(int(rec[2]), int(rec[3]))
    missing = [r for r in range(len(tc.rows)) if r not in row_page and tc.rows[r][0] is not None]
    if missing:
        raise LatexError(f"table {job.tid}: no position mark for rows {missing}")
    for r in range(len(tc.rows)):  # rows without a first cell of their own sit with the row above
        if r not in row_page:
            row_page[r] = row_page[r - 1]
    pages = sorted(set(row_page.values()))
    entry = {"label": job.label, "label_text": job.label_text, "page": pages[0], "pages": pages,
             "caption": job.caption, "header_rows": tc.header_rows, "n_rows": len(tc.rows),
             "n_cols": tc.n_cols, "grid": tc.grid(), "spans": tc.spans(), "footnote": tc.footnote,
             "bbox": None, "style": job.style_tags()}
    box = next((rec for rec in records if rec[0] == "T" and int(rec[1]) == job.tid), None)
    if box and job.env in ("table", "table*"):
        page, x, y = int(box[2]), int(box[3]) / SP, int(box[4]) / SP
        wd, ht, dp = (float(v.rstrip("pt")) for v in box[5:8])
        h = heights[page - 1]
        entry["bbox"] = [round(x * PT_TO_BP, 2), round(h - (y + ht) * PT_TO_BP, 2),
                         round((x + wd) * PT_TO_BP, 2), round(h - (y - dp) * PT_TO_BP, 2)]
    if len(pages) > 1:
        entry["style"] = sorted(set(entry["style"]) | {"continued"} |
                                ({"continued_label"} if job.cont_caption else set()))
        entry["row_pages"] = [row_page[r] for r in range(tc.header_rows, len(tc.rows))]
    return entry
