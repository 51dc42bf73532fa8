"""Tables and views drawn without colour by render/drawing.py: character for character what Rich
draws, for every view and table the tool draws and for generated ones, and Rich's own drawing
wherever colour is wanted or the renderable is one drawing does not know."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from peptide_cli import evidence
from peptide_cli.catalog.loading import load_catalog
from peptide_cli.render import drawing
from peptide_cli.render.records import AUDIT, GOALS, HITS, OUTCOME_ROWS
from peptide_cli.render.stream import Stream
from peptide_cli.render.tables import Column, Grid, records_table
from peptide_cli.render.views import compound_view, goal_view

from helpers import REPO

WIDTHS = [1, 12, 40, 59, 60, 80, 100, 200]
PROPERTIES = settings(max_examples=400, deadline=None, derandomize=True, database=None)


def console(width, **options):
    """A console as `Stream.console` makes one for a pipe with no colour."""
    settings = {"markup": False, "emoji": False, "highlight": False, "color_system": None}
    return Console(file=io.StringIO(), width=width, **{**settings, **options})


def by_rich(renderable, width):
    """What Rich itself prints, each line's end spaces cut (as `Stream.show` cuts them)."""
    shown = console(width)
    with shown.capture() as captured:
        shown.print(renderable)
    return [line.rstrip() for line in captured.get().splitlines()]


def by_drawing(renderable, width):
    drawn = drawing.draw(renderable, console(width))
    assert drawn is not None
    assert drawn == "" or drawn.endswith("\n")
    return [line.rstrip() for line in drawn.splitlines()]


def drawn_as_by_rich(renderable, width):
    """Whether drawing draws RENDERABLE as Rich does, where it draws it at all."""
    drawn = drawing.draw(renderable, console(width))
    return drawn is None or [line.rstrip() for line in drawn.splitlines()] == by_rich(
        renderable, width
    )


@pytest.fixture(scope="module")
def bundled():
    """Every compound the tool ships."""
    return load_catalog(REPO / "data")


def the_views(catalog):
    for entry in evidence.entries(catalog):
        appraised = evidence.appraise(catalog, entry)
        for plain in (True, False):
            name = f"{entry.goal.id} plain={plain}"
            yield name, lambda a=appraised, p=plain: goal_view(a, plain=p)
    for compound in catalog.compounds:
        yield compound.id, lambda c=compound: compound_view(c)


def test_every_view_is_drawn_as_rich_draws_it(bundled):
    checked = 0
    for name, view in the_views(bundled):
        for width in WIDTHS:
            assert by_drawing(view(), width) == by_rich(view(), width), (name, width)
            checked += 1
    assert checked == (2 * 25 + 7) * len(WIDTHS)


def test_every_listing_table_is_drawn_as_rich_draws_it(bundled):
    catalog = bundled
    appraised = [evidence.appraise(catalog, entry) for entry in evidence.entries(catalog)]
    goals = [GOALS.record(a) for a in appraised]
    rows = [OUTCOME_ROWS.record(row) for row in evidence.outcome_rows(catalog)]
    hits = [HITS.record((hit, "brain")) for hit in evidence.search(catalog, "brain")]
    tables = [
        (goals, list(GOALS.columns), GOALS),
        (goals, ["compound_name", *GOALS.columns], GOALS),
        (goals, list(GOALS.fields), GOALS),
        ([AUDIT.record(a) for a in appraised], list(AUDIT.columns), AUDIT),
        (rows, list(OUTCOME_ROWS.columns), OUTCOME_ROWS),
        (hits, list(HITS.columns), HITS),
    ]
    for records, fields, kind in tables:
        for width in WIDTHS:
            table = records_table(records, fields, kind)
            assert by_drawing(table, width) == by_rich(table, width), (fields, width)


