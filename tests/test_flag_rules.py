"""The flag rules of `appraisal`, one at a time, at the edges the catalog tests do not reach.

Each test builds its goal from records (invented test data) and checks the exact flags a rule
gives.
"""

from peptide_cli.catalog.models import (
    Compound,
    Goal,
    Outcome,
    Regulatory,
    Study,
)
from peptide_cli.evidence import appraisal
from peptide_cli.evidence.appraisal import Flag, GoalEvidence

from helpers import invented_compound


def outcome(found: str) -> Outcome:
    """An outcome whose recorded conclusion is FOUND (benefit, no-difference or harm)."""
    return Outcome(measure="Score", effect_type="qualitative", conclusion=found)


def study(study_id: str, found: str = "benefit", **fields: object) -> Study:
    """A confirmed human RCT of 200 participants that found FOUND, unless FIELDS say otherwise."""
    values: dict[str, object] = {
        "label": study_id.replace("-", " ").title(),
        "design": "rct",
        "species": "human",
        "population": "test subjects",
        "n": 200,
        "publication": f"{study_id}-paper",
        "outcomes": [outcome(found)],
    }
    return Study(id=study_id, **{**values, **fields})


def evidence(
    studies: list[Study],
    regulatory: tuple[Regulatory, ...] = (),
    lower: int | None = None,
    upper: int | None = None,
    **goal_fields: object,
) -> GoalEvidence:
    """What the rules see of a goal of tier 2 behind STUDIES (GOAL_FIELDS changing the goal)."""
    values: dict[str, object] = {"tier": 2, "summary": "A test goal."}
    goal = Goal(
        id="focus", name="Focus", studies=[s.id for s in studies], **{**values, **goal_fields}
    )
    compound = invented_compound(regulatory=list(regulatory), goals=[goal], studies=studies)
    return appraisal.goal_evidence(compound, goal, lower, upper)


def regulatory(body: str, kind: str = "approval", **fields: object) -> Regulatory:
    return Regulatory(
        body=body, jurisdiction="Testland", kind=kind, status="listed", source="a test", **fields
    )


# What the rules are given --------------------------------------------------------------------


def test_a_goal_without_a_tier_is_judged_at_tier_1():
    seen = evidence([study("trial")], tier=None)
    assert (seen.lower, seen.upper) == (1, 1)


def test_a_range_is_judged_from_its_bounds_unless_others_are_given():
    assert evidence([], tier=2, tier_max=4)[2:4] == (2, 4)
    assert evidence([], tier=2, tier_max=4, lower=3, upper=3)[2:4] == (3, 3)
    assert evidence([], tier=2, lower=3)[2:4] == (3, 3)  # no range: the upper bound follows


def test_the_controlled_studies_are_the_human_rcts_and_meta_analyses():
    studies = [
        study("rct"),
        study("pooled", design="meta-analysis"),
        study("cohort", design="observational"),
        study("rats", species="rat"),
    ]
    seen = evidence(studies)
    assert [s.id for s in seen.human] == ["rct", "pooled", "cohort"]
    assert [s.id for s in seen.controlled] == ["rct", "pooled"]


# Trials that found no benefit ----------------------------------------------------------------


def test_the_largest_trial_null_names_it_with_its_size():
    studies = [study("small", n=50), study("large", "no-difference", n=900)]
    assert list(appraisal.largest_trial_null(evidence(studies))) == [
        Flag(
            "largest-trial-null",
            "high",
            "The largest controlled human trial, Large (900 participants), found no benefit on "
            "its primary result.",
            ("large",),
        )
    ]


def test_a_harm_counts_as_no_benefit():
    studies = [study("large", "harm", n=900)]
    assert [f.code for f in appraisal.largest_trial_null(evidence(studies))] == [
        "largest-trial-null"
    ]


def test_the_largest_trial_is_not_a_meta_analysis_nor_a_post_hoc_analysis():
    studies = [
        study("trial", n=300),
        study("pooled", "no-difference", design="meta-analysis", n=5000),
        study("reanalysis", "no-difference", analysis="post-hoc", n=3000),
    ]
    assert list(appraisal.largest_trial_null(evidence(studies))) == []


def test_the_largest_trial_must_be_in_people():
    studies = [study("trial", n=300), study("rats", "no-difference", species="rat", n=900)]
    assert list(appraisal.largest_trial_null(evidence(studies))) == []


