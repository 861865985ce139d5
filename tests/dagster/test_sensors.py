"""The inbox sensor registers new PDFs as partitions and asks for one run over them."""
import shutil

import dagster as dg

from dagster_project.definitions import defs
from dagster_project.resources import PaperlakeResource


def test_inbox_sensor_registers_new_pdfs_once(tmp_path, make_pdf):
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    shutil.copy(make_pdf("booktabs"), inbox / "a.pdf")
    shutil.copy(make_pdf("ruled"), inbox / "b.pdf")
    shutil.copy(inbox / "a.pdf", inbox / "a-copy.pdf")  # same content: one document
    instance = dg.DagsterInstance.ephemeral()
    sensor = defs.resolve_sensor_def("inbox_sensor")
    resources = {"paperlake": PaperlakeResource(data_dir=str(tmp_path / "data"))}

    with dg.build_sensor_context(instance=instance, resources=resources) as context:
        result = sensor(context)
    assert len(result.run_requests) == 1
    (request,) = result.dynamic_partitions_requests
    assert len(request.partition_keys) == 2
    tags = result.run_requests[0].tags
    assert tags["dagster/asset_partition_range_start"] == request.partition_keys[0]
    assert tags["dagster/asset_partition_range_end"] == request.partition_keys[-1]
    assert (tmp_path / "data" / "sources" / f"{request.partition_keys[0]}.pdf").exists()

    instance.add_dynamic_partitions("documents", list(request.partition_keys))
    with dg.build_sensor_context(instance=instance, resources=resources, cursor=result.cursor) as context:
        again = sensor(context)
    assert not again.run_requests
