"""Finding goals and compounds of a catalog by name (see `finding`), and selecting from it:
goals by tier, the outcomes of studies, the places some text occurs, and the catalog's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from peptide_cli.errors import AmbiguousError, CompoundNeeded, NotFoundError, UsageProblem
from peptide_cli.evidence.finding import compound_in, goal_in
from peptide_cli.vocabulary import fold

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from peptide_cli.catalog.models import Catalog, Compound, Goal, Outcome, Study
    from peptide_cli.evidence.certainty import Certainty, Reading


class Entry(NamedTuple):
    """A goal together with the compound whose evidence it describes."""

    compound: Compound
    goal: Goal


def entries(catalog: Catalog, compound: Compound | None = None) -> list[Entry]:
    """Every goal of the catalog (or of one COMPOUND), in file order."""
    return list(each_entry(catalog, compound))


def each_entry(catalog: Catalog, compound: Compound | None = None) -> Iterator[Entry]:
    """As `entries`, one at a time: a compound is let go once its goals have been given (a
    catalog read from the cache then holds only the compounds still in use)."""
    for owner in catalog.compounds if compound is None else [compound]:
        for goal in owner.goals:
            yield Entry(owner, goal)


def entries_for(
    catalog: Catalog, goals: str | Iterable[str] | None = None, compound: Compound | None = None
) -> list[Entry]:
    """The goal GOALS names, or the goals it names, each found as by `find_goal` (in COMPOUND,
    if given) and listed once, in the order first named; when it names none, every goal of
    COMPOUND, or of the catalog. The goals a front-end cites or reports on."""
    names = [goals] if isinstance(goals, str) else goals or ()
    found = [find_goal(catalog, name, compound) for name in names]
    if not found:
        return entries(catalog, compound)
    return list({(entry.compound.id, entry.goal.id): entry for entry in found}.values())


def the_compound(catalog: Catalog, compound: Compound | None) -> Compound:
    """COMPOUND, or the catalog's only one. Raises NotFoundError when there are none, and
    CompoundNeeded when there are several to choose from."""
    if compound is not None:
        return compound
    if len(catalog.compounds) == 1:
        return catalog.compounds[0]
    if not catalog.compounds:
        raise NotFoundError("the catalog has no compounds")
    listed = ", ".join(f"{c.name} ({c.id})" for c in catalog.compounds)
    ids = tuple(c.id for c in catalog.compounds)
    raise CompoundNeeded(f"the catalog has several compounds: {listed}", ids)


def chosen_compound(catalog: Catalog, query: str | None) -> Compound | None:
    """The compound QUERY names (see `find_compound`), or None when no QUERY is given: the
    optional choice of compound every front-end offers."""
    return None if query is None else find_compound(catalog, query)


def find_compound(catalog: Catalog, query: str) -> Compound:
    """The one compound QUERY names (see `compound_in`)."""
    return compound_in(catalog.compounds, query)


def find_goal(catalog: Catalog, query: str, compound: Compound | None = None) -> Entry:
    """The one goal that QUERY names, in COMPOUND or in any compound (see `goal_in`)."""
    owner, at = goal_in(catalog.compounds, query, compound)
    return Entry(owner, owner.goals[at])


def goal_names(catalog: Catalog, prefix: str) -> dict[str, str]:
    """The goal ids and aliases that begin with PREFIX (ignoring case), each with its goal's name:
    what a shell completes a goal from."""
    typed = prefix.casefold()
    offered: dict[str, str] = {}
    for compound in catalog.compounds:
        for goal in compound.goals:
            for name in (goal.id, *goal.aliases):
                if name.casefold().startswith(typed):
                    offered.setdefault(name, goal.name)
    return offered


def compare(catalog: Catalog, query: str, compound: Compound | None = None) -> list[Entry]:
    """The goal QUERY names, in every compound that has it (or in COMPOUND only), in file order."""
    if compound is not None:
        return [find_goal(catalog, query, compound)]
    found = []
    for compound in catalog.compounds:
        try:
            found.append(find_goal(catalog, query, compound))
        except AmbiguousError:
            raise
        except NotFoundError:
            continue
    if not found:
        find_goal(catalog, query)  # raises, with the closest names over every compound
    return found


class OutcomeRow(NamedTuple):
    """One outcome of one study, under one goal the study backs, with its certainty and plain
    reading as evidence for that goal."""

    compound: Compound
    goal: Goal
    study: Study
    outcome: Outcome
    certainty: Certainty
    reading: Reading


def outcome_rows(
    catalog: Catalog,
    *,
    compound: Compound | None = None,
    goal: Entry | None = None,
    design: str | None = None,
    species: str | None = None,
    min_n: int | None = None,
) -> Iterator[OutcomeRow]:
    """Every outcome of every study behind every goal (or behind GOAL), in file order, one at a
    time: each row is assessed only when it is asked for, so a listing can write the first
    before the last is built.

    DESIGN and SPECIES keep only studies of that design or species; MIN_N keeps studies with at
    least that many participants (a range such as 442-1879 counts by its lower bound; a study
    with no participant count is left out).
    """
    from peptide_cli.evidence.certainty import assess, read

    for owner, each in [goal] if goal is not None else each_entry(catalog, compound):
        for study in owner.studies_of(each):
            if design is not None and study.shown_design != design:
                continue
            if species is not None and study.species != species:
                continue
            if min_n is not None and (study.size[0] is None or study.size[0] < min_n):
                continue
            for outcome in each.outcomes_of(study):
                certainty = assess(catalog, owner, each, study, outcome)
                reading = read(catalog, owner, study, outcome, certainty)
                yield OutcomeRow(owner, each, study, outcome, certainty, reading)


class Hit(NamedTuple):
    """Where a search matched: what (the compound, a goal, study, outcome, publication or
    mechanism), which field, its text."""

    compound: Compound
    kind: str
    id: str
    name: str
    field: str
    text: str


def search(catalog: Catalog, text: str, compound: Compound | None = None) -> Iterator[Hit]:
    """Every place TEXT occurs, ignoring case, accents and the ASCII spelling of a Greek letter
    or sign (`fold`: TNF-a finds TNF-α), in anything the tool shows, one at a time (an
    empty TEXT is refused first, before any is given): the compound's own
    facts; goal names, aliases, summaries and limitations; study labels, populations,
    comparators and source notes; outcome measures, findings and notes; publications (authors,
    title, journal, DOI, PMID, registration); mechanisms (names, summaries, effects, targets).
    """
    wanted = fold(text).strip()
    if not wanted:
        raise UsageProblem("give some text to search for")
    return _hits(wanted, catalog.compounds if compound is None else [compound])


def _hits(wanted: str, compounds: Iterable[Compound]) -> Iterator[Hit]:
    for owner in compounds:  # one at a time: a compound is let go once searched
        yield from (Hit(owner, *place) for place in _places(owner) if wanted in fold(place[4]))


def _places(owner: Compound) -> Iterator[tuple[str, str, str, str, str]]:
    """Every searchable text of OWNER: (kind, id, name, field, text)."""
    here: tuple[str, str, str] = ("compound", owner.id, owner.name)
    yield from (
        (*here, field, value)
        for field, value in (
            ("name", owner.name),
            ("kind", owner.kind),
            ("summary", owner.summary),
            ("source", owner.source),
            ("composition", owner.composition),
            ("preparations note", owner.preparations_note),
            ("administration note", owner.administration.note),
        )
        if value
    )
    yield from ((*here, "route", route) for route in owner.administration.routes)
    for field, values in (
        ("status", owner.use.status),
        ("region", owner.use.regions),
        ("indication", owner.use.indications),
    ):
        yield from ((*here, field, value) for value in values)
    for goal in owner.goals:
        here = ("goal", goal.id, goal.name)
        yield (*here, "name", goal.name)
        yield from ((*here, "alias", alias) for alias in goal.aliases)
        yield (*here, "summary", goal.summary)
        yield from ((*here, "limitation", limitation) for limitation in goal.limitations)
    for study in owner.studies:
        here = ("study", study.id, study.label)
        yield (*here, "label", study.label)
        yield (*here, "population", study.population)
        if study.comparator:
            yield (*here, "comparator", study.comparator)
        yield from ((*here, "source note", note.text) for note in study.source_notes)
        here = ("outcome", study.id, study.label)
        for outcome in study.outcomes:
            yield (*here, "measure", outcome.measure)
            if outcome.measure_name:
                yield (*here, "measure name", outcome.measure_name)
            for field, value in (("finding", outcome.finding), ("note", outcome.note)):
                if value:
                    yield (*here, field, value)
            yield from ((*here, "source note", note.text) for note in outcome.source_notes)
    for publication in owner.publications:
        name = publication.title or publication.journal or publication.id
        here = ("publication", publication.id, name)
        yield from ((*here, "author", author) for author in publication.authors)
        for field, value in (
            ("title", publication.title),
            ("journal", publication.journal),
            ("doi", publication.doi),
            ("pmid", publication.pmid),
            ("registration", publication.registration),
        ):
            if value:
                yield (*here, field, value)
    for mechanism in owner.mechanisms:
        here = ("mechanism", mechanism.id, mechanism.name)
        yield (*here, "name", mechanism.name)
        yield (*here, "summary", mechanism.summary)
        yield from ((*here, "effect", effect) for effect in mechanism.effects)
        yield from ((*here, "target", target) for target in mechanism.targets)


def counts(catalog: Catalog) -> dict[str, int]:
    """How many compounds, goals, studies and outcomes the catalog holds."""
    found = {"compounds": 0, "goals": 0, "studies": 0, "outcomes": 0}
    for compound in catalog.compounds:  # one at a time
        found["compounds"] += 1
        found["goals"] += len(compound.goals)
        found["studies"] += len(compound.studies)
        found["outcomes"] += sum(len(study.outcomes) for study in compound.studies)
    return found
