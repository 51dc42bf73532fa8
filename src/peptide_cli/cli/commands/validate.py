"""`peptide-cli validate`: check a claims file and list every problem in it."""

from pathlib import Path
from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.exits import ExitStatus
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    DATA_ENV,
)
from peptide_cli.errors import CatalogError


@command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            parser=options.claims_path,
            help="A claims file or a folder of them. Default: --data, then "
            f"${DATA_ENV}, then the bundled file.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write the verdict and problems as JSON.")
    ] = False,
) -> None:
    """Check a claims file and list every problem in it.

    Prints a one-line summary and exits 0 when the file is valid (warnings, such as a study no
    goal refers to, do not make it invalid). Otherwise prints every problem, one a line, as
    FILE:LINE:COLUMN: field.path: message, and exits 3.
    """
    from peptide_cli.catalog.loading import load
    from peptide_cli.evidence import counts
    from peptide_cli.render import verdict

    source = options.catalog_path(ctx, path)
    try:
        loaded = load(source, cache_folder=options.cache_folder(ctx))
    except CatalogError as error:
        problems, summary = error.problems, None
    else:
        problems, summary = loaded.warnings, counts(loaded.catalog)
    stream = options.stdout()
    if as_json:
        from peptide_cli.render.stream import to_json

        stream.write(to_json(verdict.record(source, problems, summary), stream) + "\n")
    else:
        stream.write(verdict.text(source, problems, summary))
    if summary is None:
        raise typer.Exit(ExitStatus.DATA)
