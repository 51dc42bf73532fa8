"""The evidence profile of a goal and its appraisal flags, computed from the data by fixed rules.

Nothing here is typed by hand in the claims file: each flag follows from the studies behind a
goal, their designs, species, sizes, sources and the links the file marks as indirect. The rules
are listed in RULES and explained in the README.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from peptide_cli.evidence.bodies import Body, assess_goal, goal_certainty, participants
from peptide_cli.evidence.certainty import LEVELS, Assessed
from peptide_cli.evidence.finding import tier_range
from peptide_cli.evidence.queries import each_entry
from peptide_cli.evidence.tiers import PIVOTAL, TierResult, largest_of, study_result
from peptide_cli.evidence.tiers import compute as compute_tier
from peptide_cli.vocabulary import TierBasis

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from peptide_cli.catalog.models import Catalog, Compound, Goal, Regulatory, Study
    from peptide_cli.evidence.queries import Entry

Severity = Literal["high", "medium", "low"]
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}

# Study designs from strongest to weakest evidence of an effect in people.
DESIGN_ORDER = (
    "meta-analysis",
    "rct",
    "crossover-rct",
    "observational",
    "cost-effectiveness",
    "before-after",
    "case-series",
    "animal",
    "review",
    "endogenous-level",
)
CONTROLLED = frozenset(
    {"meta-analysis", "rct", "crossover-rct"}
)  # designs that count as controlled trials
SMALL_STUDY = 100  # a study with fewer participants than this is small
STRONG_TIER = 3  # the tier from which a controlled human trial is expected

RULES = {
    "results-not-posted": (
        "A trial behind the goal completed over a year ago, by its registry record as last read, "
        "with no results posted there (medium)."
    ),
    "retracted-publication": (
        "A study's publication was retracted (its own record, or a retraction snapshot): it "
        "counts toward no tier or certainty (high)."
    ),
    "publication-notice": (
        "A retraction snapshot lists a correction or an expression of concern for a study's "
        "publication (medium)."
    ),
    "no-human-data": "No study behind the goal was done in humans (high from Tier 2 up, else low).",
    "human-evidence-not-found": (
        "Every human study behind the goal was looked for in the literature and not found (high)."
    ),
    "tier-above-evidence": (
        f"Tier {STRONG_TIER} or more (for a range, its upper bound) without a direct, confirmed, "
        "controlled human trial: no human RCT or meta-analysis, or only ones that are indirect "
        "for the goal or have no confirmed publication (high)."
    ),
    "no-controlled-trial": "There are human studies, but no human RCT or meta-analysis (medium).",
    "single-small-study": (
        f"The human evidence is one study with fewer than {SMALL_STUDY} participants (medium)."
    ),
    "source-departs": "The document departs from a study's primary publication (medium).",
    "unconfirmed-figure": (
        "A figure or finding the document gives could not be found in its publication (medium)."
    ),
    "indirect-evidence": (
        "A study bears on the goal only indirectly (medium when every human study does, or "
        "every study when none is human; else low)."
    ),
    "no-confirmed-source": "A study has no confirmed primary publication (low).",
    "later-evidence": "Later evidence (an update, a larger analysis) bears on a study (low).",
    "industry-ties": (
        "A publication reports the manufacturer's or a company's part in the work (low)."
    ),
    "largest-trial-null": (
        "The largest controlled human trial behind the goal found no benefit on its primary "
        "result (high)."
    ),
    "pivotal-trial-negative": (
        "A pivotal (phase 3 or 2/3) trial behind the goal found no benefit (high)."
    ),
    "surrogate-approval": (
        "A regulator's approval for the goal rests on a surrogate endpoint (medium)."
    ),
    "regulator-safety-warning": (
        "A regulator lists the compound among substances with significant safety risks (high), "
        "or gives a boxed warning (medium)."
    ),
    "status-possibly-out-of-date": (
        "A later event, reported only in the news, may have changed a regulatory status in "
        "effect (medium)."
    ),
    "single-population": "The goal's evidence is limited to one population (low).",
    "one-research-group": (
        "Where the data records research groups, one group ran every such study (low)."
    ),
    "tier-differs": (
        "A source states the goal's tier, and the tier rules compute another (medium when the "
        "stated tier is above the computed one, low when below)."
    ),
    "not-systematically-searched": (
        "The goal is at a computed Tier 3 or 4, but its largest registered trial and latest "
        "systematic review are not recorded: the evidence was not systematically searched "
        "(medium)."
    ),
    "tier-above-certainty": (
        "The tier claims more certainty (the tier scale says how much) than the goal has (the "
        "lowest of its critical outcomes), by the rule-based certainty pre-assessment (medium)."
    ),
}


class Flag(NamedTuple):
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


class Profile(NamedTuple):
    designs: dict[str, int]  # every design, with how many studies behind the goal have it
    human_studies: int
    human_participants: int | None  # a lower bound; None when no human study gives a count
    human_participants_at_least: bool  # some human study gives a range or no count
    strongest_design: str | None

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


def profile(compound: Compound, goal: Goal) -> Profile:
    """How many studies of each design, how many people, and the strongest design (each as the
    publication reports it, where it differs from the document)."""
    studies = compound.studies_of(goal)
    counted_studies = [study for study in studies if study.counts]
    human = [study for study in counted_studies if study.species == "human"]
    designs = {d: sum(s.shown_design == d for s in counted_studies) for d in DESIGN_ORDER}
    # A study based on another one behind the same goal shares its participants: count them once.
    counted = [s for s in human if s.based_on is None or s.based_on not in goal.studies]
    # Syntheses that overlap share trials: they are never added together (see participants).
    people, at_least = participants(counted)
    shown = {s.shown_design for s in counted_studies}
    strongest = next((design for design in DESIGN_ORDER if design in shown), None)
    return Profile(designs, len(human), people, at_least, strongest)


class GoalEvidence(NamedTuple):
    """What the flag rules look at for one goal: its compound, the goal, the tier range it is
    judged at, and its studies (all of them, the human ones, and the controlled human ones)."""

    compound: Compound
    goal: Goal
    lower: int  # the goal's tier, or the lower bound of its range
    upper: int  # the upper bound of its range, or the tier itself
    studies: list[Study]
    human: list[Study]
    controlled: list[Study]  # the human studies of a controlled design (CONTROLLED)


def goal_evidence(
    compound: Compound, goal: Goal, lower: int | None = None, upper: int | None = None
) -> GoalEvidence:
    """What the flag rules look at for GOAL, judged at tier LOWER to UPPER (its stated tier
    by default, and tier 1 when it states none)."""
    lower = goal.tier if lower is None else lower
    lower = 1 if lower is None else lower
    upper = upper if upper is not None else (goal.tier_max or lower)
    # a study about another molecule, route or product, or of the body's own level, is listed
    # with the goal but is not its evidence
    studies = [study for study in compound.studies_of(goal) if study.counts]
    human = [study for study in studies if study.species == "human"]
    controlled = [study for study in human if study.shown_design in CONTROLLED]
    return GoalEvidence(compound, goal, lower, upper, studies, human, controlled)


def flags(
    compound: Compound, goal: Goal, lower: int | None = None, upper: int | None = None
) -> list[Flag]:
    """Every flag the rules raise for GOAL (at tier LOWER to UPPER: its stated tier by
    default), most serious first; flags of equal severity keep the order of FLAG_RULES."""
    evidence = goal_evidence(compound, goal, lower, upper)
    raised = [flag for rule in FLAG_RULES for flag in rule(evidence)]
    return sorted(raised, key=lambda flag: -SEVERITY_RANK[flag.severity])


# The flag rules: one for each code, each giving its flags, if any -------------------------------


def _flag(code: str, severity: Severity, reason: str, studies: list[Study]) -> Flag:
    return Flag(code, severity, reason, tuple(study.id for study in studies))


def no_human_data(evidence: GoalEvidence) -> Iterator[Flag]:
    """No study in humans: high from tier 2 up, else low."""
    if not evidence.human:
        studies = evidence.studies
        what = "no studies at all" if not studies else "only studies in animals or reviews"
        severity: Severity = "high" if evidence.lower >= 2 else "low"
        yield _flag("no-human-data", severity, f"No human data: {what}.", studies)


def no_controlled_trial(evidence: GoalEvidence) -> Iterator[Flag]:
    """Human studies, but no human RCT or meta-analysis."""
    human = evidence.human
    if human and not evidence.controlled:
        reason = f"No human RCT or meta-analysis; the human evidence is {_list(human)}."
        yield _flag("no-controlled-trial", "medium", reason, human)


def human_evidence_not_found(evidence: GoalEvidence) -> Iterator[Flag]:
    """Every human study was looked for in the literature and not found."""
    human = evidence.human
    if human and all(study.publication is None and study.searched for study in human):
        reason = (
            f"The only human evidence, {_list(human)}, was looked for in the literature and "
            "not found: nothing confirms it exists as described."
        )
        yield _flag("human-evidence-not-found", "high", reason, human)


def single_small_study(evidence: GoalEvidence) -> Iterator[Flag]:
    """The human evidence is one study of fewer than SMALL_STUDY participants (by its upper
    bound, for a range)."""
    human = evidence.human
    if len(human) != 1:
        return
    n, n_max = human[0].size
    if n is not None and (n_max or n) < SMALL_STUDY:
        reason = (
            f"All the human evidence is one study of {n} participants ({human[0].label}), "
            f"under the {SMALL_STUDY} this tool calls small."
        )
        yield _flag("single-small-study", "medium", reason, human)


def tier_above_evidence(evidence: GoalEvidence) -> Iterator[Flag]:
    """Tier STRONG_TIER or more (by the upper bound of a range) without a direct, confirmed,
    controlled human trial."""
    goal, studies, controlled = evidence.goal, evidence.studies, evidence.controlled
    direct = [s for s in controlled if s.id not in goal.indirect and s.publication is not None]
    lower, upper = evidence.lower, evidence.upper
    if upper < STRONG_TIER or direct:
        return
    shown = (
        f"Tier {lower}-{upper} (judged by its upper bound)" if upper != lower else f"Tier {upper}"
    )
    if not controlled:
        ending = f": the evidence is {_list(studies)}." if studies else "."
        reason = f"{shown} without a controlled human trial{ending}"
        yield _flag("tier-above-evidence", "high", reason, studies)
    else:
        reason = (
            f"{shown} without a direct, confirmed, controlled human trial: its controlled human "
            f"evidence is {_not_direct(goal, controlled)}."
        )
        yield _flag("tier-above-evidence", "high", reason, controlled)


def _not_direct(goal: Goal, controlled: list[Study]) -> str:
    """What keeps the CONTROLLED trials from being direct, confirmed evidence for GOAL."""
    parts = []
    indirect = [s for s in controlled if s.id in goal.indirect]
    unsourced = [s for s in controlled if s.publication is None]
    if indirect:
        parts.append(f"indirect for this goal ({_list(indirect)})")
    if unsourced:
        parts.append(f"without a confirmed publication ({_list(unsourced)})")
    return " and ".join(parts)


def source_departs(evidence: GoalEvidence) -> Iterator[Flag]:
    """A source note says the document departs from a study's publication."""
    departing = [study for study in evidence.studies if _has_note(study, "departs")]
    if departing:
        reason = f"The document departs from the publication behind {_list(departing)}."
        yield _flag("source-departs", "medium", reason, departing)


