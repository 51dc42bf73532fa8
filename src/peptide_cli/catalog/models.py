"""The claims file as typed data.

The records are plain dataclasses, so using a loaded catalog needs nothing beyond the standard
library; they are treated as read-only once loaded. (They are not `frozen=True`, nor do they
generate their own `__eq__` and `__repr__`: that would triple the time Python takes to create
the classes at every start. `Record` gives them one shared `__eq__` and `__repr__` instead.)

Pydantic validates a claims file against them (see `loading.py`): it reads each record's types,
refuses unknown keys (`__pydantic_config__`) and applies the bounds given as `Bounds(...)` in
the annotations. Relations between values (an interval's ends, tiers on the scale, studies
named by goals) are checked by `validation.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal, TypeVar, dataclass_transform

from peptide_cli.vocabulary import Design, EffectType, Species


class Bounds:
    """Constraints on one value, applied by pydantic when it validates a claims file.

    Takes pydantic's core-schema constraint names: gt, ge, lt, le for numbers, min_length and
    pattern for text. They also appear in the JSON Schema generated from these records.
    """

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema

    def __repr__(self) -> str:
        return f"Bounds({self.constraints})"


# Numbers are strict (a YAML `yes` or `off` is not 1 or 0), finite (no .nan or .inf), and
# within bounds no claims file needs to pass.
LARGEST = 10**9  # no count of people, studies or days is larger
Slug = Annotated[str, Bounds(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Bounds(min_length=1)]
Positive = Annotated[int, Bounds(strict=True, gt=0, le=LARGEST)]
Count = Annotated[int, Bounds(strict=True, ge=0, le=LARGEST)]
TierNumber = Annotated[int, Bounds(strict=True, ge=0, le=100)]
Number = Annotated[float, Bounds(strict=True, allow_inf_nan=False, ge=-1e12, le=1e12)]
NonNegative = Annotated[float, Bounds(strict=True, allow_inf_nan=False, ge=0, le=1e12)]
PositiveNumber = Annotated[float, Bounds(strict=True, allow_inf_nan=False, gt=0, le=1e12)]
Level = Annotated[float, Bounds(strict=True, allow_inf_nan=False, gt=0, lt=1)]
Fraction = Annotated[float, Bounds(strict=True, allow_inf_nan=False, ge=0, le=1)]
Flag = Annotated[bool, Bounds(strict=True)]
Decimals = Annotated[int, Bounds(strict=True, ge=0, le=6)]
CertaintyLevel = Literal["very low", "low", "moderate", "high"]
Conclusion = Literal["benefit", "no-difference", "harm"]
"""How many decimals a figure was reported with, where its number alone would lose some (1.10)."""
Relation = Literal["<", "=", ">"]
Pico = Literal["population", "intervention", "comparator", "outcome"]
Date = Annotated[str, Bounds(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
"""A date as precise as its source gives it: 2026, 2026-05 or 2026-05-01."""
Grade = Literal["A", "B", "C"]
"""How a source was seen: A a regulator's or journal's own page, B a faithful copy (a registry
mirror, a repository, an abstract copy), C news or a vendor."""
Quote = Annotated[str, Bounds(min_length=1, max_length=400)]
"""The sentence of a source that states a fact, as read (about 300 characters at most)."""


class Record:
    """What every record shares: no unknown keys in a claims file, equality and repr by fields."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.__dataclass_fields__)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable in principle

    def __init__(self, **values: Any) -> None:
        """Every field by keyword: its default where it has one, else required."""
        for name, spec in self.__dataclass_fields__.items():
            if name in values:
                value = values.pop(name)
            elif spec.default is not MISSING:
                value = spec.default
            elif spec.default_factory is not MISSING:
                value = spec.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}() missing keyword argument {name!r}")
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(
                f"{type(self).__name__}() got unexpected keyword {next(iter(values))!r}"
            )

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__dataclass_fields__)
        return f"{type(self).__name__}({fields})"


_T = TypeVar("_T")


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def record(cls: type[_T] | None = None, *, slots: bool = True) -> Any:
    """A record class: a keyword-only dataclass on slots, which keep a large catalog small in
    memory (no dict per record). Its `__init__` is Record's, shared, not one generated for each
    class: compiling those was a third of the time to import this module. (`record(slots=False)`
    is for a class that caches in its `__dict__`.)"""

    def make(cls: type[_T]) -> type[_T]:
        return dataclass(kw_only=True, init=False, eq=False, repr=False, slots=slots)(cls)

    return make if cls is None else make(cls)


