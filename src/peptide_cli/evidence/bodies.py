"""Bodies of evidence: a goal's results grouped by outcome, each outcome rated once across its
studies, and the goal's certainty as the lowest of its critical outcomes (GRADE: Balshem 2011;
GRADE 11, Guyatt 2013; Cochrane Handbook 14.2).

A result belongs to the outcome its `body` names, or else to its measure at its time frame.
Syntheses that share trials (`overlaps`), and analyses of another counted study's participants
(`based_on`), are shown with the outcome but counted once: the most recent synthesis, then the
largest. The outcome's certainty starts from the best design it counts, and each GRADE domain
is judged once for the whole body; the certainty of every result is then its outcome's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from peptide_cli.catalog.models import Arm, Outcome
from peptide_cli.evidence.certainty import (
    FEW_STUDIES,
    LEVELS,
    MOST,
    NOT_RATED,
    RATING_UP,
    Assessed,
    Certainty,
    Domain,
    Reason,
    assess,
    risks,
    settle,
)
from peptide_cli.evidence.tiers import result

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peptide_cli.catalog.models import Catalog, Compound, Goal, Harm, Study, Timepoint

Importance = Literal["critical", "important"]


class Body(NamedTuple):
    """One outcome of a goal across its studies, rated once: a result's, or a harm's."""

    name: str  # the outcome: the body its results name, or their measure (a harm: its event)
    when: Timepoint | None  # its time frame: that of its first result
    importance: Importance
    marked: bool  # whether the data marks its importance (else the default rule gave it)
    results: list[Assessed]  # every result, in the goal's order
    counted: list[Assessed]  # the results rated together
    set_aside: dict[int, str]  # index in results -> why it is shown but not counted
    certainty: Certainty
    harm: bool = False  # a harm the goal's studies report, rated with the same rules

    @property
    def basis(self) -> Assessed | None:
        """The counted result the body's estimate rests on: the one with the most weight and a
        figure (the first such), or the first counted one."""
        return _basis(self.counted)


def sharing(studies: list[Study]) -> list[list[Study]]:
    """STUDIES in groups that share participants (`overlaps`, either way), in order."""
    ids = {s.id for s in studies}
    groups: list[list[Study]] = []
    for study in studies:
        linked = {study.id, *(o for o in study.overlaps if o in ids)}
        linked |= {s.id for s in studies if study.id in s.overlaps}
        joined = [g for g in groups if any(s.id in linked for s in g)]
        merged = [s for g in joined for s in g] + [study]
        groups = [g for g in groups if g not in joined] + [merged]
    order = {s.id: i for i, s in enumerate(studies)}
    return sorted(groups, key=lambda g: min(order[s.id] for s in g))


def participants(studies: list[Study]) -> tuple[int | None, bool]:
    """How many people STUDIES hold, counted once (None when none gives a count), and whether
    that is only a lower bound. Of studies that share participants (`overlaps`), the largest
    counts; syntheses whose overlap is not recorded may share trials too, so of the groups
    holding one only the largest counts."""
    groups = sharing(studies)
    pooled = [g for g in groups if any(s.shown_design == "meta-analysis" for s in g)]
    if len(pooled) > 1:
        largest = max(pooled, key=lambda g: max(s.size[0] or 0 for s in g))
        groups = [g for g in groups if g not in pooled or g is largest]
    sizes = [max((s.size for s in group), key=lambda size: size[0] or 0) for group in groups]
    known = [n for n, _ in sizes if n is not None]
    total = sum(known) if known or not studies else None
    at_least = (
        any(n is None or n_max is not None for n, n_max in sizes)
        or any(len(group) > 1 for group in groups)
        or len(pooled) > 1
    )
    return total, at_least


def assess_goal(
    catalog: Catalog, compound: Compound, goal: Goal
) -> tuple[list[Assessed], list[Body]]:
    """Every result behind GOAL in the goal's order, and its outcomes, each with its results
    and its certainty (an outcome comes where its first result does), then the harms its
    studies report, rated the same way. The certainty of every result an outcome counts or
    sets aside becomes the outcome's; a descriptive result keeps its own (not rated)."""
    studies = compound.studies_of(goal)
    every, made = _assess(
        catalog, compound, goal, [(s, o) for s in studies for o in goal.outcomes_of(s)]
    )
    _, harms = _assess(
        catalog, compound, goal, [(s, harm_outcome(h)) for s in studies for h in s.harms], harm=True
    )
    return every, made + harms


