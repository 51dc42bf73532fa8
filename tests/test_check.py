"""`peptide-cli check CLAIM` (#31): a claim someone made, read by fixed rules, and one verdict
of a fixed set with the rule that decided it. The claims are written from the bundled
catalog's own evidence; each verdict is asserted exactly."""

import pytest

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.reading import bundled_path
from peptide_cli.evidence import check_claim

CATALOG = load_catalog(bundled_path())

CLAIMS = [
    # true claims: direct controlled human trials favour the compound
    ("semaglutide causes weight loss in adults with obesity", "supported"),
    ("semaglutide causes 12% more weight loss than placebo", "supported"),  # within 11.5-13.4
    ("semaglutide lowers cardiovascular risk", "supported"),
    ("tirzepatide causes weight loss", "supported"),
    ("Cerebrolysin improves memory", "supported"),
    ("tesamorelin reduces visceral fat in HIV", "supported"),
    ("bremelanotide treats low sexual desire", "supported"),
    ("PT-141 treats hypoactive sexual desire disorder", "supported"),  # the name in brackets
    # over-statements: size, certainty words, a per-arm change as the effect
    ("semaglutide causes 15% weight loss", "overstated"),  # STEP 1's arm, not the difference
    ("semaglutide is proven to cause weight loss", "overstated"),
    ("tirzepatide causes 20% weight loss", "overstated"),
    ("Cerebrolysin cures dementia", "overstated"),
    ("semaglutide causes 40% weight loss", "overstated"),  # outside every interval
    # contradicted: the largest or pivotal direct trial found no benefit, or the claim denies one
    ("thymosin alpha-1 cuts sepsis deaths by 40%", "contradicted"),
    ("thymosin alpha-1 improves survival in sepsis", "contradicted"),
    ("Cerebrolysin helps stroke recovery", "contradicted"),
    ("intranasal oxytocin improves social functioning in autism", "contradicted"),
    ("oxytocin helps autism", "contradicted"),  # a word of the compound's name
    ("elamipretide improves Barth syndrome", "contradicted"),
    ("LL-37 heals venous leg ulcers", "contradicted"),
    ("ipamorelin speeds recovery from postoperative ileus", "contradicted"),
    ("semaglutide does not cause weight loss", "contradicted"),
    # different molecules
    ("TB-500 heals tendons", "different-molecule"),
    ("TB-500 speeds wound healing", "different-molecule"),
    ("TB-500 is thymosin beta-4, proven in trials", "different-molecule"),
    # no human evidence
    ("BPC-157 heals tendons in humans", "no-human-evidence"),
    ("BPC-157 heals tendons", "no-human-evidence"),
    ("BPC-157 relieves knee pain", "no-human-evidence"),  # an uncontrolled case series
    ("BPC-157 relieves pain after surgery", "no-human-evidence"),
    ("semaglutide prevents Alzheimer's", "no-human-evidence"),  # results seen only in news
    ("Cerebrolysin builds muscle", "no-human-evidence"),
    ("Cerebrolysin repigments grey hair", "no-human-evidence"),
    ("Cerebrolysin improves sleep", "no-human-evidence"),
    ("semax improves memory", "no-human-evidence"),  # a compound with no goal
    # nonsense, and compounds not in the catalog
    ("the moon is made of cheese", "not-in-catalog"),
    ("ashwagandha lowers stress", "not-in-catalog"),
    ("peptides are good for you", "not-in-catalog"),
    # ambiguous, or too little to judge
    ("thymosin cuts sepsis deaths", "cannot-judge"),  # alpha-1 or beta-4?
    ("semaglutide", "cannot-judge"),  # no goal
    ("Cerebrolysin is amazing", "cannot-judge"),
]


@pytest.mark.parametrize(("claim", "verdict"), CLAIMS)
def test_each_claim_gets_its_verdict(claim, verdict):
    assert check_claim(CATALOG, claim).verdict == verdict


def test_the_set_covers_every_verdict_with_forty_claims_or_more():
    assert len(CLAIMS) >= 40
    assert {verdict for _, verdict in CLAIMS} == {
        "supported",
        "overstated",
        "contradicted",
        "different-molecule",
        "no-human-evidence",
        "not-in-catalog",
        "cannot-judge",
    }


def test_what_was_understood_is_shown():
    said = check_claim(CATALOG, "tirzepatide causes 20 pounds of weight loss in humans").parsed
    assert (said.compound, said.goal, said.population, said.size, said.unit) == (
        "tirzepatide",
        "weight-management",
        "human",
        9.1,  # 20 pounds, in kg
        "kg",
    )
    assert check_claim(CATALOG, "TB-500 is thymosin beta-4").parsed.mentioned == [
        "tb-500",
        "thymosin-beta-4",
    ]


def test_a_per_arm_change_stated_as_the_effect_is_named_as_such():
    checked = check_claim(CATALOG, "semaglutide causes 15% weight loss")
    assert checked.notes == [
        "15% is the change within the STEP 1 treatment group, not the difference from the "
        "comparator; the difference from the comparator was 12.4 (-13.4 to -11.5)"
    ]


def test_no_human_evidence_names_the_studies_and_where_people_were_studied():
    checked = check_claim(CATALOG, "BPC-157 heals tendons in humans")
    assert checked.studies == [
        "Rat Achilles transection study",
        "Rat Achilles detachment study",
        "Rat myotendinous junction study",
    ]
    assert checked.notes == [
        "other human studies of BPC-157: Knee injection case series (for Knee Pain)"
    ]


def test_the_command_in_text_and_json(run, monkeypatch):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    result = run("check", "TB-500 heals tendons")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Claim: TB-500 heals tendons",
        "Understood: compound tb-500, goal tendon-healing",
        "Verdict: different molecule or route",
    ]
    found = run.json("check", "semaglutide causes weight loss", "--json")
    assert (found["verdict"], found["tier"], found["parsed"]["goal"]) == (
        "supported",
        3,
        "weight-management",
    )
    # --compound names the compound a claim leaves out
    named = run.json("check", "causes weight loss", "--compound", "tirzepatide", "--json")
    assert (named["verdict"], named["parsed"]["compound"]) == ("supported", "tirzepatide")


@pytest.mark.parametrize("claim", ["the moon is made of cheese", "Cerebrolysin is amazing"])
def test_a_claim_understood_too_little_exits_1_and_says_what_was_missing(run, monkeypatch, claim):
    monkeypatch.delenv("PEPTIDE_CLI_DATA")
    result = run("check", claim)
    assert result.exit_code == 1
    assert "Why: " in result.stdout
