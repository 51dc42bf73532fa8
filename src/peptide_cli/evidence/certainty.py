"""How sure, and what it means: a rule-based certainty pre-assessment and a plain reading of
every outcome, computed from the recorded fields.

Every rule, threshold and sentence lives here, with its source (see
shared/research/interpretation.md and the README, "Certainty and plain readings"). The result is
a GRADE-style pre-assessment computed from the data, never a GRADE panel's rating: it starts
from the study's design (the publication's, where it differs from the document's) and moves down
by fixed rules in GRADE's five domains, naming the rule behind every step.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from peptide_cli.evidence.effects import (
    ALPHA,
    POWER,
    RD_METHOD,
    RRR,
    Risks,
    absolute,
    optimal_information_size,
    per_thousand,
    risk_difference,
)
from peptide_cli.vocabulary import NO_EFFECT, RATIOS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from peptide_cli.catalog.models import Catalog, Compound, Goal, Mcid, Outcome, Study

    # An effect re-expressed (None when it cannot be), and what it means in words.
    Conversion = tuple[dict[str, Any] | None, str]
    # Re-expresses an outcome of one effect type; None when the outcome lacks what it needs.
    Converter = Callable[[Outcome], Conversion | None]

LEVELS = ("very low", "low", "moderate", "high")
"""GRADE's four levels of certainty, lowest first."""

LABEL = "rule-based pre-assessment, not a GRADE panel's rating"
CERTAINTY_OF_GOAL = "Certainty, that of its lowest critical outcome"  # GRADE 11

# Start levels by design (GRADE: randomised trials start high, observational studies low, case
# series very low). An animal experiment starts as a controlled experiment and is rated down
# two levels for indirectness (GRADE 8), so that it can never rate above low.
START = {
    "meta-analysis": "high",  # of randomised trials: see POOLED_START
    "rct": "high",
    "crossover-rct": "high",
    "observational": "low",
    "before-after": "very low",
    "cost-effectiveness": "low",
    "case-series": "very low",
    "animal": "high",
    "review": "very low",
    "endogenous-level": "very low",  # not evidence about taking it: never rated (`descriptive`)
}

INFORMATION_SIZE = 400
"""The optimal information size of a continuous outcome, in participants (one published
operational version of GRADE 6's, as BJSM uses it; not GRADE's own rule). A binary outcome's is
worked out from the comparator's risk (`effects.optimal_information_size`)."""

FEW_STUDIES = 10  # fewer studies than this: publication bias cannot be assessed
MOST = 0.5  # a synthesis with more of its weight than this at high or unclear risk: -1
RATING_UP = (
    "not assessed: no rule rates up for a large effect, a dose-response or opposing bias (GRADE 9)"
)
NOT_ASSESSED_CAP = "low"  # the highest level an outcome reaches with risk of bias not assessed
SIGNIFICANT = 0.05  # without an interval, a p-value above this is no clear difference

DESCRIPTIVE = frozenset({"percent-change", "before-after"})
"""Effect types that describe change within each group: not rated, no effect statement."""
NOT_RATED = "descriptive"  # what a descriptive row shows where a level would be

TRIVIAL: dict[str, tuple[float, float]] = {
    # an effect wholly inside these bounds is trivial ("little or no difference"); outside, it
    # is important. GRADE 6's rough guide for appreciable benefit or harm (a ratio under 0.75
    # or over 1.25), Cohen's small SMD (0.2), and its conversion to a Mann-Whitney effect.
    "risk-ratio": (0.75, 1.25),
    "odds-ratio": (0.75, 1.25),
    "hazard-ratio": (0.75, 1.25),
    "log-odds-ratio": (math.log(0.75), math.log(1.25)),
    "smd": (-0.2, 0.2),
    "mann-whitney": (0.44, 0.56),
}
"""Where no bound is known for an effect type (a mean difference in points, with no
between-group minimal important difference recorded), no result is called trivial."""

# Conventions for reading a size (never a pass or fail): Cohen's d, and the same benchmarks
# converted to a Mann-Whitney effect (Rahlfs and Zimmermann 2019, reflected around 0.5).
SMD_SIZES = ((0.8, "large"), (0.5, "moderate"), (0.2, "small"))
MW_SIZES = ((0.71, "large"), (0.64, "medium"), (0.56, "small"))


Domain = Literal[
    "start",
    "risk of bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication bias",
    "rating up",
    "provenance",  # shown beside the certainty; not a GRADE domain, and moves no level
]


class Reason(NamedTuple):
    """One step of the working: its domain, its rule's code, what it found, levels moved."""

    domain: Domain
    code: str
    words: str
    levels: int = 0  # 0 for a domain that could not be assessed or found nothing

    def as_dict(self) -> dict[str, object]:
        return {
            "domain": self.domain,
            "code": self.code,
            "words": self.words,
            "levels": self.levels,
        }


class Certainty(NamedTuple):
    """An outcome's certainty: its start, every reason, and the level they lead to (None for a
    descriptive row, which is not rated: see `descriptive`); and beside it, the figure's
    provenance (is its source found and confirmed?), which moves no level."""

    level: str | None
    start: str
    reasons: list[Reason]
    published: list[dict[str, str]]  # the ratings publications give
    provenance: list[Reason] = []  # noqa: RUF012  # a NamedTuple's default, never changed

    def as_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "label": LABEL,
            "start": self.start,
            "reasons": [reason.as_dict() for reason in self.reasons],
            "published": self.published,
            "provenance": [reason.as_dict() for reason in self.provenance],
        }

    @property
    def downgrades(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.levels < 0]


