"""`peptide-cli goals`: list every goal, its tier and its studies."""

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
)


@command()
def goals(
    ctx: typer.Context,
    compound: CompoundOption = None,
    data: DataOption = None,
    form: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    sort: SortOption = None,
    reverse: ReverseOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List every goal, its tier and its studies.

    One row per health goal, in the order of the claims file: its evidence tier (a range such as
    2-3 where the source gives one), the tier's label, and how many studies, and how many human
    studies, stand behind it. A Compound column appears when the catalog has several.
    """
    from peptide_cli.render.records import GOALS

    output = Output(form, as_json, fields, sort, reverse, no_color)
    answers = options.goal_records(ctx, data)
    chosen = answers.compound(compound)
    options.emit(answers.goals(chosen), GOALS, output, answers.several(chosen), "No goals match.")
