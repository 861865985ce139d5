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


def test_a_symlink_in_the_inbox_is_skipped_and_the_rest_registered(tmp_path, make_pdf):
    """A link in a local inbox is refused like one given to `paperlake run`, without stopping the tick."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-INBOX\n")
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "a_link.pdf").symlink_to(secret)
    shutil.copy(make_pdf("booktabs"), inbox / "b.pdf")
    instance = dg.DagsterInstance.ephemeral()
    sensor = defs.resolve_sensor_def("inbox_sensor")
    resources = {"paperlake": PaperlakeResource(data_dir=str(tmp_path / "data"))}
    with dg.build_sensor_context(instance=instance, resources=resources) as context:
        result = sensor(context)
    (request,) = result.dynamic_partitions_requests
    assert len(request.partition_keys) == 1 and len(result.run_requests) == 1
    sources = tmp_path / "data" / "sources"
    assert not any(b"SECRET-INBOX" in p.read_bytes() for p in sources.iterdir())


def test_an_inbox_file_refused_when_registered_does_not_stop_the_tick(tmp_path, make_pdf, monkeypatch):
    """A file that changes while it is copied (or is swapped for a link or a FIFO after the listing) is
    refused by DataStore.register: the sensor logs it, registers the others, and does not retry it until
    it changes again."""
    from dagster_project import sensors
    from paperlake.store import InputRefused

    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    shutil.copy(make_pdf("booktabs"), inbox / "a_growing.pdf")
    shutil.copy(make_pdf("ruled"), inbox / "b.pdf")
    register = sensors.register_from

    def refusing(store, remote):  # type: ignore[no-untyped-def]
        if remote.name == "a_growing.pdf":
            raise InputRefused("changed while it was read; run again when it is complete")
        return register(store, remote)

    monkeypatch.setattr(sensors, "register_from", refusing)
    instance = dg.DagsterInstance.ephemeral()
    resources = {"paperlake": PaperlakeResource(data_dir=str(tmp_path / "data"))}
    with dg.build_sensor_context(instance=instance, resources=resources) as context:
        result = defs.resolve_sensor_def("inbox_sensor")(context)
    (request,) = result.dynamic_partitions_requests
    assert len(request.partition_keys) == 1
    assert "a_growing.pdf" in result.cursor
