"""What keeps the tool fast, held in place without timing anything: imports, the C parser,
the cache, and large catalogs loading whole."""

import hashlib
import json
import os
import subprocess
import sys

import pytest
import yaml

from peptide_cli.catalog import cache, loading, models, prebuilt, yaml_reader
from peptide_cli.catalog.loading import load
from peptide_cli.errors import CatalogError

from helpers import REPO, cache_entries, file_entries, generator


def modules_after(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by the end of `peptide-cli ARGS`, run in a fresh interpreter."""
    script = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['peptide-cli', *{list(args)!r}]\n"
        "from peptide_cli.cli import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        app()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return set(done.stdout.split())


def heavy(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules} & {"rich", "pydantic", "yaml", "jinja2"}


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("goals", "--help")])
def test_version_and_help_import_no_pydantic_yaml_or_rich(args):
    assert heavy(modules_after(*args)) == set()


COMMAND_MODULES = "peptide_cli.cli.commands."


@pytest.mark.parametrize(
    ("args", "modules"),
    [
        (("--version",), set()),
        (("goals", "--json"), {"goals"}),
        (("show", "stroke", "--json"), {"show"}),
        (("mcp", "--help"), {"mcp_server"}),
        (("gaols",), set()),  # a typo: no command is imported to suggest `goals`
    ],
)
def test_a_run_imports_the_module_of_its_own_command_only(args, modules):
    loaded = modules_after(*args)
    assert {m for m in loaded if m.startswith(COMMAND_MODULES)} == {
        COMMAND_MODULES + m for m in modules
    }


def test_help_lists_every_command_from_its_own_module():
    from peptide_cli.cli.commands import Commands
    from peptide_cli.cli.group import COMMANDS

    loaded = modules_after("--help")
    assert {m for m in loaded if m.startswith(COMMAND_MODULES)} == {
        COMMAND_MODULES + module for module in Commands.modules.values()
    }
    for name, module in Commands.modules.items():  # each module registers the command named
        __import__(COMMAND_MODULES + module)
        assert COMMANDS[name].callback.__module__ == COMMAND_MODULES + module


@pytest.mark.parametrize(
    "args",
    [
        ("goals", "--json"),
        ("filter", "--min-tier", "3", "--json"),
        ("show", "stroke", "--json"),
        ("studies", "--format", "csv"),
        ("audit", "--format", "jsonl"),
    ],
)
def test_json_and_other_formats_never_import_rich(args):
    first = modules_after(*args)  # fills the cache: reads the YAML, so imports yaml
    assert "yaml" in {m.split(".")[0] for m in first}
    assert "rich" not in {m.split(".")[0] for m in first}
    second = modules_after(*args)  # from the cache: neither YAML nor validation is needed
    assert heavy(second) == set()


def test_a_cold_run_loads_the_validator_and_never_imports_pydantic(tmp_path):
    """After the first cold run has built the validator (and cached it), a run over a new or
    edited claims file validates with pydantic-core alone: pydantic is never imported."""
    claims = tmp_path / "claims.yaml"
    claims.write_bytes((REPO / "data" / "claims.yaml").read_bytes())
    env = {"PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache"), "PEPTIDE_CLI_DATA": str(claims)}
    first = {m.split(".")[0] for m in modules_after("goals", "--json", env=env)}
    assert {"pydantic", "pydantic_core", "yaml"} <= first  # the validator is built
    claims.write_bytes(claims.read_bytes() + b"# an edit\n")
    loaded = modules_after("goals", "--json", env=env)
    edited = {m.split(".")[0] for m in loaded}
    assert {"pydantic_core", "yaml"} <= edited  # read and checked again
    assert "pydantic" not in edited
    cached = {m.split(".")[0] for m in modules_after("goals", "--json", env=env)}
    assert not {"pydantic", "pydantic_core", "yaml"} & cached


def test_without_the_cache_the_validator_is_built_from_the_models(tmp_path):
    env = {"PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache")}
    modules = {m.split(".")[0] for m in modules_after("--no-cache", "goals", "--json", env=env)}
    assert "pydantic" in modules
    assert not (tmp_path / "cache").exists()


def test_the_first_run_of_an_installed_bundled_catalog_validates_and_caches_nothing(tmp_path):
    """As a wheel installs it, the bundled folder carries its snapshot: a first run, with an
    empty cache, reads it without PyYAML or pydantic, and writes no cache entry."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    (folder / prebuilt.PREBUILT).write_bytes(loading.prebuild(folder))
    script = (
        "import sys, io, contextlib\n"
        "from pathlib import Path\n"
        "from peptide_cli.catalog import reading\n"
        f"reading.bundled_path = lambda: Path({str(folder)!r})\n"
        "sys.argv = ['peptide-cli', 'goals', '--json']\n"
        "from peptide_cli.cli import app\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        app()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(out.getvalue().count('\"compound\":'), ' '.join(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PEPTIDE_CLI_DATA"}
    env["PEPTIDE_CLI_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    goals, modules = done.stdout.split(" ", 1)
    assert int(goals) == sum(len(c.goals) for c in loading.load_catalog(folder).compounds)
    roots = {m.split(".")[0] for m in modules.split()}
    assert not {"yaml", "pydantic", "pydantic_core", "rich"} & roots
    assert not (tmp_path / "cache").exists()


def test_a_listing_of_goals_works_out_no_reading():
    """`goals` shows each goal's certainty, not its outcomes' readings: they are worked out only
    when asked for (`show`), so re-expressing an effect (with `statistics`) costs a listing
    nothing."""
    assert "statistics" not in modules_after("goals", "--json")
    assert "statistics" in modules_after("show", "stroke", "--json")  # CARS's Mann-Whitney


def test_tables_do_import_rich():
    assert "rich" in heavy(modules_after("goals", "--format", "table"))


def test_only_the_report_imports_jinja2(tmp_path):
    assert "jinja2" not in heavy(modules_after("show", "stroke"))
    assert "jinja2" in heavy(modules_after("report", "stroke", "-o", str(tmp_path / "r.html")))


def test_the_c_parser_is_used_when_pyyaml_has_it():
    assert yaml.__with_libyaml__  # the wheels PyPI serves for this platform carry it
    assert yaml_reader.Parser is yaml.CSafeLoader


# The cache -----------------------------------------------------------------------------


entries = cache_entries


@pytest.fixture
def claims(tmp_path):
    path = tmp_path / "data" / "claims.yaml"
    path.parent.mkdir()
    path.write_bytes((REPO / "data" / "claims.yaml").read_bytes())
    return path


def test_a_second_load_is_a_hit(claims, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    first = load(claims, cache_folder=folder)
    [entry] = entries(folder)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(yaml_reader, "parse", no_parsing)
    second = load(claims, cache_folder=folder)
    assert second == first
    assert entries(folder) == [entry]


def test_a_changed_file_is_a_miss_even_with_the_same_size_and_time(claims, tmp_path):
    folder = tmp_path / "cache"
    before = load(claims, cache_folder=folder)
    stat = claims.stat()
    text = claims.read_bytes()
    changed = text.replace(b"label: CARS\n", b"label: CARZ\n")
    assert len(changed) == len(text)
    claims.write_bytes(changed)
    os.utime(claims, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert claims.stat().st_size == stat.st_size
    assert claims.stat().st_mtime_ns == stat.st_mtime_ns
    after = load(claims, cache_folder=folder)
    assert after.catalog.compounds[0].study("cars").label == "CARZ"
    assert before.catalog.compounds[0].study("cars").label == "CARS"
    assert len(entries(folder)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-40] + bytes(40),  # the end overwritten
        lambda data: b"not a cache entry at all",
        lambda data: b"",
        lambda data: data[:100] + b"\xff" + data[101:],  # one byte changed
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(claims, tmp_path, damage):
    folder = tmp_path / "cache"
    good = load(claims, cache_folder=folder)
    [entry] = entries(folder)
    intact = entry.read_bytes()
    entry.write_bytes(damage(intact))
    fingerprint = loading._fingerprint()
    assert cache.read(folder, entry.name, fingerprint, models.loads) is None
    assert load(claims, cache_folder=folder) == good
    assert entry.read_bytes() == intact


def test_an_unusable_cache_folder_means_no_cache(claims, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for folder in (blocker, blocker / "below-a-file"):
        loaded = load(claims, cache_folder=folder)
        assert len(loaded.catalog.compounds[0].goals) == 13
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_cache_folder_that_cannot_be_written_means_no_cache(claims, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache, "_temporary", refuse)  # as a folder we may not write would
    folder = tmp_path / "cache"
    assert len(load(claims, cache_folder=folder).catalog.compounds[0].goals) == 13
    assert entries(folder) == []


def test_nothing_is_written_beside_the_users_file(run, claims, own_cache):
    result = run("--data", str(claims), "goals", "--json")
    assert result.exit_code == 0
    assert sorted(p.name for p in claims.parent.iterdir()) == ["claims.yaml"]
    assert len(entries(own_cache)) == 1


def test_no_cache_reads_and_writes_no_cache(run, claims, own_cache):
    result = run("--no-cache", "--data", str(claims), "goals", "--json")
    assert result.exit_code == 0
    assert entries(own_cache) == []


def test_the_cache_folder_comes_from_the_environment(run, claims, tmp_path):
    folder = tmp_path / "elsewhere"
    result = run("--data", str(claims), "goals", env={"PEPTIDE_CLI_CACHE_DIR": str(folder)})
    assert result.exit_code == 0
    assert len(entries(folder)) == 1


def test_results_are_the_same_with_and_without_the_cache(run, claims):
    commands = [
        ["goals", "--json"],
        ["show", "stroke", "--json"],
        ["audit", "--format", "csv"],
        ["studies", "--format", "tsv"],
        ["validate", "--json"],
        ["cite", "--format", "ris"],
    ]
    for command in commands:
        fresh = run("--no-cache", "--data", str(claims), *command).stdout
        filling = run("--data", str(claims), *command).stdout
        cached = run("--data", str(claims), *command).stdout
        assert fresh == filling == cached, command


def test_invalid_files_are_never_cached(run, tmp_path, own_cache):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\ncompounds: [1]\n", encoding="utf-8")
    for _ in range(2):
        assert run("--data", str(path), "goals").exit_code == 3
    assert entries(own_cache) == []


# A folder's files, each kept ----------------------------------------------------------


@pytest.fixture
def claims_folder(tmp_path):
    """A copy of the bundled folder: every claims file of it."""
    folder = tmp_path / "claims"
    folder.mkdir()
    for path in sorted((REPO / "data").glob("*.yaml")):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def parsed_files(monkeypatch) -> list[str]:
    """The names of the claims files parsed from now on, in order."""
    parsed: list[str] = []
    parse = yaml_reader.parse

    def counted(raw: bytes, file: str):
        parsed.append(os.path.basename(file))
        return parse(raw, file)

    monkeypatch.setattr(yaml_reader, "parse", counted)
    return parsed


def test_after_an_edit_of_one_file_of_a_folder_only_that_file_is_read_again(
    claims_folder, tmp_path, monkeypatch
):
    folder = tmp_path / "cache"
    load(claims_folder, cache_folder=folder)
    files = len(list(claims_folder.iterdir()))
    assert len(file_entries(folder)) == files  # one entry a file
    assert len(entries(folder)) == 1  # and one for the catalog they make
    edited = claims_folder / "compound-bpc-157.yaml"
    edited.write_bytes(edited.read_bytes().replace(b"name: BPC-157\n", b"name: BPC-157 (edited)\n"))
    parsed = parsed_files(monkeypatch)
    after = load(claims_folder, cache_folder=folder)
    assert parsed == ["compound-bpc-157.yaml"]
    [bpc] = [c for c in after.catalog.compounds if c.id == "bpc-157"]
    assert bpc.name == "BPC-157 (edited)"
    assert after == load(claims_folder)  # as the files read afresh, without the cache
    assert len(file_entries(folder)) == files + 1  # the edited file's bytes, kept as well
    assert len(entries(folder)) == 2
    counted = files + 3 + (folder / loading.validator_entry()).exists()  # and the validator's
    assert cache.describe(folder).entries == counted  # cache info counts them
    assert cache.clear(folder) == counted  # and cache clear removes them
    assert file_entries(folder) == entries(folder) == []


def test_a_folder_of_files_all_checked_before_is_neither_parsed_nor_validated(
    claims_folder, tmp_path, monkeypatch
):
    folder = tmp_path / "cache"
    load(claims_folder, cache_folder=folder)
    # another name: another catalog, of files with the same bytes
    (claims_folder / "compound-oxytocin.yaml").rename(claims_folder / "oxytocin.yaml")
    parsed = parsed_files(monkeypatch)

    def no_validator(*args):
        raise AssertionError("the validator was needed")

    monkeypatch.setattr(loading, "_validator", no_validator)
    after = load(claims_folder, cache_folder=folder)
    assert parsed == []
    assert [source.file for source in after.catalog.files][-1] == str(
        claims_folder / "oxytocin.yaml"
    )
    monkeypatch.undo()
    assert after == load(claims_folder)


def test_a_problem_across_files_is_placed_in_a_file_read_from_the_cache(
    claims_folder, tmp_path, run, monkeypatch
):
    """The line and column of a problem in a kept file come from its bytes, as they would."""
    env = {"PEPTIDE_CLI_CACHE_DIR": str(tmp_path / "cache")}
    assert run("--data", str(claims_folder), "goals", "--json", env=env).exit_code == 0
    # the first file now also defines oxytocin, so the unchanged oxytocin file repeats it
    oxytocin = (claims_folder / "compound-oxytocin.yaml").read_text(encoding="utf-8")
    first = claims_folder / "claims.yaml"
    compounds = oxytocin[oxytocin.index("compounds:\n") + len("compounds:\n") :]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("compounds:\n", "compounds:\n" + compounds, 1), "utf-8")
    parsed = parsed_files(monkeypatch)
    cached = run("--data", str(claims_folder), "validate", "--json", env=env)
    assert parsed == ["claims.yaml"]  # the oxytocin file came from the cache
    fresh = run("--no-cache", "--data", str(claims_folder), "validate", "--json", env=env)
    assert cached.exit_code == fresh.exit_code == 3
    assert cached.stdout == fresh.stdout
    [problem] = [
        p for p in json.loads(cached.stdout)["problems"] if "already defined" in p["message"]
    ]
    assert problem["file"] == str(claims_folder / "compound-oxytocin.yaml")
    assert problem["path"] == "compounds[0].id"
    line = oxytocin.splitlines().index("  - id: intranasal-oxytocin") + 1
    assert (problem["line"], problem["column"]) == (line, 9)  # the id's value


def test_one_file_and_an_invalid_folder_keep_no_file_of_their_own(claims, claims_folder, tmp_path):
    folder = tmp_path / "cache"
    load(claims, cache_folder=folder)  # one file: its catalog's entry holds it
    assert file_entries(folder) == []
    (claims_folder / "compound-bpc-157.yaml").write_text("schema_version: [\n", "utf-8")
    with pytest.raises(CatalogError):
        load(claims_folder, cache_folder=folder)
    assert file_entries(folder) == []  # only the files of a valid catalog are kept


def test_a_kept_file_copied_under_another_files_name_is_a_miss(
    claims_folder, tmp_path, monkeypatch
):
    folder = tmp_path / "cache"
    load(claims_folder, cache_folder=folder)
    fingerprint = loading._fingerprint()
    names = {
        path.name: cache.file_key(hashlib.sha256(path.read_bytes()).hexdigest(), fingerprint)
        for path in claims_folder.iterdir()
    }
    bpc = folder / names["compound-bpc-157.yaml"]
    (folder / names["compound-oxytocin.yaml"]).write_bytes(bpc.read_bytes())
    (claims_folder / "claims.yaml").write_bytes(
        (claims_folder / "claims.yaml").read_bytes() + b"# another catalog\n"
    )
    parsed = parsed_files(monkeypatch)
    after = load(claims_folder, cache_folder=folder)
    assert parsed == ["claims.yaml", "compound-oxytocin.yaml"]
    assert [c.id for c in after.catalog.compounds].count("bpc-157") == 1
    monkeypatch.undo()
    assert after == load(claims_folder)


# Large catalogs ---------------------------------------------------------------------------


def test_a_generated_10000_study_catalog_loads_whole(tmp_path):
    catalogs = generator()
    folder = catalogs.write(tmp_path / "big", 10_000)
    loaded = load(folder)
    compounds = loaded.catalog.compounds
    assert len(compounds) == 100
    assert sum(len(c.goals) for c in compounds) == 2_000
    assert sum(len(c.studies) for c in compounds) == 10_000
    assert sum(len(s.outcomes) for c in compounds for s in c.studies) == 20_000
    assert loaded.warnings == []
    assert catalogs.counts(10_000) == {
        "compounds": 100,
        "goals": 2_000,
        "studies": 10_000,
        "outcomes": 20_000,
    }


def test_validate_counts_a_generated_catalog(run, tmp_path):
    folder = generator().write(tmp_path / "big", 1_000)
    report = json.loads(run("validate", str(folder), "--json").stdout)
    assert report["valid"] is True
    assert report["counts"] == generator().counts(1_000)


# A cached catalog's compounds, read as they are used ------------------------------------------


@pytest.fixture
def three(tmp_path):
    """A catalog of three generated compounds, loaded once (cached) and then from the cache."""
    data = generator().write(tmp_path / "three", 300)
    folder = tmp_path / "cache"
    fresh = load(data, cache_folder=folder).catalog
    return fresh, load(data, cache_folder=folder).catalog, folder


def test_a_cached_catalog_reads_its_compounds_only_when_they_are_used(three, monkeypatch):
    fresh, cached, _ = three
    sections = cached.compounds
    assert isinstance(sections, cache.Sections)
    assert isinstance(fresh.compounds, list)
    read = []
    section = cache.Sections._bytes
    monkeypatch.setattr(
        cache.Sections, "_bytes", lambda self, i: read.append(i) or section(self, i)
    )
    assert len(sections) == 3 and read == []  # the head knows how many, without reading them
    second = sections[1]
    assert second.id == "compound-1" and read == [1]
    assert sections[1] is second and sections[-2] is second and read == [1]  # held: the same
    assert [c.id for c in sections[0:3:2]] == ["compound-0", "compound-2"]
    with pytest.raises(IndexError):
        sections[3]
    assert cached == fresh and sections == fresh.compounds and fresh.compounds == sections


def test_a_compound_no_longer_held_is_let_go_and_read_again(three):
    import gc
    import weakref

    fresh, cached, _ = three
    first = cached.compounds[0]
    seen = weakref.ref(first)
    del first
    gc.collect()
    assert seen() is None  # nothing kept it: not held by the catalog
    again = cached.compounds[0]
    assert (
        again.id == "compound-0" and again.study("s0").label == fresh.compounds[0].studies[0].label
    )


@pytest.mark.parametrize("where", ["head", "section", "length", "tail"])
def test_a_damaged_entry_of_sections_is_a_miss(three, where):
    _, _, folder = three
    [entry] = entries(folder)
    data = bytearray(entry.read_bytes())
    start = len(cache.FORMAT) + cache.SIGNATURE + 1
    head_size = int.from_bytes(data[start : start + cache.LENGTH], "little")
    if where == "head":
        data[start + cache.LENGTH + 10] ^= 1
    elif where == "section":
        data[start + cache.LENGTH + head_size + 1000] ^= 1
    elif where == "length":
        data[start] ^= 1
    else:
        data += b"more"
    entry.write_bytes(bytes(data))
    fingerprint = loading._fingerprint()
    assert cache.read(folder, entry.name, fingerprint, models.loads) is None


def test_a_section_changed_after_the_entry_was_checked_is_an_error_not_a_wrong_answer(three):
    """Sections are checked when the entry is opened and again when each is read: one changed
    in between (only its owner could) stops the command with a catalog error."""
    from peptide_cli.errors import CatalogError

    _, _, folder = three
    [entry] = entries(folder)
    hit = cache.read(folder, entry.name, loading._fingerprint(), models.loads)
    assert hit is not None and len(hit.sections) == 3
    data = bytearray(entry.read_bytes())
    data[-100] ^= 1  # in the last section
    with entry.open("r+b") as out:  # in place, as the open entry's file
        out.write(bytes(data))
    assert hit.sections[0].id == "compound-0"
    with pytest.raises(CatalogError) as raised:
        hit.sections[2]
    assert str(raised.value.errors[0]) == f"{entry}: {cache.CHANGED}"