def harm_outcome(harm: Harm) -> Outcome:
    """HARM as an outcome the certainty rules rate (GRADE rates harms as it rates benefits): the
    share of each group with the event, as a share or as counts (the interval comes from the
    counts), or its rates, or the finding in words where no group gives one. Fewer is better,
    except for a harm of kind `other`, whose direction is not recorded. A harm that one group
    alone reports is descriptive."""
    arms = [
        Arm(group=arm.group, value=arm.percent, events=arm.count, total=arm.total)
        for arm in harm.arms
    ]
    finding = harm.finding
    rates = [arm for arm in harm.arms if arm.rate is not None]
    if finding is None and rates:
        each = "; ".join(f"{arm.group} {arm.rate:g}" for arm in rates)
        finding = f"{each} ({harm.rate_unit or 'rate'})"
    return Outcome(
        measure=harm.name,
        measure_name=None if harm.body is None else harm.event,
        effect_type="responder-rate",
        unit="%",
        p=harm.p,
        better=None if harm.kind == "other" else "lower",
        arms=arms,
        finding=finding,
    )


def _assess(
    catalog: Catalog,
    compound: Compound,
    goal: Goal,
    ordered: list[tuple[Study, Outcome]],
    *,
    harm: bool = False,
) -> tuple[list[Assessed], list[Body]]:
    """The ORDERED results of GOAL, assessed, and the outcomes they form, each rated once."""
    keys = [_key(outcome) for _, outcome in ordered]
    outcomes: dict[tuple[str, object], list[Outcome]] = {}
    for (_, outcome), key in zip(ordered, keys, strict=True):
        outcomes.setdefault(key, []).append(outcome)
    risk = {key: control_risk(found) for key, found in outcomes.items()}
    every = [
        Assessed(
            catalog, compound, s, o, assess(catalog, compound, goal, s, o, risk[key]), risk[key]
        )
        for (s, o), key in zip(ordered, keys, strict=True)
    ]
    groups: dict[tuple[str, object], list[Assessed]] = {}
    for found, key in zip(every, keys, strict=True):
        groups.setdefault(key, []).append(found)
    marked = goal.critical is not None
    if marked or harm:  # a harm is important unless the goal marks it critical
        critical = set(goal.critical or ())
    else:  # those with a primary result, or all when none has one
        primary = {k[0] for k, found in groups.items() if any(r.outcome.primary for r in found)}
        critical = primary or {k[0] for k in groups}
    made = []
    for (name, _), results in groups.items():
        counted, set_aside = _counted(compound, results)
        certainty = rate(goal, counted)
        importance: Importance = "critical" if name in critical else "important"
        body = Body(
            name,
            results[0].outcome.when,
            importance,
            marked,
            results,
            counted,
            set_aside,
            certainty,
            harm,
        )
        for found in results:
            if found.certainty.level is not None:
                found.certainty = certainty
        made.append(body)
    return every, made


def control_risk(outcomes: Iterable[Outcome]) -> float | None:
    """The comparator's risk of an outcome: that of the result among OUTCOMES whose comparator
    group is largest, where any gives counts."""
    counted = [found for found in map(risks, outcomes) if found is not None]
    if not counted:
        return None
    return max(counted, key=lambda found: found.control_total).control_risk


def _key(outcome: Outcome) -> tuple[str, object]:
    """Which body a result belongs to: the body it names (any time frame), else its measure at
    its time frame."""
    if outcome.body is not None:
        return (outcome.body, None)
    when = outcome.when
    frame = None if when is None else (when.value, when.value_max, when.unit, when.label)
    return (outcome.measure, frame)


def _counted(compound: Compound, results: list[Assessed]) -> tuple[list[Assessed], dict[int, str]]:
    """The RESULTS of one outcome that are rated together, and why each other one is not."""
    aside: dict[int, str] = {}
    rated = [r for r in results if r.certainty.level is not None]
    if not rated:
        return [], aside
    index = {id(r): i for i, r in enumerate(results)}
    studies = list({r.study.id: r.study for r in rated}.values())
    kept: dict[str, Assessed] = {}
    for group in sharing(studies):
        chosen = max(group, key=lambda s: (_year(compound, s), s.size[0] or 0))
        for study in group:
            if study is not chosen:
                for r in rated:
                    if r.study is study:
                        aside[index[id(r)]] = (
                            f"shares trials with {chosen.label}, counted instead as the most "
                            "recent (then largest) of them"
                        )
    for r in rated:
        if index[id(r)] in aside:
            continue
        if r.study.id in kept:
            aside[index[id(r)]] = "another result of the same study, which is counted once"
            continue
        kept[r.study.id] = r
    for r in list(kept.values()):
        base = r.study.based_on
        if base is not None and base in kept:
            aside[index[id(r)]] = f"analyses participants of {kept[base].study.label}"
            del kept[r.study.id]
    return list(kept.values()), aside


def _year(compound: Compound, study: Study) -> int:
    if study.publication is None:
        return 0
    return compound.publication(study.publication).year or 0


def _weight(found: Assessed) -> int:
    return found.study.size[0] or 0


