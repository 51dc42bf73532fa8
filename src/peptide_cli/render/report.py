"""The evidence report: one self-contained HTML page per compound or chosen goals.

The page is drawn by a Jinja2 template with autoescaping, so every string from a claims file
(untrusted input) reaches the page as text; control characters are made visible first, as in
every other output. Nothing on the page loads from the network: its styles are inline, its
plots inline SVG, and its only links are to doi.org and PubMed. Jinja2 is imported here, when a
report is made, never at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptide_cli.evidence.certainty import LABEL, NOT_RATED, not_counted
from peptide_cli.render import figures as fmt
from peptide_cli.render import plots
from peptide_cli.render.records import people
from peptide_cli.render.references import text as reference_text
from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog, Compound, Publication, Study
    from peptide_cli.evidence import Appraisal
    from peptide_cli.evidence.certainty import Assessed

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class Built:
    """What the page says about its making: the tool's version, the date, and the data's
    release (version and date; None: the catalog has no changelog)."""

    version: str
    date: str  # ISO 8601
    data: tuple[str, str] | None = None


def built(version: str, data: tuple[str, str] | None = None) -> Built:
    """VERSION, DATA's release, and today's date; or the date SOURCE_DATE_EPOCH gives, for a
    report that a rebuild reproduces byte for byte."""
    import os
    from datetime import UTC, date, datetime

    from peptide_cli.errors import UsageProblem

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        try:
            day = datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
            return Built(version, day, data)
        except (ValueError, OverflowError, OSError):
            raise UsageProblem(
                f"SOURCE_DATE_EPOCH={epoch} is not a date a report can carry (seconds since "
                "1970, before the year 10000)"
            ) from None
    return Built(version, date.today().isoformat(), data)


def html(
    catalog: Catalog,
    appraisals: list[Appraisal],
    publications: list[Publication],
    unsourced: list[tuple[Compound, Study]],
    built: Built,
    compounds: list[Compound] | None = None,
) -> str:
    """The report for APPRAISALS (one or more goals, of one or more compounds) as one HTML page:
    a section for each of COMPOUNDS (default: those of the appraisals), one with no goal among
    them, with its status and when its evidence was searched."""
    import jinja2

    template_text = resources.files("peptide_cli.render").joinpath(TEMPLATE).read_text("utf-8")
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: clean(value) if isinstance(value, str) else value,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.from_string(template_text)
    shown = compounds or list({done.compound.id: done.compound for done in appraisals}.values())
    # each publication's number in the list, by the object itself: two compounds may each
    # have a publication of the same id
    numbers = {id(p): number for number, p in enumerate(publications, 1)}
    return template.render(
        title=_title(shown),
        built=built,
        compounds=[
            _compound(
                catalog, compound, [d for d in appraisals if d.compound is compound], numbers, built
            )
            for compound in shown
        ],
        references=[_reference(number, p) for number, p in enumerate(publications, 1)],
        contents=len(shown) > 1 or len(appraisals) > 3,
        unsourced=[(study.label, compound.name) for compound, study in unsourced],
        certainty_label=LABEL,
    )


TITLED = 3
"""At most this many compounds are named in a report's title; more are counted."""


def _title(shown: list[Compound]) -> str:
    if len(shown) <= TITLED:
        return "Evidence report: " + ", ".join(compound.name for compound in shown)
    return f"Evidence report: {len(shown)} compounds"


def _compound(
    catalog: Catalog,
    compound: Compound,
    appraisals: list[Appraisal],
    numbers: dict[int, int],
    built: Built,
) -> dict[str, Any]:
    from datetime import date

    from peptide_cli.evidence.regulatory import checked_on, status_on

    source = catalog.file_of(compound)
    on = date.fromisoformat(built.date)
    return {
        "id": compound.id,
        "name": compound.name,
        "kind": compound.kind,
        "summary": compound.summary,
        "routes": compound.administration.routes,
        "dosing": compound.administration.note,
        "file": None if source is None else Path(source.file).name,
        "sha256": None if source is None else source.sha256,
        "status_as_of": built.date,
        "status_checked": checked_on(compound, on),
        "tracks": [
            {
                "name": track.name,
                "current": track.current,
                "reported": track.reported,
                "doubt": track.possibly_out_of_date,
            }
            for track in status_on(compound, on)
        ],
        "has_regulatory": bool(compound.regulatory),
        "evidence": compound.evidence,
        "harms": compound.harms,
        "goals": [_goal(catalog, done, numbers) for done in appraisals],
    }


