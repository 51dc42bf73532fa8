"""`peptide-cli goals`: list every goal, its tier and its studies."""

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    Output,
    output_options,
)


@command()
@output_options
def goals(
    ctx: typer.Context,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List every goal, its tier and its studies.

    One row per health goal, in the order of the claims file: its evidence tier (a range such as
    2-3 where the source gives one), the tier's label, and how many studies, and how many human
    studies, stand behind it. A Compound column appears when the catalog has several. The
    table ends with when each compound's evidence was last searched (the other formats give
    it as evidence_searched and evidence_up_to).
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import GOALS, appraised, evidence_dates

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    records = appraised(GOALS, catalog, evidence.each_entry(catalog, chosen))
    several = options.several(catalog, chosen)

    def searched() -> str:
        return evidence_dates([chosen] if chosen is not None else catalog.compounds)

    options.emit(records, GOALS, output, several, "No goals match.", searched)
