"""The working behind a goal's certainty, rule by rule, as text or JSON (`peptide-cli explain`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peptide_cli.evidence.certainty import (
    CERTAINTY_OF_GOAL,
    LABEL,
    NOT_RATED,
    TARGET,
    not_counted,
)
from peptide_cli.render import document
from peptide_cli.render import figures as fmt
from peptide_cli.render.document import BLANK, Aligned, Bullets, Heading, Line, TextBlock

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Outcome
    from peptide_cli.evidence import Appraisal
    from peptide_cli.evidence.bodies import Body
    from peptide_cli.evidence.certainty import Assessed


def record(appraised: Appraisal, outcomes: list[Assessed]) -> dict[str, Any]:
    """The goal's certainty, each outcome's body of evidence and each chosen result's working,
    as JSON."""
    chosen = {id(found) for found in outcomes}
    harms = {id(found) for found in appraised.harms}
    return {
        "compound": appraised.compound.id,
        "goal": appraised.goal.id,
        "tier": appraised.tier.tier,
        "tier_range": str(appraised.tier.tier),
        "tier_stated_range": appraised.tier.stated_range,
        "certainty": appraised.certainty,
        "certainty_basis": appraised.certainty_basis,
        "certainty_rule": CERTAINTY_OF_GOAL,
        "target": TARGET,
        "label": LABEL,
        "bodies": [
            {
                "outcome": body.name,
                "harm": body.harm,
                "timepoint": fmt.timepoint(body.when),
                "importance": body.importance,
                "importance_marked": body.marked,
                "results": [
                    {
                        "study": found.study.id,
                        "measure": found.outcome.measure,
                        "counted": any(found is c for c in body.counted),
                        "set_aside": body.set_aside.get(i),
                    }
                    for i, found in enumerate(body.results)
                ],
                "certainty": body.certainty.as_dict(),
                "statement": _statement(body),
            }
            for body in appraised.bodies
            if any(id(found) in chosen for found in body.results)
        ],
        "outcomes": [
            {
                "study": found.study.id,
                "study_label": found.study.label,
                "measure": found.outcome.measure,
                "outcome": found.outcome_name,
                "harm": id(found) in harms,
                "timepoint": fmt.timepoint(found.outcome.when),
                "result": fmt.result(found.outcome),
                "certainty": found.certainty.as_dict(),
                "reading": found.reading.as_dict(),
            }
            for found in outcomes
        ],
    }


def _statement(body: Body) -> str | None:
    """The body's statement: that of the result its estimate rests on, or None unrated."""
    basis = body.basis
    if basis is None or body.certainty.level is None:
        return None
    return basis.reading.statement


def _figure(outcome: Outcome, harm: bool) -> str:
    return " ".join(
        part
        for part in (
            None if harm else fmt.EFFECT_LABELS[outcome.effect_type],
            fmt.result(outcome),
            fmt.interval(outcome.ci, outcome.decimals),
            fmt.timepoint(outcome.when),
        )
        if part
    )


def text(appraised: Appraisal, outcomes: list[Assessed]) -> str:
    """The working in words: for each outcome, its body of evidence (the results counted and
    those set aside), the start, every domain, the level, and each result's reading."""
    return document.plain(blocks(appraised, outcomes))


def markdown(appraised: Appraisal, outcomes: list[Assessed]) -> str:
    """The working as Markdown, for notes: the same words as `text`."""
    return document.markdown(blocks(appraised, outcomes))


def blocks(appraised: Appraisal, outcomes: list[Assessed]) -> list[TextBlock]:
    """The working, declared once for text and Markdown."""
    goal = appraised.goal
    shown_blocks: list[TextBlock] = [
        Heading(
            f"{goal.name} ({goal.id}) · Tier {appraised.tier.tier}"
            + (f" (stated {appraised.tier.stated_range})" if appraised.tier.stated_range else "")
            + f" · {appraised.compound.name}",
            level=1,
        ),
        Line(f"{CERTAINTY_OF_GOAL}: {appraised.certainty or 'none'} ({appraised.certainty_basis})"),
        Line(
            f"Every level below is a {LABEL}: {TARGET}. Each outcome is rated once, across its "
            "studies."
        ),
    ]
    if not outcomes:
        shown_blocks += [BLANK, Line("No outcome is recorded for this goal: no certainty applies.")]
    chosen = {id(found) for found in outcomes}
    for body in appraised.bodies:
        shown = [(i, f) for i, f in enumerate(body.results) if id(f) in chosen]
        if not shown:
            continue
        importance = body.importance + ("" if body.marked else " (by default)")
        counted = len(body.counted)
        shown_blocks += [
            BLANK,
            Heading(
                f"{'Harm' if body.harm else 'Outcome'}: {body.name} · {importance} · "
                f"{len(body.results)} result{'s' * (len(body.results) != 1)}, {counted} counted"
            ),
        ]
        results = []
        for i, found in shown:
            why = body.set_aside.get(i)
            if found.certainty.level is None:
                counts = found.study.counts
                why = "descriptive, not rated" if counts else not_counted(found.study)
            after = f" (not counted: {why})" if why else ""
            figure = _figure(found.outcome, body.harm)
            results.append(f"{found.study.label} · {found.outcome.measure}: {figure}{after}")
        shown_blocks.append(Bullets(results))
        certainty = body.certainty
        working = []
        for reason in certainty.reasons:
            moved = "" if reason.domain == "start" else f"{reason.levels:+d}".replace("+0", " 0")
            working.append(f"{reason.domain:<17}{moved:>3}  {reason.words} [{reason.code}]")
        working.append(f"= {certainty.level or 'not rated: ' + NOT_RATED}")
        for reason in certainty.provenance:  # beside the certainty: it moves no level
            working.append(f"{reason.domain:<17}     {reason.words} [{reason.code}]")
        shown_blocks.append(Aligned(working))
        notes = [
            f"published rating: {rating['level']} ({rating['scope']}; {rating['source']})"
            for rating in certainty.published
        ]
        for _, found in shown:
            who = f" ({found.study.label})" if len(shown) > 1 else ""
            notes.append(f"Reading{who}: {found.reading.text}")
            for mcid in found.reading.mcids:
                caveats = "; ".join(mcid["caveats"])
                notes.append(f"MCID {mcid['value']} {mcid['unit']} ({mcid['source']}): {caveats}")
        shown_blocks.append(Bullets(notes))
    return shown_blocks
