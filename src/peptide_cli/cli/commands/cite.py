"""`peptide-cli cite`: print the publications behind a goal, or behind every goal."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    complete_goal,
)
from peptide_cli.vocabulary import CiteFormat


@command()
def cite(
    ctx: typer.Context,
    goal: Annotated[
        str | None,
        typer.Argument(
            metavar="[GOAL]",
            help="The goal whose references to print (named as for `show`). Default: every goal.",
            autocompletion=complete_goal,
            show_default=False,
        ),
    ] = None,
    form: Annotated[
        CiteFormat | None,
        typer.Option(
            "--format",
            help="text (the default); bibtex, ris or csl-json (for a reference manager or "
            "pandoc); or json.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Short for --format json.")] = False,
    unicode: Annotated[
        bool,
        typer.Option(
            "--unicode",
            help="BibTeX in UTF-8, for biber, LuaLaTeX or XeLaTeX (the default writes "
            "non-ASCII characters as LaTeX, for pdfLaTeX and BibTeX).",
        ),
    ] = False,
    compound: CompoundOption = None,
    data: DataOption = None,
) -> None:
    """Print the publications behind a goal, or behind every goal.

    Only publications confirmed for the claims file are listed: each study's primary
    publication and those its source notes cite. The text format also names the studies that
    have no confirmed source.
    """
    from peptide_cli import evidence
    from peptide_cli.render import references

    written_as = options.json_or(form, as_json) or "text"
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    publications, unsourced = evidence.for_entries(evidence.entries_for(catalog, goal, chosen))
    stream = options.stdout()
    if written_as in ("csl-json", "json"):
        from peptide_cli.render.stream import to_json

        stream.write(to_json(references.data(written_as, publications, unsourced), stream) + "\n")
    else:
        stream.write(references.written(written_as, publications, unsourced, unicode=unicode))
