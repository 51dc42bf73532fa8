"""`peptide-cli show GOAL`: goal matching, the goal view and its JSON."""

import re

import pytest

from helpers import GOALS

# Every alias in the bundled file, and the goal it names.
ALIASES = {
    "cognition": "cognition-memory",
    "memory": "cognition-memory",
    "dementia": "cognition-memory",
    "alzheimers": "cognition-memory",
    "vascular-dementia": "cognition-memory",
    "cognitive": "cognition-memory",
    "stroke": "stroke-injury-recovery",
    "tbi": "stroke-injury-recovery",
    "traumatic-brain-injury": "stroke-injury-recovery",
    "brain-injury": "stroke-injury-recovery",
    "injury": "stroke-injury-recovery",
    "motor-recovery": "stroke-injury-recovery",
    "inflammation": "anti-inflammatory",
    "anti-inflammatory": "anti-inflammatory",
    "cytokines": "anti-inflammatory",
    "mood": "mood-stress",
    "stress": "mood-stress",
    "anxiety": "mood-stress",
    "depression": "mood-stress",
    "ptsd": "mood-stress",
    "resilience": "mood-stress",
    "sleep": "sleep",
    "insomnia": "sleep",
    "longevity": "longevity",
    "aging": "longevity",
    "ageing": "longevity",
    "lifespan": "longevity",
    "age-related-decline": "longevity",
    "immune": "immune",
    "immunity": "immune",
    "immune-system": "immune",
    "energy": "energy-mitochondria",
    "mitochondria": "energy-mitochondria",
    "mitochondrial": "energy-mitochondria",
    "fatigue": "energy-mitochondria",
    "hair": "hair",
    "repigmentation": "hair",
    "grey-hair": "hair",
    "gray-hair": "hair",
    "muscle": "muscle",
    "strength": "muscle",
    "hypertrophy": "muscle",
    "athletic": "athletic",
    "performance": "athletic",
    "sport": "athletic",
    "exercise": "athletic",
    "liver": "liver-heart",
    "heart": "liver-heart",
    "cardiac": "liver-heart",
    "hepatic": "liver-heart",
    "gut": "gut",
    "digestion": "gut",
    "digestive": "gut",
    "gastrointestinal": "gut",
}


def test_aliases_cover_every_alias_in_the_file(run):
    in_file = {alias for goal in run.json("goals", "--json") for alias in goal["aliases"]}
    assert in_file == set(ALIASES)


@pytest.mark.parametrize(("alias", "goal_id"), sorted(ALIASES.items()))
def test_every_alias_finds_its_goal(run, alias, goal_id):
    assert run.json("show", alias, "--json")["id"] == goal_id


@pytest.mark.parametrize(("goal_id", "name"), [(g[0], g[1]) for g in GOALS])
def test_ids_and_names_find_their_goal_in_any_case(run, goal_id, name):
    assert run.json("show", goal_id, "--json")["id"] == goal_id
    assert run.json("show", name.upper(), "--json")["id"] == goal_id
    assert run.json("show", name.lower(), "--json")["id"] == goal_id


