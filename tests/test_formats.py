"""Output formats, field selection and sorting, the same for every listing command."""

import csv
import io
import json
import re
import sys
import weakref

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FOLDER, TIER_1, TIER_2, TIER_3, generator

GOAL_COLUMNS = [
    "name",
    "tier_range",
    "tier_label",
    "tier_stated_range",  # the tier a source states, beside the computed one (#26)
    "study_count",
    "human_study_count",
    "flag_summary",
]
# Listing commands, each with arguments that give it several records.
LISTINGS = {
    "audit": ["audit"],
    "goals": ["goals"],
    "filter": ["filter", "--min-tier", "2"],
    "compare": ["--data", str(FOLDER), "compare", "sleep"],
    "studies": ["studies"],
    "search": ["search", "stroke"],
}
DEFAULT_COLUMNS = {
    "goals": GOAL_COLUMNS,
    "filter": GOAL_COLUMNS,
    "compare": ["compound_name", *GOAL_COLUMNS, "population"],
    "audit": [
        "name",
        "tier_range",
        "tier_stated_range",
        "certainty",
        "strongest_design",
        "people",
        "flag_codes",
    ],
    "studies": [
        "goal_name",
        "study_label",
        "design",
        "species",
        "n_range",
        "measure",
        "effect_type",
        "result",
        "ci",
        "p",
        "timepoint",
        "certainty",  # the rule-based certainty of the outcome (#12)
        "source_notes",  # the kinds of note on the row's figure (#11)
    ],
    "search": ["kind", "name", "field", "snippet"],
}
BOX_DRAWING = re.compile("[\u2500-\u257f]")


