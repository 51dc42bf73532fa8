"""Several compounds in one catalog: --data with a file or a folder, --compound, compare."""

import json

import pytest

from helpers import FOLDER, TWO
from minimal import MINIMAL, edit


def ids(goals):
    return [(goal["compound"], goal["id"]) for goal in goals]


def test_a_folder_merges_every_yaml_file_in_name_order(run):
    assert ids(run.json("--data", str(FOLDER), "goals", "--json")) == [
        ("alphatide", "sleep"),
        ("alphatide", "focus"),
        ("betapeptin", "sleep"),
        ("betapeptin", "mood"),
        ("gammorelin", "focus"),
    ]


def test_a_file_with_two_compounds(run):
    assert ids(run.json("--data", str(TWO), "goals", "--json")) == [
        ("alphatide", "sleep"),
        ("alphatide", "focus"),
        ("betapeptin", "sleep"),
        ("betapeptin", "mood"),
    ]


def test_validate_a_folder(run):
    result = run("validate", str(FOLDER))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{FOLDER}: valid: 3 compounds, 5 goals, 3 studies, 3 outcomes\n"


def test_validate_json(run):
    report = run.json("validate", str(TWO), "--json")
    assert report == {
        "valid": True,
        "source": str(TWO),
        "counts": {"compounds": 2, "goals": 4, "studies": 3, "outcomes": 3},
        "problems": [],
    }


def test_validate_json_of_a_bad_file(run, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(edit("tier: 2\n", "tier: 9\n"), encoding="utf-8")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 3
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "valid": False,
        "source": str(path),
        "counts": None,
        "problems": [
            {
                "file": str(path),
                "line": 18,
                "column": 15,
                "path": "compounds[0].goals[0].tier",
                "severity": "error",
                "message": "9 is not on the tier scale (1, 2, 3)",
            }
        ],
    }


def test_the_bundled_file_is_valid(run):
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout.endswith(": valid: 1 compound, 13 goals, 26 studies, 50 outcomes\n")


# Where the data comes from: --data after the command, --data before it, the environment.


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["goals", "--json"], {}, 13),
        (["goals", "--json"], {"PEPTIDE_CLI_DATA": str(TWO)}, 4),
        (["--data", str(FOLDER), "goals", "--json"], {"PEPTIDE_CLI_DATA": str(TWO)}, 5),
        (["goals", "--json", "--data", str(FOLDER)], {"PEPTIDE_CLI_DATA": str(TWO)}, 5),
        (["--data", str(TWO), "goals", "--json", "--data", str(FOLDER)], {}, 5),
    ],
)
def test_option_beats_environment_and_command_option_beats_global(run, args, env, expected):
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == expected


def test_validate_uses_the_same_data_as_other_commands(run):
    result = run("validate", env={"PEPTIDE_CLI_DATA": str(TWO)})
    assert result.stdout == f"{TWO}: valid: 2 compounds, 4 goals, 3 studies, 3 outcomes\n"
    result = run("--data", str(FOLDER), "validate", env={"PEPTIDE_CLI_DATA": str(TWO)})
    assert result.stdout.startswith(f"{FOLDER}: valid: 3 compounds")
    result = run("--data", str(FOLDER), "validate", str(TWO))
    assert result.stdout.startswith(f"{TWO}: valid: 2 compounds")


# --compound and goals found in several compounds.


def test_compound_option_narrows_goals_and_filter(run):
    data = ["--data", str(FOLDER)]
    assert ids(run.json(*data, "goals", "--compound", "betapeptin", "--json")) == [
        ("betapeptin", "sleep"),
        ("betapeptin", "mood"),
    ]
    assert ids(
        run.json(*data, "filter", "--min-tier", "2", "--compound", "Alphatide", "--json")
    ) == [
        ("alphatide", "sleep"),
        ("alphatide", "focus"),
    ]
    assert ids(run.json(*data, "filter", "--min-tier", "2", "--json")) == [
        ("alphatide", "sleep"),
        ("alphatide", "focus"),
        ("betapeptin", "mood"),
    ]


def test_compound_names_match_by_id_name_or_prefix(run):
    for name in ("gammorelin", "Gammorelin", "GAMMO", "gam"):
        goals = run.json("--data", str(FOLDER), "goals", "--compound", name, "--json")
        assert ids(goals) == [("gammorelin", "focus")]


def test_unknown_compound_exits_1(run):
    result = run("--data", str(FOLDER), "goals", "--compound", "deltamax")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "peptide-cli: no compound matches 'deltamax'; the catalog has: Alphatide (alphatide), "
        "Betapeptin (betapeptin), Gammorelin (gammorelin)\n"
    )


