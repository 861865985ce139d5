"""Curators' corrections back into the dataset: pull annotations from Label Studio, republish when there are new ones."""

import dagster as dg

from dagster_project.resources import PaperlakeResource

republish = dg.define_asset_job(
    "republish", selection=dg.AssetSelection.assets("published_dataset", "mirrored_snapshot"),
    description="Publish a new snapshot with the curators' latest corrections (no re-extraction) and mirror it.")


@dg.sensor(job=republish, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def review_pull_sensor(context: dg.SensorEvaluationContext, paperlake: PaperlakeResource) -> dg.SensorResult:
    """Read annotations submitted since the cursor into corrections; request a republish when any were kept."""
    settings = paperlake.settings()
    if not settings.label_studio_url:
        return dg.SensorResult(skip_reason=dg.SkipReason("no Label Studio configured"), cursor=context.cursor)
    # loaded here: Label Studio's client (httpx) cost every run 0.4 s of start-up
    from paperlake.review.label_studio import LabelStudioError
    from paperlake.review.sync import pull_reviews

    try:
        result = pull_reviews(paperlake.store(), settings, since=context.cursor or "")
    except LabelStudioError as exc:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"Label Studio not reachable: {exc}"), cursor=context.cursor)
    for item_id, reasons in result.refused.items():
        context.log.warning(f"correction of {item_id} refused: {'; '.join(reasons)}")
    if not result.saved:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"no new corrections ({result.seen} annotation(s) read)"),
                               cursor=result.cursor or context.cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"corrections-{result.cursor}",
                                    tags={"paperlake/corrections": str(len(result.saved))})],
        cursor=result.cursor)