@record
class Tier(Record):
    tier: TierNumber
    label: Text
    meaning: Text
    certainty: CertaintyLevel | None = None  # the least certainty of evidence the tier claims
    # the label of a goal at this tier because a large, best-blinded or pivotal trial found no
    # benefit (the `tested-no-benefit` rule): tested, not an untested promise
    null_label: Text | None = None


@record
class Mcid(Record):
    """A published minimal clinically important difference for a scale, with where it holds.

    `low`..`high` in `unit` (a single value has no `high`); `change` says what it was derived
    from (change within patients, mostly); the rest names its population, method and source.
    """

    id: Slug
    measures: list[Text]  # the outcome measures it is about (MMSE, ADAS-cog+, ...)
    low: PositiveNumber
    high: PositiveNumber | None = None
    unit: Text
    change: Text
    population: Text
    method: Text
    source: Text
    doi: Annotated[str, Bounds(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, Bounds(pattern=r"^[1-9]\d{0,8}$")] | None = None
    note: Text | None = None


@record
class PublishedRating(Record):
    """A certainty rating a publication gives (a GRADE panel's, not this tool's)."""

    level: Text  # as published: "low or very low"
    scope: Text  # what it rates
    source: Text


@record
class PValue(Record):
    relation: Relation = "="
    value: Fraction
    decimals: Decimals | None = None  # as reported: 0.1710 has 4


@record
class ConfidenceInterval(Record):
    low: Number
    high: Number
    level: Level = 0.95


@record
class MeanSD(Record):
    mean: Number
    sd: NonNegative


@record
class Arm(Record):
    """One group of a study (Cerebrolysin, placebo, control) with its own figures."""

    group: Text
    value: Number | None = None
    before: MeanSD | None = None
    after: MeanSD | None = None
    p: PValue | None = None
    # of a binary outcome: how many in the group had the event, of how many analysed (the
    # treatment's group first, the comparator's last)
    events: Count | None = None
    total: Positive | None = None


@record
class Timepoint(Record):
    """When an outcome was measured: `day 90`, `2-3 weeks`, or a label such as `early`."""

    value: NonNegative | None = None
    value_max: NonNegative | None = None
    unit: Literal["day", "week", "month", "year"] | None = None
    label: Text | None = None


@record
class Correction(Record):
    """A correction (an erratum) to a publication. One that is known but not read blocks the
    figures it may change: AFFECTS names their measures, which may hold no figure until read."""

    kind: Literal["erratum", "retraction", "expression-of-concern"] = "erratum"
    read: Flag = False
    affects: list[Text] = field(default_factory=list)
    note: Text | None = None


@record
class Registered(Record):
    """A trial's record on its registry as a curator read it on a day (CHECKED), from an
    `update` candidate: its overall status, whether results are posted there, when the record
    was last updated and when the trial completed."""

    status: Text  # as the registry words it: completed, recruiting, terminated, ...
    results_posted: Flag
    last_update: Date | None = None
    completed: Date | None = None
    checked: Date
    url: Text | None = None
    quote: Quote | None = None


@record
class Publication(Record):
    """A primary publication, with only the identifiers confirmed for it."""

    id: Slug
    authors: list[Text] = field(default_factory=list)
    et_al: Flag = False  # the author list is cut short ("et al.")
    title: Text | None = None
    journal: Text | None = None  # None: not seen
    year: Annotated[int, Bounds(strict=True, ge=1800, le=2100)] | None = None
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    article: Text | None = None  # an article number where there are no pages: CD008900, 648
    doi: Annotated[str, Bounds(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, Bounds(pattern=r"^[1-9]\d{0,8}$")] | None = None
    pmcid: Annotated[str, Bounds(pattern=r"^PMC[1-9]\d{0,9}$")] | None = None
    registration: Text | None = None  # a trial registration number: NCT05288465
    registered: Registered | None = None  # its registry record, as last read
    corrections: list[Correction] = field(default_factory=list)
    # `topline`: a press release, conference abstract or registry posting (not peer-reviewed)
    kind: Literal["article", "topline"] = "article"


@record
class PublishedFigure(Record):
    """A figure as a publication reports it, where it differs from or adds to the document."""

    label: Text
    value: Number | None = None
    decimals: Decimals | None = None  # of the value and the interval, as reported
    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    publication: Slug


NoteKind = Literal["departs", "adds", "later", "unconfirmed"]


@record
class SourceNote(Record):
    """How the document compares with its primary publication, in our own words.

    `departs`: the document departs from the publication (blended papers, misattributed
    figures, a wrong design, timepoint or population); `adds`: the publication reports what
    the document leaves out; `later`: later evidence (an update, a larger analysis) bears on
    it; `unconfirmed`: the figure or finding could not be found in the publication.
    """

    kind: NoteKind
    text: Text
    publications: list[Slug] = field(default_factory=list)
    figures: list[PublishedFigure] = field(default_factory=list)


@record
class Outcome(Record):
    measure: Text
    measure_name: Text | None = None
    components: Positive | None = None
    effect_type: EffectType
    value: Number | None = None
    value_relation: Relation = "="
    decimals: Decimals | None = None  # of the value and the interval, as reported
    unit: Text | None = None
    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    better: Literal["higher", "lower"] | None = None
    timepoint: Timepoint | None = None
    published_timepoint: Timepoint | None = None  # the publication's, where it differs
    primary: Flag = False  # a primary endpoint of its study
    conclusion: Conclusion | None = None  # for a result without an interval: what was found
    arms: list[Arm] = field(default_factory=list)
    finding: Text | None = None
    note: Text | None = None
    source_notes: list[SourceNote] = field(default_factory=list)
    published_ratings: list[PublishedRating] = field(default_factory=list)
    # the outcome it counts toward across the goal's studies, whatever its time frame (GRADE
    # rates a body of evidence per outcome); None: its measure, at its time frame
    body: Text | None = None
    # the heterogeneity of a pooled result, as published (I², in percent)
    i2: Annotated[float, Bounds(strict=True, allow_inf_nan=False, ge=0, le=100)] | None = None
    # the sentence of its source that states its figures, where it was read, and how (#27):
    # `validate` checks that every number of its figures appears in it
    quote: Quote | None = None
    url: Text | None = None
    grade: Grade | None = None

    @property
    def when(self) -> Timepoint | None:
        """When it was measured: the publication's timepoint where it differs, else the
        document's."""
        return self.published_timepoint or self.timepoint


@record
class Dose(Record):
    value: PositiveNumber
    unit: Text


@record
class HarmArm(Record):
    """One group's figures for a harm: a count, a share, or a rate."""

    group: Text
    count: Count | None = None
    total: Positive | None = None
    percent: Annotated[float, Bounds(strict=True, allow_inf_nan=False, ge=0, le=100)] | None = None
    rate: NonNegative | None = None  # per `rate_unit` of the harm


@record
class Harm(Record):
    """A harm a study reports: adverse events, discontinuations, as printed."""

    event: Text
    kind: Literal["adverse-events", "serious-adverse-events", "discontinuation", "other"]
    arms: list[HarmArm] = field(default_factory=list)
    rate_unit: Text | None = None
    ratio: Number | None = None  # a hazard or risk ratio the source prints for it
    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    finding: Text | None = None  # in words, where there are no figures
    source: Text | None = None  # where it was printed, if not the study's publication
    publication: Slug | None = None  # the compound's publication that printed it, if another
    # the harm outcome it counts toward across the goal's studies (rated once, as a body of
    # evidence); None: its event
    body: Text | None = None
    quote: Quote | None = None  # the sentence that states its figures (checked, as an outcome's)
    url: Text | None = None
    grade: Grade | None = None

    @property
    def name(self) -> str:
        """The harm outcome it counts toward: its body, else its event."""
        return self.body or self.event


Judgement = Literal["low", "some-concerns", "high"]


@record
class RiskOfBias(Record):
    """A risk-of-bias judgement a source makes of a study, or of the trials a synthesis pools,
    with the tool it used and the sentence that states it (never a guess: no judgement seen,
    no record, and the study's risk of bias is 'not assessed')."""

    judgement: Judgement
    tool: Literal["RoB 2", "RoB 1", "ROBINS-I", "authors"]  # `authors`: their own words
    domains: dict[Text, Literal["low", "some-concerns", "high", "unclear"]] = field(
        default_factory=dict
    )
    # of a synthesis: the share of its weight (or trials) at high or unclear risk, where known
    share_high_or_unclear: Fraction | None = None
    source: Text  # who judged, and where it was read
    quote: Annotated[str, Bounds(min_length=1, max_length=400)]
    url: Text | None = None
    grade: Grade


@record
class Heterogeneity(Record):
    """Heterogeneity among a synthesis's trials as its authors (or a later review) judge it in
    words, where no I² is recorded: `serious` when they say it limits the result (GRADE 7)."""

    serious: Flag
    source: Text
    quote: Annotated[str, Bounds(min_length=1, max_length=400)]
    url: Text | None = None
    grade: Grade


@record
class Funding(Record):
    """Who paid for a study, as its publication or registry says."""

    funder: Text
    quote: Annotated[str, Bounds(min_length=1, max_length=400)]
    source: Text
    url: Text | None = None
    grade: Grade


@record
class Published(Record):
    """A study's design and size as its publication reports them, where the document differs.

    The document's own figures stay in the study's fields (they are what it says); every view
    shows these instead, with the document's wording in a source note.
    """

    design: Design | None = None
    n: Positive | None = None
    n_max: Positive | None = None


@record
class OtherThan(Record):
    """What a study listed under a compound studied instead: another molecule (thymosin beta-4
    eye drops under TB-500), route (topical under injected) or product. Such a study never
    counts toward the goal's tier or certainty; it is listed so that the reader sees why."""

    kind: Literal["molecule", "route", "product"]
    studied: Text  # what it studied, in words
    why: Text  # why its evidence does not apply


@record
class Study(Record):
    id: Slug
    label: Text
    design: Design
    analysis: Literal["secondary", "post-hoc"] | None = None  # of another study's data
    species: Species | None = None
    population: Text
    n: Positive | None = None
    n_max: Positive | None = None
    trials: Positive | None = None
    # of a synthesis: the designs it pools, as its publication says (None: not recorded)
    pools: Literal["randomised", "non-randomised", "mixed"] | None = None
    comparator: Text | None = None
    based_on: Slug | None = None
    # studies that share trials, and so participants, with this one (overlapping syntheses):
    # their participants are never added together
    overlaps: list[Slug] = field(default_factory=list)
    dose: Dose | None = None
    industry: Text | None = None  # the manufacturer's or a company's part, as published
    funding: Funding | None = None  # who paid for it, where a source says
    risk_of_bias: RiskOfBias | None = None  # None: not assessed
    heterogeneity: Heterogeneity | None = None  # of a synthesis, as judged in words
    phase: Literal["1", "1/2", "2", "2/3", "3", "4"] | None = None
    blinding: Literal["double", "single", "open"] | None = None
    research_group: Text | None = None  # where the data records whose group ran it
    publication: Slug | None = None  # the confirmed primary publication, if any
    probable_publication: Slug | None = None  # a likely match that could not be confirmed
    searched: Flag = False  # looked for a primary publication (and found none, if unset)
    published: Published | None = None
    source_notes: list[SourceNote] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    harms: list[Harm] = field(default_factory=list)
    quote: Quote | None = None  # the sentence that states its size (n and n_max, checked)
    url: Text | None = None
    grade: Grade | None = None
    other_than: OtherThan | None = None  # about another molecule, route or product
    # Not keys of a claims file: set when a catalog is merged, from its publication's
    # corrections and the retraction snapshot (see `validation.apply_notices`).
    notices: list[Text] = field(default_factory=list, init=False)  # each notice, in words
    retracted: Flag = field(default=False, init=False)  # its publication was retracted

    @property
    def counts(self) -> bool:
        """Whether the study counts toward its goals' tiers and certainty: not one about another
        molecule, route or product, nor one of the body's own level of the peptide, nor one
        whose publication was retracted."""
        return (
            self.other_than is None
            and self.shown_design != "endogenous-level"
            and not self.retracted
        )

    @property
    def shown_design(self) -> Design:
        """The design: the publication's where it differs from the document's."""
        if self.published is not None and self.published.design is not None:
            return self.published.design
        return self.design

    @property
    def size(self) -> tuple[int | None, int | None]:
        """(n, n_max): the publication's where it differs from the document's."""
        if self.published is not None and self.published.n is not None:
            return self.published.n, self.published.n_max
        return self.n, self.n_max

    def every_source_note(self) -> list[SourceNote]:
        """The study's own source notes, then its outcomes'."""
        return [*self.source_notes, *(note for o in self.outcomes for note in o.source_notes)]


@record
class EvidenceSearch(Record):
    """How a goal's evidence was searched: when, and the largest registered trial and the latest
    systematic review on the question, each one of the goal's studies. A goal at Tier 3 or 4
    without both is flagged as not systematically searched."""

    date: Date
    largest_trial: Slug | None = None
    latest_review: Slug | None = None
    note: Text | None = None


@record
class Goal(Record):
    id: Slug
    name: Text
    aliases: list[Text] = field(default_factory=list)
    tier: TierNumber | None = None  # as a source states it; None: computed by the tier rules
    tier_max: TierNumber | None = None
    tier_label: Text | None = None
    population: Text | None = None  # the only people the evidence is about, where it is limited
    summary: Text
    limitations: list[Text] = field(default_factory=list)
    reported_study_counts: dict[Design, Count] = field(default_factory=dict)
    studies: list[Slug] = field(default_factory=list)
    indirect: dict[Slug, Text] = field(default_factory=dict)  # study id -> why it is indirect
    # study id -> where an indirect study departs from the goal's question (GRADE 8): its
    # population, intervention, comparator or outcome; two or more rate it down two levels
    differs: dict[Slug, list[Pico]] = field(default_factory=dict)
    # study id -> the measures of that study that bear on this goal (default: all of them)
    measures: dict[Slug, list[Text]] = field(default_factory=dict)
    # study id -> the measures of that study that stand in for this goal's outcome (a marker,
    # a lab value) rather than measure it: rated down for indirectness (GRADE 8)
    surrogates: dict[Slug, list[Text]] = field(default_factory=dict)
    search: EvidenceSearch | None = None  # how its evidence was searched, where recorded
    # the outcomes (a measure or a body) critical for a decision about the goal; the others are
    # important. None: those with a primary result are critical, or all where none is primary
    critical: list[Text] | None = None

    def outcomes_of(self, study: Study) -> list[Outcome]:
        """The outcomes of STUDY that bear on this goal."""
        wanted = self.measures.get(study.id)
        return [o for o in study.outcomes if wanted is None or o.measure in wanted]

    @property
    def upper_tier(self) -> int | None:
        return self.tier if self.tier_max is None else self.tier_max


@record
class Preparation(Record):
    volume_ml: PositiveNumber
    peptide_mg: PositiveNumber

    @property
    def mg_per_ml(self) -> float:
        return self.peptide_mg / self.volume_ml


@record
class Administration(Record):
    routes: list[Text]
    note: Text | None = None


@record
class Use(Record):
    status: list[Text] = field(default_factory=list)
    regions: list[Text] = field(default_factory=list)
    indications: list[Text] = field(default_factory=list)


@record
class Mechanism(Record):
    id: Slug
    name: Text
    summary: Text
    effects: list[Text] = field(default_factory=list)
    targets: list[Text] = field(default_factory=list)


@record
class Regulatory(Record):
    """A regulator's decision or listing: what it is, for what, when it took effect, when it was
    last checked, and the sentence of its source that states it. Entries of one `track` (by
    default: the body, the jurisdiction and the product or indication) form a timeline, whose
    status on a date is that of its latest entry by then; an entry seen only in news (grade
    C) never sets a status, but marks the one it contradicts as possibly out of date."""

    body: Text  # FDA, EMA, WADA, ...
    jurisdiction: Text
    kind: Literal[
        "approval",
        "accelerated-approval",
        "not-approved",
        "safety-risk-list",
        "removed-from-list",
        "prohibited",
        "withdrawn",
        "warning",
        "unknown",
    ]
    status: Text  # in words
    product: Text | None = None
    indication: Text | None = None
    category: Text | None = None  # its class on a list: WADA S2, 503A category 2
    basis: Text | None = None  # what the decision rests on, e.g. a surrogate endpoint
    surrogate: Flag = False  # the decision rests on a surrogate endpoint
    warning: Text | None = None  # a boxed warning or a safety concern the regulator states
    date: Date | None = None  # when it took effect
    checked: Date | None = None  # when its source was last read
    track: Text | None = None  # the timeline it belongs to, where the default would split one
    source: Text
    quote: Quote | None = None
    url: Text | None = None
    grade: Grade | None = None
    goals: list[Slug] = field(default_factory=list)  # the compound's goals it bears on


@record
class CompoundHarm(Record):
    """A harm stated for the compound as a whole (a label, a regulator), with its source."""

    text: Text
    source: Text
    quote: Quote | None = None
    url: Text | None = None
    grade: Grade | None = None


@record
class EvidenceDate(Record):
    """When a compound's evidence was last searched, and up to which publication date."""

    searched: Date
    up_to: Date | None = None
    note: Text | None = None


@record(slots=False)  # not slotted: it caches its indexes
class Compound(Record):
    id: Slug
    name: Text
    kind: Text
    summary: Text
    source: Text
    composition: Text
    administration: Administration
    preparations_note: Text | None = None
    preparations: list[Preparation] = field(default_factory=list)
    use: Use = field(default_factory=Use)
    mechanisms: list[Mechanism] = field(default_factory=list)
    regulatory: list[Regulatory] = field(default_factory=list)
    harms: list[CompoundHarm] = field(default_factory=list)
    evidence: EvidenceDate | None = None  # when its evidence was last searched
    goals: list[Goal] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)

    def study(self, study_id: str) -> Study:
        return self._studies[study_id]

    def studies_of(self, goal: Goal) -> list[Study]:
        """The studies behind GOAL, in the goal's order."""
        return [self._studies[study_id] for study_id in goal.studies]

    def publication(self, publication_id: str) -> Publication:
        return self._publications[publication_id]

    @cached_property
    def _studies(self) -> dict[str, Study]:
        return {study.id: study for study in self.studies}

    @cached_property
    def _publications(self) -> dict[str, Publication]:
        return {publication.id: publication for publication in self.publications}


@record
class Notice(Record):
    """A notice about a publication from a retraction and correction database: a retraction,
    a correction or an expression of concern, of the publication with this DOI or PMID, dated,
    with the notice's own DOI or address."""

    kind: Literal["retraction", "correction", "expression-of-concern"]
    doi: Annotated[str, Bounds(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, Bounds(pattern=r"^[1-9]\d{0,8}$")] | None = None
    date: Date
    notice: Text  # the notice's DOI or address
    note: Text | None = None


@record
class NoticeSnapshot(Record):
    """The notices of a retraction and correction database for a set of DOIs and PMIDs, as
    they stood on the day the snapshot was TAKEN, from SOURCE (Crossref's Retraction Watch
    data, say). A publication it does not list had no notice there on that day."""

    taken: Date
    source: Text
    covers: Text  # what was looked up: the catalog's DOIs and PMIDs, say
    notices: list[Notice] = field(default_factory=list)


@record
class ClaimsFile(Record):
    """One claims file as written: a folder of them is merged into one Catalog."""

    # 2 adds a study's risk_of_bias, heterogeneity, pools, funding and overlaps, a goal's
    # surrogates, search and critical outcomes, an outcome's body and i2, an arm's events and
    # total, and a tier's null_label, every one optional: a file of version 1 still reads.
    # 3 adds quotes behind figures, a regulatory timeline (checked, track, category) and a
    # compound's evidence date, also optional: files of versions 1 and 2 still read
    schema_version: Literal[1, 2, 3]
    tier_scale: list[Tier] | None = None
    mcids: list[Mcid] = field(default_factory=list)
    compounds: list[Compound] = field(default_factory=list)
    # a snapshot of retraction and correction notices, checked against every publication of
    # the catalog (a file of its own: data/retractions.yaml)
    notices: NoticeSnapshot | None = None


@record
class SourceFile(Record):
    """A claims file a catalog was read from: its path as given, the SHA-256 of its bytes, and
    the compounds it defines."""

    file: str
    sha256: str
    compounds: list[str] = field(default_factory=list)


@record
class Catalog(Record):
    """Every compound the tool knows about, with the tier scale they are graded on."""

    tier_scale: list[Tier]
    compounds: Sequence[Compound]  # a list, or a cache entry's sections read as they are used
    mcids: list[Mcid] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)  # where it was read from
    notices: list[NoticeSnapshot] = field(default_factory=list)  # retraction snapshots read

    def file_of(self, compound: Compound) -> SourceFile | None:
        """The claims file that defines COMPOUND."""
        return next((f for f in self.files if compound.id in f.compounds), None)

    @property
    def tiers(self) -> list[int]:
        return sorted(tier.tier for tier in self.tier_scale)

    def tier(self, number: int) -> Tier | None:
        return next((tier for tier in self.tier_scale if tier.tier == number), None)

    def mcids_for(self, measure: str) -> list[Mcid]:
        """The published MCIDs for MEASURE."""
        return [mcid for mcid in self.mcids if measure in mcid.measures]

    def tier_label(self, goal: Goal, tier: int | None = None) -> str:
        """The label of GOAL's stated tier: its own, else the scale's for TIER (default: its
        stated tier)."""
        if goal.tier_label is not None:
            return goal.tier_label
        number = goal.tier if tier is None else tier
        return next((t.label for t in self.tier_scale if t.tier == number), "")

    def computed_label(self, tier: int, rule: str) -> str:
        """The scale's label for a computed TIER, decided by RULE: the tier's `null_label`
        when a large, best-blinded or pivotal trial found no benefit."""
        found = self.tier(tier)
        if found is None:
            return ""
        if rule == "tested-no-benefit" and found.null_label is not None:
            return found.null_label
        return found.label


def plain(value: Any) -> Any:
    """Records as JSON-ready dicts and lists, fields in the order they are declared."""
    if isinstance(value, Record):
        return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


# The cache keeps catalogs as pickles (see `cache.py`), read back by an unpickler that can make
# nothing but the record classes here: it refuses every other global, so an entry can name no
# function to call and can run no code. (Records define no `__reduce__` or `__setstate__`; a
# pickle of them holds only their class, `NEWOBJ` and their field values.)


def dumps(value: Any) -> bytes:
    """VALUE (records, and the lists, dicts, text and numbers in them) as a pickle."""
    import pickle

    return pickle.dumps(value, protocol=5)


def loads(data: bytes, start: int = 0, *, also: Sequence[type] = ()) -> Any:
    """What `dumps` wrote (at START in DATA), rebuilt only as records of this module, plain
    values and the classes ALSO holds. Raises an UnpicklingError for anything else (another
    class, a function, a damaged pickle)."""
    import io

    source = io.BytesIO(data)  # shares DATA's buffer: no copy of a large entry
    source.seek(start)
    unpickler = (_UNPICKLER or _unpickler())(source)
    unpickler.also = {(cls.__module__, cls.__qualname__): cls for cls in also}
    return unpickler.load()


def _unpickler() -> Any:
    """The unpickler class of `loads`, made once."""
    global _UNPICKLER
    from pickle import Unpickler, UnpicklingError

    class Records(Unpickler):
        also: dict[tuple[str, str], type] = {}  # noqa: RUF012  # set by `loads` for each load

        def find_class(self, module: str, name: str) -> Any:
            found = (_RECORDS or _records()).get(name) if module == __name__ else None
            found = found or self.also.get((module, name))
            if found is None:
                raise UnpicklingError(f"{module}.{name} is not a record")
            return found

    _UNPICKLER = Records
    return Records


_UNPICKLER: Any = None


def loads_validator(data: bytes, start: int = 0) -> Any:
    """A pydantic-core validator pickled by `dumps` (see `loading._validator`): besides the
    records, it names only the validator's class and the list and dict of fields' defaults."""
    from pydantic_core import SchemaValidator

    return loads(data, start, also=(SchemaValidator, list, dict))


def fingerprint() -> str:
    """The shape of the records: every class, its fields and their types, as a short hash."""
    import hashlib

    shape = "".join(
        name + repr([(f, field.type) for f, field in cls.__dataclass_fields__.items()])
        for name, cls in sorted(_records().items())
    )
    return hashlib.sha256(shape.encode()).hexdigest()[:16]


def _records() -> dict[str, type[Record]]:
    """Every record class by name (each derives from Record directly)."""
    if not _RECORDS:
        _RECORDS.update((cls.__name__, cls) for cls in Record.__subclasses__())
    return _RECORDS


_RECORDS: dict[str, type[Record]] = {}
