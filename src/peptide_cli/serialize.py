"""The JSON contract: goals, outcome rows, search hits and the compound as JSON-ready records.

Later versions may add keys to these records but never remove or rename one (see README). Each
kind of record also names its fields, and the few of them a table shows by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peptide_cli import formatting as fmt
from peptide_cli.models import plain

if TYPE_CHECKING:
    from peptide_cli.appraisal import Profile
    from peptide_cli.lookup import Entry, Hit, OutcomeRow
    from peptide_cli.models import Catalog, Compound, Study


@dataclass(frozen=True)
class RecordKind:
    """The fields of one kind of record, in order, and how a table shows them."""

    fields: tuple[str, ...]
    columns: tuple[str, ...]  # shown by table, plain and markdown unless --fields says otherwise
    titles: dict[str, str] = field(default_factory=dict)

    def title(self, name: str) -> str:
        return self.titles.get(name, name)


GOALS = RecordKind(
    fields=(
        "compound",
        "compound_name",
        "id",
        "name",
        "aliases",
        "tier",
        "tier_max",
        "tier_range",
        "tier_label",
        "summary",
        "limitations",
        "study_count",
        "human_study_count",
        "study_ids",
        "reported_study_counts",
        "strongest_design",
        "human_participants",
        "people",
        "flag_codes",
        "flag_summary",
        "profile",
        "flags",
    ),
    columns=(
        "name",
        "tier_range",
        "tier_label",
        "study_count",
        "human_study_count",
        "flag_summary",
    ),
    titles={
        "compound_name": "Compound",
        "name": "Goal",
        "tier_range": "Tier",
        "tier_label": "Evidence",
        "study_count": "Studies",
        "human_study_count": "Human",
        "strongest_design": "Strongest design",
        "human_participants": "Participants",
        "people": "People",
        "flag_codes": "Flags",
        "flag_summary": "Flags",
    },
)

AUDIT = RecordKind(
    fields=GOALS.fields,
    columns=("name", "tier_range", "strongest_design", "people", "flag_codes"),
    titles=GOALS.titles,
)

OUTCOME_ROWS = RecordKind(
    fields=(
        "compound",
        "compound_name",
        "goal",
        "goal_name",
        "study",
        "study_label",
        "design",
        "species",
        "population",
        "n",
        "n_max",
        "n_range",
        "trials",
        "measure",
        "measure_name",
        "effect_type",
        "value",
        "value_relation",
        "unit",
        "result",
        "ci_low",
        "ci_high",
        "ci_level",
        "ci",
        "p_relation",
        "p_value",
        "p",
        "better",
        "timepoint",
        "finding",
        "note",
    ),
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
    ),
    titles={
        "compound_name": "Compound",
        "goal_name": "Goal",
        "study_label": "Study",
        "design": "Design",
        "species": "Species",
        "n_range": "n",
        "measure": "Measure",
        "effect_type": "Effect",
        "result": "Result",
        "ci": "CI",
        "timepoint": "When",
    },
)

HITS = RecordKind(
    fields=("compound", "compound_name", "kind", "id", "name", "field", "text", "snippet"),
    columns=("kind", "name", "field", "snippet"),
    titles={
        "compound_name": "Compound",
        "kind": "Kind",
        "name": "Name",
        "field": "Field",
        "snippet": "Match",
    },
)


def goal_object(catalog: Catalog, entry: Entry, *, studies: bool = False) -> dict[str, Any]:
    """A goal as JSON; with STUDIES, every study behind it nested in full."""
    from peptide_cli import appraisal

    compound, goal = entry
    backing = compound.studies_of(goal)
    evidence = appraisal.profile(compound, goal)
    flags = appraisal.flags(compound, goal)
    obj: dict[str, Any] = {
        "compound": compound.id,
        "compound_name": compound.name,
        "id": goal.id,
        "name": goal.name,
        "aliases": list(goal.aliases),
        "tier": goal.tier,
        "tier_max": goal.upper_tier,
        "tier_range": fmt.tier(goal),
        "tier_label": catalog.tier_label(goal),
        "summary": goal.summary,
        "limitations": list(goal.limitations),
        "study_count": len(backing),
        "human_study_count": sum(study.species == "human" for study in backing),
        "study_ids": list(goal.studies),
        "reported_study_counts": dict(goal.reported_study_counts),
        "strongest_design": evidence.strongest_design,
        "human_participants": evidence.human_participants,
        "people": people(evidence),
        "flag_codes": [flag.code for flag in flags],
        "flag_summary": f"{len(flags)} ({flags[0].severity})" if flags else "",
        "profile": evidence.as_dict(),
        "flags": [flag.as_dict() for flag in flags],
    }
    if studies:
        obj["studies"] = [_study_object(compound, study) for study in backing]
    return obj


def people(evidence: Profile) -> str:
    """Human participants as shown: `597`, `581+` for a lower bound, `unknown` for no count."""
    if evidence.human_participants is None:
        return "unknown"
    plus = "+" if evidence.human_participants_at_least else ""
    return f"{evidence.human_participants}{plus}"


def _study_object(compound: Compound, study: Study) -> dict[str, Any]:
    """A study in full, with its publication written out and the source status named."""
    obj = plain(study)
    obj["source_status"] = source_status(study)
    obj["publication"] = (
        None if study.publication is None else plain(compound.publication(study.publication))
    )
    return obj


def source_status(study: Study) -> str:
    """`confirmed`, `not found` (looked for, none found) or `not checked`."""
    if study.publication is not None:
        return "confirmed"
    return "not found" if study.searched else "not checked"


def outcome_row(row: OutcomeRow) -> dict[str, Any]:
    """One outcome, flat: the goal, the study and the outcome's figures in one record."""
    compound, goal, study, outcome = row
    ci, p = outcome.ci, outcome.p
    return {
        "compound": compound.id,
        "compound_name": compound.name,
        "goal": goal.id,
        "goal_name": goal.name,
        "study": study.id,
        "study_label": study.label,
        "design": study.design,
        "species": study.species,
        "population": study.population,
        "n": study.n,
        "n_max": study.n_max,
        "n_range": fmt.sample_size(study),
        "trials": study.trials,
        "measure": outcome.measure,
        "measure_name": outcome.measure_name,
        "effect_type": outcome.effect_type,
        "value": outcome.value,
        "value_relation": outcome.value_relation,
        "unit": outcome.unit,
        "result": fmt.result(outcome),
        "ci_low": ci.low if ci else None,
        "ci_high": ci.high if ci else None,
        "ci_level": ci.level if ci else None,
        "ci": fmt.interval(ci),
        "p_relation": p.relation if p else None,
        "p_value": p.value if p else None,
        "p": fmt.p_value(p),
        "better": outcome.better,
        "timepoint": fmt.timepoint(outcome.timepoint),
        "finding": outcome.finding,
        "note": outcome.note,
    }


def hit_object(hit: Hit, query: str) -> dict[str, Any]:
    """A search hit: where it matched, the whole text, and a short snippet around the match."""
    return {
        "compound": hit.compound.id,
        "compound_name": hit.compound.name,
        "kind": hit.kind,
        "id": hit.id,
        "name": hit.name,
        "field": hit.field,
        "text": hit.text,
        "snippet": snippet(hit.text, query),
    }


def snippet(text: str, query: str, around: int = 30) -> str:
    """TEXT cut to the match of QUERY with AROUND characters either side."""
    at = text.casefold().find(query.casefold().strip())
    if at < 0 or len(text) <= 2 * around + len(query):
        return text
    start = text.rfind(" ", 0, max(0, at - around)) + 1  # whole words only
    end = text.find(" ", at + len(query) + around)
    end = len(text) if end < 0 else end
    return f"{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}"


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
    obj["goal_ids"] = [goal.id for goal in compound.goals]
    return obj