@pytest.mark.parametrize(
    ("query", "goal_id"),
    [
        ("Stroke", "stroke-injury-recovery"),
        ("TBI", "stroke-injury-recovery"),
        ("Memory", "cognition-memory"),
        ("HAIR", "hair"),
        ("strok", "stroke-injury-recovery"),
        ("mitochon", "energy-mitochondria"),
        ("alzheimer's", "cognition-memory"),
        ("Alzheimer", "cognition-memory"),
        ("heart health", "liver-heart"),
        ("  liver  ", "liver-heart"),
        ("repig", "hair"),
        ("Age-Related", "longevity"),
    ],
)
def test_unique_words_and_prefixes_find_their_goal(run, query, goal_id):
    assert run.json("show", query, "--json")["id"] == goal_id


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "health",
            "peptide-cli: 'health' matches several goals: Liver & Heart Health (liver-heart), "
            "Gut Health (gut); be more specific\n",
        ),
        (
            "m",
            "peptide-cli: 'm' matches several goals: Cognition & Memory (cognition-memory), "
            "Stroke & Injury Recovery (stroke-injury-recovery), "
            "Mood & Stress Resilience (mood-stress), "
            "Energy & Mitochondrial Function (energy-mitochondria), Muscle Growth (muscle); "
            "be more specific\n",
        ),
    ],
)
def test_ambiguous_goal_exits_1_listing_the_candidates(run, query, message):
    result = run("show", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sleeep", "peptide-cli: no goal matches 'sleeep'; did you mean 'sleep'?\n"),
        ("livr", "peptide-cli: no goal matches 'livr'; did you mean 'liver'?\n"),
        ("xyzzy", "peptide-cli: no goal matches 'xyzzy'\n"),
    ],
)
def test_unknown_goal_exits_1_with_the_closest_names(run, query, message):
    for args in (("show", query), ("show", query, "--json")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == message


def test_show_json_nests_every_study_in_full(run):
    goal = run.json("show", "stroke", "--json")
    assert goal["id"] == "stroke-injury-recovery"
    # the largest trial, CASTA, found no difference: Tier 2 with its own label (#26, #27)
    assert goal["tier"] == 2
    assert goal["tier_max"] == 2
    assert goal["tier_label"] == "Tested: No Benefit Shown"
    assert [s["id"] for s in goal["studies"]] == [
        "cars",
        "captain-ii",
        "cochrane-stroke-2023",
        "casta",
        "wang-2017",
        "zhang-2017",
        "chang-2016",
        "captain-i",
    ]
    cars = goal["studies"][0]
    assert (cars["design"], cars["species"], cars["n"], cars["n_max"]) == (
        "meta-analysis",
        "human",
        442,
        1879,
    )
    arat = cars["outcomes"][0]
    assert arat["measure"] == "ARAT"
    assert arat["effect_type"] == "mann-whitney"
    assert arat["value"] == 0.62
    assert arat["p"] == {"relation": "<", "value": 0.0001, "decimals": None}
    assert arat["timepoint"] == {"value": 90, "value_max": None, "unit": "day", "label": None}


def test_a_study_backing_two_goals_is_the_same_record_in_both(run):
    stroke = run.json("show", "stroke", "--json")["studies"]
    mood = run.json("show", "mood", "--json")["studies"]
    captain_in_stroke = next(s for s in stroke if s["id"] == "captain-ii")
    captain_in_mood = next(s for s in mood if s["id"] == "captain-ii")
    # The certainty and reading of an outcome belong to the goal it is evidence for (#12).
    certainties = [
        [o.pop("certainty")["level"] for o in study["outcomes"]]
        for study in (captain_in_stroke, captain_in_mood)
    ]
    # in mood, each is indirect (-1); the 90-day result's interval, from a source note, is
    # precise enough that it stays at low, while the 10-day one has no figure (-2)
    assert certainties == [["low", "low"], ["low", "very low"]]
    for study in (captain_in_stroke, captain_in_mood):
        for outcome in study["outcomes"]:
            outcome.pop("reading")
    assert captain_in_stroke == captain_in_mood
    assert captain_in_mood["n"] == 139


def test_show_table_gives_tier_summary_limitations_and_outcomes(run):
    result = run("show", "sleep", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    assert "Sleep Quality  sleep\n" in out
    assert "Tier 2 · Plausible Efficacy · Cerebrolysin · stated 2 (Plausible Efficacy)\n" in out
    assert "Sleep was one item of a five-item symptom score, not a primary outcome." in out
    assert "RCT · human · n=20 · diabetic neuropathy · vs placebo" in out
    assert "cerebrolysin 8.7±1.9 → 5.1±2.2 (p<0.001); placebo 7.9±1.2 → 6.6±1.1 (p<0.05)" in out
    assert "Composite symptom score (5 components)" in out
    assert "6 weeks" in out


def test_show_table_prints_a_stated_tier_range_and_its_own_label_beside_the_computed_tier(run):
    out = run("show", "liver", env={"COLUMNS": "200"}).stdout
    assert "Tier 2 · Plausible Efficacy · Cerebrolysin · stated 2-3 (Limited & Indirect)\n" in out


def test_show_table_for_a_goal_without_studies_says_so(run):
    out = run("show", "gut", env={"COLUMNS": "200"}).stdout
    assert "Studies (0)\n  None.\n" in out
    assert "Tier 1 · No Evidence" in out


def test_show_table_gives_interval_and_p_value(run):
    out = run("show", "memory", env={"COLUMNS": "200"}).stdout
    assert "0.37 to 1.82 (95%)" in out
    assert "-5.36 to -2.66 (95%)" in out
    assert "0.7463 to 1.6135 (95%)" in out
    assert "cerebrolysin 76%; placebo 57%" in out
    assert "0.007" in out


def test_show_quotes_gives_the_sentence_behind_each_quoted_figure(run):
    plain = run("show", "stroke", env={"COLUMNS": "400"}).stdout
    quoted = run("show", "stroke", "--quotes", env={"COLUMNS": "400"}).stdout
    assert "Quote (" not in plain
    lines = [" ".join(line.split()) for line in quoted.splitlines()]
    assert (
        "• All-cause death: Quote (grade A, "
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC10565895/table/CD007026-tbl-0001): "
        "“All‐cause death (follow‐up period up to 90 days) | 61 per 1000 47/767 (6.1%) | 58 per "
        "1000 53/922 (5.7%) 3 fewer per 1000 (from 22 fewer to 22 more) | RR 0.96 (0.65 to "
        "1.41) | 1689 (6 RCTs) | ⊕⊕⊕⊝ Moderatea”"
    ) in lines
    assert any(line.startswith("• Size: Quote (grade A, ") for line in lines)  # the study's n
    # JSON always carries them
    goal = run.json("show", "stroke", "--json")
    cochrane = next(s for s in goal["studies"] if s["id"] == "cochrane-stroke-2023")
    assert cochrane["outcomes"][0]["grade"] == "A"
    assert "RR 0.96 (0.65 to 1.41)" in cochrane["outcomes"][0]["quote"]


def test_notes_cite_publications_as_readers_name_them_not_by_internal_id(run, tmp_path):
    shown = " ".join(run("show", "stroke", env={"COLUMNS": "400"}).stdout.split())
    assert "NNT for early NIHSS improvement 7.1 (95% CI 4 to 22, Guekht 2017)." in shown
    assert "See Guekht 2017, Chang 2016, Bornstein 2018." in shown
    assert "guekht-2017" not in shown and "bornstein-2018" not in shown
    # the report names each by its number in the page's list of references too
    page = tmp_path / "stroke.html"
    assert run("report", "stroke", "-o", str(page)).exit_code == 0
    text = " ".join(page.read_text(encoding="utf-8").split())
    listed = re.findall(r'<li id="ref-([a-z0-9-]+)">', text)  # the references, in order
    number = listed.index("guekht-2017") + 1
    assert f"95% CI 4 to 22, Guekht 2017 [{number}])" in text