def test_the_goals_table_drawn_at_100_columns():
    """An exact expected drawing, not only agreement with Rich."""
    table = Grid(
        [
            Column("Goal", ["Stroke & Injury Recovery", "Sleep"], {"overflow": "fold"}),
            Column("Tier", ["3", "2-3"], {"justify": "center", "no_wrap": True}),
            Column("Studies", ["2", "10"], {"justify": "right"}),
        ]
    )
    assert by_drawing(table, 100) == [
        " Goal                       Tier   Studies",
        "───────────────────────────────────────────",
        " Stroke & Injury Recovery    3           2",
        " Sleep                      2-3         10",
    ]
    assert by_drawing(table, 30) == [  # narrower than tables go: one block per row
        "Stroke & Injury Recovery",
        "  Tier: 3 · Studies: 2",
        "Sleep",
        "  Tier: 2-3 · Studies: 10",
    ]


# Generated renderables: text of every kind of character, laid out every way drawing knows.
ASCII = [*"abcXYZ019 .,-", "  ", "word", "\t", "\n"]
characters = st.sampled_from([*ASCII, "–", "·", "é", "e\u0301", "中", "文", "😀", "\u200b"])
plain_texts = st.lists(characters, max_size=40).map("".join)
# text whose characters each take one cell, as the tool's do: drawing draws all of it
NARROW = [*ASCII, "–", "·", "•", "ö", "²", "α", "\xa0"]
narrow_texts = (
    st.lists(st.sampled_from(NARROW), max_size=40)
    .map("".join)
    .map(lambda text: "\n".join(line.rstrip() for line in text.split("\n")))
)  # no line ends in spaces: Rich 13 and 15 keep different ones of a line that is not wrapped
justify = st.sampled_from([None, "default", "left", "center", "right", "full"])
overflow = st.sampled_from([None, "fold", "crop", "ellipsis"])
flags = st.sampled_from([None, True, False])


@st.composite
def texts(draw, plain):
    return Text(
        draw(plain),
        justify=draw(justify),
        overflow=draw(overflow),
        no_wrap=draw(flags),
        style=draw(st.sampled_from(["", "bold", "dim"])),
    )


@st.composite
def tables(draw, cells):
    columns = draw(st.integers(1, 4))
    if draw(st.booleans()):
        table = Table.grid(
            padding=draw(st.sampled_from([0, (0, 1), (0, 2), (1, 1)])),
            collapse_padding=draw(st.booleans()),
            pad_edge=draw(st.booleans()),
        )
    else:
        table = Table(
            box=draw(st.sampled_from([box.SIMPLE_HEAD, box.ROUNDED, box.ASCII, box.MINIMAL])),
            show_edge=draw(st.booleans()),
            show_header=draw(st.booleans()),
            padding=draw(st.sampled_from([0, (0, 1), (1, 2)])),
            width=draw(st.sampled_from([None, None, 30])),
        )
    for index in range(columns):
        table.add_column(
            f"Column {index}",
            justify=draw(st.sampled_from(["left", "center", "right"])),
            vertical=draw(st.sampled_from(["top", "middle", "bottom"])),
            overflow=draw(st.sampled_from(["fold", "crop", "ellipsis"])),
            no_wrap=draw(st.booleans()),
            width=draw(st.sampled_from([None, None, None, 5])),
            min_width=draw(st.sampled_from([None, None, 3])),
            max_width=draw(st.sampled_from([None, None, 12])),
        )
    for _ in range(draw(st.integers(0, 4))):
        table.add_row(*(draw(cells) for _ in range(columns)))
    return table


def renderables(plain):
    return st.recursive(
        texts(plain) | plain,
        lambda inner: (
            tables(inner)
            | st.lists(inner, max_size=4).map(lambda parts: Group(*parts))
            | st.builds(
                Padding,
                inner,
                st.sampled_from([(0, 0, 0, 2), (0, 4), (1, 1, 0, 3), 1]),
                expand=st.booleans(),
            )
        ),
        max_leaves=12,
    )


@PROPERTIES
@given(renderables(narrow_texts), st.integers(1, 120))
def test_generated_renderables_of_one_cell_text_are_all_drawn_as_rich_draws_them(renderable, width):
    assert by_drawing(renderable, width) == by_rich(renderable, width)


@PROPERTIES
@given(renderables(plain_texts), st.integers(1, 120))
def test_generated_renderables_of_any_text_are_drawn_as_rich_draws_them(renderable, width):
    assert drawn_as_by_rich(renderable, width)


