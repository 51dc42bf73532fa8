"""Hostile input and a hostile environment (#10): a claims file may come from anyone, and the tool
never runs its code, never serves forged evidence, never crashes, never guesses silently, and
never lets its text act on a terminal, a spreadsheet or a reference manager."""

import csv
import hashlib
import hmac
import io
import json
import os
import pickle
import random
import re
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from peptide_cli.catalog import cache, loading, models, reading
from peptide_cli.catalog.loading import load
from peptide_cli.errors import CatalogError
from peptide_cli.render import safe
from peptide_cli.render.text import FORMATS

from helpers import CLAIMS, cache_entries
from minimal import MINIMAL, edit

CLI = [sys.executable, "-m", "peptide_cli"]


@pytest.fixture
def write(tmp_path):
    def write(text: str | bytes, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        return path

    return write


def rejected(run, path, *args):
    """What `validate` says of PATH: its problem lines (exit 3, nothing on stderr)."""
    result = run(*args, "validate", str(path))
    assert result.exit_code == 3, result.stdout
    assert result.stderr == ""
    return result.stdout.splitlines()[:-1]


entries = cache_entries


# The cache -------------------------------------------------------------------------------------


@pytest.fixture
def claims(tmp_path):
    path = tmp_path / "data" / "claims.yaml"
    path.parent.mkdir()
    path.write_bytes(CLAIMS.read_bytes())
    return path


class Planted:
    """A pickle that would leave a file behind if it were ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def test_a_planted_pickle_entry_with_a_valid_checksum_is_never_used(run, claims, tmp_path):
    folder = tmp_path / "cache"
    run("--data", str(claims), "goals", "--json", env={"PEPTIDE_CLI_CACHE_DIR": str(folder)})
    [entry] = entries(folder)
    marker = tmp_path / "marker"
    # The old layout: a header, pickles with their lengths, a plain SHA-256 anyone can compute.
    blob = pickle.dumps(Planted(marker))
    body = b"peptide-cli-cache 3\n" + len(blob).to_bytes(8, "little") + blob
    entry.write_bytes(body + hashlib.sha256(body).digest())
    result = run(
        "--data", str(claims), "goals", "--json", env={"PEPTIDE_CLI_CACHE_DIR": str(folder)}
    )
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 13
    assert not marker.exists()


def sign(folder: Path, name: str, value: object) -> None:
    """Write VALUE as entry NAME of FOLDER, signed with the folder's own secret, with no
    sections: what only someone holding the secret could write."""
    head = {"key": name, "fingerprint": loading._fingerprint(), "value": value, "sections": []}
    body = pickle.dumps(head, protocol=5)
    length = len(body).to_bytes(cache.LENGTH, "little")
    secret = (folder / cache.SECRET).read_bytes()
    signature = hmac.new(secret, length + body, hashlib.sha256).hexdigest().encode()
    (folder / name).write_bytes(cache.FORMAT + signature + b"\n" + length + body)


def test_a_signed_entry_naming_anything_but_a_record_runs_no_code(claims, tmp_path):
    """Even an entry signed with the folder's own secret is rebuilt only as records: the
    unpickler refuses every other class and function, so the planted call never runs."""
    folder = tmp_path / "cache"
    good = load(claims, cache_folder=folder)
    [entry] = entries(folder)
    fingerprint = loading._fingerprint()
    # the control: a forged entry of records is read, so the forgery itself is sound
    sign(folder, entry.name, {"catalog": "a value", "warnings": []})
    assert cache.read(folder, entry.name, fingerprint, models.loads).value["catalog"] == "a value"
    marker = tmp_path / "marker"
    sign(folder, entry.name, {"catalog": Planted(marker), "warnings": []})
    assert cache.read(folder, entry.name, fingerprint, models.loads) is None
    assert not marker.exists()
    assert load(claims, cache_folder=folder) == good  # a miss: built again, and stored again
    assert not marker.exists()


def test_an_edited_entry_never_serves_its_figures(run, claims, tmp_path):
    env = {"PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache")}
    before = run("--data", str(claims), "show", "memory", "--json", env=env).stdout
    [entry] = entries(tmp_path / "cache")
    # the pickle's 8-byte float 1.1, made 9.9: the entry's signature no longer holds
    one, nine = (b"G" + struct.pack(">d", value) for value in (1.1, 9.9))
    forged = entry.read_bytes().replace(one, nine)
    assert forged != entry.read_bytes()
    entry.write_bytes(forged)
    after = run("--data", str(claims), "show", "memory", "--json", env=env).stdout
    assert after == before
    assert json.loads(after)["studies"][0]["outcomes"][0]["value"] == 1.1


def test_an_entry_signed_for_another_key_is_a_miss(claims, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    load(claims, cache_folder=folder)
    [entry] = entries(folder)
    other = claims.parent / "other.yaml"
    other.write_bytes(CLAIMS.read_bytes().replace(b"label: CARS\n", b"label: CARZ\n"))
    digest = hashlib.sha256(other.read_bytes()).hexdigest()
    key = cache.catalog_key([(str(other), digest)], loading._fingerprint())
    (folder / key).write_bytes(entry.read_bytes())  # a valid entry, copied under another name
    assert load(other, cache_folder=folder).catalog.compounds[0].study("cars").label == "CARZ"
    assert (folder / key).read_bytes() != entry.read_bytes()  # the name was looked up: rewritten


def test_an_entry_of_other_models_is_a_miss(claims, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    load(claims, cache_folder=folder)
    monkeypatch.setattr(models, "fingerprint", lambda: "a-changed-model")
    calls = []
    parse = loading._validate
    monkeypatch.setattr(
        loading, "_validate", lambda raw, *rest: calls.append(1) or parse(raw, *rest)
    )
    load(claims, cache_folder=folder)
    assert calls == [1]
    assert len(entries(folder)) == 2


def test_the_key_includes_the_models_shape():
    assert models.fingerprint() == models.fingerprint()
    assert re.fullmatch("[0-9a-f]{16}", models.fingerprint())
    key = cache.key([("a", b"x")], "one")
    assert key != cache.key([("a", b"x")], "two")
    assert key == cache.key([("a", b"x")], "one")


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_others_may_write_is_not_used(run, claims, tmp_path, mode):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    env = {"PEPTIDE_CLI_CACHE_DIR": str(folder)}
    assert run("--data", str(claims), "goals", "--json", env=env).exit_code == 0
    assert list(folder.iterdir()) == []
    info = run("cache", "info", "--json", env=env)
    assert json.loads(info.stdout) == {
        "folder": str(folder),
        "used": False,
        "reason": "others may write to it",
        "entries": 0,
        "bytes": 0,
        "limit_bytes": cache.MAX_BYTES,
    }


def test_a_folder_of_another_user_is_not_used(tmp_path, monkeypatch):
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(folder).st_uid + 1)
    assert cache.usable(folder) == "it belongs to another user"


def test_the_secret_and_entries_are_for_the_owner_alone(claims, tmp_path):
    folder = tmp_path / "cache"
    load(claims, cache_folder=folder)
    assert stat.S_IMODE((folder / cache.SECRET).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_no_temporary_file_is_left_when_writing_fails(claims, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    folder = tmp_path / "cache"
    assert len(load(claims, cache_folder=folder).catalog.compounds[0].goals) == 13
    assert sorted(p.name for p in folder.iterdir()) == [cache.SECRET]


def test_stale_temporary_files_are_removed_and_the_size_is_capped(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    stale = folder / (cache.TEMPORARY + "left-by-a-killed-run")
    folder.mkdir(mode=0o700)
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    files = []
    for label in ("ONE", "TWO", "THREE"):
        path = tmp_path / f"{label}.yaml"
        path.write_text(MINIMAL.replace("Trial One", label), encoding="utf-8")
        files.append(path)
    size = None
    for number, path in enumerate(files):
        load(path, cache_folder=folder)
        size = size or entries(folder)[0].stat().st_size
        if number == 0:
            monkeypatch.setattr(cache, "MAX_BYTES", size * 2 + 100)  # room for two entries
    assert not stale.exists()
    assert len(entries(folder)) == 2
    assert load(files[2], cache_folder=folder).catalog.compounds[0].studies[0].label == "THREE"


def test_a_write_measures_the_folder_only_once_enough_has_been_written(tmp_path, monkeypatch):
    """A large cache is not measured entry by entry at every write: only after MEASURE_AFTER
    entries, or a sixteenth of MAX_BYTES, since it last was; then the note begins afresh."""
    folder = tmp_path / "cache"
    measured = []
    real = cache._evict
    monkeypatch.setattr(
        cache, "_evict", lambda *args, **kw: measured.append(1) or real(*args, **kw)
    )
    monkeypatch.setattr(cache, "MEASURE_AFTER", 3)
    for number in range(7):
        cache.write(folder, f"{number:064x}", "shape", {"n": number}, pickle.dumps)
    assert measured == [1, 1]  # after the 3rd and the 6th
    assert (folder / cache.WRITTEN).read_bytes().count(b"\n") == 1  # the 7th, since
    size = (folder / f"{6:064x}").stat().st_size
    monkeypatch.setattr(cache, "MAX_BYTES", 16 * (2 * size - 1))  # a sixteenth: under 2 entries
    cache.write(folder, f"{7:064x}", "shape", {"n": 7}, pickle.dumps)
    assert measured == [1, 1, 1]
    assert not (folder / cache.WRITTEN).exists()


def test_a_damaged_note_of_what_was_written_means_measuring_now(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    cache.write(folder, f"{0:064x}", "shape", {}, pickle.dumps)
    (folder / cache.WRITTEN).write_bytes(b"\xff not a size\n")
    measured = []
    monkeypatch.setattr(cache, "_evict", lambda *args, **kw: measured.append(1))
    cache.write(folder, f"{1:064x}", "shape", {}, pickle.dumps)
    assert measured == [1]


def test_cache_info_and_clear(run, claims, tmp_path):
    # the claims file's entry alone: the validator is built in this process first, so the
    # count does not depend on whether an earlier test already did
    loading._validator(None)
    env = {"PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache")}
    run("--data", str(claims), "goals", env=env)
    info = json.loads(run("cache", "info", "--json", env=env).stdout)
    assert (info["used"], info["entries"], info["reason"]) == (True, 1, None)
    assert info["bytes"] == entries(tmp_path / "cache")[0].stat().st_size
    text = run("cache", "info", env=env).stdout.splitlines()
    assert text[:2] == [f"folder: {tmp_path / 'cache'}", "used: yes"]
    assert text[2].startswith("entries: 1 entry, ")
    assert (tmp_path / "cache" / cache.WRITTEN).exists()
    cleared = run("cache", "clear", env=env)
    assert cleared.stdout == f"{tmp_path / 'cache'}: removed 1 entry\n"
    assert entries(tmp_path / "cache") == []
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [cache.SECRET]


def test_claims_from_a_pipe_are_read_once(tmp_path):
    done = subprocess.run(
        [*CLI, "--data", "/dev/stdin", "goals", "--json"],
        input=CLAIMS.read_bytes(),
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, "PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 13


# Ordinary YAML -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("schema_version: 1\nx: !!int abc\n", "2:4: x: 'abc' cannot be read as !!int"),
        ("schema_version: 1\nx: !!bool maybe\n", "2:4: x: 'maybe' cannot be read as !!bool"),
        ("schema_version: 1\nx: !!timestamp x\n", "2:4: x: 'x' cannot be read as !!timestamp"),
        ("schema_version: 1\nx: !!float y\n", "2:4: x: 'y' cannot be read as !!float"),
        (
            "schema_version: 1\nx: " + "1" * 4400 + "\n",
            "2:4: x: a number of 4400 digits is longer than allowed",
        ),
        ("schema_version: 1\nx: =\n", "2:1: x: unknown key 'x'"),
        (
            "schema_version: 1\n\x1b]0;title\x07x: 1\n",
            "2:1: invalid YAML: the control character U+001B is not allowed in a claims file "
            "(write it escaped in a double-quoted string)",
        ),
    ],
)
def test_yaml_that_used_to_crash_gets_a_located_error(run, write, text, problem):
    path = write(text)
    assert rejected(run, path)[0] == f"{path}:{problem}"


def test_a_merge_key_gets_its_meaning(run, write):
    text = edit(
        "      - id: calm\n        name: Calm\n        aliases: [relaxation]\n        tier: 1\n",
        "      - &calm\n        id: calm\n        name: Calm\n        aliases: [relaxation]\n"
        "        tier: 1\n        summary: Another test goal.\n"
        "      - <<: *calm\n        id: rest\n        name: Rest\n        aliases: [sleepiness]\n",
    ).replace("        summary: Another test goal.\n    studies:", "    studies:")
    path = write(text)
    goals = run.json("--data", str(path), "goals", "--json")
    assert [(g["id"], g["tier"], g["summary"]) for g in goals] == [
        ("focus", 2, "Test goal."),
        ("calm", 1, "Another test goal."),
        ("rest", 1, "Another test goal."),
    ]


# Unbounded reads and work ------------------------------------------------------------------------


def test_an_endless_device_is_read_only_up_to_the_limit(run):
    result = run("--data", "/dev/zero", "goals")
    assert result.exit_code == 3
    assert result.stderr == (
        "peptide-cli: /dev/zero: is more than 64.0 MiB, over the 64 MiB limit for a claims file\n"
    )


def test_a_link_to_a_device_in_a_folder_is_read_only_up_to_the_limit(run, tmp_path):
    (tmp_path / "claims.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    result = run("--data", str(tmp_path), "goals")
    assert (result.exit_code, result.stdout) == (3, "")
    assert "zero.yaml: is more than 64.0 MiB, over the 64 MiB limit" in result.stderr


def test_a_fifo_without_a_writer_does_not_hang(run, tmp_path):
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    result = run("--data", str(fifo), "goals")
    assert result.exit_code == 3
    assert result.stderr == f"peptide-cli: {fifo}: is empty: it holds no YAML document\n"


def test_a_folder_over_the_catalog_limit_is_refused_before_it_is_read(run, tmp_path, monkeypatch):
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_text(MINIMAL.replace("testium", name[0] + "-testium"), "utf-8")
    monkeypatch.setattr(reading, "MAX_CATALOG_BYTES", 2 * len(MINIMAL))
    reads = []
    monkeypatch.setattr(reading, "_read_bytes", lambda *args: reads.append(args))
    with pytest.raises(CatalogError) as caught:
        load(tmp_path)
    assert reads == []
    total = sum(len(p.read_bytes()) for p in tmp_path.iterdir())
    assert str(caught.value) == (
        f"{tmp_path}: holds {total / 2**20:.1f} MiB of claims files, over the 0 MiB limit "
        "for a catalog"
    )


def test_aliases_are_budgeted_by_the_text_they_add(run, write):
    text = (
        "schema_version: 1\n"
        f"a: &a {'x' * 5000}\n"
        "b: &b [" + ", ".join(["*a"] * 100) + "]\n"
        "c: &c [" + ", ".join(["*b"] * 100) + "]\n"
    )
    path = write(text)
    assert len(text) < 6000
    assert rejected(run, path) == [
        f"{path}:4:36: c[7]: aliases expand to more than 4 MiB of text; write the data out instead"
    ]


def test_many_bad_references_get_suggestions_only_for_the_first_few(write):
    refs = ", ".join(f"trial-onf{i}" for i in range(500))
    path = write(edit("studies: [trial-one]", f"studies: [trial-one, {refs}]"))
    with pytest.raises(CatalogError) as caught:
        load(path)
    messages = [problem.message for problem in caught.value.problems]
    assert len(messages) == 500
    hinted = [m for m in messages if "did you mean" in m]
    assert hinted == [
        f"study 'trial-onf{i}' is not defined in this compound's studies; did you mean 'trial-one'?"
        for i in range(20)
    ]


# Wrong data accepted silently ----------------------------------------------------------------

STUDY = "compounds[0].studies[0]"
OUTCOME = f"{STUDY}.outcomes[0]"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "tier: 2\n",
            "tier: yes\n",
            "18:15: compounds[0].goals[0].tier: 'yes' is not a whole number",
        ),
        ("n: 10\n", "n: yes\n", f"32:12: {STUDY}.n: 'yes' is not a whole number"),
        ("value: 1.5\n", "value: off\n", f"36:20: {OUTCOME}.value: 'off' is not a number"),
        ("value: 1.5\n", "value: .nan\n", f"36:20: {OUTCOME}.value: nan is not a finite number"),
        ("high: 2.5,", "high: .inf,", f"38:34: {OUTCOME}.ci.high: inf is not a finite number"),
        ("n: 10\n", "n: 10000000000\n", f"32:12: {STUDY}.n: 10000000000 is more than 1000000000"),
        (
            "{tier: 1, label: None",
            "{tier: 1.0, label: None",
            "3:12: tier_scale[0].tier: 1.0 is not a whole number",
        ),
    ],
)
def test_numbers_are_numbers_finite_and_bounded(run, write, old, new, problem):
    path = write(edit(old, new))
    assert rejected(run, path) == [f"{path}:{problem}"]


# Output injection ---------------------------------------------------------------------------------

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\\x9b31m"
HOSTILE = (
    edit(
        "label: Trial One",
        'label: "=HYPERLINK(\\"http://evil\\") [link=http://evil]x[/link] [/mg]"',
    )
    .replace("name: Focus", 'name: "Focus\\e]0;owned\\a\\e[2J\\r=1+1"')
    .replace(
        "summary: Test goal.",
        'summary: "Calm \\e]52;c;ZXZpbA==\\a\\e]8;;http://evil\\e\\\\link\\e]8;;\\e\\\\\\x9b31m'
        ' \\u202eevil"',
    )
    .replace("measure: Score", 'measure: "@SUM(1+1)\\r\\nsplit"')
)


@pytest.fixture
def hostile(write):
    return write(HOSTILE)


COMMANDS = [
    ["goals"],
    *(["goals", "--format", form] for form in FORMATS),  # every format there is
    *(["studies", "--format", form] for form in FORMATS),
    ["goals", "--json"],
    ["show", "focus"],
    ["show", "focus", "--json"],
    ["show", "focus", "--format", "markdown"],
    ["explain", "focus", "--format", "markdown"],
    ["studies"],
    ["search", "e"],
    ["search", "e", "--format", "table"],
    ["audit", "--format", "table"],
    ["audit"],
    ["info"],
    ["cite"],
    ["compare", "focus"],
    ["filter", "--min-tier", "1"],
    ["show", "Focus\x1b[2J"],
]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_control_character_reaches_a_terminal(run, hostile, args):
    result = run("--data", str(hostile), *args, env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.stderr
    for text in (result.stdout, result.stderr):
        assert RAW_CONTROL.search(text.replace("\r\n", "\n")) is None, text


def test_labels_are_text_never_markup(run, hostile):
    out = run("--data", str(hostile), "show", "focus", env={"COLUMNS": "300"}).stdout
    assert '=HYPERLINK("http://evil") [link=http://evil]x[/link] [/mg]' in out
    assert "Focus␛]0;owned␇␛[2J␍=1+1" in out


def test_json_keeps_the_data_exactly(run, hostile):
    goal = run.json("--data", str(hostile), "show", "focus", "--json")
    assert goal["name"] == "Focus\x1b]0;owned\x07\x1b[2J\r=1+1"
    assert goal["studies"][0]["outcomes"][0]["measure"] == "@SUM(1+1)\r\nsplit"


@pytest.mark.parametrize(("form", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_spreadsheets_get_formulas_as_text_and_rows_whole(run, hostile, form, delimiter):
    out = run("--data", str(hostile), "studies", "--format", form).stdout
    rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
    assert len(rows) == 1
    assert rows[0]["study_label"] == '\'=HYPERLINK("http://evil") [link=http://evil]x[/link] [/mg]'
    assert rows[0]["measure"] == "'@SUM(1+1)␍\nsplit"
    assert rows[0]["value"] == "1.5"
    assert rows[0]["goal_name"] == "Focus␛]0;owned␇␛[2J␍=1+1"


def test_csv_raw_keeps_values_as_they_are_for_pandas_and_r(run, hostile):
    out = run("--data", str(hostile), "studies", "--format", "csv-raw").stdout
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["study_label"] == '=HYPERLINK("http://evil") [link=http://evil]x[/link] [/mg]'
    assert row["measure"] == "@SUM(1+1)␍\nsplit"  # no guard; control characters still shown
    assert row["goal_name"] == "Focus␛]0;owned␇␛[2J␍=1+1"
    assert row["value"] == "1.5"


def test_negative_numbers_stay_numbers_in_a_spreadsheet():
    from peptide_cli.render.text import spreadsheet_cell

    assert spreadsheet_cell(-4.01) == "-4.01"
    assert spreadsheet_cell("-4.01 points") == "'-4.01 points"
    assert spreadsheet_cell("+1") == "'+1"
    assert spreadsheet_cell("plain") == "plain"


def test_bibtex_and_ris_cannot_be_broken_out_of(run, write):
    title = 'title: "Evil}, note = {injected\\n@misc{x, title={y}"\n        journal: J'
    text = MINIMAL.replace(
        "        n: 10\n",
        "        n: 10\n        publication: p1\n",
    ).replace(
        "    studies:\n      - id: trial-one",
        f"    publications:\n      - id: p1\n        authors: [Doe J]\n        {title}\n"
        "        year: 2020\n"
        "    studies:\n      - id: trial-one",
    )
    path = write(text)
    bib = run("--data", str(path), "cite", "--format", "bibtex").stdout
    assert [line for line in bib.splitlines() if line.startswith("@")] == ["@article{p1,"]
    title = next(line for line in bib.splitlines() if line.startswith("  title = "))
    assert title == (
        r"  title = {{Evil\textbraceright{},} note = \textbraceleft{}injected "
        r"@misc\textbraceleft{}x, title=\textbraceleft{}y\textbraceright{}},"
    )
    assert title.count("{") == title.count("}")
    ris = run("--data", str(path), "cite", "--format", "ris").stdout
    assert "TI  - Evil}, note = {injected @misc{x, title={y}\n" in ris
    assert ris.count("ER  -") == 1


def test_clean_shows_controls_as_pictures():
    assert safe.clean("a\x1bb\x07c\rd\te\nf\x9bg\u202eh\x7f") == "a␛b␇c␍d\te\nf\ufffdg\ufffdh␡"


# The environment ---------------------------------------------------------------------------------


def cli(*args, env=None, **kwargs):
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [*CLI, *args], capture_output=True, check=False, timeout=60, env=environment, **kwargs
    )


def test_stdout_closed_exits_4_with_one_line():
    done = subprocess.run(
        ["bash", "-c", f"{' '.join(CLI)} goals >&-"], capture_output=True, check=False, timeout=60
    )
    assert done.returncode == 4
    assert done.stderr == b"peptide-cli: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("--version",), 0, b"peptide-cli "),
        (("goals", "--json"), 0, b"["),
        (("show", "nosuch"), 1, b""),
    ],
)
def test_stderr_closed_the_command_runs_and_its_exit_code_says_how_it_ended(args, code, said):
    """R12: with stderr closed, a command that has nothing to say there works; one that fails
    says so by its exit code."""
    done = subprocess.run(
        ["bash", "-c", f"{' '.join(CLI)} {' '.join(args)} 2>&-"],
        stdout=subprocess.PIPE,
        check=False,
        timeout=60,
    )
    assert done.returncode == code
    assert done.stdout.startswith(said)


def test_stdout_on_a_full_disk_exits_4_with_one_line():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*CLI, "goals"], stdout=full, stderr=subprocess.PIPE, check=False, timeout=60
        )
    assert done.returncode == 4
    assert done.stderr == b"peptide-cli: cannot write the output: No space left on device\n"


def test_ctrl_c_while_the_app_is_imported_exits_130_quietly():
    script = (
        "import sys, builtins\n"
        "real = builtins.__import__\n"
        "def interrupt(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupt\n"
        "sys.argv = ['peptide-cli', 'goals']\n"
        "from peptide_cli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=False, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, b"", b"")


def test_no_home_folder_means_no_cache(monkeypatch):
    def homeless():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("PEPTIDE_CLI_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", homeless)
    assert cache.default_folder() is None
    monkeypatch.setattr(Path, "home", lambda: Path(""))
    assert cache.default_folder() is None


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.delenv("PEPTIDE_CLI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert cache.default_folder() == tmp_path / ".cache" / "peptide-cli"


@pytest.mark.parametrize("args", [("cache", "clear"), ("cache", "info"), ("goals",)])
def test_a_relative_cache_dir_is_a_usage_error_never_the_default_folder(run, tmp_path, args):
    """R16: `cache clear` aimed at `relative` must not empty the default cache instead."""
    default = tmp_path / "home-cache"
    run("goals", env={"PEPTIDE_CLI_CACHE_DIR": str(default)})
    before = sorted(default.iterdir())
    result = run(*args, env={"PEPTIDE_CLI_CACHE_DIR": "relative", "XDG_CACHE_HOME": str(tmp_path)})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "peptide-cli: PEPTIDE_CLI_CACHE_DIR must be an absolute path, not 'relative'\n"
    )
    assert sorted(default.iterdir()) == before
    assert not (tmp_path / "peptide-cli").exists()


def test_an_empty_cache_dir_means_the_default_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PEPTIDE_CLI_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.default_folder() == tmp_path / "peptide-cli"


def in_a_cache_with(tmp_path, claims, plant) -> subprocess.CompletedProcess:
    """`goals --json` over CLAIMS with a cache folder that PLANT(folder) has changed after a
    first run filled it; a hang fails the test by its timeout instead of hanging the suite."""
    folder = tmp_path / "cache"
    env = {**os.environ, "PEPTIDE_CLI_CACHE_DIR": str(folder)}
    command = [*CLI, "--data", str(claims), "goals", "--json"]
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=60)
    plant(folder)
    return subprocess.run(command, env=env, capture_output=True, timeout=30)


def _replace(path: Path, make) -> None:
    path.unlink()
    make(path)


def _fifo_note_and_no_entry(folder: Path) -> None:
    for entry in cache_entries(folder):
        entry.unlink()
    (folder / cache.WRITTEN).unlink(missing_ok=True)
    os.mkfifo(folder / cache.WRITTEN)


@pytest.mark.parametrize(
    "plant",
    [
        pytest.param(lambda f: _replace(cache_entries(f)[0], os.mkfifo), id="fifo-entry"),
        pytest.param(lambda f: _replace(f / cache.SECRET, os.mkfifo), id="fifo-secret"),
        pytest.param(
            lambda f: _replace(f / cache.SECRET, lambda p: p.symlink_to("/dev/zero")),
            id="secret-to-dev-zero",
        ),
        pytest.param(_fifo_note_and_no_entry, id="fifo-written-then-a-cold-write"),
    ],
)
def test_special_files_in_the_cache_folder_are_a_miss_never_a_hang(tmp_path, claims, plant):
    """R5: a FIFO, or a link to a device, at a name the cache uses neither hangs a run nor
    reads without bound: the run works from the claims file."""
    done = in_a_cache_with(tmp_path, claims, plant)
    assert (done.returncode, done.stderr) == (0, b"")
    assert len(json.loads(done.stdout)) == 13


def test_the_commands_work_with_no_cache_folder(run, monkeypatch):
    monkeypatch.setattr(cache, "default_folder", lambda: None)
    assert len(run.json("goals", "--json")) == 13
    assert run("cache", "clear").stdout == "None: removed 0 entries\n"


def test_an_empty_data_path_is_a_usage_error(run):
    for args in (["--data", "", "goals"], ["goals", "--data", ""], ["validate", ""]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "needs a path to a claims file or folder, not an empty string" in result.stderr
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(13, "Permission denied"), "cannot be read: permission denied"),
        (OSError(36, "File name too long"), "cannot be read: File name too long"),
    ],
)
def test_a_path_that_cannot_be_looked_at_exits_3(run, tmp_path, monkeypatch, error, words):
    path = tmp_path / "locked" / "claims.yaml"

    def refuse(self):
        raise error

    monkeypatch.setattr(Path, "is_dir", refuse)
    result = run("--data", str(path), "goals")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"peptide-cli: {path}: {words}\n"


def test_a_path_that_is_not_utf8_works_with_the_cache(tmp_path):
    folder = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(folder)
    with open(folder + b"/claims.yaml", "wb") as out:
        out.write(CLAIMS.read_bytes())
    env = {**os.environ, "PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # fills the cache, then reads it
        done = subprocess.run(
            [*CLI, "--data", folder, "goals", "--json"],
            capture_output=True,
            check=False,
            timeout=60,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert len(json.loads(done.stdout)) == 13


def test_a_huge_columns_is_taken_as_a_thousand():
    done = cli("info", env={"COLUMNS": "100000000"})
    assert done.returncode == 0
    assert done.stderr == b""
    assert max(len(line) for line in done.stdout.decode().splitlines()) <= 1000


# Things a newcomer tripped on --------------------------------------------------------------------


def test_ascii_output_transliterates_names():
    done = cli("cite", "stroke", env={"PYTHONIOENCODING": "ascii"})
    assert b"Muresanu DF, Florian S, Homberg V, Matula C, von Steinbuchel N, Vos PE" in done.stdout


def test_yaml_output_quotes_strings_that_read_as_numbers(run, write):
    path = write(edit("aliases: [attention]", "aliases: ['1e3', '0o17', '.inf', '12', attention]"))
    text = run("--data", str(path), "goals", "--format", "yaml", "--fields", "aliases").stdout
    assert text == (
        "- aliases:\n  - '1e3'\n  - '0o17'\n  - '.inf'\n  - '12'\n  - attention\n"
        "- aliases:\n  - relaxation\n"
    )
    assert yaml.safe_load(text)[0]["aliases"] == ["1e3", "0o17", ".inf", "12", "attention"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hömberg", ("publication", "muresanu-2020", "author")),
        ("28707130", ("publication", "guekht-2017", "pmid")),
        ("10.1007/s10072-017-3037-z", ("publication", "guekht-2017", "doi")),
        ("injection", ("compound", "cerebrolysin", "route")),
        ("retrospective", ("study", "tbi-hads-anxiety", "source note")),
    ],
)
def test_search_finds_what_the_tool_prints(run, text, expected):
    found = [(h["kind"], h["id"], h["field"]) for h in run.json("search", text, "--json")]
    assert expected in found


def test_a_mistyped_command_gets_a_suggestion(run):
    result = run("gaols")
    assert result.exit_code == 2
    assert result.stderr == (
        "peptide-cli: No such command 'gaols'. Did you mean 'goals'? (see 'peptide-cli --help')\n"
    )


def test_sort_help_names_no_field_a_command_lacks(run):
    assert "(tier, name, n" not in run("goals", "--help").stdout
    assert run("goals", "--sort", "n").exit_code == 2


def test_no_color_means_no_styling_at_all():
    from peptide_cli.render import listing
    from peptide_cli.render.records import GOALS
    from peptide_cli.render.stream import Stream

    out = io.StringIO()
    stream = Stream(out, terminal=True, utf8=True, width=80, color=False)
    listing.write([{"name": "Calm"}], GOALS, listing.Listing("table", "name"), stream)
    assert "\x1b[" not in out.getvalue()
    assert "Calm" in out.getvalue()


def test_piped_views_have_no_trailing_spaces(run):
    for args in (["show", "stroke"], ["info"], ["goals", "--format", "table"]):
        lines = run(*args, env={"COLUMNS": "120"}).stdout.splitlines()
        assert lines and all(line == line.rstrip() for line in lines), args


# Every mutation of the bundled file: its meaning, or a located error ----------------------------

ODD = [
    "yes",
    "no",
    "off",
    "~",
    "''",
    "[]",
    "{}",
    ".nan",
    "-.inf",
    "1e999",
    "-1",
    "0",
    "99999999999",
    "'x\\x1b'",
    "&a x",
    "*a",
    "<<",
    "!!int x",
    "=",
    "@x",
    "'{'",
    '"\\e[2J"',
    "!!python/none ''",
    "1" * 5000,
    "|\n  block",
    "[1, [2, [3]]]",
    "2020-01-01",
    "0x1F",
    "tier",
    "- a",
]


def mutate(lines: list[bytes], rng: random.Random) -> bytes:
    lines = list(lines)
    kind = rng.randrange(7)
    at = rng.randrange(len(lines))
    if kind == 0:
        del lines[at]
    elif kind == 1:
        lines.insert(at, lines[rng.randrange(len(lines))])
    elif kind == 2:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == 3 and b": " in lines[at]:
        key, _, _ = lines[at].partition(b": ")
        lines[at] = key + b": " + rng.choice(ODD).encode() + b"\n"
    elif kind == 4:
        lines[at] = b" " * rng.randrange(1, 4) + lines[at]
    elif kind == 5:
        data = b"".join(lines)
        cut = rng.randrange(len(data) // 2, len(data))
        return data[:cut]
    else:
        noise = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 6)))
        lines[at] = lines[at][: len(lines[at]) // 2] + noise + lines[at][len(lines[at]) // 2 :]
    return b"".join(lines)


def test_2000_mutations_load_or_fail_with_located_errors():
    rng = random.Random(20261126)
    lines = CLAIMS.read_bytes().splitlines(keepends=True)
    outcomes = {"loaded": 0, "rejected": 0}
    for _ in range(2000):
        data = mutate(lines, rng)
        try:
            loading._validate([("claims.yaml", data)])
        except CatalogError as error:
            outcomes["rejected"] += 1
            for problem in error.errors:
                assert problem.file == "claims.yaml"
                assert problem.line is not None and problem.column is not None, (problem, data)
                assert str(problem).startswith(f"claims.yaml:{problem.line}:{problem.column}: ")
        else:
            outcomes["loaded"] += 1
    assert outcomes["rejected"] > 500
    assert outcomes["loaded"] > 100


def test_markdown_cells_carry_no_markup(run, write):
    path = write(MINIMAL.replace("name: Focus", "name: Focus <script>alert(1)</script> & co"))
    out = run("--data", str(path), "goals", "--format", "markdown").stdout
    assert "| Focus &lt;script&gt;alert(1)&lt;/script&gt; & co |" in out
    assert "<script>" not in out


def test_a_bad_source_date_epoch_is_a_usage_error(run):
    result = run("report", "sleep", env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("peptide-cli: SOURCE_DATE_EPOCH=99999999999999 is not a date")


def test_usage_errors_are_one_line_without_tabs(run):
    said = run("cache").stderr
    assert "\t" not in said and said.count("\n") == 1
    assert "Choose from: info, clear" in said
    result = run("studies", "--min-n", "-5")
    assert result.exit_code == 2
    assert "--min-n" in result.stderr
