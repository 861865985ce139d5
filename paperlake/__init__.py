"""paperlake: scientific PDF tables and figures into reviewed, versioned, queryable datasets."""
import extractors  # noqa: F401  # first: it keeps PyMuPDF from loading a layout model paperlake does not use

__version__ = "0.1.0"
