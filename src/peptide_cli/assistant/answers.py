"""The answers the MCP server's tools give, as JSON-ready values: built from the same evidence
API and the same declared records as the command line's JSON, so the two never disagree.

Answers are compact by default, since an assistant's context is small: the keys a model needs to
answer and cite. `detail=True` gives the command line's full JSON record as well. Every figure
carries its study id, its publication id and its certainty; every goal carries its flags and a
sentence on what the evidence does not show.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal, NotRequired

# pydantic, which derives each tool's output schema, needs this TypedDict before Python 3.12
from typing_extensions import TypedDict

from peptide_cli import evidence
from peptide_cli.render import records

if TYPE_CHECKING:
    from peptide_cli.catalog.history import Changelog
    from peptide_cli.catalog.models import Catalog

CitationFormat = Literal["text", "bibtex", "ris", "csl-json"]

GOAL_KEYS = (
    "compound",
    "id",
    "name",
    "tier",
    "tier_max",
    "tier_label",
    "tier_stated",
    "tier_stated_label",
    "tier_computed",
    "certainty",
    "study_count",
    "human_study_count",
    "flag_codes",
)


class Figure(TypedDict):
    """One outcome's figures, with where they come from and how certain they are."""

    study: str
    publication: str | None
    study_label: str
    design: str
    species: str | None
    n: int | None
    measure: str
    effect_type: str
    value: float | None
    unit: str | None
    result: str
    ci_low: float | None
    ci_high: float | None
    ci_level: float | None
    p: str
    timepoint: str
    certainty: str | None  # None for a descriptive row (change within groups): not rated
    reading: str
    counts: bool  # false: its study is about another molecule, route or product, not counted
    quote: str | None  # the sentence of its source that states the figures, where recorded
    quote_url: str | None
    quote_grade: str | None  # A a regulator's or journal's page, B a faithful copy, C news


# the figures' keys that are an outcome row's own (as `studies --json` gives them)
FIGURE_KEYS = tuple(key for key in Figure.__annotations__ if key != "publication")


class FlagAnswer(TypedDict):
    code: str
    severity: str
    reason: str


class GoalAnswer(TypedDict):
    """A goal: its tiers, certainty, flags, what the evidence does not show, and its figures."""

    compound: str
    id: str
    name: str
    tier: int  # computed by the tier rules: the tier shown everywhere
    tier_max: int | None
    tier_label: str
    tier_stated: int | None  # the tier a source states, beside it (the lower end of a range)
    tier_stated_label: str | None
    tier_computed: int
    tier_rule: str
    certainty: str | None
    population: str | None
    summary: str
    limitations: list[str]
    flags: list[FlagAnswer]
    not_shown: str
    limits: list[str]  # what the evidence could not show: people randomised, follow-up, sponsors
    figures: list[Figure]
    detail: NotRequired[dict[str, Any]]


class GoalList(TypedDict):
    goals: list[dict[str, Any]]


class CompoundList(TypedDict):
    compounds: list[dict[str, Any]]


class SearchAnswer(TypedDict):
    hits: list[dict[str, Any]]


class CitationAnswer(TypedDict):
    format: str
    text: NotRequired[str]
    items: NotRequired[list[dict[str, Any]]]
    unsourced: list[str]


class TierScale(TypedDict):
    tiers: list[dict[str, Any]]
    rules: str


def compounds(catalog: Catalog) -> CompoundList:
    """Every compound, as `peptide-cli compounds --json` gives it."""
    return {
        "compounds": [
            records.COMPOUNDS.record(
                records.CompoundSummary(
                    compound,
                    [evidence.appraise(catalog, e) for e in evidence.entries(catalog, compound)],
                )
            )
            for compound in catalog.compounds
        ]
    }


def goals(
    catalog: Catalog,
    compound: str | None = None,
    min_tier: int | None = None,
    max_tier: int | None = None,
    detail: bool = False,
) -> GoalList:
    """The goals, as `peptide-cli filter --json` gives them; compact unless DETAIL."""
    chosen = evidence.chosen_compound(catalog, compound)
    found = evidence.filter_by_tier(catalog, min_tier, max_tier, chosen)
    listed = [records.GOALS.record(done) for done in found]
    if not detail:
        listed = [{key: goal[key] for key in GOAL_KEYS} for goal in listed]
    return {"goals": listed}


