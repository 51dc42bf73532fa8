"""A view frozen into plain data (tuples, strings, numbers, None) that `marshal` can write, and
thawed back into the same view.

Building the wheel freezes the view of every goal of the bundled catalog (see `goal_records`),
so `show` can draw it without the models, the evidence rules or the views. `thaw` makes the view
again with Rich's public constructors only (`Text`, `Group`, `Padding`, `Table.add_column`,
`Table.add_row`, and a `tables.Grid`), so a view frozen by one version of Rich is thawed by
another. `freeze` knows only what the views are built from and raises ValueError on anything
else, which fails the build rather than a user's run. The tests hold that a thawed view draws
exactly as the view it was frozen from, in colour and without.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

TABLE = (
    "width",
    "min_width",
    "safe_box",
    "padding",
    "pad_edge",
    "expand",
    "show_header",
    "show_footer",
    "show_edge",
    "show_lines",
    "leading",
    "collapse_padding",
    "style",
    "header_style",
    "footer_style",
    "border_style",
    "highlight",
)
"""A table's settings that a frozen table keeps (`Table`'s own names for them)."""

COLUMN = (
    "footer",
    "header_style",
    "footer_style",
    "style",
    "justify",
    "vertical",
    "overflow",
    "width",
    "min_width",
    "max_width",
    "ratio",
    "no_wrap",
    "highlight",
)
"""A column's settings that a frozen table keeps (`Table.add_column`'s names for them)."""


def freeze(renderable: Any) -> Any:
    """RENDERABLE as plain data. Raises ValueError for what this module cannot freeze."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from peptide_cli.render.tables import Grid

    if isinstance(renderable, str):
        return renderable
    if isinstance(renderable, Text):
        spans = tuple((s.start, s.end, _style(s.style)) for s in renderable.spans)
        return (
            "text",
            renderable.plain,
            _style(renderable.style),
            renderable.justify,
            renderable.overflow,
            renderable.no_wrap,
            renderable.end,
            renderable.tab_size,
            spans,
        )
    if isinstance(renderable, Group):
        return ("group", renderable.fit, tuple(map(freeze, renderable.renderables)))
    if isinstance(renderable, Padding):
        sides = (renderable.top, renderable.right, renderable.bottom, renderable.left)
        return (
            "padding",
            freeze(renderable.renderable),
            sides,
            _style(renderable.style),
            renderable.expand,
        )
    if isinstance(renderable, Grid):
        return ("grid", tuple((c.title, tuple(c.cells), c.options) for c in renderable.columns))
    if isinstance(renderable, Table):
        return _freeze_table(renderable)
    raise ValueError(f"cannot freeze a {type(renderable).__name__}")


def thaw(form: Any) -> RenderableType:
    """The view FORM was frozen from (see `freeze`)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Span, Text

    from peptide_cli.render.tables import Column, Grid

    if isinstance(form, str):
        return form
    kind = form[0]
    if kind == "text":
        plain, style, justify, overflow, no_wrap, end, tab_size, spans = form[1:]
        return Text(
            plain,
            style=style,
            justify=justify,
            overflow=overflow,
            no_wrap=no_wrap,
            end=end,
            tab_size=tab_size,
            spans=[Span(*span) for span in spans],
        )
    if kind == "group":
        return Group(*map(thaw, form[2]), fit=form[1])
    if kind == "padding":
        return Padding(thaw(form[1]), form[2], style=form[3], expand=form[4])
    if kind == "grid":
        columns = [Column(title, list(cells), dict(options)) for title, cells, options in form[1]]
        return Grid(columns, drop_empty=False)
    if kind == "table":
        return _thaw_table(form)
    raise ValueError(f"not a frozen view: {kind!r}")


def _freeze_table(table: Any) -> Any:
    if table.title or table.caption or table.row_styles or table.box is not None:
        raise ValueError("cannot freeze a table with a title, caption, row styles or box")
    settings = {name: getattr(table, name) for name in TABLE}
    for name in ("style", "header_style", "footer_style", "border_style"):
        settings[name] = _style(settings[name])
    columns = []
    for column in table.columns:
        options = {name: getattr(column, name) for name in COLUMN}
        for name in ("header_style", "footer_style", "style"):
            options[name] = _style(options[name])
        options["footer"] = freeze(options["footer"])
        columns.append((freeze(column.header), options, tuple(map(freeze, column.cells))))
    rows = tuple((_style(row.style), row.end_section) for row in table.rows)
    return ("table", settings, tuple(columns), rows)


def _thaw_table(form: Any) -> Any:
    from rich.table import Table

    _, settings, columns, rows = form
    table = Table(box=None, **settings)
    for header, options, _cells in columns:
        table.add_column(thaw(header), **{**options, "footer": thaw(options["footer"])})
    cells = [[thaw(cell) for cell in column[2]] for column in columns]
    for (style, end_section), row in zip(rows, zip(*cells, strict=True), strict=True):
        table.add_row(*row, style=style, end_section=end_section)
    return table


def _style(style: Any) -> str | None:
    """A style as the text it is written with; a Style object is not frozen."""
    if style is None or isinstance(style, str):
        return style
    raise ValueError(f"cannot freeze the style {style!r}")
