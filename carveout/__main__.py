"""``python -m carveout`` runs the command line."""

from carveout.cli import main

main()
