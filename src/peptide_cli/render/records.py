"""The JSON contract: goals, outcome rows, search hits and the compound as JSON-ready records.

Each kind of record declares its fields once, in order, each with how it is computed and the
title a table gives it; JSON keys, `--fields` choices, sort keys and table columns all come from
that declaration. Later versions may add keys to these records but never remove or rename one
(see README).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from peptide_cli.catalog.models import plain
from peptide_cli.evidence.citations import source_status
from peptide_cli.render import figures as fmt

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from peptide_cli.catalog.models import Catalog, Compound, Outcome, Study
    from peptide_cli.evidence import Appraisal, Entry, Hit, OutcomeRow, Profile
    from peptide_cli.evidence.changes import Dated

Source = TypeVar("Source")


class Field(Generic[Source]):
    """One field of a kind of record: its name, how it is computed, and its column title."""

    __slots__ = ("absent", "get", "name", "title")

    def __init__(
        self,
        name: str,
        get: Callable[[Source], Any],
        title: str | None = None,
        absent: str = "",
    ) -> None:
        self.name = name
        self.get = get
        self.title = title
        self.absent = absent  # what a table shows for no value (JSON keeps null)


class RecordKind(Generic[Source]):
    """The fields of one kind of record, in order, and which of them a table shows by default."""

    def __init__(self, fields: Sequence[Field[Source]], columns: Sequence[str]) -> None:
        self._fields = tuple(fields)
        self.fields = tuple(field.name for field in self._fields)
        self.titles = {field.name: field.title for field in self._fields if field.title}
        self.absent = {field.name: field.absent for field in self._fields if field.absent}
        unknown = [name for name in columns if name not in self.fields]
        if unknown:
            raise ValueError(f"columns that are not fields: {unknown}")
        self.columns = tuple(columns)  # shown by table, plain and markdown unless fields are chosen

    def title(self, name: str) -> str:
        return self.titles.get(name, name)

    def record(self, source: Source) -> dict[str, Any]:
        """The record for SOURCE: every field, in order."""
        return {field.name: field.get(source) for field in self._fields}

    def with_columns(self, columns: Sequence[str]) -> RecordKind[Source]:
        """The same fields, shown by a table as COLUMNS."""
        return RecordKind(self._fields, columns)

    def extended(self, *fields: Field[Source]) -> RecordKind[Source]:
        """These fields followed by FIELDS, with the same columns."""
        return RecordKind((*self._fields, *fields), self.columns)


def appraised(
    kind: RecordKind[Appraisal], catalog: Catalog, entries: Iterable[Entry]
) -> Iterator[dict[str, Any]]:
    """The records of KIND of ENTRIES, each goal appraised as it is given."""
    from peptide_cli.evidence import appraise

    return (kind.record(appraise(catalog, entry)) for entry in entries)


def people(evidence: Profile) -> str:
    """Human participants as shown: `597`, `581+` for a lower bound, `unknown` for no count."""
    if evidence.human_participants is None:
        return "unknown"
    plus = "+" if evidence.human_participants_at_least else ""
    return f"{evidence.human_participants}{plus}"


def study_object(compound: Compound, study: Study) -> dict[str, Any]:
    """A study in full, with its publication written out and the source status named."""
    obj = plain(study)
    obj["source_status"] = source_status(study)
    obj["publication"] = (
        None if study.publication is None else plain(compound.publication(study.publication))
    )
    return obj


def _studies_assessed(done: Appraisal) -> list[dict[str, Any]]:
    """Every study behind a goal in full, each outcome with its certainty and reading."""
    assessed = {(id(a.study), id(a.outcome)): a for a in done.outcomes}
    studies = []
    for study in done.studies:
        obj = study_object(done.compound, study)
        for outcome, dumped in zip(study.outcomes, obj["outcomes"], strict=True):
            found = assessed.get((id(study), id(outcome)))
            dumped["bears_on_goal"] = found is not None
            dumped["certainty"] = found and found.certainty.as_dict()
            dumped["reading"] = found and found.reading.as_dict()
        studies.append(obj)
    return studies


def _searched(compound: Compound) -> str | None:
    return compound.evidence.searched if compound.evidence else None


def _up_to(compound: Compound) -> str | None:
    return compound.evidence.up_to if compound.evidence else None


def evidence_note(compound: Compound) -> str:
    """When COMPOUND's evidence was searched; for one with no goal, that no human evidence was
    found by then."""
    found = compound.evidence
    when = f" as of {found.searched}" if found else ""
    if not compound.goals:
        return f"no human evidence found{when}"
    return f"searched {found.searched}" if found else "search date not recorded"


def evidence_dates(compounds: Iterable[Compound]) -> str:
    """When each compound's evidence was last searched, in one line; then the compounds with no
    goal, whose evidence was not found."""
    compounds = list(compounds)
    empty = [compound for compound in compounds if not compound.goals]
    parts = []
    for compound in compounds:
        if not compound.goals:
            continue
        found = compound.evidence
        if found is None:
            parts.append(f"{compound.name} not recorded")
        else:
            up_to = f" (publications up to {found.up_to})" if found.up_to else ""
            parts.append(f"{compound.name} {found.searched}{up_to}")
    line = "Evidence last searched: " + "; ".join(parts) + "."
    if empty:
        names = "; ".join(f"{c.name}, {evidence_note(c)}" for c in empty)
        line += f" No goal is recorded for: {names}."
    return line


def _flag_summary(done: Appraisal) -> str:
    return f"{len(done.flags)} ({done.flags[0].severity})" if done.flags else ""


GOALS: RecordKind[Appraisal] = RecordKind(
    [
        Field("compound", lambda a: a.compound.id),
        Field("compound_name", lambda a: a.compound.name, "Compound"),
        Field("id", lambda a: a.goal.id),
        Field("name", lambda a: a.goal.name, "Goal"),
        Field("aliases", lambda a: list(a.goal.aliases)),
        Field("tier", lambda a: a.tier.tier),
        Field("tier_max", lambda a: a.tier.tier),  # a computed tier is one number
        Field("tier_range", lambda a: str(a.tier.tier), "Tier"),
        Field("tier_label", lambda a: a.tier_label, "Evidence"),
        Field("tier_stated_range", lambda a: a.tier.stated_range, "Stated"),
        Field("summary", lambda a: a.goal.summary),
        Field("limitations", lambda a: list(a.goal.limitations)),
        Field("study_count", lambda a: len(a.studies), "Studies"),
        Field("human_study_count", lambda a: a.profile.human_studies, "Human"),
        Field("study_ids", lambda a: list(a.goal.studies)),
        Field("reported_study_counts", lambda a: dict(a.goal.reported_study_counts)),
        Field("strongest_design", lambda a: a.profile.strongest_design, "Strongest design"),
        Field("human_participants", lambda a: a.profile.human_participants, "Participants"),
        Field("people", lambda a: people(a.profile), "People"),
        Field("flag_codes", lambda a: [flag.code for flag in a.flags], "Flags"),
        Field("flag_summary", _flag_summary, "Flags"),
        Field("profile", lambda a: a.profile.as_dict()),
        Field("flags", lambda a: [flag.as_dict() for flag in a.flags]),
        Field("certainty", lambda a: a.certainty, "Certainty", absent="none"),
        Field("certainty_basis", lambda a: a.certainty_basis),
        Field("tier_stated", lambda a: a.tier.stated),
        Field("tier_stated_max", lambda a: a.tier.stated_max or a.tier.stated),
        Field("tier_stated_label", lambda a: a.stated_label, "Stated evidence"),
        Field("tier_computed", lambda a: a.tier.computed, "Computed tier"),
        Field("tier_rule", lambda a: a.tier.rule),
        Field("tier_why", lambda a: a.tier.why),
        Field("population", lambda a: a.goal.population, "Population"),
        Field("evidence_searched", lambda a: _searched(a.compound), "Searched"),
        Field("evidence_up_to", lambda a: _up_to(a.compound), "Published up to"),
    ],
    columns=(
        "name",
        "tier_range",
        "tier_label",
        "tier_stated_range",
        "study_count",
        "human_study_count",
        "flag_summary",
    ),
)


def _card(done: Appraisal) -> dict[str, object]:
    from peptide_cli.evidence.absence import card

    return card(done.compound, done.goal).as_dict()


GOAL_DETAIL = GOALS.extended(
    Field("absence", _card), Field("studies", lambda a: _studies_assessed(a))
)
"""A goal with what its evidence could not show, and every study behind it nested in full
(`show --json`)."""

COMPARE = GOALS.with_columns(
    (
        "name",
        "tier_range",
        "tier_label",
        "tier_stated_range",
        "study_count",
        "human_study_count",
        "flag_summary",
        "population",
    )
)
"""Goals side by side across compounds: with the population each one's evidence is about."""

