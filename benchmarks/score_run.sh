#!/usr/bin/env bash
# Run the pipeline on a folder of PDFs with ground truth and score the snapshot it publishes.
#   benchmarks/score_run.sh TRUTH_DIR [SCORER]     (SCORER defaults to ../shared/bench/score.py, or where that
#                                                  is absent to benchmarks/score_tables.py: tables only)
# Prints the scorer's tables (per style tag) and the run's wall time. Uses a throwaway data dir.
set -euo pipefail
truth="${1:?usage: benchmarks/score_run.sh TRUTH_DIR [SCORER]}"
here="$(cd "$(dirname "$0")/.." && pwd)"
scorer="${2:-$here/../shared/bench/score.py}"
[ -f "$scorer" ] || scorer="$here/benchmarks/score_tables.py"
python="${PYTHON:-$here/.venv/bin/python}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
start=$(date +%s.%N)
"$python" -m paperlake.cli run "$truth" --data-dir "$data" > "$data/run.log" 2>&1 || { tail -20 "$data/run.log"; exit 1; }
end=$(date +%s.%N)
"$python" "$scorer" --truth "$truth" --pred "$data/published/$(cat "$data/published/CURRENT")"
printf 'paperlake run wall time: %.1f s\n' "$(echo "$end - $start" | bc)"
