"""`peptide-cli filter`: list the goals within a range of tiers."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    Output,
    output_options,
)
from peptide_cli.vocabulary import TierBasis


@command(name="filter")
@output_options
def filter_goals(
    ctx: typer.Context,
    min_tier: Annotated[
        int | None, typer.Option("--min-tier", metavar="N", help="Lowest tier to include.")
    ] = None,
    max_tier: Annotated[
        int | None, typer.Option("--max-tier", metavar="M", help="Highest tier to include.")
    ] = None,
    by: Annotated[
        TierBasis,
        typer.Option(
            "--by",
            help="Select on the computed tier (the one shown everywhere), or on the tier a "
            "source states (goals without one are left out).",
        ),
    ] = "computed",
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List the goals within a range of tiers.

    The goals whose tier is between --min-tier and --max-tier, both included (either may be
    left out). Same output as `goals`; an empty result is not an error.

    With --by stated, a stated tier range counts by its lower bound: a goal stated at Tier 2-3
    is in --max-tier 2 but not in --min-tier 3. Tiers must be on the scale of the claims file
    (1 to 4 for the bundled one).
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import GOALS

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    found = evidence.filter_by_tier(catalog, min_tier, max_tier, chosen, by)
    records = map(GOALS.record, found)
    options.emit(records, GOALS, output, options.several(catalog, chosen), "No goals match.")