AUDIT = GOALS.with_columns(
    (
        "name",
        "tier_range",
        "tier_stated_range",
        "certainty",
        "strongest_design",
        "people",
        "flag_codes",
    )
)


def note_kinds(study: Study, outcome: Outcome) -> list[str]:
    """The kinds of source note on a row's figure or its study, each once, in this order:
    departs, unconfirmed, adds, later."""
    kinds = {note.kind for note in (*study.source_notes, *outcome.source_notes)}
    return [kind for kind in ("departs", "unconfirmed", "adds", "later") if kind in kinds]


def document_says(study: Study, outcome: Outcome | None) -> str | None:
    """What the document gives where a row shows the publication's design, size or timepoint
    instead (`n 442-1879; design observational`), or None."""
    differences = []
    if study.size != (study.n, study.n_max) and study.n is not None:
        differences.append(f"n {fmt.span(study.n, study.n_max)}")
    if study.shown_design != study.design:
        differences.append(f"design {fmt.DESIGN_LABELS[study.design]}")
    if outcome and outcome.published_timepoint is not None and outcome.timepoint is not None:
        differences.append(f"when {fmt.timepoint(outcome.timepoint)}")
    return "; ".join(differences) or None


def _ci(row: OutcomeRow, part: str) -> Any:
    return None if row.outcome.ci is None else getattr(row.outcome.ci, part)


