"""Rich renderables drawn as plain lines, for output that carries no colour.

Off a terminal, with no colour, a table or view is only text, yet Rich sends every character
of it through its segments and styles, which is most of what a table command costs. `draw`
makes the same text on strings alone, following Rich's layout step by step: a table's column
widths as `Table._calculate_column_widths` works them out (with Rich's own `_collapse_widths`
and `ratio_reduce`), text divided into lines where Rich divides it (`_wrap.divide_line`, or
`Text.wrap` itself for tabs and full justification), and lines padded and cropped by Rich's
`cells.set_cell_size`.

It knows Text, Padding, Group, a Table without title, caption, footer or row lines, and any
object whose `__rich_console__` yields those (a `Grid`). For anything else, for a line that
would be cropped through a wide or zero-width character, and should a later Rich change the
helpers it leans on, it returns None and the caller lets Rich draw. The tests hold its output
to Rich's, character for character, for every view and table the tool draws and for generated
ones, and that it draws all of the tool's own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from rich._pick import pick_bool
from rich.cells import cell_len, set_cell_size
from rich.console import Group
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions


class Unsupported(Exception):
    """A renderable this module does not draw; Rich draws it instead."""


def draw(renderable: Any, console: Console) -> str | None:
    """RENDERABLE as `console.print` writes it on CONSOLE (which must have no colour), one
    `\\n` after each line; None when this module cannot draw it."""
    if console.color_system is not None or console._markup or console._emoji:
        return None
    if isinstance(renderable, Text):  # print keeps a text's characters, not its layout
        renderable = Text(renderable.plain)
    options = console.options.update(
        justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None
    )
    width = console.width
    try:
        lines = _lines(renderable, console, options)
        return "".join(
            (line if _cells(line) <= width else _fitted(line, width)) + "\n" for line in lines
        )
    except (Unsupported, AttributeError, TypeError):
        # a renderable drawing does not know, or a Rich whose helpers have changed: Rich draws
        return None


def _lines(renderable: Any, console: Console, options: ConsoleOptions) -> list[str]:
    """RENDERABLE's lines as `console.render_lines` would make them, before padding."""
    if options.max_width < 1:
        return []  # Rich renders nothing in no room
    if isinstance(renderable, str):
        renderable = Text(renderable)
    if isinstance(renderable, Text):
        return _text(renderable, console, options)
    if isinstance(renderable, Padding):
        return _padding(renderable, console, options)
    if isinstance(renderable, Group):
        return [line for part in renderable.renderables for line in _lines(part, console, options)]
    if isinstance(renderable, Table):
        return _table(renderable, console, options)
    if type(renderable).__module__.startswith("rich.") or not hasattr(
        renderable, "__rich_console__"
    ):
        raise Unsupported(type(renderable).__name__)
    lines = []
    for part in renderable.__rich_console__(console, options):
        if isinstance(part, Segment):
            raise Unsupported("segments")
        lines += _lines(part, console, options)
    return lines


def _text(
    text: Text, console: Console, options: ConsoleOptions, width: int | None = None
) -> list[str]:
    """TEXT's lines in OPTIONS' width, or in WIDTH."""
    if text.end != "\n":
        raise Unsupported("a text that does not end its line")
    width = options.max_width if width is None else width
    justify = text.justify or options.justify or "default"
    overflow = text.overflow or options.overflow or "fold"
    no_wrap = pick_bool(text.no_wrap, options.no_wrap)
    plain = text.plain
    if "\t" in plain or justify == "full":
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        wrapped = text.wrap(
            console,
            width,
            justify=justify,
            overflow=overflow,
            tab_size=tab_size or 8,
            no_wrap=no_wrap,
        )
        return [line.plain for line in wrapped] or [""]
    return _wrapped(plain, width, justify, overflow, no_wrap)


