"""`peptide-cli check`: test a claim someone made against the evidence."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import CompoundOption, DataOption, ViewJsonOption


@command()
def check(
    ctx: typer.Context,
    claim: Annotated[
        str,
        typer.Argument(
            metavar="CLAIM",
            help='The claim, as someone made it: "BPC-157 heals tendons in humans".',
        ),
    ],
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
) -> None:
    """Test a claim someone made against the evidence, by fixed rules.

    The claim is read, without any model, for the compound (its name or id), the goal, the
    population (in humans, in rats), the direction (does not ...), a size (by 40%, 20 pounds)
    and a word of certainty (proven, cures), and it shows what it understood. Then one verdict:
    supported, overstated, contradicted, different-molecule, no-human-evidence, not-in-catalog
    or cannot-judge, with the rule that decided it and the studies behind it. --compound names
    the compound when the claim does not. Exits 1 when the claim names no compound of the
    catalog, or too little to judge.
    """
    from peptide_cli import evidence
    from peptide_cli.render import check as shown

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    text = claim if chosen is None else f"{chosen.name}: {claim}"
    checked = evidence.check_claim(catalog, text)
    stream = options.stdout()
    if as_json:
        from peptide_cli.render.stream import to_json

        stream.write(to_json(shown.record(checked), stream) + "\n")
    else:
        stream.write(shown.text(checked))
    if checked.verdict in evidence.UNJUDGED:
        raise typer.Exit(1)
