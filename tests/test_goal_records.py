"""The goals' records the wheel prepares for the bundled catalog (render/goal_records.py): used
only while they match the installed claims files and the tool's version, and written exactly
as the records worked out from the catalog are, for every command, option, format and error."""

import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from peptide_cli.catalog import loading, prebuilt, reading
from peptide_cli.errors import CatalogError
from peptide_cli.render import goal_records, listing
from peptide_cli.render.records import GOAL_DETAIL, GOALS
from peptide_cli.render.stream import JsonText, Stream, to_json

from helpers import REPO

FORMATS = ["table", "plain", "json", "jsonl", "csv", "tsv", "yaml", "markdown"]
TIERS = [None, 0, 1, 2, 3, 4, 5]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled folder as a wheel installs it: the claims files, the catalog's snapshot and
    the goals' records."""
    folder = tmp_path_factory.mktemp("installed") / "data"
    shutil.copytree(REPO / "data", folder)
    (folder / prebuilt.PREBUILT).write_bytes(loading.prebuild(folder))
    (folder / goal_records.PREPARED).write_bytes(goal_records.prebuild(folder))
    return folder


@pytest.fixture
def installed(built, monkeypatch):
    """Runs read the bundled catalog of BUILT (PEPTIDE_CLI_DATA, set for most tests, is not)."""
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    monkeypatch.setattr(reading, "bundled_path", lambda: built)
    return built


def outcome(result):
    return result.exit_code, result.stdout, result.stderr


def both(run, monkeypatch, *args):
    """What `peptide-cli ARGS` gives from the prepared records (the catalog is never loaded),
    and what it gives from the catalog."""

    def no_catalog(*args, **kwargs):
        raise AssertionError("the catalog was loaded although the records are prepared")

    with monkeypatch.context() as patch:
        patch.setattr(loading, "load", no_catalog)
        prepared = outcome(run(*args))
    with monkeypatch.context() as patch:
        patch.setattr(goal_records, "read", lambda folder: None)
        worked = outcome(run(*args))
    return prepared, worked


LISTINGS = [
    *(["goals", "--format", form] for form in FORMATS),
    ["goals", "--json"],
    ["goals", "--json", "--fields", "id,tier,compound"],
    ["goals", "--format", "csv", "--fields", "name,flag_codes,profile"],
    ["goals", "--json", "--sort", "tier"],
    ["goals", "--format", "jsonl", "--sort", "human_participants", "--reverse"],
    ["goals", "--json", "--reverse"],
    ["goals", "--compound", "sema", "--json"],
    ["goals", "--compound", "Cerebrolysin", "--format", "table"],
    ["goals", "--compound", "bpc-157", "--format", "plain"],
    ["goals", "--compound", "t"],  # tesamorelin and thymosin: ambiguous
    ["goals", "--compound", "insulin"],
    ["goals", "--compound", ""],
    ["goals", "--fields", "bogus"],
    ["goals", "--sort", "bogus", "--json"],
    *(["filter", "--min-tier", "3", "--format", form] for form in FORMATS),
    ["filter", "--max-tier", "2", "--compound", "semaglutide", "--json"],
    ["filter", "--min-tier", "2", "--max-tier", "3", "--fields", "id,tier,tier_max", "--json"],
    ["filter", "--min-tier", "4", "--format", "table"],  # nothing at Tier 4: a note on stderr
    ["filter", "--min-tier", "3", "--compound", "nothing-like-it", "--json"],
]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_listing_from_prepared_records_is_the_listing_from_the_catalog(
    installed, run, monkeypatch, args
):
    prepared, worked = both(run, monkeypatch, *args)
    assert prepared == worked


@pytest.mark.parametrize("low", TIERS)
@pytest.mark.parametrize("high", TIERS)
def test_every_range_of_tiers_selects_the_same_goals(installed, run, monkeypatch, low, high):
    args = ["filter", "--json"]
    args += [] if low is None else ["--min-tier", str(low)]
    args += [] if high is None else ["--max-tier", str(high)]
    prepared, worked = both(run, monkeypatch, *args)
    assert prepared == worked