def _wrapped(plain: str, width: int, justify: str, overflow: str, no_wrap: bool) -> list[str]:
    """PLAIN (with no tab) as `Text.wrap` lays it out in WIDTH cells, for any justification
    but "full": each line divided where Rich divides it (`divide_line`), then justified and
    cut to the width as Rich does, on the string alone."""
    if "\n" not in plain and _cells(plain) <= width and justify in ("default", "left"):
        return [plain]  # one line that fits (left-justified text is padded later, as all is)
    lines: list[str] = []
    for line in plain.split("\n"):
        if overflow == "ignore":  # Rich 13 justifies such lines; 15 leaves them as they are
            raise Unsupported("overflow 'ignore'")
        if no_wrap:
            if _rstrip_end(line, width) != line:  # Rich 13 cuts these end spaces; 15 keeps them
                raise Unsupported("a line not wrapped that ends in spaces beyond the width")
            pieces = [line]
        else:
            cuts = _divide(line, width, fold=overflow == "fold")
            pieces = [
                _rstrip_end(line[start:end], width)
                for start, end in zip([0, *cuts], [*cuts, len(line)], strict=True)
            ]
        lines += (
            _cut(_justified(piece, width, justify, overflow), width, overflow) for piece in pieces
        )
    return lines


WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word: a word and the spaces after it


def _divide(line: str, width: int, fold: bool) -> list[int]:
    """Where `rich._wrap.divide_line` divides LINE into lines of WIDTH cells: its steps, with
    each character one cell when every one of LINE's is (as in the tool's text)."""
    if width < 1 or not _narrow(line):
        from rich._wrap import divide_line

        return divide_line(line, width, fold=fold)
    cuts: list[int] = []
    offset = 0  # cells used on the line so far
    for found in WORD.finditer(line):  # words follow one another, as divide_line meets them
        start, word = found.start(), found.group()
        size = len(word.rstrip())
        if width - offset >= size:  # the word fits on this line
            offset += len(word)
        elif size > width:  # on no line: folded (chop_cells), or cropped later
            if not fold:
                if start:
                    cuts.append(start)
                offset = len(word)
                continue
            pieces = [word[at : at + width] for at in range(0, len(word), width)]
            for piece in pieces[:-1]:
                if start:
                    cuts.append(start)
                start += len(piece)
            if start:
                cuts.append(start)
            offset = len(pieces[-1])
        elif offset and start:  # on the next line
            cuts.append(start)
            offset = len(word)
    return cuts


def _rstrip_end(line: str, width: int) -> str:
    """Text.rstrip_end: spaces at the end of LINE beyond WIDTH characters, cut."""
    excess = len(line) - width
    if excess > 0:
        spaces = len(line) - len(line.rstrip())
        return line[: len(line) - min(spaces, excess)]
    return line


