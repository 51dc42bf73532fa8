"""Candidates for review: what the services found that the catalog does not yet hold.

Each candidate has a key that names what was found (a PMID, a trial's status on a day, a
notice's DOI), so a review file keeps each once: a run that finds nothing new adds nothing, and
a candidate a person accepted or rejected is not proposed again.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from peptide_cli.evidence.appraisal import RESULTS_DUE_DAYS
from peptide_cli.evidence.regulatory import last_day

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from peptide_cli.catalog.models import Catalog, Compound
    from peptide_cli.curation.services import Services

Kind = Literal["new-publication", "registry-status", "results-not-posted", "notice"]
NCT = re.compile(r"NCT\d{8}")
RESULTS_DUE = timedelta(days=RESULTS_DUE_DAYS)


@dataclass(frozen=True)
class Candidate:
    key: str  # what was found, once: pubmed:PMID, trial:NCT:status:results:updated, notice:DOI
    kind: Kind
    compound: str
    about: str  # the PMID, trial id or DOI it concerns
    found: str  # what was found, in words
    where: str  # the address to read it at
    why: str  # why it may matter
    seen: str  # the day the run saw it

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def find(
    catalog: Catalog, services: Services, today: date, compounds: Iterable[Compound]
) -> Iterator[Candidate]:
    """The candidates for COMPOUNDS of CATALOG: publications in PubMed since each compound's
    evidence was searched, the registry status of each registered trial, and Crossref's
    notices on each DOI; none the catalog already holds (a cited PMID, a trial's status as
    recorded, a notice in its snapshot)."""
    seen = today.isoformat()
    noted = {n.notice.casefold() for snapshot in catalog.notices for n in snapshot.notices}
    for compound in compounds:
        yield from _publications(compound, services, seen)
        for registration in sorted(_registrations(compound)):
            yield from _trial(compound, services, registration, today)
        for doi in sorted({p.doi for p in compound.publications if p.doi}):
            for notice in services.notices(doi):
                if notice["notice"].casefold() in noted:
                    continue  # already in the catalog's retraction snapshot
                yield Candidate(
                    key=f"notice:{notice['notice'].casefold()}",
                    kind="notice",
                    compound=compound.id,
                    about=doi,
                    found=f"{notice['kind']} notice {notice['notice']} of {notice['date']}",
                    where=f"https://doi.org/{notice['notice']}",
                    why="a notice on a publication behind the catalog: add it to the "
                    "retraction snapshot, or as a correction of the publication",
                    seen=seen,
                )


def _publications(compound: Compound, services: Services, seen: str) -> Iterator[Candidate]:
    evidence = compound.evidence
    since = evidence.up_to or evidence.searched if evidence is not None else None
    if since is None:
        return  # never searched: there is no date to look from
    known = {p.pmid for p in compound.publications if p.pmid}
    for pmid in services.pubmed_since(compound.name, since):
        if pmid in known:
            continue
        yield Candidate(
            key=f"pubmed:{pmid}",
            kind="new-publication",
            compound=compound.id,
            about=pmid,
            found=f"PMID {pmid}, naming {compound.name} in its title or abstract",
            where=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
            why=f"published since the catalog's evidence search (up to {since}); read it "
            "for a study the catalog lacks",
            seen=seen,
        )


def _registrations(compound: Compound) -> set[str]:
    return {
        found
        for publication in compound.publications
        for found in NCT.findall(publication.registration or "")
    }


def _recorded(compound: Compound, nct: str, found: dict[str, Any]) -> bool:
    """Whether a publication of COMPOUND already records the trial NCT as FOUND has it."""
    return any(
        nct in (publication.registration or "")
        and record is not None
        and record.status.casefold() == found["status"].lower().replace("_", " ")
        and record.results_posted == found["results_posted"]
        and record.last_update == found["last_update"]
        for publication in compound.publications
        for record in [publication.registered]
    )


def _trial(compound: Compound, services: Services, nct: str, today: date) -> Iterator[Candidate]:
    found = services.trial(nct)
    where = f"https://clinicaltrials.gov/study/{nct}"
    if found is None:
        return
    posted = "results posted" if found["results_posted"] else "no results posted"
    updated = found["last_update"] or "no date"
    if _recorded(compound, nct, found):
        return  # the catalog has this status already
    yield Candidate(
        key=f"trial:{nct}:{found['status']}:{found['results_posted']}:{updated}",
        kind="registry-status",
        compound=compound.id,
        about=nct,
        found=f"{found['status'].lower().replace('_', ' ')}, {posted} (last update {updated})",
        where=where,
        why="the registry's status of a trial behind the catalog, as of the day it was seen",
        seen=today.isoformat(),
    )
    completed = last_day(found["completed"]) if found["completed"] else None
    due = completed is not None and completed + RESULTS_DUE < today
    if found["status"] == "COMPLETED" and not found["results_posted"] and due:
        yield Candidate(
            key=f"results-not-posted:{nct}:{updated}",
            kind="results-not-posted",
            compound=compound.id,
            about=nct,
            found=f"completed {found['completed']}, and no results posted more than a year on",
            where=where,
            why="results withheld can bias the published record; look for them elsewhere",
            seen=today.isoformat(),
        )
