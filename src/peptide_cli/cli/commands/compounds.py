"""`peptide-cli compounds`: every compound, how it is given, its goals and its status."""

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    DataOption,
    Output,
    output_options,
)


@command()
@output_options
def compounds(
    ctx: typer.Context,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """List every compound: what it is, how it is given, its goals and regulatory status.

    One row per compound of the catalog: its kind, routes, how many goals and studies it has,
    the highest tier among its goals (stated, or computed by the tier rules), and its
    regulatory status in brief (`info --compound NAME` gives it in full, with sources).
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import COMPOUNDS, CompoundSummary

    catalog = options.catalog(ctx, data)
    records = [
        COMPOUNDS.record(
            CompoundSummary(
                compound,
                [
                    evidence.appraise(catalog, entry)
                    for entry in evidence.entries(catalog, compound)
                ],
            )
        )
        for compound in catalog.compounds
    ]
    options.emit(records, COMPOUNDS, output, False, "No compounds.")
