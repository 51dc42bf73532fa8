"""`peptide-cli audit`: appraise every goal: its evidence profile and flags, most serious first."""

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
def audit(
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
    """Appraise every goal: its evidence profile and flags, most serious first.

    For each goal: the strongest study design behind it, how many people were studied, and the
    flags raised by the appraisal rules (see the README): no human data, no controlled trial, a
    single small study, a tier above its evidence, a source the document departs from, no
    confirmed source, indirect evidence.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import AUDIT

    output = Output(form, as_json, fields, sort, reverse, no_color)
    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    appraised = evidence.audit(catalog, evidence.entries(catalog, chosen))
    records = [AUDIT.record(done) for done in appraised]
    options.emit(records, AUDIT, output, options.several(catalog, chosen), "No goals to appraise.")
