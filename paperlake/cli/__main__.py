"""`python -m paperlake.cli ...`: the same as the `paperlake` console script."""
from paperlake.cli.main import main

raise SystemExit(main())
