"""Rich tables of records: the table a listing is drawn as, and the grid under every view.

Every piece of data is put in a `Text` (never a string Rich would read as markup), and `Text`
here shows control characters instead of sending them (see `safe`). This module imports no
more than a listing's table needs; `views` builds the views of one goal or compound on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from peptide_cli.render.safe import clean
from peptide_cli.render.text import cell

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console, ConsoleOptions, RenderResult

    from peptide_cli.render.records import RecordKind


class Text(RichText):
    """Rich text that is always shown as written: control characters are made visible."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(clean(text), *args, **kwargs)

    def append(self, text: str | RichText, style: Any = None) -> Text:
        super().append(clean(text) if isinstance(text, str) else text, style)
        return self


NAME_FIELDS = {"name", "goal_name"}  # coloured like names in every table

NARROW = 60
"""Below this many columns, or when a table's words cannot fit side by side, tables are shown
as one short block per row instead."""


class Column:
    """A column of a Grid: its title, its cells as text, and Rich's options for it."""

    __slots__ = ("cells", "options", "title")

    def __init__(self, title: str, cells: list[str], options: dict[str, Any] | None = None):
        self.title = title
        self.cells = cells
        self.options = options or {}


class Grid:
    """A table that turns into stacked records on a narrow terminal, so no word is split."""

    def __init__(
        self, columns: list[Column], *, drop_empty: bool = True, grouped: bool = False
    ) -> None:
        self.columns = [c for c in columns if any(c.cells) or not drop_empty]
        # stacked, the first column heads a group (a compound) once, and the second each record
        self.grouped = grouped and len(self.columns) > 2

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = list(zip(*(column.cells for column in self.columns), strict=True))
        widths = self._widths(options.max_width)
        if widths is not None:
            rich_table = simple_table()
            for column, width in zip(self.columns, widths, strict=True):
                rich_table.add_column(column.title, width=width, **column.options)
            for row in rows:
                rich_table.add_row(*map(Text, row))
            yield rich_table
            return
        if self.grouped:
            yield from self._grouped(rows)
            return
        first, *rest = self.columns
        for row in rows:
            yield Text(row[0], style=first.options.get("style", "bold"))
            details = [f"{c.title}: {cell}" for c, cell in zip(rest, row[1:], strict=True) if cell]
            yield Padding(Text(" · ".join(details)), (0, 0, 0, 2))

    def _grouped(self, rows: list[tuple[str, ...]]) -> RenderResult:
        """Stacked records under the group each belongs to, named once where it begins."""
        _, head, *rest = self.columns
        current = None
        for row in rows:
            if row[0] != current:
                current = row[0]
                yield Text(current, style="bold underline")
            yield Padding(Text(row[1], style=head.options.get("style", "bold")), (0, 0, 0, 2))
            details = [f"{c.title}: {cell}" for c, cell in zip(rest, row[2:], strict=True) if cell]
            yield Padding(Text(" · ".join(details)), (0, 0, 0, 4))

    def _widths(self, room: int) -> list[int] | None:
        """Each column's width in ROOM columns, so that no word is ever split: its longest line
        where every column's fits, else its longest word and a share of what is left; None when
        the longest words cannot sit side by side, or ROOM is under NARROW. A column pads one
        space each side, and one space separates two."""
        least = [_longest(column, str.split) for column in self.columns]
        most = [
            max(low, _longest(column, str.splitlines))
            for column, low in zip(self.columns, least, strict=True)
        ]
        room -= 3 * len(self.columns) - 1  # what the columns' text has
        if room + 3 * len(self.columns) - 1 < NARROW or room < sum(least):
            return None
        # What is left goes first to the columns that want least more, each given all it wants
        # while what is left covers it (a column's whole line fits); the rest share equally.
        spare, widths = room - sum(least), list(least)
        by_want = sorted(range(len(least)), key=lambda i: most[i] - least[i])
        for place, i in enumerate(by_want):
            want = most[i] - least[i]
            given = want if want <= spare else spare // (len(by_want) - place)
            widths[i] += given
            spare -= given
        return widths


def _longest(column: Column, pieces: Callable[[str], list[str]]) -> int:
    """The widest piece (a word, or a line) of COLUMN's title and cells."""
    return max(
        (cell_len(piece) for text in [column.title, *column.cells] for piece in pieces(text)),
        default=1,
    )


def records_table(records: list[dict[str, Any]], fields: list[str], kind: RecordKind[Any]) -> Grid:
    """RECORDS as a table of FIELDS, with KIND's column titles."""
    columns = []
    for name in fields:
        values = [record.get(name) for record in records]
        numeric = all(isinstance(v, int | float) for v in values if v is not None)
        options: dict[str, Any] = {"overflow": "fold"}
        if numeric and any(v is not None for v in values):
            options["justify"] = "right"
        if name in NAME_FIELDS:
            options["style"] = "cyan"
        if name == "tier_range":
            options = {"justify": "center", "no_wrap": True}
        absent = kind.absent.get(name, "")
        shown = [absent if v is None else cell(v) for v in values]
        columns.append(Column(kind.title(name), shown, options))
    return Grid(columns, drop_empty=False, grouped=fields[:1] == ["compound_name"])


def simple_table(**options: Any) -> Table:
    return Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, **options)
