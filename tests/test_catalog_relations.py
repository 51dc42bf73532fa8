"""Adding a compound file to the catalog: the new compound shows up wherever compounds and goals
are listed, and nothing it does not own changes.

A copy of the bundled folder gets one more claims file, an invented compound with two goals,
regulatory facts and harms; every listing of that folder is compared with the same listing of
the bundled folder alone.
"""

import shutil
from datetime import date

import pytest

from peptide_cli.catalog.loading import load_catalog

from helpers import REPO

# An invented compound (test data): two goals, one human trial with a publication and a harm,
# one rat study, a regulatory entry and a compound-level harm. No tiers are stated: the tier
# rules compute them, as they do for every compound file but Cerebrolysin's.
ADDED = """\
schema_version: 1
compounds:
  - id: zetatide
    name: Zetatide
    kind: invented test peptide
    summary: Test data, not a real compound.
    source: synthetic
    composition: an invented decapeptide
    administration: {routes: [subcutaneous injection]}
    regulatory:
      - body: FDA
        jurisdiction: United States
        kind: safety-risk-list
        status: invented listing, for tests
        date: "2024-01-01"
        source: an invented source
    harms:
      - text: No harms were recorded in the invented trial.
        source: an invented source
    goals:
      - id: zeta-focus
        name: Zeta Focus
        aliases: [zeta-attention]
        population: invented adults
        summary: One invented small trial found a better focus score.
        limitations: [One small invented trial.]
        studies: [zeta-trial]
      - id: zeta-calm
        name: Zeta Calm
        aliases: [zeta-relaxation]
        population: rats only
        summary: One invented rat study found calmer rats, in words only.
        limitations: [Animals only.]
        studies: [zeta-rat]
    publications:
      - id: zeta-trial
        title: An invented trial of Zetatide
        journal: Journal of Test Data
        year: 2024
    studies:
      - id: zeta-trial
        label: Zeta focus trial
        design: rct
        species: human
        population: invented adults
        n: 20
        publication: zeta-trial
        outcomes:
          - measure: Focus score
            effect_type: mean-difference
            primary: true
            value: 1.5
            unit: points
            ci: {low: 0.5, high: 2.5, level: 0.95}
            p: {relation: "<", value: 0.05}
            better: higher
        harms:
          - event: headache
            kind: adverse-events
            arms:
              - {group: Zetatide, percent: 10.0}
              - {group: placebo, percent: 5.0}
      - id: zeta-rat
        label: Zeta rat study
        design: animal
        species: rat
        population: invented rats
        outcomes:
          - measure: Calm behaviour
            effect_type: qualitative
            finding: Calmer than controls (no numbers).
            conclusion: benefit
"""
NEW = "zetatide"
NEW_GOALS = ["zeta-focus", "zeta-calm"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """(the bundled folder, copied; the same with the invented compound's file added)."""
    root = tmp_path_factory.mktemp("catalogs")
    before, after = root / "before", root / "after"
    shutil.copytree(REPO / "data", before)
    shutil.copytree(REPO / "data", after)
    (after / "compound-zetatide.yaml").write_text(ADDED, encoding="utf-8")
    return before, after


def listing(run, folder, *args):
    return run.json("--data", str(folder), *args, "--json")


def others(records):
    """The records that are not the added compound's, in their order."""
    return [r for r in records if r.get("compound", r.get("id")) != NEW]


def test_the_folder_with_the_added_file_is_valid(run, folders):
    before, after = folders
    old, new = load_catalog(before), load_catalog(after)
    assert [c.id for c in new.compounds if c.id != NEW] == [c.id for c in old.compounds]
    assert [c.id for c in new.compounds].count(NEW) == 1
    result = run("validate", str(after))
    assert result.exit_code == 0, result.stdout
    assert f"valid: {len(new.compounds)} compounds, " in result.stdout


def test_compounds_lists_the_new_compound_and_the_others_unchanged(run, folders):
    before, after = folders
    old, new = listing(run, before, "compounds"), listing(run, after, "compounds")
    assert [c["id"] for c in new] == [c.id for c in load_catalog(after).compounds]
    assert others(new) == old
    [added] = [c for c in new if c["id"] == NEW]
    assert (added["name"], added["goal_count"], added["study_count"]) == ("Zetatide", 2, 2)
    today = date.today().isoformat()  # the status in effect today, as of today
    assert added["regulatory"] == f"FDA: safety risk list 2024-01-01 (as of {today})"
    assert added["regulatory_entries"][0]["status"] == "invented listing, for tests"


def test_goals_has_one_record_per_goal_of_every_compound(run, folders):
    before, after = folders
    old, new = listing(run, before, "goals"), listing(run, after, "goals")
    expected = [(c.id, g.id) for c in load_catalog(after).compounds for g in c.goals]
    assert [(g["compound"], g["id"]) for g in new] == expected
    assert [g["id"] for g in new if g["compound"] == NEW] == NEW_GOALS
    assert others(new) == old
    scale = {t.tier for t in load_catalog(after).tier_scale}
    for goal in (g for g in new if g["compound"] == NEW):
        assert goal["tier"] in scale
        assert not goal["tier_stated"]
        assert goal["tier_rule"]  # computed, and by a named rule


def test_filter_finds_the_new_goals_by_tier_and_by_compound(run, folders):
    before, after = folders
    assert others(listing(run, after, "filter", "--min-tier", "1")) == listing(
        run, before, "filter", "--min-tier", "1"
    )
    goals = {g["id"]: g for g in listing(run, after, "goals", "--compound", NEW)}
    assert list(goals) == NEW_GOALS
    assert [g["id"] for g in listing(run, after, "filter", "--compound", NEW)] == NEW_GOALS
    for goal in goals.values():
        tier = str(goal["tier"])
        found = listing(run, after, "filter", "--min-tier", tier, "--max-tier", tier)
        assert (NEW, goal["id"]) in [(g["compound"], g["id"]) for g in found]
        assert others(found) == listing(
            run, before, "filter", "--min-tier", tier, "--max-tier", tier
        )


def test_show_gives_each_new_goal_with_its_studies(run, folders):
    _, after = folders
    goals = {g["id"]: g for g in listing(run, after, "goals", "--compound", NEW)}
    for goal_id, study in zip(NEW_GOALS, ["zeta-trial", "zeta-rat"], strict=True):
        shown = listing(run, after, "show", goal_id, "--compound", NEW)
        assert (shown["compound"], shown["id"]) == (NEW, goal_id)
        assert [s["id"] for s in shown["studies"]] == [study]
        assert {k: v for k, v in shown.items() if k not in ("absence", "studies")} == goals[goal_id]
    by_alias = listing(run, after, "show", "zeta-attention")  # unique in the catalog
    assert (by_alias["compound"], by_alias["id"]) == (NEW, "zeta-focus")
    text = run("--data", str(after), "show", "zeta-focus", env={"COLUMNS": "300"}).stdout
    assert "Harm (adverse events): headache" in " ".join(text.split())


def test_audit_appraises_the_new_goals_and_the_others_alike(run, folders):
    before, after = folders
    old, new = listing(run, before, "audit"), listing(run, after, "audit")
    assert sorted((g["compound"], g["id"]) for g in new) == sorted(
        (c.id, g.id) for c in load_catalog(after).compounds for g in c.goals
    )
    assert others(new) == old
    audited = {g["id"]: g for g in new if g["compound"] == NEW}
    assert set(audited) == set(NEW_GOALS)
    assert "regulator-safety-warning" in audited["zeta-focus"]["flag_codes"]
    assert "no-human-data" in audited["zeta-calm"]["flag_codes"]


def test_studies_info_and_citations_take_in_the_new_compound(run, folders):
    before, after = folders
    old, new = listing(run, before, "studies"), listing(run, after, "studies")
    assert others(new) == old
    assert {(s["goal"], s["study"]) for s in new if s["compound"] == NEW} == {
        ("zeta-focus", "zeta-trial"),
        ("zeta-calm", "zeta-rat"),
    }
    info = listing(run, after, "info", NEW)
    assert info["harms"][0]["text"] == "No harms were recorded in the invented trial."
    assert info["regulatory"][0]["kind"] == "safety-risk-list"
    cited = run.json("--data", str(after), "cite", "--format", "csl-json")
    assert "zeta-trial" in [item["id"] for item in cited]
    assert [i for i in cited if i["id"] != "zeta-trial"] == run.json(
        "--data", str(before), "cite", "--format", "csl-json"
    )


def test_an_unknown_compound_is_refused_with_every_compound_named(run, folders):
    _, after = folders
    result = run("--data", str(after), "goals", "--compound", "deltamax")
    assert result.exit_code == 1
    every = ", ".join(f"{c.name} ({c.id})" for c in load_catalog(after).compounds)
    assert result.stderr.endswith(f"the catalog has: {every}\n")
    assert "Zetatide (zetatide)" in every
