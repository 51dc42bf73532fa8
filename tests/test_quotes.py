"""The quote rule (#27 item 1): every number of a figure that carries its source's sentence must
be written in that sentence, and `validate` says where one is not."""

import json

import pytest

from peptide_cli.catalog.loading import load_catalog
from peptide_cli.catalog.models import (
    Arm,
    ConfidenceInterval,
    Harm,
    HarmArm,
    Outcome,
    PValue,
    Study,
)
from peptide_cli.catalog.quotes import figures, numbers_in, unquoted

from helpers import DATA, REPO, problems


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,089 patients", 1089),
        ("Seven RCTs (1 773 participants)", 1773),
        ("HR 0.80", 0.8),
        ("P < .001", 0.001),
        ("RR 2·39 (1·10 to 5·23)", 5.23),
        ("fell by −2.9 points", 2.9),
        ("an odds ratio of 0,65", 0.65),  # a decimal comma
        ("18 more per 1 000", 1000),
    ],
)
def test_numbers_are_read_however_the_quote_writes_them(text, number):
    assert number in numbers_in(text)


def test_digits_that_differ_are_different_numbers():
    assert numbers_in("RR 0.96 (0.65 to 1.41)") == {0.96, 0.65, 1.41}
    assert 0.9 not in numbers_in("RR 0.96")
    assert 1.4 not in numbers_in("1.41")


def result(quote, **fields):
    return Outcome(
        measure="Deaths",
        effect_type="hazard-ratio",
        value=0.8,
        ci=ConfidenceInterval(low=0.72, high=0.9),
        p=PValue(relation="<", value=0.001),
        quote=quote,
        **fields,
    )


QUOTE = "hazard ratio, 0.80; 95% confidence interval, 0.72 to 0.90; P<0.001"


def test_an_outcome_whose_figures_are_all_in_its_quote_passes():
    assert [path for path, _ in figures(result(QUOTE))] == [
        ("value",),
        ("ci", "low"),
        ("ci", "high"),
        ("p", "value"),
    ]
    assert list(unquoted(result(QUOTE))) == []
    assert list(unquoted(result(None))) == []  # no quote: nothing to check


@pytest.mark.parametrize(
    ("quote", "missing"),
    [
        (QUOTE.replace("0.90", "0.91"), [(("ci", "high"), 0.9)]),
        (QUOTE.replace("0.80", "0.81"), [(("value",), 0.8)]),
        (QUOTE.replace("P<0.001", "P<0.01"), [(("p", "value"), 0.001)]),
    ],
)
def test_a_figure_missing_from_its_quote_is_named(quote, missing):
    assert list(unquoted(result(quote))) == missing


def test_each_groups_figures_are_checked():
    arms = [
        Arm(group="treated", events=127, total=542),
        Arm(group="placebo", events=132, total=547),
    ]
    made = Outcome(
        measure="Deaths",
        effect_type="qualitative",
        arms=arms,
        quote="127 of 542 died with the drug and 132 of 547 with placebo",
    )
    assert list(unquoted(made)) == []
    wrong = Outcome(
        measure="Deaths",
        effect_type="qualitative",
        arms=arms,
        quote="127 of 542 died with the drug and 132 of 574 with placebo",
    )
    assert list(unquoted(wrong)) == [(("arms", 1, "total"), 547)]
    harm = Harm(
        event="Nausea",
        kind="adverse-events",
        arms=[HarmArm(group="a", count=1461, total=8803, percent=16.6)],
        quote="1461 of 8803 patients (16.6%)",
    )
    assert list(unquoted(harm)) == []
    size = Study(id="s", label="S", design="rct", population=".", n=1070, quote="1,070 patients")
    assert list(unquoted(size)) == []


def test_validate_names_the_figure_that_is_not_in_its_quote(tmp_path, run):
    from minimal import edit

    line = '            p: {relation: "<", value: 0.05}\n'
    quoted = line + "            quote: a difference of 1.5 points (0.5 to 2.5; p<0.05)\n"
    good = edit(line, quoted).replace("schema_version: 1", "schema_version: 3")
    assert problems(tmp_path, run, good)[0] == 0
    code, said = problems(tmp_path, run, good.replace("2.5; p", "2.6; p"))
    assert code == 3
    # located at the figure: the interval's high end, on line 38
    assert ":38:34: compounds[0].studies[0].outcomes[0].ci.high: 2.5 is not in its quote" in said


# The bundled data: a quote behind every figure entered from #27 on -----------------------------

# The figures entered before the quote rule whose research files hold no sentence with every
# number of them (#27): frozen here, so that any figure entered later must carry its quote.
LEGACY = {
    tuple(row) for row in json.loads((DATA / "unquoted-figures.json").read_text(encoding="utf-8"))
}


def unquoted_records(catalog):
    for compound in catalog.compounds:
        for study in compound.studies:
            if figures(study) and not study.quote:
                yield compound.id, study.id, "study", ""
            for outcome in study.outcomes:
                if figures(outcome) and not outcome.quote:
                    yield compound.id, study.id, "outcome", outcome.measure
            for harm in study.harms:
                if figures(harm) and not harm.quote:
                    yield compound.id, study.id, "harm", harm.event


def test_every_figure_entered_since_the_quote_rule_carries_its_quote():
    catalog = load_catalog(REPO / "data")
    assert set(unquoted_records(catalog)) <= LEGACY
    for compound in catalog.compounds:  # and every quote holds its figures (validate's check)
        for study in compound.studies:
            for record in (study, *study.outcomes, *study.harms):
                assert list(unquoted(record)) == [], (compound.id, study.id)


def test_the_legacy_list_shrinks_only():
    """An entry of the frozen list whose record has since gained a quote, or gone, must leave
    the list, so that it never shelters a new figure."""
    assert set(unquoted_records(load_catalog(REPO / "data"))) >= LEGACY
