"""Metric files as training tools write them, read into ``{name: value}``.

Which reader applies is decided from the file (its name, its folder, its keys), never from a
flag: `mlboard log ID --from PATH` works on what DVC, dvclive and W&B leave behind.
"""

from mlboard.services.readers.files import MetricFile, read_metric_file, read_metric_text
from mlboard.services.readers.select import leaf, select

__all__ = ["MetricFile", "leaf", "read_metric_file", "read_metric_text", "select"]