def goal(
    catalog: Catalog, name: str, compound: str | None = None, detail: bool = False
) -> GoalAnswer:
    """One goal with every figure behind it; with DETAIL, `show --json`'s record as well."""
    chosen = evidence.chosen_compound(catalog, compound)
    entry = evidence.find_goal(catalog, name, chosen)
    appraised = evidence.appraise(catalog, entry)
    shown = records.GOAL_DETAIL.record(appraised)
    figures: list[Figure] = []
    for assessed in appraised.outcomes:  # assessed once, by the appraisal
        row = evidence.OutcomeRow(entry.compound, entry.goal, *assessed)
        record = records.OUTCOME_ROWS.record(row)
        figure = {key: record[key] for key in FIGURE_KEYS}
        figure["publication"] = assessed.study.publication
        figures.append(figure)  # type: ignore[arg-type]  # the keys of Figure
    answer: GoalAnswer = {
        "compound": entry.compound.id,
        "id": entry.goal.id,
        "name": entry.goal.name,
        "tier": shown["tier"],
        "tier_max": shown["tier_max"],
        "tier_label": shown["tier_label"],
        "tier_stated": shown["tier_stated"],
        "tier_stated_label": shown["tier_stated_label"],
        "tier_computed": shown["tier_computed"],
        "tier_rule": shown["tier_rule"],
        "certainty": shown["certainty"],
        "population": entry.goal.population,
        "summary": entry.goal.summary,
        "limitations": list(entry.goal.limitations),
        "flags": [
            {"code": flag.code, "severity": flag.severity, "reason": flag.reason}
            for flag in appraised.flags
        ],
        "not_shown": evidence.not_shown(appraised),
        "limits": shown["absence"]["statements"],
        "figures": figures,
    }
    if detail:
        answer["detail"] = shown
    return answer


def search(catalog: Catalog, text: str, compound: str | None = None) -> SearchAnswer:
    """Every place TEXT occurs, as `peptide-cli search --json` gives them."""
    chosen = evidence.chosen_compound(catalog, compound)
    return {
        "hits": [records.HITS.record((hit, text)) for hit in evidence.search(catalog, text, chosen)]
    }


def citations(
    catalog: Catalog,
    name: str | None = None,
    compound: str | None = None,
    form: CitationFormat = "text",
) -> CitationAnswer:
    """The publications behind a goal (or every goal), as `peptide-cli cite --format` gives them."""
    from peptide_cli.render import references

    chosen = evidence.chosen_compound(catalog, compound)
    publications, unsourced = evidence.for_entries(evidence.entries_for(catalog, name, chosen))
    answer: CitationAnswer = {
        "format": form,
        "unsourced": [f"{c.id}/{study.id}" for c, study in unsourced],
    }
    if form == "csl-json":
        answer["items"] = references.data(form, publications, unsourced)
    else:
        answer["text"] = references.written(form, publications, unsourced)
    return answer


def explain(
    catalog: Catalog,
    name: str,
    compound: str | None = None,
    study: str | None = None,
    measure: str | None = None,
) -> dict[str, Any]:
    """The working behind each outcome's certainty, as `peptide-cli explain --json` gives it."""
    from peptide_cli.render import explain as working

    chosen = evidence.chosen_compound(catalog, compound)
    appraised = evidence.appraise(catalog, evidence.find_goal(catalog, name, chosen))
    return working.record(appraised, evidence.select_outcomes(appraised, study, measure))


def status(catalog: Catalog, compound: str, as_of: str | None = None) -> dict[str, Any]:
    """COMPOUND's regulatory status on a day (AS_OF, YYYY-MM-DD; default today) and its
    timeline, as `peptide-cli status --json` gives it."""
    from datetime import date

    from peptide_cli.errors import UsageProblem
    from peptide_cli.render import regulatory

    today = date.today()
    try:
        on = today if as_of is None else date.fromisoformat(as_of)
    except ValueError:
        raise UsageProblem(f"{as_of!r} is not a date such as 2026-05-01") from None
    chosen = evidence.the_compound(catalog, evidence.chosen_compound(catalog, compound))
    return regulatory.record(chosen, on, today)


def check(catalog: Catalog, claim: str) -> dict[str, Any]:
    """A verdict on CLAIM, as `peptide-cli check --json` gives it."""
    from peptide_cli.render import check as shown

    return shown.record(evidence.check_claim(catalog, claim))


def whats_new(
    catalog: Catalog,
    changelog: Changelog | None,
    since: str | None = None,
    compound: str | None = None,
    practice_changing: bool = False,
) -> dict[str, Any]:
    """The changes of the data releases, as `peptide-cli whats-new --json` gives them."""
    from peptide_cli.errors import NotFoundError
    from peptide_cli.evidence.changes import since as changes_since
    from peptide_cli.render.records import CHANGES

    if changelog is None:
        raise NotFoundError("this catalog has no changelog of its data releases")
    chosen = evidence.chosen_compound(catalog, compound)
    found = changes_since(changelog, since, chosen.id if chosen else None, practice_changing)
    return {"changes": [CHANGES.record(change) for change in found]}


def tier_scale(catalog: Catalog) -> TierScale:
    """The catalog's tier scale, and the rules for tiers, certainty and flags in words."""
    from peptide_cli.catalog.models import plain

    return {"tiers": [plain(tier) for tier in catalog.tier_scale], "rules": rules()}


RULE_SECTIONS = ("Certainty and plain readings", "Computed tiers")


def rules() -> str:
    """The README's sections on certainty and computed tiers, from the installed package's
    metadata (the README is its long description), so the rules are written down once."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        readme = metadata("peptide-cli").get_payload() or ""  # type: ignore[attr-defined]
    except PackageNotFoundError:
        return ""
    sections = re.split(r"(?m)^## ", str(readme))
    kept = [s for s in sections if s.split("\n", 1)[0].strip() in RULE_SECTIONS]
    return "\n".join("## " + section.strip() + "\n" for section in kept)