def test_a_negative_phase_3_or_2_3_trial_is_pivotal():
    studies = [
        study("phase-2", "no-difference", phase="2"),
        study("phase-2-3", "no-difference", phase="2/3"),
        study("phase-3", "harm", phase="3"),
        study("phase-3-benefit", phase="3"),
        study("phase-3-post-hoc", "no-difference", phase="3", analysis="post-hoc"),
    ]
    assert list(appraisal.pivotal_trial_negative(evidence(studies))) == [
        Flag(
            "pivotal-trial-negative",
            "high",
            "A pivotal (phase 3) trial found no benefit: Phase 2 3 and Phase 3.",
            ("phase-2-3", "phase-3"),
        )
    ]


# The tier against the evidence ---------------------------------------------------------------


def test_a_tier_range_above_its_evidence_names_what_is_missing():
    studies = [
        study("indirect-trial"),
        study("unpublished-trial", publication=None),
        study("cohort", design="observational"),
    ]
    seen = evidence(studies, tier=2, tier_max=3, indirect={"indirect-trial": "another measure"})
    assert list(appraisal.tier_above_evidence(seen)) == [
        Flag(
            "tier-above-evidence",
            "high",
            "Tier 2-3 (judged by its upper bound) without a direct, confirmed, controlled human "
            "trial: its controlled human evidence is indirect for this goal (Indirect Trial) and "
            "without a confirmed publication (Unpublished Trial).",
            ("indirect-trial", "unpublished-trial"),
        )
    ]


def test_a_tier_without_any_study_is_above_its_evidence():
    assert list(appraisal.tier_above_evidence(evidence([], tier=3))) == [
        Flag("tier-above-evidence", "high", "Tier 3 without a controlled human trial.", ())
    ]


def test_one_direct_confirmed_trial_carries_tier_3():
    studies = [study("trial"), study("unpublished-trial", publication=None)]
    assert list(appraisal.tier_above_evidence(evidence(studies, tier=3))) == []


# The regulators ------------------------------------------------------------------------------


def test_a_safety_risk_list_is_a_high_warning_in_full():
    listed = regulatory("Agency", "safety-risk-list", date="2023-09", warning="may cause harm")
    assert list(appraisal.regulator_flags(evidence([], (listed,)))) == [
        Flag("regulator-safety-warning", "high", "Agency: listed (2023-09); may cause harm.", ())
    ]
    bare = regulatory("Agency", "safety-risk-list")
    assert [f.reason for f in appraisal.regulator_flags(evidence([], (bare,)))] == [
        "Agency: listed."
    ]


def test_any_other_warning_is_medium():
    warned = regulatory("Agency", warning="a boxed warning")
    assert list(appraisal.regulator_flags(evidence([], (warned,)))) == [
        Flag("regulator-safety-warning", "medium", "Agency warns: a boxed warning.", ())
    ]
    assert list(appraisal.regulator_flags(evidence([], (regulatory("Agency"),)))) == []


def test_a_surrogate_approval_counts_for_its_goals_only():
    for_every_goal = regulatory("Agency", "accelerated-approval", surrogate=True)
    assert list(appraisal.regulator_flags(evidence([], (for_every_goal,)))) == [
        Flag(
            "surrogate-approval",
            "medium",
            "Agency's accelerated approval rests on a surrogate endpoint: see its entry.",
            (),
        )
    ]
    for_focus = regulatory("Agency", surrogate=True, basis="a blood marker", goals=["focus"])
    assert [f.reason for f in appraisal.regulator_flags(evidence([], (for_focus,)))] == [
        "Agency's approval rests on a surrogate endpoint: a blood marker."
    ]
    for_another = regulatory("Agency", surrogate=True, goals=["sleep"])
    assert list(appraisal.regulator_flags(evidence([], (for_another,)))) == []


def test_regulatory_flags_are_one_per_code_with_every_entrys_reason():
    entries = (
        regulatory("First", surrogate=True),
        regulatory("Second", warning="a boxed warning", surrogate=True),
    )
    found = appraisal.flags(*_goal_of(evidence([study("trial")], entries)))
    assert [(f.code, f.severity, f.reason) for f in found] == [
        (
            "surrogate-approval",
            "medium",
            "First's approval rests on a surrogate endpoint: see its entry. Second's approval "
            "rests on a surrogate endpoint: see its entry.",
        ),
        ("regulator-safety-warning", "medium", "Second warns: a boxed warning."),
    ]


