"""`peptide-cli compare`: compare one goal across every compound that has it."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    NoColorOption,
    Output,
    ReverseOption,
    SortOption,
    complete_goal,
)


@command()
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
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare one goal across every compound that has it.

    One row per compound with the goal: its tier, tier label, and how many studies and human
    studies stand behind it. Exits 1 when no compound has the goal.
    """
    from peptide_cli import evidence
    from peptide_cli.render.goal_records import CatalogRecords
    from peptide_cli.render.records import COMPARE

    output = Output(form, as_json, fields, sort, reverse, no_color)
    catalog = options.catalog(ctx, data)
    found = evidence.compare(catalog, goal, options.compound(catalog, compound))
    records = CatalogRecords(catalog).records(found, COMPARE)
    options.emit(records, COMPARE, output, True, "No goals match.")