class Reading(NamedTuple):
    """What a result means, in words: GRADE's statement, the effect re-expressed, and the
    published minimal important differences for its scale, each with its caveat."""

    statement: str
    re_expressed: dict[str, Any] | None
    explanation: str
    mcids: list[dict[str, Any]]
    absolute: dict[str, Any] | None = None  # the absolute effect, where counts or a risk allow

    def as_dict(self) -> dict[str, object]:
        return {
            "statement": self.statement,
            "re_expressed": self.re_expressed,
            "absolute": self.absolute,
            "explanation": self.explanation,
            "mcids": self.mcids,
        }

    @property
    def text(self) -> str:
        """The reading as one paragraph."""
        return " ".join(part for part in (self.statement, self.explanation) if part)


# Assessment --------------------------------------------------------------------------------------


def descriptive(outcome: Outcome) -> bool:
    """Whether OUTCOME describes change within groups, or one group alone, rather than compare
    groups: such a row has no certainty level and no effect statement (GRADE rates comparative
    effects only)."""
    kind = outcome.effect_type
    return kind in DESCRIPTIVE or (kind == "responder-rate" and len(outcome.arms) == 1)


def assess(
    catalog: Catalog,
    compound: Compound | None,
    goal: Goal,
    study: Study,
    outcome: Outcome,
    control_risk: float | None = None,
) -> Certainty:
    """The certainty of OUTCOME of STUDY as evidence for GOAL, rule by rule (CONTROL_RISK: the
    comparator's risk of its outcome, where a study of it gives one)."""
    design = study.shown_design
    start = start_of(study)
    if not study.counts:
        words = f"not counted: {not_counted(study)}"
        return Certainty(None, start, [Reason("start", "not-counted", words)], [])
    if descriptive(outcome):
        words = "change within each group, or one group alone: descriptive, not a comparison"
        return Certainty(None, start, [Reason("start", NOT_RATED, words)], [])
    reasons = [Reason("start", f"start-{design}", f"starts at {start}: {_design_words(study)}")]
    judged = _capped(_risk_of_bias(study) + _topline(compound, study))
    others = [
        _inconsistency(study, outcome),
        *_capped(_indirectness(goal, study, outcome)),
        _imprecision(study, outcome, control_risk),
        *_publication_bias(study),
        Reason("rating up", "rating-up-not-assessed", RATING_UP),
    ]
    level, judged = settle(start, judged, others, not_assessed=study.risk_of_bias is None)
    published = [
        {"level": rating.level, "scope": rating.scope, "source": rating.source}
        for rating in outcome.published_ratings
    ]
    return Certainty(
        level, start, [*reasons, *judged, *others], published, provenance(study, outcome)
    )


def settle(
    start: str, judged: list[Reason], others: list[Reason], *, not_assessed: bool
) -> tuple[str, list[Reason]]:
    """The level a START and its reasons lead to, and the risk-of-bias reasons JUDGED as they
    then stand: with risk of bias not assessed, a level above NOT_ASSESSED_CAP needs a
    judgement from a source (#26), so it is held there, as the first of JUDGED says."""
    at = max(0, LEVELS.index(start) + sum(r.levels for r in (*judged, *others)))
    cap = LEVELS.index(NOT_ASSESSED_CAP)
    if not_assessed and at > cap:
        first, *rest = judged
        held = _with_levels(first, first.levels + cap - at, f"; held at {NOT_ASSESSED_CAP} at most")
        return NOT_ASSESSED_CAP, [held, *rest]
    return LEVELS[at], judged


def _capped(reasons: list[Reason]) -> list[Reason]:
    """A domain moves certainty down two levels at most (GRADE: serious, very serious)."""
    total, capped = 0, []
    for reason in reasons:
        levels = max(reason.levels, -2 - total)
        total += levels
        capped.append(reason if levels == reason.levels else _with_levels(reason, levels))
    return capped


def _with_levels(
    reason: Reason, levels: int, why: str = " (the domain's cap of 2 reached)"
) -> Reason:
    return Reason(reason.domain, reason.code, reason.words + why, levels)


POOLED_START = {"randomised": "high", "non-randomised": "low", "mixed": "low"}
"""A synthesis starts at the level of the designs it pools (Balshem 2011; Handbook 14.2.1):
randomised trials high, any non-randomised study low; not recorded, low."""


def start_of(study: Study) -> str:
    """The level STUDY's evidence starts at: by its design, and a synthesis's by what it pools."""
    if study.shown_design == "meta-analysis":
        return POOLED_START.get(study.pools or "", "low")
    return START[study.shown_design]


def _design_words(study: Study) -> str:
    words = {"rct": "RCT", "case-series": "case series"}.get(study.shown_design, study.shown_design)
    if study.shown_design == "meta-analysis":
        pools = study.pools
        words += f" of {pools} studies" if pools else " of studies not recorded as randomised"
    if study.analysis:
        words += f" ({study.analysis.replace('-', ' ')} analysis)"
    if study.shown_design != study.design:
        words += f"; the document calls it {study.design}"
    return words


def not_counted(study: Study) -> str:
    """Why STUDY, listed under a goal, counts toward neither its tier nor its certainty."""
    other = study.other_than
    if other is not None:
        return f"it studied another {other.kind}, {other.studied}: {other.why}"
    if study.retracted:
        return "its publication was retracted (" + "; ".join(study.notices) + ")"
    return "it measured the body's own level of the peptide, not the peptide taken"


