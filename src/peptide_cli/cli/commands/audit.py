"""`peptide-cli audit`: appraise every goal: its evidence profile and flags, most serious first."""

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
def audit(
    ctx: typer.Context,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Appraise every goal: its evidence profile and flags, most serious first.

    For each goal: the strongest study design behind it, how many people were studied, and the
    flags raised by the appraisal rules (see the README): no human data, no controlled trial, a
    single small study, a tier above its evidence, a source the document departs from, no
    confirmed source, indirect evidence.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import AUDIT

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    appraised = evidence.audit(catalog, evidence.entries(catalog, chosen))
    records = [AUDIT.record(done) for done in appraised]
    options.emit(records, AUDIT, output, options.several(catalog, chosen), "No goals to appraise.")
