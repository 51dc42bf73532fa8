"""The evidence profile of a goal and its appraisal flags, computed from the data by fixed rules.

Nothing here is typed by hand in the claims file: each flag follows from the studies behind a
goal, their designs, species, sizes, sources and the links the file marks as indirect. The rules
are listed in RULES and explained in the README.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog, Compound, Goal, Study
    from peptide_cli.evidence.queries import Entry

Severity = Literal["high", "medium", "low"]
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}

# Study designs from strongest to weakest evidence of an effect in people.
DESIGN_ORDER = (
    "meta-analysis",
    "rct",
    "observational",
    "cost-effectiveness",
    "case-series",
    "animal",
    "review",
)
CONTROLLED = frozenset({"meta-analysis", "rct"})  # designs that count as controlled trials
SMALL_STUDY = 100  # a study with fewer participants than this is small
STRONG_TIER = 3  # the tier from which a controlled human trial is expected

RULES = {
    "no-human-data": "No study behind the goal was done in humans (high from Tier 2 up, else low).",
    "no-controlled-trial": "There are human studies, but no human RCT or meta-analysis (medium).",
    "single-small-study": (
        f"The human evidence is one study with fewer than {SMALL_STUDY} participants (medium)."
    ),
    "tier-above-evidence": (f"Tier {STRONG_TIER} or more without a controlled human trial (high)."),
    "source-departs": "The document departs from a study's primary publication (medium).",
    "no-confirmed-source": "A study has no confirmed primary publication (low).",
    "indirect-evidence": (
        "A study bears on the goal only indirectly (medium when every human study does, or "
        "every study when none is human; else low)."
    ),
}


@dataclass(frozen=True)
class Flag:
    code: str
    severity: Severity
    reason: str
    studies: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "reason": self.reason,
            "studies": list(self.studies),
        }


@dataclass(frozen=True)
class Profile:
    designs: dict[str, int]  # every design, with how many studies behind the goal have it
    human_studies: int
    human_participants: int | None  # a lower bound; None when no human study gives a count
    human_participants_at_least: bool  # some human study gives a range or no count
    strongest_design: str | None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def profile(compound: Compound, goal: Goal) -> Profile:
    """How many studies of each design, how many people, and the strongest design."""
    studies = compound.studies_of(goal)
    human = [study for study in studies if study.species == "human"]
    designs = {design: sum(s.design == design for s in studies) for design in DESIGN_ORDER}
    # A study based on another one behind the same goal shares its participants: count them once.
    counted = [s for s in human if s.based_on is None or s.based_on not in goal.studies]
    sizes = [study.n for study in counted if study.n is not None]
    participants = sum(sizes) if sizes or not counted else None
    at_least = any(study.n is None or study.n_max is not None for study in counted)
    strongest = next((design for design in DESIGN_ORDER if designs[design]), None)
    return Profile(designs, len(human), participants, at_least, strongest)


def flags(compound: Compound, goal: Goal) -> list[Flag]:
    """Every flag the rules raise for GOAL, most serious first."""
    tier = goal.tier
    studies = compound.studies_of(goal)
    human = [study for study in studies if study.species == "human"]
    controlled = [study for study in human if study.design in CONTROLLED]
    raised: list[Flag] = []

    def raise_flag(code: str, severity: Severity, reason: str, names: list[Study]) -> None:
        raised.append(Flag(code, severity, reason, tuple(study.id for study in names)))

    if not human:
        what = "no studies at all" if not studies else "only studies in animals or reviews"
        severity: Severity = "high" if tier >= 2 else "low"
        raise_flag("no-human-data", severity, f"No human data: {what}.", studies)
    elif not controlled:
        raise_flag(
            "no-controlled-trial",
            "medium",
            f"No human RCT or meta-analysis; the human evidence is {_list(human)}.",
            human,
        )
    if len(human) == 1 and human[0].n is not None and (human[0].n_max or human[0].n) < SMALL_STUDY:
        only = human[0]
        raise_flag(
            "single-small-study",
            "medium",
            f"All the human evidence is one study of {only.n} participants ({only.label}), "
            f"under the {SMALL_STUDY} this tool calls small.",
            human,
        )
    if tier >= STRONG_TIER and not controlled:
        raise_flag(
            "tier-above-evidence",
            "high",
            f"Tier {tier} without a controlled human trial"
            + (f": the evidence is {_list(studies)}." if studies else "."),
            studies,
        )
    departing = [study for study in studies if _departs(study)]
    if departing:
        raise_flag(
            "source-departs",
            "medium",
            f"The document departs from the publication behind {_list(departing)}.",
            departing,
        )
    unsourced = [study for study in studies if study.publication is None]
    if unsourced:
        raise_flag(
            "no-confirmed-source",
            "low",
            f"No confirmed primary publication for {_list(unsourced)}.",
            unsourced,
        )
    indirect = [study for study in studies if study.id in goal.indirect]
    if indirect:
        base = human or studies
        severity = "medium" if all(study.id in goal.indirect for study in base) else "low"
        whys = "; ".join(f"{study.label}: {goal.indirect[study.id]}" for study in indirect)
        raise_flag("indirect-evidence", severity, f"Indirect evidence ({whys}).", indirect)
    return sorted(raised, key=lambda flag: -SEVERITY_RANK[flag.severity])


def seriousness(severities: list[str]) -> tuple[int, int, int, int]:
    """A sort key from a goal's flags' SEVERITIES: the worst first, then how many of each."""
    high, medium, low = (severities.count(level) for level in ("high", "medium", "low"))
    worst = max((SEVERITY_RANK[severity] for severity in severities), default=0)
    return (worst, high, medium, low)


class Appraisal(NamedTuple):
    """A goal with everything the appraisal says of it: its studies, profile and flags."""

    compound: Compound
    goal: Goal
    tier_label: str
    studies: list[Study]
    profile: Profile
    flags: list[Flag]


def appraise(catalog: Catalog, entry: Entry) -> Appraisal:
    """The appraisal of one goal of CATALOG."""
    compound, goal = entry
    return Appraisal(
        compound,
        goal,
        catalog.tier_label(goal),
        compound.studies_of(goal),
        profile(compound, goal),
        flags(compound, goal),
    )


def audit(catalog: Catalog, entries: list[Entry]) -> list[Appraisal]:
    """ENTRIES appraised, most serious first; goals of equal seriousness keep their order."""
    appraised = [appraise(catalog, entry) for entry in entries]
    return sorted(
        appraised,
        key=lambda done: seriousness([flag.severity for flag in done.flags]),
        reverse=True,
    )


def _departs(study: Study) -> bool:
    return any(note.kind == "departs" for note in study.every_source_note())


def _list(studies: list[Study]) -> str:
    names = [study.label for study in studies]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
