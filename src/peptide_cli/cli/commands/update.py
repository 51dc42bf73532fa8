"""`peptide-cli update`: ask PubMed, ClinicalTrials.gov and Crossref about the catalog, and write
what they found as candidates for review. The only command that uses the network."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from peptide_cli.cli import options
from peptide_cli.cli.group import command
from peptide_cli.cli.options import CompoundOption, DataOption, Output, output_options
from peptide_cli.errors import UsageProblem

CONTACT_ENV = "PEPTIDE_CLI_CONTACT"
REVIEW = Path("review") / "candidates.yaml"
MAX_REVIEW_BYTES = 64 * 1024 * 1024


@command()
@output_options
def update(
    ctx: typer.Context,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List the new candidates; write no review file."),
    ] = False,
    review: Annotated[
        Path | None,
        typer.Option(
            "--review",
            metavar="FILE",
            help="The review file to add candidates to. Default: review/candidates.yaml in "
            "the catalog's folder.",
        ),
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact",
            metavar="EMAIL",
            envvar=CONTACT_ENV,
            help="An e-mail address the services may write to, as PubMed and Crossref ask "
            f"(or ${CONTACT_ENV}).",
        ),
    ] = None,
    compound: CompoundOption = None,
    data: DataOption = None,
    *,
    output: Output,
) -> None:
    """Ask PubMed, ClinicalTrials.gov and Crossref what is new, and list it for review.

    For each compound: publications in PubMed since its evidence was searched that the
    catalog does not cite; each registered trial's status on ClinicalTrials.gov (and whether
    results are overdue); Crossref's retraction and correction notices on each DOI. The new
    candidates are listed, and added to the review file, each once: a person accepts them
    into the claims files or rejects them; nothing here changes the evidence. Needs the
    update extra (httpx). Exits 5 when a service cannot be reached or answers wrongly (after
    retries), writing nothing.
    """
    import importlib.util

    if importlib.util.find_spec("httpx") is None:
        raise UsageProblem(
            "update needs the update extra: from a clone of the repository, pip install '.[update]'"
        )
    from datetime import date

    from peptide_cli.curation.candidates import find
    from peptide_cli.curation.services import Services
    from peptide_cli.render.records import CANDIDATES

    catalog = options.catalog(ctx, data)
    chosen = options.compound(catalog, compound)
    folder = options.catalog_path(ctx, data)
    path = review or (folder if folder.is_dir() else folder.parent) / REVIEW
    kept = _read_review(path)
    known = {entry.get("key") for entry in kept}
    services = Services(contact, transport=_transport())
    try:
        compounds = [chosen] if chosen is not None else list(catalog.compounds)
        found = [c.as_dict() for c in find(catalog, services, date.today(), compounds)]
    finally:
        services.close()
    once = {c["key"]: c for c in found}  # a trial's status is found once a publication of it
    new = [candidate for key, candidate in once.items() if key not in known]
    options.emit(new, CANDIDATES, output, False, "Nothing new.")
    if dry_run or not new:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    options.write_file(path, _review_text([*kept, *new]), replace=True)
    print(f"{path}: {len(new)} new candidate(s), {len(kept) + len(new)} in all", file=sys.stderr)


def _transport() -> Any:
    """The transport requests go through: None, the network (tests put recorded responses
    here)."""
    return None


def _read_review(path: Path) -> list[dict[str, Any]]:
    """The candidates of the review file at PATH (none when it does not exist yet)."""
    import yaml

    from peptide_cli.catalog.reading import read_regular

    if not path.exists():
        return []
    raw = read_regular(path, MAX_REVIEW_BYTES)
    if raw is None:
        raise UsageProblem(f"{path} is not a regular file of at most 64 MiB")
    try:
        document = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise UsageProblem(f"{path} is not a review file: {error}".splitlines()[0]) from None
    entries = (document or {}).get("candidates", []) if isinstance(document, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageProblem(f"{path} is not a review file: it needs a list of candidates")
    return entries


def _review_text(entries: list[dict[str, Any]]) -> str:
    import yaml

    head = (
        "# Candidates for review, found by `peptide-cli update`. For each, read what was found\n"
        "# where it says, then enter it in the claims files (with its quote) or not, and set\n"
        "# `decision: accepted` or `decision: rejected`; a candidate is never proposed twice.\n"
    )
    body = yaml.safe_dump({"candidates": entries}, sort_keys=False, allow_unicode=True, width=96)
    return head + body
