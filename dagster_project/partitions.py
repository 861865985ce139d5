"""One dynamic partition per document, keyed by the sha256 of its bytes."""
import dagster as dg

document_partitions = dg.DynamicPartitionsDefinition(name="documents")


def partition_range_tags(first: str, last: str) -> dict[str, str]:
    """Run tags that make one run cover every document partition from `first` to `last`."""
    return {"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last}