def _p(row: OutcomeRow, part: str) -> Any:
    return None if row.outcome.p is None else getattr(row.outcome.p, part)


OUTCOME_ROWS: RecordKind[OutcomeRow] = RecordKind(
    [
        Field("compound", lambda r: r.compound.id),
        Field("compound_name", lambda r: r.compound.name, "Compound"),
        Field("goal", lambda r: r.goal.id),
        Field("goal_name", lambda r: r.goal.name, "Goal"),
        Field("study", lambda r: r.study.id),
        Field("study_label", lambda r: r.study.label, "Study"),
        Field("design", lambda r: r.study.shown_design, "Design"),
        Field("analysis", lambda r: r.study.analysis),
        Field("species", lambda r: r.study.species, "Species"),
        Field("population", lambda r: r.study.population),
        Field("n", lambda r: r.study.size[0]),
        Field("n_max", lambda r: r.study.size[1]),
        Field("n_range", lambda r: fmt.sample_size(r.study), "n"),
        Field("trials", lambda r: r.study.trials),
        Field("measure", lambda r: r.outcome.measure, "Measure"),
        Field("measure_name", lambda r: r.outcome.measure_name),
        Field("effect_type", lambda r: r.outcome.effect_type, "Effect"),
        Field("value", lambda r: r.outcome.value),
        Field("value_relation", lambda r: r.outcome.value_relation),
        Field("unit", lambda r: r.outcome.unit),
        Field("result", lambda r: fmt.result(r.outcome), "Result"),
        Field("ci_low", lambda r: _ci(r, "low")),
        Field("ci_high", lambda r: _ci(r, "high")),
        Field("ci_level", lambda r: _ci(r, "level")),
        Field("ci", lambda r: fmt.interval(r.outcome.ci, r.outcome.decimals), "CI"),
        Field("p_relation", lambda r: _p(r, "relation")),
        Field("p_value", lambda r: _p(r, "value")),
        Field("p", lambda r: fmt.p_value(r.outcome.p)),
        Field("better", lambda r: r.outcome.better),
        Field("timepoint", lambda r: fmt.timepoint(r.outcome.when), "When"),
        Field("finding", lambda r: r.outcome.finding),
        Field("note", lambda r: r.outcome.note),
        Field("source_notes", lambda r: note_kinds(r.study, r.outcome), "Notes"),
        Field("document_says", lambda r: document_says(r.study, r.outcome)),
        Field("certainty", lambda r: r.certainty.level, "Certainty"),
        Field("certainty_reasons", lambda r: [x.as_dict() for x in r.certainty.downgrades]),
        Field("reading", lambda r: r.reading.text),
        Field("reading_detail", lambda r: r.reading.as_dict()),
        Field("certainty_detail", lambda r: r.certainty.as_dict()),
        Field("counts", lambda r: r.study.counts),  # false: about another molecule, route ...
        Field("quote", lambda r: r.outcome.quote, "Quote"),
        Field("quote_url", lambda r: r.outcome.url),
        Field("quote_grade", lambda r: r.outcome.grade),
    ],
    columns=(
        "goal_name",
        "study_label",
        "design",
        "species",
        "n_range",
        "measure",
        "effect_type",
        "result",
        "ci",
        "p",
        "timepoint",
        "certainty",
        "source_notes",
    ),
)


