"""The per-document stages a run's reader takes a document through after extraction, by the step's names for them."""
from __future__ import annotations

from paperlake.pipeline.reader_stages import StageFn, route, validate
from paperlake.review.images import review_images

READER_STAGES: dict[str, StageFn] = {"validate": validate, "route": route, "review_images": review_images}
"""The stages run in the document's reader in one call (paperlake/pipeline/reader_stages.py), in order, by the names
the step gives them (dagster_project/assets.py) and the head start claims them by: they read the data dir only,
never the PDF but to draw review images (which readers did already)."""
