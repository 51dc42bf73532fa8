"""Checks a claims file needs beyond its types: references, unique ids, tiers on the scale.

Each check yields a Finding: where in the file (a location path), what is wrong in plain words,
and whether it is an error or only a warning. The loader turns findings into problems with file,
line and column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from peptide_cli.catalog.names import normalize
from peptide_cli.catalog.problems import TYPED
from peptide_cli.catalog.quotes import unquoted

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pydantic import ValidationError

    from peptide_cli.catalog.models import ClaimsFile, Compound, Goal, Notice, NoticeSnapshot, Study
    from peptide_cli.catalog.problems import Location, Severity


class Finding(NamedTuple):
    """One problem a check found: where, what, how grave, and whether to point at the key."""

    location: Location
    message: str
    severity: Severity = "error"
    at_key: bool = False  # point at the key of the location's last step, not at its value


MAX_SUGGESTIONS = 20
"""Only the first this many unknown names in a file get a "did you mean" (each is a search of
every known name, and a file may have thousands of them)."""


class _Names:
    """Known names of one kind: a set to test membership, a list to suggest the closest from,
    and a shared budget of suggestions."""

    def __init__(self, kind: str, names: list[str], budget: list[int]) -> None:
        self.kind, self.names, self.known, self.budget = kind, names, set(names), budget

    def __contains__(self, name: object) -> bool:
        return name in self.known

    def unknown(self, name: str) -> str:
        close = []
        if self.budget[0] > 0:
            self.budget[0] -= 1
            from difflib import get_close_matches  # only for a name that is not known

            close = get_close_matches(name, self.names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        plural = "studies" if self.kind == "study" else f"{self.kind}s"
        return f"{self.kind} {name!r} is not defined in this compound's {plural}{hint}"


def check_file(claims: ClaimsFile, scale: list[int]) -> Iterator[Finding]:
    """Everything wrong with one structurally valid file, given the catalog's tier scale.

    Every check is linear in the size of the file."""
    budget = [MAX_SUGGESTIONS]
    if claims.tier_scale is not None:
        yield from _duplicates(
            ("tier_scale",), [str(tier.tier) for tier in claims.tier_scale], "tier", "tier"
        )
    yield from _duplicates(("compounds",), [c.id for c in claims.compounds], "compound", "id")
    yield from _duplicates(("mcids",), [m.id for m in claims.mcids], "MCID", "id")
    for m, mcid in enumerate(claims.mcids):
        if mcid.high is not None and mcid.high < mcid.low:
            yield Finding(("mcids", m, "high"), f"{mcid.high:g} is below low {mcid.low:g}")
    for index, compound in enumerate(claims.compounds):
        yield from _check_compound(("compounds", index), compound, scale, budget)


def _named_studies(goal: Goal) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """Each study a goal names outside its `studies`: where it is named, its id, and whether
    the id is a key (a problem is then placed at the key, not its value)."""
    for field in ("indirect", "surrogates", "differs"):
        for study_id in getattr(goal, field):
            yield (field, study_id), study_id, True
    for name in ("largest_trial", "latest_review"):
        study_id = getattr(goal.search, name) if goal.search is not None else None
        if study_id is not None:
            yield ("search", name), study_id, False


def _check_critical(at: Location, studies: dict[str, Study], goal: Goal) -> Iterator[Finding]:
    """Each outcome a goal marks critical must be one of its outcomes: a measure or a body
    of a result of one of its studies, or a harm one of them reports (STUDIES: the compound's,
    by id)."""
    if not goal.critical:
        return
    known = [studies[study_id] for study_id in goal.studies if study_id in studies]
    outcomes = {outcome.body or outcome.measure for s in known for outcome in goal.outcomes_of(s)}
    outcomes |= {harm.name for s in known for harm in s.harms}
    for c, name in enumerate(goal.critical):
        if name not in outcomes:
            names = sorted(outcomes)
            shown = ", ".join(map(repr, names[:5])) + (", ..." if len(names) > 5 else "")
            message = (
                f"{name!r} is not an outcome of this goal's studies (they have: {shown or 'none'})"
            )
            yield Finding((*at, "critical", c), message)


def _check_compound(
    at: Location, compound: Compound, scale: list[int], budget: list[int]
) -> Iterator[Finding]:
    yield from _duplicates((*at, "goals"), [g.id for g in compound.goals], "goal", "id")
    yield from _duplicates((*at, "studies"), [s.id for s in compound.studies], "study", "id")
    yield from _duplicates(
        (*at, "mechanisms"), [m.id for m in compound.mechanisms], "mechanism", "id"
    )
    publication_ids = [p.id for p in compound.publications]
    yield from _duplicates((*at, "publications"), publication_ids, "publication", "id")
    yield from _check_goal_names(at, compound)

    known = _Names("study", [study.id for study in compound.studies], budget)
    by_id = {study.id: study for study in compound.studies}
    publications = _Names("publication", publication_ids, budget)
    used: set[str] = set()
    shown_scale = ", ".join(map(str, scale))
    for g, goal in enumerate(compound.goals):
        here = (*at, "goals", g)
        for field, tier in (("tier", goal.tier), ("tier_max", goal.tier_max)):
            if tier is not None and tier not in scale:
                yield Finding((*here, field), f"{tier} is not on the tier scale ({shown_scale})")
        if goal.tier_max is not None and goal.tier is None:
            yield Finding((*here, "tier_max"), "tier_max needs a tier no greater than it")
        elif goal.tier_max is not None and goal.tier is not None and goal.tier_max < goal.tier:
            yield Finding(
                (*here, "tier_max"), f"{goal.tier_max} is below the goal's tier {goal.tier}"
            )
        for s, study_id in enumerate(goal.studies):
            used.add(study_id)
            if study_id not in known:
                yield Finding((*here, "studies", s), known.unknown(study_id))
        for where, study_id, at_key in _named_studies(goal):
            if study_id not in goal.studies:
                message = f"study {study_id!r} is not one of this goal's studies"
                yield Finding((*here, *where), message, at_key=at_key)
        for study_id in goal.differs:
            if study_id not in goal.indirect:
                message = f"study {study_id!r} needs its reason in the goal's `indirect` too"
                yield Finding((*here, "differs", study_id), message, at_key=True)
        yield from _check_critical(here, by_id, goal)

    for s, study in enumerate(compound.studies):
        here = (*at, "studies", s)
        if study.n_max is not None and (study.n is None or study.n_max < study.n):
            yield Finding((*here, "n_max"), "n_max needs an n no greater than it")
        if study.based_on is not None:
            used.add(study.based_on)
            if study.based_on not in known:
                yield Finding((*here, "based_on"), known.unknown(study.based_on))
        for o, other in enumerate(study.overlaps):
            if other not in known:
                yield Finding((*here, "overlaps", o), known.unknown(other))
        if study.publication is not None and study.publication not in publications:
            yield Finding((*here, "publication"), publications.unknown(study.publication))
        probable = study.probable_publication
        if probable is not None and probable not in publications:
            yield Finding((*here, "probable_publication"), publications.unknown(probable))
        if probable is not None and study.publication is not None:
            yield Finding(
                (*here, "probable_publication"),
                "a study with a confirmed publication has no probable one",
            )
        shown = study.published
        if (
            shown is not None
            and shown.n_max is not None
            and (shown.n is None or shown.n_max < shown.n)
        ):
            yield Finding((*here, "published", "n_max"), "n_max needs an n no greater than it")
        yield from _check_notes((*here, "source_notes"), study.source_notes, publications)
        yield from _check_quote(here, study)
        for h, harm in enumerate(study.harms):
            yield from _check_quote((*here, "harms", h), harm)
            if harm.publication is not None and harm.publication not in publications:
                yield Finding(
                    (*here, "harms", h, "publication"), publications.unknown(harm.publication)
                )
        blocked = _blocked(compound, study)
        for o, outcome in enumerate(study.outcomes):
            yield from _check_outcome((*here, "outcomes", o), outcome)
            yield from _check_quote((*here, "outcomes", o), outcome)
            if outcome.measure in blocked and (outcome.value is not None or outcome.ci):
                yield Finding(
                    (*here, "outcomes", o, "value"),
                    f"a correction to {blocked[outcome.measure]!r} that has not been read "
                    "blocks this figure: leave it out until the correction is read",
                )
            notes = outcome.source_notes
            yield from _check_notes((*here, "outcomes", o, "source_notes"), notes, publications)
    for s, study in enumerate(compound.studies):
        if study.id not in used:
            yield Finding(
                (*at, "studies", s, "id"),
                f"no goal refers to study {study.id!r}",
                severity="warning",
            )


def _check_quote(at: Location, record: Any) -> Iterator[Finding]:
    """Every figure of a record with a quote must be written in it (the quote rule)."""
    for path, value in unquoted(record):
        yield Finding((*at, *path), f"{value:g} is not in its quote")


def _blocked(compound: Compound, study: Any) -> dict[str, str]:
    """The measures of STUDY that an unread correction to its publication may change."""
    if study.publication is None:
        return {}
    publication = next((p for p in compound.publications if p.id == study.publication), None)
    if publication is None:
        return {}
    return {
        measure: publication.id
        for correction in publication.corrections
        if not correction.read
        for measure in correction.affects
    }


def _check_goal_names(at: Location, compound: Compound) -> Iterator[Finding]:
    """No id, name or alias may name two goals of one compound."""
    owner: dict[str, str] = {}  # normalized name -> id of the goal that has it
    for g, goal in enumerate(compound.goals):
        here = (*at, "goals", g)
        given = [((*here, "id"), goal.id), ((*here, "name"), goal.name)]
        given += [((*here, "aliases", a), alias) for a, alias in enumerate(goal.aliases)]
        for location, text in given:
            other = owner.get(normalize(text))
            if other is not None and other != goal.id:
                yield Finding(location, f"{text!r} also names goal {other!r}")
        for _, text in given:
            owner.setdefault(normalize(text), goal.id)


def _check_notes(at: Location, notes: list[Any], known: _Names) -> Iterator[Finding]:
    for n, note in enumerate(notes):
        for p, publication in enumerate(note.publications):
            if publication not in known:
                yield Finding((*at, n, "publications", p), known.unknown(publication))
        for f, figure in enumerate(note.figures):
            here = (*at, n, "figures", f)
            if figure.publication not in known:
                yield Finding((*here, "publication"), known.unknown(figure.publication))
            yield from _check_outcome(here, figure)


def _check_outcome(at: Location, outcome: Any) -> Iterator[Finding]:
    """An outcome, or a published figure: its interval, percentages, timepoint and finding."""
    ci = outcome.ci
    if ci is not None and ci.low > ci.high:
        yield Finding((*at, "ci"), f"low end {ci.low:g} is above high end {ci.high:g}")
    if ci is not None:
        if outcome.value is None:
            yield Finding((*at, "ci"), "a confidence interval needs a point estimate in `value`")
        elif ci.low <= ci.high and not ci.low <= outcome.value <= ci.high:
            yield Finding(
                (*at, "ci"),
                f"the interval {ci.low:g} to {ci.high:g} excludes its own estimate "
                f"{outcome.value:g}",
            )
    if getattr(outcome, "effect_type", None) == "qualitative" and outcome.finding is None:
        yield Finding(at, "a qualitative outcome needs a `finding` saying what was found")
    point = getattr(outcome, "timepoint", None)
    if point is not None:
        if point.value is None and point.label is None:
            yield Finding((*at, "timepoint"), "a timepoint needs a value with a unit, or a label")
        elif (point.value is None) != (point.unit is None):
            yield Finding((*at, "timepoint"), "a timepoint value and its unit go together")
        elif point.value_max is not None and (point.value is None or point.value_max < point.value):
            yield Finding((*at, "timepoint", "value_max"), "value_max is below value")
    for a, arm in enumerate(getattr(outcome, "arms", ())):
        if (arm.events is None) != (arm.total is None):
            yield Finding((*at, "arms", a), "an arm's events and total go together")
        elif arm.events is not None and arm.total is not None and arm.events > arm.total:
            yield Finding(
                (*at, "arms", a, "events"), f"{arm.events} is more than total {arm.total}"
            )
    # A share is a percentage between 0 and 100; a percent change may be any size.
    if getattr(outcome, "unit", None) == "%" and outcome.effect_type != "percent-change":
        numbers = [((*at, "value"), outcome.value)]
        numbers += [((*at, "arms", a, "value"), arm.value) for a, arm in enumerate(outcome.arms)]
        for location, number in numbers:
            if number is not None and not 0 <= number <= 100:
                yield Finding(location, f"{number:g}% is not a percentage between 0 and 100")


def _duplicates(at: Location, ids: list[str], kind: str, field: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, item in enumerate(ids):
        if item in first:
            yield Finding(
                (*at, index, field),
                f"duplicate {kind} {item!r} (also {kind} number {first[item] + 1} in this list)",
            )
        first.setdefault(item, index)


# Plain words for pydantic's error types; anything else keeps pydantic's own message.
_MESSAGES = {
    "missing": "required but missing",
    "int_parsing": "{input!r} is not a whole number",
    "int_type": "{input!r} is not a whole number",
    "int_from_float": "{input!r} is not a whole number",
    "float_parsing": "{input!r} is not a number",
    "float_type": "{input!r} is not a number",
    "finite_number": "{input!r} is not a finite number",
    "string_type": "{input!r} is not text",
    "list_type": "should be a list",
    "dict_type": "should be a mapping of keys to values",
    "model_type": "should be a mapping of keys to values",
    "model_attributes_type": "should be a mapping of keys to values",
    "greater_than": "{input!r} is not greater than {gt}",
    "greater_than_equal": "{input!r} is less than {ge}",
    "less_than": "{input!r} is not less than {lt}",
    "less_than_equal": "{input!r} is more than {le}",
    "literal_error": "{input!r} is not one of {expected}",
    "enum": "{input!r} is not one of {expected}",
    "string_too_short": "is empty",
    "too_short": "needs at least {min_length} item(s)",
    "string_pattern_mismatch": (
        "{input!r} is not a valid id: use lower-case letters and digits, joined by single hyphens"
    ),
}


def _in_data(location: tuple[int | str, ...], data: Any) -> Location:
    """LOCATION without pydantic's own steps (`[key]`, `function-after[...]`): only real ones.

    A key the data lacks is kept when it is the last step: the problem is that it is missing.
    """
    kept: list[int | str] = []
    for step, part in enumerate(location):
        if isinstance(data, dict):
            found = part in data
        else:
            found = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if found:
            data = data[part]
            kept.append(part)
            continue
        if isinstance(data, dict) and isinstance(part, str) and step == len(location) - 1:
            kept.append(part)
        break
    return tuple(kept)


def _number(value: Any) -> Any:
    """Floats as written in a claims file: 1 rather than 1.0."""
    return _Shown(format(value, "g")) if isinstance(value, float) else value


class _Shown(str):
    """A number already formatted: shown bare even where the template asks for its repr."""

    def __repr__(self) -> str:
        return str(self)


def from_pydantic(error: ValidationError, data: Any, fields: set[str]) -> Iterator[Finding]:
    """Pydantic's errors on DATA as findings in plain words; FIELDS are every key it may have."""
    from difflib import get_close_matches

    suggestions = MAX_SUGGESTIONS
    for item in error.errors(include_url=False):
        location = _in_data(item["loc"], data)
        kind = item["type"]
        if kind in ("extra_forbidden", "unexpected_keyword_argument") and location:
            key = str(location[-1])
            suggestions -= 1
            close = get_close_matches(key, fields, n=1) if suggestions >= 0 else []
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Finding(location, f"unknown key {key!r}{hint}", at_key=True)
            continue
        template = _MESSAGES.get(kind)
        if template is None:
            message = item["msg"].removeprefix("Value error, ")
        else:
            context = {key: _number(value) for key, value in item.get("ctx", {}).items()}
            given = item.get("input")
            shown = _Shown(repr(given)) if kind.startswith("int") else _number(given)
            if given is None or isinstance(given, bool):  # YAML read `yes`, `off`, `~` ...
                shown = _Shown(TYPED)
            if hasattr(given, "isoformat"):  # YAML reads 2010-11-10 as a date
                shown = _Shown(f"{given.isoformat()} (read as a date: quote it)")
            message = template.format(input=shown, **context)
        yield Finding(location, message)


