"""`peptide-cli show`: show one goal and every study behind it."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    GoalArgument,
    NoColorOption,
    NoPagerOption,
    ViewFormatOption,
    ViewJsonOption,
)


@command()
def show(
    ctx: typer.Context,
    goal: GoalArgument,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
    form: ViewFormatOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    quotes: Annotated[
        bool,
        typer.Option(
            "--quotes",
            help="Under each figure that carries one, the sentence of its source that states "
            "it, with its grade and address (JSON always has them).",
        ),
    ] = False,
) -> None:
    """Show one goal and every study behind it.

    The goal's tier, summary and limitations, then each study's design, species, size and
    population, and each outcome's effect, confidence interval, p-value and timepoint (with
    --quotes, the sentence of the source that states each quoted figure). `--format markdown`
    writes the same view as Markdown, for notes. Exits 1
    when GOAL matches no goal, or more than one (a goal found in several compounds needs
    --compound).
    """
    from peptide_cli import evidence

    chosen = options.json_or(form, as_json) or "text"
    stream = options.stdout(no_color)
    catalog = options.catalog(ctx, data)
    found = evidence.find_goal(catalog, goal, options.compound(catalog, compound))
    done = evidence.appraise(catalog, found)
    if chosen == "json":
        from peptide_cli.render.records import GOAL_DETAIL
        from peptide_cli.render.stream import to_json

        stream.write(to_json(GOAL_DETAIL.record(done), stream) + "\n")
        return
    if chosen == "markdown":
        from peptide_cli.render.views import goal_markdown

        stream.write(goal_markdown(done, quotes=quotes))
        return
    from peptide_cli.render.views import goal_view

    console = stream.console()
    view = goal_view(done, plain=not console.is_terminal, quotes=quotes)
    stream.show(view, console, page=not no_pager)