def snippet(text: str, query: str, around: int = 30) -> str:
    """TEXT cut to the match of QUERY (as search matches: `fold`) with AROUND characters
    either side. A folded character may spell longer (± as +/-), so the cut can fall a few
    characters off the match; it always keeps whole words."""
    from peptide_cli.vocabulary import fold

    at = min(fold(text).find(fold(query).strip()), len(text))
    if at < 0 or len(text) <= 2 * around + len(query):
        return text
    start = text.rfind(" ", 0, max(0, at - around)) + 1  # whole words only
    end = text.find(" ", at + len(query) + around)
    end = len(text) if end < 0 else end
    return f"{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}"


HITS: RecordKind[tuple[Hit, str]] = RecordKind(
    [
        Field("compound", lambda found: found[0].compound.id),
        Field("compound_name", lambda found: found[0].compound.name, "Compound"),
        Field("kind", lambda found: found[0].kind, "Kind"),
        Field("id", lambda found: found[0].id),
        Field("name", lambda found: found[0].name, "Name"),
        Field("field", lambda found: found[0].field, "Field"),
        Field("text", lambda found: found[0].text),
        Field("snippet", lambda found: snippet(found[0].text, found[1]), "Match"),
    ],
    columns=("kind", "name", "field", "snippet"),
)
"""A search hit, with the query it answers: where it matched, the whole text, and a short
snippet around the match."""


class CompoundSummary:
    """A compound with its goals' appraisals, for the `compounds` listing."""

    __slots__ = ("appraisals", "compound")

    def __init__(self, compound: Compound, appraisals: list[Appraisal]) -> None:
        self.compound = compound
        self.appraisals = appraisals


def _regulatory_brief(compound: Compound) -> str:
    """Each status in effect today, in a few words, with the day it is as of."""
    from datetime import date

    from peptide_cli.evidence.regulatory import status_on

    today = date.today()
    parts = []
    for track in status_on(compound, today):
        entry = track.current
        if entry is None:
            parts.append(f"{track.name}: only reported events")
            continue
        when = f" {entry.date}" if entry.date else ""
        doubt = " (possibly out of date)" if track.possibly_out_of_date else ""
        parts.append(f"{entry.body}: {entry.kind.replace('-', ' ')}{when}{doubt}")
    if not parts:
        return ""
    return "; ".join(parts) + f" (as of {today.isoformat()})"