def unconfirmed_figure(evidence: GoalEvidence) -> Iterator[Flag]:
    """A source note says a figure or finding could not be found in the publication."""
    unconfirmed = [study for study in evidence.studies if _has_note(study, "unconfirmed")]
    if unconfirmed:
        reason = (
            "A figure or finding the document gives could not be found in the publication "
            f"behind {_list(unconfirmed)}."
        )
        yield _flag("unconfirmed-figure", "medium", reason, unconfirmed)


def no_confirmed_source(evidence: GoalEvidence) -> Iterator[Flag]:
    """A study has no confirmed primary publication."""
    unsourced = [study for study in evidence.studies if study.publication is None]
    if unsourced:
        reason = f"No confirmed primary publication for {_list(unsourced)}."
        yield _flag("no-confirmed-source", "low", reason, unsourced)


def indirect_evidence(evidence: GoalEvidence) -> Iterator[Flag]:
    """A study bears on the goal only indirectly: medium when every human study does (every
    study, when none is human), else low."""
    goal = evidence.goal
    indirect = [study for study in evidence.studies if study.id in goal.indirect]
    if indirect:
        base = evidence.human or evidence.studies
        severity: Severity = "medium" if all(s.id in goal.indirect for s in base) else "low"
        whys = "; ".join(f"{study.label}: {goal.indirect[study.id]}" for study in indirect)
        yield _flag("indirect-evidence", severity, f"Indirect evidence ({whys}).", indirect)


