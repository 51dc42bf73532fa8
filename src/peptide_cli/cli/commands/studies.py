"""`peptide-cli studies`: list every study's outcomes, one row per outcome."""

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
from peptide_cli.errors import UsageProblem
from peptide_cli.vocabulary import Design, Species


@command()
@output_options
def studies(
    ctx: typer.Context,
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal",
            metavar="GOAL",
            help="Only the studies behind this goal (named as for `show`).",
            autocompletion=complete_goal,
        ),
    ] = None,
    design: Annotated[
        Design | None, typer.Option("--design", help="Only studies of this design.")
    ] = None,
    species: Annotated[
        Species | None, typer.Option("--species", help="Only studies in this species.")
    ] = None,
    human: Annotated[bool, typer.Option("--human", help="Short for --species human.")] = False,
    min_n: Annotated[
        int | None,
        typer.Option(
            "--min-n",
            metavar="N",
            min=0,
            help="Only studies with at least N participants (a range counts by its lower bound).",
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List every study's outcomes, one row per outcome.

    Each row gives the goal, the study, its design, species and size, and the outcome's measure,
    effect type, result, confidence interval, p-value and timepoint. A study that backs two
    goals is listed under each.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import OUTCOME_ROWS

    if human and species not in (None, "human"):
        raise UsageProblem(f"--human and --species {species} disagree")
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    rows = evidence.outcome_rows(
        catalog,
        compound=chosen,
        goal=None if goal is None else evidence.find_goal(catalog, goal, chosen),
        design=design,
        species="human" if human else species,
        min_n=min_n,
    )
    records = (OUTCOME_ROWS.record(row) for row in rows)
    options.emit(
        records, OUTCOME_ROWS, output, options.several(catalog, chosen), "No studies match."
    )
