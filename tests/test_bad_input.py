"""Every way a claims file can be wrong gets exit 3, exact messages and nothing on stdout."""

import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest
import yaml

from peptide_cli.catalog.loading import load, load_catalog
from peptide_cli.catalog.reading import MAX_FILE_BYTES
from peptide_cli.errors import CatalogError

from minimal import MINIMAL, edit

# PyYAML's C parser (used when present) and its pure-Python one word this error differently.
FLOW_ERROR = (
    "did not find expected ',' or ']'"
    if yaml.__with_libyaml__
    else "expected ',' or ']', but got '<stream end>'"
)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def write(tmp_path):
    def write(text: str | bytes, name: str = "claims.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


def assert_rejected(run, path: Path, *lines: str) -> None:
    """Every command refuses PATH with exit 3, these first lines on stderr, nothing on stdout."""
    for args in (["goals"], ["goals", "--json"], ["show", "focus"], ["filter", "--json"], ["info"]):
        result = run("--data", str(path), *args)
        assert result.exit_code == 3, (args, result.stderr)
        assert result.stdout == ""
        assert result.stderr == "".join(f"peptide-cli: {line}\n" for line in lines)
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert result.stderr == ""
    assert result.stdout.splitlines()[: len(lines)] == list(lines)


def test_the_minimal_file_is_valid(run, write):
    path = write(MINIMAL)
    result = run("validate", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{path}: valid: 1 compound, 2 goals, 1 study, 1 outcome\n"


# The file itself -------------------------------------------------------------------------


def test_missing_file(run, tmp_path):
    path = tmp_path / "nowhere.yaml"
    assert_rejected(run, path, f"{path}: claims file not found")


def test_folder_without_yaml(run, tmp_path):
    (tmp_path / "notes.txt").write_text("not yaml", encoding="utf-8")
    assert_rejected(run, tmp_path, f"{tmp_path}: is a folder with no .yaml or .yml files in it")


def test_unreadable_file(run, write, monkeypatch):
    path = write(MINIMAL)

    opened = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return opened(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert_rejected(run, path, f"{path}: cannot be read: permission denied")


@pytest.mark.parametrize("text", ["", "\n\n  \n", "# only a comment\n", "---\n...\n"])
def test_empty_file(run, write, text):
    path = write(text)
    assert_rejected(run, path, f"{path}: is empty: it holds no YAML document")


def test_not_utf8(run, write):
    path = write(MINIMAL.encode().replace(b"Test goal.", b"Test go\xe9l."))
    assert_rejected(run, path, f"{path}:19:25: is not UTF-8 text (byte 0xe9)")


def test_binary_file(run, write):
    path = write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_rejected(run, path, f"{path}: is a binary file, not YAML text")


def test_file_over_the_size_limit_is_refused_unread(run, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as sparse:
        sparse.truncate(MAX_FILE_BYTES + 1)  # no disk used: the file is a hole
    assert_rejected(run, path, f"{path}: is 64.0 MiB, over the 64 MiB limit for a claims file")


# The YAML --------------------------------------------------------------------------------


def test_syntax_error_gives_line_and_column(run, write):
    path = write(edit("aliases: [attention]", "aliases: [attention"))
    lines = problems_of(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:18:")
    assert ": invalid YAML: " in lines[0]
    path = write("schema_version: 1\ntier_scale: [1, 2\n")
    assert_rejected(run, path, f"{path}:3:1: invalid YAML: {FLOW_ERROR}")


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_not_a_mapping(run, write, text):
    path = write(text)
    assert_rejected(run, path, f"{path}:1:1: the top level must be a mapping of keys to values")


def test_tags_that_build_objects_are_refused(run, write):
    path = write("!!python/object/apply:os.system [echo hacked]\n")
    assert_rejected(
        run,
        path,
        f"{path}:1:1: tag !!python/object/apply:os.system is not allowed: only plain data is",
    )
    path = write(edit("        tier: 2\n", "        tier: !!python/name:builtins.int 2\n"))
    assert_rejected(
        run,
        path,
        f"{path}:18:15: compounds[0].goals[0].tier: "
        "tag !!python/name:builtins.int is not allowed: only plain data is",
    )


def test_duplicate_keys_are_found(run, write):
    path = write(edit("        tier: 2\n", "        tier: 2\n        tier: 3\n"))
    assert_rejected(
        run,
        path,
        f"{path}:19:9: compounds[0].goals[0].tier: duplicate key 'tier' (first given on line 18)",
    )


def test_duplicate_keys_are_all_listed_by_validate(run, write):
    text = edit("        tier: 2\n", "        tier: 2\n        tier: 3\n")
    text = edit("    name: Testium\n", "    name: Testium\n    name: Other\n", text)
    path = write(text)
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert result.stdout.splitlines()[-1] == f"{path}: invalid: 2 errors"
    assert [line.split(": ", 2)[1] for line in result.stdout.splitlines()[:-1]] == [
        "compounds[0].name",
        "compounds[0].goals[0].tier",
    ]


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast_in_little_memory(run, write):
    path = write(billion_laughs())
    tracemalloc.start()
    try:
        lines = problems_of(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == [
        f"{path}:6:8: f[0]: aliases expand to more than 100,000 values; write the data out instead"
    ]
    assert peak < 5 * 2**20
    assert_rejected(run, path, lines[0])


def test_a_self_containing_alias_is_refused(run, write):
    path = write("a: &loop [1, *loop]\n")
    assert_rejected(run, path, f"{path}:1:14: a[1]: an alias refers to a value that contains it")


def test_small_aliases_are_fine(write):
    text = edit(
        "            ci: {low: 0.5, high: 2.5, level: 0.95}",
        "            ci: &interval {low: 0.5, high: 2.5, level: 0.95}",
    )
    text += "          - measure: Score again\n"
    text += "            effect_type: mean-difference\n            value: 1.5\n"
    text += "            ci: *interval\n"
    study = load_catalog(write(text)).compounds[0].studies[0]
    assert study.outcomes[0].ci == study.outcomes[1].ci


def test_deep_nesting_is_refused(run, write):
    path = write("a: " + "[" * 60 + "]" * 60 + "\n")
    lines = problems_of(path)
    assert lines == [f"{path}:1:53: a{'[0]' * 49}: nested more than 50 levels deep"]
    assert_rejected(run, path, lines[0])


# The schema ------------------------------------------------------------------------------


def test_unknown_key_is_an_error_with_a_suggestion(run, write):
    path = write(edit("        tier: 2\n", "        teir: 2\n"))
    assert_rejected(
        run,
        path,
        # A tier may be left out (the tier rules compute it, #13), so only the key is wrong.
        f"{path}:18:9: compounds[0].goals[0].teir: unknown key 'teir'; did you mean 'tier'?",
    )


def test_missing_required_field(run, write):
    path = write(edit("        summary: Test goal.\n", ""))
    assert_rejected(run, path, f"{path}:15:9: compounds[0].goals[0].summary: required but missing")


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "tier: 2\n",
            "tier: three\n",
            "18:15: compounds[0].goals[0].tier",
            "'three' is not a whole number",
        ),
        ("n: 10\n", "n: ten\n", "32:12: compounds[0].studies[0].n", "'ten' is not a whole number"),
        (
            "value: 1.5\n",
            "value: big\n",
            "36:20: compounds[0].studies[0].outcomes[0].value",
            "'big' is not a number",
        ),
        (
            "design: rct\n",
            "design: anecdote\n",
            "29:17: compounds[0].studies[0].design",
            "'anecdote' is not one of 'meta-analysis', 'rct', 'crossover-rct', 'observational', "
            "'before-after', 'case-series', 'animal', 'cost-effectiveness', 'review' or "
            "'endogenous-level'",
        ),
        (
            "aliases: [attention]\n",
            "aliases: attention\n",
            "17:18: compounds[0].goals[0].aliases",
            "should be a list",
        ),
        (
            "      - id: calm\n",
            "      - id: Calm Goal\n",
            "21:13: compounds[0].goals[1].id",
            "'Calm Goal' is not a valid id: "
            "use lower-case letters and digits, joined by single hyphens",
        ),
    ],
)
def test_wrong_types(run, write, old, new, where, message):
    path = write(edit(old, new))
    assert_rejected(run, path, f"{path}:{where}: {message}")


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "tier: 2\n",
            "tier: 7\n",
            "18:15: compounds[0].goals[0].tier",
            "7 is not on the tier scale (1, 2, 3)",
        ),
        (
            "tier: 2\n",
            "tier: 2\n        tier_max: 1\n",
            "19:19: compounds[0].goals[0].tier_max",
            "1 is below the goal's tier 2",
        ),
        (
            "tier: 2\n",
            "tier: 2\n        tier_max: 4\n",
            "19:19: compounds[0].goals[0].tier_max",
            "4 is not on the tier scale (1, 2, 3)",
        ),
        ("n: 10\n", "n: 0\n", "32:12: compounds[0].studies[0].n", "0 is not greater than 0"),
        ("n: 10\n", "n: -3\n", "32:12: compounds[0].studies[0].n", "-3 is not greater than 0"),
        (
            "n: 10\n",
            "n: 10\n        n_max: 5\n",
            "33:16: compounds[0].studies[0].n_max",
            "n_max needs an n no greater than it",
        ),
        (
            "value: 0.05}",
            "value: 1.5}",
            "39:39: compounds[0].studies[0].outcomes[0].p.value",
            "1.5 is more than 1",
        ),
        (
            "value: 0.05}",
            "value: -0.1}",
            "39:39: compounds[0].studies[0].outcomes[0].p.value",
            "-0.1 is less than 0",
        ),
        (
            "unit: points\n",
            'unit: "%"\n            arms: [{group: a, value: 120}]\n',
            "38:38: compounds[0].studies[0].outcomes[0].arms[0].value",
            "120% is not a percentage between 0 and 100",
        ),
        (
            "{low: 0.5, high: 2.5, level: 0.95}",
            "{low: 2.5, high: 0.5, level: 0.95}",
            "38:17: compounds[0].studies[0].outcomes[0].ci",
            "low end 2.5 is above high end 0.5",
        ),
        (
            "{low: 0.5, high: 2.5, level: 0.95}",
            "{low: 2.0, high: 2.5, level: 0.95}",
            "38:17: compounds[0].studies[0].outcomes[0].ci",
            "the interval 2 to 2.5 excludes its own estimate 1.5",
        ),
        (
            "{low: 0.5, high: 2.5, level: 0.95}",
            "{low: 0.5, high: 2.5, level: 95}",
            "38:46: compounds[0].studies[0].outcomes[0].ci.level",
            "95 is not less than 1",
        ),
        (
            "{low: 0.5, high: 2.5, level: 0.95}",
            "{low: 0.5, high: 2.5, level: 0}",
            "38:46: compounds[0].studies[0].outcomes[0].ci.level",
            "0 is not greater than 0",
        ),
    ],
)
def test_values_out_of_range(run, write, old, new, where, message):
    path = write(edit(old, new))
    assert_rejected(run, path, f"{path}:{where}: {message}")