def later_evidence(evidence: GoalEvidence) -> Iterator[Flag]:
    """A source note says later evidence bears on a study."""
    later = [study for study in evidence.studies if _has_note(study, "later")]
    if later:
        reason = f"Later evidence bears on {_list(later)}; see its source notes."
        yield _flag("later-evidence", "low", reason, later)


def largest_trial_null(evidence: GoalEvidence) -> Iterator[Flag]:
    """The largest controlled human trial (not a meta-analysis, nor a post-hoc analysis) found
    no benefit."""
    trials = [s for s in _trials(evidence) if s.shown_design != "meta-analysis"]
    largest = largest_of(trials)
    if largest is not None and _found_no_benefit(largest, evidence.goal):
        reason = (
            f"The largest controlled human trial, {largest.label} ({largest.size[0]} "
            "participants), found no benefit on its primary result."
        )
        yield _flag("largest-trial-null", "high", reason, [largest])


def pivotal_trial_negative(evidence: GoalEvidence) -> Iterator[Flag]:
    """A pivotal (phase 3 or 2/3) controlled human trial, not a post-hoc analysis, found no
    benefit."""
    pivotal = [
        s for s in _trials(evidence) if s.phase in PIVOTAL and _found_no_benefit(s, evidence.goal)
    ]
    if pivotal:
        reason = f"A pivotal (phase 3) trial found no benefit: {_list(pivotal)}."
        yield _flag("pivotal-trial-negative", "high", reason, pivotal)