def _checked(compound: Compound) -> str | None:
    from datetime import date

    from peptide_cli.evidence.regulatory import checked_on

    return checked_on(compound, date.today())


COMPOUNDS: RecordKind[CompoundSummary] = RecordKind(
    [
        Field("id", lambda c: c.compound.id),
        Field("name", lambda c: c.compound.name, "Compound"),
        Field("kind", lambda c: c.compound.kind, "Kind"),
        Field("routes", lambda c: list(c.compound.administration.routes), "Route"),
        Field("goal_count", lambda c: len(c.compound.goals), "Goals"),
        Field("study_count", lambda c: len(c.compound.studies), "Studies"),
        Field("regulatory", lambda c: _regulatory_brief(c.compound), "Regulatory"),
        Field(
            "top_tier",
            lambda c: max((a.tier.tier for a in c.appraisals), default=None),
            "Top tier",
        ),
        Field("regulatory_entries", lambda c: [plain(entry) for entry in c.compound.regulatory]),
        Field("regulatory_checked", lambda c: _checked(c.compound), "Checked"),
        Field("evidence_searched", lambda c: _searched(c.compound), "Searched"),
        Field("evidence", lambda c: evidence_note(c.compound), "Evidence"),
    ],
    columns=(
        "name",
        "kind",
        "routes",
        "goal_count",
        "study_count",
        "top_tier",
        "regulatory",
        "evidence",
    ),
)


def compound_object(compound: Compound) -> dict[str, Any]:
    """The compound's overview: what it is, how it is given, its preparations and mechanisms."""
    left_out = ("goals", "studies", "publications")  # listed by other commands
    obj = {
        name: plain(getattr(compound, name))
        for name in compound.__dataclass_fields__
        if name not in left_out
    }
    for preparation, dumped in zip(compound.preparations, obj["preparations"], strict=True):
        dumped["mg_per_ml"] = preparation.mg_per_ml
        dumped["mg_per_ml_derivation"] = (
            f"{fmt.number(preparation.peptide_mg)} mg / {fmt.number(preparation.volume_ml)} mL, "
            "computed by this tool; no source states it"
        )
    obj["goal_ids"] = [goal.id for goal in compound.goals]
    return obj


CHANGES: RecordKind[Dated] = RecordKind(
    [
        Field("version", lambda d: d.release.version, "Version"),
        Field("date", lambda d: d.release.date, "Date"),
        Field("kind", lambda d: d.change.kind, "Change"),
        Field("practice_changing", lambda d: d.change.practice_changing, "Practice"),
        Field("compound", lambda d: d.change.compound, "Compound"),
        Field("goal", lambda d: d.change.goal, "Goal"),
        Field("study", lambda d: d.change.study, "Study"),
        Field("figure", lambda d: d.change.figure, "Figure"),
        Field("old", lambda d: d.change.old, "Was"),
        Field("new", lambda d: d.change.new, "Now"),
        Field("summary", lambda d: d.change.summary, "What changed"),
        Field("source", lambda d: d.change.source, "Source"),
    ],
    columns=("kind", "summary", "source", "version"),
)
"""A change of a data release (`whats-new`)."""


CANDIDATES: RecordKind[dict[str, Any]] = RecordKind(
    [
        Field("key", lambda c: c["key"]),
        Field("kind", lambda c: c["kind"], "Candidate"),
        Field("compound", lambda c: c["compound"], "Compound"),
        Field("about", lambda c: c["about"], "About"),
        Field("found", lambda c: c["found"], "Found"),
        Field("where", lambda c: c["where"], "Where"),
        Field("why", lambda c: c["why"], "Why"),
        Field("seen", lambda c: c["seen"], "Seen"),
    ],
    columns=("kind", "found", "where", "compound"),
)
"""A candidate for review that `update` found."""
