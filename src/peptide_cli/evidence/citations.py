"""Which publications stand behind goals and studies, and which studies have none confirmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Compound, Publication, Study
    from peptide_cli.evidence.queries import Entry


def used_by(compound: Compound, studies: list[Study]) -> list[Publication]:
    """The publications STUDIES rest on, or their source notes or harms cite, in order of first
    use."""
    ids: list[str] = []
    for study in studies:
        ids += [study.publication] if study.publication else []
        ids += [study.probable_publication] if study.probable_publication else []
        for note in study.every_source_note():
            ids += note.publications + [figure.publication for figure in note.figures]
        ids += [harm.publication for harm in study.harms if harm.publication]
    return [compound.publication(pid) for pid in dict.fromkeys(ids)]


def for_entries(entries: list[Entry]) -> tuple[list[Publication], list[tuple[Compound, Study]]]:
    """The publications behind ENTRIES, and the studies among them with no confirmed source. A
    publication two compounds both record (the same id and the same identifiers and title) is
    listed once."""
    publications: dict[tuple[str, ...], Publication] = {}
    unsourced: dict[tuple[str, str], tuple[Compound, Study]] = {}
    for compound, goal in entries:
        studies = compound.studies_of(goal)
        for publication in used_by(compound, studies):
            same = (
                publication.id,
                *map(str, (publication.doi, publication.pmid, publication.title)),
            )
            publications.setdefault(same, publication)
        for study in studies:
            if study.publication is None:
                unsourced.setdefault((compound.id, study.id), (compound, study))
    return list(publications.values()), list(unsourced.values())


def source_status(study: Study) -> str:
    """`confirmed`, `probable` (a likely match, not confirmed), `not found` (looked for, none
    found) or `not checked`."""
    if study.publication is not None:
        return "confirmed"
    if study.probable_publication is not None:
        return "probable"
    return "not found" if study.searched else "not checked"