def every_goal_name(folder):
    """Every id and alias of every goal of the catalog in FOLDER, with its compound's id."""
    catalog = loading.load_catalog(folder)
    return [
        (compound.id, name)
        for compound in catalog.compounds
        for goal in compound.goals
        for name in (goal.id, goal.name, *goal.aliases)
    ]


def test_every_goal_shown_as_json_is_the_goal_from_the_catalog(installed, run, monkeypatch):
    names = every_goal_name(installed)
    assert len(names) > 100
    for compound, name in names:
        for args in (["show", name, "--json"], ["show", name, "--compound", compound, "--json"]):
            prepared, worked = both(run, monkeypatch, *args)
            assert prepared == worked, args


def test_every_goal_shown_is_the_view_from_the_catalog(installed, run, monkeypatch):
    """Each goal's view, as a pipe gets it, by id, with and without its compound (an id that
    several compounds' goals share is an error without one, from both)."""
    catalog = loading.load_catalog(installed)
    shown = []
    for compound in catalog.compounds:
        for goal in compound.goals:
            for args in (["show", goal.id], ["show", goal.id, "--compound", compound.id]):
                prepared, worked = both(run, monkeypatch, *args)
                assert prepared == worked, args
                shown.append(prepared[0])
                if args[-1] == compound.id:
                    assert prepared[0] == 0 and goal.name in prepared[1]
    assert len(shown) == 2 * 25
    assert shown.count(0) > 40


@pytest.mark.parametrize(
    "args",
    [
        ["show", "stroke"],
        ["show", "heart health"],
        ["show", "zzz"],
        ["show", "stroek"],
        ["show", "memory", "--compound", "oxytocin"],
        ["show", "a"],
        ["show", "stroke", "--compound", "insulin"],
        ["show", "stroke", "--no-color"],
    ],
    ids=" ".join,
)
def test_a_goal_shown_or_its_error_is_as_from_the_catalog(installed, run, monkeypatch, args):
    prepared, worked = both(run, monkeypatch, *args)
    assert prepared == worked


def test_a_prepared_view_draws_as_the_view_from_the_catalog_in_colour(installed):
    """On a terminal the view is Rich's, in colour: the thawed view draws exactly as the view
    worked out from the catalog, for a terminal's glyphs and for a pipe's."""
    from rich.console import Console

    from peptide_cli import evidence
    from peptide_cli.render.views import goal_view

    def drawn(view):
        console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="256")
        console.print(view)
        return console.file.getvalue()

    catalog = loading.load_catalog(installed)
    prepared = goal_records.read(installed)
    assert prepared is not None
    for entry in evidence.entries(catalog):
        appraised = evidence.appraise(catalog, entry)
        for plain in (True, False):
            view = prepared.view(entry.goal.id, prepared.compound(entry.compound.id), plain=plain)
            assert drawn(view) == drawn(goal_view(appraised, plain=plain)), entry.goal.id
    stroke = drawn(prepared.view("stroke", None, plain=False))
    assert "\x1b[1mStroke & Injury Recovery\x1b[0m" in stroke  # the name, in bold
    sepsis = {plain: drawn(prepared.view("sepsis", None, plain=plain)) for plain in (True, False)}
    assert "●" in sepsis[False] and "●" not in sepsis[True]  # a forest plot's point estimate
    assert sepsis[False].replace("●", "o") != sepsis[True]  # and its other glyphs


@pytest.mark.parametrize(
    "args",
    [
        ["show", "stroke", "--json"],
        ["show", "strok", "--json"],  # a prefix
        ["show", "heart health", "--json"],
        ["show", "", "--json"],
        ["show", "zzz", "--json"],
        ["show", "stroek", "--json"],  # a near miss: suggestions
        ["show", "memory", "--json", "--compound", "oxytocin"],
        ["show", "a", "--json"],  # several goals
        ["show", "stroke", "--json", "--compound", "insulin"],
    ],
    ids=" ".join,
)
def test_a_goal_shown_as_json_or_its_error_is_as_from_the_catalog(
    installed, run, monkeypatch, args
):
    prepared, worked = both(run, monkeypatch, *args)
    assert prepared == worked