def _topline(compound: Compound | None, study: Study) -> list[Reason]:
    """Results given only as a topline (a press release, a conference abstract or a registry
    posting) are not peer-reviewed: one level down, whatever else is known of the trial. (No
    COMPOUND: its publications, and so this, are not known.)"""
    if compound is None or study.publication is None:
        return []
    if compound.publication(study.publication).kind != "topline":
        return []
    words = "topline results (a press release, conference abstract or registry posting), not "
    return [Reason("risk of bias", "topline", words + "peer-reviewed", -1)]


def _risk_of_bias(study: Study) -> list[Reason]:
    """Risk of bias as a source judged it (GRADE 4): low moves nothing, some concerns one
    level, high one (two where two or more domains are high); a synthesis most of whose weight
    is at high or unclear risk, one. With no judgement it is not assessed, which `assess` turns
    into a ceiling of low."""
    domain: Domain = "risk of bias"
    judged = study.risk_of_bias
    if judged is None:
        words = "not assessed: no source gives a risk-of-bias judgement for this study"
        return [Reason(domain, "rob-not-assessed", words)]
    by = f"{judged.tool}, {judged.source}"
    if judged.judgement == "high":
        several = sum(value == "high" for value in judged.domains.values()) >= 2
        words = f"high risk of bias ({by})" + ("; high in two or more domains" if several else "")
        return [Reason(domain, "rob-high", words, -2 if several else -1)]
    if judged.judgement == "some-concerns":
        return [Reason(domain, "rob-some-concerns", f"some concerns ({by})", -1)]
    share = judged.share_high_or_unclear
    if share is not None and share > MOST:
        words = f"most of the pooled weight ({share:.0%}) is at high or unclear risk ({by})"
        return [Reason(domain, "rob-most-weight-unclear", words, -1)]
    return [Reason(domain, "rob-low", f"low risk of bias ({by})")]


def provenance(study: Study, outcome: Outcome) -> list[Reason]:
    """Whether the figure's source is found and confirmed: shown beside the certainty, never a
    GRADE domain, and moving no level (the reading says it)."""
    domain: Domain = "provenance"
    found = []
    if study.publication is None:
        if study.searched and study.probable_publication is None:
            found.append(Reason(domain, "source-not-found", "looked for and not found"))
        else:
            what = "only a probable source" if study.probable_publication else "no confirmed source"
            found.append(Reason(domain, "source-not-confirmed", what))
    notes = [*study.source_notes, *outcome.source_notes]
    if any(note.kind == "unconfirmed" for note in notes):
        words = "the figure or finding is not confirmed in its source"
        found.append(Reason(domain, "figure-not-confirmed", words))
    return found


def _publication_bias(study: Study) -> list[Reason]:
    """Publication bias: a funnel plot needs FEW_STUDIES trials or more (Cochrane Handbook
    10.4.3.1); industry involvement is shown here, where GRADE 5 weighs it, as a signal across a
    body of small trials, not as risk of bias."""
    domain: Domain = "publication bias"
    if study.trials is not None and study.trials >= FEW_STUDIES:
        words = f"not assessed: {study.trials} trials allow a funnel plot, but none is recorded"
    else:
        words = f"not assessable: fewer than {FEW_STUDIES} studies"
    found = [Reason(domain, "publication-bias-not-assessable", words)]
    if study.industry:
        words = (
            f"industry involvement ({study.industry}): a signal GRADE 5 weighs across a body of "
            "small trials; it moves no level for one study"
        )
        found.append(Reason(domain, "industry", words))
    return found


HETEROGENEITY = 50
"""An I² at or above this (percent) is substantial heterogeneity: -1 (Cochrane Handbook 10.10.2
reads 50% to 90% as possibly substantial; GRADE 7)."""


def _inconsistency(study: Study, outcome: Outcome) -> Reason:
    """Inconsistency within one result: the I² of a pooled one, where recorded (GRADE 7). Across
    the studies of an outcome it is judged in `bodies`."""
    domain: Domain = "inconsistency"
    if outcome.i2 is not None:
        pooled = f"among its {study.trials} trials" if study.trials else "among its trials"
        if outcome.i2 >= HETEROGENEITY:
            words = (
                f"substantial heterogeneity {pooled} "
                f"(I² = {outcome.i2:g}%, {HETEROGENEITY}% or more)"
            )
            return Reason(domain, "heterogeneity", words, -1)
        words = f"little heterogeneity {pooled} (I² = {outcome.i2:g}%, under {HETEROGENEITY}%)"
        return Reason(domain, "consistent", words)
    judged = study.heterogeneity
    if judged is not None:
        if judged.serious:
            words = f"the trials are heterogeneous, as {judged.source} judges them"
            return Reason(domain, "heterogeneity-judged", words, -1)
        words = f"no serious heterogeneity, as {judged.source} judges it"
        return Reason(domain, "consistent", words)
    if study.trials and study.trials > 1:
        words = (
            f"not assessable: pools {study.trials} trials, but their heterogeneity is not recorded"
        )
    else:
        words = "not assessable: a single study (which is not the same as consistent)"
    return Reason("inconsistency", "inconsistency-not-assessable", words)