def _trials(evidence: GoalEvidence) -> list[Study]:
    """The controlled human studies that are not post-hoc analyses."""
    return [study for study in evidence.controlled if study.analysis != "post-hoc"]


def _found_no_benefit(study: Study, goal: Goal) -> bool:
    return study_result(study, goal) in ("no-difference", "harm")


def regulator_flags(evidence: GoalEvidence) -> Iterator[Flag]:
    """The flags of the compound's regulatory entries in effect today, entry by entry (each
    entry's flags in the order of ENTRY_RULES), then a status a later event is reported to
    have changed (reported only in the news, so not confirmed)."""
    from peptide_cli.evidence.regulatory import REPORTED, status_on

    tracks = status_on(evidence.compound, date.today())
    raised: dict[str, list[Flag]] = {}
    for track in tracks:
        if track.current is not None:
            for rule in ENTRY_RULES:
                for flag in rule(track.current, evidence.goal):
                    raised.setdefault(flag.code, []).append(flag)
    for code, found in raised.items():  # one flag a code: the gravest, with every reason
        worst = max(found, key=lambda flag: SEVERITY_RANK[flag.severity])
        yield Flag(code, worst.severity, " ".join(flag.reason for flag in found), ())
    doubtful = [track for track in tracks if track.possibly_out_of_date]
    if doubtful:
        events = "; ".join(
            f"{track.name}: {e.status}" + (f" ({e.date})" if e.date else "")
            for track in doubtful
            for e in track.reported
        )
        reason = f"A later event is {REPORTED}: {events}."
        yield Flag("status-possibly-out-of-date", "medium", reason, ())


def regulator_safety_warning(entry: Regulatory, goal: Goal) -> Iterator[Flag]:
    """A regulator lists the compound among substances with significant safety risks (high),
    or gives a warning (medium)."""
    if entry.kind == "safety-risk-list":
        reason = (
            f"{entry.body}: {entry.status}"
            + (f" ({entry.date})" if entry.date else "")
            + (f"; {entry.warning}" if entry.warning else "")
            + "."
        )
        yield Flag("regulator-safety-warning", "high", reason, ())
    elif entry.warning:
        reason = f"{entry.body} warns: {entry.warning}."
        yield Flag("regulator-safety-warning", "medium", reason, ())


def surrogate_approval(entry: Regulatory, goal: Goal) -> Iterator[Flag]:
    """A regulator's decision, for GOAL or for every goal, rests on a surrogate endpoint."""
    if entry.surrogate and (not entry.goals or goal.id in entry.goals):
        reason = (
            f"{entry.body}'s {entry.kind.replace('-', ' ')} rests on a surrogate "
            f"endpoint: {entry.basis or 'see its entry'}."
        )
        yield Flag("surrogate-approval", "medium", reason, ())


def single_population(evidence: GoalEvidence) -> Iterator[Flag]:
    """The goal's evidence is limited to one population."""
    population = evidence.goal.population
    if population:
        reason = f"The evidence is limited to one population: {population}."
        yield _flag("single-population", "low", reason, evidence.studies)