# The references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "      - id: calm\n",
            "      - id: focus\n",
            "21:13: compounds[0].goals[1].id",
            "duplicate goal 'focus' (also goal number 1 in this list)",
        ),
        (
            "aliases: [relaxation]",
            "aliases: [relaxation, attention]",
            "23:31: compounds[0].goals[1].aliases[1]",
            "'attention' also names goal 'focus'",
        ),
        (
            "aliases: [relaxation]",
            "aliases: [Focus]",
            "23:19: compounds[0].goals[1].aliases[0]",
            "'Focus' also names goal 'focus'",
        ),
        (
            "studies: [trial-one]",
            "studies: [trial-1]",
            "20:19: compounds[0].goals[0].studies[0]",
            "study 'trial-1' is not defined in this compound's studies; did you mean 'trial-one'?",
        ),
        (
            "        n: 10\n",
            "        n: 10\n        based_on: elsewhere\n",
            "33:19: compounds[0].studies[0].based_on",
            "study 'elsewhere' is not defined in this compound's studies",
        ),
    ],
)
def test_broken_references(run, write, old, new, where, message):
    path = write(edit(old, new))
    assert_rejected(run, path, f"{path}:{where}: {message}")


def test_publication_and_indirect_references(run, write):
    path = write(edit("        n: 10\n", "        n: 10\n        publication: nowhere-2020\n"))
    assert_rejected(
        run,
        path,
        f"{path}:33:22: compounds[0].studies[0].publication: "
        "publication 'nowhere-2020' is not defined in this compound's publications",
    )
    text = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        indirect: {trial-two: not this goal's}\n",
    )
    path = write(text)
    assert_rejected(
        run,
        path,
        f"{path}:21:20: compounds[0].goals[0].indirect.trial-two: "
        "study 'trial-two' is not one of this goal's studies",
    )