def _indirectness(goal: Goal, study: Study, outcome: Outcome) -> list[Reason]:
    domain: Domain = "indirectness"
    found = []
    if study.shown_design == "animal":
        found.append(
            Reason(
                domain, "animal", f"an animal study ({study.species or 'species not named'})", -2
            )
        )
    if study.id in goal.indirect:
        found.append(_indirect_for_goal(goal, study))
    if study.analysis == "post-hoc":
        words = "a post hoc analysis: its credibility is not established (ICEMAN)"
        found.append(Reason(domain, "post-hoc", words, -1))
    if outcome.measure in goal.surrogates.get(study.id, ()):
        words = f"a surrogate: {outcome.measure} stands in for the goal's outcome (GRADE 8)"
        found.append(Reason(domain, "surrogate", words, -1))
    if not found:
        found.append(Reason(domain, "direct", "direct for this goal as recorded"))
    return found


def _indirect_for_goal(goal: Goal, study: Study) -> Reason:
    """A study the goal marks indirect: -1, or -2 where it departs from the goal's question in
    two or more of population, intervention, comparator and outcome (GRADE 8)."""
    why = goal.indirect[study.id]
    ways = list(dict.fromkeys(goal.differs.get(study.id, ())))
    if not ways:
        return Reason("indirectness", "indirect-for-goal", why, -1)
    if len(ways) == 1:
        return Reason("indirectness", "indirect-for-goal", f"the {ways[0]} differs: {why}", -1)
    named = ", ".join(ways[:-1]) + " and " + ways[-1]
    words = f"the {named} differ: {why} (several differ: two levels, GRADE 8)"
    return Reason("indirectness", "indirect-for-goal", words, -2)


TARGET = (
    "certainty that there is an effect at all (GRADE's minimally contextualised approach: "
    "the threshold is no effect)"
)
"""What every level is certainty of (Hultcrantz 2017; GRADE 34)."""

BINARY = frozenset({"risk-ratio", "odds-ratio", "hazard-ratio", "log-odds-ratio", "responder-rate"})
"""Effect types of a binary outcome: their optimal information size is worked out from the
comparator's risk, where one is known."""


def risks(outcome: Outcome) -> Risks | None:
    """The events and totals of OUTCOME's two arms (treatment first), where both are given."""
    arms = outcome.arms
    if len(arms) != 2:
        return None
    first, last = arms
    if None in (first.events, first.total, last.events, last.total):
        return None
    return Risks(first.events, first.total, last.events, last.total)  # type: ignore[arg-type]


class Interval(NamedTuple):
    """The interval the imprecision judgement uses, what it is of, and where it comes from."""

    low: float
    high: float
    null: float | None  # no effect, on its scale
    trivial: tuple[float, float] | None  # the range of trivial effects, where known
    where: str
    decimals: int | None = None  # as reported, where known


def interval(outcome: Outcome) -> Interval | None:
    """The interval around OUTCOME's effect: around the absolute effect where counts allow one
    (GRADE 6: "the CIs to consider are those around the absolute, rather than the relative
    effect"), else as reported, else the publication's interval a source note gives."""
    counted = risks(outcome)
    if counted is not None:
        _, low, high = risk_difference(counted)
        words = f"of the risk difference, computed from the counts ({RD_METHOD})"
        return Interval(low * 100, high * 100, 0.0, None, words, 1)
    kind = outcome.effect_type
    if outcome.ci is not None:
        ci = outcome.ci
        null, trivial = NO_EFFECT.get(kind), TRIVIAL.get(kind)
        return Interval(ci.low, ci.high, null, trivial, "as reported", outcome.decimals)
    for note in outcome.source_notes:
        for figure in note.figures:
            if figure.ci is not None:
                where = f"the publication's, from a source note ({figure.label})"
                null, trivial = NO_EFFECT.get(kind), TRIVIAL.get(kind)
                ends = (figure.ci.low, figure.ci.high)
                return Interval(*ends, null, trivial, where, figure.decimals)
    return None


def information_size(outcome: Outcome, control_risk: float | None) -> tuple[int | None, str]:
    """The optimal information size for OUTCOME (participants), and how it was set; None for a
    binary outcome whose comparator's risk is not known."""
    own = risks(outcome)
    risk = own.control_risk if own is not None else control_risk
    if own is not None or outcome.effect_type in BINARY:
        if risk is None or not 0 < risk < 1:
            return None, "a binary outcome's needs the comparator's risk, which is not recorded"
        size = optimal_information_size(risk)
        return size, (
            f"{size:,} for a {RRR:.0%} relative reduction from a comparator's risk of "
            f"{risk:.1%}, at alpha {ALPHA:g} and power {POWER:g}"
        )
    return INFORMATION_SIZE, f"{INFORMATION_SIZE} for a continuous outcome"


