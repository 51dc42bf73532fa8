"""`peptide-cli explain`: explain the certainty of a goal's outcomes, rule by rule."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    GoalArgument,
    ViewFormatOption,
    ViewJsonOption,
)


@command()
def explain(
    ctx: typer.Context,
    goal: GoalArgument,
    study: Annotated[
        str | None,
        typer.Option("--study", metavar="ID", help="Only the outcomes of this study (its id)."),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            metavar="TEXT",
            help="Only outcomes whose measure (a harm: its event) contains this text.",
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
    form: ViewFormatOption = None,
) -> None:
    """Explain the certainty of a goal's outcomes, rule by rule.

    For each outcome behind GOAL, then each harm its studies report (or only those of
    --study, or whose measure contains --measure): the start level from its design, every
    domain's rule and what it found, the level they lead to, the plain reading, and any
    published MCID with its caveats (`--format markdown`: the same, as Markdown). A goal
    with no outcome says that no certainty applies; exits 1 when --study or --measure
    leaves no outcome.
    """
    from peptide_cli import evidence
    from peptide_cli.render import explain as working

    chosen_format = options.json_or(form, as_json) or "text"
    catalog = options.catalog(ctx, data)
    entry = evidence.find_goal(catalog, goal, options.compound(catalog, compound))
    appraised = evidence.appraise(catalog, entry)
    chosen = evidence.select_outcomes(appraised, study, measure)
    stream = options.stdout()
    if chosen_format == "json":
        from peptide_cli.render.stream import to_json

        stream.write(to_json(working.record(appraised, chosen), stream) + "\n")
    elif chosen_format == "markdown":
        stream.write(working.markdown(appraised, chosen))
    else:
        stream.write(working.text(appraised, chosen))