def notice_findings(
    compounds: list[Compound], snapshots: list[NoticeSnapshot]
) -> Iterator[Finding]:
    """Mark each study of COMPOUNDS whose publication has a notice, in the publication's own
    corrections or in a snapshot of SNAPSHOTS, and say so as a warning at the study: a
    retraction means it counts toward no tier or certainty (`Study.counts`); a correction or
    an expression of concern is shown with it. (The marks are set here, once, when a catalog
    is merged, and kept with it.)"""
    by_doi: dict[str, list[tuple[NoticeSnapshot, Notice]]] = {}
    by_pmid: dict[str, list[tuple[NoticeSnapshot, Notice]]] = {}
    for snapshot in snapshots:
        for notice in snapshot.notices:
            if notice.doi:
                by_doi.setdefault(notice.doi.casefold(), []).append((snapshot, notice))
            if notice.pmid:
                by_pmid.setdefault(notice.pmid, []).append((snapshot, notice))
    for c, compound in enumerate(compounds):
        publications = {p.id: p for p in compound.publications}
        for s, study in enumerate(compound.studies):
            # set afresh at each merge: a file kept in the cache may carry the last one's marks
            study.notices, study.retracted = [], False
            publication = publications.get(study.publication or "")
            if publication is None:
                continue
            said: list[tuple[str, str]] = [
                (
                    fix.kind,
                    f"its publication's {fix.kind.replace('-', ' ')} is recorded here"
                    + (f": {fix.note}" if fix.note else ""),
                )
                for fix in publication.corrections
                if fix.kind != "erratum"
            ]
            found = by_doi.get((publication.doi or "").casefold(), []) if publication.doi else []
            found += [f for f in by_pmid.get(publication.pmid or "", []) if f not in found]
            said += [
                (
                    notice.kind,
                    f"{notice.kind.replace('-', ' ')} notice {notice.notice} of "
                    f"{notice.date}, in {snapshot.source} as of {snapshot.taken}",
                )
                for snapshot, notice in found
            ]
            if not said:
                continue
            study.notices = [text for _, text in said]
            study.retracted = any(kind == "retraction" for kind, _ in said)
            if not (study.retracted or found):  # a correction recorded here: nothing new
                continue
            counts = "; it counts toward no tier or certainty" if study.retracted else ""
            message = f"study {study.id!r}: " + "; ".join(study.notices) + counts
            yield Finding(("compounds", c, "studies", s, "publication"), message, "warning")
