"""`peptide-cli compare`: compare one goal across every compound that has it."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    Output,
    complete_goal,
    output_options,
)


@command()
@output_options
def compare(
    ctx: typer.Context,
    goal: Annotated[
        str,
        typer.Argument(
            metavar="GOAL", help="A goal, named as for `show`.", autocompletion=complete_goal
        ),
    ],
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Compare one goal across every compound that has it.

    One row per compound with the goal: its tier, tier label, and how many studies and human
    studies stand behind it. Exits 1 when no compound has the goal.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import COMPARE, appraised

    catalog = options.catalog(ctx, data)
    found = evidence.compare(catalog, goal, options.compound(catalog, compound))
    records = appraised(COMPARE, catalog, found)
    options.emit(records, COMPARE, output, True, "No goals match.")