def test_the_prepared_records_are_the_records_of_the_catalog(installed):
    """The exact expected values: each goal's record and its detail, in catalog order."""
    from peptide_cli import evidence

    catalog = loading.load_catalog(installed)
    prepared = goal_records.read(installed)
    assert prepared is not None
    expected = [evidence.appraise(catalog, entry) for entry in evidence.entries(catalog)]
    assert [record.value() for record in prepared.goals(None)] == [
        GOALS.record(appraised) for appraised in expected
    ]
    assert [c.id for c in prepared.compounds] == [c.id for c in catalog.compounds]
    assert prepared.tiers == catalog.tiers == [1, 2, 3, 4]
    stroke = prepared.detail("stroke", None)
    assert isinstance(stroke, JsonText)
    found = evidence.find_goal(catalog, "stroke")
    assert stroke.value() == GOAL_DETAIL.record(evidence.appraise(catalog, found))


STREAMS = [
    Stream(io.StringIO(), terminal=False, utf8=True),
    Stream(io.StringIO(), terminal=False, utf8=False),
    Stream(io.StringIO(), terminal=True, utf8=True, width=100),
    Stream(io.StringIO(), terminal=True, utf8=False, width=100),
]


@pytest.mark.parametrize("stream", STREAMS, ids=["pipe", "ascii pipe", "terminal", "ascii tty"])
@pytest.mark.parametrize("form", ["json", "jsonl", "yaml", "csv"])
def test_prepared_text_follows_the_described_stream(installed, stream, form):
    """A record kept as JSON text is written as it is only to a UTF-8 pipe; anywhere else it is
    read back and written as any record is."""
    from peptide_cli import evidence

    catalog = loading.load_catalog(installed)
    records = [GOALS.record(evidence.appraise(catalog, e)) for e in evidence.entries(catalog)]
    prepared = goal_records.read(installed)

    def written(items):
        out = io.StringIO()
        to = Stream(out, stream.terminal, stream.utf8, stream.width, stream.color)
        listing.write(items, GOALS, listing.Listing(form), to)
        return out.getvalue()

    expected = written(records)
    assert written(prepared.goals(None)) == expected
    assert "Cognition & Memory" in expected
    detail = prepared.detail("stroke", None)
    assert to_json(detail, stream) == to_json(detail.value(), stream)


def test_json_text_is_written_as_it_is_only_to_a_utf8_pipe():
    text = JsonText('{"a":"\\u0085α"}')  # as escaped: C1 controls stay escapes
    assert to_json(text, Stream(io.StringIO(), terminal=False, utf8=True)) == text
    assert to_json(text, Stream(io.StringIO(), terminal=False, utf8=False)) == (
        '{"a":"\\u0085\\u03b1"}'
    )
    terminal = Stream(io.StringIO(), terminal=True, utf8=True)
    assert to_json(text, terminal) == '{\n  "a": "\\u0085α"\n}'


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "claims.yaml").write_bytes(
            (folder / "claims.yaml").read_bytes().replace(b"label: CARS\n", b"label: CARZ\n")
        ),
        lambda folder: (folder / "compound-bpc-157.yaml").unlink(),
        lambda folder: (folder / "extra.yaml").write_bytes(
            (folder / "compound-bpc-157.yaml").read_bytes().replace(b"bpc-157", b"bpc-158")
        ),
    ],
    ids=["edited", "removed", "added"],
)
def test_records_of_other_files_are_not_used(built, tmp_path, change):
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    assert goal_records.read(folder) is not None
    change(folder)
    assert goal_records.read(folder) is None