def test_a_crop_through_a_zero_width_character_is_left_to_rich():
    """Rich crops a line segment by segment and drops a zero-width character that begins one
    at the edge; drawing, which crops whole lines, leaves such a line to Rich."""
    inner = Table.grid(padding=(0, 1))
    inner.add_column()
    inner.add_column(min_width=3)
    inner.add_row("", "\u200b")
    outer = Table.grid()
    outer.add_column()
    outer.add_column()
    outer.add_row("", inner)
    assert drawing.draw(outer, console(3)) is None
    assert by_rich(outer, 3) == [" \u200b"]
    inner.columns[1]._cells[0] = "z"  # the same table of ASCII text is drawn here
    assert by_drawing(outer, 3) == by_rich(outer, 3) == [" z"]


@PROPERTIES
@given(st.lists(plain_texts, min_size=1, max_size=6), st.integers(1, 130))
def test_a_generated_grid_is_drawn_as_rich_draws_it(cells, width):
    grid = Grid(
        [
            Column("Name", cells, {"overflow": "fold", "style": "cyan"}),
            Column("Tier", ["2-3"] * len(cells), {"justify": "center", "no_wrap": True}),
            Column("Count", [str(len(c)) for c in cells], {"justify": "right"}),
        ]
    )
    assert by_drawing(grid, width) == by_rich(grid, width)


def titled():
    table = Table(title="A title")
    table.add_column("A")
    return table


@pytest.mark.parametrize(
    "renderable",
    [
        Panel("boxed"),
        titled(),
        Group(Text("fine"), Panel("not drawn here")),
        Group(Text("no end of line", end=""), Text("next")),
        # where Rich 13 and 15 lay text out differently
        Group(Text("centred, overflow ignored", justify="center", overflow="ignore")),
        Group(Text("x" * 79 + "  ", no_wrap=True)),
    ],
    ids=[
        "panel",
        "titled table",
        "a panel in a group",
        "text without its line end",
        "overflow ignore",
        "end spaces beyond the width, unwrapped",
    ],
)
def test_what_drawing_does_not_know_is_left_to_rich(renderable):
    assert drawing.draw(renderable, console(80)) is None


def test_colour_is_always_left_to_rich():
    assert drawing.draw(Text("x"), console(80, color_system="standard")) is None
    assert drawing.draw(Text("x"), console(80, markup=True)) is None


def test_a_pipe_is_drawn_here_and_a_terminal_by_rich(monkeypatch):
    calls = []
    draw = drawing.draw
    monkeypatch.setattr(drawing, "draw", lambda r, c: calls.append(r) or draw(r, c))
    grid = Grid([Column("Goal", ["Sleep"]), Column("Tier", ["2"])])

    pipe = Stream(io.StringIO(), terminal=False, utf8=True, width=80)
    pipe.show(grid)
    assert calls == [grid]
    assert pipe.file.getvalue() == " Goal    Tier\n" + "─" * 14 + "\n Sleep   2\n"

    terminal = Stream(io.StringIO(), terminal=True, utf8=True, width=80, color=False)
    terminal.show(grid)
    assert calls == [grid]  # not called again
    assert terminal.file.getvalue() == " Goal    Tier \n" + "─" * 14 + "\n Sleep   2    \n"

    panel = Panel("boxed", width=9)
    boxed = Stream(io.StringIO(), terminal=False, utf8=True, width=80)
    boxed.show(panel)
    assert calls == [grid, panel]  # asked, and Rich drew it
    assert boxed.file.getvalue() == "╭───────╮\n│ boxed │\n╰───────╯\n"


def test_an_ascii_pipe_gets_rich_s_ascii_lines():
    table = Table(box=box.ROUNDED)
    table.add_column("A")
    table.add_row("1")
    ascii_console = Console(
        file=io.TextIOWrapper(io.BytesIO(), encoding="ascii"),
        width=20,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None,
    )
    drawn = drawing.draw(table, ascii_console)
    with ascii_console.capture() as captured:
        ascii_console.print(table)
    assert drawn == captured.get()
    assert drawn == "+---+\n| A |\n|---|\n| 1 |\n+---+\n"