def test_only_the_entry_in_effect_on_a_track_raises_flags():
    listed = regulatory("FDA", "safety-risk-list", date="2023-09-29", track="list")
    removed = regulatory("FDA", "removed-from-list", date="2024-09-27", track="list")
    assert [f.code for f in appraisal.regulator_flags(evidence([], (listed,)))] == [
        "regulator-safety-warning"
    ]
    assert list(appraisal.regulator_flags(evidence([], (listed, removed)))) == []


def test_a_later_event_reported_only_in_the_news_marks_the_status_as_possibly_out_of_date():
    listed = regulatory("FDA", "safety-risk-list", date="2023-09-29", track="list")
    reported = regulatory("FDA", "removed-from-list", date="2024-09-27", track="list", grade="C")
    agreeing = regulatory("FDA", "safety-risk-list", date="2024-09-27", track="list", grade="C")
    found = list(appraisal.regulator_flags(evidence([], (listed, reported))))
    assert [(f.code, f.severity) for f in found] == [
        ("regulator-safety-warning", "high"),  # the listing stays in effect: news sets nothing
        ("status-possibly-out-of-date", "medium"),
    ]
    assert found[1].reason == (
        "A later event is reported, not confirmed on a regulator's or journal's page: list: "
        "listed (2024-09-27)."
    )
    # a reported event of the same kind as the entry in effect casts no doubt on it
    assert [f.code for f in appraisal.regulator_flags(evidence([], (listed, agreeing)))] == [
        "regulator-safety-warning"
    ]


def _goal_of(seen: GoalEvidence) -> tuple[Compound, Goal]:
    return seen.compound, seen.goal


# Who was studied, and by whom ----------------------------------------------------------------


def test_a_single_population_names_it_and_every_study():
    seen = evidence([study("one"), study("two")], population="adults with obesity")
    assert list(appraisal.single_population(seen)) == [
        Flag(
            "single-population",
            "low",
            "The evidence is limited to one population: adults with obesity.",
            ("one", "two"),
        )
    ]
    assert list(appraisal.single_population(evidence([study("one")]))) == []


def test_one_research_group_counts_the_studies_that_record_one():
    studies = [
        study("one", research_group="Lab A"),
        study("two"),
        study("three", research_group="Lab A"),
    ]
    assert list(appraisal.one_research_group(evidence(studies))) == [
        Flag(
            "one-research-group",
            "low",
            "The research group is recorded for 2 of 3 studies, and it is one group: Lab A.",
            ("one", "three"),
        )
    ]


def test_two_research_groups_or_none_raise_nothing():
    two = [study("one", research_group="Lab A"), study("two", research_group="Lab B")]
    assert list(appraisal.one_research_group(evidence(two))) == []
    assert list(appraisal.one_research_group(evidence([study("one")]))) == []


# The rules together ---------------------------------------------------------------------------


def test_every_rule_but_the_tier_checks_of_appraise_is_in_flag_rules():
    """Every code of RULES comes from FLAG_RULES, but the three that `appraise` adds (they need
    the computed tier)."""
    names = [rule.__name__ for rule in (*appraisal.FLAG_RULES, *appraisal.ENTRY_RULES)]
    codes = {name.replace("_", "-") for name in names if name != "regulator_flags"}
    added = {"tier-differs", "tier-above-certainty", "not-systematically-searched"}
    tracks = {"status-possibly-out-of-date"}  # regulator_flags raises it for a whole track
    assert codes == set(appraisal.RULES) - added - tracks


def test_a_small_uncontrolled_study_raises_its_flags_in_order():
    cohort = study("cohort", design="observational", n=40, publication=None, industry="Co")
    found = appraisal.flags(*_goal_of(evidence([cohort], tier=3)))
    assert [(f.code, f.severity) for f in found] == [
        ("tier-above-evidence", "high"),
        ("no-controlled-trial", "medium"),
        ("single-small-study", "medium"),
        ("no-confirmed-source", "low"),
        ("industry-ties", "low"),
    ]