def _imprecision(study: Study, outcome: Outcome, control_risk: float | None) -> Reason:
    """Imprecision as GRADE 6 judges it, once for the domain: 0, -1 or -2 with its reason,
    against the target (is there any effect) and the optimal information size."""
    domain: Domain = "imprecision"
    n = study.size[0]
    size, how = information_size(outcome, control_risk)
    if n is None:
        short: str | None = "the number of participants is not recorded"
    elif size is None:
        short = f"the optimal information size cannot be checked: {how}"
    elif n < size:
        short = f"{n:,} participants, under the optimal information size ({how})"
    else:
        short = None
    found = interval(outcome)
    if found is None:
        if outcome.value is None and not outcome.arms:
            words, code = "no figure is reported: precision unknown", "no-figure"
        else:
            words, code = "no confidence interval: precision unknown", "no-interval"
        if short is None:
            return Reason(domain, code, words, -1)
        return Reason(domain, code, f"{words}, and {short}", -2)
    span = f"the interval {_ends(found)} ({found.where})"
    null, trivial = found.null, found.trivial
    if null is None:
        if outcome.effect_type == "nnt":  # a bounded NNT interval excludes no effect
            null = math.inf
        else:
            return Reason(domain, "no-null", f"{span} has no line of no effect to judge by", -1)
    if found.low <= null <= found.high:
        if trivial is not None and found.low < trivial[0] and found.high > trivial[1]:
            words = (
                f"{span} includes no effect and spans both an important benefit and an "
                f"important harm (beyond {trivial[0]:g} and {trivial[1]:g})"
            )
            return Reason(domain, "wide", words, -2)
        if trivial is not None and trivial[0] < found.low and found.high < trivial[1]:
            if short is None:
                words = f"{span} lies within trivial effects ({trivial[0]:g} to {trivial[1]:g})"
                return Reason(domain, "precise-no-difference", words)
            return Reason(domain, "below-information-size", f"{span} is trivial, but {short}", -1)
        return Reason(domain, "crosses-no-effect", f"{span} includes no effect", -1)
    if short is not None:
        words = f"{span} excludes no effect, but {short}"
        return Reason(domain, "below-information-size", words, -1)
    return Reason(
        domain,
        "precise",
        f"{span} excludes no effect, and {n:,} participants meet "
        f"the optimal information size ({how})",
    )


def _ends(found: Interval) -> str:
    return f"{_figure(found.low, found.decimals)} to {_figure(found.high, found.decimals)}"


# Reading -----------------------------------------------------------------------------------------


def read(
    catalog: Catalog,
    compound: Compound,
    study: Study,
    outcome: Outcome,
    certainty: Certainty,
    control_risk: float | None = None,
) -> Reading:
    """What OUTCOME means, in GRADE's standard wording for CERTAINTY, with its effect
    re-expressed where the measure allows, its absolute effect where counts (or, for a ratio,
    the comparator's risk of its outcome, CONTROL_RISK) allow, and the MCIDs published for its
    scale."""
    re_expressed, explanation = _re_express(outcome)
    absolute, words = absolute_effect(outcome, control_risk)
    if words:
        bare = explanation in (NO_FIGURE, NO_ESTIMATE)
        explanation = words if bare else f"{explanation} {words}"
    statement = _statement(compound.name, study, outcome, certainty.level)
    for reason in certainty.provenance:
        statement += " " + PROVENANCE_WORDS[reason.code]
    published = catalog.mcids_for(outcome.measure)
    mcids = [_mcid(mcid, study, outcome) for mcid in published]
    kind = outcome.effect_type
    if published and kind in ("mean-difference", "before-after"):
        values = "; ".join(f"{_mcid_value(m)} {m.unit} ({m.id})" for m in published)
        explanation += (
            f" Published MCIDs for this scale, for context only: {values}. They come from "
            "other populations and from change within patients, not differences between groups."
        )
    elif published and kind in ("mann-whitney", "smd", "effect-size", "log-odds-ratio", *RATIOS):
        explanation += (
            f" The published MCIDs for this scale are in {published[0].unit} and cannot be "
            "applied to this effect."
        )
    return Reading(statement, re_expressed, explanation, mcids, absolute)


def absolute_effect(
    outcome: Outcome, control_risk: float | None
) -> tuple[dict[str, Any] | None, str]:
    """OUTCOME's absolute effect and its words: the risk difference and number needed to treat
    from its counts; else, for a ratio with an interval, the risks per 1,000 at CONTROL_RISK
    (Cochrane's anticipated absolute effects); else nothing."""
    counted = risks(outcome)
    when = f" ({_when(outcome)})" if outcome.when is not None else ""
    if counted is not None:
        found = absolute(counted, outcome.better)
        words = (
            f"In absolute terms{when}: {found['risk']:g}% vs {found['control_risk']:g}%, a "
            f"difference of {found['value']:+g} percentage points (95% CI {found['ci_low']:+g} "
            f"to {found['ci_high']:+g}; {found['method']}, computed from the counts)."
        )
        nnt = found.get("nnt")
        if nnt is not None:
            words += " " + _nnt_words(nnt)
        return found, words
    kind = outcome.effect_type
    ci = outcome.ci
    if control_risk is None or kind not in RATIOS or outcome.value is None or ci is None:
        return None, ""
    found = per_thousand(control_risk, kind, outcome.value, ci.low, ci.high)
    words = (
        f"At the comparator's risk in this outcome's trials ({control_risk:.1%}), about "
        f"{found['control']} in 1,000 with the comparator against {found['treated']} with the "
        f"treatment{when}: {_per_thousand(found['difference'])} per 1,000 (95% CI "
        f"{_per_thousand(found['ci_low'])} to {_per_thousand(found['ci_high'])}; computed)."
    )
    return found, words


def _per_thousand(difference: int) -> str:
    return f"{abs(difference)} {'fewer' if difference < 0 else 'more'}"


def _when(outcome: Outcome) -> str:
    when = outcome.when
    assert when is not None
    if when.value is None:
        return when.label or ""
    unit = when.unit or ""
    if when.value_max is not None:
        return f"at {when.value:g} to {when.value_max:g} {unit}s"
    return f"at {when.value:g} {unit}{'s' if when.value != 1 else ''}"


