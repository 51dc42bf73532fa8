"""The appraisal rules: evidence profiles and flags, computed from the data."""

import pytest

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.evidence import appraisal
from peptide_cli.evidence.queries import Entry

from minimal import MINIMAL, edit

# Every goal of the bundled file with its flags, most serious first.
BUNDLED_FLAGS = {
    "cognition-memory": [
        ("source-departs", "medium"),
        ("regulator-safety-warning", "medium"),  # the class label warning in China (#27)
        ("not-systematically-searched", "medium"),  # Tier 3, and no search recorded (#26)
        # Tier 3 claims moderate; the review's trials are at high risk of bias: low (#26)
        ("tier-above-certainty", "medium"),
        ("later-evidence", "low"),
        ("industry-ties", "low"),
    ],
    "stroke-injury-recovery": [
        ("largest-trial-null", "high"),  # CASTA, the largest trial, found no difference (#27)
        ("source-departs", "medium"),
        ("unconfirmed-figure", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-differs", "medium"),  # the stated Tier 3 is above the computed Tier 2
        ("later-evidence", "low"),
        ("industry-ties", "low"),
    ],
    "anti-inflammatory": [
        ("human-evidence-not-found", "high"),
        ("tier-above-evidence", "high"),
        ("unconfirmed-figure", "medium"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-differs", "medium"),  # the stated tier is above the computed one (#13)
        ("tier-above-certainty", "medium"),
        ("no-confirmed-source", "low"),
        ("industry-ties", "low"),
    ],
    "mood-stress": [
        ("tier-above-evidence", "high"),
        ("source-departs", "medium"),
        ("unconfirmed-figure", "medium"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-differs", "medium"),  # the stated tier is above the computed one (#13)
        ("tier-above-certainty", "medium"),
        ("later-evidence", "low"),
        ("industry-ties", "low"),
    ],
    "sleep": [
        ("human-evidence-not-found", "high"),
        ("single-small-study", "medium"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-above-certainty", "medium"),
        ("no-confirmed-source", "low"),
    ],
    "longevity": [
        ("tier-above-evidence", "high"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-differs", "medium"),  # the stated tier is above the computed one (#13)
        ("tier-above-certainty", "medium"),
        ("no-confirmed-source", "low"),
        ("industry-ties", "low"),
    ],
    "immune": [
        ("human-evidence-not-found", "high"),
        ("no-controlled-trial", "medium"),
        ("single-small-study", "medium"),
        ("unconfirmed-figure", "medium"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-above-certainty", "medium"),
        ("no-confirmed-source", "low"),
    ],
    "energy-mitochondria": [
        ("no-human-data", "high"),
        ("source-departs", "medium"),
        ("unconfirmed-figure", "medium"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-above-certainty", "medium"),
        ("no-confirmed-source", "low"),
    ],
    "hair": [
        ("tier-above-evidence", "high"),
        ("no-controlled-trial", "medium"),
        ("single-small-study", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-differs", "medium"),  # the stated tier is above the computed one (#13)
        ("tier-above-certainty", "medium"),
    ],
    "muscle": [
        ("regulator-safety-warning", "medium"),
        ("no-human-data", "low"),
    ],
    "athletic": [
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        # the computed Tier 2, the one shown, claims low certainty; there is no human evidence
        ("tier-above-certainty", "medium"),
        ("no-human-data", "low"),
        ("no-confirmed-source", "low"),
        ("tier-differs", "low"),
    ],
    "liver-heart": [
        ("tier-above-evidence", "high"),
        ("no-controlled-trial", "medium"),
        ("source-departs", "medium"),
        ("indirect-evidence", "medium"),
        ("regulator-safety-warning", "medium"),
        ("tier-above-certainty", "medium"),
    ],
    "gut": [
        ("regulator-safety-warning", "medium"),
        ("no-human-data", "low"),
    ],
}


def test_the_flags_of_every_bundled_goal(run):
    goals = run.json("goals", "--json")
    got = {g["id"]: [(f["code"], f["severity"]) for f in g["flags"]] for g in goals}
    assert got == BUNDLED_FLAGS
    assert all(g["flag_codes"] == [f["code"] for f in g["flags"]] for g in goals)


def test_hair_is_flagged_for_a_tier_above_its_evidence(run):
    hair = run.json("show", "hair", "--json")
    flag = hair["flags"][0]
    assert flag == {
        "code": "tier-above-evidence",
        "severity": "high",
        "reason": "Tier 3 without a controlled human trial: the evidence is Hair repigmentation "
        "case series.",
        "studies": ["hair-case-series"],
    }


def test_reasons_name_the_studies(run):
    mood = {f["code"]: f for f in run.json("show", "mood", "--json")["flags"]}
    assert mood["source-departs"]["studies"] == [
        "tbi-hads-anxiety",
        "captain-ii-cost-effectiveness",
        "ptsd-mice",
    ]
    assert mood["source-departs"]["reason"] == (
        "The document departs from the publication behind TBI anxiety study, CAPTAIN II "
        "cost-effectiveness analysis and PTSD-like mouse model."
    )
    assert mood["tier-above-evidence"] == {
        "code": "tier-above-evidence",
        "severity": "high",
        "reason": "Tier 3 without a direct, confirmed, controlled human trial: its controlled "
        "human evidence is indirect for this goal (TBI anxiety study and CAPTAIN II).",
        "studies": ["tbi-hads-anxiety", "captain-ii"],
    }


def test_profiles_of_the_bundled_goals(run):
    profiles = {g["id"]: g["profile"] for g in run.json("goals", "--json")}
    assert profiles["cognition-memory"] == {
        "designs": {
            "meta-analysis": 2,
            "rct": 0,
            "crossover-rct": 0,
            "observational": 0,
            "cost-effectiveness": 0,
            "before-after": 0,
            "case-series": 0,
            "animal": 0,
            "review": 0,
            "endogenous-level": 0,
        },
        "human_studies": 2,
        "human_participants": 597,
        "human_participants_at_least": True,  # the Alzheimer's analysis gives no count
        "strongest_design": "meta-analysis",
    }
    # CAPTAIN II's 139 are counted once: the two analyses based on it share its patients.
    assert profiles["mood-stress"]["human_participants"] == 139
    assert profiles["mood-stress"]["designs"]["cost-effectiveness"] == 1
    # Of the syntheses, only the largest group counts: Zhang 2017's 1779 (its trials are not
    # recorded, so it may share them with the Cochrane review's group, whose largest is 1773);
    # then CAPTAIN II's 139 and CAPTAIN I's 46, which no synthesis is recorded to include.
    assert profiles["stroke-injury-recovery"]["human_participants"] == 1779 + 139 + 46
    assert profiles["stroke-injury-recovery"]["human_participants_at_least"] is True
    assert profiles["longevity"]["human_participants"] is None
    assert profiles["energy-mitochondria"]["human_participants"] == 0
    assert profiles["hair"]["strongest_design"] == "case-series"
    assert profiles["gut"]["strongest_design"] is None


def test_audit_lists_the_most_serious_first(run):
    order = [g["id"] for g in run.json("audit", "--json")]
    assert order[:2] == ["anti-inflammatory", "mood-stress"]  # the most high and medium flags
    assert order[-2:] == ["muscle", "gut"]  # one low flag each
    assert sorted(order) == sorted(BUNDLED_FLAGS)


def test_show_prints_the_flags_under_the_tier(run):
    lines = run("show", "hair", env={"COLUMNS": "200"}).stdout.splitlines()
    assert lines[1] == "Tier 2 · Plausible Efficacy · Cerebrolysin · stated 3 (Probable Efficacy)"
    assert lines[2] == "1 case series · 5 human participants · strongest: case series"
    assert lines[3].startswith(
        "Certainty, that of its lowest critical outcome: very low (Scalp hair colour)"
    )  # #12, #26
    assert lines[4].startswith("Tier 2 by the tier rules (some-evidence: ")  # #13, #26
    assert lines[5].split() == [
        "!",
        "high",
        "tier-above-evidence",
        "Tier",
        "3",
        "without",
        "a",
        "controlled",
        "human",
        "trial:",
        "the",
        "evidence",
        "is",
        "Hair",
        "repigmentation",
        "case",
        "series.",
    ]


# The rules, each on a small invented catalog built to trigger it or not ------------------


def flags_of(tmp_path, text, goal="focus"):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    compound = load_catalog(path).compounds[0]
    found = appraisal.flags(compound, next(g for g in compound.goals if g.id == goal))
    return {flag.code: flag.severity for flag in found}


SOURCED = edit(
    "    studies:\n      - id: trial-one\n",
    "    publications:\n      - {id: pub-one, journal: Test Journal, year: 2020}\n"
    "    studies:\n      - id: trial-one\n        publication: pub-one\n",
)
SECOND_STUDY = """\
      - id: trial-two
        label: Trial Two
        design: rct
        species: human
        population: more test subjects
        n: 12
"""


def test_the_minimal_goal(tmp_path):
    assert flags_of(tmp_path, MINIMAL) == {
        "single-small-study": "medium",
        "no-confirmed-source": "low",
    }
    assert flags_of(tmp_path, SOURCED) == {"single-small-study": "medium"}


@pytest.mark.parametrize(
    ("changes", "severity"),
    [
        ([("species: human", "species: rat")], "high"),  # tier 2
        ([("species: human", "species: rat"), ("tier: 2\n", "tier: 1\n")], "low"),
    ],
)
def test_no_human_data(tmp_path, changes, severity):
    text = SOURCED
    for old, new in changes:
        text = edit(old, new, text)
    assert flags_of(tmp_path, text)["no-human-data"] == severity
    assert "no-human-data" not in flags_of(tmp_path, SOURCED)


def test_no_human_data_when_there_are_no_studies(tmp_path):
    assert flags_of(tmp_path, SOURCED, goal="calm") == {"no-human-data": "low"}


def test_no_controlled_trial(tmp_path):
    text = edit("design: rct", "design: observational", SOURCED)
    assert flags_of(tmp_path, text)["no-controlled-trial"] == "medium"
    assert "no-controlled-trial" not in flags_of(tmp_path, SOURCED)
    text = edit("design: rct", "design: meta-analysis", SOURCED)
    assert "no-controlled-trial" not in flags_of(tmp_path, text)


@pytest.mark.parametrize(
    ("size", "flagged"),
    [("n: 10", True), ("n: 99", True), ("n: 100", False), ("n: 10\n        n_max: 150", False)],
)
def test_single_small_study_threshold(tmp_path, size, flagged):
    text = edit("        n: 10\n", f"        {size}\n", SOURCED)
    assert ("single-small-study" in flags_of(tmp_path, text)) is flagged


def test_two_small_studies_are_not_a_single_small_study(tmp_path):
    text = edit("studies: [trial-one]", "studies: [trial-one, trial-two]", SOURCED) + SECOND_STUDY
    assert "single-small-study" not in flags_of(tmp_path, text)


@pytest.mark.parametrize(
    ("design", "species", "flagged"),
    [
        ("observational", "human", True),
        ("case-series", "human", True),
        ("rct", "rat", True),
        ("rct", "human", False),
        ("meta-analysis", "human", False),
    ],
)
def test_tier_above_evidence(tmp_path, design, species, flagged):
    text = edit("tier: 2\n", "tier: 3\n", SOURCED)
    text = edit("design: rct", f"design: {design}", text)
    text = edit("species: human", f"species: {species}", text)
    found = flags_of(tmp_path, text)
    assert ("tier-above-evidence" in found) is flagged
    if flagged:
        assert found["tier-above-evidence"] == "high"


def test_tier_2_without_a_controlled_trial_is_not_above_its_evidence(tmp_path):
    text = edit("design: rct", "design: observational", SOURCED)
    assert "tier-above-evidence" not in flags_of(tmp_path, text)


@pytest.mark.parametrize(
    ("kind", "flagged"), [("departs", True), ("adds", False), ("unconfirmed", False)]
)
def test_source_departs(tmp_path, kind, flagged):
    note = f"        source_notes:\n          - {{kind: {kind}, text: A test note.}}\n"
    text = edit("        n: 10\n", "        n: 10\n" + note, SOURCED)
    assert ("source-departs" in flags_of(tmp_path, text)) is flagged


def test_source_departs_on_an_outcome(tmp_path):
    note = "            source_notes:\n              - {kind: departs, text: A test note.}\n"
    text = edit(
        '            p: {relation: "<", value: 0.05}\n',
        '            p: {relation: "<", value: 0.05}\n' + note,
        SOURCED,
    )
    assert flags_of(tmp_path, text)["source-departs"] == "medium"


def test_no_confirmed_source(tmp_path):
    assert flags_of(tmp_path, MINIMAL)["no-confirmed-source"] == "low"
    assert "no-confirmed-source" not in flags_of(tmp_path, SOURCED)


def test_indirect_evidence(tmp_path):
    marked = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        indirect: {trial-one: measures something else}\n",
        SOURCED,
    )
    assert flags_of(tmp_path, marked)["indirect-evidence"] == "medium"
    assert "indirect-evidence" not in flags_of(tmp_path, SOURCED)
    both = edit("studies: [trial-one]", "studies: [trial-one, trial-two]", marked) + SECOND_STUDY
    assert flags_of(tmp_path, both)["indirect-evidence"] == "low"


def test_flags_come_most_serious_first(tmp_path):
    text = edit("tier: 2\n", "tier: 3\n", MINIMAL)
    text = edit("design: rct", "design: observational", text)
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    compound = load_catalog(path).compounds[0]
    found = appraisal.flags(compound, compound.goals[0])
    assert [(f.code, f.severity) for f in found] == [
        ("tier-above-evidence", "high"),
        ("no-controlled-trial", "medium"),
        ("single-small-study", "medium"),
        ("no-confirmed-source", "low"),
    ]


# The rules of #11: a tier is judged against direct, confirmed, controlled human evidence ---------

TIER_3 = edit("tier: 2\n", "tier: 3\n", SOURCED)
INDIRECT = "        studies: [trial-one]\n        indirect: {trial-one: measures something else}\n"


def test_an_indirect_controlled_trial_cannot_alone_carry_tier_3(tmp_path):
    text = edit("        studies: [trial-one]\n", INDIRECT, TIER_3)
    assert flags_of(tmp_path, text)["tier-above-evidence"] == "high"
    assert "tier-above-evidence" not in flags_of(tmp_path, TIER_3)


def test_an_unconfirmed_controlled_trial_cannot_alone_carry_tier_3(tmp_path):
    text = edit("tier: 2\n", "tier: 3\n", MINIMAL)  # the trial has no publication
    assert flags_of(tmp_path, text)["tier-above-evidence"] == "high"


@pytest.mark.parametrize(
    ("tiers", "flagged"),
    [("tier: 2\n", False), ("tier: 2\n        tier_max: 3\n", True), ("tier: 3\n", True)],
)
def test_a_tier_range_is_judged_by_its_upper_bound(tmp_path, tiers, flagged):
    text = edit("design: rct", "design: observational", SOURCED)
    text = edit("tier: 2\n", tiers, text)
    assert ("tier-above-evidence" in flags_of(tmp_path, text)) is flagged


def test_human_evidence_looked_for_and_not_found(tmp_path):
    text = edit("        n: 10\n", "        n: 10\n        searched: true\n", MINIMAL)
    assert flags_of(tmp_path, text)["human-evidence-not-found"] == "high"
    assert "human-evidence-not-found" not in flags_of(tmp_path, MINIMAL)  # not looked up
    assert "human-evidence-not-found" not in flags_of(tmp_path, SOURCED)  # found


@pytest.mark.parametrize(
    ("kind", "code", "severity"),
    [("unconfirmed", "unconfirmed-figure", "medium"), ("later", "later-evidence", "low")],
)
def test_note_kinds_raise_their_flags(tmp_path, kind, code, severity):
    note = f"        source_notes:\n          - {{kind: {kind}, text: A test note.}}\n"
    text = edit("        n: 10\n", "        n: 10\n" + note, SOURCED)
    assert flags_of(tmp_path, text)[code] == severity
    assert code not in flags_of(tmp_path, SOURCED)


def test_industry_ties(tmp_path):
    text = edit("        n: 10\n", "        n: 10\n        industry: A company ran it.\n", SOURCED)
    assert flags_of(tmp_path, text)["industry-ties"] == "low"


def test_the_publications_design_and_size_decide(tmp_path):
    """A study the document calls observational, published as an RCT, counts as controlled."""
    text = edit("design: rct", "design: observational\n        published: {design: rct}", TIER_3)
    assert "tier-above-evidence" not in flags_of(tmp_path, text)
    text = edit(
        "        n: 10\n",
        "        n: 10\n        n_max: 500\n        published: {n: 10}\n",
        SOURCED,
    )
    assert flags_of(tmp_path, text)["single-small-study"] == "medium"


def test_every_rule_is_documented(run):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for code in appraisal.RULES:
        assert f"`{code}`" in readme, code


SEARCHED = edit(
    "        studies: [trial-one]\n",
    "        studies: [trial-one, review-one]\n"
    "        search: {date: '2026-12-01', largest_trial: trial-one, latest_review: review-one}\n",
    SOURCED,
)


def searched_codes(tmp_path, text):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(path)
    compound = catalog.compounds[0]
    done = appraisal.appraise(catalog, Entry(compound, compound.goals[0]))
    return done.tier.tier, [flag.code for flag in done.flags]


REVIEW = (
    "      - id: review-one\n        label: Review One\n        design: review\n"
    "        population: test subjects\n"
)
FAVOURABLE = ('            p: {relation: "<", value: 0.05}\n', "            better: higher\n")


def reviewed(text):
    """TEXT with a systematic review among the compound's studies."""
    return edit(
        "    studies:\n      - id: trial-one\n",
        "    studies:\n" + REVIEW + "      - id: trial-one\n",
        text,
    )


def favourable(text):
    """TEXT with its trial's result favourable (a side to be better on), so the goal is Tier 3."""
    old, added = FAVOURABLE
    return edit(old, old + added, text)


def test_a_tier_3_goal_without_a_recorded_search_is_flagged(tmp_path):
    with_review = reviewed(SOURCED)
    tier, codes = searched_codes(tmp_path, favourable(with_review))
    assert tier == 3
    assert "not-systematically-searched" in codes
    searched = reviewed(SEARCHED)
    tier, codes = searched_codes(tmp_path, favourable(searched))
    assert tier == 3
    assert "not-systematically-searched" not in codes
    # only one of the two recorded: still flagged
    half = searched.replace(", latest_review: review-one", "")
    assert "not-systematically-searched" in searched_codes(tmp_path, favourable(half))[1]


def test_a_search_names_the_goal_s_own_studies(tmp_path, run):
    wrong = reviewed(SEARCHED).replace("largest_trial: trial-one", "largest_trial: trial-nine")
    path = tmp_path / "claims.yaml"
    path.write_text(wrong, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "search.largest_trial: study 'trial-nine' is not one of this goal's studies" in (
        result.stdout + result.stderr
    )


def test_surrogates_name_the_goal_s_own_studies(tmp_path, run):
    wrong = edit(
        "        studies: [trial-one]\n",
        "        studies: [trial-one]\n        surrogates: {trial-nine: [Score]}\n",
        SOURCED,
    )
    path = tmp_path / "claims.yaml"
    path.write_text(wrong, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "surrogates.trial-nine: study 'trial-nine' is not one of this goal's studies" in (
        result.stdout + result.stderr
    )


def test_syntheses_whose_overlap_is_not_recorded_are_never_added_together():
    from helpers import compound, outcome, study

    def people(*made):
        where, goal = compound(*made)
        found = appraisal.profile(where, goal)
        return found.human_participants, found.human_participants_at_least

    trial = study("trial", outcome(), n=100)
    small = study("small", outcome(), n=700, design="meta-analysis")
    large = study("large", outcome(), n=701, design="meta-analysis")
    assert people(trial, small) == (800, False)  # one synthesis and a trial: added
    assert people(trial, small, large) == (801, True)  # two: only the larger, at least
