"""`peptide-cli init`: write a small claims file of your own to start from."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command

STARTER = "starter.yaml"  # in peptide_cli.catalog: one compound, goal, study and outcome


@command()
def init(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="[PATH]",
            help="Where to write the file ('-' for standard output). Default: claims.yaml.",
            dir_okay=False,
        ),
    ] = Path("claims.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
) -> None:
    """Write a small claims file of your own to start from.

    One invented compound with one goal, one study and one outcome, each field commented,
    with the quote behind its figures: `peptide-cli validate PATH` passes it, and
    `peptide-cli --data PATH goals` reads it. An existing file is kept unless --force is
    given; the bundled catalog is never touched.
    """
    from importlib import resources

    text = resources.files("peptide_cli.catalog").joinpath(STARTER).read_text("utf-8")
    if str(path) == "-":
        options.stdout().write(text)
        return
    options.write_file(path, text, replace=force)
    print(f"Wrote {path}: check it with `peptide-cli validate {path}`.", file=sys.stderr)
