"""Checking a claim someone made against the catalog (#31), by fixed rules.

The claim is parsed, without any model, into what the catalog can match: the compound (its id,
name or an alias in its name's brackets; the first named is the claim's subject), the goal (an
id, name or alias of one of its goals), the population if stated (in humans, in rats), the
direction (improves, or does not), a size if stated (by 40%, 20 pounds) and a word of certainty
(proven, cures). Then one verdict of a fixed set, with the rule that decided it and the studies
behind it:

- `not-in-catalog`: no compound of the catalog is named;
- `cannot-judge`: the compound is named, but no goal of it, or too little else, is;
- `different-molecule`: the goal's human evidence is about another molecule, route or product;
- `no-human-evidence`: no direct controlled human trial stands behind the goal;
- `contradicted`: the direct evidence found no benefit (the goal is "Tested: No Benefit
  Shown"), or shows a benefit the claim denies;
- `overstated`: right direction, but the size, the certainty word, or the population claimed
  goes beyond the evidence;
- `supported`: direct controlled human trials favour the compound for the goal, and nothing the
  claim states goes beyond them (the certainty is said beside the verdict).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from peptide_cli.catalog.names import normalize

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog, Compound, Goal, Outcome, Study
    from peptide_cli.evidence.appraisal import Appraisal

Verdict = Literal[
    "supported",
    "overstated",
    "contradicted",
    "different-molecule",
    "no-human-evidence",
    "not-in-catalog",
    "cannot-judge",
]

NEGATIONS = ("does not", "doesnt", "do not", "dont", "no effect", "not help", "fails", "useless")
CERTAIN = ("proven", "proves", "definitely", "guaranteed", "cures", "cure", "always", "100")
POPULATIONS = {
    "human": ("in humans", "in people", "in patients", "in adults", "in women", "in men"),
    "animal": ("in rats", "in mice", "in animals", "in rodents"),
}
SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(%|percent|per cent|pounds|lbs?|kg|kilos?)(?![a-z])")
POUND = 0.45359237


@dataclass
class Parsed:
    """What the claim was understood to say."""

    compound: str | None = None  # the subject's id
    mentioned: list[str] = field(default_factory=list)  # every compound named, in order
    ambiguous: list[str] = field(default_factory=list)  # compounds one word names alike
    goal: str | None = None  # the goal's id
    population: str | None = None  # human or animal, where stated
    negated: bool = False  # says it does not work
    certain: bool = False  # says it is proven, cures ...
    size: float | None = None  # a stated size
    unit: str | None = None  # `%` or `kg`

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Checked:
    """A verdict on a claim, the rule that decided it, and what it rests on."""

    claim: str
    parsed: Parsed
    verdict: Verdict
    rule: str  # the rule in words
    studies: list[str] = field(default_factory=list)  # the labels of the studies behind it
    tier: int | None = None
    certainty: str | None = None
    notes: list[str] = field(default_factory=list)  # how the claim departs from the evidence

    def as_dict(self) -> dict[str, Any]:
        found = dict(self.__dict__)
        found["parsed"] = self.parsed.as_dict()
        return found


def _spoken(text: str) -> str:
    """TEXT as space-separated lower-case words, padded: for whole-word matching."""
    return " " + normalize(text).replace("-", " ") + " "


def _names(compound: Compound) -> list[str]:
    names = [compound.id, compound.name, *re.findall(r"\(([^)]+)\)", compound.name)]
    bare = re.sub(r"\s*\([^)]*\)", "", compound.name)
    return [_spoken(name) for name in {*names, bare} if name.strip()]


def _words(compound: Compound) -> list[str]:
    """The words of COMPOUND's name long enough to name it alone (`oxytocin`, `thymosin`)."""
    return [w for w in _spoken(compound.name).split() if len(w) >= 6]


