"""The inbox sensor: new PDFs in the inbox folder become document partitions and one run processes them."""

import json

import dagster as dg

from dagster_project.jobs import process_documents
from dagster_project.partitions import document_partitions, partition_range_tags
from dagster_project.resources import PaperlakeResource
from paperlake.inputs import scan_inputs


@dg.sensor(job=process_documents, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_sensor(context: dg.SensorEvaluationContext, paperlake: PaperlakeResource) -> dg.SensorResult | dg.SkipReason:
    """Register PDFs that appeared in the inbox since the last tick (by name, size and mtime) and run them."""
    settings = paperlake.settings()
    inbox = settings.effective_inbox
    if not inbox.is_dir():
        return dg.SkipReason(f"inbox {inbox} does not exist")
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    store = paperlake.store()
    known = set(context.instance.get_dynamic_partitions(document_partitions.name))
    new_ids: list[str] = []
    for path in scan_inputs([inbox]).pdfs:
        stat = path.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
        if seen.get(str(path)) == stamp:
            continue
        seen[str(path)] = stamp
        doc_id = store.register(path).doc_id
        if doc_id not in known and doc_id not in new_ids:
            new_ids.append(doc_id)
    cursor = json.dumps(seen, sort_keys=True)
    if not new_ids:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new PDFs"), cursor=cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"inbox-{new_ids[0][:12]}-{len(new_ids)}",
                                    tags=partition_range_tags(new_ids[0], new_ids[-1]))],
        dynamic_partitions_requests=[document_partitions.build_add_request(new_ids)],
        cursor=cursor,
    )
