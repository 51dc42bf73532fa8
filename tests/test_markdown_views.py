"""`show --format markdown` and `explain --format markdown`: the view a terminal shows, as
Markdown for notes, with the data escaped so that it is read as text (#28)."""

import html
import re

import pytest
from markdown_it import MarkdownIt

from minimal import edit

RENDERER = MarkdownIt("commonmark").enable("table")


def words(text: str) -> str:
    """TEXT with its whitespace collapsed, for comparing what a reader sees."""
    return " ".join(text.split())


def seen(markdown: str) -> str:
    """What a reader of MARKDOWN sees: its HTML without tags, entities read."""
    rendered = RENDERER.render(markdown)
    return words(html.unescape(re.sub(r"<[^>]+>", " ", rendered)))


def test_show_markdown_heads_the_goal_then_sections_then_each_study(run):
    out = run("show", "cognition-memory", "--format", "markdown").stdout
    goal = run.json("show", "cognition-memory", "--json")
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings[0] == "# Cognition & Memory `cognition-memory`"
    assert "## Limitations" in headings
    assert "## What this evidence could not show" in headings
    assert f"## Studies ({len(goal['studies'])})" in headings
    studies = [line for line in headings if line.startswith("### ")]
    assert studies == [f"### {s['label']} `{s['id']}`" for s in goal["studies"]]


def test_show_markdown_gives_each_studys_outcomes_as_a_table(run):
    out = run("show", "cognition-memory", "--format", "markdown").stdout
    tokens = RENDERER.parse(out)
    tables = [t for t in tokens if t.type == "table_open"]
    goal = run.json("show", "cognition-memory", "--json")
    with_outcomes = [s for s in goal["studies"] if s["outcomes"]]
    assert len(tables) == len(with_outcomes)
    assert "| Measure | Effect | Result |" in out


def test_show_markdown_says_what_the_text_view_says(run):
    text = words(run("show", "stroke-recovery", "--no-pager", env={"COLUMNS": "1000"}).stdout)
    markdown = seen(run("show", "stroke-recovery", "--format", "markdown").stdout)
    goal = run.json("show", "stroke-recovery", "--json")
    for said in (goal["summary"], *goal["limitations"], goal["name"]):
        assert words(said) in text and words(said) in markdown


def test_explain_markdown_holds_every_line_of_explain(run):
    text = run("explain", "stroke-recovery").stdout
    markdown = run("explain", "stroke-recovery", "--format", "markdown").stdout
    reader = seen(markdown)
    for line in text.splitlines():
        assert words(line) in reader, line
    assert markdown.startswith("# Stroke & Injury Recovery (stroke-injury-recovery) · Tier ")
    assert "\n## Outcome: " in markdown and "\n```text\nstart " in markdown


def test_explain_markdown_text_is_unchanged_by_the_blocks(run):
    """The text of explain is the blocks written plain: its first lines as they always were."""
    lines = run("explain", "stroke-recovery").stdout.splitlines()
    assert lines[0].startswith("Stroke & Injury Recovery (stroke-injury-recovery) · Tier ")
    assert lines[3] == ""
    assert lines[4].startswith("Outcome: ")
    assert lines[5].startswith("  ") and lines[6].startswith("  start ")


def test_markdown_data_is_text_not_markup(run, tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(
        edit(
            "summary: Test goal.",
            "summary: '<script>alert(1)</script> *bold* [link](http://evil) `code` # no heading'",
        ),
        encoding="utf-8",
    )
    out = run("--data", str(path), "show", "focus", "--format", "markdown").stdout
    rendered = RENDERER.render(out)
    assert "<script" not in rendered and "<em>" not in rendered and "<a " not in rendered
    assert "<code>code</code>" not in rendered
    assert (
        "<script>alert(1)</script> *bold* [link](http://evil) `code` # no heading"
        in html.unescape(rendered)
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. not a list", "1\\. not a list"),
        ("2.5 kg", "2.5 kg"),
        ("- not a list", "\\- not a list"),
        ("# not a heading", "\\# not a heading"),
        ("a < b > c & d", "a &lt; b &gt; c & d"),
        ("x\x1b[31m", "x␛\\[31m"),
    ],
)
def test_inline_markdown_escapes_what_would_be_read_as_syntax(line, expected):
    from peptide_cli.render.document import inline

    assert inline(line) == expected


@pytest.mark.parametrize("command", ["show", "explain"])
def test_json_and_markdown_together_are_a_usage_error(run, command):
    result = run(command, "focus", "--json", "--format", "markdown")
    assert result.exit_code == 2
    assert result.stderr == (
        "peptide-cli: --json and --format markdown ask for different formats\n"
    )


@pytest.mark.parametrize(
    ("count", "more"), [(3, None), (4, "  … and 1 more (JSON and Markdown list them all)")]
)
def test_a_terminal_shows_so_many_items_of_a_list_and_says_how_many_more(
    run, tmp_path, monkeypatch, count, more
):
    """R4: a list is laid out in time that grows with its length, so a terminal shows at most
    BULLETS_SHOWN items of it; Markdown (and JSON) keep every one."""
    from peptide_cli.render import document

    monkeypatch.setattr(document, "BULLETS_SHOWN", 3)
    items = [f"limit {n}" for n in range(count)]
    path = tmp_path / "claims.yaml"
    path.write_text(
        edit("summary: Test goal.", f"summary: Test goal.\n        limitations: {items}"),
        encoding="utf-8",
    )
    lines = run("--data", str(path), "show", "focus").stdout.splitlines()
    shown = [line for line in lines if line.startswith("  • limit ")]
    assert shown == [f"  • limit {n}" for n in range(3)]
    assert [line for line in lines if "more (JSON" in line] == ([more] if more else [])
    markdown = run("--data", str(path), "show", "focus", "--format", "markdown").stdout
    assert [line for line in markdown.splitlines() if line.startswith("- limit ")] == [
        f"- limit {n}" for n in range(count)
    ]