def test_duplicate_study_and_compound_ids(run, write):
    study = MINIMAL[MINIMAL.index("      - id: trial-one") :]
    path = write(MINIMAL + study)
    assert_rejected(
        run,
        path,
        f"{path}:40:13: compounds[0].studies[1].id: "
        "duplicate study 'trial-one' (also study number 1 in this list)",
    )
    compound = MINIMAL[MINIMAL.index("  - id: testium") :]
    path = write(MINIMAL + compound)
    assert_rejected(
        run,
        path,
        f"{path}:40:9: compounds[1].id: duplicate compound 'testium' (also compound number 1 "
        "in this list)",
    )


def test_a_study_nobody_refers_to_is_a_warning(run, write):
    path = write(edit("        studies: [trial-one]\n", ""))
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{path}:26:13: compounds[0].studies[0].id: warning: no goal refers to study 'trial-one'\n"
        f"{path}: valid: 1 compound, 2 goals, 1 study, 1 outcome, 1 warning\n"
    )
    result = run("--data", str(path), "goals", "--json")
    assert (result.exit_code, result.stderr) == (0, "")


def test_the_same_compound_in_two_files_names_both(run, tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert_rejected(
        run,
        tmp_path,
        f"{second}:7:9: compounds[0].id: compound 'testium' is already defined in {first}",
    )


def test_tier_scales_that_differ_between_files(run, tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    other = edit("label: Much", "label: Lots", edit("id: testium", "id: other"))
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    b = tmp_path / "b.yaml"
    assert_rejected(
        run, tmp_path, f"{b}:3:3: tier_scale: differs from the tier scale in {tmp_path / 'a.yaml'}"
    )


def test_no_tier_scale_anywhere(run, write):
    text = MINIMAL.replace(MINIMAL[MINIMAL.index("tier_scale:") : MINIMAL.index("compounds:")], "")
    path = write(text)
    assert_rejected(
        run,
        path,
        f"{path}:1:1: no tier_scale: a claims file must define the tiers its goals are graded on",
    )


def test_other_commands_print_the_first_three_problems(run, write):
    text = MINIMAL
    for old, new in [
        ("tier: 2\n", "tier: 7\n"),
        ("tier: 1\n", "tier: 8\n"),
        ("aliases: [relaxation]", "aliases: [attention]"),
        ("value: 1.5\n", "value: 5\n"),
    ]:
        text = edit(old, new, text)
    path = write(text)
    result = run("--data", str(path), "goals")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"peptide-cli: {path}:18:15: compounds[0].goals[0].tier: "
        "7 is not on the tier scale (1, 2, 3)",
        f"peptide-cli: {path}:23:19: compounds[0].goals[1].aliases[0]: "
        "'attention' also names goal 'focus'",
        f"peptide-cli: {path}:24:15: compounds[0].goals[1].tier: "
        "8 is not on the tier scale (1, 2, 3)",
        f"peptide-cli: 1 more problem; 'peptide-cli validate {path}' lists them all",
    ]
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert len(result.stdout.splitlines()) == 5
    assert result.stdout.splitlines()[4] == f"{path}: invalid: 4 errors"
    assert result.stdout.splitlines()[3] == (
        f"{path}:38:17: compounds[0].studies[0].outcomes[0].ci: "
        "the interval 0.5 to 2.5 excludes its own estimate 5"
    )


def test_files_are_never_changed(run, write):
    for text in (MINIMAL, edit("tier: 2\n", "tier: 7\n"), billion_laughs()):
        path = write(text)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        for args in (
            ["goals"],
            ["show", "focus", "--json"],
            ["filter", "--min-tier", "2"],
            ["info", "--json"],
            ["compare", "focus"],
        ):
            run("--data", str(path), *args)
        run("validate", str(path))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("        n: yes\n", "studies[0].n: 'yes' is not a whole number"),
        ("        n: off\n", "studies[0].n: 'off' is not a whole number"),
        ("        n: 10\n        population: ~\n", "studies[0].population: '~' is not text"),
    ],
)
def test_a_value_yaml_reads_as_true_false_or_null_is_quoted_as_typed(run, write, line, expected):
    text = MINIMAL.replace("        n: 10\n", line).replace(
        "        population: test subjects\n", ""
    )
    result = run("validate", str(write(text)))
    assert result.exit_code == 3
    assert f"compounds[0].{expected}" in result.stdout + result.stderr
