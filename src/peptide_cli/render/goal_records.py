"""The goals' records that `goals`, `filter` and `show --json` write, and the view `show`
draws: worked out from a catalog, or, for the bundled catalog, read as the wheel's build worked
them out.

A goal's record (`records.GOALS`, and `GOAL_DETAIL` with its studies) and its view
(`views.goal_view`) depend on nothing but the catalog. So building the wheel works out every
goal's record and view of the bundled catalog once, with the same code as any run
(`prebuild`), and ships them beside the catalog's snapshot as PREPARED. A run over the bundled
catalog reads them (`read`) only when they were made by this version of the tool from exactly
the claims files installed beside them; else, as for any other catalog, they are worked out
from the catalog (`CatalogRecords`). Either way the goals are chosen by the same code
(`compound_in`, `goal_in`, `tier_range`), so the two agree, and the tests hold that they write
the same output for every command, option and error.

Reading the prepared records needs neither the models nor the evidence rules (nor, for a view,
the views), which is what makes these commands start nearly as fast as the command line itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar

from peptide_cli import __version__
from peptide_cli.evidence.finding import NamedCompound, compound_in, goal_in, tier_range
from peptide_cli.render.stream import JsonText

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

    from rich.console import RenderableType

    from peptide_cli.catalog.models import Catalog, Compound
    from peptide_cli.evidence import Appraisal
    from peptide_cli.evidence.queries import Entry
    from peptide_cli.render.records import RecordKind

PREPARED = "goals.prebuilt"
"""The prepared records' file name in the bundled data folder (not a claims file: not .yaml).

The file is MAGIC, the length of its head (8 bytes, little-endian), the head, then each goal's
record, as the JSON a pipe is given (`stream.piped_json`) and as `marshal` writes it, then each
goal's record with its studies (`show --json`), as JSON, then each goal's views, for a pipe and
for a terminal (`frozen.freeze`), written by `marshal` and compressed by `zlib`. The head is in
`marshal`'s format too, which Python reads without importing anything (as it reads the
package's compiled modules, which are in the same format and trusted the same way): the version
that made the file, each claims file's name, size and CRC-32, the tier scale, and each
compound's id and name and its goals' ids, names, aliases, tiers and where their records and
views lie. So `goals --json` over the bundled catalog imports neither the models nor the
evidence rules, nor even the json module: it writes the records' text as it is; a table reads
the records back from marshal's form, and `show` thaws a view."""

MAGIC = b"peptide-cli goal records 2\n"
LENGTH = 8

Record = dict[str, Any] | JsonText
C = TypeVar("C", bound=NamedCompound)


class GoalRecords(Generic[C]):
    """The goals of a catalog's COMPOUNDS, as the records the listing commands write."""

    compounds: Sequence[C]

    def compound(self, query: str | None) -> C | None:
        """The compound QUERY names, or None when no QUERY is given (see `compound_in`)."""
        return None if query is None else compound_in(self.compounds, query)

    def several(self, chosen: C | None) -> bool:
        """Whether the records cover more than one compound, and so need a Compound column."""
        return chosen is None and len(self.compounds) > 1

    def goals(self, chosen: C | None) -> Iterator[Record]:
        """The record of every goal (of the CHOSEN compound only, if any), in file order, one
        at a time."""
        raise NotImplementedError

    def in_tiers(
        self, min_tier: int | None, max_tier: int | None, chosen: C | None
    ) -> Iterator[Record]:
        """As `goals`, of the goals whose tier lies between MIN_TIER and MAX_TIER (see
        `evidence.filter_by_tier`). Raises UsageProblem, before any is given."""
        raise NotImplementedError

    def detail(self, query: str, chosen: C | None) -> Record:
        """The record of the one goal QUERY names, with every study behind it (see `goal_in`)."""
        raise NotImplementedError

    def view(self, query: str, chosen: C | None, *, plain: bool) -> RenderableType:
        """The view of the one goal QUERY names (`views.goal_view`); PLAIN for a pipe."""
        raise NotImplementedError


