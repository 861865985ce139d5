"""paperlake: scientific PDF tables and figures into reviewed, versioned, queryable datasets."""

__version__ = "0.1.0"
