"""How many of the truth's vector charts come back with series, and what the pipeline said about the rest.

    python benchmarks/realdev_series.py --truth ../shared/bench/realdev --pred DATA/published/SNAPSHOT
    python benchmarks/realdev_series.py --truth ../shared/bench/realdev --run [--json OUT]

Truth figures marked `"vector_chart": true` are matched to predicted figures as the benchmark scorer
does (`benchmarks/score.py`: same label on the same page, else caption or box on the same page). Prints
the vector charts in truth, how many were matched and how many have at least one series read, then one
line per chart: the predicted kind, its series count, its chart evidence and why nothing was read
(`chart_unread`). `--pred` reads a published snapshot; `--run` extracts the truth's PDFs itself
(`extract_document`, only the documents that hold a vector chart), which is quicker while iterating.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.score import fig_content_score, label_key, load_pred, match_items, norm_kind  # noqa: E402

SHOWN = ("chart_unread", "chart_series", "chart_x_axis_labels", "chart_y_axis_labels", "panels",
         "ticked_plot_areas", "picture_panels", "raster_share", "paths")


def vector_charts(truth_dir: Path) -> dict[str, list[dict]]:
    """{document stem: [truth figure, ...]} for the figures the truth marks as vector charts."""
    out: dict[str, list[dict]] = {}
    for path in sorted(truth_dir.glob("*.truth.json")):
        figures = json.loads(path.read_text()).get("figures", [])
        if any(f.get("vector_chart") for f in figures):
            out[path.name[: -len(".truth.json")]] = figures
    return out


def predicted_from_snapshot(pred: Path) -> dict[str, list[dict]]:
    """The scorer's view of a published snapshot, each figure with its `evidence` object added."""
    import pyarrow.parquet as pq

    docs = load_pred(pred)
    figures = pred / "figures.parquet" if (pred / "figures.parquet").exists() else pred / "figures"
    evidence = {row["figure_id"]: json.loads(row["evidence"] or "{}")
                for row in pq.read_table(figures, columns=["figure_id", "evidence"]).to_pylist()}
    return {stem: [dict(f, evidence=evidence.get(f["id"], {})) for f in doc["figures"]]
            for stem, doc in docs.items()}


def predicted_by_run(truth_dir: Path, stems: list[str]) -> dict[str, list[dict]]:
    """Extract the named documents and give their top-level figures in the scorer's shape."""
    from extractors.pipeline import extract_document

    out: dict[str, list[dict]] = {}
    for stem in stems:
        result = extract_document(truth_dir / f"{stem}.pdf")
        figures = []
        for k, f in enumerate(result.figures):
            if f.parent is not None:
                continue
            series: dict[str, list] = defaultdict(list)
            for p in f.series:
                series[p.series].append((p.x, p.y, p.point))
            figures.append(dict(id=k, page=f.page, bbox=list(f.bbox), label=f.label, caption=f.caption,
                                kind=norm_kind(f.kind), series=dict(series), evidence=dict(f.evidence)))
        out[stem] = figures
    return out


def report(truth: dict[str, list[dict]], pred: dict[str, list[dict]]) -> dict:
    """Match each document's figures as the scorer does and describe every vector chart."""
    rows = []
    for stem, tfigs in truth.items():
        pfigs = pred.get(stem, [])
        pairs = match_items(tfigs, pfigs, lambda t: label_key(t.get("label")),
                            lambda p: label_key(p.get("label")), fig_content_score, 0.5,
                            lambda t, p: t.get("page") == p.get("page"))
        for i, t in enumerate(tfigs):
            if not t.get("vector_chart"):
                continue
            p = pfigs[pairs[i]] if i in pairs else None
            ev = p["evidence"] if p else {}
            rows.append(dict(doc=stem[:3], page=t.get("page"), label=t.get("label"), truth_kind=t.get("kind"),
                             matched=p is not None, kind=p["kind"] if p else None,
                             series=len(p["series"]) if p else 0,
                             points=sum(len(v) for v in p["series"].values()) if p else 0,
                             evidence={k: ev[k] for k in SHOWN if k in ev},
                             panels=[v for k, v in sorted(ev.items()) if k.startswith("panel ")]))
    n = len(rows)
    read = sum(1 for r in rows if r["series"])
    return dict(vector_charts=n, matched=sum(r["matched"] for r in rows), with_series=read,
                share=round(read / n, 3) if n else 0.0, charts=rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--truth", type=Path, required=True,
                    help="folder of *.truth.json (and the PDFs, for --run)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", type=Path, help="a published snapshot folder")
    src.add_argument("--run", action="store_true", help="extract the truth's PDFs that hold a vector chart")
    ap.add_argument("--json", type=Path, help="write the report here too")
    args = ap.parse_args()
    truth = vector_charts(args.truth)
    pred = predicted_from_snapshot(args.pred) if args.pred else predicted_by_run(args.truth, list(truth))
    out = report(truth, pred)
    for r in out["charts"]:
        print(f"{r['doc']} p{r['page']:<3} {r['label']:<10} truth {r['truth_kind']:<6} -> "
              f"{(r['kind'] or 'unmatched'):<8} series {r['series']:>2} points {r['points']:>4}  "
              f"{json.dumps(r['evidence'], ensure_ascii=False)}")
        for panel in r["panels"]:
            print(f"{'':34}{panel}")
    print(f"vector charts in truth {out['vector_charts']}, matched {out['matched']}, "
          f"with >=1 series read {out['with_series']} ({out['share']:.3f})")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