def _nnt_words(nnt: dict[str, Any]) -> str:
    kind = "benefit" if nnt["kind"] == "benefit" else "be harmed"
    if nnt["bounded"]:
        interval = f"95% CI {nnt['ci_low']:g} to {nnt['ci_high']:g}"
    else:
        ends = []
        if nnt["benefit_from"] is not None:
            ends.append(f"{nnt['benefit_from']:g} for benefit")
        if nnt["harm_from"] is not None:
            ends.append(f"{nnt['harm_from']:g} for harm")
        interval = (
            "95% CI from " + " through infinity to ".join(ends) + ", as the difference's "
            "interval includes none"
        )
    return (
        f"Number needed to treat for one more patient to {kind}: {nnt['value']} ({interval}; "
        f"{nnt['method']})."
    )


def _mcid_value(mcid: Mcid) -> str:
    return f"{mcid.low:g}" if mcid.high is None else f"{mcid.low:g}-{mcid.high:g}"


def _figure(value: float, decimals: int | None) -> str:
    """A figure as reported: with its decimals where known (1.10)."""
    return format(value, f".{decimals}f") if decimals is not None else format(value, "g")


# GRADE's informative statements (Santesso 2020, GRADE 26), by certainty: the verb follows the
# direction of the estimate ("reduces", "increases"), not an assumed benefit.
HEDGES = {"high": "", "moderate": "probably ", "low": "may "}
VERBS = {"reduce": ("reduces", "reduce"), "increase": ("increases", "increase")}
NO_DIFFERENCE = {
    "high": "makes little or no difference to",
    "moderate": "probably makes little or no difference to",
    "low": "may make little or no difference to",
}


def _statement(name: str, study: Study, outcome: Outcome, level: str | None) -> str:
    measure = outcome.measure
    if outcome.measure_name and outcome.effect_type != "probability":
        measure = f"{outcome.measure_name} ({outcome.measure})"
    if outcome.effect_type == "probability":
        return (
            f"{outcome.measure_name or measure} is a finding of a model, not an effect of {name}: "
            "no statement of benefit applies."
        )
    if level is None:
        return (
            f"{measure} is described within each group, or in one group alone: that is not a "
            f"comparison, so no effect of {name} follows from it."
        )
    if level == "very low":
        return f"The evidence is very uncertain about the effect of {name} on {measure}."
    counted = risks(outcome)
    kind = outcome.effect_type
    if kind in ("qualitative", "responder-rate") and counted is not None:
        found = interval(outcome)
        assert found is not None
        if found.low <= 0 <= found.high:
            return (
                f"The result shows no clear difference in {measure}: the interval of its risk "
                "difference includes no effect."
            )
        more = counted.risk > counted.control_risk
        return f"{name} {_verb(level, 'increase' if more else 'reduce')} {measure}."
    shares = [arm.value for arm in outcome.arms]
    no_shares = kind == "responder-rate" and (len(shares) < 2 or None in shares)
    if kind in ("qualitative", "effect-size") or no_shares:
        return f"The size of the effect of {name} on {measure} cannot be read from the data."
    return _graded(name, measure, outcome, level)


def _graded(name: str, measure: str, outcome: Outcome, level: str) -> str:
    """The statement for an estimate at LEVEL, by its size and its interval (GRADE 26)."""
    null = NO_EFFECT.get(outcome.effect_type)
    value, ci = outcome.value, outcome.ci
    direction = _direction(outcome)
    if null is not None and ci is not None and ci.low <= null <= ci.high:
        trivial = TRIVIAL.get(outcome.effect_type)
        if trivial is not None and trivial[0] < ci.low and ci.high < trivial[1]:
            return f"{name} {NO_DIFFERENCE[level]} {measure}."
        if (
            trivial is not None
            and direction is not None
            and value is not None
            and not trivial[0] < value < trivial[1]
        ):
            return (
                f"{name} {_verb(level, direction)} {measure}, but the result is also compatible "
                "with no effect."
            )
        return (
            f"The result shows no clear difference in {measure}: its interval includes no effect."
        )
    if ci is None and _null_without_interval(outcome):
        return f"The result shows no clear difference in {measure}."
    if direction is None:
        return f"{name} {HEDGES[level]}{'affects' if level == 'high' else 'affect'} {measure}."
    return f"{name} {_verb(level, direction)} {measure}."


def _verb(level: str, direction: str) -> str:
    """`reduces`, `probably reduces`, `may reduce` (or `increase`)."""
    plain, hedged = VERBS[direction]
    return plain if level == "high" else HEDGES[level] + (plain if level == "moderate" else hedged)


def _direction(outcome: Outcome) -> str | None:
    """Which way the estimate goes from no effect: `reduce` or `increase` (an NNT is a number
    of patients for one more good result: `increase`); None when it cannot be told."""
    if outcome.effect_type == "nnt":
        return "increase"
    arms = [arm.value for arm in outcome.arms]
    if outcome.effect_type == "responder-rate" and len(arms) == 2 and None not in arms:
        first, second = arms
        assert first is not None and second is not None
        return None if first == second else "increase" if first > second else "reduce"
    null = NO_EFFECT.get(outcome.effect_type)
    if outcome.value is None or null is None or outcome.value == null:
        return None
    return "increase" if outcome.value > null else "reduce"


def _null_without_interval(outcome: Outcome) -> bool:
    """With no interval: a recorded conclusion of no difference, or a p-value above
    SIGNIFICANT (or stated as above some value)."""
    if outcome.conclusion == "no-difference":
        return True
    p = outcome.p
    return p is not None and (p.relation == ">" or p.value > SIGNIFICANT)


NO_FIGURE = "No figure is reported."
NO_ESTIMATE = (
    "No effect estimate between groups is reported; any figures are in its finding, as printed."
)

