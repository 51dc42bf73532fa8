"""`peptide-cli filter`: goals by tier, with a tier range counted by its lower bound."""

from dataclasses import replace

import pytest

from peptide_cli.catalog.models import Tier
from peptide_cli.errors import UsageProblem
from peptide_cli.evidence import appraisal as lookup

from helpers import GOALS, STATED_1, STATED_2, STATED_3, TIER_1, TIER_2, TIER_3


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--min-tier", "3"], TIER_3),
        (["--min-tier", "2", "--max-tier", "2"], TIER_2),
        (["--max-tier", "1"], TIER_1),
        (["--min-tier", "1", "--max-tier", "1"], TIER_1),
        (["--max-tier", "2"], [g[0] for g in GOALS if g[2] <= 2]),  # in the file's order
        (["--min-tier", "3", "--by", "stated"], STATED_3),
        (["--min-tier", "2", "--max-tier", "2", "--by", "stated"], STATED_2),
        (["--max-tier", "1", "--by", "stated"], STATED_1),
    ],
)
def test_filter_json_returns_goals_in_range_in_document_order(run, args, ids):
    """By the computed tier, the one every output shows; with --by stated, by the source's."""
    assert [g["id"] for g in run.json("filter", *args, "--json")] == ids


def test_by_stated_leaves_out_goals_no_source_gives_a_tier(run, tmp_path):
    from minimal import MINIMAL

    path = tmp_path / "claims.yaml"
    path.write_text(MINIMAL.replace("        tier: 2\n", ""), encoding="utf-8")
    computed = run.json("--data", str(path), "filter", "--json")
    assert [(g["id"], g["tier_stated"]) for g in computed] == [("focus", None), ("calm", 1)]
    stated = run.json("--data", str(path), "filter", "--by", "stated", "--json")
    assert [g["id"] for g in stated] == ["calm"]


def test_filter_without_bounds_returns_every_goal(run):
    every = [g["id"] for g in run.json("goals", "--json")]
    assert [g["id"] for g in run.json("filter", "--json")] == every
    assert len(every) == 13


def test_a_stated_tier_range_counts_by_its_lower_bound(run):
    liver = run.json("show", "liver", "--json")
    assert (liver["tier_stated"], liver["tier_stated_max"], liver["tier"]) == (2, 3, 2)
    stated = ["--by", "stated", "--json"]
    assert "liver-heart" not in [g["id"] for g in run.json("filter", "--min-tier", "3", *stated)]
    assert "liver-heart" in [g["id"] for g in run.json("filter", "--max-tier", "2", *stated)]


def test_filter_objects_equal_goals_objects(run):
    goals = {g["id"]: g for g in run.json("goals", "--json")}
    for goal in run.json("filter", "--min-tier", "2", "--json"):
        assert goal == goals[goal["id"]]


def test_filter_table_lists_the_goals(run):
    result = run("filter", "--min-tier", "3", "--format", "table", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    names = [line.split("  ")[0].strip() for line in result.stdout.splitlines()[2:]]
    assert names == ["Cognition & Memory"]  # stroke is at Tier 2 since CASTA (#27)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Tier 4 is on the bundled scale since #13
        (
            ["--min-tier", "5"],
            "peptide-cli: minimum tier 5 is not on the tier scale (1, 2, 3, 4)\n",
        ),
        (
            ["--max-tier", "0"],
            "peptide-cli: maximum tier 0 is not on the tier scale (1, 2, 3, 4)\n",
        ),
        (
            ["--min-tier", "3", "--max-tier", "2"],
            "peptide-cli: minimum tier 3 is above maximum tier 2\n",
        ),
    ],
)
def test_a_tier_off_the_scale_is_a_usage_error(run, args, message):
    for extra in ([], ["--json"]):
        result = run("filter", *args, *extra)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == message


def test_a_tier_that_is_not_a_number_is_a_usage_error(run):
    result = run("filter", "--min-tier", "three")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("peptide-cli: Invalid value for '--min-tier': ")
    assert result.stderr.endswith("(see 'peptide-cli filter --help')\n")
    assert result.stderr.count("\n") == 1


def test_an_empty_result_is_success(catalog):
    # The bundled file has goals in every tier; a scale with an unused tier gives an empty list.
    extra = Tier(tier=4, label="Established", meaning="Test tier.")
    wider = replace(catalog, tier_scale=[*catalog.tier_scale, extra])
    assert list(lookup.filter_by_tier(wider, min_tier=4)) == []


def test_library_rejects_a_tier_off_the_scale(catalog):
    with pytest.raises(
        UsageProblem, match=r"^minimum tier 5 is not on the tier scale \(1, 2, 3, 4\)$"
    ):
        lookup.filter_by_tier(catalog, min_tier=5)