class CatalogRecords(GoalRecords["Compound"]):
    """Records worked out from a CATALOG: each goal appraised as it is given."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.compounds = catalog.compounds

    def goals(self, chosen: Compound | None) -> Iterator[Record]:
        from peptide_cli.evidence import each_entry

        return self.records(each_entry(self.catalog, chosen))

    def in_tiers(
        self, min_tier: int | None, max_tier: int | None, chosen: Compound | None
    ) -> Iterator[Record]:
        from peptide_cli.evidence import filter_by_tier

        return self.records(filter_by_tier(self.catalog, min_tier, max_tier, chosen))

    def detail(self, query: str, chosen: Compound | None) -> Record:
        from peptide_cli.evidence import appraise, find_goal
        from peptide_cli.render.records import GOAL_DETAIL

        return GOAL_DETAIL.record(appraise(self.catalog, find_goal(self.catalog, query, chosen)))

    def view(self, query: str, chosen: Compound | None, *, plain: bool) -> RenderableType:
        from peptide_cli.evidence import appraise, find_goal
        from peptide_cli.render.views import goal_view

        entry = find_goal(self.catalog, query, chosen)
        return goal_view(appraise(self.catalog, entry), plain=plain)

    def records(
        self, entries: Iterable[Entry], kind: RecordKind[Appraisal] | None = None
    ) -> Iterator[Record]:
        """The records of KIND (`records.GOALS` by default) of ENTRIES, each appraised as it
        is given."""
        from peptide_cli.evidence import appraise
        from peptide_cli.render.records import GOALS

        made = kind or GOALS
        return (made.record(appraise(self.catalog, entry)) for entry in entries)


class PreparedRecord(JsonText):
    """A goal's prepared record: its JSON text, and the record itself as `marshal` writes it,
    which a table or any format other than JSON reads back without importing json."""

    dumped: bytes

    def value(self) -> Any:
        import marshal

        return marshal.loads(self.dumped)


class PreparedGoal:
    """A goal as the prepared records' head gives it: what finding it by name reads, its tier,
    and where its record (as JSON text, and as `marshal` writes it), and its record with its
    studies, and its views, lie in the file."""

    __slots__ = ("aliases", "detail", "dumped", "id", "name", "record", "tier", "view")

    def __init__(
        self,
        id: str,
        name: str,
        aliases: tuple[str, ...],
        tier: int,
        record: tuple[int, int],
        dumped: tuple[int, int],
        detail: tuple[int, int],
        view: tuple[int, int],
    ) -> None:
        self.id = id
        self.name = name
        self.aliases = aliases
        self.tier = tier
        self.record = record  # where its record's JSON lies: (start, end) among the records
        self.dumped = dumped  # where the record itself lies, for any other format
        self.detail = detail  # where its record with its studies lies among the details
        self.view = view  # where its views lie among the views


class PreparedCompound:
    """A compound of the prepared records: its id, its name and its goals."""

    __slots__ = ("goals", "id", "name")

    def __init__(self, id: str, name: str, goals: list[PreparedGoal]) -> None:
        self.id = id
        self.name = name
        self.goals = goals


class PreparedRecords(GoalRecords[PreparedCompound]):
    """Records read as the wheel's build worked them out (see `read`): RECORDS, every goal's
    record, already read; the details (from DETAILS) and views (from VIEWS) are read from the
    open FILE when one is asked for. Each goal's places are counted from the start of its
    region."""

    def __init__(
        self,
        tiers: list[int],
        compounds: list[PreparedCompound],
        records: bytes,
        file: BinaryIO,
        details: int,
        views: int,
    ) -> None:
        self.tiers = tiers
        self.compounds = compounds
        self._records = records
        self._file = file
        self._details = details
        self._views = views

    def goals(self, chosen: PreparedCompound | None) -> Iterator[Record]:
        return (self._record(goal) for owner in self._of(chosen) for goal in owner.goals)

    def in_tiers(
        self, min_tier: int | None, max_tier: int | None, chosen: PreparedCompound | None
    ) -> Iterator[Record]:
        low, high = tier_range(self.tiers, min_tier, max_tier)
        return (
            self._record(goal)
            for owner in self._of(chosen)
            for goal in owner.goals
            if low <= goal.tier <= high
        )

    def detail(self, query: str, chosen: PreparedCompound | None) -> Record:
        owner, at = goal_in(self.compounds, query, chosen)
        return JsonText(self._read(self._details, owner.goals[at].detail).decode())

    def view(self, query: str, chosen: PreparedCompound | None, *, plain: bool) -> RenderableType:
        import marshal
        import zlib

        from peptide_cli.render.frozen import thaw

        owner, at = goal_in(self.compounds, query, chosen)
        frozen = zlib.decompress(self._read(self._views, owner.goals[at].view))
        return thaw(marshal.loads(frozen)[0 if plain else 1])

    def _record(self, goal: PreparedGoal) -> PreparedRecord:
        (start, end), (dumped_start, dumped_end) = goal.record, goal.dumped
        record = PreparedRecord(self._records[start:end].decode())
        record.dumped = self._records[dumped_start:dumped_end]
        return record

    def _read(self, region: int, place: tuple[int, int]) -> bytes:
        """The bytes at PLACE (start, end) in the region that begins at REGION in the file."""
        start, end = place
        self._file.seek(region + start)
        return self._file.read(end - start)

    def _of(self, chosen: PreparedCompound | None) -> Sequence[PreparedCompound]:
        return self.compounds if chosen is None else [chosen]


def read(folder: Path) -> PreparedRecords | None:
    """The records prepared in FOLDER, if there are any and they were made by this version from
    exactly the claims files FOLDER holds; else None."""
    import marshal
    import os

    from peptide_cli.catalog import reading

    try:
        file = (folder / PREPARED).open("rb")  # kept open: a goal's detail or view is read later
    except OSError:
        return None
    try:
        total = os.fstat(file.fileno()).st_size
        lead = file.read(len(MAGIC) + LENGTH)
        start = len(lead) + int.from_bytes(lead[len(MAGIC) :], "little")
        if lead[: len(MAGIC)] != MAGIC or start > total:
            raise ValueError("not prepared records")
        head = marshal.loads(file.read(start - len(lead)))
        if total != start + head["size"]:
            raise ValueError("cut short, or added to")
        if not 0 <= head["records"] <= head["views"] <= head["size"]:  # each from START
            raise ValueError("regions out of order")
        if head["version"] != __version__ or not reading.unchanged(folder, head["files"]):
            raise ValueError("made by another version, or from other files")
        compounds = [
            PreparedCompound(id, name, [PreparedGoal(*goal) for goal in goals])
            for id, name, goals in head["compounds"]
        ]
        records = file.read(head["records"])  # only the records: every listing reads them
        details, views = start + head["records"], start + head["views"]
        return PreparedRecords(list(head["tiers"]), compounds, records, file, details, views)
    except (OSError, ValueError, EOFError, TypeError, KeyError):  # damaged: not used
        file.close()
        return None


def prebuild(folder: Path) -> bytes:
    """The records of the catalog in FOLDER, prepared as a wheel ships them (see PREPARED).
    Raises CatalogError when the catalog is not valid."""
    import marshal

    from peptide_cli.catalog import loading, reading
    from peptide_cli.evidence import Entry, appraise
    from peptide_cli.render.records import GOAL_DETAIL, GOALS

    catalog = loading.load_catalog(folder)
    records, details, views, compounds = bytearray(), bytearray(), bytearray(), []
    for compound in catalog.compounds:
        placed = []
        for goal in compound.goals:
            appraised = appraise(catalog, Entry(compound, goal))
            record = GOALS.record(appraised)
            places = []
            for part, region in (
                (_exact(record), records),
                (marshal.dumps(record), records),
                (_exact(GOAL_DETAIL.record(appraised)), details),
                (_views(appraised), views),
            ):
                places.append((len(region), len(region) + len(part)))
                region += part
            placed.append((goal.id, goal.name, tuple(goal.aliases), appraised.tier.tier, *places))
        compounds.append((compound.id, compound.name, placed))
    head = marshal.dumps(
        {
            "version": __version__,
            "files": reading.file_checks(folder),
            "tiers": tuple(catalog.tiers),
            "compounds": compounds,
            "records": len(records),  # where the details begin
            "views": len(records) + len(details),  # where the views begin
            "size": len(records) + len(details) + len(views),
        }
    )
    return MAGIC + len(head).to_bytes(LENGTH, "little") + head + bytes(records + details + views)


def _exact(record: dict[str, Any]) -> bytes:
    """RECORD as the JSON a pipe is given, which must read back as RECORD itself (as must
    marshal's form of it)."""
    import marshal

    from peptide_cli.render.stream import piped_json

    text = piped_json(record)
    if text.value() != record or marshal.loads(marshal.dumps(record)) != record:
        raise ValueError(f"a record does not survive JSON or marshal: {text[:200]}")
    return text.encode()


def _views(appraised: Appraisal) -> bytes:
    """The goal's views, for a pipe and for a terminal, frozen, written by marshal and
    compressed; each must thaw into a view that freezes the same again."""
    import marshal
    import zlib

    from peptide_cli.render.frozen import freeze, thaw
    from peptide_cli.render.views import goal_view

    forms = tuple(freeze(goal_view(appraised, plain=plain)) for plain in (True, False))
    if any(freeze(thaw(form)) != form for form in forms):
        raise ValueError(f"a view of {appraised.goal.id} does not survive freezing")
    return zlib.compress(marshal.dumps(forms), 9)