def flat(value, spreadsheet: bool = False) -> str:
    """How the README says csv, tsv and plain put a value in one cell; in a SPREADSHEET format
    (csv, tsv), text that would start a formula begins with `'`."""
    if spreadsheet and not isinstance(value, int | float):
        text = flat(value)
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t")) else text
    if value is None:
        return ""
    if value is True or value is False:
        return str(value).lower()
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(flat(v) for v in value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def output(run, args, *extra, env=None):
    result = run(*args, *extra, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.fixture(params=sorted(LISTINGS))
def listing(request, run):
    args = LISTINGS[request.param]
    records = json.loads(output(run, args, "--json"))
    assert len(records) >= 2
    return request.param, args, records


def test_json_is_the_same_as_format_json(run, listing):
    _, args, records = listing
    assert json.loads(output(run, args, "--format", "json")) == records


def test_jsonl_holds_the_same_records(run, listing):
    _, args, records = listing
    lines = output(run, args, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == records


def test_yaml_holds_the_same_records(run, listing):
    _, args, records = listing
    assert yaml.safe_load(output(run, args, "--format", "yaml")) == records


@pytest.mark.parametrize(("form", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_hold_the_same_records_flattened(run, listing, form, delimiter):
    _, args, records = listing
    reader = csv.DictReader(io.StringIO(output(run, args, "--format", form)), delimiter=delimiter)
    assert reader.fieldnames == list(records[0])
    expected = [{key: flat(value, spreadsheet=True) for key, value in r.items()} for r in records]
    assert list(reader) == expected


def test_plain_is_the_default_when_piped(run, listing):
    name, args, records = listing
    text = output(run, args)
    assert text == output(run, args, "--format", "plain")
    assert "\x1b[" not in text
    assert not BOX_DRAWING.search(text)
    lines = text.splitlines()
    columns = DEFAULT_COLUMNS[name]
    assert lines[0].split("\t") == columns
    expected = [[" ".join(flat(r[c]).split()) for c in columns] for r in records]
    assert [line.split("\t") for line in lines[1:]] == expected


def test_piped_output_stays_plain_even_with_forced_colour(run):
    text = output(run, ["goals"], env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in text
    assert not BOX_DRAWING.search(text)


def test_markdown_is_a_github_table(run, listing):
    name, args, records = listing
    lines = output(run, args, "--format", "markdown").splitlines()
    assert len(lines) == 2 + len(records)
    assert lines[1] == "| " + " | ".join(["---"] * len(DEFAULT_COLUMNS[name])) + " |"
    for line in lines:
        assert line.startswith("| ")
        assert line.endswith(" |")
        assert len(re.findall(r"(?<!\\)\|", line)) == len(DEFAULT_COLUMNS[name]) + 1


def test_markdown_of_goals(run):
    args = ["filter", "--min-tier", "2", "--max-tier", "2", "--by", "stated"]
    lines = output(run, [*args, "--format", "markdown"])
    assert lines.splitlines() == [
        "| Goal | Tier | Evidence | Stated | Studies | Human | Flags |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| Sleep Quality | 2 | Plausible Efficacy | 2 | 1 | 1 | 6 (high) |",
        "| Immune Support | 2 | Plausible Efficacy | 2 | 1 | 1 | 8 (high) |",
        "| Energy & Mitochondrial Function | 2 | Plausible Efficacy | 2 | 2 | 0 | 7 (high) |",
        "| Liver & Heart Health | 2 | Plausible Efficacy | 2-3 | 2 | 1 | 6 (high) |",
    ]


def test_table_format_draws_a_table(run):
    text = output(run, ["goals"], "--format", "table", env={"COLUMNS": "120"})
    assert BOX_DRAWING.search(text)
    assert text.split()[:7] == ["Goal", "Tier", "Evidence", "Stated", "Studies", "Human", "Flags"]


# --fields ----------------------------------------------------------------------------------


def test_fields_pick_and_order_json_keys(run):
    goals = json.loads(output(run, ["goals", "--json", "--fields", "tier,id"]))
    assert goals[0] == {"tier": 3, "id": "cognition-memory"}
    assert all(list(goal) == ["tier", "id"] for goal in goals)


@pytest.mark.parametrize("form", ["plain", "csv", "tsv"])
def test_fields_pick_columns(run, form):
    text = output(run, ["filter", "--min-tier", "2", "--format", form, "--fields", "id,tier"])
    separator = "," if form == "csv" else "\t"
    assert text.splitlines()[:3] == [
        f"id{separator}tier",
        f"cognition-memory{separator}3",
        f"stroke-injury-recovery{separator}2",
    ]


def test_fields_keep_nested_values_in_yaml_and_flatten_them_in_csv(run):
    records = yaml.safe_load(output(run, ["goals", "--format", "yaml", "--fields", "id,aliases"]))
    assert records[-1] == {
        "id": "gut",
        "aliases": ["gut", "digestion", "digestive", "gastrointestinal"],
    }
    rows = list(
        csv.reader(
            io.StringIO(
                output(run, ["goals", "--format", "csv", "--fields", "id,reported_study_counts"])
            )
        )
    )
    assert rows[7] == ["immune", '{"rct":1,"observational":5}']


def test_an_unknown_field_is_a_usage_error_listing_the_fields(run):
    result = run("goals", "--fields", "id,teir")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "peptide-cli: unknown field 'teir' in --fields; available: compound, compound_name, id, "
        "name, aliases, tier, tier_max, tier_range, tier_label, tier_stated_range, summary, "
        "limitations, study_count, human_study_count, study_ids, reported_study_counts, "
        "strongest_design, human_participants, people, flag_codes, flag_summary, profile, flags, "
        "certainty, certainty_basis, tier_stated, tier_stated_max, tier_stated_label, "
        "tier_computed, tier_rule, tier_why, population, evidence_searched, evidence_up_to\n"
    )


def test_json_and_another_format_disagree(run):
    result = run("goals", "--json", "--format", "csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "peptide-cli: --json and --format csv ask for different formats\n"


def test_an_unknown_format_is_a_usage_error(run):
    result = run("goals", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.startswith("peptide-cli: Invalid value for '--format': ")


# --sort and --reverse ---------------------------------------------------------------------


def test_sort_by_tier_keeps_file_order_within_a_tier(run):
    goals = json.loads(output(run, ["goals", "--json", "--sort", "tier", "--fields", "id"]))
    assert [g["id"] for g in goals] == TIER_1 + TIER_2 + TIER_3


def test_sort_by_name_reversed(run):
    goals = json.loads(
        output(
            run,
            [
                "filter",
                "--min-tier",
                "3",
                "--by",
                "stated",
                "--json",
                "--sort",
                "name",
                "--reverse",
                "--fields",
                "name",
            ],
        )
    )
    assert [g["name"] for g in goals] == [
        "Stroke & Injury Recovery",
        "Mood & Stress Resilience",
        "Longevity & Age-Related Decline",
        "Hair Repigmentation",
        "Cognition & Memory",
        "Anti-Inflammatory Effects",
    ]


def test_sort_studies_by_n_puts_missing_sizes_last(run):
    rows = json.loads(output(run, ["studies", "--json", "--sort", "n", "--fields", "study,n"]))
    sizes = [row["n"] for row in rows]
    known = [n for n in sizes if n is not None]
    assert known == sorted(known)
    assert sizes == known + [None] * (len(sizes) - len(known))
    assert known[0] == 5
    assert known[-1] == 1779  # Zhang 2017, the largest synthesis behind a goal
    rows = json.loads(
        output(run, ["studies", "--json", "--sort", "n", "--reverse", "--fields", "n"])
    )
    assert rows[0]["n"] == 1779
    assert rows[-1]["n"] is None


def test_reverse_without_sort_reverses_file_order(run):
    goals = json.loads(output(run, ["goals", "--json", "--reverse", "--fields", "id"]))
    assert goals[0] == {"id": "gut"}
    assert goals[-1] == {"id": "cognition-memory"}


def test_an_unknown_sort_field_is_a_usage_error(run):
    result = run("studies", "--sort", "size")
    assert result.exit_code == 2
    assert result.stderr.startswith("peptide-cli: unknown field 'size' in --sort; available: ")


# Streaming: the line formats and JSON write each record as soon as it is built -----------------


@pytest.mark.parametrize(
    ("form", "by", "expected"),
    [
        ("jsonl", None, [1, 2, 3, 4, 5]),
        ("csv", None, [0, 1, 2, 3, 4, 5]),  # the header, then a row per record
        ("tsv", None, [0, 1, 2, 3, 4, 5]),
        ("plain", None, [0, 1, 2, 3, 4, 5]),
        ("json", None, [1, 2, 3, 4, 5, 5, 5]),  # `[` and each record, then `]` and a newline
        ("jsonl", "name", [5]),  # sorting needs every record first
        ("json", "name", [5]),
        ("yaml", None, [5]),  # one document
        ("markdown", None, [5]),
    ],
)
def test_line_formats_and_json_write_each_record_as_it_is_built(form, by, expected):
    from peptide_cli.render import listing
    from peptide_cli.render.records import GOALS
    from peptide_cli.render.stream import Stream

    built: list[int] = []
    seen: list[int] = []  # how many records had been built at each write

    def records():
        for index in range(5):
            built.append(index)
            yield {"name": f"goal {index}", "tier_range": str(index)}

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            seen.append(len(built))
            return super().write(text)

    out = Recorder()
    written = listing.write(records(), GOALS, listing.Listing(form, "name", by), Stream(out))
    assert (seen, written) == (expected, 5)
    assert "goal 4" in out.getvalue()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(json_values, max_size=5), st.booleans(), st.booleans())
def test_json_written_an_item_at_a_time_is_the_same_text(items, terminal, utf8):
    from peptide_cli.render.stream import Stream, json_array, to_json

    stream = Stream(io.StringIO(), terminal=terminal, utf8=utf8)
    assert "".join(json_array(iter(items), stream)) == to_json(items, stream)


@pytest.mark.parametrize(
    "args",
    [
        ("studies", "--format", "jsonl"),
        ("studies", "--format", "csv"),
        ("goals", "--json"),
        ("goals", "--format", "tsv"),
    ],
)
def test_the_first_record_is_written_before_the_catalog_is_fully_read(tmp_path, monkeypatch, args):
    """From the cache, a catalog's compounds are read one at a time as a listing goes: the first
    record is out before the second of three compounds is read, and at most one compound's
    records are held at any time."""
    from peptide_cli.catalog import cache, models
    from peptide_cli.cli import app

    data = generator().write(tmp_path / "three", 300)  # three compounds of 100 studies
    folder = tmp_path / "cache"
    monkeypatch.setenv("PEPTIDE_CLI_CACHE_DIR", str(folder))
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    assert app(["--data", str(data), "validate", "--json"], standalone_mode=False) == 0

    read: list[int] = []  # the sections read so far, in order
    held: list[int] = []  # how many compounds were alive at each write
    at_first_write: list[list[int]] = []
    section = cache.Sections.__getitem__

    def reading(self, index):
        if isinstance(index, int) and index not in self._held:
            read.append(index)
        return section(self, index)

    monkeypatch.setattr(cache.Sections, "__getitem__", reading)
    rebuilt: list[weakref.ref[models.Compound]] = []  # every compound read, weakly
    loads = models.loads

    def tracked(data, start=0, **kwargs):
        value = loads(data, start, **kwargs)
        if isinstance(value, models.Compound):
            rebuilt.append(weakref.ref(value))
        return value

    monkeypatch.setattr(models, "loads", tracked)

    real = sys.stdout

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            if not at_first_write and ("compound-0" in text or "Synthetide 0" in text):
                at_first_write.append(list(read))  # the first record, after any header
            held.append(sum(compound() is not None for compound in rebuilt))
            return super().write(text)

    out = Recorder()
    monkeypatch.setattr(sys, "stdout", out)
    try:
        assert app(["--data", str(data), *args], standalone_mode=False) == 0
    finally:
        monkeypatch.setattr(sys, "stdout", real)
    assert at_first_write == [[0]]
    assert read == [0, 1, 2]
    assert max(held) == 1
    assert out.getvalue().count("compound-2") >= 1


@given(st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True)))
def test_a_number_in_a_cell_is_as_json_writes_it(number):
    """Cells write numbers without importing json; they must read as JSON's own."""
    from peptide_cli.render.text import cell

    assert cell(number) == json.dumps(number)


def test_numbers_in_cells():
    from peptide_cli.render.text import cell

    values = [0, -7, 2.5, 1e20, 1e-7, float("nan"), float("inf"), float("-inf")]
    expected = ["0", "-7", "2.5", "1e+20", "1e-07", "NaN", "Infinity", "-Infinity"]
    assert [cell(value) for value in values] == expected
