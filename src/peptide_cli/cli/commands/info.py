"""`peptide-cli info`: describe the compound and how it works."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import (
    CompoundOption,
    DataOption,
    NoColorOption,
    NoPagerOption,
    ViewJsonOption,
)
from peptide_cli.errors import UsageProblem


@command()
def info(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMPOUND]",
            help="The compound to describe (its id or name, or a unique word or prefix): as "
            "--compound.",
            show_default=False,
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    as_json: ViewJsonOption = False,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Describe the compound and how it works.

    What it is and where it comes from, how it is given, its preparations (with the mg per mL
    they imply), where and how it is used, its regulatory status today (with the command for
    its dated timeline), its harms and their sources, and its proposed mechanisms of action. A
    catalog of several compounds needs --compound.
    """
    from peptide_cli import evidence

    if name is not None and compound is not None and name != compound:
        raise UsageProblem(f"COMPOUND {name!r} and --compound {compound!r} disagree")
    catalog = options.catalog(ctx, data)
    chosen = evidence.the_compound(catalog, options.compound(catalog, name or compound))
    stream = options.stdout(no_color)
    if as_json:
        from peptide_cli.render.records import compound_object
        from peptide_cli.render.stream import to_json

        stream.write(to_json(compound_object(chosen), stream) + "\n")
    else:
        from peptide_cli.render.views import compound_view

        stream.show(compound_view(chosen), page=not no_pager)