def test_an_edit_of_the_same_size_is_seen(built, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    path = folder / "compound-oxytocin.yaml"
    content = path.read_bytes()
    at = content.index(b"oxytocin")
    path.write_bytes(content[:at] + b"Oxytocin" + content[at + 8 :])
    assert goal_records.read(folder) is None


def test_records_of_another_version_are_not_used(built, monkeypatch):
    assert goal_records.read(built) is not None
    monkeypatch.setattr(goal_records, "__version__", "0.0.0-another")
    assert goal_records.read(built) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[:10],
        lambda data: data[:200],
        lambda data: data.replace(goal_records.MAGIC, b"x" * len(goal_records.MAGIC)),
        lambda data: goal_records.MAGIC + (2**62).to_bytes(8, "little") + data[40:],
        lambda data: goal_records.MAGIC + b"\x05\x00\x00\x00\x00\x00\x00\x00xxxxx",
        lambda data: data[: len(data) // 2],  # the records cut short
        lambda data: data[:-100],  # the last goal's detail cut short
        lambda data: data + b" ",
    ],
)
def test_damaged_records_are_not_used_and_the_catalog_answers(
    built, tmp_path, monkeypatch, run, damage
):
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    path = folder / goal_records.PREPARED
    whole = run.json("--data", str(built), "goals", "--json")
    path.write_bytes(damage(path.read_bytes()))
    assert goal_records.read(folder) is None
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    monkeypatch.setattr(reading, "bundled_path", lambda: folder)
    assert run.json("goals", "--json") == whole
    assert len(whole) == 25


def test_an_invalid_catalog_prepares_nothing(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    path = folder / "claims.yaml"
    path.write_bytes(path.read_bytes().replace(b"\ncompounds:", b"\nunknown_key: 1\ncompounds:", 1))
    with pytest.raises(CatalogError):
        goal_records.prebuild(folder)


def test_given_data_never_reads_the_prepared_records(installed, run, monkeypatch):
    """--data, even naming the bundled folder, and PEPTIDE_CLI_DATA mean the catalog."""
    calls = []
    monkeypatch.setattr(goal_records, "read", lambda folder: calls.append(folder))
    run("--data", str(installed), "goals", "--json")
    run("goals", "--data", str(installed), "--json")
    run("goals", "--json", env={"PEPTIDE_CLI_DATA": str(installed)})
    assert calls == []
    run("goals", "--json")
    assert calls == [installed]


def test_prepared_records_are_written_without_models_rules_or_json(built):
    """The import boundary that makes these commands fast: the prepared records are written as
    they are, without the models, the evidence rules, the json module or a validator."""
    script = (
        "import sys, io, contextlib\n"
        "from pathlib import Path\n"
        "from peptide_cli.catalog import reading\n"
        f"reading.bundled_path = lambda: Path({str(built)!r})\n"
        "sys.argv = ['peptide-cli', *sys.argv[1:]]\n"
        "from peptide_cli.cli import app\n"
        "out = io.TextIOWrapper(io.BytesIO(), encoding='utf-8')\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        app()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "out.flush()\n"
        "print(len(out.buffer.getvalue()), ' '.join(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PEPTIDE_CLI_DATA"}
    runs = [
        ["goals", "--json"],
        ["filter", "--min-tier", "3", "--json"],
        ["show", "stroke", "--json"],
        ["show", "stroke"],
        ["goals", "--format", "table"],
        ["goals", "--format", "plain"],
    ]
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        size, *modules = done.stdout.split()
        assert int(size) > 1000
        assert "peptide_cli.render.goal_records" in modules
        assert {
            "peptide_cli.catalog.models",
            "peptide_cli.catalog.cache",
            "peptide_cli.evidence.appraisal",
            "peptide_cli.evidence.certainty",
        }.isdisjoint(modules)
        top = {m.split(".")[0] for m in modules}
        assert top.isdisjoint({"json", "pydantic", "yaml"}), args
        assert "peptide_cli.render.views" not in modules
        assert ("rich" in top) == (args[-1] in ("table", "stroke"))


def test_the_answers_are_parsed_the_same_by_json(built):
    """The records' text is JSON a reader parses to the records themselves."""
    prepared = goal_records.read(built)
    text = "[" + ",".join(prepared.goals(None)) + "]"
    assert [goal["id"] for goal in json.loads(text)][:3] == [
        "cognition-memory",
        "stroke-injury-recovery",
        "anti-inflammatory",
    ]