def _weights(counted: list[Assessed]) -> list[float]:
    """Each counted result's share of the body's participants (equal where none is known)."""
    sizes = [_weight(found) for found in counted]
    total = sum(sizes)
    if total == 0:
        return [1 / len(counted)] * len(counted)
    return [size / total for size in sizes]


def _basis(counted: list[Assessed]) -> Assessed | None:
    with_figure = [
        f for f in counted if f.outcome.value is not None or f.outcome.ci or f.outcome.conclusion
    ]
    pool = with_figure or counted
    return max(pool, key=_weight) if pool else None


def rate(goal: Goal, counted: list[Assessed]) -> Certainty:
    """The certainty of one outcome from its COUNTED results: a single result's own, else each
    GRADE domain judged across them."""
    if not counted:
        words = "every result is descriptive (change within groups, or one group): not rated"
        return Certainty(None, "very low", [Reason("start", NOT_RATED, words)], [])
    if len(counted) == 1:
        return counted[0].certainty
    starts = [found.certainty.start for found in counted]
    start = max(starts, key=LEVELS.index)
    labels = _names(found.study.label for found in counted)
    reasons = [
        Reason(
            "start",
            "start-body",
            f"starts at {start}, the best design among the {len(counted)} studies counted "
            f"({labels})",
        )
    ]
    judged, not_assessed = _risk_of_bias(counted)
    others = [
        *_inconsistency(counted),
        *_worst(counted, "indirectness"),
        *_of_basis(counted, "imprecision"),
        *_publication_bias(counted),
        Reason("rating up", "rating-up-not-assessed", RATING_UP),
    ]
    level, judged = settle(start, judged, others, not_assessed=not_assessed)
    published = [rating for found in counted for rating in found.certainty.published]
    provenance = list(
        {
            (r.code, r.words): Reason(r.domain, r.code, f"{f.study.label}: {r.words}")
            for f in counted
            for r in f.certainty.provenance
        }.values()
    )
    return Certainty(level, start, [*reasons, *judged, *others], published, provenance)


def _names(labels: Iterable[str]) -> str:
    shown = list(labels)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _risk_of_bias(counted: list[Assessed]) -> tuple[list[Reason], bool]:
    """Risk of bias across a body, by the share of its participants (GRADE 4): most at high
    risk, -1 (-2 where every such study is high in two or more domains); most at high risk,
    some concerns or unclear, -1; most not assessed, held at low. Returns the reason and
    whether most of the weight is not assessed."""
    shares: dict[str, float] = {}
    names: dict[str, list[str]] = {}
    several = True
    for found, share in zip(counted, _weights(counted), strict=True):
        judged = found.study.risk_of_bias
        if judged is None:
            state = "not assessed"
        elif judged.judgement == "high":
            state = "high"
            several &= sum(v == "high" for v in judged.domains.values()) >= 2
        elif judged.judgement == "some-concerns":
            state = "some concerns"
        elif judged.share_high_or_unclear is not None and judged.share_high_or_unclear > MOST:
            state = "unclear"
        else:
            state = "low"
        shares[state] = shares.get(state, 0) + share
        names.setdefault(state, []).append(found.study.label)

    def part(state: str) -> str:
        return f"{shares[state]:.0%} {state} ({_names(names[state])})"

    spread = "; ".join(part(state) for state in shares)
    domain: Domain = "risk of bias"
    if shares.get("not assessed", 0) > MOST:
        words = f"not assessed for most of the weight: {spread}"
        return [Reason(domain, "rob-not-assessed", words)], True
    if shares.get("high", 0) > MOST:
        return [
            Reason(
                domain,
                "rob-high",
                f"most of the weight at high risk: {spread}",
                -2 if several else -1,
            )
        ], False
    if 1 - shares.get("low", 0) > MOST:
        words = f"most of the weight at high or unclear risk, or with some concerns: {spread}"
        return [Reason(domain, "rob-most-weight-unclear", words, -1)], False
    return [Reason(domain, "rob-low", f"most of the weight at low risk: {spread}")], False


