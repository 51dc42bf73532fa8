"""The claims file as typed, validated data.

Every model forbids unknown keys, so a typo in a claims file is an error rather than a silently
ignored field. Cross-references (tiers on the scale, studies named by goals) are checked by the
`Catalog` validator once the whole file is read.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]
Relation = Literal["<", "=", ">"]

Design = Literal[
    "meta-analysis",
    "rct",
    "observational",
    "case-series",
    "animal",
    "cost-effectiveness",
    "review",
]
Species = Literal["human", "rat", "mouse", "animal"]
EffectType = Literal[
    "mean-difference",
    "smd",
    "log-odds-ratio",
    "mann-whitney",
    "nnt",
    "responder-rate",
    "before-after",
    "probability",
    "effect-size",
    "qualitative",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tier(Model):
    tier: int
    label: Text
    meaning: Text


class PValue(Model):
    relation: Relation = "="
    value: Annotated[float, Field(ge=0, le=1)]


class ConfidenceInterval(Model):
    low: float
    high: float
    level: Annotated[float, Field(gt=0, lt=1)] = 0.95

    @model_validator(mode="after")
    def _ordered(self) -> ConfidenceInterval:
        if self.low > self.high:
            raise ValueError(f"low end {self.low} is above high end {self.high}")
        return self


class MeanSD(Model):
    mean: float
    sd: Annotated[float, Field(ge=0)]


class Arm(Model):
    """One group of a study (Cerebrolysin, placebo, control) with its own figures."""

    group: Text
    value: float | None = None
    before: MeanSD | None = None
    after: MeanSD | None = None
    p: PValue | None = None


class Timepoint(Model):
    """When an outcome was measured: `day 90`, `2-3 weeks`, or a label such as `early`."""

    value: Annotated[float, Field(ge=0)] | None = None
    value_max: Annotated[float, Field(ge=0)] | None = None
    unit: Literal["day", "week", "month", "year"] | None = None
    label: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Timepoint:
        if self.value is None and self.label is None:
            raise ValueError("a timepoint needs a value with a unit, or a label")
        if (self.value is None) != (self.unit is None):
            raise ValueError("a timepoint value and its unit go together")
        if self.value_max is not None and (self.value is None or self.value_max < self.value):
            raise ValueError("value_max needs a value no greater than it")
        return self


class Publication(Model):
    """A primary publication, with only the identifiers confirmed for it."""

    id: Slug
    authors: list[Text] = []
    et_al: bool = False  # the author list is cut short ("et al.")
    title: Text | None = None
    journal: Text
    year: Annotated[int, Field(ge=1800, le=2100)]
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    article: Text | None = None  # an article number where there are no pages: CD008900, 648
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, Field(pattern=r"^[1-9]\d{0,8}$")] | None = None
    registration: Text | None = None  # a trial registration number: NCT05288465


class PublishedFigure(Model):
    """A figure as a publication reports it, where it differs from or adds to the document."""

    label: Text
    value: float | None = None
    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    publication: Slug


class SourceNote(Model):
    """How the document compares with its primary publication, in our own words.

    `departs`: the document departs from the publication (blended papers, misattributed
    figures, a wrong design); `adds`: the publication gives figures the document leaves out;
    `unconfirmed`: the figure could not be found in the publication.
    """

    kind: Literal["departs", "adds", "unconfirmed"]
    text: Text
    publications: list[Slug] = []
    figures: list[PublishedFigure] = []


class Outcome(Model):
    measure: Text
    measure_name: Text | None = None
    components: Annotated[int, Field(gt=0)] | None = None
    effect_type: EffectType
    value: float | None = None
    value_relation: Relation = "="
    unit: Text | None = None
    ci: ConfidenceInterval | None = None
    p: PValue | None = None
    better: Literal["higher", "lower"] | None = None
    timepoint: Timepoint | None = None
    arms: list[Arm] = []
    finding: Text | None = None
    note: Text | None = None
    source_notes: list[SourceNote] = []

    @model_validator(mode="after")
    def _consistent(self) -> Outcome:
        if self.effect_type == "qualitative" and self.finding is None:
            raise ValueError("a qualitative outcome needs a `finding` saying what was found")
        return self


class Dose(Model):
    value: Annotated[float, Field(gt=0)]
    unit: Text


class Study(Model):
    id: Slug
    label: Text
    design: Design
    species: Species | None = None
    population: Text
    n: Annotated[int, Field(gt=0)] | None = None
    n_max: Annotated[int, Field(gt=0)] | None = None
    trials: Annotated[int, Field(gt=0)] | None = None
    comparator: Text | None = None
    based_on: Slug | None = None
    dose: Dose | None = None
    publication: Slug | None = None  # the confirmed primary publication, if any
    searched: bool = False  # looked for a primary publication (and found none, if unset)
    source_notes: list[SourceNote] = []
    outcomes: list[Outcome] = []

    @model_validator(mode="after")
    def _n_range(self) -> Study:
        if self.n_max is not None and (self.n is None or self.n_max < self.n):
            raise ValueError("n_max needs an n no greater than it")
        return self


class Goal(Model):
    id: Slug
    name: Text
    aliases: list[Text] = []
    tier: int
    tier_max: int | None = None
    tier_label: Text | None = None
    summary: Text
    limitations: list[Text] = []
    reported_study_counts: dict[Design, Annotated[int, Field(ge=0)]] = {}
    studies: list[Slug] = []
    indirect: dict[Slug, Text] = {}  # study id -> why it bears on this goal only indirectly

    @property
    def upper_tier(self) -> int:
        return self.tier if self.tier_max is None else self.tier_max


class Preparation(Model):
    volume_ml: Annotated[float, Field(gt=0)]
    peptide_mg: Annotated[float, Field(gt=0)]

    @property
    def mg_per_ml(self) -> float:
        return self.peptide_mg / self.volume_ml


class Administration(Model):
    routes: list[Text]
    note: Text | None = None


class Use(Model):
    status: list[Text] = []
    regions: list[Text] = []
    indications: list[Text] = []


class Mechanism(Model):
    id: Slug
    name: Text
    summary: Text
    effects: list[Text] = []
    targets: list[Text] = []


class Compound(Model):
    id: Slug
    name: Text
    kind: Text
    summary: Text
    source: Text
    composition: Text
    administration: Administration
    preparations_note: Text | None = None
    preparations: list[Preparation] = []
    use: Use = Use()
    mechanisms: list[Mechanism] = []
    goals: list[Goal] = []
    publications: list[Publication] = []
    studies: list[Study] = []

    def study(self, study_id: str) -> Study:
        return next(study for study in self.studies if study.id == study_id)

    def publication(self, publication_id: str) -> Publication:
        return next(p for p in self.publications if p.id == publication_id)


class ClaimsFile(Model):
    """One claims file as written: a folder of them is merged into one Catalog."""

    schema_version: Literal[1]
    tier_scale: list[Tier] | None = None
    compounds: list[Compound] = []


class Catalog(Model):
    """Every compound the tool knows about, with the tier scale they are graded on.

    Cross-references (tiers on the scale, studies named by goals, unique ids) are checked by
    `peptide_cli.validation` when a file is loaded.
    """

    tier_scale: Annotated[list[Tier], Field(min_length=1)]
    compounds: list[Compound]

    @property
    def tiers(self) -> list[int]:
        return sorted(tier.tier for tier in self.tier_scale)

    def tier_label(self, goal: Goal) -> str:
        if goal.tier_label is not None:
            return goal.tier_label
        return next(tier.label for tier in self.tier_scale if tier.tier == goal.tier)
