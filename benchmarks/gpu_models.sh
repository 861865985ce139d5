#!/usr/bin/env bash
# The model benchmark on a GPU machine, sized to finish within 5 minutes (each path stops after ~45 s of work).
#   bash benchmarks/gpu_models.sh [--tiny] [extra model_speed.py arguments]
# Real checkpoints come from PAPERLAKE_TABLE_DETECTION_MODEL / _STRUCTURE_MODEL / PAPERLAKE_CHART_MODEL /
# PAPERLAKE_FIGURE_MODEL (+ _REVISION; a local folder, or HF_HUB_OFFLINE with a filled cache, on a machine without
# network); --tiny uses tiny random models (a smoke run of the code path: what a CPU machine can check).
# DEVICE (default cuda), DTYPE (default auto: float16 on cuda), BATCH (default 8), PAGES (default 24).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python}"
start=$(date +%s)
"$python" - <<'PY'
import torch
print(f"torch {torch.__version__}; cuda {torch.cuda.is_available()}"
      + (f": {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else ""))
PY
"$python" "$here/benchmarks/model_speed.py" "$here/examples/pdfs" \
  --paths "${PATHS:-vector,table-detection,table-structure,chart,figure-kind}" \
  --device "${DEVICE:-cuda}" --dtype "${DTYPE:-auto}" --batch-size "${BATCH:-8}" --max-pages "${PAGES:-24}" \
  --time-limit "${TIME_LIMIT:-45}" "$@"
echo "gpu_models.sh: $(( $(date +%s) - start )) s in all"
