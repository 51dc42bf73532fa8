"""The working behind a goal's certainty, rule by rule, as text or JSON (`peptide-cli explain`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peptide_cli.evidence.certainty import LABEL, NOT_RATED
from peptide_cli.render import figures as fmt
from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from peptide_cli.evidence import Appraisal
    from peptide_cli.evidence.certainty import Assessed


def record(appraised: Appraisal, outcomes: list[Assessed]) -> dict[str, Any]:
    """The goal's certainty and each chosen outcome's working, as JSON."""
    return {
        "compound": appraised.compound.id,
        "goal": appraised.goal.id,
        "tier": appraised.tier.tier,
        "tier_range": str(appraised.tier.tier),
        "tier_stated_range": appraised.tier.stated_range,
        "certainty": appraised.certainty,
        "certainty_basis": appraised.certainty_basis,
        "label": LABEL,
        "outcomes": [
            {
                "study": found.study.id,
                "study_label": found.study.label,
                "measure": found.outcome.measure,
                "timepoint": fmt.timepoint(found.outcome.when),
                "result": fmt.result(found.outcome),
                "certainty": found.certainty.as_dict(),
                "reading": found.reading.as_dict(),
            }
            for found in outcomes
        ],
    }


def text(appraised: Appraisal, outcomes: list[Assessed]) -> str:
    """The working in words: for each outcome, the start, every domain, the level, the reading."""
    goal = appraised.goal
    lines = [
        f"{goal.name} ({goal.id}) · Tier {appraised.tier.tier}"
        + (f" (stated {appraised.tier.stated_range})" if appraised.tier.stated_range else "")
        + f" · {appraised.compound.name}",
        f"Certainty of the best direct human evidence: {appraised.certainty or 'none'} "
        f"({appraised.certainty_basis})",
        f"Every level below is a {LABEL}.",
    ]
    if not outcomes:
        lines += ["", "No outcome is recorded for this goal: no certainty applies."]
    for found in outcomes:
        outcome, certainty = found.outcome, found.certainty
        figure = " ".join(
            part
            for part in (
                fmt.EFFECT_LABELS[outcome.effect_type],
                fmt.result(outcome),
                fmt.interval(outcome.ci, outcome.decimals),
                fmt.timepoint(outcome.when),
            )
            if part
        )
        lines += ["", f"{found.study.label} · {outcome.measure}: {figure}"]
        for reason in certainty.reasons:
            moved = "" if reason.domain == "start" else f"{reason.levels:+d}".replace("+0", " 0")
            lines.append(f"  {reason.domain:<17}{moved:>3}  {reason.words} [{reason.code}]")
        lines.append(f"  = {certainty.level or 'not rated: ' + NOT_RATED}")
        for reason in certainty.provenance:  # beside the certainty: it moves no level
            lines.append(f"  {reason.domain:<17}     {reason.words} [{reason.code}]")
        for rating in certainty.published:
            lines.append(
                f"  published rating: {rating['level']} ({rating['scope']}; {rating['source']})"
            )
        lines.append(f"  Reading: {found.reading.text}")
        for mcid in found.reading.mcids:
            caveats = "; ".join(mcid["caveats"])
            lines.append(f"  MCID {mcid['value']} {mcid['unit']} ({mcid['source']}): {caveats}")
    return "".join(clean(" ".join(line.splitlines())) + "\n" for line in lines)