def parse(catalog: Catalog, claim: str) -> Parsed:
    """What CLAIM says, as far as the catalog can match it."""
    words = _spoken(claim)
    said = Parsed()
    where: list[tuple[int, str]] = []
    for compound in catalog.compounds:
        spots = [words.find(name) for name in _names(compound) if name in words]
        if spots:
            where.append((min(spots), compound.id))
    if not where:  # a word of a name, such as `oxytocin`: the compounds whose name has it
        for compound in catalog.compounds:
            spots = [words.find(f" {w} ") for w in _words(compound) if f" {w} " in words]
            if spots:
                where.append((min(spots), compound.id))
    said.mentioned = [cid for _, cid in sorted(where)]
    first = [cid for at, cid in where if at == min(where)[0]] if where else []
    said.compound = first[0] if len(first) == 1 else None
    said.ambiguous = first if len(first) > 1 else []
    if said.compound is not None:
        subject = next(c for c in catalog.compounds if c.id == said.compound)
        said.goal = _goal(subject, words)
    lowered = " " + " ".join(re.sub(r"['’]", "", claim.casefold()).split()) + " "
    for population, phrases in POPULATIONS.items():
        if any(phrase in lowered for phrase in phrases):
            said.population = population
    said.negated = any(f" {phrase} " in words for phrase in NEGATIONS) or " not " in words
    said.certain = any(f" {word} " in words for word in CERTAIN)
    size = SIZE.search(claim.casefold())
    if size is not None:
        value, unit = float(size.group(1)), size.group(2)
        if unit.startswith(("pound", "lb")):
            value, unit = round(value * POUND, 1), "kg"
        elif unit.startswith("kilo"):
            unit = "kg"
        else:
            unit = "%"
        said.size, said.unit = value, unit
    return said


def _goal(compound: Compound, words: str) -> str | None:
    """The goal of COMPOUND the claim's WORDS name by its id, name or an alias (the longest
    name found, so `weight management` wins over `weight`)."""
    best: tuple[int, str] | None = None
    for goal in compound.goals:
        for name in (goal.id, goal.name, *goal.aliases):
            spoken = _spoken(name)
            stem = spoken.rstrip()  # `tendon` also finds `tendons`
            found = spoken in words or re.search(re.escape(stem) + r"s? ", words)
            if found and (best is None or len(spoken) > best[0]):
                best = (len(spoken), goal.id)
    return best[1] if best else None


def check_claim(catalog: Catalog, claim: str) -> Checked:
    """The verdict on CLAIM by the rules of this module."""
    from peptide_cli.evidence.appraisal import appraise
    from peptide_cli.evidence.queries import Entry

    said = parse(catalog, claim)
    if said.ambiguous:
        return Checked(
            claim,
            said,
            "cannot-judge",
            f"the claim's compound could be any of {', '.join(said.ambiguous)}: name one",
        )
    if said.compound is None:
        names = len(catalog.compounds)
        return Checked(
            claim, said, "not-in-catalog", f"no compound of the catalog's {names} is named"
        )
    compound = next(c for c in catalog.compounds if c.id == said.compound)
    if not compound.goals:
        searched = f" as of {compound.evidence.searched}" if compound.evidence else ""
        return Checked(
            claim,
            said,
            "no-human-evidence",
            f"{compound.name} has no goal in the catalog: no human evidence was found{searched}",
        )
    if said.goal is None:
        other = [s for s in compound.studies if s.other_than is not None]
        if len(said.mentioned) > 1 and other:  # "TB-500 is thymosin beta-4"
            first = other[0].other_than
            assert first is not None
            return Checked(
                claim,
                said,
                "different-molecule",
                f"the trials the claim leans on are about another {first.kind} "
                f"({first.studied}): {first.why}",
                [s.label for s in other],
            )
        listed = ", ".join(g.name for g in compound.goals)
        return Checked(
            claim,
            said,
            "cannot-judge",
            f"{compound.name} is named, but none of its goals is (it has: {listed})",
        )
    goal = next(g for g in compound.goals if g.id == said.goal)
    done = appraise(catalog, Entry(compound, goal))
    return _judge(claim, said, compound, goal, done)