def test_show_a_goal_found_in_several_compounds_needs_compound(run):
    result = run("--data", str(FOLDER), "show", "sleep")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "peptide-cli: goal 'sleep' is in several compounds: Alphatide (alphatide), "
        "Betapeptin (betapeptin); choose one with --compound\n"
    )
    goal = run.json("--data", str(FOLDER), "show", "sleep", "--compound", "beta", "--json")
    assert (goal["compound"], goal["id"], goal["tier"], goal["tier_label"]) == (
        "betapeptin",
        "sleep",
        1,
        "No Evidence",
    )


def test_show_a_goal_only_one_compound_has(run):
    goal = run.json("--data", str(FOLDER), "show", "mood", "--json")
    got = (goal["compound"], goal["tier"], goal["tier_label"])
    assert got == ("betapeptin", 2, "Plausible Efficacy")  # computed: shown everywhere
    stated = (goal["tier_stated"], goal["tier_stated_max"], goal["tier_stated_label"])
    assert stated == (2, 3, "Mixed")  # as the file states it, beside
    assert goal["studies"][0]["n"] == 12
    assert goal["studies"][0]["n_max"] == 15


def test_compare_shows_the_goal_in_every_compound_that_has_it(run):
    data = ["--data", str(FOLDER)]
    goals = run.json(*data, "compare", "sleep", "--json")
    assert [
        (g["compound"], g["tier"], g["study_count"], g["human_study_count"]) for g in goals
    ] == [
        ("alphatide", 2, 1, 1),  # stated 3; one uncontrolled study computes Tier 2
        ("betapeptin", 1, 0, 0),
    ]
    result = run(*data, "compare", "focus", "--format", "table", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    # compare shows the population each goal's evidence is about (#13); empty here
    assert rows[0] == [
        "Compound",
        "Goal",
        "Tier",
        "Evidence",
        "Stated",
        "Studies",
        "Human",
        "Flags",
        "Population",
    ]
    assert rows[2:] == [
        ["Alphatide", "Focus", "2", "Plausible", "Efficacy", "2", "1", "0", "2", "(high)"],
        ["Gammorelin", "Focus", "1", "No", "Evidence", "1", "0", "0", "1", "(low)"],
    ]


def test_compare_on_the_bundled_file_has_one_row(run):
    goals = run.json("compare", "stroke", "--json")
    assert ids(goals) == [("cerebrolysin", "stroke-injury-recovery")]


def test_compare_an_unknown_goal_exits_1(run):
    result = run("--data", str(FOLDER), "compare", "slep")
    assert result.exit_code == 1
    assert result.stderr == "peptide-cli: no goal matches 'slep'; did you mean 'sleep'?\n"


def test_compound_column_only_when_there_are_several(run):
    table = ["--format", "table"]
    several = run("--data", str(FOLDER), "goals", *table, env={"COLUMNS": "120"}).stdout
    assert several.split()[0] == "Compound"
    one = run("--data", str(FOLDER), "goals", "--compound", "alpha", *table)
    assert one.stdout.split()[0] == "Goal"
    assert run("goals", *table, env={"COLUMNS": "120"}).stdout.split()[0] == "Goal"
    plain = run("--data", str(FOLDER), "goals").stdout.splitlines()
    assert plain[0].split("\t")[0] == "compound_name"


def test_info_needs_compound_when_there_are_several(run):
    result = run("--data", str(FOLDER), "info")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "peptide-cli: the catalog has several compounds: Alphatide (alphatide), "
        "Betapeptin (betapeptin), Gammorelin (gammorelin); choose one with --compound\n"
    )
    compound = run.json("--data", str(FOLDER), "info", "--compound", "alphatide", "--json")
    assert compound["preparations"] == [
        {
            "volume_ml": 2,
            "peptide_mg": 10,
            "mg_per_ml": 5.0,
            "mg_per_ml_derivation": "10 mg / 2 mL, computed by this tool; no source states it",
        }
    ]


def test_an_empty_filter_result_is_success(run):
    result = run("--data", str(FOLDER), "filter", "--min-tier", "3", "--compound", "gamm", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")
    args = ["--data", str(FOLDER), "filter", "--min-tier", "3", "--compound", "gamm"]
    result = run(*args, "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No goals match.\n")
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "name\ttier_range\ttier_label\ttier_stated_range\tstudy_count\thuman_study_count"
        "\tflag_summary\n"
    )


def test_a_compound_with_no_goals_lists_nothing(run, tmp_path):
    text = MINIMAL[: MINIMAL.index("    goals:")]
    path = tmp_path / "bare.yaml"
    path.write_text(text, encoding="utf-8")
    assert run.json("--data", str(path), "goals", "--json") == []