def _justified(line: str, width: int, justify: str, overflow: str) -> str:
    """Lines.justify, for one line."""
    if justify == "left":
        size = _cells(line)
        return line + " " * (width - size) if size < width else _cut(line, width, overflow)
    if justify in ("center", "right"):
        line = _cut(line.rstrip(), width, overflow)
        room = width - _cells(line)
        line = " " * (room if justify == "right" else room // 2) + line
        return line + " " * (width - _cells(line))
    return line


def _cut(line: str, width: int, overflow: str) -> str:
    """Text.truncate: LINE cut to WIDTH cells as OVERFLOW says."""
    if _cells(line) <= width:
        return line
    if overflow == "ellipsis":
        return set_cell_size(line, width - 1) + "…"
    return set_cell_size(line, width)


def _padding(padding: Padding, console: Console, options: ConsoleOptions) -> list[str]:
    from rich.measure import Measurement

    left, right = padding.left, padding.right
    width = options.max_width
    if not padding.expand:
        measured = Measurement.get(console, options, padding.renderable).maximum
        width = min(measured + left + right, width)
    inner = width - left - right
    padded = padding.renderable
    if isinstance(padded, str):
        padded = Text(padded)
    if inner < 1:
        drawn = []  # Rich renders nothing in no room
    elif isinstance(padded, Text):
        drawn = _text(padded, console, options, inner)  # the options but their width
    else:
        drawn = _lines(padded, console, options.update_width(inner))
    blank = [" " * width]
    lines = [" " * left + _fitted(line, inner) + " " * right for line in drawn]
    return blank * padding.top + lines + blank * padding.bottom


def _table(table: Table, console: Console, options: ConsoleOptions) -> list[str]:
    if not table.columns:
        return [""]
    if (
        table.title
        or table.caption
        or table.show_footer
        or table.show_lines
        or table.leading
        or any(row.end_section for row in table.rows)
    ):
        raise Unsupported("a table with a title, caption, footer or lines between rows")
    extra = table._extra_width
    room = (options.max_width if table.width is None else table.width) - extra
    columns = [list(table._get_cells(console, i, c)) for i, c in enumerate(table.columns)]
    widths = _widths(table, columns, console, options.update_width(room))
    render_options = options.update(
        width=sum(widths) + extra, highlight=table.highlight, height=None
    )
    box = table.box
    if box is not None:
        box = box.substitute(render_options, safe=pick_bool(table.safe_box, console.safe_box))
        if not table.show_header:
            box = box.get_plain_headed_box()
    edge = box is not None and table.show_edge

    rows = list(zip(*columns, strict=True))
    cell_options = [
        render_options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        )
        for width, column in zip(widths, table.columns, strict=True)
    ]
    out: list[str] = []
    if box is not None and edge:
        out.append(box.get_top(widths))
    for index, row in enumerate(rows):
        first, last = index == 0, index == len(rows) - 1
        header = first and table.show_header
        cells = []
        for width, cell, within in zip(widths, row, cell_options, strict=True):
            lines = [_fitted(line, width) for line in _lines(cell.renderable, console, within)]
            cells.append((lines, "bottom" if header else cell.vertical, width))
        height = max(1, *(len(lines) for lines, _, _ in cells))
        shaped = [_aligned(lines, vertical, width, height) for lines, vertical, width in cells]
        if box is None:
            out += ["".join(parts) for parts in zip(*shaped, strict=True)]
        else:
            if first:
                left_edge, right_edge, divider = box.head_left, box.head_right, box.head_vertical
            elif last:
                left_edge, right_edge, divider = box.foot_left, box.foot_right, box.foot_vertical
            else:
                left_edge, right_edge, divider = box.mid_left, box.mid_right, box.mid_vertical
            for parts in zip(*shaped, strict=True):
                line = divider.join(parts)
                out.append(left_edge + line + right_edge if edge else line)
            if header:
                out.append(box.get_row(widths, "head", edge=edge))
    if box is not None and edge:
        out.append(box.get_bottom(widths))
    return out


def _widths(
    table: Table, columns: list[list[Any]], console: Console, options: ConsoleOptions
) -> list[int]:
    """The width of each of TABLE's COLUMNS (its cells), as `Table._calculate_column_widths`
    works them out, with text measured here."""
    if table.expand or table.min_width is not None:
        return table._calculate_column_widths(console, options)
    from rich._ratio import ratio_reduce

    room = options.max_width
    texts: dict[str, tuple[int, int]] = {}  # each text's own widths, measured once
    measured = [
        _column(table, i, cells, console, options, texts) for i, cells in enumerate(columns)
    ]
    widths = [most or 1 for _, most in measured]
    if sum(widths) > room:
        wrappable = [c.width is None and not c.no_wrap for c in table.columns]
        widths = table._collapse_widths(widths, wrappable, room)
        if sum(widths) > room:
            widths = ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [
            _column(table, i, cells, console, options.update_width(width), texts)[1]
            for i, (width, cells) in enumerate(zip(widths, columns, strict=True))
        ]
    return widths


