"""Optional transformers models for what only pixels tell (raster tables, charts, figure kinds).

Every model is configured by a hub id or a local folder with a pinned revision, loaded lazily once per
process on the best device present, and run in batches. Importing this package imports neither torch nor
transformers: `pip install torch==2.13.0` (CPU) then `pip install 'paperlake[models]'` to use them.
"""
