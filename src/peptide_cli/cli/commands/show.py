"""`peptide-cli show`: show one goal and every study behind it."""

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    GoalArgument,
    NoColorOption,
    ViewJsonOption,
)


@command()
def show(
    ctx: typer.Context,
    goal: GoalArgument,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Show one goal and every study behind it.

    The goal's tier, summary and limitations, then each study's design, species, size and
    population, and each outcome's effect, confidence interval, p-value and timepoint. Exits 1
    when GOAL matches no goal, or more than one (a goal found in several compounds needs
    --compound).
    """
    stream = options.stdout(no_color)
    answers = options.goal_records(ctx, data)
    chosen = answers.compound(compound)
    if as_json:
        from peptide_cli.render.stream import to_json

        stream.write(to_json(answers.detail(goal, chosen), stream) + "\n")
        return
    console = stream.console()
    stream.show(answers.view(goal, chosen, plain=not console.is_terminal), console)
