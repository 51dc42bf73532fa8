"""`peptide-cli status`: a compound's regulatory status on a date, and its timeline."""

from datetime import date
from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import CompoundOption, DataOption, ViewJsonOption
from peptide_cli.errors import UsageProblem
from peptide_cli.evidence.regulatory import STALE_AFTER


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date such as 2026-05-01") from None


@command()
def status(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMPOUND]",
            help="The compound (its id or name, or a unique word or prefix); every compound "
            "when left out.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The status on this date (YYYY-MM-DD) instead of today.",
            show_default=False,
        ),
    ] = None,
    stale_after: Annotated[
        int,
        typer.Option(
            "--stale-after",
            metavar="DAYS",
            min=1,
            help="Mark an entry whose source was last checked more than this many days ago.",
        ),
    ] = STALE_AFTER,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
) -> None:
    """Show a compound's regulatory status on a date, and its dated timeline.

    Each track (a regulator's decisions on one product, indication or list) shows the entry
    in effect on the date (--as-of, default today), when its source was last checked, and a
    mark where it was not checked in the last --stale-after days. An event seen only in the
    news never sets a status: it is shown as reported, and marks the status it follows as
    possibly out of date. Then every entry, oldest first.
    """
    from peptide_cli import evidence
    from peptide_cli.render import regulatory

    if name is not None and compound is not None and name != compound:
        raise UsageProblem(f"COMPOUND {name!r} and --compound {compound!r} disagree")
    today = date.today()
    on = _date(as_of) or today
    catalog = options.catalog(ctx, data)
    wanted = name or compound
    chosen = (
        [evidence.the_compound(catalog, options.compound(catalog, wanted))]
        if wanted is not None
        else list(catalog.compounds)
    )
    stream = options.stdout()
    if as_json:
        from peptide_cli.render.stream import to_json

        found = [regulatory.record(c, on, today, stale_after) for c in chosen]
        stream.write(to_json(found[0] if wanted is not None else found, stream) + "\n")
        return
    stream.write("\n".join(regulatory.text(c, on, today, stale_after) for c in chosen))