def _judge(claim: str, said: Parsed, compound: Compound, goal: Goal, done: Appraisal) -> Checked:
    studies = compound.studies_of(goal)
    counted = [s for s in studies if s.counts]
    other = [s for s in studies if not s.counts]
    tier, certainty = done.tier.tier, done.certainty

    def verdict(kind: Verdict, rule: str, behind: list[Study], notes: list[str] | None = None):
        labels = [s.label for s in behind]
        return Checked(claim, said, kind, rule, labels, tier, certainty, notes or [])

    direct = _direct(counted)
    if other and not direct:
        kinds = {s.other_than.kind for s in other if s.other_than}
        what = "/".join(sorted(kinds)) or "thing"
        return verdict(
            "different-molecule",
            f"the human trials listed for {goal.name} are about another {what} "
            f"({'; '.join(s.other_than.studied for s in other if s.other_than)}); none of "
            f"{compound.name} itself",
            other,
        )
    if done.tier.rule == "tested-no-benefit" and not said.negated:
        return verdict(
            "contradicted", f"the direct evidence found no benefit: {done.tier.why}", direct
        )
    if done.tier.rule not in FAVOURED:
        seen = [s for s in counted if s.species == "human"]
        if direct:
            what = "controlled human trials are listed, but none with a favourable result counted"
        elif seen:
            what = "only uncontrolled human studies"
        else:
            what = "no study in people"
        animals = ", and animal studies" if any(s.species != "human" for s in counted) else ""
        elsewhere = [
            f"{s.label} (for {g.name})"
            for g in compound.goals
            if g is not goal
            for s in compound.studies_of(g)
            if s.species == "human" and s.counts and s not in studies
        ]
        notes = (
            [f"other human studies of {compound.name}: {', '.join(elsewhere)}"] if elsewhere else []
        )
        return verdict(
            "no-human-evidence",
            f"no direct controlled human trial found a benefit for {goal.name}: {what}{animals}",
            counted,
            notes,
        )
    if said.negated:
        return verdict(
            "contradicted",
            f"direct controlled human trials found a benefit: {done.tier.why}",
            direct,
        )
    notes = _overstatements(said, goal, direct, certainty)
    if notes:
        rule = "the direction is right, but the claim goes beyond the evidence, as noted"
        return verdict("overstated", rule, direct, notes)
    return verdict(
        "supported",
        f"direct controlled human trials favour {compound.name} for {goal.name} "
        f"(Tier {tier}; certainty {certainty or 'not rated'} by the tool's rules)",
        direct,
    )


UNJUDGED = ("not-in-catalog", "cannot-judge")
"""The verdicts that judge nothing: the claim named no compound, or too little."""
FAVOURED = ("direct-controlled", "replicated-large")
"""The tier rules under which a direct, confirmed, controlled human trial favours the goal."""


def _direct(studies: list[Study]) -> list[Study]:
    return [
        s
        for s in studies
        if s.species == "human" and s.shown_design in ("rct", "crossover-rct", "meta-analysis")
    ]


def _overstatements(
    said: Parsed, goal: Goal, direct: list[Study], certainty: str | None
) -> list[str]:
    notes = []
    if said.certain and certainty != "high":
        notes.append(f"it says proven or sure, where the certainty is {certainty or 'not rated'}")
    if said.population == "animal":
        notes.append("it speaks of animals, where the evidence is in people")
    if said.size is not None:
        note = _size(said, goal, direct)
        if note:
            notes.append(note)
    return notes


def _size(said: Parsed, goal: Goal, direct: list[Study]) -> str | None:
    """Whether a stated size lies within the recorded intervals of the differences against the
    comparator; a per-arm change stated as the effect is named as such."""
    size = said.size
    assert size is not None
    differences: list[tuple[Study, Outcome]] = []
    arms: list[tuple[Study, float]] = []
    for study in direct:
        for outcome in goal.outcomes_of(study):
            unit = "%" if (outcome.unit or "").startswith(("%", "percent")) else outcome.unit
            if unit != said.unit and not (
                said.unit == "%"
                and outcome.effect_type in ("percentage-points", "risk-ratio", "hazard-ratio")
            ):
                continue
            if outcome.value is not None and outcome.ci is not None:
                differences.append((study, outcome))
            for arm in outcome.arms:
                if arm.value is not None:
                    arms.append((study, arm.value))
    for _, outcome in differences:
        assert outcome.ci is not None and outcome.value is not None
        low, high = sorted((abs(outcome.ci.low), abs(outcome.ci.high)))
        if outcome.effect_type in ("risk-ratio", "hazard-ratio"):
            low, high = sorted(
                (round((1 - outcome.ci.high) * 100, 1), round((1 - outcome.ci.low) * 100, 1))
            )
        if low <= size <= high:
            return None
    for study, value in arms:
        if abs(abs(value) - size) <= 0.5:
            against = next((o for s, o in differences if s is study), None)
            where = (
                f"; the difference from the comparator was {abs(against.value or 0):g} "
                f"({_ends(against)})"
                if against is not None
                else ""
            )
            return (
                f"{size:g}{said.unit} is the change within the {study.label} treatment group, not "
                f"the difference from the comparator{where}"
            )
    if differences:
        study, outcome = differences[0]
        return (
            f"{size:g}{said.unit} lies outside the recorded interval of {study.label} "
            f"({_ends(outcome)})"
        )
    return f"no recorded interval of a direct trial lets a size of {size:g}{said.unit} be checked"


def _ends(outcome: Outcome) -> str:
    """OUTCOME's interval in words: `11.5 to 13.4`."""
    ci = outcome.ci
    return "no interval" if ci is None else f"{ci.low:g} to {ci.high:g}"
