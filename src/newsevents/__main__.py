"""``python -m newsevents``: the same command line as the ``newsevents`` script."""

from __future__ import annotations

from newsevents.cli import main

main()
