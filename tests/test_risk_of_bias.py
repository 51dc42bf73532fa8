"""Risk of bias as a source judged it, 'not assessed' where none did, and provenance beside the
certainty rather than in it (#26), at each rule's boundary."""

import pytest

from peptide_cli.catalog.models import (
    ConfidenceInterval,
    Goal,
    Outcome,
    PValue,
    RiskOfBias,
    SourceNote,
    Study,
)
from peptide_cli.evidence import certainty

from helpers import EMPTY_CATALOG, invented_compound

CATALOG = EMPTY_CATALOG
GOAL = Goal(id="focus", name="Focus", summary=".", studies=["t"])
PRECISE = Outcome(
    measure="Pain",
    effect_type="mean-difference",
    value=-2.0,
    ci=ConfidenceInterval(low=-3.0, high=-1.0),
    p=PValue(relation="<", value=0.001),
    better="lower",
)


def judged(judgement="low", **fields):
    return RiskOfBias(
        judgement=judgement, tool="RoB 2", source="a review", quote="judged", grade="A", **fields
    )


def study(risk_of_bias=None, **fields):
    fields.setdefault("publication", "pub")
    fields.setdefault("n", 1000)
    return Study(
        id="t",
        label="T",
        design="rct",
        species="human",
        population=".",
        risk_of_bias=risk_of_bias,
        outcomes=[PRECISE],
        **fields,
    )


def rated(found, outcome=PRECISE):
    done = certainty.assess(CATALOG, None, GOAL, found, outcome)
    moved = [(r.code, r.levels) for r in done.reasons if r.domain == "risk of bias"]
    return done.level, moved


@pytest.mark.parametrize(
    ("risk", "expected"),
    [
        (judged("low"), ("high", [("rob-low", 0)])),
        (judged("some-concerns"), ("moderate", [("rob-some-concerns", -1)])),
        (judged("high"), ("moderate", [("rob-high", -1)])),
        (judged("high", domains={"randomisation": "high"}), ("moderate", [("rob-high", -1)])),
        (
            judged("high", domains={"randomisation": "high", "missing data": "high"}),
            ("low", [("rob-high", -2)]),
        ),
        # a synthesis: more than half its weight at high or unclear risk moves a level
        (judged("low", share_high_or_unclear=0.5), ("high", [("rob-low", 0)])),
        (
            judged("low", share_high_or_unclear=0.51),
            ("moderate", [("rob-most-weight-unclear", -1)]),
        ),
        # no judgement from any source: held at low at most, and said so
        (None, ("low", [("rob-not-assessed", -2)])),
    ],
)
def test_risk_of_bias_as_a_source_judged_it(risk, expected):
    assert rated(study(risk)) == expected


def test_not_assessed_moves_nothing_where_the_level_is_low_already():
    small = study(None, n=100)  # under the information size: imprecision -1, so moderate
    assert rated(small) == ("low", [("rob-not-assessed", -1)])
    tiny = study(None, n=None)  # size unknown too
    observational = Study(**{**vars_of(tiny), "design": "observational"})
    assert rated(observational) == ("very low", [("rob-not-assessed", 0)])


def vars_of(record):
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"publication": None, "searched": True}, "source-not-found"),
        ({"publication": None}, "source-not-confirmed"),
        (
            {"source_notes": [SourceNote(kind="unconfirmed", text="not in the paper")]},
            "figure-not-confirmed",
        ),
    ],
)
def test_provenance_is_shown_beside_the_certainty_and_moves_no_level(fields, code):
    found = study(judged("low"), **fields)
    done = certainty.assess(CATALOG, None, GOAL, found, PRECISE)
    assert done.level == "high"
    assert [r.code for r in done.provenance] == [code]
    compound = invented_compound()
    reading = certainty.read(CATALOG, compound, found, PRECISE, done)
    assert reading.statement.startswith("Testium reduces Pain. ")
    assert reading.statement.endswith(certainty.PROVENANCE_WORDS[code])


def test_industry_involvement_is_a_publication_bias_signal_not_risk_of_bias():
    done = certainty.assess(CATALOG, None, GOAL, study(judged("low"), industry="sponsor"), PRECISE)
    assert done.level == "high"
    industry = [r for r in done.reasons if r.code == "industry"]
    assert [(r.domain, r.levels) for r in industry] == [("publication bias", 0)]


def test_a_post_hoc_analysis_is_rated_down_for_indirectness():
    done = certainty.assess(CATALOG, None, GOAL, study(judged("low"), analysis="post-hoc"), PRECISE)
    assert done.level == "moderate"
    assert [(r.domain, r.code, r.levels) for r in done.reasons if r.levels] == [
        ("indirectness", "post-hoc", -1)
    ]
    secondary = certainty.assess(
        CATALOG, None, GOAL, study(judged("low"), analysis="secondary"), PRECISE
    )
    assert secondary.level == "high"  # a prespecified secondary analysis costs nothing


def test_a_surrogate_for_the_goal_is_rated_down_for_indirectness():
    marker = Goal(id="focus", name="Focus", summary=".", studies=["t"], surrogates={"t": ["Pain"]})
    done = certainty.assess(CATALOG, None, marker, study(judged("low")), PRECISE)
    assert done.level == "moderate"
    assert [(r.code, r.levels) for r in done.reasons if r.domain == "indirectness"] == [
        ("surrogate", -1)
    ]
    # the same measure of another study, or another measure, is not marked
    other = Outcome(**{**{n: getattr(PRECISE, n) for n in PRECISE.__dataclass_fields__}})
    other.measure = "Function"
    assert certainty.assess(CATALOG, None, marker, study(judged("low")), other).level == "high"
