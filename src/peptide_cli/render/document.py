"""A view as a list of blocks (headings, lines, bullets, tables, plots), declared once and
written two ways: as a Rich renderable for a terminal, or as Markdown for notes.

`show` and `explain` build their views from these blocks, so the Markdown says what the
terminal says. Every piece of text is data: Rich gets it in a `Text` (never read as markup),
and Markdown gets it escaped (no emphasis, link, list or HTML tag can come from the data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from peptide_cli.render.safe import clean

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

    from peptide_cli.render.tables import Grid


@dataclass(frozen=True)
class Heading:
    """A heading: TEXT in bold, then an identifier (TAG) in cyan; LEVEL 1 heads the view,
    2 a section, 3 an entry of a section."""

    text: str
    level: int = 2
    tag: str | None = None


@dataclass(frozen=True)
class Line:
    """A line of text; STYLE is how a terminal shows it (`dim`: a detail)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Bullets:
    items: list[str]
    style: str = ""


@dataclass(frozen=True)
class Flags:
    """Appraisal flags: (severity, code, reason) each."""

    rows: list[tuple[str, str, str]]


@dataclass(frozen=True)
class Rows:
    """A table (a Grid: it stacks on a narrow terminal)."""

    grid: Grid


@dataclass(frozen=True)
class Plots:
    """Forest plots: (measure, plot, legend) each; PLAIN plots are ASCII."""

    rows: list[tuple[str, str, str]]


@dataclass(frozen=True)
class Aligned:
    """Lines whose columns line up (a worked rule, say): monospaced in Markdown."""

    lines: list[str] = field(default_factory=list)


Block = Heading | Line | Bullets | Flags | Rows | Plots | Aligned
TextBlock = Heading | Line | Bullets | Aligned
"""The blocks of a worked text (no tables or plots): what `plain` writes."""
BLANK = Line("")

BULLETS_SHOWN = 1000
"""At most this many items of one list on a terminal: Rich lays a list out as a table, in time
that grows with its length, and no reader reads further (a claims file may hold a million)."""

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def rich(blocks: Sequence[Block]) -> RenderableType:
    """BLOCKS as one Rich renderable."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    from peptide_cli.render.tables import Text

    def grid(*columns: dict[str, object]) -> Table:
        table = Table.grid(padding=(0, 1))
        for options in columns:
            table.add_column(**options)  # type: ignore[arg-type]
        return table

    parts: list[RenderableType] = []
    for block in blocks:
        if isinstance(block, Heading):
            words = Text(block.text, style="bold")
            parts.append(Text.assemble(words, "  ", (block.tag, "cyan")) if block.tag else words)
        elif isinstance(block, Line):
            parts.append(Text(block.text, style=block.style))
        elif isinstance(block, Bullets):
            table = grid({"no_wrap": True}, {"style": block.style})
            for item in block.items[:BULLETS_SHOWN]:
                table.add_row(Text("  •"), Text(item))
            parts.append(table)
            hidden = len(block.items) - BULLETS_SHOWN
            if hidden > 0:
                more = f"  … and {hidden} more (JSON and Markdown list them all)"
                parts.append(Text(more, style="dim"))
        elif isinstance(block, Flags):
            table = grid({"no_wrap": True}, {"no_wrap": True}, {})
            for severity, code, reason in block.rows:
                style = SEVERITY_STYLE[severity]
                table.add_row(Text("  !"), Text(f"{severity:<6} {code}", style=style), Text(reason))
            parts.append(table)
        elif isinstance(block, Rows):
            parts.append(block.grid)
        elif isinstance(block, Plots):
            table = grid({"no_wrap": True}, {"no_wrap": True}, {"overflow": "fold"})
            for measure, plot, legend in block.rows:
                table.add_row(
                    Text(f"  {measure}"), Text(plot, style="bold"), Text(legend, style="dim")
                )
            parts.append(table)
        else:
            parts += [Padding(Text(line), (0, 0, 0, 2)) for line in block.lines]
    return Group(*parts)


def plain(blocks: Sequence[TextBlock]) -> str:
    """BLOCKS (those a worked text uses: no tables or plots) as plain lines, each on one
    line: a block's items indented two spaces."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines.append(f"{block.text}  {block.tag}" if block.tag else block.text)
        elif isinstance(block, Line):
            lines.append(block.text)
        elif isinstance(block, Bullets):
            lines += [f"  {item}" for item in block.items]
        else:
            lines += [f"  {line}" for line in block.lines]
    return "".join(clean(" ".join(line.splitlines())) + "\n" for line in lines)


def markdown(blocks: Sequence[Block]) -> str:
    """BLOCKS as CommonMark (GitHub's tables for Rows), blocks separated by a blank line."""
    from peptide_cli.render.text import markdown_row

    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            tag = f" `{_code(block.tag)}`" if block.tag else ""
            out.append(f"{'#' * block.level} {inline(block.text)}{tag}")
        elif isinstance(block, Line):
            if block.text:
                out.append(inline(block.text))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {inline(item)}" for item in block.items))
        elif isinstance(block, Flags):
            out.append(
                "\n".join(
                    f"- **{inline(severity)}** `{_code(code)}`: {inline(reason)}"
                    for severity, code, reason in block.rows
                )
            )
        elif isinstance(block, Rows):
            columns = block.grid.columns
            rows = [markdown_row([c.title for c in columns]), markdown_row(["---"] * len(columns))]
            cells = zip(*(c.cells for c in columns), strict=True)
            rows += [markdown_row([clean(cell) for cell in row]) for row in cells]
            out.append("\n".join(rows))
        elif isinstance(block, Plots):
            lines = [f"{measure}  {plot}  {legend}" for measure, plot, legend in block.rows]
            out.append(_fenced(lines))
        else:
            out.append(_fenced(block.lines))
    return "\n\n".join(out) + "\n"


_INLINE = re.compile(r"[\\`*_\[\]<>]")
_LINE_START = re.compile(r"^(\s*(?:\d{1,9}(?=[.)](?:\s|$)))?)([#+=.)-])")
_ENTITIES = {"<": "&lt;", ">": "&gt;"}


def inline(text: str) -> str:
    """TEXT as one line of Markdown that shows as written: emphasis, code, link and HTML
    characters escaped (`<` and `>` as entities), and nothing at its start that would open a
    heading, quote or list. A bare `&` is kept: it can spell an entity, never a tag."""
    flat = clean(" ".join(text.split()))
    escaped = _INLINE.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), flat)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped, count=1)


def _code(text: str) -> str:
    """TEXT inside a code span: one line, no backtick to close it early."""
    return clean(" ".join(text.split())).replace("`", "'")


def _fenced(lines: list[str]) -> str:
    """LINES in a fenced code block whose fence no line can close."""
    body = [clean(line) for line in lines]
    longest = max((len(m) for line in body for m in re.findall(r"`+|~+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([fence + "text", *body, fence])
