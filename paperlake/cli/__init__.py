"""The top floor: the `paperlake` command (`main`) and its subcommands (`run`, `review`, `dataset`).

Nothing below this package imports it; each subcommand module turns arguments into calls on the rooms
below (paperlake.pipeline, paperlake.review, paperlake.dataset) and prints the outcome.
"""