PROVENANCE_WORDS = {
    "source-not-found": "Its source was looked for and not found: it may not exist as described.",
    "source-not-confirmed": "Its source is not confirmed.",
    "figure-not-confirmed": "The figure is not confirmed in its source.",
}


def _re_express(outcome: Outcome) -> Conversion:
    """OUTCOME's effect re-expressed where its effect type allows, and what it means in words,
    by the converter RE_EXPRESS gives for the effect type."""
    convert = RE_EXPRESS.get(outcome.effect_type)
    found = convert(outcome) if convert is not None else None
    if found is None and outcome.finding and any(c.isdigit() for c in outcome.finding):
        return None, NO_ESTIMATE
    return found if found is not None else (None, NO_FIGURE)


def _with_value(convert: Callable[[Outcome, float], Conversion]) -> Converter:
    """A converter that calls CONVERT with the outcome's value, and gives nothing without one."""

    def converter(outcome: Outcome) -> Conversion | None:
        return None if outcome.value is None else convert(outcome, outcome.value)

    return converter


def _in_words(explanation: str) -> Converter:
    """A converter for an effect type that is only explained: nothing to re-express."""
    return lambda outcome: (None, explanation)


def _superiority(
    value: float,
    interval: tuple[float, float] | None,
    size: str,
    **extra: Any,
) -> dict[str, Any]:
    """A probability of superiority with its INTERVAL, any EXTRA figures, and its SIZE."""
    return {
        "kind": "probability-of-superiority",
        "value": value,
        "ci_low": interval[0] if interval else None,
        "ci_high": interval[1] if interval else None,
        **extra,
        "size": size,
    }


def _mann_whitney(outcome: Outcome, value: float) -> Conversion:
    ci = outcome.ci
    size = _size(value, MW_SIZES)
    d = math.sqrt(2) * _inverse_normal(value)
    interval = (ci.low, ci.high) if ci else None
    sized = (
        f"{size} by the converted Cohen conventions (0.56, 0.64, 0.71), about d = {d:.2f} "
        "(computed)."
    )
    if outcome.components is not None and outcome.components > 1:
        # a combined effect summarises each scale's, weighted: it is no patient's chance
        words = (
            f"Across its {outcome.components} scales, a combined Mann-Whitney effect of "
            f"{_figure(value, outcome.decimals)} (0.5 would mean no difference): a weighted "
            "summary of each scale's effect, not the chance that a treated patient did better "
            f"overall; {sized}"
        )
    else:
        words = (
            f"A treated patient did better than one given the comparator {_percent(value)} of "
            f"the time, ties counting half (50% would mean no difference); {sized}"
        )
    return _superiority(value, interval, size, cohens_d=round(d, 2)), words


def _smd(outcome: Outcome, value: float) -> Conversion:
    ci = outcome.ci
    superiority = _normal(_favourable(outcome, value) / math.sqrt(2))
    size = _size(abs(value), SMD_SIZES)
    interval = None
    if ci is not None:
        ends = (_normal(_favourable(outcome, end) / math.sqrt(2)) for end in (ci.low, ci.high))
        low, high = sorted(ends)
        interval = (round(low, 3), round(high, 3))
    return (
        _superiority(round(superiority, 3), interval, size),
        f"An SMD of {_figure(value, outcome.decimals)} means a treated patient does better "
        f"than one given the comparator about {_percent(superiority)} of the time (computed as "
        f"Φ(d/√2)); {size} by Cohen's rule "
        "of thumb (0.2, 0.5, 0.8).",
    )


def _favourable(outcome: Outcome, value: float) -> float:
    """VALUE with its sign turned so that a positive one favours the treatment."""
    return -value if outcome.better == "lower" else value


def _log_odds_ratio(outcome: Outcome, value: float) -> Conversion:
    ci, ratio = outcome.ci, math.exp(value)
    odds = (round(math.exp(ci.low), 2), round(math.exp(ci.high), 2)) if ci else (None, None)
    shown = f" (95% CI {odds[0]:.2f} to {odds[1]:.2f})" if ci else ""
    return (
        {
            "kind": "odds-ratio",
            "value": round(ratio, 2),
            "ci_low": odds[0],
            "ci_high": odds[1],
            "assumes": "natural logarithm",
        },
        f"As an odds ratio: {ratio:.2f}{shown}, computed assuming a natural logarithm. Odds "
        "are not proportions: this is not that many times as many responders.",
    )


def _nnt(outcome: Outcome, value: float) -> Conversion:
    return (
        {"kind": "number-needed-to-treat", "value": value, "rounded_up": math.ceil(value)},
        f"About {value:g} patients treated for one more patient with the outcome "
        f"({math.ceil(value)} by the convention of rounding up). An NNT depends on the "
        "baseline risk, the time frame and the outcome, and says nothing about the size of "
        "each patient's change.",
    )


def _responder_rate(outcome: Outcome) -> Conversion | None:
    """The difference between two arms' responder rates, when both are given; one group's
    rate alone, said to show no effect."""
    if len(outcome.arms) == 1 and outcome.arms[0].value is not None:
        arm, rate = outcome.arms[0], outcome.arms[0].value
        return (
            {"kind": "single-group-rate", "value": rate},
            f"{_figure(rate, outcome.decimals)}% of one group ({arm.group}), with no "
            "comparison group: this cannot show an effect.",
        )
    if len(outcome.arms) != 2 or any(arm.value is None for arm in outcome.arms):
        return None
    first, second = outcome.arms
    difference = round(first.value - second.value, 6)  # type: ignore[operator]
    who = "people with the event" if outcome.better == "lower" else "responders"
    more = "fewer" if difference < 0 else "more"
    return (
        {"kind": "percentage-point-difference", "value": difference},
        f"{abs(difference):g} percentage points {more} {who} with {first.group} than with "
        f"{second.group} (computed).",
    )


