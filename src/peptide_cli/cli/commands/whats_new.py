"""`peptide-cli whats-new`: what the catalog's data releases changed since a version or a date."""

from typing import Annotated

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import CompoundOption, DataOption, Output, output_options


@command()
@output_options
def whats_new(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="VERSION|DATE",
            help="The changes of the releases after this data version (2026.11.26) or date "
            "(2026-11-26). Default: the latest release's.",
        ),
    ] = None,
    practice_changing: Annotated[
        bool,
        typer.Option(
            "--practice-changing",
            help="Only changes that move a tier, a certainty level or a regulatory status, or "
            "retract a publication.",
        ),
    ] = False,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """What the catalog's data releases changed, newest first.

    Each change says what changed (a compound, goal or study added or removed, a figure, a
    regulatory status, a goal's tier or certainty), the value before and after, and the source
    of the new one. The releases and their changes are in the catalog's
    history/changelog.yaml; the data version is also printed by --version. Exits 1 when the
    catalog has no changelog (a claims folder of your own may have one).
    """
    from peptide_cli.errors import NotFoundError
    from peptide_cli.evidence.changes import since as changes_since
    from peptide_cli.render.records import CHANGES

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    changelog = options.changelog(ctx, data)
    if changelog is None:
        folder = options.catalog_path(ctx, data)
        raise NotFoundError(f"{folder} has no changelog (history/changelog.yaml)")
    found = changes_since(changelog, since, chosen.id if chosen else None, practice_changing)
    records = [CHANGES.record(change) for change in found]
    options.emit(records, CHANGES, output, False, "Nothing changed.")
