"""The inbox sensor: new PDFs in the inbox (a local folder or an object-store URL) become partitions and one run.

The inbox is `inbox_url` (any fsspec URL: s3://bucket/inbox/, file:///srv/inbox) or else the local
`inbox_dir`; both go through the same listing. A store that does not answer skips the tick (the next
one tries again); the cursor remembers each file's size and stamp, so a changed file is read again.
"""

import json

import dagster as dg

from dagster_project.jobs import process_documents
from dagster_project.partitions import document_partitions, partition_range_tags
from dagster_project.policies import is_transient
from dagster_project.resources import PaperlakeResource
from paperlake.dataset.object_store import list_pdfs, register_from
from paperlake.escaping import terminal_text
from paperlake.store import InputRefused


@dg.sensor(job=process_documents, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_sensor(context: dg.SensorEvaluationContext, paperlake: PaperlakeResource) -> dg.SensorResult | dg.SkipReason:
    """Register PDFs that appeared in the inbox since the last tick (by size and stamp) and run them."""
    settings = paperlake.settings()
    inbox = settings.inbox_url or str(settings.effective_inbox)
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    store = paperlake.store()
    known = set(context.instance.get_dynamic_partitions(document_partitions.name))
    new_ids: list[str] = []
    try:
        for remote in list_pdfs(inbox):
            stamp = f"{remote.size}:{remote.stamp}"
            if seen.get(remote.url) == stamp:
                continue
            try:
                doc_id = register_from(store, remote).doc_id
            except InputRefused as exc:  # not a regular file, or changed while copied: retried when it changes
                context.log.warning(f"inbox file {terminal_text(remote.url)} skipped: {exc}")
                seen[remote.url] = stamp
                continue
            seen[remote.url] = stamp
            if doc_id not in known and doc_id not in new_ids:
                new_ids.append(doc_id)
    except FileNotFoundError as exc:
        return dg.SkipReason(str(exc))
    except Exception as exc:
        if not is_transient(exc):
            raise
        context.log.warning(f"inbox {inbox} did not answer ({type(exc).__name__}); trying again next tick")
        if not new_ids:
            return dg.SkipReason(f"inbox {inbox} did not answer: {type(exc).__name__}")
    cursor = json.dumps(seen, sort_keys=True)
    if not new_ids:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new PDFs"), cursor=cursor)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"inbox-{new_ids[0][:12]}-{len(new_ids)}",
                                    tags=partition_range_tags(new_ids[0], new_ids[-1]))],
        dynamic_partitions_requests=[document_partitions.build_add_request(new_ids)],
        cursor=cursor,
    )
