"""The tier rules: a goal's tier computed from its evidence.

Every goal's tier is computed by the rules below (built on the certainty rules), and the
computed tier is the one shown everywhere. A tier a source states (the source document states
Cerebrolysin's) stays visible beside it, and a disagreement is flagged. The README ("Computed
tiers") explains each rule.

- **Tier 1**: no study (reviews aside) reports a finding for the goal.
- **Tier 2** (`some-evidence`): some study, in people or animals, direct or indirect, reports a
  finding for it, but no direct, confirmed, controlled human trial a favourable one.
- **Tier 2** (`tested-no-benefit`): the largest, the best-blinded or a pivotal (phase 3) direct
  controlled trial found no benefit; favourable smaller trials cannot carry the goal higher. The
  tier scale gives this its own label (`null_label`): the goal was tested, not merely untested.
- **Tier 3**: at least one direct, confirmed, controlled human trial has a favourable result,
  and no such trial above found no benefit.
- **Tier 4**: at least two independent such trials, the largest with at least
  LARGE_TRIAL participants, no direct controlled trial with a null or unfavourable result, and
  the goal's certainty at least what the tier scale asks of Tier 4 (high, for the bundled one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from peptide_cli.vocabulary import NO_EFFECT

if TYPE_CHECKING:
    from peptide_cli.catalog.models import Catalog, Goal, Outcome, Study

CONTROLLED = frozenset({"meta-analysis", "rct", "crossover-rct"})
LARGE_TRIAL = 1000
"""Tier 4 needs its largest favourable trial to have at least this many participants."""
SIGNIFICANT = 0.05  # a p-value at most this, with the estimate on the favourable side
BLINDING = {"double": 3, "single": 2, "open": 1, None: 0}
PIVOTAL = frozenset({"3", "2/3"})  # a pivotal trial's phase

Result = Literal["benefit", "no-difference", "harm"]


class TierResult(NamedTuple):
    """A goal's tier as the rules compute it (the one shown), and the tier a source states."""

    tier: int  # computed
    stated: int | None  # as a source states it (the lower end of a range), None if none does
    stated_max: int | None  # the upper end of a stated range
    rule: str  # the rule that decided the computed tier
    why: str  # in words, naming the studies

    @property
    def computed(self) -> int:
        return self.tier

    @property
    def stated_range(self) -> str | None:
        """The stated tier as written: `3`, `2-3`, or None."""
        if self.stated is None:
            return None
        if self.stated_max is None or self.stated_max == self.stated:
            return str(self.stated)
        return f"{self.stated}-{self.stated_max}"


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
    catalog: Catalog,
    goal: Goal,
    studies: list[Study],
    certainty: str | None,
    topline: frozenset[str] = frozenset(),
) -> TierResult:
    """GOAL's tier by the rules, given its STUDIES and its CERTAINTY. A study that does not
    count (about another molecule, route or product, or of the body's own level) is left out;
    a study whose results are only TOPLINE (their ids) is not a direct, confirmed trial, so it
    is never the basis of Tier 3 or 4."""
    from peptide_cli.evidence.certainty import LEVELS

    top = max(catalog.tiers) if catalog.tiers else 4
    studies = [s for s in studies if s.counts]
    direct = [
        s
        for s in studies
        if s.species == "human"
        and s.shown_design in CONTROLLED
        and s.id not in goal.indirect
        and s.publication is not None
        and s.id not in topline
        and s.analysis != "post-hoc"
    ]
    results = {s.id: study_result(s, goal) for s in direct}
    favourable = [s for s in direct if results[s.id] == "benefit"]
    against = [s for s in direct if results[s.id] in ("no-difference", "harm")]
    # The largest, best-blinded and pivotal trials are trials, not meta-analyses of them.
    trials = [s for s in direct if s.shown_design != "meta-analysis"]
    largest = largest_of(trials)
    blinded = max(trials, key=lambda s: (BLINDING[s.blinding], s.size[0] or 0), default=None)
    pivotal = [s for s in trials if s.phase in PIVOTAL]
    looked_at = {id(s): s for s in (largest, blinded, *pivotal) if s is not None}.values()
    tested = [s for s in looked_at if any(s is other for other in against)]
    if tested:
        which = (
            "largest"
            if tested[0] is largest
            else "best-blinded"
            if tested[0] is blinded
            else "pivotal (phase 3)"
        )
        carried = (
            f"; favourable trials ({_names(favourable)}) cannot carry it higher"
            if favourable
            else ""
        )
        return _result(
            goal,
            min(2, top),
            "tested-no-benefit",
            f"the {which} direct controlled trial, {tested[0].label}, found no benefit{carried}",
        )
    if favourable:
        independent = _independent(favourable)
        biggest = max((s.size[0] or 0) for s in favourable)
        needed = _certainty_of(catalog, 4)
        strong = certainty is not None and LEVELS.index(certainty) >= LEVELS.index(needed)
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


def largest_of(studies: list[Study]) -> Study | None:
    """The study of STUDIES with the most participants (the publication's count), if any."""
    return max(studies, key=lambda s: s.size[0] or 0, default=None)


def _certainty_of(catalog: Catalog, tier: int) -> str:
    """The least certainty the tier scale asks of TIER (high, where the scale does not say)."""
    found = catalog.tier(tier)
    return found.certainty if found is not None and found.certainty is not None else "high"


def _result(goal: Goal, computed: int, rule: str, why: str) -> TierResult:
    return TierResult(computed, goal.tier, goal.tier_max, rule, why)


def _independent(studies: list[Study]) -> list[Study]:
    """STUDIES without those based on another one of them, and one of each group that overlap
    (they share participants)."""
    ids = {s.id for s in studies}
    own = [s for s in studies if s.based_on is None or s.based_on not in ids]
    kept: list[Study] = []
    for study in own:
        if not any(k.id in study.overlaps or study.id in k.overlaps for k in kept):
            kept.append(study)
    return kept


def _names(studies: list[Study]) -> str:
    labels = [s.label for s in studies]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
