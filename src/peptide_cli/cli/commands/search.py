"""`peptide-cli search`: search goals, studies, outcomes and mechanisms for some text."""

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


@command()
@output_options
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The text to look for.")],
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Search compounds, goals, studies, outcomes, publications and mechanisms for some text.

    Looks, ignoring case and accents, in everything the tool prints: the compound's own facts;
    goal names, aliases, summaries and limitations; study labels, populations, comparators and
    source notes; outcome measures, findings and notes; publications (authors, title,
    journal, DOI, PMID, registration); and mechanisms. TNF-a finds TNF-α, as an ASCII terminal
    prints it. Each hit says what matched (compound, goal, study, outcome, publication or
    mechanism) and in which field. No hits is not an error.
    """
    from peptide_cli import evidence
    from peptide_cli.render.records import HITS

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    records = (HITS.record((hit, text)) for hit in evidence.search(catalog, text, chosen))
    options.emit(
        records, HITS, output, options.several(catalog, chosen), f"Nothing matches {text!r}."
    )
