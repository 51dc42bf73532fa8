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
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List the goals within a range of tiers.

    The goals whose tier is between --min-tier and --max-tier, both included (either may be
    left out). Same output as `goals`; an empty result is not an error.

    A goal with a tier range counts by its lower bound: Liver & Heart Health (Tier 2-3) is in
    --max-tier 2 but not in --min-tier 3. Tiers must be on the scale of the claims file
    (1 to 4 for the bundled one).
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import GOALS, appraised

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    found = evidence.filter_by_tier(catalog, min_tier, max_tier, chosen)
    records = appraised(GOALS, catalog, found)
    options.emit(records, GOALS, output, options.several(catalog, chosen), "No goals match.")
