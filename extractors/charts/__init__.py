"""Chart data recovery from a page's own vector drawings.

    axes.find_plot_areas (axis lines meeting at a corner)
      → ticks.calibrate_axis (tick marks + tick labels → linear, log or category scale)
      → legend.find_legend (sample shapes beside their text)
      → series.read_series (lines, markers and bars, in data coordinates, named from the legend)
`reader.read_chart` chains them for one plot area; every step is a pure function over page records.
`diagnose.why_unread` says why a chart gave no series (raster chart, no axis found, ...).
"""