def one_research_group(evidence: GoalEvidence) -> Iterator[Flag]:
    """Every study whose research group is recorded was run by the same group."""
    studies = evidence.studies
    groups = {study.research_group for study in studies if study.research_group}
    if len(groups) == 1:
        recorded = [study for study in studies if study.research_group]
        reason = (
            f"The research group is recorded for {len(recorded)} of {len(studies)} studies, "
            f"and it is one group: {next(iter(groups))}."
        )
        yield _flag("one-research-group", "low", reason, recorded)


def industry_ties(evidence: GoalEvidence) -> Iterator[Flag]:
    """A publication reports the manufacturer's or a company's part in the work."""
    tied = [study for study in evidence.studies if study.industry]
    if tied:
        reason = (
            f"The publication behind {_list(tied)} reports the manufacturer's or a company's "
            "part in the work."
        )
        yield _flag("industry-ties", "low", reason, tied)


def retracted_publication(evidence: GoalEvidence) -> Iterator[Flag]:
    """A study listed under the goal whose publication was retracted: it counts toward no
    tier or certainty (high)."""
    retracted = [s for s in evidence.compound.studies_of(evidence.goal) if s.retracted]
    if retracted:
        said = "; ".join(f"{s.label}: {'; '.join(s.notices)}" for s in retracted)
        reason = f"Retracted publication ({said}); it counts toward no tier or certainty."
        yield _flag("retracted-publication", "high", reason, retracted)


RESULTS_DUE_DAYS = 365
"""Days after a trial's completion by which its results are due on its registry (FDAAA 801)."""


def results_not_posted(evidence: GoalEvidence) -> Iterator[Flag]:
    """A trial behind the goal that completed more than RESULTS_DUE_DAYS ago, by its registry
    record as last read, with no results posted there (medium): results withheld can bias
    the published record."""
    from datetime import date, timedelta

    from peptide_cli.evidence.regulatory import last_day

    late = []
    records = {p.id: p.registered for p in evidence.compound.publications if p.registered}
    for study in evidence.compound.studies_of(evidence.goal):
        record = records.get(study.publication or "")
        if record is None or record.results_posted or record.status.casefold() != "completed":
            continue
        due = record.completed and last_day(record.completed) + timedelta(RESULTS_DUE_DAYS)
        if due and due < date.today():
            late.append(study)
    if late:
        said = ", ".join(study.label for study in late)
        reason = f"Completed over a year ago with no results posted on its registry: {said}."
        yield _flag("results-not-posted", "medium", reason, late)


def publication_notice(evidence: GoalEvidence) -> Iterator[Flag]:
    """A study whose publication has a correction or an expression of concern that a
    retraction snapshot lists (medium): its figures may have changed."""
    noticed = [
        s for s in evidence.compound.studies_of(evidence.goal) if s.notices and not s.retracted
    ]
    if noticed:
        said = "; ".join(f"{s.label}: {'; '.join(s.notices)}" for s in noticed)
        yield _flag("publication-notice", "medium", f"Notice on a publication ({said}).", noticed)


ENTRY_RULES: tuple[Callable[[Regulatory, Goal], Iterator[Flag]], ...] = (
    regulator_safety_warning,
    surrogate_approval,
)
"""The rules for one regulatory entry, in the order their flags are given."""

FLAG_RULES: tuple[Callable[[GoalEvidence], Iterator[Flag]], ...] = (
    no_human_data,
    no_controlled_trial,
    human_evidence_not_found,
    single_small_study,
    tier_above_evidence,
    source_departs,
    unconfirmed_figure,
    no_confirmed_source,
    indirect_evidence,
    later_evidence,
    largest_trial_null,
    pivotal_trial_negative,
    regulator_flags,
    retracted_publication,
    publication_notice,
    results_not_posted,
    single_population,
    one_research_group,
    industry_ties,
)
"""The flag rules, in the order their flags are given (before flags sorts them by severity)."""


def seriousness(severities: list[str]) -> tuple[int, int, int, int]:
    """A sort key from a goal's flags' SEVERITIES: the worst first, then how many of each."""
    high, medium, low = (severities.count(level) for level in ("high", "medium", "low"))
    worst = max((SEVERITY_RANK[severity] for severity in severities), default=0)
    return (worst, high, medium, low)


