"""The bundled catalog's history: its data releases and what each changed (#30).

`data/history/changelog.yaml` lists the releases, oldest first: each has a version and date
of its own (the data's, apart from the code's), a summary, and its changes, each with the
value it had and has, and the source of the new one. A release is made by a curator with
`scripts/release.py`, which compares the catalog with the one of the last release; the tool
only reads it, so `whats-new` is a plain, reviewable file, offline.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Annotated, Literal

from peptide_cli.catalog.models import Bounds, Record, Slug, Text, record
from peptide_cli.catalog.reading import MAX_CHANGELOG_BYTES, changelog_path

ChangeKind = Literal[
    "compound-added",
    "compound-removed",
    "goal-added",
    "goal-removed",
    "study-added",
    "study-removed",
    "figure-changed",
    "status-recorded",
    "status-changed",
    "tier-changed",
    "certainty-changed",
    "retracted",
    "corrected",
]
PRACTICE_CHANGING: frozenset[str] = frozenset(
    {"tier-changed", "certainty-changed", "status-changed", "retracted"}
)
"""Changes that move what a reader should conclude (UpToDate's "practice-changing" list): a
tier, a certainty level, a regulatory status, or a retraction."""

VERSION_PATTERN = r"^\d{4}\.\d{2}\.\d{2}(\.\d+)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
Version = Annotated[str, Bounds(pattern=VERSION_PATTERN)]
"""A data version: the release's date with dots (2026.12.06), and `.N` for a later release
of the same day."""
Day = Annotated[str, Bounds(pattern=DAY_PATTERN)]


@record
class Change(Record):
    """One change of a release: its kind, where (compound, goal, study, which figure),
    the value before and after in words, a sentence saying it, and the source of the new
    value (a publication, or the address of a page)."""

    kind: ChangeKind
    compound: Slug
    goal: Slug | None = None
    study: Slug | None = None
    figure: Text | None = None  # which figure changed: "MMSE: value"
    old: Text | None = None
    new: Text | None = None
    summary: Text
    source: Text | None = None

    @property
    def practice_changing(self) -> bool:
        return self.kind in PRACTICE_CHANGING


@record
class Release(Record):
    version: Version
    date: Day
    summary: Text
    changes: list[Change] = field(default_factory=list)


@record
class Changelog(Record):
    releases: list[Release]

    @property
    def latest(self) -> Release | None:
        return self.releases[-1] if self.releases else None


def read_changelog(folder: Path) -> Changelog | None:
    """The changelog of the catalog in FOLDER, or None when it has none (a user's own claims
    folder). Raises CatalogError, located, when it is not a valid changelog."""
    from peptide_cli.catalog import reading, yaml_reader
    from peptide_cli.errors import CatalogError

    path = changelog_path(folder)
    if not path.exists():
        return None
    raw = reading.read_regular(path, MAX_CHANGELOG_BYTES)
    if raw is None:
        raise reading.failure(str(path), "is not a regular file of at most 16 MiB")
    data, document = yaml_reader.parse(raw, str(path))
    from pydantic import TypeAdapter, ValidationError

    try:
        changelog: Changelog = TypeAdapter(Changelog).validate_python(data)
    except ValidationError as error:
        from peptide_cli.catalog.validation import from_pydantic

        findings = from_pydantic(error, data, set())
        places = ((f.location, f.message, f.at_key, f.severity) for f in findings)
        raise CatalogError(document.problems(places)) from None
    versions = [release.version for release in changelog.releases]
    if versions != sorted(versions, key=version_key) or len(set(versions)) != len(versions):
        raise reading.failure(str(path), "releases must be listed oldest first, each once")
    return changelog


def version_key(version: str) -> tuple[int, ...]:
    """VERSION as numbers, so that 2026.12.06.2 sorts after 2026.12.06."""
    return tuple(int(part) for part in version.split("."))