def _inconsistency(counted: list[Assessed]) -> list[Reason]:
    """Inconsistency across a body (GRADE 7): results on both sides of no effect; the largest
    study finding no difference where another finds one; intervals that do not overlap; or a
    pooled result's own substantial heterogeneity. Otherwise the studies agree."""
    domain: Domain = "inconsistency"
    found = [(f, result(f.outcome)) for f in counted]
    read = [(f, r) for f, r in found if r is not None]
    sides = {r for _, r in read}
    own = [
        reason
        for f in counted
        for reason in f.certainty.reasons
        if reason.domain == domain and reason.levels < 0
    ]
    if "benefit" in sides and "harm" in sides:
        benefit = [f.study.label for f, r in read if r == "benefit"]
        harm = [f.study.label for f, r in read if r == "harm"]
        words = (
            f"the studies point different ways: benefit in {_names(benefit)}, "
            f"harm in {_names(harm)}"
        )
        return [Reason(domain, "opposite-directions", words, -1)]
    trials = [f for f in counted if f.study.shown_design != "meta-analysis"]
    largest = max(trials, key=_weight) if trials else None
    effect = [f.study.label for f, r in read if r in ("benefit", "harm") and f is not largest]
    if largest is not None and result(largest.outcome) == "no-difference" and effect:
        words = (
            f"the largest trial, {largest.study.label} ({_weight(largest):,} participants), "
            f"found no clear difference, where {_names(effect)} found an effect"
        )
        return [Reason(domain, "largest-disagrees", words, -1)]
    apart = _apart(counted)
    if apart:
        words = f"the intervals of {apart[0]} and {apart[1]} do not overlap"
        return [Reason(domain, "intervals-apart", words, -1)]
    if own:
        return own[:1]
    if len(read) < 2:
        words = "not assessable: fewer than two of its studies give a result that can be compared"
        return [Reason(domain, "inconsistency-not-assessable", words)]
    if len(sides) > 1:
        words = (
            f"the {len(read)} studies differ only in whether a difference is clear, and no "
            "larger trial found none where a smaller study found one"
        )
        return [Reason(domain, "consistent", words)]
    side = next(iter(sides)).replace("-", " ")
    return [Reason(domain, "consistent", f"the {len(read)} studies agree ({side})")]


def _apart(counted: list[Assessed]) -> tuple[str, str] | None:
    """Two counted results of the same effect type whose intervals do not overlap: the one
    whose interval starts highest and the one whose interval ends lowest, if they are apart."""
    by_kind: dict[str, list[tuple[float, float, Assessed]]] = {}
    for found in counted:
        ci = found.outcome.ci
        if ci is not None:
            by_kind.setdefault(found.outcome.effect_type, []).append((ci.low, ci.high, found))
    for group in by_kind.values():
        highest = max(group, key=lambda item: item[0])
        lowest = min(group, key=lambda item: item[1])
        if lowest[1] < highest[0]:
            first, second = sorted((highest[2], lowest[2]), key=counted.index)
            return first.study.label, second.study.label
    return None


def _worst(counted: list[Assessed], domain: Domain) -> list[Reason]:
    """DOMAIN's reasons from the counted result it moves most, each naming its study."""

    def moved(found: Assessed) -> int:
        return sum(r.levels for r in found.certainty.reasons if r.domain == domain)

    worst = min(counted, key=moved)
    if moved(worst) == 0:
        words = "direct for this goal as recorded, in every study counted"
        return [Reason("indirectness", "direct", words)]
    return [
        Reason(r.domain, r.code, f"{worst.study.label}: {r.words}", r.levels)
        for r in worst.certainty.reasons
        if r.domain == domain
    ]


def _of_basis(counted: list[Assessed], domain: Domain) -> list[Reason]:
    """DOMAIN's reasons from the result the body's estimate rests on (the most weight)."""
    basis = _basis(counted)
    assert basis is not None
    return [
        Reason(r.domain, r.code, f"{r.words} (on {basis.study.label}, the most weight)", r.levels)
        for r in basis.certainty.reasons
        if r.domain == domain
    ]


def _publication_bias(counted: list[Assessed]) -> list[Reason]:
    """Publication bias across a body: a funnel plot needs FEW_STUDIES trials; industry ties
    are shown (GRADE 5), moving no level."""
    domain: Domain = "publication bias"
    trials = sum(found.study.trials or 1 for found in counted)
    if trials >= FEW_STUDIES:
        words = f"not assessed: about {trials} trials allow a funnel plot, but none is recorded"
    else:
        words = f"not assessable: fewer than {FEW_STUDIES} studies"
    found = [Reason(domain, "publication-bias-not-assessable", words)]
    found += [
        Reason(r.domain, r.code, f"{f.study.label}: {r.words}", r.levels)
        for f in counted
        for r in f.certainty.reasons
        if r.domain == domain and r.code != "publication-bias-not-assessable"
    ]
    return found


def goal_certainty(found: list[Body]) -> tuple[str | None, str]:
    """A goal's certainty: the lowest of its rated critical outcomes (GRADE 11), and which
    outcome it is (None when no critical outcome is rated)."""
    critical = [
        body for body in found if body.importance == "critical" and body.certainty.level is not None
    ]
    if not critical:
        if not found:
            return None, "no outcome is recorded"
        if not any(r.study.counts for body in found for r in body.results):
            return None, "no outcome counts: each is of another molecule, route or product"
        return None, "no critical outcome is rated: each is descriptive"
    lowest = min(critical, key=lambda body: LEVELS.index(body.certainty.level or ""))
    return lowest.certainty.level, lowest.name
