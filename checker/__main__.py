"""``python -m checker`` runs the command line."""

from checker.cli import main

main(prog_name="ogi-check")
