"""`peptide-cli goals`: every goal, in the document's order, as a table and as JSON."""

import re

from helpers import GOALS


def test_goals_json_lists_every_goal_in_document_order(run):
    goals = run.json("goals", "--json")
    got = [
        (
            g["id"],
            g["name"],
            g["tier"],
            g["tier_label"],
            g["tier_stated_range"],
            g["tier_stated_label"],
            g["study_count"],
            g["human_study_count"],
        )
        for g in goals
    ]
    assert got == GOALS


def test_goals_json_objects_carry_the_contract_fields(run):
    goal = run.json("goals", "--json")[0]
    assert goal["compound"] == "cerebrolysin"
    assert goal["summary"].startswith("Pooled randomized trials")
    assert goal["study_ids"] == ["vad-meta-analysis", "ad-meta-analysis-cgi"]
    assert goal["aliases"][:2] == ["cognition", "memory"]
    assert "studies" not in goal  # studies are nested in full only by `show`


def test_goals_json_numbers_are_json_integers(run):
    for goal in run.json("goals", "--json"):
        assert type(goal["tier"]) is int
        assert type(goal["tier_max"]) is int
        assert type(goal["study_count"]) is int


def test_goals_table_shows_every_goal_with_its_tier(run):
    result = run("goals", "--format", "table", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert result.stderr == ""
    rows = [re.split(r"\s{2,}", line.strip()) for line in result.stdout.splitlines()]
    assert rows[0] == ["Goal", "Tier", "Evidence", "Stated", "Studies", "Human", "Flags"]
    expected = [
        [name, str(tier), label, stated, str(n), str(human), FLAG_SUMMARIES[goal_id]]
        for goal_id, name, tier, label, stated, _, n, human in GOALS
    ]
    assert rows[2:-1] == expected
    # the table ends with when each compound's evidence was last searched
    assert rows[-1] == [
        "Evidence last searched: Cerebrolysin 2026-12-06 (publications up to 2025-04)."
    ]


# How many flags each goal has, and the worst of them (see test_appraisal for the flags).
FLAG_SUMMARIES = {
    "cognition-memory": "6 (medium)",
    "stroke-injury-recovery": "7 (high)",
    "anti-inflammatory": "9 (high)",
    "mood-stress": "9 (high)",
    "sleep": "6 (high)",
    "longevity": "7 (high)",
    "immune": "8 (high)",
    "energy-mitochondria": "7 (high)",
    "hair": "6 (high)",
    "muscle": "2 (medium)",
    "athletic": "6 (medium)",
    "liver-heart": "6 (high)",
    "gut": "2 (medium)",
}


def test_goals_table_fits_80_columns(run):
    lines = run("goals", "--format", "table", env={"COLUMNS": "80"}).stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = " ".join(" ".join(lines).split())
    for _, name, *_ in GOALS:
        for word in name.split():
            assert word in text


def test_goals_table_has_no_colour_when_piped(run):
    result = run("goals", "--format", "table")
    assert "\x1b[" not in result.stdout


CYAN = "\x1b[36m"  # the colour of the Goal column


def test_goals_table_is_coloured_when_forced(run):
    result = run("goals", "--format", "table", env={"FORCE_COLOR": "1", "COLUMNS": "160"})
    assert CYAN in result.stdout


def test_no_color_removes_colour_even_when_forced(run):
    table = ["goals", "--format", "table"]
    result = run(*table, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "160"})
    assert CYAN not in result.stdout
    assert "Cognition & Memory" in result.stdout
