"""Run the pipeline on a generated chart corpus and print series recovery per tool and per style.

    python -m benchmarks.charts.score_charts CORPUS_DIR [--pred PUBLISHED_DIR] [--json OUT] [--misses]

A chart counts as exact when every truth point of every series has a predicted point within 1 % of the axis
range (the bench scorer's rule, `benchmarks/score.py`). Without --pred the pipeline runs (`paperlake run`)
into a throwaway data dir.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.score import load_pred, load_truth, score


def run_pipeline(corpus: Path, data: Path) -> Path:
    """`paperlake run` on the corpus; returns the published snapshot folder."""
    log = data / "run.log"
    with log.open("w") as fh:
        subprocess.run([sys.executable, "-m", "paperlake.cli", "run", str(corpus), "--data-dir", str(data)],
                       check=True, stdout=fh, stderr=subprocess.STDOUT)
    published = data / "published"
    return published / (published / "CURRENT").read_text().strip()


def chart_rows(corpus: Path, pred: Path) -> list[dict]:
    """One row per truth chart: tool, style, matched, kind ok, points hit and total."""
    res = score(load_truth([corpus]), load_pred(pred))
    rows = []
    for r in res["details"]["figures"]:
        tags = r["style"]
        rows.append({"doc": r["doc"], "tool": tags[0], "style": tags[1], "theme": tags[2] if len(tags) > 2 else "",
                         "matched": bool(r["matched"]), "kind": r["kind"], "hit": r["series_hit"], "n": r["series_n"]})
    return rows


def table(rows: list[dict], key: str) -> list[str]:
    """Lines: key, charts, exact share, points recovered, kind."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    out = [f"{key:<26}{'charts':>7}{'exact':>8}{'points':>8}{'kind':>7}"]
    for name in sorted(groups) + ["all"]:
        g = rows if name == "all" else groups[name]
        exact = sum(1 for r in g if r["n"] and r["hit"] == r["n"]) / len(g)
        points = sum(r["hit"] for r in g) / max(1, sum(r["n"] for r in g))
        kind = sum(r["kind"] for r in g) / len(g)
        out.append(f"{name:<26}{len(g):>7}{exact:>8.3f}{points:>8.3f}{kind:>7.3f}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pred", type=Path, help="a published snapshot already made from the corpus")
    ap.add_argument("--json", type=Path, help="write the per-chart rows here")
    ap.add_argument("--misses", action="store_true", help="list the charts that are not exact")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.time()
        pred = a.pred or run_pipeline(a.corpus, Path(tmp))
        wall = time.time() - start
        rows = chart_rows(a.corpus, pred)
    print("\n".join(table(rows, "tool")))
    print()
    print("\n".join(table(rows, "style")))
    print()
    print("\n".join(table(rows, "theme")))
    if not a.pred:
        print(f"\npaperlake run wall time: {wall:.1f} s")
    if a.misses:
        for r in rows:
            if not (r["n"] and r["hit"] == r["n"]):
                print(f"miss {r['doc']}: matched={r['matched']} kind={r['kind']} points {r['hit']}/{r['n']}")
    if a.json:
        a.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
