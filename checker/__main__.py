"""``python -m checker`` runs the command line, as the ``ogi-check`` console script does."""

from checker.console import main

main()
