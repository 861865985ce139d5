"""A static HTML report of a published snapshot (`paperlake report`, docs/report.md).

`gather` reads the snapshot into records, `images` writes page crops, `plot` draws chart series as SVG,
`page` builds the HTML (pure), and `build.build_report` ties them together.
"""