class Appraisal(NamedTuple):
    """A goal with everything the appraisal says of it: its studies, profile, flags, every
    outcome's certainty and reading, and the goal's certainty."""

    compound: Compound
    goal: Goal
    tier_label: str
    studies: list[Study]
    profile: Profile
    flags: list[Flag]
    outcomes: list[Assessed]  # every result, in the goal's order
    certainty: str | None  # the lowest of its critical outcomes' (GRADE 11)
    certainty_basis: str  # which outcome that is, or why there is none
    tier: TierResult  # computed: the tier shown; with the tier a source states beside it
    stated_label: str | None  # the label of the stated tier, where a source states one
    bodies: list[Body]  # its outcomes, each a body of evidence rated once, then its harms

    @property
    def harms(self) -> list[Assessed]:
        """Every harm its studies report, as a result rated with its harm's body."""
        return [found for body in self.bodies if body.harm for found in body.results]


def appraise(catalog: Catalog, entry: Entry) -> Appraisal:
    """The appraisal of one goal of CATALOG."""
    compound, goal = entry
    assessed, outcomes = assess_goal(catalog, compound, goal)
    level, basis = goal_certainty(outcomes)
    studies = compound.studies_of(goal)
    topline = frozenset(
        s.id
        for s in studies
        if s.publication is not None and compound.publication(s.publication).kind == "topline"
    )
    tier = compute_tier(catalog, goal, studies, level, topline)
    # the flags about a tier judge the stated one where a source states one
    lower = tier.tier if tier.stated is None else tier.stated
    raised = flags(compound, goal, lower, tier.stated_max or lower)
    if tier.stated is not None and not tier.stated <= tier.computed <= (tier.stated_max or lower):
        above = tier.computed < tier.stated
        words = "above" if above else "below"
        reason = (
            f"The stated Tier {tier.stated_range} is {words} the Tier {tier.computed} the tier "
            f"rules compute ({tier.rule}: {tier.why})."
        )
        raised.append(Flag("tier-differs", "medium" if above else "low", reason, ()))
        raised.sort(key=lambda flag: -SEVERITY_RANK[flag.severity])
    raised = _with_completeness(raised, goal, tier)
    needed = catalog.tier(tier.tier)
    claimed = needed.certainty if needed is not None else None
    if claimed is not None and (level is None or LEVELS.index(level) < LEVELS.index(claimed)):
        has = f"its certainty is {level} ({basis})" if level else basis
        reason = (
            f"Tier {tier.tier} claims at least {claimed} certainty; {has}. The certainty is a "
            "rule-based pre-assessment."
        )
        raised = sorted(
            [*raised, Flag("tier-above-certainty", "medium", reason, ())],
            key=lambda flag: -SEVERITY_RANK[flag.severity],
        )
    return Appraisal(
        compound,
        goal,
        catalog.computed_label(tier.tier, tier.rule),
        compound.studies_of(goal),
        profile(compound, goal),
        raised,
        assessed,
        level,
        basis,
        tier,
        None if tier.stated is None else catalog.tier_label(goal),
        outcomes,
    )


SEARCHED_FROM = 3
"""A goal at this computed tier or above must record its largest registered trial and latest
systematic review (`search`), or be flagged as not systematically searched (#26)."""


def _with_completeness(raised: list[Flag], goal: Goal, tier: TierResult) -> list[Flag]:
    """RAISED, with `not-systematically-searched` where a goal at SEARCHED_FROM or above does
    not record both its largest registered trial and its latest systematic review."""
    searched = goal.search
    if tier.tier < SEARCHED_FROM or (
        searched is not None and searched.largest_trial and searched.latest_review
    ):
        return raised
    missing = [
        words
        for name, words in (
            ("largest_trial", "the largest registered trial"),
            ("latest_review", "the latest systematic review"),
        )
        if searched is None or getattr(searched, name) is None
    ]
    reason = (
        f"Tier {tier.tier}, but {' and '.join(missing)} on the question "
        f"{'is' if len(missing) == 1 else 'are'} not recorded: the evidence was not "
        "systematically searched, and a larger trial or a later review may say otherwise."
    )
    flag = Flag("not-systematically-searched", "medium", reason, ())
    return sorted([*raised, flag], key=lambda f: -SEVERITY_RANK[f.severity])