def _column(
    table: Table,
    index: int,
    cells: list[Any],
    console: Console,
    options: ConsoleOptions,
    texts: dict[str, tuple[int, int]],
) -> tuple[int, int]:
    """The least and most width of column INDEX of TABLE, as `Table._measure_column`."""
    room = options.max_width
    if room < 1:
        return 0, 0
    column = table.columns[index]
    padding = table._get_padding_width(index)
    if column.width is not None:
        return min(column.width + padding, room), min(column.width + padding, room)
    ranges = [_measure(cell.renderable, console, options, texts) for cell in cells]
    least = min(max((low for low, _ in ranges), default=1), room)
    most = min(max((high for _, high in ranges), default=room), room)
    if column.min_width is not None:
        least, most = max(least, column.min_width + padding), max(most, column.min_width + padding)
    if column.max_width is not None:
        least, most = min(least, column.max_width + padding), min(most, column.max_width + padding)
    return least, most


def _measure(
    renderable: Any, console: Console, options: ConsoleOptions, texts: dict[str, tuple[int, int]]
) -> tuple[int, int]:
    """`Measurement.get`, worked out here for text and padded text; TEXTS keeps what each text
    measures before it meets the room there is. (Every measurement here is Rich's normalized
    one, least no more than most, so meeting the room only lowers each to it.)"""
    room = options.max_width
    if room < 1:
        return 0, 0
    if isinstance(renderable, str | Text):
        plain = renderable if isinstance(renderable, str) else renderable.plain
        known = texts.get(plain)
        least, most = known if known is not None else texts.setdefault(plain, _text_widths(plain))
        return min(least, room), min(most, room)
    if isinstance(renderable, Padding):
        extra = renderable.left + renderable.right
        if room - extra < 1:
            return room, room
        least, most = _measure(renderable.renderable, console, options, texts)
        return min(least + extra, room), min(most + extra, room)
    from rich.measure import Measurement

    return tuple(Measurement.get(console, options, renderable))  # type: ignore[return-value]


def _text_widths(plain: str) -> tuple[int, int]:
    """Text.__rich_measure__, normalized: the longest word, and the longest line."""
    if _narrow(plain):  # one cell a character, on one line
        return max(map(len, plain.split()), default=len(plain)), len(plain)
    lines = plain.splitlines()
    most = max(map(cell_len, lines)) if lines else 0
    words = plain.split()
    least = max(map(cell_len, words)) if words else most
    least = min(max(0, least), most)  # Measurement.normalize
    return max(0, least), max(0, least, most)


def _fitted(line: str, width: int) -> str:
    """LINE padded or cropped to WIDTH cells, as Rich fits a line of segments. A line is cropped
    here as one string, which is the same only while every character takes one cell (Rich
    drops a zero-width character that begins a segment at the edge); else Rich draws it."""
    if _narrow(line):  # one cell a character
        size = len(line)
        return line + " " * (width - size) if size < width else line[:width]
    if cell_len(line) > width and not all(cell_len(c) == 1 for c in set(line)):
        raise Unsupported("a line cropped through wide or zero-width characters")
    return set_cell_size(line, width)


def _cells(text: str) -> int:
    """rich.cells.cell_len, at once where each character takes one cell."""
    return len(text) if _narrow(text) else cell_len(text)


def _narrow(text: str) -> bool:
    """Whether TEXT is one line of printable characters that each take one cell, so that it
    takes one a character (those that join others into one take none alone), and its only
    space is " "."""
    if text.isascii():
        return text.isprintable()
    return all(map(_one_cell, set(text)))


@cache
def _one_cell(character: str) -> bool:
    return character.isprintable() and cell_len(character) == 1


def _aligned(lines: list[str], vertical: str, width: int, height: int) -> list[str]:
    """LINES in a cell HEIGHT lines tall, placed as Rich's Segment.align_* place them."""
    extra = height - len(lines)
    if not extra:
        return lines
    blank = [" " * width]
    if vertical == "top":
        return lines + blank * extra
    if vertical == "middle":
        return blank * (extra // 2) + lines + blank * (extra - extra // 2)
    return blank * extra + lines
