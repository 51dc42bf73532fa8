"""Run the command line with `python -m peptide_cli`."""

from peptide_cli.cli import main

main()