def _difference(outcome: Outcome, value: float, unit: str) -> Conversion:
    shown = _figure(abs(value), outcome.decimals)
    return None, f"A difference of {shown} {unit} between groups."


def _mean_difference(outcome: Outcome, value: float) -> Conversion:
    return _difference(outcome, value, outcome.unit or "units")


def _percentage_points(outcome: Outcome, value: float) -> Conversion:
    return _difference(outcome, value, "percentage points")


def _percent_change(outcome: Outcome) -> Conversion | None:
    """Changes within arms: said to be no difference between groups (when arms are given)."""
    if not outcome.arms:
        return None
    return (
        None,
        "The mean change within each arm, not a difference between groups; a treatment "
        "difference, where one is reported, is its own row.",
    )


RATIO_NAMES = {"hazard-ratio": "hazard", "risk-ratio": "risk", "odds-ratio": "odds"}


def _ratio(outcome: Outcome, value: float) -> Conversion:
    what = RATIO_NAMES[outcome.effect_type]
    change = abs(1 - value) * 100
    side = "lower" if value < 1 else "higher"
    said = f"about {change:.0f}% {side}" if value != 1 else "the same"
    return (
        None,
        f"A {what} ratio of {_figure(value, outcome.decimals)}: the {what} is {said} with "
        "the treatment than with the comparator (computed). A ratio is relative: it says "
        "nothing of how common the outcome is.",
    )


RE_EXPRESS: dict[str, Converter] = {
    "mann-whitney": _with_value(_mann_whitney),
    "smd": _with_value(_smd),
    "log-odds-ratio": _with_value(_log_odds_ratio),
    "nnt": _with_value(_nnt),
    "responder-rate": _responder_rate,
    "probability": _in_words("A probability from a model, not an effect size."),
    "effect-size": _in_words(
        "The statistic is not named, so its size cannot be read with confidence."
    ),
    "before-after": _in_words(
        "Means before and after in each arm; no difference between arms with an interval "
        "is recorded."
    ),
    "mean-difference": _with_value(_mean_difference),
    "percentage-points": _with_value(_percentage_points),
    "percent-change": _percent_change,
    **dict.fromkeys(RATIOS, _with_value(_ratio)),
}
"""How each effect type is re-expressed and explained; any other (qualitative) has no figure."""


def _mcid(mcid: Mcid, study: Study, outcome: Outcome) -> dict[str, Any]:
    """An MCID shown beside a result, with the caveats that hold for it (never a verdict)."""
    caveats = [f"derived from {mcid.change}, not a difference between groups"]
    caveats.append(f"from {mcid.population}, not {study.population}")
    if outcome.effect_type in ("mann-whitney", "smd", "log-odds-ratio", "effect-size"):
        caveats.append(f"in {mcid.unit}, so it cannot be applied to a unitless effect")
    if outcome.measure != mcid.measures[0]:
        caveats.append(f"for {mcid.measures[0]}, which may not be the same instrument")
    value = f"{mcid.low:g}" if mcid.high is None else f"{mcid.low:g}-{mcid.high:g}"
    return {
        "id": mcid.id,
        "value": value,
        "unit": mcid.unit,
        "population": mcid.population,
        "method": mcid.method,
        "source": mcid.source,
        "doi": mcid.doi,
        "pmid": mcid.pmid,
        "note": mcid.note,
        "caveats": caveats,
    }


class Assessed:
    """An outcome of a study behind a goal, with its certainty for that goal and its reading,
    which is worked out when first asked for: a listing of goals shows no reading."""

    __slots__ = (
        "_reading",
        "catalog",
        "certainty",
        "compound",
        "control_risk",
        "outcome",
        "outcome_name",
        "study",
    )

    def __init__(
        self,
        catalog: Catalog,
        compound: Compound,
        study: Study,
        outcome: Outcome,
        certainty: Certainty,
        control_risk: float | None = None,
    ) -> None:
        self.catalog = catalog
        self.compound = compound
        self.study = study
        self.outcome = outcome
        self.certainty = certainty  # its outcome's, once its body is rated (`bodies`)
        self.outcome_name = outcome.body or outcome.measure  # the outcome it counts toward
        self.control_risk = control_risk  # the comparator's risk of that outcome, if known
        self._reading: Reading | None = None

    @property
    def reading(self) -> Reading:
        if self._reading is None:
            self._reading = read(
                self.catalog,
                self.compound,
                self.study,
                self.outcome,
                self.certainty,
                self.control_risk,
            )
        return self._reading

    def __iter__(self) -> Iterator[Any]:
        """study, outcome, certainty, reading: as the tuple this was."""
        return iter((self.study, self.outcome, self.certainty, self.reading))


def _size(value: float, sizes: tuple[tuple[float, str], ...]) -> str:
    for threshold, word in sizes:
        if value >= threshold:
            return word
    return "below small"


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _normal(x: float) -> float:
    """The standard normal CDF, as `statistics.NormalDist().cdf` computes it."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _inverse_normal(p: float) -> float:
    """The standard normal quantile (`statistics.NormalDist`)."""
    from statistics import NormalDist

    return NormalDist().inv_cdf(p)