def _goal(catalog: Catalog, done: Appraisal, numbers: dict[int, int]) -> dict[str, Any]:
    from peptide_cli.evidence.absence import card

    goal, tier = done.goal, done.tier
    footnotes: dict[str, int] = {}
    quotes: list[Any] = []  # the records whose quotes the goal's footnotes give, in order
    rows = [_finding(item, footnotes, quotes) for item in done.outcomes]
    designs = ", ".join(fmt.count(n, design) for design, n in done.profile.designs.items() if n)
    return {
        "id": goal.id,
        "name": goal.name,
        "tier_label": done.tier_label,
        "stated": tier.stated_range,
        "stated_label": done.stated_label,
        "computed": tier.computed,
        "rule": tier.rule,
        "why": tier.why,
        "certainty": done.certainty,
        "certainty_basis": done.certainty_basis,
        "people": people(done.profile),
        "designs": designs or "no studies",
        "population": goal.population,
        "summary": goal.summary,
        "limitations": goal.limitations,
        "absence": card(done.compound, goal).statements,
        "flags": done.flags,
        "findings": rows,
        "footnotes": sorted(footnotes, key=footnotes.__getitem__),
        "quotes": [fmt.quote(record) for record in quotes],
        "panels": plots.panels(done.outcomes, done.compound.name),
        "not_drawn": plots.not_drawn(done.outcomes),
        "studies": [_study(done.compound, study, numbers) for study in done.studies],
    }


def absolute(found: dict[str, Any] | None) -> str:
    """An anticipated absolute effect in a few words, as a Summary of findings gives it."""
    if found is None:
        return ""
    if found["kind"] == "per-1000":
        change = found["difference"]
        words = f"{found['control']} vs {found['treated']} per 1,000: {change:+d}"
        if found["ci_low"] is not None:
            words += f" ({found['ci_low']:+d} to {found['ci_high']:+d})"
        return words
    words = (
        f"{found['risk']:g}% vs {found['control_risk']:g}%: {found['value']:+g} points "
        f"({found['ci_low']:+g} to {found['ci_high']:+g})"
    )
    nnt = found.get("nnt")
    if nnt is None:
        return words
    return words + f"; NNT {nnt['value']}" + ("" if nnt["bounded"] else ", its interval unbounded")


def _finding(item: Assessed, footnotes: dict[str, int], quotes: list[Any]) -> dict[str, Any]:
    """One row of a Summary of Findings table (QUOTES: the records quoted so far, to which the
    row's outcome is added where it carries a quote)."""
    study, outcome, certainty, reading = item
    quoted = None
    if outcome.quote:
        quotes.append(outcome)
        quoted = len(quotes)
    marks = []
    for reason in certainty.reasons:
        if reason.levels < 0 or reason.domain == "start":
            marks.append(footnotes.setdefault(reason.words, len(footnotes) + 1))
    studies = f"{study.trials} trials" if study.trials else fmt.count(1, study.shown_design)
    when = fmt.timepoint(outcome.when)
    effect = fmt.result(outcome)
    interval = fmt.interval(outcome.ci, outcome.decimals)
    return {
        "outcome": outcome.measure,
        "study": study.label,
        "when": when,
        "participants": f"{fmt.sample_size(study) or 'not reported'} ({studies})",
        "effect_type": fmt.EFFECT_LABELS.get(outcome.effect_type, outcome.effect_type),
        "effect": effect,
        "interval": interval,
        "p": fmt.p_value(outcome.p),
        "certainty": certainty.level or NOT_RATED,
        "absolute": absolute(reading.absolute),
        "marks": sorted(set(marks)),
        "quote": quoted,
        "reading": reading.text,
        "mcids": [
            f"MCID {mcid['value']} {mcid['unit']}: " + "; ".join(mcid["caveats"])
            for mcid in reading.mcids
        ],
    }


def _study(compound: Compound, study: Study, numbers: dict[int, int]) -> dict[str, Any]:
    def cite(publication_id: str) -> str:  # the reference's number on the page
        publication = compound.publication(publication_id)
        number = numbers.get(id(publication))
        return (
            f"{fmt.short_cite(publication)} [{number}]" if number else fmt.short_cite(publication)
        )

    notes = [fmt.note(note, cite=cite) for note in study.source_notes]
    if study.publication is not None:
        record = fmt.registered(compound.publication(study.publication))
        notes[:0] = [record] if record else []
    if not study.counts:
        notes.insert(0, f"Listed, but not counted for this goal: {not_counted(study)}.")
    elif study.notices:
        notes[:0] = [f"Notice: {notice}." for notice in study.notices]
    notes += [
        fmt.note(note, outcome.measure, cite)
        for outcome in study.outcomes
        for note in outcome.source_notes
    ]
    return {
        "label": study.label,
        "design": fmt.design(study),
        "species": study.species,
        "n": fmt.sample_size(study),
        "population": study.population,
        "reference": (
            None
            if study.publication is None
            else numbers.get(id(compound.publication(study.publication)))
        ),
        "notes": notes,
        "harms": [
            fmt.harm(harm) + (f" {fmt.quote(harm)}" if harm.quote else "") for harm in study.harms
        ],
        "quote": fmt.quote(study) if study.quote else None,
    }


def _reference(number: int, publication: Publication) -> dict[str, Any]:
    from urllib.parse import quote

    doi = publication.doi
    return {
        "number": number,
        "id": publication.id,
        "text": reference_text(publication),
        # a DOI's characters kept where a URL allows them; anything else (<, ", #, ?, %,
        # spaces) percent-encoded, so a DOI cannot break out of its link
        "doi_url": None if doi is None else "https://doi.org/" + quote(doi, safe="/:;()[]+,=@-._~"),
        "pmid": publication.pmid,
    }
