"""`peptide-cli report`: an evidence report, one self-contained HTML page."""

from pathlib import Path
from typing import Annotated

import typer

from peptide_cli import __version__
from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    complete_goal,
)
from peptide_cli.errors import UsageProblem


@command()
def report(
    ctx: typer.Context,
    goals: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[GOAL]...",
            help="The goals to report on (named as for `show`). Default: every goal of the "
            "compound, or of the whole catalog.",
            autocompletion=complete_goal,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE. Without it, the report goes to standard output, "
            "which must not be a terminal.",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    compound: CompoundOption = None,
    data: DataOption = None,
) -> None:
    """Write an evidence report: one self-contained HTML page to read, print and share.

    With no GOAL and no --compound, the whole catalog, with a contents page. For each compound
    its regulatory status as of the day and when its evidence was searched; for each goal its
    tiers, certainty, flags, summary, limitations and what the evidence could not show; a
    Summary of Findings table (participants, effect with its interval, absolute effect,
    certainty with footnoted reasons, a plain reading and MCIDs); forest plots whose sides say
    whom they favour; source notes and harms; then the references, with DOI and PubMed links.
    Nothing on the page loads from the network.
    """
    from peptide_cli import evidence

    stream = options.stdout()
    if output is None and stream.terminal:
        raise UsageProblem(
            "the report is an HTML page: write it to a file with -o FILE, or redirect "
            "standard output"
        )
    if output is not None and not force and (output.is_file() or output.is_symlink()):
        raise UsageProblem(f"{output} exists: add --force to overwrite it")  # before the work
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    # With no goal named, every goal of the compound chosen, or of the whole catalog.
    entries = evidence.entries_for(catalog, goals, chosen)
    from peptide_cli.render import report as page

    publications, unsourced = evidence.for_entries(entries)
    appraisals = [evidence.appraise(catalog, entry) for entry in entries]
    # every compound in scope, one with no goal too, unless goals were named
    shown = None if goals else ([chosen] if chosen is not None else list(catalog.compounds))
    built = page.built(__version__, options.data_release(ctx, data))
    text = page.html(catalog, appraisals, publications, unsourced, built, shown)
    if output is None:
        # A stream that cannot take UTF-8 gets character references, which mean the same.
        stream.write(text if stream.utf8 else text.encode("ascii", "xmlcharrefreplace").decode())
        return
    options.write_file(output, text, replace=force)
