"""The tier rules: a goal's tier computed from its evidence.

A source states Cerebrolysin's tiers; nobody states the other compounds'. Every goal's tier is
computed by the rules below (built on the certainty rules). For a goal whose tier a source
states, the computed tier is shown beside it and a disagreement is flagged; the stated tier is
never overwritten. The README ("Computed tiers") explains each rule.

- **Tier 1**: no study (reviews aside) reports a finding for the goal.
- **Tier 2**: some study, in people or animals, direct or indirect, reports a finding for it;
  or favourable controlled trials are contradicted by the largest or best-blinded one.
- **Tier 3**: at least one direct, confirmed, controlled human trial has a favourable result,
  and the conflict clause does not apply.
- **Tier 4**: at least two independent such trials, the largest with at least
  LARGE_TRIAL participants, no direct controlled trial with a null or unfavourable result, and
  the goal's certainty at least moderate.

The **conflict clause**: when the largest, or the best-blinded, direct controlled trial has a
null or unfavourable result, favourable smaller trials cannot carry the goal above Tier 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from peptide_cli.vocabulary import NO_EFFECT

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog, Compound, Goal, Outcome, Study

CONTROLLED = frozenset({"meta-analysis", "rct", "crossover-rct"})
LARGE_TRIAL = 1000
"""Tier 4 needs its largest favourable trial to have at least this many participants."""
SIGNIFICANT = 0.05  # a p-value at most this, with the estimate on the favourable side
BLINDING = {"double": 3, "single": 2, "open": 1, None: 0}

Result = Literal["benefit", "no-difference", "harm"]


class TierResult(NamedTuple):
    """A goal's tier as shown (stated, else computed), and what the rules compute."""

    tier: int
    tier_max: int | None
    stated: bool
    computed: int
    rule: str  # the rule that decided the computed tier
    why: str  # in words, naming the studies


def result(outcome: Outcome) -> Result | None:
    """What an outcome found: its recorded conclusion, else its interval against the line of no
    effect, else its p-value with the estimate's side; None when nothing says."""
    if outcome.conclusion is not None:
        return outcome.conclusion
    null = NO_EFFECT.get(outcome.effect_type)
    value, ci = outcome.value, outcome.ci
    if null is None or value is None or outcome.better is None:
        return None
    favours = value > null if outcome.better == "higher" else value < null
    if ci is not None:
        if ci.low <= null <= ci.high:
            return "no-difference"
        return "benefit" if favours else "harm"
    p = outcome.p
    if p is not None and p.relation != ">" and p.value <= SIGNIFICANT:
        return "benefit" if favours else "harm"
    if p is not None:
        return "no-difference"
    return None


def study_result(study: Study, goal: Goal) -> Result | None:
    """A study's result for GOAL: that of its primary outcomes where marked, else of all its
    outcomes with one; any harm wins, then any null result, then benefit."""
    bearing = goal.outcomes_of(study)
    outcomes = [o for o in bearing if o.primary] or bearing
    found = [r for r in map(result, outcomes) if r is not None]
    if "harm" in found:
        return "harm"
    if "no-difference" in found:
        return "no-difference"
    return "benefit" if found else None


def _reports_a_finding(study: Study, goal: Goal) -> bool:
    if study.shown_design == "review":
        return False
    return any(
        result(o) in ("benefit", None) and (o.value is not None or o.finding or o.arms)
        for o in goal.outcomes_of(study)
    )


def compute(
    catalog: Catalog, goal: Goal, studies: list[Study], certainty: str | None
) -> TierResult:
    """GOAL's tier by the rules, given its STUDIES and its CERTAINTY."""
    from peptide_cli.evidence.certainty import LEVELS

    top = max(catalog.tiers) if catalog.tiers else 4
    direct = [
        s
        for s in studies
        if s.species == "human"
        and s.shown_design in CONTROLLED
        and s.id not in goal.indirect
        and s.publication is not None
        and s.analysis != "post-hoc"
    ]
    results = {s.id: study_result(s, goal) for s in direct}
    favourable = [s for s in direct if results[s.id] == "benefit"]
    against = [s for s in direct if results[s.id] in ("no-difference", "harm")]
    # The conflict clause looks at trials, not at meta-analyses of them.
    trials = [s for s in direct if s.shown_design != "meta-analysis"]
    largest = max(trials, key=lambda s: s.size[0] or 0, default=None)
    blinded = max(trials, key=lambda s: (BLINDING[s.blinding], s.size[0] or 0), default=None)
    conflict = [s for s in (largest, blinded) if s is not None and s in against]
    if favourable and not conflict:
        independent = _independent(favourable)
        biggest = max((s.size[0] or 0) for s in favourable)
        strong = certainty is not None and LEVELS.index(certainty) >= LEVELS.index("moderate")
        if len(independent) >= 2 and not against and biggest >= LARGE_TRIAL and strong and top >= 4:
            names = _names(independent)
            return _result(
                goal,
                4,
                "replicated-large",
                f"{names} are independent, favourable, "
                f"direct controlled trials, the largest with {biggest} participants, "
                f"and none is null; certainty {certainty}",
            )
        return _result(
            goal,
            min(3, top),
            "direct-controlled",
            f"{_names(favourable)}: "
            "a direct, confirmed, controlled human trial with a favourable result",
        )
    if favourable and conflict:
        return _result(
            goal,
            min(2, top),
            "conflict",
            f"the {'largest' if largest in conflict else 'best-blinded'} "
            f"direct controlled trial, {conflict[0].label}, found no difference; "
            f"favourable trials ({_names(favourable)}) cannot carry it higher",
        )
    finding = [s for s in studies if _reports_a_finding(s, goal)]
    if finding:
        return _result(
            goal,
            min(2, top),
            "some-evidence",
            f"{_names(finding)} report a finding, "
            "but no direct, confirmed, controlled human trial a favourable one",
        )
    return _result(goal, min(1, top), "no-evidence", "no study reports a finding for it")


def _result(goal: Goal, computed: int, rule: str, why: str) -> TierResult:
    if goal.tier is not None:
        return TierResult(goal.tier, goal.tier_max, True, computed, rule, why)
    return TierResult(computed, None, False, computed, rule, why)


def _independent(studies: list[Study]) -> list[Study]:
    """STUDIES without those based on another one of them (they share participants)."""
    ids = {s.id for s in studies}
    return [s for s in studies if s.based_on is None or s.based_on not in ids]


def _names(studies: list[Study]) -> str:
    labels = [s.label for s in studies]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def of_goal(catalog: Catalog, compound: Compound, goal: Goal) -> TierResult:
    """GOAL's tier, computing its certainty on the way (for callers without an appraisal)."""
    from peptide_cli.evidence.certainty import assess_goal, goal_certainty

    level, _ = goal_certainty(goal, assess_goal(catalog, compound, goal))
    return compute(catalog, goal, compound.studies_of(goal), level)