def filter_by_tier(
    catalog: Catalog,
    min_tier: int | None = None,
    max_tier: int | None = None,
    compound: Compound | None = None,
    by: TierBasis = "computed",
) -> Iterator[Appraisal]:
    """The appraisals of the goals whose tier lies between MIN_TIER and MAX_TIER, both
    included, one at a time (the tiers are checked first, before any is given).

    BY `computed` (the tier shown everywhere) or `stated`, the tier a source states: a stated
    range (2-3) counts by its lower bound, and a goal no source gives a tier is left out. Raises
    UsageProblem for a tier that is not on the catalog's tier scale, or a minimum above the
    maximum.
    """
    low, high = tier_range(catalog.tiers, min_tier, max_tier)
    return _in_tiers(catalog, low, high, compound, by)


def _in_tiers(
    catalog: Catalog, low: int, high: int, compound: Compound | None, by: TierBasis
) -> Iterator[Appraisal]:
    for entry in each_entry(catalog, compound):
        stated = entry.goal.tier
        if by == "stated" and (stated is None or not low <= stated <= high):
            continue  # known without appraising the goal
        done = appraise(catalog, entry)
        if by == "stated" or low <= done.tier.tier <= high:
            yield done


def audit(catalog: Catalog, entries: list[Entry]) -> list[Appraisal]:
    """ENTRIES appraised, most serious first; goals of equal seriousness keep their order."""
    appraised = [appraise(catalog, entry) for entry in entries]
    return sorted(
        appraised,
        key=lambda done: seriousness([flag.severity for flag in done.flags]),
        reverse=True,
    )


def _has_note(study: Study, kind: str) -> bool:
    return any(note.kind == kind for note in study.every_source_note())


def _list(studies: list[Study]) -> str:
    names = [study.label for study in studies]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def select_outcomes(
    appraised: Appraisal, study: str | None = None, measure: str | None = None
) -> list[Assessed]:
    """The outcomes and harms behind an appraised goal, of STUDY (its id) and whose measure
    (a harm's: its event) contains MEASURE (ignoring case); every one when neither is given
    (none, for a goal without outcomes). Raises NotFoundError when STUDY or MEASURE leaves
    none."""
    from peptide_cli.errors import NotFoundError

    wanted = measure.casefold() if measure else None
    chosen = [
        found
        for found in [*appraised.outcomes, *appraised.harms]
        if (study is None or found.study.id == study)
        and (wanted is None or wanted in found.outcome.measure.casefold())
    ]
    if not chosen and (study is not None or measure is not None):
        everything = [*appraised.outcomes, *appraised.harms]
        goal = appraised.goal.id
        studies = list(dict.fromkeys(found.study.id for found in everything))
        if study is not None and study not in studies:
            listed = ", ".join(studies) or "none"
            raise NotFoundError(
                f"no study {study!r} has outcomes for goal {goal!r}; its studies: {listed}"
            )
        of_study = [found for found in everything if study is None or found.study.id == study]
        measures = ", ".join(map(repr, dict.fromkeys(found.outcome.measure for found in of_study)))
        scope = f" of study {study!r}" if study is not None else ""
        raise NotFoundError(
            f"no outcome{scope} of goal {goal!r} has a measure containing {measure!r}; "
            f"its measures: {measures or 'none'}"
        )
    return chosen


def not_shown(appraised: Appraisal) -> str:
    """One sentence on what the evidence behind a goal does not show, from its profile, its
    certainty and its population: the caveat an answer about the goal must not lose."""
    evidence, goal = appraised.profile, appraised.goal
    human = [study for study in appraised.studies if study.species == "human"]
    if not human:
        return (
            "No study in people is recorded: nothing here shows that it works, or is safe, in "
            "humans."
        )
    if not any(study.shown_design in CONTROLLED for study in human):
        return (
            "No controlled trial in people is recorded: nothing here shows that the compound, "
            "rather than chance, time or expectation, caused the changes seen."
        )
    where = (
        f" It says nothing about people other than {goal.population}." if goal.population else ""
    )
    if appraised.certainty is None:
        return (
            "No direct human result could be assessed for certainty: nothing here shows how "
            f"large the effect is, or that there is one.{where}"
        )
    if appraised.certainty in ("low", "very low"):
        return (
            f"The goal's evidence is of {appraised.certainty} certainty: the true "
            f"effect may be substantially different from the one reported.{where}"
        )
    size = evidence.human_participants
    people = f" in {size} people" if size else ""
    return (
        f"The trials{people} measured the outcomes listed, over their own follow-up; they do not "
        f"show effects on other outcomes, over longer times, or rare harms.{where}"
    )
